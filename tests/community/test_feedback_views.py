"""Feedback pages: each for the right role, the wrong role and the out-of-scope
object; the public pages' privacy and query counts; the xlsx escalation list."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from community.models import CitizenProfile, Feedback
from sawahlunto_asn.accounts import roles
from tests.accounts.factories import UserFactory
from tests.community.factories import ResponderFactory
from tests.community.factories_feedback import (
    CitizenFactory,
    FeedbackAnswerFactory,
    FeedbackFactory,
    photo_root,
    photo_upload,
)
from tests.helpers import assert_constant_queries
from tests.positions.factories import OrgUnitFactory

pytestmark = pytest.mark.django_db
__all__ = ["photo_root"]  # fixture
Status = Feedback.Status


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def unit():
    return OrgUnitFactory(name="Dinas Kependudukan")


@pytest.fixture
def responder(unit, role_groups):
    return ResponderFactory(unit=unit, user=UserFactory(role=roles.EMPLOYEE)).user


@pytest.fixture
def writer(role_groups):
    """A citizen whose real name and display name must never leak when he writes
    anonymously."""
    user = CitizenFactory(first_name="Sutan", last_name="Marajo")
    CitizenProfile.objects.create(user=user, display_name="WargaTalawi")
    return user


def detail_url(fb) -> str:
    return reverse("community:feedback_detail", args=[fb.pk])


def step_url(name: str, fb) -> str:
    return reverse(f"community:feedback_{name}", args=[fb.pk])


# ---------------------------------------------------------------- submit


def form_data(unit, **extra):
    return {
        "unit": unit.pk,
        "category": Feedback.Category.COMPLAINT,
        "title": "Antrean KTP",
        "text": "Antrean terlalu lama, hubungi 0812-3456-7890.",
        **extra,
    }


def test_citizen_submits_and_gets_the_tracking_code(client_for, citizen, unit):
    client = client_for("citizen")
    assert client.get(reverse("community:feedback_submit")).status_code == 200
    response = client.post(
        reverse("community:feedback_submit"), form_data(unit), follow=True
    )
    fb = Feedback.objects.get()
    assert fb.author == citizen
    assert fb.tracking_display in response.content.decode()
    assert response.redirect_chain[-1][0] == detail_url(fb)


def test_submit_is_for_citizens(client_for):
    url = reverse("community:feedback_submit")
    assert client_for("anonymous").get(url).status_code == 302
    assert client_for("employee").get(url).status_code == 403
    assert client_for("moderator").get(url).status_code == 403


def test_honeypot_keeps_bots_out(client_for, unit):
    response = client_for("citizen").post(
        reverse("community:feedback_submit"), form_data(unit, website="http://spam")
    )
    assert response.status_code == 200
    assert "Permintaan tidak dapat diproses" in response.content.decode()
    assert not Feedback.objects.exists()


def test_rate_limit_refuses_with_a_clear_message_and_keeps_nothing(
    client_for, unit, settings
):
    settings.COMMUNITY_RATE_LIMITS = {**settings.COMMUNITY_RATE_LIMITS}
    settings.COMMUNITY_RATE_LIMITS["feedback"] = (1, 3600)
    client = client_for("citizen")
    url = reverse("community:feedback_submit")
    client.post(url, form_data(unit))
    response = client.post(url, form_data(unit, title="Kedua"))
    assert response.status_code == 200
    assert "Terlalu banyak permintaan" in response.content.decode()
    assert list(Feedback.objects.values_list("title", flat=True)) == ["Antrean KTP"]


def test_photo_refusal_is_shown_on_the_form_and_nothing_is_kept(
    client_for, unit, photo_root
):
    fake = io.BytesIO(b"MZ\x90\x00 bukan gambar")
    fake.name = "foto.jpg"
    response = client_for("citizen").post(
        reverse("community:feedback_submit"), form_data(unit, photo=fake)
    )
    assert response.status_code == 200
    assert "bukan foto JPEG atau PNG" in response.content.decode()
    assert not Feedback.objects.exists()


def test_submit_with_photo_stores_it_privately(client_for, unit, photo_root):
    client_for("citizen").post(
        reverse("community:feedback_submit"),
        form_data(unit, photo=photo_upload("rusak.jpg", gps=True)),
    )
    fb = Feedback.objects.get()
    assert (photo_root / fb.photo.name).exists()
    assert fb.photo_name == "rusak.jpg"


# ---------------------------------------------------------------- my feedback


def test_my_feedback_lists_only_own(client_for, citizen, unit):
    FeedbackFactory(unit=unit, author=citizen, title="Punyaku")
    FeedbackFactory(unit=unit, title="Punya orang lain")
    html = client_for("citizen").get(reverse("community:my_feedback")).content.decode()
    assert "Punyaku" in html
    assert "Punya orang lain" not in html


def test_my_feedback_is_for_citizens(client_for):
    url = reverse("community:my_feedback")
    assert client_for("anonymous").get(url).status_code == 302
    assert client_for("hr_officer").get(url).status_code == 403


# ---------------------------------------------------------------- tracking


def test_tracking_without_login_shows_history_and_answer_but_not_author(writer, unit):
    answer = FeedbackAnswerFactory(
        feedback__unit=unit, feedback__author=writer, text="Loket ditambah"
    )
    fb = answer.feedback
    fb.events.create(action="DIKIRIM", to_status=Status.NEW, actor=writer)
    typed = fb.tracking_display.lower().replace("-", " ")
    response = Client().get(reverse("community:feedback_track"), {"kode": typed})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Loket ditambah" in html
    assert "Dikirim" in html
    for secret in ("Sutan", "Marajo", "WargaTalawi"):
        assert secret not in html


def test_tracking_a_confidential_feedback_shows_status_only(unit):
    fb = FeedbackFactory(
        unit=unit, assigned=True, is_confidential=True, title="Rahasia sekali"
    )
    html = (
        Client()
        .get(reverse("community:feedback_track"), {"kode": fb.tracking_code})
        .content.decode()
    )
    assert "Didisposisikan ke unit" in html
    assert "Rahasia sekali" not in html
    assert fb.text not in html


def test_tracking_unknown_or_malformed_code_says_so():
    url = reverse("community:feedback_track")
    html = Client().get(url, {"kode": "AAAA-BBBB-CCCC"}).content.decode()
    assert "Tidak ada aspirasi dengan kode itu" in html
    html = Client().get(url, {"kode": "123"}).content.decode()
    assert "12 huruf dan angka" in html


def test_looking_up_codes_is_rate_limited(settings, unit):
    """Guessing tracking codes is slowed down per address; the refusal says so."""
    settings.COMMUNITY_RATE_LIMITS = {
        **settings.COMMUNITY_RATE_LIMITS,
        "track": (2, 600),
    }
    fb = FeedbackFactory(unit=unit, answered=True)
    url = reverse("community:feedback_track")
    client = Client()
    for code in ("AAAA-BBBB-CCCC", fb.tracking_code):
        assert client.get(url, {"kode": code}).status_code == 200
    refused = client.get(url, {"kode": fb.tracking_code})
    assert refused.status_code == 429
    html = refused.content.decode()
    assert "melacak aspirasi" in html
    assert fb.public_title not in html


def test_tracking_page_has_constant_queries(unit):
    fb = FeedbackFactory(unit=unit, answered=True)

    def build(n):
        for _ in range(n):
            fb.events.create(action="DIKIRIM", to_status=Status.NEW)

    url = reverse("community:feedback_track")
    assert_constant_queries(
        build, lambda: Client().get(url, {"kode": fb.tracking_code})
    )


# ---------------------------------------------------------------- public list


def test_unit_list_shows_public_feedback_only(writer, unit):
    FeedbackFactory(unit=unit, assigned=True, public_title="Terbuka untuk umum")
    FeedbackFactory(unit=unit, assigned=True, is_confidential=True, title="Rahasia A")
    FeedbackFactory(unit=unit, title="Belum diverifikasi")
    FeedbackFactory(
        unit=unit, status=Status.REJECTED, rejection_reason="x", title="Ditolak A"
    )
    FeedbackFactory(assigned=True, title="Unit lain")
    FeedbackFactory(unit=unit, assigned=True, author=writer, is_anonymous=True)
    html = (
        Client()
        .get(reverse("community:feedback_unit_list", args=[unit.pk]))
        .content.decode()
    )
    assert "Terbuka untuk umum" in html
    for hidden in ("Rahasia A", "Belum diverifikasi", "Ditolak A", "Unit lain"):
        assert hidden not in html
    for secret in ("Sutan", "Marajo", "WargaTalawi"):
        assert secret not in html
    assert "Anonim" in html


def test_unit_list_of_an_inactive_or_missing_unit_is_404():
    gone = OrgUnitFactory(is_active=False)
    url = reverse("community:feedback_unit_list", args=[gone.pk])
    assert Client().get(url).status_code == 404
    url = reverse("community:feedback_unit_list", args=[999999])
    assert Client().get(url).status_code == 404


def test_unit_list_has_constant_queries(unit, role_groups):
    def build(n):
        for _ in range(n):
            author = CitizenFactory()
            CitizenProfile.objects.create(user=author, display_name="Warga")
            FeedbackFactory(unit=unit, author=author, answered=True)

    url = reverse("community:feedback_unit_list", args=[unit.pk])
    assert_constant_queries(build, lambda: Client().get(url))


# ---------------------------------------------------------------- detail


def test_public_detail_for_anyone_hides_anonymous_author(writer, unit, responder):
    fb = FeedbackFactory(unit=unit, assigned=True, author=writer, is_anonymous=True)
    for client in (Client(), login(CitizenFactory()), login(responder)):
        response = client.get(detail_url(fb))
        html = response.content.decode()
        assert response.status_code == 200
        for secret in ("Sutan", "Marajo", "WargaTalawi"):
            assert secret not in html


def test_moderator_sees_the_anonymous_author(client_for, writer, unit):
    fb = FeedbackFactory(unit=unit, assigned=True, author=writer, is_anonymous=True)
    html = client_for("moderator").get(detail_url(fb)).content.decode()
    assert "WargaTalawi" in html


def test_named_author_shows_display_name_never_real_name(writer, unit):
    fb = FeedbackFactory(unit=unit, assigned=True, author=writer)
    html = Client().get(detail_url(fb)).content.decode()
    assert "WargaTalawi" in html
    assert "Marajo" not in html


def test_public_detail_shows_masked_text_author_sees_original(writer, unit):
    fb = FeedbackFactory(
        unit=unit,
        assigned=True,
        author=writer,
        text="telp 0812-3456-7890",
        public_text="telp [nomor telepon disamarkan]",
    )
    assert "0812-3456-7890" not in Client().get(detail_url(fb)).content.decode()
    assert "0812-3456-7890" in login(writer).get(detail_url(fb)).content.decode()


def test_confidential_detail_is_404_outside_its_circle(
    client_for, writer, unit, responder, hr_officer, moderator
):
    fb = FeedbackFactory(unit=unit, assigned=True, author=writer, is_confidential=True)
    other_unit_responder = ResponderFactory(user=UserFactory()).user
    for client in (Client(), login(CitizenFactory()), login(other_unit_responder)):
        assert client.get(detail_url(fb)).status_code == 404
    for user in (writer, responder, hr_officer, moderator):
        assert login(user).get(detail_url(fb)).status_code == 200


def test_unverified_detail_is_404_for_the_public(unit):
    fb = FeedbackFactory(unit=unit)
    assert Client().get(detail_url(fb)).status_code == 404


def test_public_detail_has_constant_queries(unit):
    fb = FeedbackFactory(unit=unit, answered=True)
    FeedbackAnswerFactory(feedback=fb)

    def build(n):
        for _ in range(n):
            fb.events.create(action="DIKIRIM", to_status=Status.NEW)

    assert_constant_queries(build, lambda: Client().get(detail_url(fb)))


# ---------------------------------------------------------------- photo


def test_photo_follows_the_feedback_visibility(unit, photo_root, writer):
    from community.services.feedback import submit_feedback

    fb = submit_feedback(
        unit,
        author=writer,
        category="PENGADUAN",
        title="Jalan rusak",
        text="Lubang besar",
        photo=photo_upload("lubang.png", kind="PNG"),
    )
    url = reverse("community:feedback_photo", args=[fb.pk])
    assert Client().get(url).status_code == 404  # not verified yet
    response = login(writer).get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert "lubang" not in response["Content-Disposition"]
    Feedback.objects.filter(pk=fb.pk).update(
        status=Status.ASSIGNED,
        verified_at=timezone.now(),
        answer_due=timezone.localdate(),
    )
    assert Client().get(url).status_code == 200
    Feedback.objects.filter(pk=fb.pk).update(is_confidential=True)
    assert Client().get(url).status_code == 404


# ---------------------------------------------------------------- office lists


def test_queue_is_for_moderators(client_for, unit):
    FeedbackFactory(unit=unit, title="Menunggu verifikasi")
    FeedbackFactory(unit=unit, assigned=True, title="Sudah diverifikasi")
    url = reverse("community:feedback_queue")
    html = client_for("moderator").get(url).content.decode()
    assert "Menunggu verifikasi" in html
    assert "Sudah diverifikasi" not in html
    assert client_for("citizen").get(url).status_code == 403
    assert client_for("hr_officer").get(url).status_code == 403
    assert client_for("anonymous").get(url).status_code == 302


def test_inbox_lists_only_the_responders_unit(unit, responder):
    FeedbackFactory(unit=unit, assigned=True, public_title="Untuk unit saya")
    FeedbackFactory(unit=unit, title="Belum diverifikasi")
    FeedbackFactory(assigned=True, public_title="Untuk unit lain")
    html = login(responder).get(reverse("community:feedback_inbox")).content.decode()
    assert "Untuk unit saya" in html
    assert "Untuk unit lain" not in html
    assert "Belum diverifikasi" not in html


def test_inbox_is_for_responders(client_for):
    url = reverse("community:feedback_inbox")
    assert client_for("citizen").get(url).status_code == 403
    assert client_for("hr_officer").get(url).status_code == 403
    assert client_for("anonymous").get(url).status_code == 302


def test_escalation_lists_overdue_items_of_every_unit(client_for, unit):
    today = timezone.localdate()
    FeedbackFactory(
        unit=unit, assigned=True, answer_due=today - timedelta(10), public_title="Lama"
    )
    FeedbackFactory(
        response_due=today - timedelta(5), public_title="Belum diverifikasi lama"
    )
    FeedbackFactory(unit=unit, assigned=True, public_title="Masih dalam waktu")
    FeedbackFactory(
        unit=unit,
        answered=True,
        answer_due=today - timedelta(10),
        public_title="Sudah dijawab",
    )
    url = reverse("community:feedback_escalation")
    html = client_for("hr_officer").get(url).content.decode()
    assert "Lama" in html
    assert "Belum diverifikasi lama" in html
    assert "Masih dalam waktu" not in html
    assert "Sudah dijawab" not in html
    response = client_for("hr_officer").get(url, {"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    titles = [row[7] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert sorted(titles) == ["Belum diverifikasi lama", "Lama"]
    assert client_for("moderator").get(url).status_code == 403
    assert client_for("citizen").get(url).status_code == 403


# ---------------------------------------------------------------- workflow steps


def test_moderator_verifies_from_the_page(client_for, unit):
    fb = FeedbackFactory(unit=unit)
    response = client_for("moderator").post(step_url("verify", fb), {"note": "ok"})
    assert response.status_code == 302
    fb.refresh_from_db()
    assert fb.status == Status.ASSIGNED


def test_wrong_role_cannot_take_moderator_steps(client_for, unit):
    fb = FeedbackFactory(unit=unit)
    for name in ("verify", "reject", "field_check"):
        assert client_for("citizen").post(step_url(name, fb)).status_code == 403
    assert client_for("citizen").post(step_url("assign", fb)).status_code == 403
    fb.refresh_from_db()
    assert fb.status == Status.NEW


def test_steps_on_missing_feedback_are_404(client_for):
    missing = Feedback(pk=999999)
    assert client_for("moderator").post(step_url("verify", missing)).status_code == 404


def test_reject_without_reason_is_refused_with_a_message(client_for, unit):
    fb = FeedbackFactory(unit=unit)
    response = client_for("moderator").post(step_url("reject", fb), follow=True)
    assert "Alasan penolakan" in response.content.decode()
    fb.refresh_from_db()
    assert fb.status == Status.NEW


def test_responder_answers_own_unit_only(unit, responder):
    fb = FeedbackFactory(unit=unit, assigned=True)
    other = FeedbackFactory(assigned=True)
    response = login(responder).post(
        step_url("answer", other), {"text": "Jawab"}, follow=True
    )
    assert "Hanya petugas penjawab unit" in response.content.decode()
    other.refresh_from_db()
    assert other.status == Status.ASSIGNED
    login(responder).post(step_url("answer", fb), {"text": "Sudah ditangani"})
    fb.refresh_from_db()
    assert fb.status == Status.ANSWERED


def test_responder_cannot_reach_another_units_confidential_feedback(responder):
    other = FeedbackFactory(assigned=True, is_confidential=True)
    response = login(responder).post(step_url("answer", other), {"text": "x"})
    assert response.status_code == 404


def test_author_rates_closes_and_reopens(writer, unit):
    fb = FeedbackAnswerFactory(feedback__unit=unit, feedback__author=writer).feedback
    client = login(writer)
    client.post(step_url("rate", fb), {"rating": "4"})
    client.post(step_url("close", fb))
    fb.refresh_from_db()
    assert (fb.rating, fb.status) == (4, Status.CLOSED)
    client.post(step_url("reopen", fb), {"reason": "Masih antre"})
    fb.refresh_from_db()
    assert (fb.status, fb.reopen_count) == (Status.ASSIGNED, 1)


def test_another_citizen_cannot_rate_or_reopen(unit):
    fb = FeedbackAnswerFactory(feedback__unit=unit).feedback
    client = login(CitizenFactory())
    response = client.post(step_url("rate", fb), {"rating": "1"}, follow=True)
    assert "Hanya pengirim" in response.content.decode()
    client.post(step_url("reopen", fb), {"reason": "x"})
    fb.refresh_from_db()
    assert (fb.rating, fb.status) == (None, Status.ANSWERED)


def test_steps_need_post(client_for, unit):
    fb = FeedbackFactory(unit=unit)
    assert client_for("moderator").get(step_url("verify", fb)).status_code == 405


def test_moderator_is_warned_when_the_text_names_a_civil_servant(client_for, unit):
    from tests.positions.factories import EmployeeFactory

    EmployeeFactory(name="Darmawan Saputra")
    fb = FeedbackFactory(unit=unit, text="Petugas DARMAWAN SAPUTRA selalu membentak")
    html = client_for("moderator").get(detail_url(fb)).content.decode()
    assert 'data-testid="named-officers"' in html
    assert "Darmawan Saputra" in html


def test_author_does_not_see_which_officer_took_each_step(writer, unit):
    from community.services.feedback import verify_feedback

    officer = UserFactory(
        first_name="Yuliandri", last_name="Koto", role=roles.MODERATOR
    )
    fb = verify_feedback(FeedbackFactory(unit=unit, author=writer), actor=officer)
    assert "Yuliandri" not in login(writer).get(detail_url(fb)).content.decode()
    html = login(UserFactory(role=roles.HR)).get(detail_url(fb)).content.decode()
    assert "Yuliandri Koto" in html


def test_a_moderator_redacts_the_public_text_from_the_detail_page(client_for, unit):
    fb = FeedbackFactory(unit=unit, assigned=True)
    moderator = client_for("moderator")
    assert 'data-testid="redact-form"' in moderator.get(detail_url(fb)).content.decode()
    response = moderator.post(
        step_url("redact", fb),
        {"public_title": "Antrean", "public_text": "Teks baru", "reason": "Alamat"},
        follow=True,
    )
    assert "Teks publik aspirasi disunting" in response.content.decode()
    fb.refresh_from_db()
    assert fb.public_text == "Teks baru"
    public = client_for("anonymous").get(detail_url(fb)).content.decode()
    assert "Teks baru" in public
    assert 'data-testid="redact-form"' not in public


def test_redacting_is_for_moderators_and_refuses_a_blank_reason(client_for, unit):
    fb = FeedbackFactory(unit=unit, assigned=True)
    edit = {"public_title": "x", "public_text": "y", "reason": "z"}
    for persona in ("citizen", "hr_officer", "employee"):
        assert client_for(persona).post(step_url("redact", fb), edit).status_code == 403
    assert client_for("moderator").get(step_url("redact", fb)).status_code == 405
    response = client_for("moderator").post(
        step_url("redact", fb), {**edit, "reason": ""}, follow=True
    )
    assert "Alasan penyuntingan" in response.content.decode()
    missing = Feedback(pk=999999)
    assert (
        client_for("moderator").post(step_url("redact", missing), edit).status_code
        == 404
    )
    fb.refresh_from_db()
    assert fb.public_text != "y"
