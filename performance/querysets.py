"""Reads over many rows: permission scopes and the shapes the pages need.

Appraisal rows are scoped through their SKP: HR sees every one; an employee his
own; the appraiser recorded on the SKP those he appraises; the appraiser's
superior recorded on the SKP those of his appraisers' subordinates; anybody
else (citizens included) nothing. The SKP records who appraises when it is
drafted and freezes it when agreed, so an appraiser keeps seeing what he
rated after he moves, and a newcomer does not see his predecessor's team.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db import connection, models
from django.db.models import Count, Exists, Max, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from performance import rules
from sawahlunto_asn.accounts import roles


def is_hr(user) -> bool:
    return bool(user.is_authenticated and user.has_perm(roles.HR.perm))


def skp_scope(user, prefix: str = "") -> Q:
    """The rows a non-HR user may see, as a filter on the SKP at `prefix`."""
    return (
        Q(**{f"{prefix}employee__user": user})
        | Q(**{f"{prefix}appraiser__user": user})
        | Q(**{f"{prefix}superior__user": user})
    )


class SkpScopedQuerySet(models.QuerySet):
    """Rows that belong to an SKP reached through `skp_path` ("" for the SKP)."""

    skp_path = "skp"

    def visible_to(self, user):
        if not user.is_authenticated:
            return self.none()
        if user.has_perm(roles.HR.perm):
            return self
        prefix = f"{self.skp_path}__" if self.skp_path else ""
        return self.filter(skp_scope(user, prefix))


class PeriodQuerySet(models.QuerySet):
    def open(self) -> PeriodQuerySet:
        return self.filter(status="OPEN")

    def current(self, today: date | None = None):
        """The open period of today's year, else the latest open one, else None."""
        today = today or timezone.localdate()
        return (
            self.open()
            .order_by(
                models.Case(models.When(year=today.year, then=0), default=1), "-year"
            )
            .first()
        )


class SkpQuerySet(SkpScopedQuerySet):
    skp_path = ""

    def in_period(self, period) -> SkpQuerySet:
        return self.filter(period=period)

    def in_unit(self, unit) -> SkpQuerySet:
        """SKPs of the unit's subtree (the unit recorded on each SKP)."""
        return self.filter(unit__path__startswith=unit.path)

    def appraised_by(self, employee) -> SkpQuerySet:
        return self.filter(appraiser=employee)

    def with_progress(self) -> SkpQuerySet:
        """Annotate what the pages show beside an SKP: result count, last feedback
        day, check-ins, the annual predikat and the objection's status."""
        from performance.models import Evaluation, Objection

        return self.annotate(
            result_count=Count("results", distinct=True),
            last_feedback_on=Max("feedback__given_on"),
            checkin_count=Count("checkins", distinct=True),
            predikat=Subquery(
                Evaluation.objects.filter(skp=OuterRef("pk")).values("predikat")[:1]
            ),
            received_at=Subquery(
                Evaluation.objects.filter(skp=OuterRef("pk")).values("received_at")[:1]
            ),
            objection_status=Subquery(
                Objection.objects.filter(evaluation__skp=OuterRef("pk")).values(
                    "status"
                )[:1]
            ),
            objection_needs_explanation=Exists(
                Objection.objects.filter(
                    evaluation__skp=OuterRef("pk"),
                    status="FILED",
                    appraiser_explanation="",
                )
            ),
        )


class PlannedResultQuerySet(SkpScopedQuerySet):
    def of_skp(self, skp) -> PlannedResultQuerySet:
        return self.filter(skp=skp)


class EvidenceQuerySet(SkpScopedQuerySet):
    skp_path = "realisation__indicator__rhk__skp"


class FeedbackQuerySet(SkpScopedQuerySet):
    pass


class CheckInQuerySet(SkpScopedQuerySet):
    pass


class EvaluationQuerySet(SkpScopedQuerySet):
    def in_period(self, period) -> EvaluationQuerySet:
        return self.filter(period=period)

    def in_unit(self, unit) -> EvaluationQuerySet:
        return self.filter(skp__unit__path__startswith=unit.path)

    def predikat_counts(self) -> dict[str, int]:
        """Employees per predikat, every predikat present (one grouped query)."""
        counts = dict.fromkeys(rules.Predikat.values, 0)
        for value, n in self.order_by().values_list("predikat").annotate(n=Count("pk")):
            counts[value] = n
        return counts


