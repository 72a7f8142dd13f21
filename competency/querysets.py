"""Reads over many rows: permission scopes and the shapes the pages need.

Employee-owned rows (assessments, registrations, attendance, external learning) are
scoped through `Employee.objects.visible_to(user)`, so HR sees everyone, a
supervisor his subordinates and himself, an employee himself, anybody else nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import models
from django.db.models import Avg, Count, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from sawahlunto_asn.accounts import roles

ASN_ROLES = (roles.HR, roles.SUPERVISOR, roles.EMPLOYEE)


def is_hr(user) -> bool:
    return bool(user.is_authenticated and user.has_perm(roles.HR.perm))


def is_asn(user) -> bool:
    """HR, supervisors and employees: the people the training catalogue is for."""
    return bool(
        user.is_authenticated and any(user.has_perm(role.perm) for role in ASN_ROLES)
    )


class EmployeeScopedQuerySet(models.QuerySet):
    """Rows that belong to an employee reached through `employee_path`."""

    employee_path = "employee"

    def visible_to(self, user):
        if not user.is_authenticated:
            return self.none()
        if user.has_perm(roles.HR.perm):
            return self
        from positions.models import Employee

        return self.filter(
            **{
                f"{self.employee_path}__in": Employee.objects.visible_to(user).values(
                    "pk"
                )
            }
        )

    def for_employees(self, employees):
        """Rows of the employees in `employees` (a queryset, used as a subquery)."""
        return self.filter(**{f"{self.employee_path}__in": employees.values("pk")})


class CompetencyQuerySet(models.QuerySet):
    def active(self) -> CompetencyQuerySet:
        return self.filter(is_active=True)


class AssessmentQuerySet(EmployeeScopedQuerySet):
    def latest(self) -> AssessmentQuerySet:
        """The assessment that counts per (employee, competency): the latest by
        assessed_on, then id. DISTINCT ON, served by competency_assessment_latest."""
        return self.order_by(
            "employee_id", "competency_id", "-assessed_on", "-id"
        ).distinct("employee_id", "competency_id")


class TrainingProgramQuerySet(models.QuerySet):
    def visible_to(self, user) -> TrainingProgramQuerySet:
        """HR sees the whole catalogue; other ASN see the active programs."""
        if is_hr(user):
            return self
        if is_asn(user):
            return self.active()
        return self.none()

    def active(self) -> TrainingProgramQuerySet:
        return self.filter(is_active=True)

    def addressing(self, competency_id: int, level: int = 1) -> TrainingProgramQuerySet:
        """Programs that develop the competency up to at least `level`."""
        return self.filter(
            program_competencies__competency_id=competency_id,
            program_competencies__target_level__gte=level,
        )


class TrainingEventQuerySet(models.QuerySet):
    def visible_to(self, user) -> TrainingEventQuerySet:
        if is_asn(user):
            return self
        return self.none()

    def in_year(self, year: int) -> TrainingEventQuerySet:
        """Events whose last day falls in `year` (the year their JP count in)."""
        return self.filter(end_date__year=year)

    def open_on(self, day: date) -> TrainingEventQuerySet:
        """Events still taking registrations on `day`."""
        return self.filter(registration_deadline__gte=day)

    def with_seats(self) -> TrainingEventQuerySet:
        """Annotate `seats_taken`, `waitlisted` and `seats_left`. Correlated counts,
        not a grouped join: PostgreSQL works them out for the rows of the page
        only, where the join grouped every registration of every event first
        (100 ms with 150,000 registrations)."""
        registrations = self.model._meta.get_field("registrations").related_model

        def counted(*statuses: str) -> Coalesce:
            matching = (
                registrations.objects.filter(event=OuterRef("pk"), status__in=statuses)
                .order_by()
                .values("event")
                .annotate(n=Count("pk"))
                .values("n")
            )
            return Coalesce(Subquery(matching), 0)

        return self.annotate(
            seats_taken=counted("REGISTERED", "COMPLETED"),
            waitlisted=counted("WAITLISTED"),
        ).annotate(seats_left=F("capacity") - F("seats_taken"))

    def with_evaluation_results(self) -> TrainingEventQuerySet:
        """Annotate `evaluation_count` and `evaluation_average` (rating 1-5)."""
        return self.annotate(
            evaluation_count=Count("registrations__evaluation", distinct=True),
            evaluation_average=Avg("registrations__evaluation__rating"),
        )


class RegistrationQuerySet(EmployeeScopedQuerySet):
    def active(self) -> RegistrationQuerySet:
        return self.exclude(status="CANCELLED")

    def seated(self) -> RegistrationQuerySet:
        return self.filter(status__in=("REGISTERED", "COMPLETED"))

    def waitlisted(self) -> RegistrationQuerySet:
        return self.filter(status="WAITLISTED").order_by("waitlist_position")

    def completed_in_year(self, year: int) -> RegistrationQuerySet:
        """Completed registrations whose JP count in `year` (the event's end date)."""
        return self.filter(status="COMPLETED", event__end_date__year=year)

    def for_participant_list(self) -> RegistrationQuerySet:
        """The event page's rows: seated first, then the waiting list in order."""
        return self.select_related("employee", "nominated_by").order_by(
            models.Case(
                models.When(status="WAITLISTED", then=1),
                models.When(status="CANCELLED", then=2),
                default=0,
            ),
            "waitlist_position",
            "employee__name",
        )


class AttendanceQuerySet(EmployeeScopedQuerySet):
    employee_path = "registration__employee"


@dataclass(frozen=True)
class EvaluationResults:
    count: int
    average: float | None
    distribution: dict[int, int]  # rating 1..5 -> how many


class EvaluationQuerySet(models.QuerySet):
    def visible_to(self, user) -> EvaluationQuerySet:
        """HR reads every form; a participant only his own."""
        if not user.is_authenticated:
            return self.none()
        if user.has_perm(roles.HR.perm):
            return self
        return self.filter(registration__employee__user=user)

    def for_event(self, event_id: int) -> EvaluationQuerySet:
        return self.filter(registration__event_id=event_id)

    def results(self) -> EvaluationResults:
        """Count, average rating and the number of forms per rating (one query)."""
        totals = self.aggregate(
            count=Count("pk"),
            average=Avg("rating"),
            **{f"r{n}": Count("pk", filter=Q(rating=n)) for n in range(1, 6)},
        )
        average = totals["average"]
        return EvaluationResults(
            count=totals["count"],
            average=round(float(average), 2) if average is not None else None,
            distribution={n: totals[f"r{n}"] for n in range(1, 6)},
        )


class ExternalLearningQuerySet(EmployeeScopedQuerySet):
    def pending(self) -> ExternalLearningQuerySet:
        return self.filter(status="PENDING").order_by("submitted_at", "id")

    def approved(self) -> ExternalLearningQuerySet:
        return self.filter(status="APPROVED")

    def approved_in_year(self, year: int) -> ExternalLearningQuerySet:
        return self.filter(status="APPROVED", end_date__year=year)
