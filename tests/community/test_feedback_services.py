"""The feedback workflow: each transition, who may take it, deadlines, the DB
constraints behind the rules, figures per unit and personal data."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from community.errors import CommunityError
from community.models import CitizenProfile, Feedback, FeedbackEvent, ModerationLog
from community.models.feedback import TRACKING_ALPHABET, normalise_tracking_code
from community.services import feedback as services
from sawahlunto_asn.accounts import roles
from tests.accounts.factories import UserFactory
from tests.community.factories import ResponderFactory
from tests.community.factories_feedback import (
    CitizenFactory,
    FeedbackFactory,
    HolidayFactory,
    ServiceFactory,
    photo_root,
    time_machine,
)
from tests.helpers import count_queries
from tests.positions.factories import OrgUnitFactory

pytestmark = pytest.mark.django_db
__all__ = ["photo_root", "time_machine"]  # fixtures
Status = Feedback.Status
JAKARTA = ZoneInfo("Asia/Jakarta")


def at(*args) -> datetime:
    return datetime(*args, tzinfo=JAKARTA)


@pytest.fixture
def unit():
    return OrgUnitFactory(name="Dinas Kependudukan")


@pytest.fixture
def responder(unit, role_groups):
    return ResponderFactory(unit=unit, user=UserFactory(role=roles.EMPLOYEE)).user


def submit(unit, author, **kwargs):
    data = {
        "category": Feedback.Category.COMPLAINT,
        "title": "Antrean KTP",
        "text": "Antrean terlalu lama.",
    }
    return services.submit_feedback(unit, author=author, **{**data, **kwargs})


def verified(unit, author, moderator, **kwargs):
    return services.verify_feedback(submit(unit, author, **kwargs), actor=moderator)


def answered(unit, author, moderator, responder, **kwargs):
    fb = verified(unit, author, moderator, **kwargs)
    services.answer_feedback(fb, responder=responder, text="Sudah ditangani.")
    fb.refresh_from_db()
    return fb


# ---------------------------------------------------------------- submit


def test_submit_masks_the_public_text_keeps_the_original_and_records_the_step(
    unit, citizen
):
    fb = submit(
        unit,
        citizen,
        title="Hubungi 0812-3456-7890",
        text="NIK saya 3273012345670001, surel budi@contoh.id",
    )
    assert fb.text == "NIK saya 3273012345670001, surel budi@contoh.id"
    assert "3273012345670001" not in fb.public_text
    assert "budi@contoh.id" not in fb.public_text
    assert "0812" not in fb.public_title
    assert fb.status == Status.NEW
    assert len(fb.tracking_code) == 12
    assert set(fb.tracking_code) <= set(TRACKING_ALPHABET)
    event = fb.events.get()
    assert (event.action, event.from_status, event.to_status, event.actor) == (
        FeedbackEvent.Action.SUBMITTED,
        "",
        Status.NEW,
        citizen,
    )


def test_tracking_code_is_normalised_from_what_people_type():
    assert normalise_tracking_code(" k7qm-3xhd 9tpo ") == "K7QM3XHD9TP0"
    assert normalise_tracking_code("IL") == "11"


def test_first_response_deadline_skips_weekend_and_holiday(unit, citizen, time_machine):
    HolidayFactory(date=date(2026, 8, 17), name="Hari Kemerdekaan")
    time_machine(at(2026, 8, 14, 10))  # a Friday
    fb = submit(unit, citizen)
    assert fb.response_due == date(2026, 8, 20)


def test_suspended_citizen_cannot_submit(unit, citizen):
    CitizenProfile.objects.create(
        user=citizen,
        display_name="Budi",
        suspended_at=timezone.now(),
        suspension_reason="Spam",
    )
    with pytest.raises(CommunityError, match="ditangguhkan"):
        submit(unit, citizen)
    assert not Feedback.objects.exists()


def test_service_of_another_unit_is_refused(unit, citizen):
    with pytest.raises(CommunityError, match="Layanan"):
        submit(unit, citizen, service=ServiceFactory())


def test_empty_text_is_refused(unit, citizen):
    with pytest.raises(CommunityError, match="wajib"):
        submit(unit, citizen, text="   ")


# ---------------------------------------------------------------- verify, reject


def test_verify_assigns_and_counts_the_answer_deadline_in_working_days(
    unit, citizen, moderator, time_machine
):
    HolidayFactory(date=date(2026, 8, 17))
    fb = submit(unit, citizen, category=Feedback.Category.INFORMATION)
    time_machine(at(2026, 8, 14, 9))  # Friday; 5 working days, one a holiday
    fb = services.verify_feedback(fb, actor=moderator, note="Lengkap")
    assert fb.status == Status.ASSIGNED
    assert fb.answer_due == date(2026, 8, 24)
    actions = list(fb.events.values_list("action", "from_status", "to_status"))
    assert actions[1:] == [
        ("DIVERIFIKASI", Status.NEW, Status.VERIFIED),
        ("DIDISPOSISI", Status.VERIFIED, Status.ASSIGNED),
    ]


def test_field_check_gives_the_longer_deadline_for_complaints_only(
    unit, citizen, moderator
):
    fb = services.verify_feedback(
        submit(unit, citizen), actor=moderator, needs_field_check=True
    )
    today = timezone.localdate()
    assert (fb.answer_due - today).days >= 60 * 7 // 5 - 4
    suggestion = submit(unit, citizen, category=Feedback.Category.SUGGESTION)
    with pytest.raises(CommunityError, match="pengaduan"):
        services.verify_feedback(suggestion, actor=moderator, needs_field_check=True)


def test_mark_field_check_later_extends_the_deadline(unit, citizen, moderator):
    fb = verified(unit, citizen, moderator)
    before = fb.answer_due
    fb = services.mark_field_check(fb, actor=moderator)
    assert fb.needs_field_check
    assert fb.answer_due > before
    with pytest.raises(CommunityError, match="sudah"):
        services.mark_field_check(fb, actor=moderator)


@pytest.mark.parametrize("persona", ["citizen", "hr_officer", "employee"])
def test_only_a_moderator_verifies_or_rejects(request, unit, persona):
    actor = request.getfixturevalue(persona)
    fb = submit(unit, CitizenFactory())
    with pytest.raises(CommunityError, match="moderator"):
        services.verify_feedback(fb, actor=actor)
    with pytest.raises(CommunityError, match="moderator"):
        services.reject_feedback(fb, actor=actor, reason="Spam")
    fb.refresh_from_db()
    assert fb.status == Status.NEW


def test_reject_needs_a_reason_and_is_recorded(unit, citizen, moderator):
    fb = submit(unit, citizen)
    with pytest.raises(CommunityError, match="alasan"):
        services.reject_feedback(fb, actor=moderator, reason=" ")
    fb = services.reject_feedback(fb, actor=moderator, reason="Bukan layanan kota")
    assert fb.status == Status.REJECTED
    assert fb.events.last().note == "Bukan layanan kota"
    with pytest.raises(CommunityError, match="Ditolak"):
        services.verify_feedback(fb, actor=moderator)


def test_db_refuses_rejection_without_reason(unit):
    with pytest.raises(IntegrityError), transaction.atomic():
        FeedbackFactory(unit=unit, status=Status.REJECTED, rejection_reason="")


# ---------------------------------------------------------------- assign


def test_hr_reassigns_and_the_deadline_stays(unit, citizen, moderator, hr_officer):
    fb = verified(unit, citizen, moderator)
    other = OrgUnitFactory(name="Dinas Perhubungan")
    due = fb.answer_due
    fb = services.assign_feedback(fb, actor=hr_officer, unit=other, note="Salah alamat")
    assert (fb.unit, fb.answer_due, fb.status) == (other, due, Status.ASSIGNED)
    assert "Dinas Perhubungan" in fb.events.last().note
    with pytest.raises(CommunityError, match="sudah"):
        services.assign_feedback(fb, actor=hr_officer, unit=other)
    with pytest.raises(CommunityError, match="BKPSDM"):
        services.assign_feedback(fb, actor=citizen, unit=unit)


# ---------------------------------------------------------------- answer


def test_responder_of_the_unit_answers(unit, citizen, moderator, responder):
    fb = verified(unit, citizen, moderator)
    answer = services.answer_feedback(fb, responder=responder, text="Loket ditambah.")
    fb.refresh_from_db()
    assert (fb.status, answer.round, answer.responder) == (
        Status.ANSWERED,
        1,
        responder,
    )
    assert fb.events.last().action == FeedbackEvent.Action.ANSWERED


def test_responder_of_another_unit_cannot_answer(unit, citizen, moderator):
    fb = verified(unit, citizen, moderator)
    stranger = ResponderFactory(user=UserFactory()).user
    with pytest.raises(CommunityError, match="Dinas Kependudukan"):
        services.answer_feedback(fb, responder=stranger, text="Jawab")
    fb.refresh_from_db()
    assert fb.status == Status.ASSIGNED
    assert not fb.answers.exists()


@pytest.mark.parametrize("who", ["inactive", "citizen", "moderator", "hr_officer"])
def test_nobody_else_answers(request, unit, citizen, moderator, who):
    fb = verified(unit, citizen, moderator)
    if who == "inactive":
        actor = ResponderFactory(unit=unit, is_active=False, user=UserFactory()).user
    else:
        actor = request.getfixturevalue(who)
    with pytest.raises(CommunityError, match="petugas penjawab"):
        services.answer_feedback(fb, responder=actor, text="Jawab")


def test_unverified_feedback_cannot_be_answered(unit, citizen, responder):
    fb = submit(unit, citizen)
    with pytest.raises(CommunityError, match="Baru"):
        services.answer_feedback(fb, responder=responder, text="Jawab")


# ---------------------------------------------------------------- close, rate, reopen


def test_author_closes_and_rates(unit, citizen, moderator, responder):
    fb = answered(unit, citizen, moderator, responder)
    with pytest.raises(CommunityError, match="pengirim"):
        services.close_feedback(fb, actor=CitizenFactory())
    fb = services.close_feedback(fb, actor=citizen)
    assert fb.status == Status.CLOSED
    fb = services.rate_feedback(fb, author=citizen, rating=4)
    assert fb.rating == 4
    with pytest.raises(CommunityError, match="sudah menilai"):
        services.rate_feedback(fb, author=citizen, rating=5)


@pytest.mark.parametrize("rating", [0, 6, "5"])
def test_rating_outside_one_to_five_is_refused(
    unit, citizen, moderator, responder, rating
):
    fb = answered(unit, citizen, moderator, responder)
    with pytest.raises(CommunityError, match="1 sampai 5"):
        services.rate_feedback(fb, author=citizen, rating=rating)


def test_only_the_author_rates(unit, citizen, moderator, responder):
    fb = answered(unit, citizen, moderator, responder)
    for other in (CitizenFactory(), moderator, responder):
        with pytest.raises(CommunityError, match="pengirim"):
            services.rate_feedback(fb, author=other, rating=5)


def test_rating_before_the_answer_is_refused(unit, citizen, moderator):
    fb = verified(unit, citizen, moderator)
    with pytest.raises(CommunityError, match="Didisposisikan"):
        services.rate_feedback(fb, author=citizen, rating=5)


def test_db_refuses_rating_out_of_range(unit):
    with pytest.raises(IntegrityError), transaction.atomic():
        FeedbackFactory(unit=unit, answered=True, rating=6)


def test_reopen_once_then_answer_again(unit, citizen, moderator, responder):
    fb = answered(unit, citizen, moderator, responder)
    fb = services.rate_feedback(fb, author=citizen, rating=1)
    fb = services.reopen_feedback(fb, author=citizen, reason="Belum ada perubahan")
    assert (fb.status, fb.reopen_count, fb.rating) == (Status.ASSIGNED, 1, None)
    assert fb.answer_due >= timezone.localdate()
    answer = services.answer_feedback(fb, responder=responder, text="Sudah diperbaiki")
    assert answer.round == 2
    fb.refresh_from_db()
    with pytest.raises(CommunityError, match="satu kali"):
        services.reopen_feedback(fb, author=citizen, reason="Lagi")


def test_reopen_needs_reason_author_and_window(
    unit, citizen, moderator, responder, time_machine
):
    fb = answered(unit, citizen, moderator, responder)
    with pytest.raises(CommunityError, match="Tuliskan"):
        services.reopen_feedback(fb, author=citizen, reason="")
    with pytest.raises(CommunityError, match="pengirim"):
        services.reopen_feedback(fb, author=CitizenFactory(), reason="Belum")
    time_machine(timezone.now() + timedelta(days=31))
    with pytest.raises(CommunityError, match="30 hari"):
        services.reopen_feedback(fb, author=citizen, reason="Belum")


def test_db_refuses_a_second_reopen(unit):
    with pytest.raises(IntegrityError), transaction.atomic():
        FeedbackFactory(unit=unit, assigned=True, reopen_count=2)


# ---------------------------------------------------------------- overdue


def test_overdue_means_past_due_and_not_answered(unit):
    today = timezone.localdate()
    late_new = FeedbackFactory(unit=unit, response_due=today - timedelta(1))
    late_assigned = FeedbackFactory(
        unit=unit, assigned=True, answer_due=today - timedelta(1)
    )
    FeedbackFactory(unit=unit, assigned=True, answer_due=today)  # due today: not yet
    FeedbackFactory(unit=unit, answered=True, answer_due=today - timedelta(9))
    FeedbackFactory(
        unit=unit,
        status=Status.REJECTED,
        rejection_reason="Spam",
        response_due=today - timedelta(9),
    )
    assert set(Feedback.objects.overdue()) == {late_new, late_assigned}
    assert late_assigned.is_overdue()


# ---------------------------------------------------------------- visibility


def test_visibility_matrix(unit, citizen, moderator, hr_officer, responder):
    public = FeedbackFactory(unit=unit, assigned=True)
    confidential = FeedbackFactory(unit=unit, assigned=True, is_confidential=True)
    own_new = FeedbackFactory(unit=unit, author=citizen)
    other_new = FeedbackFactory(unit=unit)
    rejected = FeedbackFactory(
        unit=unit, status=Status.REJECTED, rejection_reason="Spam"
    )
    elsewhere_confidential = FeedbackFactory(assigned=True, is_confidential=True)
    everything = {
        public,
        confidential,
        own_new,
        other_new,
        rejected,
        elsewhere_confidential,
    }
    assert set(Feedback.objects.public()) == {public}
    assert set(Feedback.objects.visible_to(None)) == {public}
    assert set(Feedback.objects.visible_to(CitizenFactory())) == {public}
    assert set(Feedback.objects.visible_to(citizen)) == {public, own_new}
    assert set(Feedback.objects.visible_to(responder)) == {public, confidential}
    assert set(Feedback.objects.visible_to(moderator)) == everything
    assert set(Feedback.objects.visible_to(hr_officer)) == everything


def test_anonymous_author_is_hidden_from_public_and_responder(
    unit, citizen, moderator, hr_officer, responder
):
    fb = FeedbackFactory(unit=unit, assigned=True, author=citizen, is_anonymous=True)
    assert not services.sees_author(fb, None)
    assert not services.sees_author(fb, responder)
    assert not services.sees_author(fb, CitizenFactory())
    assert services.sees_author(fb, citizen)
    assert services.sees_author(fb, moderator)
    assert services.sees_author(fb, hr_officer)


# ---------------------------------------------------------------- figures


def test_unit_stats(unit, time_machine):
    other = OrgUnitFactory()
    quiet = OrgUnitFactory()
    sent = at(2026, 3, 2, 9)
    due = date(2026, 3, 9)
    FeedbackFactory(
        unit=unit,
        answered=True,
        created_at=sent,
        answered_at=at(2026, 3, 4, 9),
        answer_due=due,
    )
    FeedbackFactory(
        unit=unit,
        answered=True,
        created_at=sent,
        answered_at=at(2026, 3, 12, 9),
        answer_due=due,
        status=Status.CLOSED,
        rating=4,
    )
    FeedbackFactory(unit=unit, assigned=True)
    FeedbackFactory(unit=unit)  # unverified: not counted
    FeedbackFactory(unit=unit, status=Status.REJECTED, rejection_reason="Spam")
    FeedbackFactory(unit=other, assigned=True, is_confidential=True)
    stats = {}
    queries = count_queries(
        lambda: stats.update(services.unit_stats([unit.pk, other.pk, quiet.pk]))
    )
    assert queries == 1
    assert stats[unit.pk] == services.UnitFeedbackStats(
        total=3,
        open_count=1,
        answered=2,
        answered_on_time_share=0.5,
        avg_response_days=6.0,
        rated=1,
        avg_rating=4.0,
    )
    assert stats[other.pk].open_count == 1
    assert stats[quiet.pk] == services.EMPTY_STATS
    assert set(services.unit_stats()) == {unit.pk, other.pk}


# ---------------------------------------------------------------- personal data


def test_personal_data_lists_own_feedback_with_answers(
    unit, citizen, moderator, responder
):
    answered(unit, citizen, moderator, responder, text="NIK 3273012345670001")
    FeedbackFactory(unit=unit)  # someone else's
    data = services.personal_data(citizen)
    assert len(data) == 1
    assert data[0]["isi"] == "NIK 3273012345670001"
    assert data[0]["jawaban"][0]["isi"] == "Sudah ditangani."


def test_erase_keeps_feedback_but_not_the_person(
    unit, citizen, moderator, responder, photo_root, django_capture_on_commit_callbacks
):
    from tests.community.factories_feedback import photo_upload

    fb = answered(
        unit,
        citizen,
        moderator,
        responder,
        text="NIK 3273012345670001",
        photo=photo_upload(),
    )
    stored = photo_root / fb.photo.name
    assert stored.exists()
    with django_capture_on_commit_callbacks(execute=True):
        services.erase_personal_data(citizen)
    fb.refresh_from_db()
    assert fb.author is None
    assert fb.is_anonymous
    assert "3273012345670001" not in fb.text
    assert not fb.photo
    assert not stored.exists()
    assert not fb.events.filter(actor=citizen).exists()
    assert fb.answers.count() == 1


def test_suspended_author_cannot_reopen(unit, citizen, moderator, responder):
    fb = answered(unit, citizen, moderator, responder)
    CitizenProfile.objects.create(
        user=citizen,
        display_name="Budi",
        suspended_at=timezone.now(),
        suspension_reason="Kasar",
    )
    with pytest.raises(CommunityError, match="ditangguhkan"):
        services.reopen_feedback(fb, author=citizen, reason="Belum")


def test_a_moderator_redacts_what_the_public_reads(unit, citizen, moderator):
    fb = submit(unit, citizen, text="Pak Anwar tetangga saya di Jl. Melati 5 antre.")
    fb = services.redact_feedback(
        fb,
        actor=moderator,
        public_title="Antrean KTP",
        public_text="Seorang warga antre lama. Hubungi 0812-3456-7890.",
        reason="Nama dan alamat pihak ketiga",
    )
    fb.refresh_from_db()
    # The public version changed and is masked again; the citizen's text stays.
    assert (
        fb.public_text
        == "Seorang warga antre lama. Hubungi [nomor telepon disamarkan]."
    )
    assert "phone" in fb.masked_kinds.split(",")
    assert fb.text == "Pak Anwar tetangga saya di Jl. Melati 5 antre."
    log = ModerationLog.objects.get(target_kind="feedback", target_id=fb.pk)
    assert (log.action, log.moderator, log.reason) == (
        "EDIT",
        moderator,
        "Nama dan alamat pihak ketiga",
    )
    assert "Jl. Melati" in log.before_text
    assert "Jl. Melati" not in log.after_text


@pytest.mark.parametrize("persona", ["citizen", "hr_officer", "employee"])
def test_only_a_moderator_redacts(request, unit, persona):
    fb = submit(unit, CitizenFactory())
    with pytest.raises(CommunityError, match="moderator"):
        services.redact_feedback(
            fb,
            actor=request.getfixturevalue(persona),
            public_title="x",
            public_text="y",
            reason="z",
        )
    fb.refresh_from_db()
    assert fb.public_text == "Antrean terlalu lama."


def test_a_redaction_needs_text_and_a_reason_and_a_public_feedback(
    unit, citizen, moderator
):
    fb = submit(unit, citizen)
    edit = {"public_title": "Judul", "public_text": "Isi", "reason": "Data pribadi"}
    with pytest.raises(CommunityError, match="wajib"):
        services.redact_feedback(fb, actor=moderator, **{**edit, "public_text": " "})
    with pytest.raises(CommunityError, match="alasan"):
        services.redact_feedback(fb, actor=moderator, **{**edit, "reason": " "})
    fb.refresh_from_db()
    assert (fb.public_title, fb.public_text) == ("Antrean KTP", "Antrean terlalu lama.")
    assert not ModerationLog.objects.exists()  # nothing half-written
    services.reject_feedback(fb, actor=moderator, reason="Spam")
    with pytest.raises(CommunityError, match="ditolak"):
        services.redact_feedback(fb, actor=moderator, **edit)
