"""An employee's assessment history, and recording a new assessment."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from competency import services
from competency.assessment_forms import AssessmentForm
from competency.models import Assessment
from positions.models import Employee
from sawahlunto_asn.accounts import roles
from sawahlunto_asn.lib.access import get_visible_or_404, role_required


def _may_record(user, employee: Employee) -> bool:
    """HR for anyone; a supervisor for his subordinates, never for himself."""
    if user.has_perm(roles.HR.perm):
        return True
    return user.has_perm(roles.SUPERVISOR.perm) and employee.user_id != user.pk


@role_required(roles.HR, roles.SUPERVISOR, roles.EMPLOYEE)
def assessment_list(request: HttpRequest, pk: int) -> HttpResponse:
    employee = get_visible_or_404(Employee.objects, request.user, pk=pk)
    history = list(
        Assessment.objects.filter(employee=employee)
        .select_related("competency")
        .order_by("competency__type", "competency__code", "-assessed_on", "-id")
    )
    # The first row per competency is the latest: the one that counts.
    seen: set[int] = set()
    rows = []
    for assessment in history:
        rows.append((assessment, assessment.competency_id not in seen))
        seen.add(assessment.competency_id)
    context = {
        "employee": employee,
        "rows": rows,
        "may_record": _may_record(request.user, employee),
    }
    return render(request, "competency/assessment_list.html", context)


@role_required(roles.HR, roles.SUPERVISOR)
def assessment_create(request: HttpRequest, pk: int) -> HttpResponse:
    employee = get_visible_or_404(Employee.objects, request.user, pk=pk)
    if not _may_record(request.user, employee):
        messages.error(
            request, _("Anda tidak dapat mencatat asesmen untuk diri sendiri.")
        )
        return redirect("competency:assessment_list", pk=pk)
    hr = request.user.has_perm(roles.HR.perm)
    form = AssessmentForm(request.POST or None, supervisor_only=not hr)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.record_assessment(
                employee,
                competency=data["competency"],
                level=data["level"],
                assessed_on=data["assessed_on"],
                method=data["method"],
                by=request.user,
                assessor_name=data.get("assessor_name", ""),
                notes=data["notes"],
            )
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            messages.success(
                request,
                _("Asesmen %(c)s dicatat; kesenjangan di profil langsung mengikutinya.")
                % {"c": data["competency"].name},
            )
            return redirect("competency:assessment_list", pk=pk)
    context = {"form": form, "employee": employee}
    return render(request, "competency/assessment_form.html", context)
