from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils import timezone

from competency import services
from competency.models import (
    Assessment,
    Attendance,
    Competency,
    Evaluation,
    Registration,
    YearlyJp,
)
from competency.services import CompetencyError
from sawahlunto_asn.accounts import roles
from tests.accounts.factories import UserFactory
from tests.competency.factories import (
    ExternalLearningFactory,
    TrainingEventFactory,
)
from tests.positions.factories import (
    EmployeeFactory,
    OrgUnitFactory,
    PlacementFactory,
    PositionFactory,
)

pytestmark = pytest.mark.django_db


def today():
    return timezone.localdate()


def nominate(event, employee, hr):
    return services.register(event, employee, by=hr, source="NOMINATED")


@pytest.fixture
def team(supervisor, employee):
    """`atasan` supervises `pegawai`; `outsider` works in another unit."""
    unit = OrgUnitFactory()
    head = PositionFactory(unit=unit, kind="PENGAWAS", eselon="IV.a", needs=1)
    boss = PlacementFactory(position=head, employee__user=supervisor).employee
    staff = PositionFactory(unit=unit, supervisor=head)
    worker = PlacementFactory(position=staff, employee__user=employee).employee
    outsider = PlacementFactory(position=PositionFactory()).employee
    return boss, worker, outsider


# ---------------------------------------------------------------- seats and waiting list


def test_seats_fill_up_then_the_waiting_list_keeps_order(hr_officer):
    event = TrainingEventFactory(capacity=2)
    regs = [nominate(event, EmployeeFactory(), hr_officer) for _ in range(4)]
    assert [r.status for r in regs] == [
        "REGISTERED",
        "REGISTERED",
        "WAITLISTED",
        "WAITLISTED",
    ]
    assert [r.waitlist_position for r in regs] == [None, None, 1, 2]
    assert regs[0].nominated_by == hr_officer


def test_cancelling_a_seat_promotes_the_first_waiting_in_the_same_step(hr_officer):
    event = TrainingEventFactory(capacity=1)
    seated, first, second = (
        nominate(event, EmployeeFactory(), hr_officer) for _ in range(3)
    )
    cancelled = services.cancel(seated, by=hr_officer)
    assert cancelled.status == "CANCELLED"
    assert cancelled.cancelled_by == hr_officer
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, first.waitlist_position) == ("REGISTERED", None)
    assert (second.status, second.waitlist_position) == ("WAITLISTED", 2)
    assert event.registrations.seated().count() == 1


def test_leaving_the_waiting_list_promotes_nobody(hr_officer):
    event = TrainingEventFactory(capacity=1)
    seated, waiting, behind = (
        nominate(event, EmployeeFactory(), hr_officer) for _ in range(3)
    )
    services.cancel(waiting, by=hr_officer)
    behind.refresh_from_db()
    assert behind.status == "WAITLISTED"
    assert event.registrations.seated().get() == seated
    # The next one to queue goes behind the last still waiting.
    late = nominate(event, EmployeeFactory(), hr_officer)
    assert late.waitlist_position == 3


def test_more_seats_go_to_the_waiting_list_in_order(hr_officer):
    event = TrainingEventFactory(capacity=1)
    regs = [nominate(event, EmployeeFactory(), hr_officer) for _ in range(4)]
    services.change_capacity(event, 3, by=hr_officer)
    statuses = dict(
        Registration.objects.filter(event=event).values_list("pk", "status")
    )
    assert [statuses[r.pk] for r in regs] == [
        "REGISTERED",
        "REGISTERED",
        "REGISTERED",
        "WAITLISTED",
    ]
    with pytest.raises(CompetencyError, match="tidak boleh kurang dari 3"):
        services.change_capacity(event, 2, by=hr_officer)