class ObjectionQuerySet(SkpScopedQuerySet):
    skp_path = "evaluation__skp"

    def pending(self) -> ObjectionQuerySet:
        return self.exclude(status="DECIDED")

    def to_decide_by(self, user) -> ObjectionQuerySet:
        """Undecided objections that `user` decides as the appraiser's superior."""
        return self.pending().filter(evaluation__skp__superior__user=user)


class UnitResultQuerySet(models.QuerySet):
    def visible_to(self, user) -> UnitResultQuerySet:
        """HR sees every unit's result; the official who rated a unit sees it."""
        if not user.is_authenticated:
            return self.none()
        if user.has_perm(roles.HR.perm):
            return self
        return self.filter(rated_by=user)

    def locked(self) -> UnitResultQuerySet:
        return self.filter(locked_at__isnull=False)

    def covering(self, unit_path: str) -> UnitResultQuerySet:
        """Results of the unit at `unit_path` and of every unit above it."""
        prefixes = [
            unit_path[: end + 1] for end, char in enumerate(unit_path) if char == "/"
        ]
        return self.filter(unit__path__in=prefixes)


class TalentPotentialQuerySet(models.QuerySet):
    def visible_to(self, user) -> TalentPotentialQuerySet:
        """Potential is HR's working data; an employee sees his own."""
        if not user.is_authenticated:
            return self.none()
        if user.has_perm(roles.HR.perm):
            return self
        return self.filter(employee__user=user)


# ---------------------------------------------------------------- page shapes


WAITING_NO_SKP = "no_skp"
WAITING_AGREE = "agree"
WAITING_DRAFT = "draft"
WAITING_RATE = "rate"
WAITING_EXPLAIN = "explain"

WAITING_LABELS = {
    WAITING_NO_SKP: _("SKP belum disusun"),
    WAITING_AGREE: _("SKP menunggu persetujuan Anda"),
    WAITING_DRAFT: _("SKP masih draf"),
    WAITING_RATE: _("Penilaian tahunan belum diberikan"),
    WAITING_EXPLAIN: _("Keberatan menunggu penjelasan Anda"),
}


def waiting_for_appraiser(row) -> list[str]:
    """What an appraisee's row waits for from the appraiser (codes, see labels)."""
    if row.skp_id is None:
        return [WAITING_NO_SKP]
    if row.skp_status == "DRAFT":
        if row.skp_appraiser_agreed_at is None and row.skp_employee_agreed_at:
            return [WAITING_AGREE]
        return [WAITING_DRAFT]
    waiting = []
    if row.skp_predikat is None:
        waiting.append(WAITING_RATE)
    if row.skp_objection_needs_explanation:
        waiting.append(WAITING_EXPLAIN)
    return waiting


