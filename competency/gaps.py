"""Gap analysis: what a position requires per competency against what the employee
was last assessed at, for one employee, a unit subtree, the whole city, proposed
moves, and the training-needs list (analisis kebutuhan pengembangan kompetensi).

Required levels: the defaults for the position's kind (a jenjang-specific default
beats the kind-wide one; technical defaults only for the competency's rumpun),
then the position's own standards, which win (level 0 drops a requirement).
A competency never assessed counts as level 0 and is flagged `unassessed`, so it
shows as a gap ("belum diases"). Every function here sends a fixed number of
queries, whatever the number of employees or positions.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import connection
from django.db.models import Count, Min, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from competency.models import (
    Assessment,
    Competency,
    CompetencyType,
    DevelopmentKind,
    PositionStandard,
    ProgramCompetency,
    StandardDefault,
    UnitGapSummary,
)
from positions.models import Employee, OrgUnit, Placement, Position

# ---------------------------------------------------------------- results


@dataclass(frozen=True, slots=True)
class Gap:
    """One required competency of one employee: `gap` > 0 means below standard."""

    competency_id: int
    code: str
    name: str
    type: str
    required: int
    assessed: int  # 0 when never assessed
    assessed_on: date | None
    unassessed: bool

    @property
    def gap(self) -> int:
        return self.required - self.assessed

    @property
    def below_standard(self) -> bool:
        return self.gap > 0


@dataclass(slots=True)
class EmployeeGaps:
    """An employee in his current definitive position, with a Gap per requirement."""

    employee_id: int
    name: str
    nip: str
    position_id: int
    position_title: str
    unit_id: int
    unit_name: str
    gaps: list[Gap]

    @property
    def below(self) -> list[Gap]:
        return [gap for gap in self.gaps if gap.gap > 0]


@dataclass(frozen=True, slots=True)
class Shortfall:
    employee: EmployeeGaps
    gap: Gap


@dataclass(slots=True)
class CompetencyGapSummary:
    """One competency across a group: how many must have it, who falls short."""

    competency_id: int
    code: str
    name: str
    type: str
    required_count: int = 0  # employees whose position requires it
    unassessed_count: int = 0
    below: list[Shortfall] = field(default_factory=list)

    @property
    def below_count(self) -> int:
        return len(self.below)

    @property
    def average_gap(self) -> float:
        """Mean shortfall in levels of the employees below standard (0 when none)."""
        if not self.below:
            return 0.0
        return round(sum(s.gap.gap for s in self.below) / len(self.below), 2)

    @property
    def min_required_below(self) -> int:
        """The lowest level that someone below standard still has to reach."""
        return min((s.gap.required for s in self.below), default=0)


@dataclass(slots=True)
class GapReport:
    employees: list[EmployeeGaps]
    competencies: list[CompetencyGapSummary]  # only those required of someone

    @property
    def employees_below(self) -> list[EmployeeGaps]:
        return [e for e in self.employees if e.below]


# ---------------------------------------------------------------- standards


def effective_standards_sql(
    positions: str, competency: str = "", *, own: bool = True
) -> str:
    """SQL rows (position_id, competency_id, required) for the positions whose ids
    `positions` selects (a subquery or `= ANY(%s)` operand), optionally only the
    competencies `competency` selects (say `= %s`); each operand appears twice, in
    that order. The one statement of the rule, for a few positions and for the
    whole city alike.

    Defaults by kind apply first; a default for the position's jenjang beats the
    kind-wide one; technical defaults only in the competency's rumpun; then the
    position's own standards win, and level 0 drops a requirement. Inactive
    competencies are never required."""
    qn = connection.ops.quote_name
    position = qn(Position._meta.db_table)
    default = qn(StandardDefault._meta.db_table)
    own = qn(PositionStandard._meta.db_table)
    competency_table = qn(Competency._meta.db_table)
    only = f"AND sd.competency_id {competency}" if competency else ""
    only_own = f"AND ps.competency_id {competency}" if competency else ""
    if not own:  # the defaults alone (the standards page shows them beside overrides)
        only_own += " AND FALSE"
    return f"""
        SELECT COALESCE(o.position_id, d.position_id) AS position_id,
               COALESCE(o.competency_id, d.competency_id) AS competency_id,
               COALESCE(o.required_level, d.required_level) AS required
        FROM (
            SELECT DISTINCT ON (p.id, sd.competency_id)
                   p.id AS position_id, sd.competency_id, sd.required_level
            FROM {position} p
            JOIN {default} sd
              ON sd.position_kind = p.kind
             AND (sd.functional_level = '' OR sd.functional_level = p.level)
            JOIN {competency_table} c ON c.id = sd.competency_id AND c.is_active
            WHERE p.id {positions} {only}
              AND (c.type <> '{CompetencyType.TECHNICAL}' OR c.field = p.field)
            ORDER BY p.id, sd.competency_id, sd.functional_level DESC
        ) d
        FULL JOIN (
            SELECT ps.position_id, ps.competency_id, ps.required_level
            FROM {own} ps
            JOIN {competency_table} c ON c.id = ps.competency_id AND c.is_active
            WHERE ps.position_id {positions} {only_own}
        ) o ON o.position_id = d.position_id AND o.competency_id = d.competency_id
        WHERE COALESCE(o.required_level, d.required_level) > 0
    """


def _current_posts_sql(*, in_unit: bool = False) -> str:
    """Rows (employee_id, position_id, unit_id) of active employees' definitive
    posts on a day. Parameters: the day, twice, then (`in_unit`) a unit path
    prefix for LIKE."""
    qn = connection.ops.quote_name
    unit = (
        f"AND p.unit_id IN (SELECT id FROM {qn(OrgUnit._meta.db_table)} "
        "WHERE path LIKE %s)"
        if in_unit
        else ""
    )
    return f"""
        SELECT pl.employee_id, pl.position_id, p.unit_id
        FROM {qn(Placement._meta.db_table)} pl
        JOIN {qn(Position._meta.db_table)} p ON p.id = pl.position_id
        JOIN {qn(Employee._meta.db_table)} e ON e.id = pl.employee_id
        WHERE pl.kind = '{Placement.Kind.DEFINITIF}' AND e.is_active
          AND pl.start_date <= %s AND (pl.end_date IS NULL OR pl.end_date >= %s)
          {unit}
    """


def gap_summary_insert_sql(table: str) -> str:
    """INSERT ... SELECT of the per-unit, per-competency counts into `table` (see
    services.refresh_gap_summary). Parameters: day, day, computed_on, computed_at."""
    qn = connection.ops.quote_name
    assessment = qn(Assessment._meta.db_table)
    below = "COALESCE(a.level, 0) < eff.required"
    return f"""
        WITH cur AS ({_current_posts_sql()}),
        eff AS ({effective_standards_sql("IN (SELECT position_id FROM cur)")}),
        latest AS (
            SELECT DISTINCT ON (employee_id, competency_id)
                   employee_id, competency_id, level
            FROM {assessment}
            ORDER BY employee_id, competency_id, assessed_on DESC, id DESC
        )
        INSERT INTO {qn(table)} (
            unit_id, competency_id, required_count, unassessed_count, below_count,
            gap_sum, min_required_below, computed_on, computed_at
        )
        SELECT cur.unit_id, eff.competency_id,
               COUNT(*),
               COUNT(*) FILTER (WHERE a.level IS NULL),
               COUNT(*) FILTER (WHERE {below}),
               COALESCE(SUM(eff.required - COALESCE(a.level, 0)) FILTER (WHERE {below}), 0),
               MIN(eff.required) FILTER (WHERE {below}),
               %s, %s
        FROM cur
        JOIN eff ON eff.position_id = cur.position_id
        LEFT JOIN latest a
          ON a.employee_id = cur.employee_id AND a.competency_id = eff.competency_id
        GROUP BY cur.unit_id, eff.competency_id
    """


def required_levels(
    position_ids: Iterable[int], *, own: bool = True
) -> dict[int, dict[int, int]]:
    """{position_id: {competency_id: required level}} for many positions (1 query);
    with `own=False`, what the defaults alone would require."""
    ids = sorted(set(position_ids))
    result: dict[int, dict[int, int]] = {pk: {} for pk in ids}
    if not ids:
        return result
    with connection.cursor() as cursor:
        cursor.execute(effective_standards_sql("= ANY(%s)", own=own), [ids, ids])
        for position_id, competency_id, required in cursor.fetchall():
            result[position_id][competency_id] = required
    return result


# ---------------------------------------------------------------- building blocks


def _latest_levels(
    assessments: QuerySet[Assessment],
) -> dict[int, dict[int, tuple[int, date]]]:
    """{employee_id: {competency_id: (level, assessed_on)}} from the latest ones."""
    latest: dict[int, dict[int, tuple[int, date]]] = defaultdict(dict)
    for (
        employee_id,
        competency_id,
        level,
        assessed_on,
    ) in assessments.latest().values_list(
        "employee_id", "competency_id", "level", "assessed_on"
    ):
        latest[employee_id][competency_id] = (level, assessed_on)
    return latest


def _competencies() -> dict[int, tuple[str, str, str]]:
    return {
        pk: (code, name, ctype)
        for pk, code, name, ctype in Competency.objects.active().values_list(
            "pk", "code", "name", "type"
        )
    }


def _gaps(
    required: dict[int, int],
    assessed: dict[int, tuple[int, date]],
    competencies: dict[int, tuple[str, str, str]],
) -> list[Gap]:
    gaps = []
    for competency_id, level in required.items():
        code, name, ctype = competencies[competency_id]
        found = assessed.get(competency_id)
        gaps.append(
            Gap(
                competency_id=competency_id,
                code=code,
                name=name,
                type=ctype,
                required=level,
                assessed=found[0] if found else 0,
                assessed_on=found[1] if found else None,
                unassessed=found is None,
            )
        )
    gaps.sort(key=lambda gap: (gap.type, gap.code))
    return gaps


def _with_position(employees: QuerySet[Employee], day: date | None) -> QuerySet:
    return employees.with_current_position(day).filter(position_id__isnull=False)


# ---------------------------------------------------------------- public API


def gaps_for_employees(
    employees: QuerySet[Employee], day: date | None = None
) -> list[EmployeeGaps]:
    """Gaps of every employee in `employees` who holds a definitive position on
    `day` (default today), ordered by unit then name. Four queries."""
    scoped = _with_position(employees, day)
    rows = list(
        scoped.order_by("unit_path", "name", "pk").values_list(
            "pk", "name", "nip", "position_id", "position_title", "unit_id", "unit_name"
        )
    )
    if not rows:
        return []
    required = required_levels(row[3] for row in rows)
    # The ids as a list, not the scope as a subquery: with a subquery the planner
    # ran DISTINCT ON over every assessment in the city (160 ms at 100,000).
    latest = _latest_levels(
        Assessment.objects.filter(employee_id__in=[row[0] for row in rows])
    )
    competencies = _competencies()
    return [
        EmployeeGaps(
            employee_id=pk,
            name=name,
            nip=nip,
            position_id=position_id,
            position_title=title,
            unit_id=unit_id,
            unit_name=unit_name,
            gaps=_gaps(required.get(position_id, {}), latest.get(pk, {}), competencies),
        )
        for pk, name, nip, position_id, title, unit_id, unit_name in rows
    ]


def employee_gaps(employee: Employee, day: date | None = None) -> EmployeeGaps | None:
    """The employee's gaps in his current definitive position; None without one."""
    found = gaps_for_employees(Employee.objects.filter(pk=employee.pk), day)
    return found[0] if found else None


