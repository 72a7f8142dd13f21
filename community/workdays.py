"""Working days for feedback deadlines: Monday to Friday, minus the national
holidays and cuti bersama kept as community.Holiday rows.

A deadline of n working days from a date is the n-th working day after it (the
start day itself never counts), so working_days_between(start,
add_working_days(start, n)) == n.
"""

from __future__ import annotations

from datetime import date, timedelta

SATURDAY = 5
# The longest run of consecutive holidays plus weekends around Lebaran is about
# ten days; a window this wide past the plain estimate nearly always suffices,
# and a second query covers the rest.
SLACK_DAYS = 45


def _holidays(start: date, end: date) -> set[date]:
    from community.models import Holiday

    return set(
        Holiday.objects.filter(date__gte=start, date__lte=end).values_list(
            "date", flat=True
        )
    )


def _is_working(day: date, holidays: set[date]) -> bool:
    return day.weekday() < SATURDAY and day not in holidays


def add_working_days(start: date, days: int) -> date:
    """The date `days` working days after `start` (one query, usually)."""
    if days < 0:
        raise ValueError("days must not be negative")
    if days == 0:
        return start
    window_end = start + timedelta(days=days * 7 // 5 + SLACK_DAYS)
    holidays = _holidays(start, window_end)
    day, left = start, days
    while left:
        day += timedelta(days=1)
        if day > window_end:
            next_end = window_end + timedelta(days=SLACK_DAYS)
            holidays |= _holidays(window_end + timedelta(days=1), next_end)
            window_end = next_end
        if _is_working(day, holidays):
            left -= 1
    return day


def working_days_between(start: date, end: date) -> int:
    """Working days after `start` up to and including `end`; negative when `end`
    comes first."""
    if end < start:
        return -working_days_between(end, start)
    holidays = _holidays(start + timedelta(days=1), end)
    return sum(
        1
        for offset in range(1, (end - start).days + 1)
        if _is_working(start + timedelta(days=offset), holidays)
    )


class WorkCalendar:
    """Working days for many dates within [first, last] after one query (the
    escalation list's "working days late" column, the demo data)."""

    def __init__(self, first: date, last: date) -> None:
        self.holidays = _holidays(first, last)

    def add(self, start: date, days: int) -> date:
        """As add_working_days, without a query (dates past `last` count only
        weekends)."""
        day, left = start, days
        while left > 0:
            day += timedelta(days=1)
            if _is_working(day, self.holidays):
                left -= 1
        return day

    def between(self, start: date, end: date) -> int:
        if end < start:
            return -self.between(end, start)
        return sum(
            1
            for offset in range(1, (end - start).days + 1)
            if _is_working(start + timedelta(days=offset), self.holidays)
        )