def test_registration_closes_after_the_deadline(hr_officer):
    event = TrainingEventFactory(registration_deadline=today() - timedelta(days=1))
    with pytest.raises(CompetencyError, match="sudah ditutup pada"):
        nominate(event, EmployeeFactory(), hr_officer)
    on_the_day = TrainingEventFactory(registration_deadline=today())
    assert nominate(on_the_day, EmployeeFactory(), hr_officer).status == "REGISTERED"


def test_registering_twice_is_refused_but_again_after_cancelling_is_fine(hr_officer):
    event = TrainingEventFactory()
    employee = EmployeeFactory()
    first = nominate(event, employee, hr_officer)
    with pytest.raises(CompetencyError, match="sudah terdaftar"):
        nominate(event, employee, hr_officer)
    services.cancel(first, by=hr_officer)
    assert nominate(event, employee, hr_officer).status == "REGISTERED"


def test_who_may_register_whom(team, supervisor, employee, hr_officer):
    _boss, worker, outsider = team
    event = TrainingEventFactory()
    mine = services.register(event, worker, by=employee, source="SELF")
    assert (mine.source, mine.nominated_by) == ("SELF", None)
    with pytest.raises(CompetencyError, match="hanya dapat dilakukan oleh pegawai"):
        services.register(event, outsider, by=employee, source="SELF")
    with pytest.raises(CompetencyError, match="tidak berwenang menunjuk"):
        services.register(event, outsider, by=supervisor, source="NOMINATED")
    with pytest.raises(CompetencyError, match="tidak berwenang membatalkan"):
        services.cancel(mine, by=UserFactory(role=roles.EMPLOYEE))
    services.cancel(mine, by=supervisor)
    again = services.register(event, worker, by=supervisor, source="NOMINATED")
    assert again.nominated_by == supervisor


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_registrations_never_exceed_the_seats(role_groups):
    hr = UserFactory(role=roles.HR)
    event = TrainingEventFactory(capacity=3)
    people = [EmployeeFactory() for _ in range(8)]
    barrier = threading.Barrier(len(people))
    errors: list[Exception] = []

    def attempt(person):
        try:
            barrier.wait(timeout=10)
            services.register(event, person, by=hr, source="NOMINATED")
        except Exception as exc:  # any failure is reported by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(p,)) for p in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    statuses = list(event.registrations.values_list("status", flat=True))
    assert statuses.count("REGISTERED") == 3
    assert statuses.count("WAITLISTED") == 5
    positions = sorted(
        event.registrations.waitlisted().values_list("waitlist_position", flat=True)
    )
    assert positions == [1, 2, 3, 4, 5]


# ---------------------------------------------------------------- attendance, completion


@pytest.fixture
def running(hr_officer):
    """A two-day event that ended yesterday, with two participants and one waiting."""
    event = TrainingEventFactory(
        start_date=today() - timedelta(days=2),
        end_date=today() - timedelta(days=1),
        registration_deadline=today() - timedelta(days=1),
        capacity=2,
    )
    people = [EmployeeFactory() for _ in range(3)]
    regs = [
        Registration.objects.create(
            event=event, employee=p, status="REGISTERED", source="NOMINATED"
        )
        for p in people[:2]
    ]
    Registration.objects.create(
        event=event,
        employee=people[2],
        status="WAITLISTED",
        waitlist_position=1,
        source="SELF",
    )
    return event, people, regs


def test_attendance_is_a_sheet_per_day_of_every_participant(running, hr_officer):
    event, people, regs = running
    services.record_attendance(event, event.start_date, [people[0].pk], by=hr_officer)
    sheet = dict(
        Attendance.objects.filter(day=event.start_date).values_list(
            "registration_id", "present"
        )
    )
    assert sheet == {regs[0].pk: True, regs[1].pk: False}
    # Recording the day again replaces it.
    services.record_attendance(
        event, event.start_date, [p.pk for p in people[:2]], by=hr_officer
    )
    assert Attendance.objects.filter(present=True).count() == 2
    assert Attendance.objects.count() == 2


