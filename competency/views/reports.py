"""HR's and supervisors' reports: gap analysis, training needs, the 20 JP right.

HR sees the city (or one unit's subtree); a supervisor sees his own team, through
Employee.objects.visible_to(user), with no unit picker.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from competency import gaps, jp, services
from competency.report_forms import GapFilterForm, JpFilterForm, ReportFilterForm
from positions.models import Employee
from sawahlunto_asn.accounts import roles
from sawahlunto_asn.lib.access import role_required
from sawahlunto_asn.lib.pagination import CountedPaginator
from sawahlunto_asn.lib.responses import query_without
from sawahlunto_asn.lib.spreadsheet import xlsx_response

PAGE_SIZE = 50


def _is_hr(user) -> bool:
    return user.has_perm(roles.HR.perm)


@role_required(roles.HR)
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "competency/index.html")


@role_required(roles.HR, roles.SUPERVISOR)
def gap_report(request: HttpRequest) -> HttpResponse:
    """HR: the city or a unit, added up from the counted summary, with the
    employees below standard in one competency read live. A supervisor: his team,
    worked out live (it is small)."""
    hr = _is_hr(request.user)
    form = GapFilterForm(request.GET or None, with_unit=hr)
    data = form.cleaned_data if form.is_valid() else {}
    wanted = request.GET.get("competency", "")
    context = {"form": form, "hr": hr}
    if hr:
        report = gaps.summary_report(data.get("unit"))
        competencies = report.competencies
        chosen = next((c for c in competencies if str(c.competency_id) == wanted), None)
        below = (
            gaps.BelowStandard(chosen.competency_id, unit=data.get("unit"))
            if chosen
            else None
        )
        context["computed"] = report
    else:
        live = gaps.gap_report(Employee.objects.visible_to(request.user))
        competencies = live.competencies
        chosen = next((c for c in competencies if str(c.competency_id) == wanted), None)
        below = (
            sorted(
                chosen.below,
                key=lambda s: (-s.gap.gap, s.employee.unit_name, s.employee.name),
            )
            if chosen
            else None
        )
        context["headcount"] = len(live.employees)
    if request.GET.get("format") == "xlsx":
        return _gap_export(competencies, chosen, below)
    context.update(
        competencies=competencies,
        chosen=chosen,
        page=Paginator(below, PAGE_SIZE).get_page(request.GET.get("page"))
        if below is not None
        else None,
        query=query_without(request, "page", "competency", "format"),
        page_query=query_without(request, "page", "format"),
    )
    return render(request, "competency/gap_report.html", context)


@require_POST
@role_required(roles.HR)
def gap_refresh(request: HttpRequest) -> HttpResponse:
    rows = services.refresh_gap_summary()
    messages.success(
        request,
        _("Ringkasan kesenjangan dihitung ulang: %(n)d baris unit dan kompetensi.")
        % {"n": rows},
    )
    return redirect("competency:gap_report")


def _gap_export(competencies, chosen, below) -> HttpResponse:
    if chosen is not None:
        headers = [
            _("NIP"),
            _("Nama"),
            _("Jabatan"),
            _("Unit"),
            _("Level dibutuhkan"),
            _("Level hasil asesmen"),
            _("Kesenjangan"),
            _("Tanggal asesmen"),
        ]
        rows = (
            [
                s.employee.nip,
                s.employee.name,
                s.employee.position_title,
                s.employee.unit_name,
                s.gap.required,
                "" if s.gap.unassessed else s.gap.assessed,
                s.gap.gap,
                s.gap.assessed_on,
            ]
            for s in below
        )
        return xlsx_response(f"kesenjangan-{chosen.code}", headers, rows, chosen.name)
    headers = [
        _("Kode"),
        _("Kompetensi"),
        _("Pegawai yang dipersyaratkan"),
        _("Belum diases"),
        _("Di bawah standar"),
        _("Rata-rata kesenjangan"),
    ]
    rows = (
        [
            s.code,
            s.name,
            s.required_count,
            s.unassessed_count,
            s.below_count,
            s.average_gap,
        ]
        for s in competencies
    )
    return xlsx_response("analisis-kesenjangan", headers, rows, _("Kesenjangan"))


@role_required(roles.HR)
def training_needs(request: HttpRequest) -> HttpResponse:
    form = ReportFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    # Needs are planned for the coming year unless a year is asked for.
    year = form.chosen_year(ahead=1)
    needs = gaps.training_needs(year, unit=data.get("unit"))
    if request.GET.get("format") == "xlsx":
        return xlsx_response(
            f"kebutuhan-pengembangan-{year}",
            gaps.TRAINING_NEEDS_HEADERS,
            (need.as_row() for need in needs),
            _("Kebutuhan %(y)s") % {"y": year},
        )
    context = {
        "form": form,
        "needs": needs,
        "year": year,
        "unit": data.get("unit"),
        "query": query_without(request, "format"),
    }
    return render(request, "competency/training_needs.html", context)


@role_required(roles.HR, roles.SUPERVISOR)
def jp_report(request: HttpRequest) -> HttpResponse:
    hr = _is_hr(request.user)
    form = JpFilterForm(request.GET or None, with_unit=hr)
    valid = form.is_valid()
    data = form.cleaned_data if valid else {}
    year = form.chosen_year()
    scope = {
        "employees": Employee.objects.visible_to(request.user),
        "unit": data.get("unit"),
    }
    rows = (jp.below_minimum if data.get("below_only") else jp.jp_report)(year, **scope)
    summary = jp.jp_summary(year, **scope)
    if request.GET.get("format") == "xlsx":
        return _jp_export(rows, year)
    total = summary.below if data.get("below_only") else summary.employees
    page = CountedPaginator(rows, PAGE_SIZE, count_of=total).get_page(
        request.GET.get("page")
    )
    context = {
        "form": form,
        "page": page,
        "summary": summary,
        "year": year,
        "hr": hr,
        "query": query_without(request, "page", "format"),
    }
    return render(request, "competency/jp_report.html", context)


def _jp_export(rows, year: int) -> HttpResponse:
    headers = [
        _("NIP"),
        _("Nama"),
        _("Jabatan"),
        _("Unit"),
        _("JP diakui"),
        _("Kekurangan JP"),
    ]
    values = rows.values_list(
        "nip", "name", "position_title", "unit_name", "jp_total", "jp_missing"
    )
    return xlsx_response(f"jp-{year}", headers, values.iterator(), f"JP {year}")
