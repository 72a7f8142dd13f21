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
from datetime import date

from django.db.models import Count, F, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from competency.models import (
    Assessment,
    Competency,
    CompetencyType,
    DevelopmentKind,
    PositionStandard,
    ProgramCompetency,
    StandardDefault,
)
from positions.models import Employee, OrgUnit, Position

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


def required_levels(position_ids: Iterable[int]) -> dict[int, dict[int, int]]:
    """{position_id: {competency_id: required level}} for many positions (3 queries)."""
    ids = sorted(set(position_ids))
    if not ids:
        return {}
    positions = list(
        Position.objects.filter(pk__in=ids)
        .order_by()
        .values_list("pk", "kind", "level", "field")
    )
    return _resolve(positions)


def _resolve(positions: list[tuple[int, str, str, str]]) -> dict[int, dict[int, int]]:
    """Apply defaults then overrides; `positions` holds (id, kind, jenjang, rumpun)."""
    if not positions:
        return {}
    kinds = {row[1] for row in positions}
    defaults: dict[tuple[str, str], list[tuple[int, str, str, int]]] = defaultdict(list)
    for kind, level, competency_id, ctype, cfield, required in (
        StandardDefault.objects.filter(
            position_kind__in=kinds, competency__is_active=True
        )
        .order_by()
        .values_list(
            "position_kind",
            "functional_level",
            "competency_id",
            "competency__type",
            "competency__field",
            "required_level",
        )
    ):
        defaults[kind, level].append((competency_id, ctype, cfield, required))
    overrides: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for position_id, competency_id, required in (
        PositionStandard.objects.filter(
            position_id__in=[row[0] for row in positions], competency__is_active=True
        )
        .order_by()
        .values_list("position_id", "competency_id", "required_level")
    ):
        overrides[position_id].append((competency_id, required))

    result: dict[int, dict[int, int]] = {}
    for pk, kind, level, pfield in positions:
        levels: dict[int, int] = {}
        keys = [(kind, "")] + ([(kind, level)] if level else [])
        for key in keys:
            for competency_id, ctype, cfield, required in defaults.get(key, ()):
                if ctype == CompetencyType.TECHNICAL and cfield != pfield:
                    continue
                levels[competency_id] = required
        for competency_id, required in overrides.get(pk, ()):
            if required:
                levels[competency_id] = required
            else:
                levels.pop(competency_id, None)
        result[pk] = levels
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
    `day` (default today), ordered by unit then name. Five queries."""
    scoped = _with_position(employees, day).annotate(
        position_field=F("current__position__field")
    )
    rows = list(
        scoped.order_by("unit_path", "name", "pk").values_list(
            "pk",
            "name",
            "nip",
            "position_id",
            "position_title",
            "position_kind",
            "position_level",
            "position_field",
            "unit_id",
            "unit_name",
        )
    )
    if not rows:
        return []
    positions = {(row[3], row[5], row[6], row[7]) for row in rows}
    required = _resolve(sorted(positions))
    latest = _latest_levels(Assessment.objects.for_employees(scoped))
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
        for pk, name, nip, position_id, title, _k, _l, _f, unit_id, unit_name in rows
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
    app can call it through a setting without importing this app. Five queries."""
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


def training_needs(
    year: int,
    *,
    unit: OrgUnit | None = None,
    employees: QuerySet[Employee] | None = None,
    day: date | None = None,
) -> list[TrainingNeed]:
    """Per competency with someone below standard (positions held on `day`): how
    many, and the active programs that lead at least to the level needed, with the
    number of their events in `year`. Seven queries."""
    report = gap_report(employees, unit=unit, day=day)
    needed = [s for s in report.competencies if s.below]
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
            unassessed=sum(1 for x in s.below if x.gap.unassessed),
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