def test_attendance_only_on_event_days_and_for_participants(running, hr_officer):
    event, people, _regs = running
    with pytest.raises(CompetencyError, match="di luar jadwal"):
        services.record_attendance(
            event, event.end_date + timedelta(days=1), [], by=hr_officer
        )
    with pytest.raises(CompetencyError, match="Bukan peserta terdaftar"):
        services.record_attendance(event, event.end_date, [people[2].pk], by=hr_officer)
    with pytest.raises(CompetencyError, match="BKPSDM"):
        services.record_attendance(
            event, event.end_date, [], by=UserFactory(role=roles.EMPLOYEE)
        )


def test_completion_needs_the_event_over_and_a_unique_certificate(running, hr_officer):
    _event, _people, regs = running
    with pytest.raises(CompetencyError, match="wajib diisi"):
        services.complete(regs[0], "  ", by=hr_officer)
    done = services.complete(regs[0], "SERT/001", by=hr_officer)
    assert (done.status, done.completed_on) == ("COMPLETED", done.event.end_date)
    with pytest.raises(CompetencyError, match="sudah dipakai"):
        services.complete(regs[1], "SERT/001", by=hr_officer)
    with pytest.raises(CompetencyError, match="sudah dinyatakan selesai"):
        services.complete(regs[0], "SERT/002", by=hr_officer)
    future = nominate(TrainingEventFactory(), EmployeeFactory(), hr_officer)
    with pytest.raises(CompetencyError, match="Kegiatan belum selesai"):
        services.complete(future, "SERT/003", by=hr_officer)


def test_a_completed_training_cannot_be_cancelled(running, hr_officer):
    _event, _people, regs = running
    services.complete(regs[0], "SERT/010", by=hr_officer)
    with pytest.raises(CompetencyError, match="sudah selesai"):
        services.cancel(regs[0], by=hr_officer)


def test_no_promotion_into_an_event_that_is_over(running, hr_officer):
    event, _people, regs = running
    services.cancel(regs[0], by=hr_officer)
    assert event.registrations.waitlisted().count() == 1


# ---------------------------------------------------------------- evaluation


def test_evaluation_once_per_participant_with_results_per_event(running, hr_officer):
    event, _people, regs = running
    services.evaluate(regs[0], rating=5, comments="Bermanfaat", by=hr_officer)
    services.evaluate(regs[1], rating=3, by=hr_officer)
    with pytest.raises(CompetencyError, match="sudah diisi"):
        services.evaluate(regs[0], rating=4, by=hr_officer)
    with pytest.raises(CompetencyError, match="1 sampai 5"):
        services.evaluate(regs[1], rating=6, by=hr_officer)
    results = Evaluation.objects.for_event(event.pk).results()
    assert (results.count, results.average) == (2, 4.0)
    assert results.distribution == {1: 0, 2: 0, 3: 1, 4: 0, 5: 1}
    waiting = event.registrations.waitlisted().get()
    with pytest.raises(CompetencyError, match="Hanya peserta"):
        services.evaluate(waiting, rating=4, by=hr_officer)


def test_only_the_participant_evaluates_for_himself(running, employee):
    _event, _people, regs = running
    with pytest.raises(CompetencyError, match="peserta sendiri"):
        services.evaluate(regs[0], rating=4, by=employee)


# ---------------------------------------------------------------- external learning


