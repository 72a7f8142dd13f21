"""The rotation watch list: who is not yet eligible, eligible, or overdue for a move.

PP 11/2017 Pasal 190(3): a move no sooner than ROTATION_MIN_YEARS and no later
than ROTATION_MAX_YEARS in a post. The thresholds are settings, not code.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.contrib.postgres.aggregates import ArrayAgg
from django.db.models import Case, CharField, Count, QuerySet, Value, When
from django.utils.translation import gettext_lazy as _

from positions.dates import add_years
from positions.models import OrgUnit, Placement, Position
from positions.querysets import today

NOT_YET, ELIGIBLE, OVERDUE = "NOT_YET", "ELIGIBLE", "OVERDUE"
CATEGORY_LABELS = {
    NOT_YET: _("belum layak"),
    ELIGIBLE: _("layak rotasi"),
    OVERDUE: _("melewati batas"),
}
# A path is "0000001/0000012/...": the second segment names the perangkat daerah.
SEGMENT = 8


def current_posts(day: date | None = None) -> QuerySet[Placement]:
    """Today's definitive placements, each with its rotation category.

    Exactly ROTATION_MIN_YEARS in post is eligible; one day less is not yet.
    More than ROTATION_MAX_YEARS is overdue; exactly the maximum is still eligible.
    """
    day = day or today()
    min_start = add_years(day, -settings.ROTATION_MIN_YEARS)
    max_start = add_years(day, -settings.ROTATION_MAX_YEARS)
    # Employees who leave have their placement ended, so no join to employees here.
    return (
        Placement.objects.definitive()
        .on(day)
        .annotate(
            category=Case(
                When(start_date__gt=min_start, then=Value(NOT_YET)),
                When(start_date__lt=max_start, then=Value(OVERDUE)),
                default=Value(ELIGIBLE),
                output_field=CharField(),
            ),
        )
    )


def filtered(
    posts: QuerySet[Placement],
    *,
    unit: OrgUnit | None,
    field: str,
    kind: str,
    category: str,
) -> QuerySet[Placement]:
    if unit is not None:
        posts = posts.filter(position__unit__path__startswith=unit.path)
    if field:
        posts = posts.filter(position__field=field)
    if kind:
        posts = posts.filter(position__kind=kind)
    if category:
        posts = posts.filter(category=category)
    return posts


@dataclass
class UnitCounts:
    unit: OrgUnit
    not_yet: int = 0
    eligible: int = 0
    overdue: int = 0

    @property
    def total(self) -> int:
        return self.not_yet + self.eligible + self.overdue


@dataclass
class Counts:
    per_opd: list[UnitCounts]
    per_category: dict[str, int]


def counts_per_opd(posts: QuerySet[Placement]) -> Counts:
    """Counts per perangkat daerah and per category from one grouped query (by
    unit, no join to units), rolled up to each unit's perangkat daerah by path.
    The per-category totals also serve as the list's row count."""
    grouped = (
        posts.order_by().values("position__unit_id", "category").annotate(n=Count("id"))
    )
    units = dict(OrgUnit.objects.values_list("id", "path"))
    opds = {u.path_segment(): UnitCounts(u) for u in OrgUnit.objects.filter(depth=1)}
    attribute = {NOT_YET: "not_yet", ELIGIBLE: "eligible", OVERDUE: "overdue"}
    per_category = dict.fromkeys(attribute, 0)
    for row in grouped:
        per_category[row["category"]] += row["n"]
        path = units.get(row["position__unit_id"], "")
        counts = opds.get(path[SEGMENT : 2 * SEGMENT])
        if counts is not None:
            name = attribute[row["category"]]
            setattr(counts, name, getattr(counts, name) + row["n"])
    return Counts([c for c in opds.values() if c.total], per_category)


def field_history(employee_ids: list[int]) -> dict[int, list[str]]:
    """Every field (rumpun) each employee has held, definitive or acting: one query."""
    rows = (
        Placement.objects.filter(employee_id__in=employee_ids)
        .order_by()
        .values("employee_id")
        .annotate(fields=ArrayAgg("position__field", distinct=True))
    )
    return {row["employee_id"]: sorted(row["fields"]) for row in rows}


def field_labels(codes: list[str]) -> list[str]:
    labels = dict(Position.Field.choices)
    return [str(labels.get(code, code)) for code in codes]