def gap_report(
    employees: QuerySet[Employee] | None = None,
    *,
    unit: OrgUnit | None = None,
    day: date | None = None,
) -> GapReport:
    """Gaps of the active employees (of `employees`, e.g. visible_to(user)), in the
    subtree of `unit` when given, the whole city otherwise; with per-competency
    aggregates ordered by the number below standard."""
    base = (employees if employees is not None else Employee.objects.all()).active()
    scoped = _with_position(base, day)
    if unit is not None:
        scoped = scoped.filter(unit_path__startswith=unit.path)
    people = gaps_for_employees(scoped, day)
    summaries: dict[int, CompetencyGapSummary] = {}
    for person in people:
        for gap in person.gaps:
            summary = summaries.get(gap.competency_id)
            if summary is None:
                summary = summaries[gap.competency_id] = CompetencyGapSummary(
                    gap.competency_id, gap.code, gap.name, gap.type
                )
            summary.required_count += 1
            summary.unassessed_count += gap.unassessed
            if gap.gap > 0:
                summary.below.append(Shortfall(person, gap))
    ordered = sorted(summaries.values(), key=lambda s: (-s.below_count, s.type, s.code))
    return GapReport(employees=people, competencies=ordered)


def unit_gaps(
    unit: OrgUnit,
    *,
    employees: QuerySet[Employee] | None = None,
    day: date | None = None,
) -> GapReport:
    """gap_report() for the unit and everything under it."""
    return gap_report(employees, unit=unit, day=day)