def test_external_learning_waits_for_hr_and_a_rejection_says_why(
    team, employee, hr_officer
):
    _boss, worker, _outsider = team
    submitted = services.submit_external(
        worker,
        by=employee,
        title="Webinar Keamanan Siber",
        kind="SEMINAR",
        jp=3,
        start_date=today() - timedelta(days=3),
        end_date=today() - timedelta(days=3),
        evidence=SimpleUploadedFile("sertifikat.pdf", b"%PDF-1.4"),
    )
    assert submitted.status == "PENDING"
    with pytest.raises(CompetencyError, match="alasan penolakan"):
        services.review_external(submitted, approve=False, by=hr_officer)
    with pytest.raises(CompetencyError, match="BKPSDM"):
        services.review_external(submitted, approve=True, by=employee)
    approved = services.review_external(submitted, approve=True, by=hr_officer)
    assert (approved.status, approved.reviewed_by) == ("APPROVED", hr_officer)
    with pytest.raises(CompetencyError, match="sudah diverifikasi"):
        services.review_external(approved, approve=False, by=hr_officer, note="x")


def test_external_learning_is_recorded_by_the_employee_for_himself_only(team, employee):
    _boss, _worker, outsider = team
    with pytest.raises(CompetencyError, match="pegawai sendiri"):
        services.submit_external(
            outsider,
            by=employee,
            title="Kursus",
            kind="KURSUS",
            jp=2,
            start_date=today(),
            end_date=today(),
            evidence=SimpleUploadedFile("a.pdf", b"x"),
        )


def test_a_pending_submission_is_rejected_with_its_note(hr_officer):
    pending = ExternalLearningFactory(status="PENDING", reviewed_at=None)
    rejected = services.review_external(
        pending, approve=False, by=hr_officer, note=" Sertifikat tidak terbaca "
    )
    assert (rejected.status, rejected.review_note) == (
        "REJECTED",
        "Sertifikat tidak terbaca",
    )


# ---------------------------------------------------------------- assessments


def test_a_supervisor_evaluates_his_subordinates_only(team, supervisor, hr_officer):
    boss, worker, outsider = team
    integrity = Competency.objects.get(code="M.01")
    kwargs = {"competency": integrity, "level": 3, "assessed_on": today()}
    recorded = services.record_assessment(
        worker, method="SUPERVISOR", by=supervisor, **kwargs
    )
    assert (recorded.assessor, recorded.assessor_name) == (supervisor, str(supervisor))
    for person, method in (
        (outsider, "SUPERVISOR"),
        (boss, "SUPERVISOR"),
        (worker, "COMPETENCY_TEST"),
    ):
        with pytest.raises(CompetencyError, match="tidak berwenang"):
            services.record_assessment(person, method=method, by=supervisor, **kwargs)
    services.record_assessment(
        outsider,
        method="ASSESSMENT_CENTER",
        by=hr_officer,
        assessor_name="UPT Penilaian Kompetensi BKN",
        **kwargs,
    )
    with pytest.raises(CompetencyError, match="masa depan"):
        services.record_assessment(
            worker,
            method="COMPETENCY_TEST",
            by=hr_officer,
            competency=integrity,
            level=3,
            assessed_on=today() + timedelta(days=1),
        )
    assert Assessment.objects.count() == 2


def test_completion_and_approval_keep_the_yearly_jp(running, hr_officer):
    event, people, regs = running
    year = event.end_date.year
    assert not YearlyJp.objects.filter(employee=people[0]).exists()
    services.complete(regs[0], "SERT/100", by=hr_officer)
    assert YearlyJp.objects.get(employee=people[0], year=year).counted == (
        event.program.jp_credit
    )
    pending = ExternalLearningFactory(
        employee=people[0], status="PENDING", jp=3, end_date=event.end_date
    )
    assert YearlyJp.objects.get(employee=people[0], year=year).counted == (
        event.program.jp_credit
    )
    services.review_external(pending, approve=True, by=hr_officer)
    assert YearlyJp.objects.get(employee=people[0], year=year).counted == (
        event.program.jp_credit + 3
    )
    refused = ExternalLearningFactory(
        employee=people[1], status="PENDING", jp=3, end_date=event.end_date
    )
    services.review_external(refused, approve=False, by=hr_officer, note="Tanpa bukti")
    assert not YearlyJp.objects.filter(employee=people[1]).exists()
