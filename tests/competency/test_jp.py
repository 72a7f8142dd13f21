from __future__ import annotations

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.paginator import Paginator
from django.utils import timezone

from competency import jp, services
from competency.models import Assessment, Registration, YearlyJp
from positions.models import Employee
from tests.competency.factories import (
    CompletedRegistrationFactory,
    ExternalLearningFactory,
    TrainingEventFactory,
)
from tests.helpers import assert_constant_queries
from tests.positions.factories import EmployeeFactory, OrgUnitFactory, PlacementFactory

pytestmark = pytest.mark.django_db


def attend(
    employee, start: date, end: date, *, jp_credit: int, kind="PELATIHAN_TEKNIS"
):
    event = TrainingEventFactory(
        start_date=start,
        end_date=end,
        registration_deadline=start,
        program__jp_credit=jp_credit,
        program__kind=kind,
    )
    return CompletedRegistrationFactory(event=event, employee=employee)


def total(employee, year: int) -> int:
    return jp.employee_progress(employee, year).total


def test_jp_count_in_the_year_the_event_ends():
    person = EmployeeFactory()
    attend(person, date(2024, 12, 30), date(2024, 12, 31), jp_credit=8)
    attend(person, date(2024, 12, 31), date(2025, 1, 1), jp_credit=16)
    attend(person, date(2025, 1, 1), date(2025, 1, 1), jp_credit=4)
    assert total(person, 2024) == 8
    assert total(person, 2025) == 20


def test_external_learning_counts_in_the_year_it_ends_once_approved():
    person = EmployeeFactory()
    ExternalLearningFactory(
        employee=person,
        jp=5,
        start_date=date(2024, 12, 31),
        end_date=date(2024, 12, 31),
    )
    ExternalLearningFactory(
        employee=person, jp=7, start_date=date(2024, 12, 31), end_date=date(2025, 1, 1)
    )
    for status in ("PENDING", "REJECTED"):
        ExternalLearningFactory(
            employee=person,
            jp=50,
            status=status,
            start_date=date(2025, 2, 1),
            end_date=date(2025, 2, 1),
            reviewed_at=None if status == "PENDING" else timezone.now(),
        )
    assert total(person, 2024) == 5
    assert total(person, 2025) == 7


def test_only_completed_registrations_count():
    person = EmployeeFactory()
    event = TrainingEventFactory(
        start_date=date(2025, 5, 1),
        end_date=date(2025, 5, 2),
        registration_deadline=date(2025, 4, 20),
    )
    for status in ("REGISTERED", "CANCELLED"):
        Registration.objects.create(
            event=event, employee=person, status=status, source="SELF"
        )
    Registration.objects.create(
        event=event,
        employee=EmployeeFactory(),
        status="WAITLISTED",
        source="SELF",
        waitlist_position=1,
    )
    assert total(person, 2025) == 0


def test_caps_apply_to_a_kinds_yearly_sum_from_both_sources(settings):
    settings.COMPETENCY_JP_CAPS = {"COACHING": 3, "E_LEARNING": 10}
    person = EmployeeFactory()
    attend(person, date(2025, 3, 1), date(2025, 3, 1), jp_credit=2, kind="COACHING")
    attend(person, date(2025, 4, 1), date(2025, 4, 1), jp_credit=2, kind="COACHING")
    ExternalLearningFactory(
        employee=person,
        kind="COACHING",
        jp=2,
        start_date=date(2025, 5, 1),
        end_date=date(2025, 5, 1),
    )
    ExternalLearningFactory(
        employee=person,
        kind="E_LEARNING",
        jp=6,
        start_date=date(2025, 5, 1),
        end_date=date(2025, 5, 1),
    )
    attend(person, date(2025, 6, 1), date(2025, 6, 3), jp_credit=30)
    progress = jp.employee_progress(person, 2025)
    kinds = {k.kind: (k.raw, k.counted, k.cap) for k in progress.by_kind}
    assert kinds == {
        "COACHING": (6, 3, 3),
        "E_LEARNING": (6, 6, 10),
        "PELATIHAN_TEKNIS": (30, 30, None),
    }
    assert progress.total == 39
    report = jp.jp_report(2025, employees=Employee.objects.filter(pk=person.pk))
    assert report.get().jp_total == 39
    # Caps are read at call time: without them everything counts.
    settings.COMPETENCY_JP_CAPS = {}
    assert total(person, 2025) == 42


def test_the_minimum_is_read_at_call_time(settings):
    person = EmployeeFactory()
    attend(person, date(2025, 3, 1), date(2025, 3, 2), jp_credit=16)
    progress = jp.employee_progress(person, 2025)
    assert (progress.missing, progress.met, progress.percent) == (4, False, 80)
    settings.COMPETENCY_JP_YEARLY_MINIMUM = 10
    assert jp.employee_progress(person, 2025).met
    assert jp.below_minimum(2025).count() == 0


