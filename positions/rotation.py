"""Validation of a rotation batch as a whole (reads only, a fixed number of queries).

`validate_batch(batch)` lists, for every move, its findings (errors refuse the batch;
warnings must be acknowledged with a reason) and whether the move widens the
employee's experience. Thresholds come from settings (ROTATION_*).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext as _

from positions.dates import add_years, format_day
from positions.models import (
    BlockedWindow,
    Employee,
    Move,
    Placement,
    Position,
    RetirementRule,
    RotationBatch,
)
from positions.querysets import covers

ERROR = "error"
WARNING = "warning"

# Allowed PNS rank ordinals (domain.md 2.1: I/a = 1 ... IV/e = 17) per position grade.
# Kept as data in code, not a table: the ranges come from long-standing regulations
# (PP 13/2002 for eselon, Keppres 87/1999 for JF keahlian) and change far less often
# than the retirement ages; a dict is reviewed with the code and needs no admin screen.
# PPPK golongan I-XVII share the ordinals 1:1 (domain.md 2.2).
ESELON_RANKS: dict[str, tuple[int, int]] = {
    "I.a": (16, 17),  # IV/d - IV/e
    "I.b": (15, 17),  # IV/c - IV/e
    "II.a": (15, 16),  # IV/c - IV/d
    "II.b": (14, 15),  # IV/b - IV/c
    "III.a": (13, 14),  # IV/a - IV/b
    "III.b": (12, 13),  # III/d - IV/a
    "IV.a": (11, 12),  # III/c - III/d
    "IV.b": (10, 11),  # III/b - III/c
    "V.a": (9, 10),  # III/a - III/b
}
FUNCTIONAL_RANKS: dict[str, tuple[int, int]] = {
    "AHLI_PERTAMA": (9, 10),  # III/a - III/b
    "AHLI_MUDA": (11, 12),  # III/c - III/d
    "AHLI_MADYA": (13, 15),  # IV/a - IV/c
    "AHLI_UTAMA": (16, 17),  # IV/d - IV/e
    # Keterampilan: UNVERIFIED in domain.md 3.2, confirm with BKPSDM.
    "PEMULA": (5, 5),  # II/a
    "TERAMPIL": (6, 8),  # II/b - II/d
    "MAHIR": (9, 10),  # III/a - III/b
    "PENYELIA": (11, 12),  # III/c - III/d
}
PNS_GRADES = [
    f"{group}/{room}"
    for group, rooms in (
        ("I", "abcd"),
        ("II", "abcd"),
        ("III", "abcd"),
        ("IV", "abcde"),
    )
    for room in rooms
]


def rank_range(position: Position) -> tuple[int, int] | None:
    """The (lowest, highest) rank ordinal a position allows; None when any rank will do."""
    if position.eselon:
        return ESELON_RANKS.get(position.eselon)
    if position.level:
        return FUNCTIONAL_RANKS.get(position.level)
    return None


@dataclass(frozen=True)
class Finding:
    level: str  # ERROR or WARNING
    code: str
    message: str


@dataclass
class MoveReport:
    move: Move
    findings: list[Finding] = field(default_factory=list)
    widens_experience: bool = False

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.level == ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.level == WARNING]

    @property
    def needs_acknowledgement(self) -> bool:
        """Warnings that the HR officer has not yet accepted with a reason."""
        return bool(self.warnings) and not self.move.acknowledged_reason.strip()

    def codes(self) -> set[str]:
        return {f.code for f in self.findings}

    def add(self, level: str, code: str, message: str) -> None:
        self.findings.append(Finding(level, code, message))


@dataclass
class BatchReport:
    batch: RotationBatch
    moves: list[MoveReport]

    @property
    def has_errors(self) -> bool:
        return any(m.errors for m in self.moves)

    @property
    def can_proceed(self) -> bool:
        """No error, and every warning acknowledged with a reason."""
        return not self.has_errors and not any(
            m.needs_acknowledgement for m in self.moves
        )


def validate_batch(
    batch: RotationBatch, moves: list[Move] | None = None
) -> BatchReport:
    """Check every move of the batch against the others and the register.

    `moves` defaults to the batch's saved moves; unsaved ones (a form being
    previewed) may be passed instead. The cost is seven queries (six with `moves`)
    however many moves there are.
    """
    day = batch.effective_date
    if moves is None:
        moves = list(
            Move.objects.filter(batch=batch).select_related(
                "employee", "from_position", "to_position"
            )
        )
    employee_ids = {m.employee_id for m in moves}
    employees = Employee.objects.select_related("rank").in_bulk(employee_ids)
    rules = {rule.pk: rule.age for rule in RetirementRule.objects.all()}

    history: dict[int, list[Placement]] = defaultdict(list)
    for placement in Placement.objects.filter(
        employee_id__in=employee_ids
    ).select_related("position"):
        history[placement.employee_id].append(placement)

    targets = {m.to_position_id for m in moves if m.to_position_id}
    holders: dict[int, set[int]] = defaultdict(set)
    for position_id, employee_id in (
        Placement.objects.definitive()
        .filter(covers("", day), position_id__in=targets)
        .values_list("position_id", "employee_id")
    ):
        holders[position_id].add(employee_id)

    pending: dict[int, list[RotationBatch]] = defaultdict(list)
    for other in (
        Move.objects.filter(
            employee_id__in=employee_ids,
            batch__status__in=RotationBatch.PENDING_STATUSES,
        )
        .exclude(batch_id=batch.pk)
        .select_related("batch")
    ):
        pending[other.employee_id].append(other.batch)

    windows = list(BlockedWindow.objects.covering(day))

    # Seats after the whole batch: everyone in it leaves where he is, then arrives.
    movers = set(employee_ids)
    arriving: dict[int, set[int]] = defaultdict(set)
    for m in moves:
        if m.to_position_id:
            arriving[m.to_position_id].add(m.employee_id)
    seats_after = {pid: len((holders[pid] - movers) | arriving[pid]) for pid in targets}

    seen: dict[int, int] = defaultdict(int)
    for m in moves:
        seen[m.employee_id] += 1

    reports = []
    for m in moves:
        employee = employees[m.employee_id]
        report = MoveReport(move=m)
        placements = history[m.employee_id]
        current = next(
            (
                p
                for p in placements
                if p.kind == Placement.Kind.DEFINITIF and p.covers(day)
            ),
            None,
        )
        _check_batch_rules(report, m, employee, seen, pending, seats_after)
        _check_current_post(report, m, employee, current, day)
        _check_rank(report, m, employee)
        _check_retirement(report, m, employee, current, rules, day)
        for window in windows:
            report.add(
                WARNING,
                "blocked_window",
                _(
                    "Tanggal efektif jatuh dalam masa larangan: %(label)s "
                    "(%(start)s s.d. %(end)s); perlu persetujuan tertulis Mendagri."
                )
                % {
                    "label": window.label,
                    "start": format_day(window.start_date),
                    "end": format_day(window.end_date),
                },
            )
        if m.to_position_id:
            fields_held = {p.position.field for p in placements}
            report.widens_experience = m.to_position.field not in fields_held
        reports.append(report)
    return BatchReport(batch=batch, moves=reports)


def _check_batch_rules(report, m, employee, seen, pending, seats_after) -> None:
    if seen[m.employee_id] > 1:
        report.add(
            ERROR,
            "duplicate_employee",
            _("%(name)s muncul lebih dari sekali dalam usulan ini.")
            % {"name": employee.name},
        )
    for other in pending[m.employee_id]:
        report.add(
            ERROR,
            "pending_elsewhere",
            _(
                "%(name)s sudah dipindahkan oleh usulan lain yang disetujui: "
                "%(title)s (efektif %(day)s)."
            )
            % {
                "name": employee.name,
                "title": other.title,
                "day": format_day(other.effective_date),
            },
        )
    if m.to_position_id and seats_after[m.to_position_id] > m.to_position.needs:
        report.add(
            ERROR,
            "over_capacity",
            _(
                "Jabatan %(title)s akan diisi %(count)s orang sesudah usulan ini, "
                "melebihi kebutuhan %(needs)s orang."
            )
            % {
                "title": m.to_position.title,
                "count": seats_after[m.to_position_id],
                "needs": m.to_position.needs,
            },
        )


def _check_current_post(report, m, employee, current, day) -> None:
    if m.from_position_id and (
        current is None or current.position_id != m.from_position_id
    ):
        report.add(
            ERROR,
            "not_in_from_position",
            _(
                "%(name)s tidak memegang jabatan definitif %(title)s pada tanggal efektif."
            )
            % {"name": employee.name, "title": m.from_position.title},
        )
    if current is None:
        return
    if add_years(current.start_date, settings.ROTATION_MIN_YEARS) > day:
        report.add(
            WARNING,
            "min_years",
            _(
                "%(name)s baru menjabat sejak %(start)s, kurang dari %(years)s tahun "
                "pada tanggal efektif."
            )
            % {
                "name": employee.name,
                "start": format_day(current.start_date),
                "years": settings.ROTATION_MIN_YEARS,
            },
        )
    if current.position.kind.startswith("JPT_") and (
        add_years(current.start_date, settings.ROTATION_JPT_PROTECTED_YEARS) > day
    ):
        report.add(
            WARNING,
            "jpt_protected",
            _(
                "%(name)s dilantik sebagai JPT pada %(start)s; JPT tidak boleh diganti "
                "dalam %(years)s tahun kecuali melanggar hukum atau tidak lagi memenuhi syarat."
            )
            % {
                "name": employee.name,
                "start": format_day(current.start_date),
                "years": settings.ROTATION_JPT_PROTECTED_YEARS,
            },
        )


def _check_rank(report, m, employee) -> None:
    if not m.to_position_id or employee.rank is None:
        return
    allowed = rank_range(m.to_position)
    if allowed is None:
        return
    low, high = allowed
    if not low <= employee.rank.ordinal <= high:
        report.add(
            ERROR,
            "rank_out_of_range",
            _(
                "Pangkat %(name)s (%(rank)s) di luar rentang jabatan %(title)s: "
                "%(low)s sampai %(high)s."
            )
            % {
                "name": employee.name,
                "rank": employee.rank.grade,
                "title": m.to_position.title,
                "low": PNS_GRADES[low - 1],
                "high": PNS_GRADES[high - 1],
            },
        )


def _check_retirement(report, m, employee, current, rules, day) -> None:
    position = current.position if current else m.to_position
    if position is None:
        return
    retires = employee.retirement_date(rules.get(position.retirement_rule_id))
    if retires is None:
        return
    if retires <= day:
        report.add(
            ERROR,
            "retired",
            _("%(name)s pensiun TMT %(day)s, pada atau sebelum tanggal efektif.")
            % {"name": employee.name, "day": format_day(retires)},
        )
    elif retires <= add_years(day, settings.ROTATION_RETIREMENT_WARNING_YEARS):
        report.add(
            WARNING,
            "retiring_soon",
            _("%(name)s pensiun TMT %(day)s, kurang dari %(years)s tahun lagi.")
            % {
                "name": employee.name,
                "day": format_day(retires),
                "years": settings.ROTATION_RETIREMENT_WARNING_YEARS,
            },
        )
