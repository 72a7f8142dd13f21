"""The SKM questionnaire (citizens), the public results per period, and HR's
survey periods."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from community.forms.survey import PeriodChoiceForm, SurveyForm, SurveyPeriodForm
from community.models import SurveyPeriod, SurveyResponse
from community.ratelimit import RateLimited, limit
from community.services import survey
from sawahlunto_asn.accounts import roles
from sawahlunto_asn.lib.access import role_required
from sawahlunto_asn.lib.responses import flash_errors

# The rate-limit action of the questionnaire (COMMUNITY_RATE_LIMITS["survey"]).
RATE_ACTION = "survey"


@role_required(roles.CITIZEN)
def survey_respond(request: HttpRequest, pk: int) -> HttpResponse:
    """The nine questions about one unit, in the period that is open today."""
    unit = get_object_or_404(survey.public_units(), pk=pk)
    period = SurveyPeriod.objects.accepting(timezone.localdate()).first()
    answered = (
        period is not None
        and SurveyResponse.objects.filter(
            period=period, unit=unit, respondent=request.user
        ).exists()
    )
    form = SurveyForm(request.POST or None, unit=unit)
    status = 200
    if request.method == "POST" and period is not None and form.is_valid():
        try:
            limit(request, RATE_ACTION)
            survey.submit_response(
                period,
                unit=unit,
                respondent=request.user,
                scores=form.scores(),
                service=form.cleaned_data["service"],
                **form.profile(),
            )
        except RateLimited as error:
            form.add_error(None, error)
            status = 429
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Terima kasih, jawaban survei Anda sudah tersimpan.")
            )
            return redirect("community:unit_detail", pk=unit.pk)
    context = {"unit": unit, "period": period, "answered": answered, "form": form}
    return render(request, "community/survey_respond.html", context, status=status)


def survey_results(request: HttpRequest) -> HttpResponse:
    """Every unit's result in one period (public; hidden below the minimum)."""
    periods = list(SurveyPeriod.objects.started(timezone.localdate()))
    form = PeriodChoiceForm(request.GET or None, periods=periods)
    chosen = form.cleaned_data.get("periode") if form.is_valid() else None
    period = next(
        (p for p in periods if p.pk == chosen), periods[0] if periods else None
    )
    rows = survey.period_rows(list(survey.public_units()), period) if period else []
    context = {"form": form, "period": period, "rows": rows}
    return render(request, "community/survey_results.html", context)


@role_required(roles.HR)
def survey_periods(request: HttpRequest) -> HttpResponse:
    form = SurveyPeriodForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            survey.open_period(**form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Periode survei dibuka."))
            return redirect("community:survey_periods")
    periods = SurveyPeriod.objects.all()
    return render(
        request, "community/survey_periods.html", {"form": form, "periods": periods}
    )


@require_POST
@role_required(roles.HR)
def survey_period_close(request: HttpRequest, pk: int) -> HttpResponse:
    period = get_object_or_404(SurveyPeriod, pk=pk)
    try:
        survey.close_period(period)
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(
            request, _("Periode survei %(name)s ditutup.") % {"name": period.name}
        )
    return redirect("community:survey_periods")
