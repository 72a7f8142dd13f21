"""Each kind reaches the right user exactly once when the real service acts."""

from __future__ import annotations

from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from community.services import feedback as feedback_services
from competency import services as competency_services
from performance import services as performance_services
from positions import services as position_services
from sawahlunto_asn.accounts import roles
from sawahlunto_asn.notifications.models import Kind, Notification
from tests.accounts.factories import UserFactory
from tests.community.factories import ResponderFactory
from tests.community.factories_feedback import FeedbackFactory
from tests.competency.factories import TrainingEventFactory
from tests.notifications.conftest import mails_to, received
from tests.performance.conftest import draft_skp, rate
from tests.positions.factories import EmployeeFactory, OrgUnitFactory
from tests.positions.test_batch_workflow import swap_batch

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(role_groups):
    return {
        "hr": UserFactory(role=roles.HR),
        "reviewer": UserFactory(role=roles.REVIEWER),
        "ppk": UserFactory(role=roles.PPK),
    }


def test_a_submitted_batch_goes_to_the_reviewers_a_recommended_one_to_the_ppk(
    people, django_capture_on_commit_callbacks, mailoutbox
):
    second_reviewer = UserFactory(role=roles.REVIEWER)
    batch, _, _ = swap_batch(people["hr"])
    with django_capture_on_commit_callbacks(execute=True):
        batch = position_services.transition_batch(batch, "submit", actor=people["hr"])
    for reviewer in (people["reviewer"], second_reviewer):
        [row] = received(reviewer, Kind.BATCH_DECISION)
        assert row.url == f"/jabatan/rotasi/usulan/{batch.pk}/"
        assert "Gerbong Juli" in row.title
        assert len(mails_to(mailoutbox, reviewer)) == 1
    assert received(people["ppk"]) == []
    assert received(people["hr"]) == []

    agree = dict.fromkeys(batch.moves.values_list("pk", flat=True), "SETUJU")
    with django_capture_on_commit_callbacks(execute=True):
        position_services.transition_batch(
            batch,
            "recommend",
            actor=people["reviewer"],
            recommendations=agree,
            minutes_number="BA/01/TPK/2025",
            minutes_date=date(2025, 6, 10),
        )
        position_services.transition_batch(batch, "approve", actor=people["ppk"])
    assert len(received(people["ppk"], Kind.BATCH_DECISION)) == 1
    assert len(received(people["reviewer"])) == 1
    assert Notification.objects.count() == 3


def test_an_skp_agreed_by_the_employee_waits_for_the_appraiser(
    org, period, employee, supervisor, django_capture_on_commit_callbacks, mailoutbox
):
    skp = draft_skp(org.me, period, employee)
    with django_capture_on_commit_callbacks(execute=True):
        performance_services.agree_skp(skp, by=employee)
    [row] = received(supervisor, Kind.SKP_AGREEMENT)
    assert row.url == f"/kinerja/skp/{skp.pk}/"
    assert "Dewi Lestari" in row.body
    assert received(employee) == []
    with django_capture_on_commit_callbacks(execute=True):
        performance_services.agree_skp(skp, by=supervisor)
    # Agreed by both: nothing waits any more.
    assert received(employee) == []
    assert len(received(supervisor)) == 1
    assert len(mailoutbox) == 1


def test_an_skp_agreed_by_the_appraiser_waits_for_the_employee(
    org, period, employee, supervisor, django_capture_on_commit_callbacks
):
    skp = draft_skp(org.me, period, employee)
    with django_capture_on_commit_callbacks(execute=True):
        performance_services.agree_skp(skp, by=supervisor)
    assert len(received(employee, Kind.SKP_AGREEMENT)) == 1
    assert received(supervisor) == []


