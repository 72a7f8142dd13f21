"""The reform dashboard (HR, the PPK, unit heads), the public transparency page
and its open data."""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from community.services.survey import headed_units
from positions.models import OrgUnit
from sawahlunto_asn.accounts import roles
from sawahlunto_asn.lib.spreadsheet import xlsx_response
from sawahlunto_asn.reform import indicators
from sawahlunto_asn.reform import open_data as data
from sawahlunto_asn.reform.tables import (
    FAMILIES,
    build_tables,
    minimum,
    public_tables,
    trend_table,
)


def _year(request: HttpRequest, years: list[int]) -> tuple[int, str]:
    """The year asked for (?tahun=), else the newest; a message for bad input."""
    raw = request.GET.get("tahun", "").strip()
    if not raw:
        return years[0], ""
    if raw.isdigit() and 2000 <= int(raw) <= years[0]:
        return int(raw), ""
    return years[0], _("Tahun “%(t)s” tidak dikenal; ditampilkan tahun %(y)s.") % {
        "t": raw[:10],
        "y": years[0],
    }


def _reach(user) -> list[OrgUnit] | None:
    """None: the whole city (HR, the PPK); else the units the user heads."""
    if user.has_perm(roles.HR.perm) or user.has_perm(roles.PPK.perm):
        return None
    return headed_units(user)


def _scope(request: HttpRequest, roots: list[OrgUnit] | None):
    """The unit asked for (?unit=) inside the user's reach, and the picker's
    choices. A unit outside the reach is a 404; a unit head without ?unit= sees
    the first unit he heads."""
    if roots is None:
        choices = list(OrgUnit.objects.filter(is_active=True).order_by("path"))
    else:
        choices = sorted(
            {u.pk: u for root in roots for u in OrgUnit.objects.subtree(root)}.values(),
            key=lambda u: u.path,
        )
    raw = request.GET.get("unit", "").strip()
    if not raw:
        return (None if roots is None else roots[0]), choices
    unit = next((u for u in choices if str(u.pk) == raw), None)
    if unit is None:
        raise Http404
    return unit, choices


def _dashboard_data(request: HttpRequest):
    if not request.user.is_authenticated:
        return None
    roots = _reach(request.user)
    if roots == []:
        raise PermissionDenied
    years = indicators.years()
    year, problem = _year(request, years)
    unit, choices = _scope(request, roots)
    figures = indicators.compute(year)
    scopes = [figures.scope(unit), *figures.children(unit)]
    return {
        "years": years,
        "year": year,
        "problem": problem,
        "unit": unit,
        "choices": choices,
        "whole_city": roots is None,
        "figures": figures,
        "tables": build_tables(scopes),
        "trend_years": years,
    }


def dashboard(request: HttpRequest) -> HttpResponse:
    context = _dashboard_data(request)
    if context is None:
        return redirect_to_login(request.get_full_path())
    series = [
        context["figures"] if y == context["year"] else indicators.compute(y)
        for y in sorted(context["trend_years"])
    ]
    context["trend"] = trend_table(series, context["unit"])
    context["computed_at"] = timezone.now()
    context["families"] = [context["tables"][f] for f in FAMILIES]
    return render(request, "reform/dashboard.html", context)


def export(request: HttpRequest, family: str) -> HttpResponse:
    """One table of the dashboard as xlsx (same scope and year as the page)."""
    if family not in (*FAMILIES, "trend"):
        raise Http404
    context = _dashboard_data(request)
    if context is None:
        return redirect_to_login(request.get_full_path())
    if family == "trend":
        series = [
            context["figures"] if y == context["year"] else indicators.compute(y)
            for y in sorted(context["trend_years"])
        ]
        table = trend_table(series, context["unit"])
    else:
        table = context["tables"][family]
    headers = [_("Kode unit"), _("Unit")] + [c.label for c in table.columns]
    rows = ([r.code, r.name, *r.cells] for r in table.rows)
    return xlsx_response(
        f"reformasi-{family}-{context['year']}", headers, rows, title=family
    )


def transparency(request: HttpRequest) -> HttpResponse:
    """Public: the city's and each perangkat daerah's aggregates, no individual."""
    years = indicators.years()
    year, problem = _year(request, years)
    figures = indicators.compute(year)
    tables = public_tables(figures)
    return render(
        request,
        "reform/transparency.html",
        {
            "years": years,
            "year": year,
            "problem": problem,
            "families": [tables[f] for f in FAMILIES],
            "minimum": minimum(),
            "computed_at": timezone.now(),
            "columns": data.COLUMNS,
            "license": data.license_line(),
        },
    )


def open_data(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in ("csv", "json"):
        raise Http404
    years = indicators.years()
    year, _problem = _year(request, years)
    rows = data.rows(year)
    if fmt == "csv":
        return data.csv_response(year, rows)
    return data.json_response(year, rows)
