"""The 20 JP right (PP 11/2017; domain.md 6.2): JP completed per employee per year.

What counts in a calendar year:
- a completed registration: its program's JP credit, in the year of the event's
  end date;
- approved external learning: its JP, in the year of its end date.
Per kind, the year's sum is capped by COMPETENCY_JP_CAPS (non-klasikal kinds such as
coaching or e-learning); the yearly minimum is COMPETENCY_JP_YEARLY_MINIMUM. Both
are read at call time. Sums and caps are computed in SQL (LEAST per kind), so the
reports send a fixed number of queries whatever the number of employees.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db import connection
from django.db.models import (
    Count,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, Greatest, Least
from django.utils import timezone

from competency.models import (
    DevelopmentKind,
    ExternalLearning,
    Registration,
    TrainingEvent,
    TrainingProgram,
    YearlyJp,
    category_of,
)
from positions.models import Employee, OrgUnit


def yearly_minimum() -> int:
    return settings.COMPETENCY_JP_YEARLY_MINIMUM


def yearly_caps() -> dict[str, int]:
    return dict(settings.COMPETENCY_JP_CAPS)


def reference_day(year: int) -> date:
    """The day whose positions place employees in units for a year's report: today
    for the current or a coming year, 31 December for a past one."""
    return min(timezone.localdate(), date(year, 12, 31))


# ---------------------------------------------------------------- SQL


def _credits_sql(employee_match: str) -> str:
    """Rows (kind, jp, employee_id) that count in [%s, %s]; `employee_match` is the
    condition on the employee column, e.g. "= <column>" or "IN (<subquery>)".
    Parameters: start, end, *employee params, start, end, *employee params."""
    qn = connection.ops.quote_name
    registration = qn(Registration._meta.db_table)
    event = qn(TrainingEvent._meta.db_table)
    program = qn(TrainingProgram._meta.db_table)
    external = qn(ExternalLearning._meta.db_table)
    return f"""
        SELECT p.kind, p.jp_credit AS jp, r.employee_id
        FROM {registration} r
        JOIN {event} e ON e.id = r.event_id
        JOIN {program} p ON p.id = e.program_id
        WHERE r.status = 'COMPLETED' AND e.end_date BETWEEN %s AND %s
          AND r.employee_id {employee_match}
        UNION ALL
        SELECT x.kind, x.jp, x.employee_id
        FROM {external} x
        WHERE x.status = 'APPROVED' AND x.end_date BETWEEN %s AND %s
          AND x.employee_id {employee_match}
    """


def _capped_sql(caps: dict[str, int]) -> tuple[str, list]:
    """`k.raw` limited by the kind's cap; LEAST ignores the NULL of an uncapped kind."""
    if not caps:
        return "k.raw", []
    whens = " ".join("WHEN %s THEN %s" for _ in caps)
    params = [value for pair in sorted(caps.items()) for value in pair]
    return f"LEAST(k.raw, CASE k.kind {whens} END)", params


def _credit_params(year: int, employee_params: list) -> list:
    start, end = date(year, 1, 1), date(year, 12, 31)
    return [start, end, *employee_params, start, end, *employee_params]


def _totals_sql(caps: dict[str, int], employee_match: str) -> tuple[str, list]:
    """Rows (employee_id, total) of counted JP for the employees matched, one
    grouped pass over the year's credits (a few rows per employee) rather than a
    subquery per employee. Parameters: cap params, then _credit_params()."""
    capped, cap_params = _capped_sql(caps)
    sql = f"""
        SELECT k.employee_id, SUM({capped}) AS total
        FROM (
            SELECT u.employee_id, u.kind, SUM(u.jp) AS raw
            FROM ({_credits_sql(employee_match)}) u
            GROUP BY u.employee_id, u.kind
        ) k
        GROUP BY k.employee_id
    """
    return sql, cap_params


def recount_sql(
    year: int, employee_match: str = "IS NOT NULL", employee_params: list = ()
) -> tuple[str, list]:
    """SQL and parameters that upsert YearlyJp for `year` and the employees whose
    id `employee_match` selects (with `employee_params`). The caller deletes the
    same rows first, so that someone left with no credit drops out."""
    qn = connection.ops.quote_name
    sql, cap_params = _totals_sql(yearly_caps(), employee_match)
    return (
        f"""
        INSERT INTO {qn(YearlyJp._meta.db_table)} (employee_id, year, counted)
        SELECT t.employee_id, %s, t.total FROM ({sql}) t WHERE t.total > 0
        ON CONFLICT (employee_id, year) DO UPDATE SET counted = EXCLUDED.counted
        """,
        [year, *cap_params, *_credit_params(year, list(employee_params))],
    )