def team_for(user, period, today: date | None = None) -> list:
    """My team: the employees `user` appraises in `period` (from the supervising
    chain on the period's reference day, plus any SKP that records him as the
    appraiser), each with its SKP's state and `waiting` (codes of
    WAITING_LABELS). The same few queries whatever the team's size."""
    from performance import appraisers
    from performance.models import Evaluation, Objection, Skp
    from positions.models import Employee

    me = Employee.objects.filter(user=user).only("pk").first() if user.pk else None
    if me is None:
        return []
    day = period.reference_day(today or timezone.localdate())
    live = appraisers.appraisees_of(me.pk, day)
    skps = Skp.objects.filter(period=period, employee=OuterRef("pk"))

    def skp(field_name: str):
        return Subquery(skps.values(field_name)[:1])

    def of_evaluation(queryset, field_name: str):
        return Subquery(
            queryset.filter(skp__period=period, employee=OuterRef("pk")).values(
                field_name
            )[:1]
        )

    # The ids first: an OR of two IN-subqueries made PostgreSQL scan and join every
    # employee of the city (60 ms at 2,500) to find a team of six.
    ids = set(live) | set(
        Skp.objects.filter(period=period, appraiser=me).values_list(
            "employee_id", flat=True
        )
    )
    ids.discard(me.pk)
    rows = list(
        Employee.objects.filter(pk__in=sorted(ids))
        .with_current_position(day)
        .annotate(
            skp_id=skp("pk"),
            skp_status=skp("status"),
            skp_version=skp("version"),
            skp_employee_agreed_at=skp("employee_agreed_at"),
            skp_appraiser_agreed_at=skp("appraiser_agreed_at"),
            skp_appraiser_id=skp("appraiser_id"),
            skp_predikat=of_evaluation(Evaluation.objects, "predikat"),
            skp_received_at=of_evaluation(Evaluation.objects, "received_at"),
            skp_objection_status=Subquery(
                Objection.objects.filter(
                    evaluation__skp__period=period,
                    evaluation__employee=OuterRef("pk"),
                ).values("status")[:1]
            ),
            skp_objection_needs_explanation=Exists(
                Objection.objects.filter(
                    evaluation__skp__period=period,
                    evaluation__employee=OuterRef("pk"),
                    status="FILED",
                    appraiser_explanation="",
                )
            ),
        )
        .order_by("name", "nip")
    )
    for row in rows:
        row.waiting = waiting_for_appraiser(row)
        row.waiting_labels = [WAITING_LABELS[code] for code in row.waiting]
    return rows


@dataclass(frozen=True)
class Distribution:
    """A unit's predikat distribution against its organisation rating's pattern."""

    counts: dict[str, int]
    total: int
    shares: dict[str, float]
    org_rating: str
    breaches: list = field(default_factory=list)

    @property
    def holds(self) -> bool:
        return not self.breaches


def distribution_for(period, unit, org_rating: str | None = None) -> Distribution:
    """The unit subtree's predikat counts in `period` and, when an organisation
    rating is given or recorded, the breaches of its pattern (two queries)."""
    from performance.models import Evaluation, UnitResult

    if org_rating is None:
        org_rating = (
            UnitResult.objects.filter(period=period, unit=unit)
            .values_list("org_rating", flat=True)
            .first()
            or ""
        )
    counts = Evaluation.objects.in_period(period).in_unit(unit).predikat_counts()
    total = sum(counts.values())
    shares = {
        key: (round(100 * n / total, 1) if total else 0.0) for key, n in counts.items()
    }
    breaches = rules.distribution_breaches(org_rating, counts) if org_rating else []
    return Distribution(counts, total, shares, org_rating, breaches)


@dataclass(frozen=True)
class TalentRow:
    employee_id: int
    name: str
    nip: str
    unit_name: str
    position_title: str
    predikat: str
    potential: str | None
    box: int | None


@dataclass(frozen=True)
class TalentGrid:
    """Employees per box (1-9), those without a potential yet, and follow-ups.
    `boxes` and `unplaced` are lists (a team) or BoxRows (a unit or the city)."""

    boxes: dict[int, list[TalentRow] | BoxRows]
    unplaced: list[TalentRow] | BoxRows

    @property
    def follow_up(self) -> dict[int, str]:
        return {box: str(text) for box, text in rules.FOLLOW_UP.items()}

    @property
    def counts(self) -> dict[int, int]:
        return {box: len(rows) for box, rows in self.boxes.items()}


# (predikat, potential) pairs of each box, and None for "no potential yet".
BOX_PAIRS: dict[int, list[tuple[str, str]]] = {
    box: [
        (predikat, potential)
        for predikat in rules.Predikat.values
        for potential in rules.Potential.values
        if rules.talent_box(rules.performance_axis(predikat), potential) == box
    ]
    for box in range(1, 10)
}
TALENT_FIELDS = (
    "employee_id",
    "employee__name",
    "employee__nip",
    "skp__unit__name",
    "skp__position__title",
    "predikat",
    "potential",
)


