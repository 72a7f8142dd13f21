"""Calendar arithmetic the office uses: whole years, masa kerja, printed dates."""

from __future__ import annotations

from datetime import date


def add_years(day: date, years: int) -> date:
    """`day` moved by whole years (negative: back); 29 February becomes the 28th."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def years_and_months(start: date | None, end: date) -> tuple[int, int]:
    """Whole years and months from `start` to `end`; (0, 0) when not yet begun."""
    if start is None or start > end:
        return 0, 0
    months = (end.year - start.year) * 12 + end.month - start.month
    if end.day < start.day:
        months -= 1
    return divmod(months, 12)


def format_day(day: date) -> str:
    """The DD-MM-YYYY form used in messages and tables."""
    return day.strftime("%d-%m-%Y")
