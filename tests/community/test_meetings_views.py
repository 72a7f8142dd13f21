"""The meeting and commitment pages: the public ones without login (names of
registrants never shown, minutes only once published, constant query counts),
the organisers' pages and the progress page, each for the right role, the wrong
role and the out-of-scope object; script in every text field comes out escaped."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from community.models import CitizenProfile, Commitment, Meeting, MeetingRegistration
from tests.community.factories import ResponderFactory
from tests.community.factories_meetings import (
    CommitmentFactory,
    CommitmentUpdateFactory,
    HeldMeetingFactory,
    MeetingFactory,
    MeetingRegistrationFactory,
)
from tests.helpers import assert_constant_queries
from tests.positions.factories import OrgUnitFactory

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"


def url(name, *args):
    return reverse(f"community:{name}", args=args)


def html(response) -> str:
    return response.content.decode()


def messages_of(response) -> str:
    return " ".join(str(m) for m in response.context["messages"])


@pytest.fixture
def unit(db):
    return OrgUnitFactory(name="Dinas Kependudukan")


@pytest.fixture
def responder(unit, role_groups):
    return ResponderFactory(unit=unit, user__username="petugas").user


@pytest.fixture
def other_responder(role_groups):
    return ResponderFactory(unit=OrgUnitFactory(), user__username="petugaslain").user


def client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


# ---------------------------------------------------------------- public pages


@pytest.mark.parametrize("persona", ["anonymous", "citizen", "employee", "hr_officer"])
def test_public_pages_open_for_everyone(client_for, persona):
    commitment = CommitmentFactory()
    client = client_for(persona)
    for name, args in [
        ("meeting_list", ()),
        ("meeting_detail", (commitment.meeting_id,)),
        ("commitment_list", ()),
        ("commitment_detail", (commitment.pk,)),
    ]:
        assert client.get(url(name, *args)).status_code == 200, name


def test_unknown_meeting_and_commitment_are_404(client_for):
    client = client_for("anonymous")
    assert client.get(url("meeting_detail", 999999)).status_code == 404
    assert client.get(url("commitment_detail", 999999)).status_code == 404


def test_the_list_splits_upcoming_and_past(client):
    MeetingFactory(title="Forum Mendatang")
    HeldMeetingFactory(title="Forum Lalu")
    response = client.get(url("meeting_list"))
    upcoming = [m.title for m in response.context["upcoming"]]
    past = [m.title for m in response.context["page"]]
    assert upcoming == ["Forum Mendatang"]
    assert past == ["Forum Lalu"]


def test_registrant_names_are_never_public_only_the_count(client_for, citizen):
    meeting = MeetingFactory(capacity=10)
    registration = MeetingRegistrationFactory(meeting=meeting)
    CitizenProfile.objects.create(user=registration.user, display_name="Nama Rahasia")
    MeetingRegistrationFactory(meeting=meeting)
    for persona in ("anonymous", "citizen"):
        for page in ("meeting_list", "meeting_detail"):
            args = (meeting.pk,) if page == "meeting_detail" else ()
            body = html(client_for(persona).get(url(page, *args)))
            assert "Nama Rahasia" not in body
            assert registration.user.username not in body
            assert "2 warga terdaftar" in body


def test_minutes_are_visible_only_once_published(client, hr_officer):
    meeting = MeetingFactory(
        starts_at=timezone.now() - timedelta(hours=3),
        ends_at=timezone.now() - timedelta(hours=1),
    )
    Meeting.objects.filter(pk=meeting.pk).update(minutes="Draf rahasia notulen")
    body = html(client.get(url("meeting_detail", meeting.pk)))
    assert "Draf rahasia notulen" not in body
    assert "Notulen belum diterbitkan" in body
    client_of(hr_officer).post(
        url("meeting_minutes", meeting.pk), {"minutes": "Notulen resmi forum"}
    )
    body = html(client.get(url("meeting_detail", meeting.pk)))
    assert "Notulen resmi forum" in body


def test_internal_commitments_are_hidden_from_the_public(
    client_for, unit, responder, other_responder
):
    hidden = CommitmentFactory(
        unit=unit, is_public=False, description="Komitmen internal"
    )
    public = CommitmentFactory(meeting=hidden.meeting, description="Komitmen terbuka")
    anonymous = client_for("anonymous")
    body = html(anonymous.get(url("meeting_detail", hidden.meeting_id)))
    assert "Komitmen terbuka" in body
    assert "Komitmen internal" not in body
    assert "Komitmen internal" not in html(anonymous.get(url("commitment_list")))
    assert anonymous.get(url("commitment_detail", hidden.pk)).status_code == 404
    assert (
        client_of(other_responder).get(url("commitment_detail", hidden.pk)).status_code
        == 404
    )
    assert (
        client_of(responder).get(url("commitment_detail", hidden.pk)).status_code == 200
    )
    assert (
        client_for("hr_officer").get(url("commitment_detail", hidden.pk)).status_code
        == 200
    )
    assert anonymous.get(url("commitment_detail", public.pk)).status_code == 200


def test_the_commitment_list_filters_by_unit_and_status(client, unit):
    mine = CommitmentFactory(unit=unit, status="IN_PROGRESS", progress=40)
    CommitmentFactory(unit=unit)
    CommitmentFactory(status="IN_PROGRESS", progress=10)
    response = client.get(
        url("commitment_list"), {"unit": unit.pk, "status": "IN_PROGRESS"}
    )
    assert [c.pk for c in response.context["page"]] == [mine.pk]
    assert 'aria-valuenow="40"' in html(response)


def test_a_bad_filter_gets_a_message_not_a_500(client):
    CommitmentFactory()
    response = client.get(url("commitment_list"), {"unit": "abc", "status": "NOPE"})
    assert response.status_code == 200
    assert "Saringan tidak valid" in html(response)
    assert list(response.context["page"]) == []


def test_the_history_of_a_commitment_is_public(client, unit, responder):
    commitment = CommitmentFactory(unit=unit)
    CommitmentUpdateFactory(
        commitment=commitment, note="Anggaran disetujui", by=responder
    )
    body = html(client.get(url("commitment_detail", commitment.pk)))
    assert "Anggaran disetujui" in body
    assert "Petugas resmi" in body  # the responder's badge
    assert "Dinas Kependudukan" in body


# ---------------------------------------------------------------- escaping


def test_script_in_every_text_field_is_escaped(client, unit, responder):
    meeting = HeldMeetingFactory(
        title=f"Judul {SCRIPT}",
        theme=f"Tema {SCRIPT}",
        place=f"Tempat {SCRIPT}",
        agenda=f"Agenda {SCRIPT}\nbaris dua",
        minutes=f"Notulen {SCRIPT}",
    )
    commitment = CommitmentFactory(
        meeting=meeting, unit=unit, description=f"Komitmen {SCRIPT}"
    )
    CommitmentUpdateFactory(
        commitment=commitment, note=f"Catatan {SCRIPT}", by=responder
    )
    upcoming = MeetingFactory(title=f"Akan {SCRIPT}", place=f"Di {SCRIPT}")
    pages = [
        url("meeting_list"),
        url("meeting_detail", meeting.pk),
        url("meeting_detail", upcoming.pk),
        url("commitment_list"),
        url("commitment_detail", commitment.pk),
    ]
    for page in pages:
        body = html(client.get(page))
        assert SCRIPT not in body, page
        assert ESCAPED in body, page


def test_script_is_escaped_on_the_organisers_pages(client_for):
    meeting = HeldMeetingFactory(title=f"Judul {SCRIPT}")
    registration = MeetingRegistrationFactory(meeting=meeting)
    CitizenProfile.objects.create(user=registration.user, display_name=f"W {SCRIPT}")
    commitment = CommitmentFactory(meeting=meeting, description=f"K {SCRIPT}")
    client = client_for("hr_officer")
    for page in [
        url("meeting_registrations", meeting.pk),
        url("meeting_minutes", meeting.pk),
        url("meeting_update", meeting.pk),
        url("commitment_create", meeting.pk),
        url("commitment_progress", commitment.pk),
    ]:
        body = html(client.get(page))
        assert SCRIPT not in body, page


# ---------------------------------------------------------------- query counts


def test_the_meeting_list_has_a_constant_query_count(client):
    unit = OrgUnitFactory()

    def build(n):
        for _ in range(n):
            past = HeldMeetingFactory(unit=unit)
            MeetingRegistrationFactory(meeting=past)
            CommitmentFactory(meeting=past, unit=unit)
            upcoming = MeetingFactory(unit=unit)
            MeetingRegistrationFactory(meeting=upcoming)

    assert_constant_queries(build, lambda: client.get(url("meeting_list")), 2, 50)


@pytest.mark.parametrize("persona", ["anonymous", "citizen"])
def test_the_meeting_detail_has_a_constant_query_count(client_for, persona):
    meeting = HeldMeetingFactory(capacity=None)
    unit = OrgUnitFactory()
    client = client_for(persona)

    def build(n):
        for _ in range(n):
            MeetingRegistrationFactory(meeting=meeting)
            CommitmentFactory(meeting=meeting, unit=unit)

    assert_constant_queries(
        build, lambda: client.get(url("meeting_detail", meeting.pk)), 2, 50
    )


def test_the_commitment_list_has_a_constant_query_count(client):
    units = [OrgUnitFactory(), OrgUnitFactory()]
    meeting = HeldMeetingFactory()

    def build(n):
        for i in range(n):
            CommitmentFactory(meeting=meeting, unit=units[i % 2])

    assert_constant_queries(
        build, lambda: client.get(url("commitment_list"), {"status": "PLANNED"}), 2, 50
    )


def test_the_commitment_detail_has_a_constant_query_count(client, unit, responder):
    commitment = CommitmentFactory(unit=unit)

    def build(n):
        for i in range(n):
            CommitmentUpdateFactory(
                commitment=commitment, by=responder if i % 2 else None
            )

    assert_constant_queries(
        build, lambda: client.get(url("commitment_detail", commitment.pk)), 2, 50
    )


def test_the_registrations_page_has_a_constant_query_count(client_for):
    meeting = HeldMeetingFactory()
    client = client_for("moderator")

    def build(n):
        for _ in range(n):
            registration = MeetingRegistrationFactory(meeting=meeting)
            CitizenProfile.objects.create(user=registration.user, display_name="W")

    assert_constant_queries(
        build, lambda: client.get(url("meeting_registrations", meeting.pk)), 2, 50
    )


# ---------------------------------------------------------------- registering


def test_a_citizen_registers_and_unregisters(client_for, citizen):
    meeting = MeetingFactory()
    client = client_for("citizen")
    response = client.post(url("meeting_register", meeting.pk), follow=True)
    assert "Anda terdaftar" in messages_of(response)
    assert meeting.registrations.filter(user=citizen).exists()
    assert 'data-testid="own-registration"' in html(response)
    response = client.post(url("meeting_unregister", meeting.pk), follow=True)
    assert "dibatalkan" in messages_of(response)
    assert not meeting.registrations.exists()


@pytest.mark.parametrize("persona", ["hr_officer", "moderator", "employee"])
def test_other_roles_cannot_register(client_for, persona):
    meeting = MeetingFactory()
    assert (
        client_for(persona).post(url("meeting_register", meeting.pk)).status_code == 403
    )
    assert (
        client_for(persona).post(url("meeting_unregister", meeting.pk)).status_code
        == 403
    )
    assert not meeting.registrations.exists()


def test_anonymous_registration_goes_to_login(client):
    meeting = MeetingFactory()
    response = client.post(url("meeting_register", meeting.pk))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_registration_is_post_only_and_needs_an_existing_meeting(client_for):
    client = client_for("citizen")
    assert client.get(url("meeting_register", MeetingFactory().pk)).status_code == 405
    assert client.post(url("meeting_register", 999999)).status_code == 404


def test_a_full_meeting_tells_the_citizen(client_for):
    meeting = MeetingFactory(capacity=1)
    MeetingRegistrationFactory(meeting=meeting)
    client = client_for("citizen")
    page = html(client.get(url("meeting_detail", meeting.pk)))
    assert 'data-testid="full"' in page
    response = client.post(url("meeting_register", meeting.pk), follow=True)
    assert "sudah penuh" in messages_of(response)
    assert meeting.registrations.count() == 1


def test_the_honeypot_refuses_a_bot(client_for):
    meeting = MeetingFactory()
    response = client_for("citizen").post(
        url("meeting_register", meeting.pk), {"website": "http://spam"}, follow=True
    )
    assert "tidak dapat diproses" in messages_of(response)
    assert not meeting.registrations.exists()


def test_the_rate_limit_answers_clearly_and_keeps_nothing(client_for, settings):
    settings.COMMUNITY_RATE_LIMITS = {
        **settings.COMMUNITY_RATE_LIMITS,
        "post": (1, 600),
    }
    first, second = MeetingFactory(), MeetingFactory()
    client = client_for("citizen")
    client.post(url("meeting_register", first.pk))
    response = client.post(url("meeting_register", second.pk), follow=True)
    assert "Terlalu banyak permintaan" in messages_of(response)
    assert first.registrations.count() == 1
    assert not second.registrations.exists()


# ---------------------------------------------------------------- organisers


MEETING_POST = {
    "title": "Forum Pelayanan Adminduk",
    "theme": "",
    "starts_at": "2031-03-10T09:00",
    "ends_at": "2031-03-10T12:00",
    "place": "Gedung Pusat Kebudayaan",
    "agenda": "Pembukaan\nDiskusi",
    "capacity": "40",
    "registration_open": "on",
}


@pytest.mark.parametrize("persona", ["hr_officer", "moderator"])
def test_organisers_create_a_meeting(client_for, persona, unit):
    client = client_for(persona)
    assert client.get(url("meeting_create")).status_code == 200
    response = client.post(url("meeting_create"), {**MEETING_POST, "unit": unit.pk})
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("meeting_detail", meeting.pk)
    assert meeting.status == "PLANNED"
    assert meeting.capacity == 40


@pytest.mark.parametrize("persona", ["citizen", "employee", "supervisor"])
def test_other_roles_cannot_manage_meetings(client_for, persona):
    meeting = HeldMeetingFactory()
    commitment = CommitmentFactory(meeting=meeting)
    client = client_for(persona)
    for name, args in [
        ("meeting_create", ()),
        ("meeting_update", (meeting.pk,)),
        ("meeting_registrations", (meeting.pk,)),
        ("meeting_minutes", (meeting.pk,)),
        ("commitment_create", (meeting.pk,)),
        ("commitment_progress", (commitment.pk,)),
    ]:
        assert client.get(url(name, *args)).status_code == 403, name
        assert client.post(url(name, *args), {}).status_code == 403, name
    assert Meeting.objects.count() == 1


def test_anonymous_is_sent_to_login_from_the_organisers_pages(client):
    meeting = HeldMeetingFactory()
    commitment = CommitmentFactory(meeting=meeting)
    for name, args in [
        ("meeting_create", ()),
        ("meeting_update", (meeting.pk,)),
        ("meeting_registrations", (meeting.pk,)),
        ("meeting_minutes", (meeting.pk,)),
        ("commitment_create", (meeting.pk,)),
        ("commitment_progress", (commitment.pk,)),
    ]:
        response = client.get(url(name, *args))
        assert response.status_code == 302, name
        assert reverse("login") in response["Location"]


def test_organisers_pages_404_for_an_unknown_meeting(client_for):
    client = client_for("hr_officer")
    for name in (
        "meeting_update",
        "meeting_registrations",
        "meeting_minutes",
        "commitment_create",
        "commitment_progress",
    ):
        assert client.get(url(name, 999999)).status_code == 404, name


def test_a_bad_meeting_gets_indonesian_errors_and_nothing_is_saved(client_for):
    response = client_for("hr_officer").post(
        url("meeting_create"),
        {**MEETING_POST, "ends_at": "2031-03-10T08:00", "capacity": "0"},
    )
    assert response.status_code == 200
    body = html(response)
    assert "Waktu selesai harus sesudah waktu mulai" in body
    assert "Isi unit penyelenggara atau tema forum" in body
    assert not Meeting.objects.exists()


def test_lowering_capacity_below_registrations_is_refused_in_the_form(client_for, unit):
    meeting = MeetingFactory(unit=unit, capacity=5)
    MeetingRegistrationFactory.create_batch(3, meeting=meeting)
    post = {**MEETING_POST, "unit": unit.pk, "capacity": "2", "status": "PLANNED"}
    response = client_for("moderator").post(url("meeting_update", meeting.pk), post)
    assert "tidak boleh kurang dari 3" in html(response)
    meeting.refresh_from_db()
    assert meeting.capacity == 5


def test_organisers_see_names_and_mark_attendance(client_for):
    meeting = HeldMeetingFactory()
    came, _absent = MeetingRegistrationFactory.create_batch(2, meeting=meeting)
    CitizenProfile.objects.create(user=came.user, display_name="Ani Warga")
    client = client_for("moderator")
    assert "Ani Warga" in html(client.get(url("meeting_registrations", meeting.pk)))
    response = client.post(
        url("meeting_registrations", meeting.pk), {"attended": [came.pk]}, follow=True
    )
    assert "1 warga hadir" in messages_of(response)
    assert list(meeting.registrations.filter(attended=True)) == [came]


def test_attendance_before_the_meeting_is_refused_with_a_message(client_for):
    meeting = MeetingFactory()
    registration = MeetingRegistrationFactory(meeting=meeting)
    response = client_for("hr_officer").post(
        url("meeting_registrations", meeting.pk),
        {"attended": [registration.pk]},
        follow=True,
    )
    assert "setelah forum dimulai" in messages_of(response)
    assert not MeetingRegistration.objects.filter(attended=True).exists()


def test_attendance_for_a_foreign_registration_is_refused(client_for):
    meeting = HeldMeetingFactory()
    foreign = MeetingRegistrationFactory(meeting=HeldMeetingFactory())
    response = client_for("hr_officer").post(
        url("meeting_registrations", meeting.pk),
        {"attended": [foreign.pk]},
        follow=True,
    )
    assert response.status_code == 200
    assert not MeetingRegistration.objects.filter(attended=True).exists()


def test_minutes_before_the_meeting_are_refused_in_the_form(client_for):
    meeting = MeetingFactory()
    response = client_for("moderator").post(
        url("meeting_minutes", meeting.pk), {"minutes": "Terlalu dini"}
    )
    assert response.status_code == 200
    assert "setelah forum dimulai" in html(response)
    meeting.refresh_from_db()
    assert meeting.minutes_published_at is None


def test_organisers_record_a_commitment(client_for, unit):
    meeting = HeldMeetingFactory()
    response = client_for("hr_officer").post(
        url("commitment_create", meeting.pk),
        {
            "description": "Membuka loket Sabtu",
            "unit": unit.pk,
            "due_date": "2031-06-30",
            "is_public": "on",
        },
    )
    commitment = Commitment.objects.get()
    assert response["Location"] == url("commitment_detail", commitment.pk)
    assert commitment.unit == unit
    assert commitment.is_public


def test_a_commitment_of_an_unheld_meeting_is_refused_in_the_form(client_for, unit):
    meeting = MeetingFactory()
    response = client_for("moderator").post(
        url("commitment_create", meeting.pk),
        {"description": "x", "unit": unit.pk, "due_date": "2031-06-30"},
    )
    assert "sudah terlaksana" in html(response)
    assert not Commitment.objects.exists()


def test_a_responder_cannot_record_commitments(client_for, responder):
    meeting = HeldMeetingFactory()
    assert (
        client_of(responder).get(url("commitment_create", meeting.pk)).status_code
        == 403
    )


# ---------------------------------------------------------------- progress


PROGRESS_POST = {"status": "IN_PROGRESS", "progress": "60", "note": "Separuh jalan"}


def progress_post(**changes):
    return {**PROGRESS_POST, "date": timezone.localdate().isoformat(), **changes}


def test_the_units_responder_posts_progress(unit, responder):
    commitment = CommitmentFactory(unit=unit)
    client = client_of(responder)
    assert client.get(url("commitment_progress", commitment.pk)).status_code == 200
    response = client.post(url("commitment_progress", commitment.pk), progress_post())
    assert response["Location"] == url("commitment_detail", commitment.pk)
    commitment.refresh_from_db()
    assert (commitment.status, commitment.progress) == ("IN_PROGRESS", 60)
    assert 'data-testid="commitment-status"' in html(
        client.get(url("commitment_detail", commitment.pk))
    )


def test_hr_posts_progress_on_any_commitment(client_for):
    commitment = CommitmentFactory()
    response = client_for("hr_officer").post(
        url("commitment_progress", commitment.pk), progress_post()
    )
    assert response.status_code == 302
    assert commitment.updates.count() == 1


def test_another_units_responder_gets_404(unit, other_responder):
    commitment = CommitmentFactory(unit=unit)
    client = client_of(other_responder)
    assert client.get(url("commitment_progress", commitment.pk)).status_code == 404
    assert (
        client.post(
            url("commitment_progress", commitment.pk), progress_post()
        ).status_code
        == 404
    )
    assert not commitment.updates.exists()


def test_the_update_button_shows_only_to_who_may_update(
    client_for, unit, responder, other_responder
):
    commitment = CommitmentFactory(unit=unit)
    target = url("commitment_progress", commitment.pk)
    detail = url("commitment_detail", commitment.pk)
    assert target in html(client_of(responder).get(detail))
    assert target in html(client_for("hr_officer").get(detail))
    assert target not in html(client_of(other_responder).get(detail))
    assert target not in html(client_for("moderator").get(detail))
    assert target not in html(client_for("anonymous").get(detail))


def test_moderators_cannot_post_progress(client_for):
    commitment = CommitmentFactory()
    assert (
        client_for("moderator")
        .get(url("commitment_progress", commitment.pk))
        .status_code
        == 403
    )


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"progress": "150"}, "antara 0 dan 100"),
        ({"progress": "-1"}, "antara 0 dan 100"),
        ({"progress": "lima"}, "angka bilangan"),
        ({"status": "DONE", "progress": "80"}, "selesai harus berkemajuan 100"),
        ({"status": "DROPPED", "note": ""}, "alasan komitmen dibatalkan"),
    ],
)
def test_bad_progress_gets_a_clear_message_and_saves_nothing(
    client_for, changes, message
):
    commitment = CommitmentFactory()
    response = client_for("hr_officer").post(
        url("commitment_progress", commitment.pk), progress_post(**changes)
    )
    assert response.status_code == 200
    assert message in html(response)
    commitment.refresh_from_db()
    assert (commitment.status, commitment.progress) == ("PLANNED", 0)
    assert not commitment.updates.exists()
