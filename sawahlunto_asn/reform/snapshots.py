"""The indicators as the pages read them: one precomputed row per year.

`indicators.compute()` aggregates every employee, move, evaluation and feedback
of a year (hundreds of milliseconds at 2,500 employees, seconds at 100,000).
`refresh(year)` runs it and stores a row per scope (the city, each unit with
its sub-units); the dashboard, the transparency page and the open data `load()`
the scopes they show in two queries, and show when they were computed.
A year without a row (or with a row of an older FORMAT) is computed on first
use. `refresh_reform_indicators` (daily, README) keeps the rows current.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from competency.jp import reference_day
from positions.models import OrgUnit
from sawahlunto_asn.reform import indicators
from sawahlunto_asn.reform.indicators import (
    Appraisal,
    Competency,
    Indicators,
    Public,
    Rotation,
    UnitIndicators,
    Workforce,
)
from sawahlunto_asn.reform.models import Snapshot, SnapshotScope

# Bump when a family gains or loses a field: older rows are then recomputed.
FORMAT = 2
FAMILY_CLASSES = {
    "workforce": Workforce,
    "rotation": Rotation,
    "competency": Competency,
    "appraisal": Appraisal,
    "public": Public,
}
DECIMALS = {("public", "ikm"), ("public", "ikm_mean")}


@dataclasses.dataclass(frozen=True)
class Loaded:
    figures: Indicators
    computed_at: datetime


def _dump(scope: UnitIndicators) -> dict:
    return {name: dataclasses.asdict(getattr(scope, name)) for name in FAMILY_CLASSES}


def _load_scope(unit: OrgUnit | None, data: dict | None) -> UnitIndicators:
    data = data or {}
    families = {}
    for name, cls in FAMILY_CLASSES.items():
        raw = dict(data.get(name, {}))
        known = {f.name for f in dataclasses.fields(cls)}
        values = {k: v for k, v in raw.items() if k in known}
        for family, key in DECIMALS:
            if family == name and values.get(key) is not None:
                values[key] = Decimal(values[key])
        if name == "appraisal" and "boxes" in values:
            # JSON object keys are strings.
            values["boxes"] = {int(k): n for k, n in values["boxes"].items()}
        families[name] = cls(**values)
    return UnitIndicators(unit=unit, **families)


def child_units(unit: OrgUnit | None) -> list[OrgUnit]:
    """The rows one level below `unit`; below the city, its perangkat daerah
    (the children of a single root, the Pemerintah Kota)."""
    if unit is None:
        tops = list(OrgUnit.objects.filter(parent__isnull=True).order_by("path"))
        if len(tops) == 1:
            return child_units(tops[0])
        return [u for u in tops if u.is_active]
    return list(OrgUnit.objects.filter(parent=unit, is_active=True).order_by("path"))


@transaction.atomic(durable=True)
def refresh(year: int) -> Snapshot:
    """Compute `year` and store it in place of the year's rows. The upsert locks
    the year's row until the commit, so two refreshes of a year at once write
    one after the other and leave one set of scopes."""
    figures = indicators.compute(year)
    snapshot = Snapshot(
        year=year, day=figures.day, computed_at=timezone.now(), format=FORMAT
    )
    (snapshot,) = Snapshot.objects.bulk_create(
        [snapshot],
        update_conflicts=True,
        unique_fields=["year"],
        update_fields=["day", "computed_at", "format"],
    )
    SnapshotScope.objects.filter(snapshot=snapshot).delete()
    SnapshotScope.objects.bulk_create(
        [SnapshotScope(snapshot=snapshot, unit=None, data=_dump(figures.city))]
        + [
            SnapshotScope(snapshot=snapshot, unit_id=pk, data=_dump(scope))
            for pk, scope in figures.units.items()
        ],
        batch_size=500,
    )
    return snapshot


def load(year: int, units: list[OrgUnit]) -> Loaded:
    """The year's figures of the city and of `units` (two queries), the year
    computed first when it has no row. A unit the row does not know (added
    since) shows zeros."""
    snapshot = Snapshot.objects.filter(year=year, format=FORMAT).first()
    if snapshot is None:
        snapshot = refresh(year)
    data = dict(
        SnapshotScope.objects.filter(snapshot=snapshot)
        .filter(Q(unit__isnull=True) | Q(unit__in=[u.pk for u in units]))
        .values_list("unit_id", "data")
    )
    return Loaded(
        Indicators(
            snapshot.year,
            snapshot.day,
            _load_scope(None, data.get(None)),
            {u.pk: _load_scope(u, data.get(u.pk)) for u in units},
        ),
        snapshot.computed_at,
    )


def years() -> list[int]:
    """The years with stored figures plus the current one, newest first, at most
    REFORM_TREND_YEARS (one query; `indicators.years()` is what the refresh
    command reads to find the years the data covers)."""
    return state()[0]


def state() -> tuple[list[int], str]:
    """years() and a stamp that changes whenever any year is refreshed: pages
    rendered from the rows can be kept under it (one query)."""
    rows = list(Snapshot.objects.values_list("year", "computed_at", "format"))
    found = {year for year, _at, _format in rows}
    found.add(reference_day(9999).year)
    latest = max((at for _year, at, _format in rows), default=None)
    stamp = f"{FORMAT}:{len(rows)}:{latest.isoformat() if latest else '-'}"
    return sorted(found, reverse=True)[: settings.REFORM_TREND_YEARS], stamp


def trend(
    year_list: list[int], unit: OrgUnit | None
) -> list[tuple[int, UnitIndicators]]:
    """One scope's figures for each stored year, oldest first (one query). A
    year without a row is left out (the refresh command fills it)."""
    rows = (
        SnapshotScope.objects.filter(
            snapshot__year__in=year_list,
            snapshot__format=FORMAT,
            unit=unit,
        )
        .order_by("snapshot__year")
        .values_list("snapshot__year", "data")
    )
    return [(year, _load_scope(unit, data)) for year, data in rows]