class BoxRows:
    """The employees of one box, counted once and read a slice at a time in SQL:
    a city of 100,000 has tens of thousands in the middle boxes. Serves as a
    Paginator's object_list; `by_name()` orders it for listing."""

    def __init__(self, queryset, count: int) -> None:
        self._queryset = queryset
        self._count = count

    def __len__(self) -> int:
        return self._count

    def count(self) -> int:
        return self._count

    def by_name(self) -> BoxRows:
        return BoxRows(
            self._queryset.order_by("employee__name", "employee__nip"), self._count
        )

    def __getitem__(self, index: slice) -> list[TalentRow]:
        return [_talent_row(*values) for values in self._queryset[index]]

    def __iter__(self):
        return iter(self[0 : self._count])


def _talent_row(pk, name, nip, unit_name, title, predikat, potential) -> TalentRow:
    box = (
        rules.talent_box(rules.performance_axis(predikat), potential)
        if potential
        else None
    )
    return TalentRow(
        pk, name, nip, unit_name or "", title or "", predikat, potential, box
    )


def _box_pair_counts(period, unit=None) -> dict[tuple[str, str | None], int]:
    """Evaluations of the period per (predikat, potential), in one pass. In SQL
    because the ORM reaches the potential through the employee table, a join of
    100,000 rows the count does not need; the SKP is joined only for a unit."""
    from performance.models import Evaluation, Skp, TalentPotential
    from positions.models import OrgUnit

    qn = connection.ops.quote_name
    unit_join, params = "", [period.pk]
    if unit is not None:
        unit_join = (
            f"JOIN {qn(Skp._meta.db_table)} s ON s.id = e.skp_id "
            f"JOIN {qn(OrgUnit._meta.db_table)} u ON u.id = s.unit_id "
            "AND u.path LIKE %s"
        )
        params = [f"{unit.path}%", period.pk]
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            SELECT e.predikat, tp.level, COUNT(*)
            FROM {qn(Evaluation._meta.db_table)} e
            {unit_join}
            LEFT JOIN {qn(TalentPotential._meta.db_table)} tp
              ON tp.employee_id = e.employee_id AND tp.period_id = e.period_id
            WHERE e.period_id = %s
            GROUP BY e.predikat, tp.level
            """,
            params,
        )
        return {(predikat, level): n for predikat, level, n in cursor.fetchall()}


def talent_grid(period, unit=None) -> TalentGrid:
    """The 9-box of the evaluated employees of `period` (one unit subtree or the
    city): kinerja from the predikat, potential from TalentPotential. One grouped
    query counts the boxes; each box's rows are read only when shown."""
    from performance.models import Evaluation

    evaluations = Evaluation.objects.in_period(period)
    if unit is not None:
        evaluations = evaluations.in_unit(unit)
    placed = evaluations.annotate(
        potential_of=models.FilteredRelation(
            "employee__talent_potentials",
            condition=Q(employee__talent_potentials__period=period),
        ),
        potential=models.F("potential_of__level"),
    )
    counts = _box_pair_counts(period, unit)
    rows = placed.values_list(*TALENT_FIELDS).order_by("pk")

    def pairs_filter(pairs) -> Q:
        condition = Q(pk__in=[])
        for predikat, potential in pairs:
            condition |= Q(predikat=predikat, potential=potential)
        return condition

    boxes = {
        box: BoxRows(
            rows.filter(pairs_filter(BOX_PAIRS[box])),
            sum(counts.get(pair, 0) for pair in BOX_PAIRS[box]),
        )
        for box in range(9, 0, -1)
    }
    unplaced = BoxRows(
        rows.filter(potential__isnull=True),
        sum(n for (_predikat, potential), n in counts.items() if potential is None),
    )
    return TalentGrid(boxes, unplaced)


def talent_boxes(period, employee_ids) -> dict[int, int]:
    """Each given employee's box in `period`, where both axes are known (one query);
    for the rotation pages."""
    from performance.models import Evaluation, TalentPotential

    rows = (
        Evaluation.objects.in_period(period)
        .filter(employee_id__in=list(employee_ids))
        .annotate(
            potential=Subquery(
                TalentPotential.objects.filter(
                    period=period, employee=OuterRef("employee")
                ).values("level")[:1]
            )
        )
        .values_list("employee_id", "predikat", "potential")
    )
    return {
        pk: rules.talent_box(rules.performance_axis(predikat), potential)
        for pk, predikat, potential in rows
        if potential
    }
