"""The reform dashboard (HR, the PPK, unit heads), the public transparency page
and its open data."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from community.services.survey import headed_units
from positions.models import OrgUnit
from sawahlunto_asn.accounts import roles
from sawahlunto_asn.lib.spreadsheet import xlsx_response
from sawahlunto_asn.reform import pages, snapshots
from sawahlunto_asn.reform.templatetags.reform_tables import unit_options


def _year(request: HttpRequest, years: list[int], data=None) -> tuple[int, str]:
    """The year asked for (?tahun=), else the newest; a message for bad input."""
    raw = (request.GET if data is None else data).get("tahun", "").strip()
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
    the first unit he heads. The choices are (pk, depth, name): a city of
    100,000 has 900 units, and as model instances they cost 8 ms a page."""
    raw = request.GET.get("unit", "").strip()
    if raw and not raw.isdigit():
        raise Http404
    if roots is None:
        active = OrgUnit.objects.filter(is_active=True)
        choices = list(active.order_by("path").values_list("pk", "depth", "name"))
        unit = get_object_or_404(active, pk=raw) if raw else None
        return unit, choices
    units = sorted(
        {u.pk: u for root in roots for u in OrgUnit.objects.subtree(root)}.values(),
        key=lambda u: u.path,
    )
    choices = [(u.pk, u.depth, u.name) for u in units]
    if not raw:
        return roots[0], choices
    unit = next((u for u in units if u.pk == int(raw)), None)
    if unit is None:
        raise Http404
    return unit, choices


def _scope_for(request: HttpRequest):
    """(roots, unit, choices) for a signed-in user; PermissionDenied for
    someone who may not see the dashboard."""
    roots = _reach(request.user)
    if roots == []:
        raise PermissionDenied
    unit, choices = _scope(request, roots)
    return roots, unit, choices


def dashboard(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    roots, unit, choices = _scope_for(request)
    years, stamp = snapshots.state()
    year, problem = _year(request, years)
    return render(
        request,
        "reform/dashboard.html",
        {
            **pages.dashboard(year, unit, years, stamp),
            "years": pages.with_year(years, year),
            "year": year,
            "problem": problem,
            "unit": unit,
            "unit_options": unit_options(choices, unit),
            "whole_city": roots is None,
            "may_refresh": request.user.has_perm(roles.HR.perm),
        },
    )


@require_POST
@permission_required(roles.HR.perm, raise_exception=True)
def refresh(request: HttpRequest) -> HttpResponse:
    """HR recomputes a year now (after a batch is executed, say) instead of
    waiting for the nightly run."""
    years = snapshots.years()
    year, problem = _year(request, years, request.POST)
    if problem:
        messages.error(request, problem)
    else:
        snapshots.refresh(year)
        messages.success(
            request, _("Indikator tahun %(y)s telah dihitung ulang.") % {"y": year}
        )
    query = {"tahun": year}
    unit = request.POST.get("unit", "").strip()
    if unit.isdigit():
        query["unit"] = unit
    return redirect(f"{reverse('reform:dashboard')}?{urlencode(query)}")


def export(request: HttpRequest, family: str) -> HttpResponse:
    """One table of the dashboard as xlsx (same scope and year as the page)."""
    if family not in pages.DASHBOARD_ORDER:
        raise Http404
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    _roots, unit, _choices = _scope_for(request)
    years = snapshots.years()
    year, _problem = _year(request, years)
    tables, _loaded = pages.dashboard_tables(year, unit, years)
    table = tables[family]
    first = (
        [_("Kode"), table.row_label] if table.row_label else [_("Kode unit"), _("Unit")]
    )
    headers = first + [c.label for c in table.columns]
    rows = ([r.code, r.name, *r.cells] for r in table.rows)
    return xlsx_response(f"reformasi-{family}-{year}", headers, rows, title=family)


def transparency(request: HttpRequest) -> HttpResponse:
    """Public: the city's and each perangkat daerah's aggregates, no individual."""
    years, stamp = snapshots.state()
    year, problem = _year(request, years)
    return render(
        request,
        "reform/transparency.html",
        {
            **pages.transparency(year, years, stamp),
            "years": pages.with_year(years, year),
            "year": year,
            "problem": problem,
        },
    )


def open_data(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in ("csv", "json"):
        raise Http404
    years, stamp = snapshots.state()
    year, _problem = _year(request, years)
    return pages.open_data(year, fmt, stamp)
