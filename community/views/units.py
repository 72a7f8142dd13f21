"""The public unit pages (no login) and the office dashboard of HR and unit heads.

Public pages send the same number of queries whatever the number of units,
answers and feedback. Individual civil servants never appear: every figure is
a unit's.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from community.forms.survey import PeriodChoiceForm, UnitChoiceForm, UnitSearchForm
from community.models import Commitment, Meeting, SurveyResponse, Topic
from community.services import survey
from sawahlunto_asn.accounts import roles
from sawahlunto_asn.lib.access import role_required
from sawahlunto_asn.lib.responses import query_without

PAGE_SIZE = 50


def index(request: HttpRequest) -> HttpResponse:
    """The participation home: every public-service unit with its latest IKM."""
    rows = survey.unit_rows(list(survey.public_units()))
    return render(request, "community/index.html", {"rows": rows})


def unit_list(request: HttpRequest) -> HttpResponse:
    form = UnitSearchForm(request.GET or None)
    units = survey.public_units()
    if form.is_valid() and form.cleaned_data["q"]:
        units = units.filter(name__icontains=form.cleaned_data["q"])
    page = Paginator(units, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "rows": survey.unit_rows(list(page.object_list)),
        "query": query_without(request, "page"),
    }
    return render(request, "community/unit_list.html", context)


def unit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    unit = get_object_or_404(survey.public_units(), pk=pk)
    today = timezone.localdate()
    row = survey.unit_rows([unit], day=today, with_trend=True)[0]
    periods = [t.period for t in reversed(row.trend)]
    form = PeriodChoiceForm(request.GET or None, periods=periods)
    chosen = form.cleaned_data.get("periode") if form.is_valid() else None
    shown = next((t for t in row.trend if t.period.pk == chosen), None)
    if shown is None:
        shown = row.latest or (row.trend[-1] if row.trend else None)
    accepting = next((p for p in periods if p.accepts_on(today)), None)
    answered = (
        accepting is not None
        and request.user.is_authenticated
        and SurveyResponse.objects.filter(
            period=accepting, unit=unit, respondent=request.user
        ).exists()
    )
    context = {
        "unit": unit,
        "row": row,
        "form": form,
        "shown": shown,
        "accepting": accepting,
        "answered": answered,
        "trend": list(reversed(row.trend)),
        # Where else this unit appears in the participation area: one query each,
        # whatever the number of rows.
        "topic": Topic.objects.filter(unit=unit, is_active=True).first(),
        "meetings": list(
            Meeting.objects.visible_to(request.user).filter(unit=unit).upcoming()[:3]
        ),
        "has_commitments": Commitment.objects.filter(
            unit=unit, is_public=True
        ).exists(),
    }
    return render(request, "community/unit_detail.html", context)


@role_required(roles.HR, roles.SUPERVISOR, roles.EMPLOYEE)
def office_dashboard(request: HttpRequest) -> HttpResponse:
    """HR: every unit (an overview, or one unit); a unit head: his own unit(s).
    Anyone else with a staff role: 403. A unit outside the user's scope: 404."""
    hr = request.user.has_perm(roles.HR.perm)
    units = list(survey.public_units()) if hr else survey.headed_units(request.user)
    if not units:
        raise PermissionDenied
    form = UnitChoiceForm(
        request.GET or None,
        units=units,
        all_label=_("Semua unit (ringkasan)") if hr else None,
    )
    if request.GET.get("unit") and not form.is_valid():
        raise Http404
    chosen = form.cleaned_data.get("unit") if form.is_valid() else None
    unit = next((u for u in units if u.pk == chosen), None)
    if unit is None and not hr:
        unit = units[0]
    context = {"form": form, "hr": hr, "unit": unit, "units": units}
    if unit is None:
        context["overview"] = survey.office_overview(units)
    else:
        context["figures"] = survey.office_figures(unit)
    return render(request, "community/office_dashboard.html", context)
