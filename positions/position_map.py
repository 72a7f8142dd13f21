"""The peta jabatan: units in tree order with needs, incumbents and their difference.

Three queries whatever the size: the units, the positions with their incumbents
on the day (when position rows are shown), and the needs/incumbent totals per
unit. Totals roll up to every ancestor through the materialized path.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Q, Sum

from positions.models import OrgUnit, Placement, Position
from positions.querysets import covers


@dataclass
class UnitRow:
    unit: OrgUnit
    depth: int
    needs: int = 0
    incumbents: int = 0
    positions: list[Position] = field(default_factory=list)

    @property
    def difference(self) -> int:
        """Kebutuhan minus bezetting: positive is a shortage, negative an overfill."""
        return self.needs - self.incumbents


@dataclass
class PositionMap:
    day: date
    rows: list[UnitRow]
    needs: int
    incumbents: int
    shows_positions: bool

    @property
    def difference(self) -> int:
        return self.needs - self.incumbents


def _position_filter(
    unit: OrgUnit | None, kind: str, field_: str, prefix: str = ""
) -> Q:
    q = Q(**{f"{prefix}is_active": True})
    if unit is not None:
        q &= Q(**{f"{prefix}unit__path__startswith": unit.path})
    if kind:
        q &= Q(**{f"{prefix}kind": kind})
    if field_:
        q &= Q(**{f"{prefix}field": field_})
    return q


def build(
    day: date,
    unit: OrgUnit | None = None,
    kind: str = "",
    field_: str = "",
    *,
    with_positions: bool = True,
    max_depth: int | None = None,
) -> PositionMap:
    """The map of `unit`'s subtree (the whole city when None). Rows deeper than
    `max_depth` below it are left out of `rows` but still count in the totals."""
    units = OrgUnit.objects.filter(is_active=True)
    if unit is not None:
        units = units.subtree(unit)
    base_depth = unit.depth if unit is not None else 0
    rows = {u.pk: UnitRow(u, u.depth - base_depth) for u in units}

    needs = dict(
        Position.objects.filter(_position_filter(unit, kind, field_))
        .order_by()
        .values_list("unit_id")
        .annotate(total=Sum("needs"))
    )
    held = dict(
        Placement.objects.filter(
            covers("", day),
            _position_filter(unit, kind, field_, "position__"),
            kind="DEFINITIF",
        )
        .order_by()
        .values_list("position__unit_id")
        .annotate(total=Count("id"))
    )
    by_segment = {row.unit.path_segment(): row for row in rows.values()}
    for unit_id, row in rows.items():
        own_needs, own_held = needs.get(unit_id, 0), held.get(unit_id, 0)
        if not (own_needs or own_held):
            continue
        # Add the unit's own figures to itself and every ancestor shown.
        for segment in _segments(row.unit.path):
            ancestor = by_segment.get(segment)
            if ancestor is not None:
                ancestor.needs += own_needs
                ancestor.incumbents += own_held

    if with_positions:
        positions = (
            Position.objects.filter(_position_filter(unit, kind, field_))
            .with_incumbents(day)
            .order_by("unit__path", "-job_class", "title")
        )
        for position in positions:
            position.difference = position.needs - position.incumbents
            if position.unit_id in rows:
                rows[position.unit_id].positions.append(position)

    ordered = [r for r in rows.values() if max_depth is None or r.depth <= max_depth]
    top = [r for r in ordered if r.depth == 0]
    return PositionMap(
        day=day,
        rows=ordered,
        needs=sum(r.needs for r in top),
        incumbents=sum(r.incumbents for r in top),
        shows_positions=with_positions,
    )


def _segments(path: str) -> list[str]:
    return [part + "/" for part in path.split("/") if part]
