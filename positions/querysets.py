"""Reads over many rows: permission scopes and the shapes the pages need."""

from __future__ import annotations

from datetime import date

from django.db import connection, models
from django.db.models import Count, DateField, F, FilteredRelation, Func, Q
from django.utils import timezone

from sawahlunto_asn.accounts import roles


def today() -> date:
    return timezone.localdate()


class RetirementDate(Func):
    """TMT pensiun in SQL: first day of the month after birth_date + age years."""

    arg_joiner = " + make_interval(years => "
    template = "(date_trunc('month', %(expressions)s)) + interval '1 month')::date"
    output_field = DateField()


def covers(prefix: str, day: date) -> Q:
    """Placements (under `prefix`) that cover `day`."""
    return Q(**{f"{prefix}start_date__lte": day}) & (
        Q(**{f"{prefix}end_date__isnull": True}) | Q(**{f"{prefix}end_date__gte": day})
    )


class OrgUnitQuerySet(models.QuerySet):
    def visible_to(self, user) -> OrgUnitQuerySet:
        if user.is_authenticated and user.has_perm(roles.HR.perm):
            return self
        return self.none()

    def subtree(self, unit) -> OrgUnitQuerySet:
        """The unit and everything under it (one indexed prefix match)."""
        return self.filter(path__startswith=unit.path)


class PositionQuerySet(models.QuerySet):
    def visible_to(self, user) -> PositionQuerySet:
        if user.is_authenticated and user.has_perm(roles.HR.perm):
            return self
        return self.none()

    def with_incumbents(self, day: date) -> PositionQuerySet:
        """Annotate `incumbents`: definitive holders on `day` (one grouped query)."""
        return self.annotate(
            incumbents=Count(
                "placements",
                filter=Q(placements__kind="DEFINITIF") & covers("placements__", day),
            )
        )

    def below(self, position_ids: list[int]) -> list[int]:
        """Ids of every position under the given ones in the supervising chain."""
        if not position_ids:
            return []
        table = self.model._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(
                f"""
                WITH RECURSIVE chain(id) AS (
                    SELECT id FROM {table} WHERE supervisor_id = ANY(%s)
                    UNION
                    SELECT p.id FROM {table} p JOIN chain c ON p.supervisor_id = c.id
                )
                SELECT id FROM chain
                """,
                [list(position_ids)],
            )
            return [row[0] for row in cursor.fetchall()]


class PlacementQuerySet(models.QuerySet):
    def visible_to(self, user) -> PlacementQuerySet:
        if user.is_authenticated and user.has_perm(roles.HR.perm):
            return self
        return self.none()

    def on(self, day: date) -> PlacementQuerySet:
        return self.filter(covers("", day))

    def definitive(self) -> PlacementQuerySet:
        return self.filter(kind="DEFINITIF")

    def overlapping(self, start: date, end: date | None) -> PlacementQuerySet:
        """Placements sharing at least one day with [start, end] (end None: open)."""
        q = Q(end_date__isnull=True) | Q(end_date__gte=start)
        if end is not None:
            q &= Q(start_date__lte=end)
        return self.filter(q)


