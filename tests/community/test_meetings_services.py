"""Forum meetings and commitments: the rules of community.services.meetings and
the database constraints behind them."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from community.errors import CommunityError
from community.models import (
    CitizenProfile,
    Commitment,
    CommitmentUpdate,
    Meeting,
    MeetingRegistration,
)
from community.services import meetings as services
from tests.community.factories import ResponderFactory
from tests.community.factories_meetings import (
    CitizenFactory,
    CommitmentFactory,
    HeldMeetingFactory,
    MeetingFactory,
    MeetingRegistrationFactory,
)
from tests.positions.factories import OrgUnitFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("role_groups")]


def refused(match: str):
    return pytest.raises(CommunityError, match=match)


# ---------------------------------------------------------------- registration


def test_a_citizen_registers_once(citizen):
    meeting = MeetingFactory()
    registration = services.register_for_meeting(meeting, citizen=citizen)
    assert registration.user == citizen
    with refused("sudah terdaftar"):
        services.register_for_meeting(meeting, citizen=citizen)
    assert meeting.registrations.count() == 1


def test_the_database_refuses_a_second_registration_of_the_same_citizen(citizen):
    meeting = MeetingFactory()
    MeetingRegistration.objects.create(meeting=meeting, user=citizen)
    with pytest.raises(IntegrityError), transaction.atomic():
        MeetingRegistration.objects.create(meeting=meeting, user=citizen)


def test_a_full_meeting_refuses_with_a_clear_message_and_keeps_nothing():
    meeting = MeetingFactory(capacity=2)
    MeetingRegistrationFactory.create_batch(2, meeting=meeting)
    late = CitizenFactory()
    with refused(r"kursi forum ini sudah penuh \(2 peserta\)"):
        services.register_for_meeting(meeting, citizen=late)
    assert meeting.registrations.count() == 2
    assert not MeetingRegistration.objects.filter(user=late).exists()


def test_a_freed_seat_can_be_taken_again():
    meeting = MeetingFactory(capacity=1)
    first, second = CitizenFactory(), CitizenFactory()
    services.register_for_meeting(meeting, citizen=first)
    services.unregister_from_meeting(meeting, citizen=first)
    services.register_for_meeting(meeting, citizen=second)
    assert list(meeting.registrations.values_list("user", flat=True)) == [second.pk]


def test_a_meeting_without_capacity_takes_everyone():
    meeting = MeetingFactory(capacity=None)
    MeetingRegistrationFactory.create_batch(30, meeting=meeting)
    services.register_for_meeting(meeting, citizen=CitizenFactory())
    assert meeting.registrations.count() == 31


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"registration_open": False}, "ditutup oleh penyelenggara"),
        ({"status": Meeting.Status.CANCELLED}, "dibatalkan"),
        (
            {"starts_at": timezone.now() - timedelta(hours=1)},
            "sudah dimulai",
        ),
    ],
)
def test_registration_is_refused_when_closed_cancelled_or_begun(
    citizen, changes, message
):
    meeting = MeetingFactory(**changes)
    with refused(message):
        services.register_for_meeting(meeting, citizen=citizen)
    assert not meeting.registrations.exists()


@pytest.mark.parametrize("persona", ["hr_officer", "moderator", "employee"])
def test_only_citizens_register(request, persona):
    meeting = MeetingFactory()
    with refused("Hanya akun warga"):
        services.register_for_meeting(meeting, citizen=request.getfixturevalue(persona))


def test_a_suspended_citizen_cannot_register(citizen):
    CitizenProfile.objects.create(
        user=citizen,
        display_name="Warga Uji",
        suspended_at=timezone.now(),
        suspension_reason="Spam",
    )
    with refused("ditangguhkan"):
        services.register_for_meeting(MeetingFactory(), citizen=citizen)


def test_unregistering_after_the_start_is_refused(citizen):
    meeting = MeetingFactory()
    services.register_for_meeting(meeting, citizen=citizen)
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=timezone.now() - timedelta(minutes=5)
    )
    with refused("setelah forum dimulai"):
        services.unregister_from_meeting(meeting, citizen=citizen)
    assert meeting.registrations.count() == 1


def test_unregistering_without_a_registration_is_refused(citizen):
    with refused("tidak terdaftar"):
        services.unregister_from_meeting(MeetingFactory(), citizen=citizen)


# ---------------------------------------------------------------- organisers


def test_capacity_cannot_drop_below_the_registered(hr_officer):
    meeting = MeetingFactory(capacity=5)
    MeetingRegistrationFactory.create_batch(3, meeting=meeting)
    meeting.capacity = 2
    with refused("tidak boleh kurang dari 3"):
        services.save_meeting(meeting, by=hr_officer)
    meeting.refresh_from_db()
    assert meeting.capacity == 5


def test_save_meeting_is_for_organisers_only(citizen, moderator):
    meeting = MeetingFactory.build(unit=OrgUnitFactory())
    with refused("BKPSDM atau moderator"):
        services.save_meeting(meeting, by=citizen)
    saved = services.save_meeting(meeting, by=moderator)
    assert saved.created_by == moderator


def test_a_meeting_needs_an_end_after_its_start_and_a_unit_or_theme(hr_officer):
    start = timezone.now() + timedelta(days=3)
    meeting = MeetingFactory.build(unit=None, theme="", starts_at=start, ends_at=start)
    with pytest.raises(ValidationError) as caught:
        services.save_meeting(meeting, by=hr_officer)
    text = " ".join(caught.value.messages)
    assert "Waktu selesai harus sesudah waktu mulai" in text
    assert "Isi unit penyelenggara atau tema forum" in text
    assert not Meeting.objects.exists()


def test_a_meeting_cannot_be_declared_held_before_it_starts(hr_officer):
    meeting = MeetingFactory()
    meeting.status = Meeting.Status.HELD
    with refused("belum dimulai"):
        services.save_meeting(meeting, by=hr_officer)


def test_minutes_are_published_once_the_meeting_began(hr_officer):
    meeting = MeetingFactory()
    with refused("setelah forum dimulai"):
        services.publish_minutes(meeting, minutes="Catatan", by=hr_officer)
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=timezone.now() - timedelta(hours=3),
        ends_at=timezone.now() - timedelta(hours=1),
    )
    published = services.publish_minutes(meeting, minutes="  Catatan  ", by=hr_officer)
    assert published.status == Meeting.Status.HELD
    assert published.minutes == "Catatan"
    first = published.minutes_published_at
    corrected = services.publish_minutes(meeting, minutes="Koreksi", by=hr_officer)
    assert corrected.minutes == "Koreksi"
    assert corrected.minutes_published_at == first


def test_empty_or_cancelled_minutes_are_refused(hr_officer):
    meeting = HeldMeetingFactory(minutes="", minutes_published_at=None)
    with refused("tidak boleh kosong"):
        services.publish_minutes(meeting, minutes="   ", by=hr_officer)
    cancelled = HeldMeetingFactory(
        status=Meeting.Status.CANCELLED, minutes="", minutes_published_at=None
    )
    with refused("dibatalkan tidak memiliki notulen"):
        services.publish_minutes(cancelled, minutes="x", by=hr_officer)


def test_minutes_editing_does_not_bypass_publish(hr_officer):
    meeting = MeetingFactory()
    meeting.minutes = "diselundupkan"
    services.save_meeting(meeting, by=hr_officer)
    meeting.refresh_from_db()
    assert meeting.minutes == ""


def test_attendance_marks_exactly_the_listed_registrations(moderator):
    meeting = HeldMeetingFactory()
    a, b, c = MeetingRegistrationFactory.create_batch(3, meeting=meeting)
    assert (
        services.record_attendance(meeting, attended_ids=[a.pk, c.pk], by=moderator)
        == 2
    )
    assert set(meeting.registrations.filter(attended=True)) == {a, c}
    services.record_attendance(meeting, attended_ids=[b.pk], by=moderator)
    assert set(meeting.registrations.filter(attended=True)) == {b}


def test_attendance_is_refused_before_the_start_and_for_others_registrations(
    moderator, citizen
):
    upcoming = MeetingFactory()
    registration = MeetingRegistrationFactory(meeting=upcoming)
    with refused("setelah forum dimulai"):
        services.record_attendance(
            upcoming, attended_ids=[registration.pk], by=moderator
        )
    held = HeldMeetingFactory()
    with refused("tidak terdaftar pada forum ini"):
        services.record_attendance(held, attended_ids=[registration.pk], by=moderator)
    with refused("BKPSDM atau moderator"):
        services.record_attendance(held, attended_ids=[], by=citizen)


# ---------------------------------------------------------------- commitments


def test_a_commitment_starts_its_history(hr_officer):
    meeting = HeldMeetingFactory()
    unit = OrgUnitFactory()
    due = timezone.localdate() + timedelta(days=90)
    commitment = services.add_commitment(
        meeting, description=" Perbaiki loket ", unit=unit, due_date=due, by=hr_officer
    )
    assert commitment.description == "Perbaiki loket"
    assert (commitment.status, commitment.progress) == ("PLANNED", 0)
    assert commitment.updates.count() == 1


def test_commitments_come_from_held_meetings_only(hr_officer, employee):
    with refused("sudah terlaksana"):
        services.add_commitment(
            MeetingFactory(),
            description="x",
            unit=OrgUnitFactory(),
            due_date=timezone.localdate(),
            by=hr_officer,
        )
    with refused("BKPSDM atau moderator"):
        services.add_commitment(
            HeldMeetingFactory(),
            description="x",
            unit=OrgUnitFactory(),
            due_date=timezone.localdate(),
            by=employee,
        )
    assert not Commitment.objects.exists()


def test_the_units_responder_and_hr_post_updates(hr_officer):
    commitment = CommitmentFactory()
    responder = ResponderFactory(unit=commitment.unit).user
    services.post_commitment_update(
        commitment, status="IN_PROGRESS", progress=40, note="Mulai", by=responder
    )
    services.post_commitment_update(
        commitment, status="DONE", progress=100, note="Selesai", by=hr_officer
    )
    commitment.refresh_from_db()
    assert (commitment.status, commitment.progress) == ("DONE", 100)
    assert list(commitment.updates.values_list("progress", flat=True)) == [40, 100]


@pytest.mark.parametrize(
    "who", ["other_responder", "inactive_responder", "moderator", "citizen"]
)
def test_others_cannot_post_updates(request, who):
    commitment = CommitmentFactory()
    if who == "other_responder":
        user = ResponderFactory(unit=OrgUnitFactory()).user
    elif who == "inactive_responder":
        user = ResponderFactory(unit=commitment.unit, is_active=False).user
    else:
        user = request.getfixturevalue(who)
    with refused("petugas unit penanggung jawab"):
        services.post_commitment_update(
            commitment, status="IN_PROGRESS", progress=10, note="x", by=user
        )
    assert not commitment.updates.exists()


@pytest.mark.parametrize(
    ("status", "progress", "note", "message"),
    [
        ("IN_PROGRESS", -1, "x", "antara 0 dan 100"),
        ("IN_PROGRESS", 101, "x", "antara 0 dan 100"),
        ("DONE", 90, "x", "selesai harus berkemajuan 100"),
        ("DROPPED", 20, "", "alasan komitmen dibatalkan"),
        ("PLANNED", 0, "", "Tidak ada perubahan"),
        ("BOGUS", 10, "x", "tidak dikenal"),
    ],
)
def test_progress_bounds_and_status_rules(hr_officer, status, progress, note, message):
    commitment = CommitmentFactory()
    with refused(message):
        services.post_commitment_update(
            commitment, status=status, progress=progress, note=note, by=hr_officer
        )
    commitment.refresh_from_db()
    assert (commitment.status, commitment.progress) == ("PLANNED", 0)
    assert not commitment.updates.exists()


def test_progress_0_and_100_are_accepted(hr_officer):
    commitment = CommitmentFactory()
    services.post_commitment_update(
        commitment, status="IN_PROGRESS", progress=0, note="Rapat awal", by=hr_officer
    )
    services.post_commitment_update(
        commitment, status="DONE", progress=100, note="", by=hr_officer
    )
    assert commitment.updates.count() == 2


def test_update_dates_cannot_be_in_the_future(hr_officer):
    commitment = CommitmentFactory()
    with refused("masa depan"):
        services.post_commitment_update(
            commitment,
            status="IN_PROGRESS",
            progress=10,
            note="x",
            on=timezone.localdate() + timedelta(days=1),
            by=hr_officer,
        )


@pytest.mark.parametrize("progress", [-5, 101])
def test_the_database_checks_progress_bounds(progress):
    commitment = CommitmentFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Commitment.objects.filter(pk=commitment.pk).update(progress=progress)
    with pytest.raises(IntegrityError), transaction.atomic():
        CommitmentUpdate.objects.create(
            commitment=commitment,
            date=timezone.localdate(),
            status="IN_PROGRESS",
            progress=progress,
        )


def test_the_database_refuses_done_below_100():
    commitment = CommitmentFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Commitment.objects.filter(pk=commitment.pk).update(status="DONE", progress=99)


# ---------------------------------------------------------------- personal data


def test_personal_data_lists_the_registrations(citizen):
    meeting = MeetingFactory(title="Forum Pasar")
    MeetingRegistration.objects.create(meeting=meeting, user=citizen)
    MeetingRegistrationFactory()  # someone else's
    rows = services.personal_data(citizen)
    assert len(rows) == 1
    assert rows[0]["forum"] == "Forum Pasar"
    assert rows[0]["hadir"] is False


def test_erasure_frees_future_seats_and_anonymises_past_attendance(citizen):
    upcoming = MeetingFactory()
    held = HeldMeetingFactory()
    MeetingRegistration.objects.create(meeting=upcoming, user=citizen)
    MeetingRegistration.objects.create(meeting=held, user=citizen, attended=True)
    services.erase_personal_data(citizen)
    assert not upcoming.registrations.exists()
    kept = held.registrations.get()
    assert kept.user is None
    assert kept.attended is True
    assert services.personal_data(citizen) == []