def credit_years() -> list[int]:
    """The years in which anyone has JP that count (one query)."""
    qn = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            SELECT DISTINCT EXTRACT(YEAR FROM e.end_date)::int
            FROM {qn(Registration._meta.db_table)} r
            JOIN {qn(TrainingEvent._meta.db_table)} e ON e.id = r.event_id
            WHERE r.status = 'COMPLETED'
            UNION
            SELECT DISTINCT EXTRACT(YEAR FROM x.end_date)::int
            FROM {qn(ExternalLearning._meta.db_table)} x WHERE x.status = 'APPROVED'
            """
        )
        return sorted(row[0] for row in cursor.fetchall())


# ---------------------------------------------------------------- results


@dataclass(frozen=True, slots=True)
class KindJp:
    kind: str
    raw: int  # JP completed
    counted: int  # after the kind's yearly cap
    cap: int | None

    @property
    def label(self) -> str:
        return str(DevelopmentKind(self.kind).label)

    @property
    def category(self) -> str:
        return category_of(self.kind)


@dataclass(frozen=True, slots=True)
class JpProgress:
    year: int
    minimum: int
    by_kind: list[KindJp]

    @property
    def total(self) -> int:
        return sum(k.counted for k in self.by_kind)

    @property
    def missing(self) -> int:
        return max(self.minimum - self.total, 0)

    @property
    def met(self) -> bool:
        return self.total >= self.minimum

    @property
    def percent(self) -> int:
        """Progress toward the minimum, 0-100, for a progress bar."""
        if self.minimum <= 0:
            return 100
        return min(100, round(100 * self.total / self.minimum))


@dataclass(frozen=True, slots=True)
class JpSummary:
    year: int
    minimum: int
    employees: int
    below: int
    missing_total: int
    average: float


# ---------------------------------------------------------------- public API


def jp_by_kind(employees: QuerySet[Employee], year: int) -> dict[int, list[KindJp]]:
    """{employee_id: [KindJp, ...]} for the employees with any JP in `year` (one query)."""
    caps = yearly_caps()
    subquery, employee_params = employees.values("pk").query.sql_with_params()
    capped, cap_params = _capped_sql(caps)
    sql = f"""
        SELECT k.employee_id, k.kind, k.raw::integer, ({capped})::integer
        FROM (
            SELECT u.employee_id, u.kind, SUM(u.jp) AS raw
            FROM ({_credits_sql(f"IN ({subquery})")}) u
            GROUP BY u.employee_id, u.kind
        ) k
        ORDER BY k.employee_id, k.kind
    """
    result: dict[int, list[KindJp]] = defaultdict(list)
    with connection.cursor() as cursor:
        cursor.execute(sql, [*cap_params, *_credit_params(year, list(employee_params))])
        for employee_id, kind, raw, counted in cursor.fetchall():
            result[employee_id].append(KindJp(kind, raw, counted, caps.get(kind)))
    return dict(result)


def employee_progress(employee: Employee, year: int | None = None) -> JpProgress:
    """The employee's JP for the year (default: this year), by kind (one query).

    The items behind it: Registration.objects.completed_in_year(year) and
    ExternalLearning.objects.approved_in_year(year), filtered to the employee.
    """
    year = year or timezone.localdate().year
    kinds = jp_by_kind(Employee.objects.filter(pk=employee.pk), year)
    return JpProgress(
        year=year, minimum=yearly_minimum(), by_kind=kinds.get(employee.pk, [])
    )


def jp_report(
    year: int,
    *,
    employees: QuerySet[Employee] | None = None,
    unit: OrgUnit | None = None,
    day: date | None = None,
) -> QuerySet[Employee]:
    """Active employees (of `employees`, e.g. visible_to(user)) annotated with
    `jp_total` (counted JP in `year`) and `jp_missing` (to the minimum, never
    negative), plus the with_current_position() fields; in the subtree of `unit`
    when given (placed by their position on reference_day(year) or `day`).
    A queryset, so pages filter, order, paginate and export it."""
    minimum = yearly_minimum()
    base = (employees if employees is not None else Employee.objects.all()).active()
    qs = base.with_current_position(day or reference_day(year))
    if unit is not None:
        qs = qs.filter(unit_path__startswith=unit.path)
    counted = YearlyJp.objects.filter(employee=OuterRef("pk"), year=year)
    return (
        qs.annotate(
            jp_total=Coalesce(
                Subquery(counted.values("counted")[:1]),
                Value(0),
                output_field=IntegerField(),
            )
        )
        .annotate(
            jp_missing=Greatest(
                Value(minimum) - F("jp_total"),
                Value(0),
                output_field=IntegerField(),
            )
        )
        # By name: the (name, nip) index pages 100,000 people without sorting them.
        .order_by("name", "nip")
    )


def below_minimum(
    year: int,
    *,
    employees: QuerySet[Employee] | None = None,
    unit: OrgUnit | None = None,
    day: date | None = None,
) -> QuerySet[Employee]:
    """jp_report() limited to those below the yearly minimum: HR's reminder list
    (an anti-join on YearlyJp's (year, counted) index)."""
    met = YearlyJp.objects.filter(year=year, counted__gte=yearly_minimum())
    return jp_report(year, employees=employees, unit=unit, day=day).exclude(
        pk__in=met.values("employee_id")
    )


def jp_summary(
    year: int,
    *,
    employees: QuerySet[Employee] | None = None,
    unit: OrgUnit | None = None,
    day: date | None = None,
) -> JpSummary:
    """Head count, how many are below the minimum, the JP missing in all and the
    average counted JP, for the same group as jp_report() (two queries, on
    YearlyJp)."""
    minimum = yearly_minimum()
    people = (employees if employees is not None else Employee.objects.all()).active()
    if unit is not None:
        # Only a unit needs each employee's post; the city is every active employee.
        people = people.with_current_position(day or reference_day(year)).filter(
            unit_path__startswith=unit.path
        )
    people = people.values("pk").order_by()
    count = people.count()
    totals = YearlyJp.objects.filter(year=year, employee_id__in=people).aggregate(
        met=Count("pk", filter=Q(counted__gte=minimum)),
        up_to_minimum=Sum(Least("counted", Value(minimum))),
        jp=Sum("counted"),
    )
    return JpSummary(
        year=year,
        minimum=minimum,
        employees=count,
        below=count - totals["met"],
        missing_total=count * minimum - (totals["up_to_minimum"] or 0),
        average=round((totals["jp"] or 0) / count, 1) if count else 0.0,
    )
