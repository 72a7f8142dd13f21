"""The competency part of an employee's profile (positions:employee_detail).

The positions app renders it through settings.PROFILE_SECTIONS without importing
this app; the caller has already checked that the user may see the employee."""

from __future__ import annotations

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone

from competency import gaps, jp
from competency.models import Registration
from positions.models import Employee

RECENT_TRAININGS = 10


def employee_section(request: HttpRequest, employee: Employee) -> str:
    """His competencies against his position, his gaps, recent trainings and JP."""
    year = timezone.localdate().year
    context = {
        "employee": employee,
        "gaps": gaps.employee_gaps(employee),
        "progress": jp.employee_progress(employee, year),
        "registrations": list(
            Registration.objects.filter(employee=employee)
            .select_related("event__program")
            .order_by("-event__start_date", "-pk")[:RECENT_TRAININGS]
        ),
    }
    return render_to_string("competency/profile_section.html", context, request)
