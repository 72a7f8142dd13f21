"""Who appraises whom, from the supervising chain of the position registry.

On a given day, an employee's appraiser (pejabat penilai kinerja) is the holder
of the position that supervises his definitive position: its definitive
holder, or an acting one (Plt before Plh) when the seat has no definitive
holder. The appraiser's superior (atasan pejabat penilai, who decides
objections) is found by the same rule one level up. Nobody appraises himself:
an employee acting in his own supervising seat has no appraiser there, and is
listed for HR with the others whose chain is broken.

Every function answers for many employees in a fixed number of queries.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import Exists, F, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from positions.models import Employee, OrgUnit, Placement, Position

# Among the holders of a seat on a day: definitive first, then Plt, then Plh.
KIND_ORDER = {
    Placement.Kind.DEFINITIF: 0,
    Placement.Kind.PLT: 1,
    Placement.Kind.PLH: 2,
}

NO_POSITION = _("Tidak memiliki jabatan definitif pada tanggal itu.")
NO_SUPERVISOR_POSITION = _("Jabatannya tidak memiliki jabatan atasan.")
VACANT = _("Jabatan atasan kosong (tanpa pejabat definitif, Plt, atau Plh).")


@dataclass(frozen=True)
class Holder:
    """Who holds a seat on the day and how (DEFINITIF, PLT or PLH)."""

    employee_id: int
    position_id: int
    kind: str

    @property
    def is_acting(self) -> bool:
        return self.kind != Placement.Kind.DEFINITIF


@dataclass(frozen=True)
class Chain:
    """An employee's appraiser and the appraiser's superior on a day."""

    employee_id: int
    position_id: int | None
    supervisor_position_id: int | None
    appraiser: Holder | None
    superior: Holder | None

    @property
    def reason(self) -> str:
        """Why there is no appraiser (empty when there is one), for HR."""
        if self.appraiser is not None:
            return ""
        if self.position_id is None:
            return str(NO_POSITION)
        if self.supervisor_position_id is None:
            return str(NO_SUPERVISOR_POSITION)
        return str(VACANT)


def seat_holders(position_ids: Iterable[int], day: date) -> dict[int, list[Holder]]:
    """Per position, its holders on `day` in order of precedence (one query)."""
    ids = {pk for pk in position_ids if pk is not None}
    if not ids:
        return {}
    rows = (
        Placement.objects.on(day)
        .filter(position_id__in=ids)
        .values_list("employee_id", "position_id", "kind", "start_date", "id")
    )
    ordered = sorted(rows, key=lambda r: (KIND_ORDER.get(r[2], 9), r[3], r[4]))
    holders: dict[int, list[Holder]] = defaultdict(list)
    for employee_id, position_id, kind, _start, _id in ordered:
        holders[position_id].append(Holder(employee_id, position_id, kind))
    return holders


def _first(holders: list[Holder], *, skip: set[int]) -> Holder | None:
    return next((h for h in holders if h.employee_id not in skip), None)


def chains_for(employee_ids: Iterable[int], day: date) -> dict[int, Chain]:
    """The chain of every given employee on `day` (two queries in all)."""
    ids = list(dict.fromkeys(employee_ids))
    if not ids:
        return {}
    seats = {
        employee_id: (position_id, up, up2)
        for employee_id, position_id, up, up2 in Placement.objects.definitive()
        .on(day)
        .filter(employee_id__in=ids)
        .values_list(
            "employee_id",
            "position_id",
            "position__supervisor_id",
            "position__supervisor__supervisor_id",
        )
    }
    holders = seat_holders(
        [pk for _p, up, up2 in seats.values() for pk in (up, up2)], day
    )
    chains = {}
    for employee_id in ids:
        position_id, up, up2 = seats.get(employee_id, (None, None, None))
        appraiser = _first(holders.get(up, []), skip={employee_id})
        superior = None
        if appraiser is not None:
            superior = _first(
                holders.get(up2, []), skip={employee_id, appraiser.employee_id}
            )
        chains[employee_id] = Chain(employee_id, position_id, up, appraiser, superior)
    return chains


def chain_for(employee: Employee | int, day: date) -> Chain:
    employee_id = employee if isinstance(employee, int) else employee.pk
    return chains_for([employee_id], day)[employee_id]


def appraisees_of(employee_id: int, day: date) -> list[int]:
    """Ids of the employees whom `employee_id` appraises on `day` (four queries)."""
    seats = list(
        Placement.objects.on(day)
        .filter(employee_id=employee_id)
        .values_list("position_id", flat=True)
    )
    if not seats:
        return []
    candidates = list(
        Placement.objects.definitive()
        .on(day)
        .filter(position__supervisor_id__in=seats)
        .exclude(employee_id=employee_id)
        .values_list("employee_id", flat=True)
        .distinct()
    )
    chains = chains_for(candidates, day)
    return [
        pk
        for pk, chain in chains.items()
        if chain.appraiser is not None and chain.appraiser.employee_id == employee_id
    ]


@dataclass(frozen=True)
class Unresolved:
    """An employee without an appraiser on the day, and why, for HR to resolve."""

    employee: Employee
    reason: str


def without_appraiser(day: date, unit: OrgUnit | None = None) -> list[Unresolved]:
    """Active employees (of the unit's subtree, placed there on `day`; or of the
    whole city) who have no appraiser on `day` (one query).

    The rule of chains_for, said in SQL so that the city's 100,000 employees are
    filtered by the database: no definitive seat, a seat without a supervising
    seat, or a supervising seat nobody else holds on the day.
    """
    held_by_another = (
        Placement.objects.on(day)
        .filter(position_id=OuterRef("supervisor_position_id"))
        .exclude(employee_id=OuterRef("pk"))
    )
    employees = (
        Employee.objects.active()
        .with_current_position(day)
        .annotate(supervisor_position_id=F("current__position__supervisor_id"))
        .filter(
            Q(position_id__isnull=True)
            | Q(supervisor_position_id__isnull=True)
            | ~Exists(held_by_another)
        )
    )
    if unit is not None:
        employees = employees.filter(unit_path__startswith=unit.path)
    return [
        Unresolved(employee, _reason(employee))
        for employee in employees.order_by("unit_path", "name", "nip")
    ]


def _reason(employee: Employee) -> str:
    if employee.position_id is None:
        return str(NO_POSITION)
    if employee.supervisor_position_id is None:
        return str(NO_SUPERVISOR_POSITION)
    return str(VACANT)


def unit_head_position(unit: OrgUnit) -> Position | None:
    """The unit's head: its active position supervised from outside the unit (or
    by nobody), highest job class first (one query)."""
    return (
        Position.objects.filter(unit=unit, is_active=True)
        .exclude(supervisor__unit=unit)
        .order_by("-job_class", "id")
        .first()
    )


def unit_head_superior(unit: OrgUnit, day: date) -> Holder | None:
    """Who sets the unit's organisation rating: the holder of the position that
    supervises the unit head's position (three queries)."""
    head = unit_head_position(unit)
    if head is None or head.supervisor_id is None:
        return None
    head_holders = seat_holders([head.pk], day).get(head.pk, [])
    skip = {head_holders[0].employee_id} if head_holders else set()
    return _first(
        seat_holders([head.supervisor_id], day).get(head.supervisor_id, []), skip=skip
    )
