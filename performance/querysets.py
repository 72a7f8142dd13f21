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

from django.db import models
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
        return self.filter(skp__period=period)

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
    """Employees per box (1-9), those without a potential yet, and follow-ups."""

    boxes: dict[int, list[TalentRow]]
    unplaced: list[TalentRow]

    @property
    def follow_up(self) -> dict[int, str]:
        return {box: str(text) for box, text in rules.FOLLOW_UP.items()}

    @property
    def counts(self) -> dict[int, int]:
        return {box: len(rows) for box, rows in self.boxes.items()}


def talent_grid(period, unit=None) -> TalentGrid:
    """The 9-box of the evaluated employees of `period` (one unit subtree or the
    city): kinerja from the predikat, potential from TalentPotential (one query)."""
    from performance.models import Evaluation, TalentPotential

    evaluations = Evaluation.objects.in_period(period)
    if unit is not None:
        evaluations = evaluations.in_unit(unit)
    rows = evaluations.annotate(
        potential=Subquery(
            TalentPotential.objects.filter(
                period=period, employee=OuterRef("employee")
            ).values("level")[:1]
        )
    ).values_list(
        "employee_id",
        "employee__name",
        "employee__nip",
        "skp__unit__name",
        "skp__position__title",
        "predikat",
        "potential",
    )
    boxes: dict[int, list[TalentRow]] = {box: [] for box in range(9, 0, -1)}
    unplaced = []
    for pk, name, nip, unit_name, title, predikat, potential in rows.order_by(
        "employee__name", "employee__nip"
    ):
        box = (
            rules.talent_box(rules.performance_axis(predikat), potential)
            if potential
            else None
        )
        row = TalentRow(
            pk, name, nip, unit_name or "", title or "", predikat, potential, box
        )
        (boxes[box] if box else unplaced).append(row)
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
