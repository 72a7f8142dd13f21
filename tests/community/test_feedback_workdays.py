"""Deadlines in working days: weekends and Holiday rows do not count."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from community.models import Holiday
from community.workdays import add_working_days, working_days_between
from tests.community.factories_feedback import HolidayFactory
from tests.helpers import count_queries

pytestmark = pytest.mark.django_db

FRIDAY = date(2026, 8, 14)  # 17 August 2026 (Monday) is Independence Day


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        (date(2026, 8, 10), 0, date(2026, 8, 10)),
        (date(2026, 8, 10), 1, date(2026, 8, 11)),  # Monday -> Tuesday
        (date(2026, 8, 6), 1, date(2026, 8, 7)),  # Thursday -> Friday
        (date(2026, 8, 7), 1, date(2026, 8, 10)),  # Friday -> Monday
        (date(2026, 8, 8), 1, date(2026, 8, 10)),  # Saturday -> Monday
        (date(2026, 8, 10), 5, date(2026, 8, 17)),  # a full week, no holiday
    ],
)
def test_add_working_days_skips_weekends(start, days, expected):
    assert add_working_days(start, days) == expected


def test_deadline_across_a_weekend_and_a_holiday():
    HolidayFactory(date=date(2026, 8, 17), name="Hari Kemerdekaan")
    # Friday + 3 working days: Sat, Sun skipped, Monday the 17th is a holiday,
    # so Tue 18, Wed 19, Thu 20.
    assert add_working_days(FRIDAY, 3) == date(2026, 8, 20)
    assert working_days_between(FRIDAY, date(2026, 8, 20)) == 3
    assert working_days_between(date(2026, 8, 20), FRIDAY) == -3
    assert working_days_between(FRIDAY, date(2026, 8, 17)) == 0


def test_a_holiday_run_longer_than_the_first_window_is_crossed():
    first = date(2027, 3, 13)
    Holiday.objects.bulk_create(
        Holiday(date=first + timedelta(days=n), name="Uji") for n in range(63)
    )  # 13 March to 14 May, beyond the first window of 46 days
    assert add_working_days(date(2027, 3, 12), 1) == date(2027, 5, 17)


def test_one_query_per_call():
    HolidayFactory(date=date(2026, 8, 17))
    assert count_queries(lambda: add_working_days(FRIDAY, 60)) == 1
    assert count_queries(lambda: working_days_between(FRIDAY, date(2026, 12, 1))) == 1


def test_round_trip_over_a_year():
    HolidayFactory(date=date(2026, 12, 25), name="Natal")
    start = date(2026, 1, 2)
    for days in (1, 3, 5, 14, 60, 200):
        assert working_days_between(start, add_working_days(start, days)) == days