@pytest.fixture
def city():
    """A dinas with a bidang under it and another dinas; JP in 2025."""
    dinas = OrgUnitFactory()
    bidang = OrgUnitFactory(parent=dinas, kind="BIDANG")
    other = OrgUnitFactory()
    full = PlacementFactory(position__unit=dinas).employee
    short = PlacementFactory(position__unit=bidang).employee
    idle = PlacementFactory(position__unit=bidang).employee
    away = PlacementFactory(position__unit=other).employee
    attend(full, date(2025, 2, 1), date(2025, 2, 3), jp_credit=24)
    attend(short, date(2025, 2, 1), date(2025, 2, 1), jp_credit=8)
    attend(away, date(2025, 2, 1), date(2025, 2, 1), jp_credit=4)
    return dinas, {"full": full, "short": short, "idle": idle, "away": away}


def test_a_unit_report_lists_who_is_below_the_minimum_and_by_how_much(city):
    dinas, people = city
    rows = {e.pk: (e.jp_total, e.jp_missing) for e in jp.jp_report(2025, unit=dinas)}
    assert rows == {
        people["full"].pk: (24, 0),
        people["short"].pk: (8, 12),
        people["idle"].pk: (0, 20),
    }
    below = jp.below_minimum(2025, unit=dinas)
    assert {e.pk for e in below} == {people["short"].pk, people["idle"].pk}
    summary = jp.jp_summary(2025, unit=dinas)
    assert (summary.employees, summary.below, summary.missing_total) == (3, 2, 32)
    assert summary.average == round(32 / 3, 1)
    city_wide = jp.jp_summary(2025)
    assert (city_wide.employees, city_wide.below) == (4, 3)


def test_the_report_is_an_ordinary_queryset(city):
    """Pages paginate it, count it and use it in subqueries."""
    _dinas, people = city
    below = jp.below_minimum(2025)
    page = Paginator(below.order_by("-jp_missing", "pk"), 2).page(1)
    assert page.paginator.count == 3
    assert [e.pk for e in page] == [people["idle"].pk, people["away"].pk]
    assert Assessment.objects.filter(employee__in=below.values("pk")).count() == 0
    assert set(Employee.objects.filter(pk__in=below.values("pk"))) == {
        people["short"],
        people["idle"],
        people["away"],
    }


def test_inactive_employees_are_left_out(city):
    _dinas, people = city
    Employee.objects.filter(pk=people["idle"].pk).update(is_active=False)
    assert jp.jp_summary(2025).employees == 3


def test_the_jp_report_takes_the_same_queries_for_2_and_50_employees():
    unit = OrgUnitFactory()
    year = timezone.localdate().year
    day = date(year, 1, 1)

    def build(n):
        for index in range(n):
            person = PlacementFactory(position__unit=unit).employee
            if index % 2:
                attend(person, day, day, jp_credit=8)
            ExternalLearningFactory(employee=person, start_date=day, end_date=day, jp=3)

    def request():
        list(jp.jp_report(year, unit=unit))
        list(jp.below_minimum(year, unit=unit)[:20])
        jp.jp_summary(year, unit=unit)
        jp.jp_by_kind(Employee.objects.all(), year)

    # report, reminder page, summary (head count + one grouped pass), by kind
    assert assert_constant_queries(build, request) == 5


def test_previous_years_place_people_by_their_position_on_31_december():
    this_year = timezone.localdate().year
    assert jp.reference_day(this_year - 1) == date(this_year - 1, 12, 31)
    assert jp.reference_day(this_year + 1) == timezone.localdate()
    assert jp.reference_day(this_year) == timezone.localdate()


def test_a_recount_applies_changed_caps_to_the_reports(settings):
    settings.COMPETENCY_JP_CAPS = {"COACHING": 3}
    person = EmployeeFactory()
    attend(person, date(2025, 3, 1), date(2025, 3, 1), jp_credit=8, kind="COACHING")
    mine = Employee.objects.filter(pk=person.pk)
    assert jp.jp_report(2025, employees=mine).get().jp_total == 3
    settings.COMPETENCY_JP_CAPS = {}
    # The stored count keeps the caps it was made with until it is recounted.
    assert jp.jp_report(2025, employees=mine).get().jp_total == 3
    out = StringIO()
    call_command("recount_jp", "--year", "2025", stdout=out)
    assert "employee-years" in out.getvalue()
    assert jp.jp_report(2025, employees=mine).get().jp_total == 8
    assert YearlyJp.objects.get(employee=person).counted == 8
    assert services.recount_all_jp() == 1