def test_an_objection_goes_to_the_appraisers_superior_when_filed_and_when_clarified(
    org,
    period,
    employee,
    supervisor,
    head_user,
    django_capture_on_commit_callbacks,
):
    skp = draft_skp(org.me, period, employee)
    performance_services.agree_skp(skp, by=employee)
    performance_services.agree_skp(skp, by=supervisor)
    evaluation = performance_services.acknowledge_evaluation(
        rate(skp, supervisor), by=employee
    )
    with django_capture_on_commit_callbacks(execute=True):
        objection = performance_services.file_objection(
            evaluation, by=employee, reasons="Target terlampaui"
        )
    [filed] = received(head_user, Kind.OBJECTION)
    assert "Dewi Lestari" in filed.body
    with django_capture_on_commit_callbacks(execute=True):
        performance_services.explain_objection(objection, by=supervisor, text="Kurang")
    assert len(received(head_user, Kind.OBJECTION)) == 1  # not yet ready to decide
    with django_capture_on_commit_callbacks(execute=True):
        performance_services.explain_objection(objection, by=employee, text="Bukti")
    assert len(received(head_user, Kind.OBJECTION)) == 2
    assert received(supervisor, Kind.OBJECTION) == []
    assert received(employee, Kind.OBJECTION) == []


def test_a_nomination_goes_to_the_nominated_employee_not_a_self_registration(
    employee, hr_officer, django_capture_on_commit_callbacks, mailoutbox
):
    worker = EmployeeFactory(user=employee)
    colleague = EmployeeFactory(user=UserFactory(role=roles.EMPLOYEE))
    event = TrainingEventFactory()
    with django_capture_on_commit_callbacks(execute=True):
        competency_services.register(event, worker, by=hr_officer, source="NOMINATED")
        competency_services.register(event, colleague, by=colleague.user, source="SELF")
    [row] = received(employee, Kind.TRAINING_NOMINATION)
    assert row.url == f"/kompetensi/kegiatan/{event.pk}/"
    assert received(colleague.user) == []
    assert received(hr_officer) == []
    assert [m.to for m in mailoutbox] == [[employee.email]]


def test_an_answer_goes_to_the_citizen_who_wrote(
    citizen, role_groups, django_capture_on_commit_callbacks, mailoutbox
):
    unit = OrgUnitFactory()
    responder = ResponderFactory(unit=unit, user=UserFactory(role=roles.EMPLOYEE)).user
    feedback = FeedbackFactory(unit=unit, author=citizen, assigned=True)
    with django_capture_on_commit_callbacks(execute=True):
        feedback_services.answer_feedback(feedback, responder=responder, text="Beres.")
    [row] = received(citizen, Kind.FEEDBACK_RESPONSE)
    assert row.url == f"/partisipasi/aspirasi/{feedback.pk}/"
    assert feedback.tracking_code in row.body
    assert received(responder) == []
    assert [m.to for m in mailoutbox] == [[citizen.email]]


def test_overdue_feedback_goes_to_the_units_active_responders_once(
    role_groups, django_capture_on_commit_callbacks
):
    unit, other_unit = OrgUnitFactory(), OrgUnitFactory()
    active = ResponderFactory(unit=unit).user
    inactive = ResponderFactory(unit=unit, is_active=False).user
    elsewhere = ResponderFactory(unit=other_unit).user
    yesterday = timezone.localdate() - timedelta(days=1)
    late = FeedbackFactory(unit=unit, assigned=True, answer_due=yesterday)
    FeedbackFactory(unit=unit, assigned=True)  # not due yet
    FeedbackFactory(unit=unit, answered=True, answer_due=yesterday)  # answered
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("notify_overdue_feedback", stdout=out)
    assert "1 aspirasi" in out.getvalue()
    [row] = received(active, Kind.FEEDBACK_OVERDUE)
    assert row.url == f"/partisipasi/aspirasi/{late.pk}/"
    assert received(inactive) == []
    assert received(elsewhere) == []
    # The next day's run does not tell it again.
    with django_capture_on_commit_callbacks(execute=True):
        call_command("notify_overdue_feedback", stdout=StringIO())
    assert len(received(active)) == 1