def city_gaps(
    *, employees: QuerySet[Employee] | None = None, day: date | None = None
) -> GapReport:
    """gap_report() for the whole city."""
    return gap_report(employees, day=day)


def gaps_for_moves(
    pairs: Iterable[tuple[int, int]],
) -> dict[tuple[int, int], list[Gap]]:
    """For proposed moves (employee_id, target position_id): the gaps the employee
    would have in the target position. Primitive in and out so that the positions
    app can call it through a setting without importing this app. Three queries."""
    pairs = list(dict.fromkeys(pairs))
    if not pairs:
        return {}
    required = required_levels(position_id for _, position_id in pairs)
    latest = _latest_levels(
        Assessment.objects.filter(employee_id__in={e for e, _ in pairs})
    )
    competencies = _competencies()
    return {
        (employee_id, position_id): _gaps(
            required.get(position_id, {}), latest.get(employee_id, {}), competencies
        )
        for employee_id, position_id in pairs
    }


# ---------------------------------------------------------------- counted summary


@dataclass(frozen=True, slots=True)
class CompetencyTotals:
    """One competency over a unit subtree, from the counted summary."""

    competency_id: int
    code: str
    name: str
    type: str
    required_count: int
    unassessed_count: int
    below_count: int
    gap_sum: int
    min_required_below: int

    @property
    def average_gap(self) -> float:
        """Mean shortfall in levels of the employees below standard (0 when none)."""
        return round(self.gap_sum / self.below_count, 2) if self.below_count else 0.0