class EmployeeQuerySet(models.QuerySet):
    def visible_to(self, user) -> EmployeeQuerySet:
        """HR: everyone. Supervisor: the people below his positions in the
        supervising chain, and himself. Employee: himself. Others: nobody."""
        if not user.is_authenticated:
            return self.none()
        if user.has_perm(roles.HR.perm):
            return self
        scope = Q(user=user) if user.has_perm(roles.EMPLOYEE.perm) else Q(pk__in=[])
        if user.has_perm(roles.SUPERVISOR.perm):
            from positions.models import Placement, Position

            held = list(
                Placement.objects.on(today())
                .filter(employee__user=user)
                .values_list("position_id", flat=True)
            )
            below = Position.objects.below(held)
            scope |= Q(user=user) | Q(
                pk__in=Placement.objects.definitive()
                .on(today())
                .filter(position_id__in=below)
                .values("employee_id")
            )
        return self.filter(scope)

    def active(self) -> EmployeeQuerySet:
        return self.filter(is_active=True)

    def with_current_position(self, day: date | None = None) -> EmployeeQuerySet:
        """Join each employee's definitive placement on `day` (at most one, by the
        exclusion constraint) and expose its position, unit, start and TMT pensiun."""
        if "retirement_on" in self.query.annotations:
            return self  # already joined (e.g. for sorting by TMT pensiun)
        day = day or today()
        return self.annotate(
            current=FilteredRelation(
                "placements",
                condition=Q(placements__kind="DEFINITIF") & covers("placements__", day),
            ),
        ).annotate(
            position_id=F("current__position_id"),
            position_title=F("current__position__title"),
            position_kind=F("current__position__kind"),
            position_level=F("current__position__level"),
            unit_id=F("current__position__unit_id"),
            unit_name=F("current__position__unit__name"),
            unit_path=F("current__position__unit__path"),
            position_start=F("current__start_date"),
            retirement_age=F("current__position__retirement_rule__age"),
            retirement_on=RetirementDate(
                F("birth_date"), F("current__position__retirement_rule__age")
            ),
        )

    def for_list(self, day: date | None = None) -> EmployeeQuerySet:
        """The list's rows. Rank and education stay ids: the page already holds both
        reference lists for its filter, so it labels them without joins or queries."""
        return self.with_current_position(day)

    def with_position_grade(self, day: date | None = None) -> EmployeeQuerySet:
        """Add the current position's `position_eselon`, `position_job_class` and
        `position_eselon_order` (I.a highest, no eselon 0) to with_current_position()."""
        from positions.models import Position

        joined = "position_id" in self.query.annotations
        qs = self if joined else self.with_current_position(day)
        eselons = [choice.value for choice in Position.Eselon]
        return qs.annotate(
            position_eselon=F("current__position__eselon"),
            position_job_class=F("current__position__job_class"),
            position_eselon_order=models.Case(
                *(
                    models.When(
                        current__position__eselon=value,
                        then=models.Value(len(eselons) - index),
                    )
                    for index, value in enumerate(eselons)
                ),
                default=models.Value(0),
                output_field=models.IntegerField(),
            ),
        )

    def duk_order(self, day: date | None = None) -> EmployeeQuerySet:
        """Order of the DUK (domain.md 11.1, PP 15/1979): rank desc, TMT pangkat asc,
        position level desc (eselon, then kelas jabatan), masa kerja desc, education
        desc, age desc; NIP breaks any remaining tie. Leadership training (key 4) is
        not recorded yet. Callers restrict the rows to PNS and CPNS."""
        return self.with_position_grade(day).order_by(
            F("rank__ordinal").desc(nulls_last=True),
            F("rank_date").asc(nulls_last=True),
            F("position_eselon_order").desc(),
            F("position_job_class").desc(nulls_last=True),
            F("appointment_date").asc(),
            F("education__ordinal").desc(nulls_last=True),
            F("birth_date").asc(),
            F("nip").asc(),
        )


class ImportBatchQuerySet(models.QuerySet):
    def visible_to(self, user) -> ImportBatchQuerySet:
        """HR officers are one office: every officer sees every batch. Others: none."""
        if user.is_authenticated and user.has_perm(roles.HR.perm):
            return self
        return self.none()


class RotationBatchQuerySet(models.QuerySet):
    def visible_to(self, user) -> RotationBatchQuerySet:
        """HR officers see every batch; the Tim Penilai Kinerja and the PPK see the
        batches that have left HR's desk (not draft, not returned); nobody else any."""
        if not user.is_authenticated:
            return self.none()
        if user.has_perm(roles.HR.perm):
            return self
        if user.has_perm(roles.REVIEWER.perm) or user.has_perm(roles.PPK.perm):
            return self.exclude(status__in=("DRAFT", "RETURNED"))
        return self.none()


class BlockedWindowQuerySet(models.QuerySet):
    def covering(self, day: date) -> BlockedWindowQuerySet:
        return self.filter(start_date__lte=day, end_date__gte=day)