@dataclass(frozen=True, slots=True)
class SummaryReport:
    competencies: list[CompetencyTotals]  # most employees below standard first
    computed_at: datetime | None  # None: never counted
    computed_on: date | None


def summary_report(unit: OrgUnit | None = None) -> SummaryReport:
    """The city's (or a unit subtree's) gaps per competency, added up from
    UnitGapSummary as of its last count (services.refresh_gap_summary). Two queries."""
    rows = UnitGapSummary.objects.all()
    if unit is not None:
        rows = rows.filter(unit__path__startswith=unit.path)
    totals = [
        CompetencyTotals(
            competency_id=row["competency_id"],
            code=row["competency__code"],
            name=row["competency__name"],
            type=row["competency__type"],
            required_count=row["required"],
            unassessed_count=row["unassessed"],
            below_count=row["below"],
            gap_sum=row["gap"],
            min_required_below=row["lowest"] or 0,
        )
        for row in rows.filter(competency__is_active=True)
        .values(
            "competency_id", "competency__code", "competency__name", "competency__type"
        )
        .annotate(
            required=Sum("required_count"),
            unassessed=Sum("unassessed_count"),
            below=Sum("below_count"),
            gap=Sum("gap_sum"),
            lowest=Min("min_required_below"),
        )
        .order_by()
    ]
    totals.sort(key=lambda t: (-t.below_count, t.type, t.code))
    stamp = UnitGapSummary.objects.values_list("computed_at", "computed_on").first()
    return SummaryReport(
        competencies=totals,
        computed_at=stamp[0] if stamp else None,
        computed_on=stamp[1] if stamp else None,
    )


class BelowStandard:
    """Who is below the standard in one competency, in a unit subtree or the city,
    largest gap first: live from the register (not the counted summary), paged in
    SQL, so it serves as a Paginator's object_list at any size."""

    def __init__(
        self,
        competency_id: int,
        *,
        unit: OrgUnit | None = None,
        day: date | None = None,
    ) -> None:
        self.competency_id = competency_id
        self.unit = unit
        self.day = day or timezone.localdate()

    def _sql(self, select: str, tail: str = "") -> tuple[str, list]:
        qn = connection.ops.quote_name
        in_unit = self.unit is not None
        sql = f"""
            WITH cur AS ({_current_posts_sql(in_unit=in_unit)}),
            eff AS ({effective_standards_sql("IN (SELECT position_id FROM cur)", "= %s")}),
            req AS (
                SELECT cur.employee_id, cur.position_id, cur.unit_id, eff.required
                FROM cur JOIN eff ON eff.position_id = cur.position_id
            ),
            latest AS (
                SELECT DISTINCT ON (employee_id) employee_id, level, assessed_on
                FROM {qn(Assessment._meta.db_table)}
                WHERE competency_id = %s
                  AND employee_id IN (SELECT employee_id FROM req)
                ORDER BY employee_id, assessed_on DESC, id DESC
            )
            SELECT {select}
            FROM req
            LEFT JOIN latest a ON a.employee_id = req.employee_id
            JOIN {qn(Employee._meta.db_table)} e ON e.id = req.employee_id
            JOIN {qn(Position._meta.db_table)} p ON p.id = req.position_id
            JOIN {qn(OrgUnit._meta.db_table)} u ON u.id = req.unit_id
            WHERE COALESCE(a.level, 0) < req.required
            {tail}
        """
        params: list = [self.day, self.day]
        if in_unit:
            params.append(f"{self.unit.path}%")
        return sql, [*params, *[self.competency_id] * 3]

    def count(self) -> int:
        sql, params = self._sql("COUNT(*)")
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchone()[0]

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index: slice) -> list[Shortfall]:
        start = index.start or 0
        limit = "ALL" if index.stop is None else int(index.stop - start)
        sql, params = self._sql(
            "e.id, e.name, e.nip, p.id, p.title, u.id, u.name, req.required, "
            "a.level, a.assessed_on",
            "ORDER BY req.required - COALESCE(a.level, 0) DESC, u.path, e.name, e.id "
            f"LIMIT {limit} OFFSET {int(start)}",
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        code, name, ctype = (
            Competency.objects.filter(pk=self.competency_id)
            .values_list("code", "name", "type")
            .first()
        ) or ("", "", "")
        found = []
        for (
            pk,
            person,
            nip,
            position_id,
            title,
            unit_id,
            unit_name,
            required,
            level,
            on,
        ) in rows:
            gap = Gap(
                competency_id=self.competency_id,
                code=code,
                name=name,
                type=ctype,
                required=required,
                assessed=level or 0,
                assessed_on=on,
                unassessed=level is None,
            )
            employee = EmployeeGaps(
                pk, person, nip, position_id, title, unit_id, unit_name, [gap]
            )
            found.append(Shortfall(employee, gap))
        return found

    def __iter__(self):
        return iter(self[0:None])


# ---------------------------------------------------------------- training needs


@dataclass(frozen=True, slots=True)
class SuggestedProgram:
    program_id: int
    title: str
    kind: str
    jp_credit: int
    target_level: int
    events_in_year: int  # events of the program ending in the planning year

    @property
    def kind_label(self) -> str:
        return str(DevelopmentKind(self.kind).label)


@dataclass(slots=True)
class TrainingNeed:
    """One line of the analisis kebutuhan pengembangan kompetensi."""

    competency_id: int
    code: str
    name: str
    type: str
    employees_below: int
    unassessed: int
    average_gap: float
    target_level: int  # the lowest level still to be reached by someone
    programs: list[SuggestedProgram]

    @property
    def type_label(self) -> str:
        return str(CompetencyType(self.type).label)

    def as_row(self) -> list:
        """The line as spreadsheet cells, in TRAINING_NEEDS_HEADERS order."""
        return [
            self.code,
            self.name,
            self.type_label,
            self.employees_below,
            self.unassessed,
            self.average_gap,
            self.target_level,
            "; ".join(
                f"{p.title} ({p.kind_label}, {p.jp_credit} JP, level {p.target_level})"
                for p in self.programs
            ),
        ]


TRAINING_NEEDS_HEADERS = [
    _("Kode"),
    _("Kompetensi"),
    _("Jenis"),
    _("Pegawai di bawah standar"),
    _("Belum diases"),
    _("Rata-rata kesenjangan"),
    _("Level sasaran"),
    _("Program yang disarankan"),
]


def training_needs(year: int, *, unit: OrgUnit | None = None) -> list[TrainingNeed]:
    """Per competency with someone below standard in the city or `unit`'s subtree
    (from the counted summary, see summary_report()): how many, and the active
    programs that lead at least to the level needed, with the number of their
    events in `year`. Three queries."""
    report = summary_report(unit)
    needed = [s for s in report.competencies if s.below_count]
    if not needed:
        return []
    offers: dict[int, list[SuggestedProgram]] = defaultdict(list)
    links = (
        ProgramCompetency.objects.filter(
            program__is_active=True,
            competency_id__in=[s.competency_id for s in needed],
        )
        .annotate(
            events_in_year=Count(
                "program__events", filter=Q(program__events__end_date__year=year)
            )
        )
        .order_by("target_level", "program__title")
        .values_list(
            "competency_id",
            "program_id",
            "program__title",
            "program__kind",
            "program__jp_credit",
            "target_level",
            "events_in_year",
        )
    )
    for competency_id, program_id, title, kind, jp, target, events in links:
        offers[competency_id].append(
            SuggestedProgram(program_id, title, kind, jp, target, events)
        )
    return [
        TrainingNeed(
            competency_id=s.competency_id,
            code=s.code,
            name=s.name,
            type=s.type,
            employees_below=s.below_count,
            unassessed=s.unassessed_count,
            average_gap=s.average_gap,
            target_level=s.min_required_below,
            programs=[
                p
                for p in offers.get(s.competency_id, [])
                if p.target_level >= s.min_required_below
            ],
        )
        for s in needed
    ]
