"""The appraiser's team, the periods, employees without an appraiser, the unit
distribution and the talent grid.

Reads go through performance.querysets, writes through performance.services
(refusals come back as AppraisalError and are shown as messages). Every page
sends the same number of queries whatever the number of employees.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, F, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from performance import appraisers, rules, services
from performance.models import (
    Evaluation,
    Objection,
    Period,
    Skp,
    TalentPotential,
    UnitResult,
)
from performance.querysets import (
    BoxRows,
    TalentGrid,
    TalentRow,
    distribution_for,
    is_hr,
    talent_boxes,
    talent_grid,
    team_for,
)
from performance.services import AppraisalError
from performance.team_forms import (
    AssignAppraiserForm,
    LockForm,
    OpenPeriodForm,
    OrgRatingForm,
    PeriodUnitFilterForm,
    PotentialForm,
)
from positions.models import OrgUnit, Placement, Position
from sawahlunto_asn.accounts import roles
from sawahlunto_asn.lib.access import role_required
from sawahlunto_asn.lib.responses import flash_errors, flash_form_errors, query_without
from sawahlunto_asn.lib.spreadsheet import xlsx_response

PAGE_SIZE = 50
# Names shown in each box of the grid before "lihat semua".
BOX_PREVIEW = 10
# The 9-box as drawn (domain.md 7): kinerja rows from above to below
# expectation, potensi columns from low to high.
GRID_ROWS = (
    (rules.Rating.DI_ATAS_EKSPEKTASI, (4, 7, 9)),
    (rules.Rating.SESUAI_EKSPEKTASI, (2, 5, 8)),
    (rules.Rating.DI_BAWAH_EKSPEKTASI, (1, 3, 6)),
)
POTENTIAL_COLUMNS = (
    rules.Potential.RENDAH,
    rules.Potential.MENENGAH,
    rules.Potential.TINGGI,
)
POTENTIAL_OF_BOX = {box: potential for (_k, potential), box in rules.BOXES.items()}


# ---------------------------------------------------------------- helpers


def skp_url(skp_id: int | None) -> str:
    """The SKP page, or "" while the SKP pages are not installed."""
    if skp_id is None:
        return ""
    try:
        return reverse("performance:skp_detail", args=[skp_id])
    except NoReverseMatch:
        return ""


def _back(name: str, **params) -> HttpResponse:
    query = urlencode({k: v for k, v in params.items() if v not in (None, "")})
    return redirect(f"{reverse(f'performance:{name}')}{'?' if query else ''}{query}")


def _periods() -> list[Period]:
    return list(Period.objects.order_by("-year"))


def _pick_period(form, periods: list[Period], default: Period | None):
    year = form.cleaned_data.get("tahun") if form.is_valid() else None
    if year is not None:
        chosen = next((p for p in periods if p.year == year), None)
        if chosen is None:
            raise Http404
        return chosen
    return default


def _default_period(periods: list[Period], with_data) -> Period | None:
    """The latest period that has data for the page (`with_data`: a queryset of
    period ids), else the current open one, else the latest."""
    latest = with_data.order_by("-year").values_list("pk", flat=True).first()
    return (
        next((p for p in periods if p.pk == latest), None)
        or next((p for p in periods if p.is_open), None)
        or (periods[0] if periods else None)
    )


def _post_period(request: HttpRequest) -> Period:
    return get_object_or_404(Period, pk=request.POST.get("period") or 0)


def _post_unit(request: HttpRequest) -> OrgUnit:
    return get_object_or_404(OrgUnit, pk=request.POST.get("unit") or 0)


# ---------------------------------------------------------------- my team


@role_required(roles.SUPERVISOR)
def team(request: HttpRequest) -> HttpResponse:
    """The employees the user appraises in the period, with what waits for him,
    and the objections he decides as the appraiser's superior."""
    periods = _periods()
    form = PeriodUnitFilterForm(request.GET or None, periods=periods, with_unit=False)
    current = Period.objects.current()
    period = _pick_period(form, periods, current)
    rows = team_for(request.user, period) if period else []
    waiting = 0
    for row in rows:
        row.skp_url = skp_url(row.skp_id)
        row.skp_status_label = (
            Skp.Status(row.skp_status).label if row.skp_status else _("Belum ada SKP")
        )
        row.skp_predikat_label = (
            rules.Predikat(row.skp_predikat).label if row.skp_predikat else ""
        )
        row.skp_objection_label = (
            Objection.Status(row.skp_objection_status).label
            if row.skp_objection_status
            else ""
        )
        waiting += bool(row.waiting)
    to_decide = list(
        Objection.objects.to_decide_by(request.user)
        .select_related("evaluation__employee", "evaluation__skp__period")
        .order_by("filed_at", "pk")
    )
    for objection in to_decide:
        objection.skp_url = skp_url(objection.evaluation.skp_id)
    context = {
        "form": form,
        "period": period,
        "rows": rows,
        "waiting": waiting,
        "to_decide": to_decide,
    }
    return render(request, "performance/team.html", context)


# ---------------------------------------------------------------- periods


@role_required(roles.HR)
def periods(request: HttpRequest) -> HttpResponse:
    rows = Period.objects.annotate(
        skp_count=Count("skps", distinct=True),
        unit_count=Count("unit_results", distinct=True),
    ).select_related("opened_by", "closed_by")
    context = {"rows": rows.order_by("-year"), "form": OpenPeriodForm()}
    return render(request, "performance/periods.html", context)


@require_POST
@role_required(roles.HR)
def period_open(request: HttpRequest) -> HttpResponse:
    form = OpenPeriodForm(request.POST)
    if not form.is_valid():
        flash_form_errors(request, form)
        return redirect("performance:periods")
    try:
        period = services.open_period(form.cleaned_data["year"], by=request.user)
    except AppraisalError as error:
        flash_errors(request, error)
    else:
        messages.success(request, _("Periode %(year)s dibuka.") % {"year": period.year})
    return redirect("performance:periods")


@require_POST
@role_required(roles.HR)
def period_close(request: HttpRequest, pk: int) -> HttpResponse:
    period = get_object_or_404(Period, pk=pk)
    try:
        services.close_period(period, by=request.user)
    except AppraisalError as error:
        flash_errors(request, error)
    else:
        messages.success(
            request,
            _("Periode %(year)s ditutup; datanya tidak dapat diubah lagi.")
            % {"year": period.year},
        )
    return redirect("performance:periods")


# ---------------------------------------------------------------- unassigned


@dataclass(frozen=True)
class UnassignedRow:
    employee: object
    reason: str
    skp: Skp | None

    @property
    def skp_url(self) -> str:
        return skp_url(self.skp.pk) if self.skp else ""


@role_required(roles.HR)
def unassigned(request: HttpRequest) -> HttpResponse:
    """Employees whose supervising chain gives no appraiser in the open period,
    with the reason and, where the employee has drafted his SKP, the appraiser
    HR has set on it."""
    period = Period.objects.current()
    form = PeriodUnitFilterForm(request.GET or None, periods=[])
    del form.fields["tahun"]
    unit = form.cleaned_data.get("unit") if form.is_valid() else None
    rows = []
    if period is not None:
        day = period.reference_day(timezone.localdate())
        rows = appraisers.without_appraiser(day, unit)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    skps = {
        skp.employee_id: skp
        for skp in Skp.objects.filter(
            period=period, employee_id__in=[r.employee.pk for r in page]
        ).select_related("appraiser", "superior")
    }
    page.object_list = [
        UnassignedRow(row.employee, row.reason, skps.get(row.employee.pk))
        for row in page.object_list
    ]
    context = {
        "form": form,
        "period": period,
        "page": page,
        "total": len(rows),
        "query": query_without(request, "page"),
    }
    return render(request, "performance/unassigned.html", context)


@require_POST
@role_required(roles.HR)
def unassigned_assign(request: HttpRequest) -> HttpResponse:
    form = AssignAppraiserForm(request.POST)
    back = _back("unassigned", unit=request.POST.get("unit"))
    if not form.is_valid():
        flash_form_errors(request, form)
        return back
    skp = get_object_or_404(Skp, pk=form.cleaned_data["skp"])
    appraiser = form.cleaned_data["appraiser_nip"]
    try:
        services.assign_appraiser(
            skp,
            appraiser=appraiser,
            superior=form.cleaned_data["superior_nip"],
            by=request.user,
        )
    except AppraisalError as error:
        flash_errors(request, error)
    else:
        messages.success(
            request,
            _("%(appraiser)s ditetapkan sebagai pejabat penilai kinerja.")
            % {"appraiser": appraiser.full_name},
        )
    return back


# ---------------------------------------------------------------- distribution


def rated_units(user, period: Period) -> list[OrgUnit]:
    """The units whose organisation rating `user` sets: those whose head seat his
    seats supervise, and for the PPK those whose head has no superior seat."""
    day = period.reference_day(timezone.localdate())
    held = Placement.objects.on(day).filter(employee__user=user).values("position_id")
    candidates = Q(
        pk__in=Position.objects.filter(is_active=True, supervisor_id__in=held)
        .exclude(unit_id=F("supervisor__unit_id"))
        .values("unit_id")
    )
    if user.has_perm(roles.PPK.perm):
        candidates |= Q(
            pk__in=Position.objects.filter(
                is_active=True, supervisor__isnull=True
            ).values("unit_id")
        )
    units = OrgUnit.objects.filter(candidates, is_active=True).order_by("path")
    return [u for u in units if services.may_rate_unit(u, period, user)]


@dataclass(frozen=True)
class PredikatLine:
    value: str
    label: str
    count: int
    share: float
    rules: list[str]
    breached: bool


def _clause_text(clause: dict) -> str:
    parts = []
    if "min" in clause:
        parts.append(_("paling sedikit %(n)s%%") % {"n": clause["min"]})
    if "max" in clause:
        parts.append(_("paling banyak %(n)s%%") % {"n": clause["max"]})
    if clause.get("required"):
        parts.append(_("harus ada"))
    group = " / ".join(str(rules.Predikat(p).label) for p in clause["predikat"])
    return f"{group}: {', '.join(parts)}"


def _lines(distribution) -> list[PredikatLine]:
    clauses = rules.distribution_patterns().get(distribution.org_rating, [])
    breached = {p for b in distribution.breaches for p in b.predikat}
    return [
        PredikatLine(
            value,
            str(label),
            distribution.counts[value],
            distribution.shares[value],
            [_clause_text(c) for c in clauses if value in c["predikat"]],
            value in breached,
        )
        for value, label in rules.Predikat.choices
    ]


def _public_input(unit: OrgUnit):
    """Citizens' figures for the unit, from settings.PERFORMANCE_PUBLIC_INPUT_PROVIDER
    (the community app), so performance does not import it."""
    if not settings.PERFORMANCE_PUBLIC_INPUT_PROVIDER:
        return None
    return import_string(settings.PERFORMANCE_PUBLIC_INPUT_PROVIDER)(unit)


@role_required(roles.HR, roles.SUPERVISOR, roles.PPK)
def distribution(request: HttpRequest) -> HttpResponse:
    """A unit's predikat distribution against the pattern its organisation rating
    imposes. HR picks any unit (and locks); the unit head's superior sees the
    units he rates (and sets their rating)."""
    hr = is_hr(request.user)
    periods = _periods()
    probe = PeriodUnitFilterForm(request.GET or None, periods=periods, units=[])
    default = _default_period(
        periods, Period.objects.filter(unit_results__org_rating__gt="")
    )
    period = _pick_period(probe, periods, default)
    units = None if hr or period is None else rated_units(request.user, period)
    form = PeriodUnitFilterForm(
        request.GET or None,
        periods=periods,
        units=None if units is None else [(u.pk, u.name) for u in units],
        all_label=_("Semua unit yang dinilai") if hr else None,
    )
    unit = form.cleaned_data.get("unit") if form.is_valid() else None
    if units is not None:
        if unit is not None and unit not in units:
            raise Http404
        unit = unit or (units[0] if len(units) == 1 else None)
    context = {"form": form, "hr": hr, "period": period, "unit": unit, "units": units}
    if period is None:
        return render(request, "performance/distribution.html", context)
    if unit is None:
        if hr:
            context["results"] = (
                UnitResult.objects.filter(period=period)
                .exclude(org_rating="")
                .select_related("unit")
                .order_by("unit__path")
            )
        return render(request, "performance/distribution.html", context)
    if request.GET.get("format") == "xlsx":
        if not hr:
            raise Http404
        return _distribution_export(period, unit)
    result = (
        UnitResult.objects.filter(period=period, unit=unit)
        .select_related("rated_by", "locked_by")
        .first()
    )
    shown = distribution_for(period, unit, result.org_rating if result else "")
    may_rate = (
        period.is_open
        and not (result and result.is_locked)
        and services.may_rate_unit(unit, period, request.user)
    )
    context.update(
        public_input=_public_input(unit),
        result=result,
        distribution=shown,
        lines=_lines(shown),
        org_rating_label=(
            rules.OrgRating(shown.org_rating).label if shown.org_rating else ""
        ),
        rate_form=OrgRatingForm(
            initial={"org_rating": shown.org_rating or rules.OrgRating.BAIK}
        )
        if may_rate
        else None,
        lock_form=LockForm()
        if hr
        and period.is_open
        and result
        and result.org_rating
        and not result.is_locked
        else None,
        query=query_without(request, "format"),
    )
    return render(request, "performance/distribution.html", context)


@require_POST
@role_required(roles.HR, roles.SUPERVISOR, roles.PPK)
def distribution_rate(request: HttpRequest) -> HttpResponse:
    period, unit = _post_period(request), _post_unit(request)
    form = OrgRatingForm(request.POST)
    back = _back("distribution", tahun=period.year, unit=unit.pk)
    if not form.is_valid():
        flash_form_errors(request, form)
        return back
    if not is_hr(request.user) and unit not in rated_units(request.user, period):
        raise Http404
    try:
        services.set_org_rating(
            period, unit, form.cleaned_data["org_rating"], by=request.user
        )
    except AppraisalError as error:
        flash_errors(request, error)
    else:
        messages.success(request, _("Capaian kinerja organisasi ditetapkan."))
    return back


@require_POST
@role_required(roles.HR)
def distribution_lock(request: HttpRequest) -> HttpResponse:
    period, unit = _post_period(request), _post_unit(request)
    form = LockForm(request.POST)
    form.is_valid()
    try:
        services.lock_unit_results(
            period, unit, by=request.user, reason=form.cleaned_data.get("reason", "")
        )
    except AppraisalError as error:
        flash_errors(request, error)
    else:
        messages.success(
            request,
            _("Hasil penilaian %(unit)s periode %(year)s dikunci.")
            % {"unit": unit.name, "year": period.year},
        )
    return _back("distribution", tahun=period.year, unit=unit.pk)


def _distribution_export(period: Period, unit: OrgUnit) -> HttpResponse:
    headers = [
        _("NIP"),
        _("Nama"),
        _("Jabatan"),
        _("Unit"),
        _("Pejabat penilai"),
        _("Rating hasil kerja"),
        _("Rating perilaku kerja"),
        _("Predikat"),
        _("Diterima pegawai"),
        _("Keberatan"),
        _("Dikunci"),
    ]
    rating = dict(rules.Rating.choices)
    predikat = dict(rules.Predikat.choices)
    objection = dict(Objection.Status.choices)
    rows = (
        Evaluation.objects.in_period(period)
        .in_unit(unit)
        .order_by("skp__unit__path", "employee__name", "employee__nip")
        .values_list(
            "employee__nip",
            "employee__name",
            "skp__position__title",
            "skp__unit__name",
            "appraiser__name",
            "work_results_rating",
            "behaviour_rating",
            "predikat",
            "received_at",
            "objection__status",
            "locked_at",
        )
    )

    def cells():
        for (
            nip,
            name,
            title,
            unit_name,
            by,
            work,
            conduct,
            pred,
            got,
            obj,
            lock,
        ) in rows.iterator():
            yield [
                nip,
                name,
                title or "",
                unit_name or "",
                by or "",
                rating.get(work, work),
                rating.get(conduct, conduct),
                predikat.get(pred, pred),
                timezone.localtime(got).date() if got else "",
                objection.get(obj, "") if obj else "",
                timezone.localtime(lock).date() if lock else "",
            ]

    code = unit.code or unit.pk
    return xlsx_response(
        f"hasil-kinerja-{code}-{period.year}",
        headers,
        cells(),
        _("Hasil %(y)s") % {"y": period.year},
    )


# ---------------------------------------------------------------- talent grid


def _team_grid(user, period: Period) -> TalentGrid:
    """The supervisor's team in the 9-box: his appraisees rated in the period."""
    rows = [row for row in team_for(user, period) if row.skp_predikat]
    boxes = talent_boxes(period, [row.pk for row in rows])
    grid = TalentGrid({box: [] for box in range(9, 0, -1)}, [])
    for row in rows:
        box = boxes.get(row.pk)
        item = TalentRow(
            row.pk,
            row.name,
            row.nip,
            row.unit_name or "",
            row.position_title or "",
            row.skp_predikat,
            POTENTIAL_OF_BOX.get(box),
            box,
        )
        (grid.boxes[box] if box else grid.unplaced).append(item)
    return grid


@dataclass(frozen=True)
class ListedRow:
    row: TalentRow
    predikat_label: str


@dataclass(frozen=True)
class BoxCell:
    box: int
    count: int
    follow_up: str
    preview: list
    more: bool
    potential: str


def _cells(grid: TalentGrid, preview: bool = True) -> list[tuple[str, list[BoxCell]]]:
    """The grid's rows, kinerja from the top. Without `preview` the cells show
    counts only: for the whole city a few names per box say little and cost a
    query each."""
    follow_up = grid.follow_up
    size = BOX_PREVIEW if preview else 0
    return [
        (
            str(rules.Rating(kinerja).label),
            [
                BoxCell(
                    box,
                    len(grid.boxes[box]),
                    follow_up[box],
                    grid.boxes[box][:size] if size else [],
                    len(grid.boxes[box]) > size,
                    str(rules.Potential(POTENTIAL_OF_BOX[box]).label),
                )
                for box in boxes
            ],
        )
        for kinerja, boxes in GRID_ROWS
    ]


@role_required(roles.HR, roles.SUPERVISOR)
def talent(request: HttpRequest) -> HttpResponse:
    """The 9-box: HR for the city or one unit, a supervisor for his team."""
    hr = is_hr(request.user)
    periods = _periods()
    form = PeriodUnitFilterForm(request.GET or None, periods=periods, with_unit=hr)
    default = _default_period(periods, Period.objects.filter(potentials__isnull=False))
    period = _pick_period(form, periods, default)
    unit = form.cleaned_data.get("unit") if hr and form.is_valid() else None
    context = {"form": form, "hr": hr, "period": period, "unit": unit}
    if period is None:
        return render(request, "performance/talent.html", context)
    grid = talent_grid(period, unit) if hr else _team_grid(request.user, period)
    if request.GET.get("format") == "xlsx":
        if not hr:
            raise Http404
        return _talent_export(period, unit, grid)
    box = request.GET.get("kotak", "")
    chosen = None
    if box.isdigit() and 0 <= int(box) <= 9:
        chosen = int(box)
        listed = grid.unplaced if chosen == 0 else grid.boxes[chosen]
        if isinstance(listed, BoxRows):
            listed = listed.by_name()
        page = Paginator(listed, PAGE_SIZE).get_page(request.GET.get("page"))
        page.object_list = [
            ListedRow(row, rules.Predikat(row.predikat).label)
            for row in page.object_list
        ]
        context["page"] = page
        context["chosen_follow_up"] = grid.follow_up.get(chosen, "")
    context.update(
        grid=grid,
        cells=_cells(grid, preview=unit is not None or not hr),
        potentials=[str(rules.Potential(p).label) for p in POTENTIAL_COLUMNS],
        placed=sum(grid.counts.values()),
        unplaced=len(grid.unplaced),
        chosen=chosen,
        query=query_without(request, "format", "kotak", "page"),
        page_query=query_without(request, "format", "page"),
        can_edit=hr and period.is_open,
        potential_form=PotentialForm() if hr and period.is_open else None,
    )
    return render(request, "performance/talent.html", context)


@require_POST
@role_required(roles.HR)
def talent_compute(request: HttpRequest) -> HttpResponse:
    period = _post_period(request)
    try:
        count = services.compute_potentials(period, by=request.user)
    except AppraisalError as error:
        flash_errors(request, error)
    else:
        messages.success(
            request,
            _("Potensi %(n)d pegawai dihitung dari hasil asesmen kompetensi.")
            % {"n": count},
        )
    return _back("talent", tahun=period.year, unit=request.POST.get("unit"))


@require_POST
@role_required(roles.HR)
def talent_potential(request: HttpRequest) -> HttpResponse:
    period = _post_period(request)
    form = PotentialForm(request.POST)
    back = _back("talent", tahun=period.year, unit=request.POST.get("unit"))
    if not form.is_valid():
        flash_form_errors(request, form)
        return back
    employee = form.cleaned_data["nip"]
    try:
        services.set_potential(
            employee,
            period,
            level=form.cleaned_data["level"],
            source_text=form.cleaned_data["source_text"],
            by=request.user,
        )
    except AppraisalError as error:
        flash_errors(request, error)
    else:
        messages.success(
            request,
            _("Potensi %(name)s dicatat.") % {"name": employee.full_name},
        )
    return back


def _talent_export(period: Period, unit: OrgUnit | None, grid: TalentGrid):
    rows = [row for box in range(9, 0, -1) for row in grid.boxes[box]]
    rows += grid.unplaced
    sources = TalentPotential.objects.filter(period=period)
    if unit is not None:
        sources = sources.filter(employee_id__in=[row.employee_id for row in rows])
    source_of = {
        pk: (TalentPotential.Source(source).label, text)
        for pk, source, text in sources.values_list(
            "employee_id", "source", "source_text"
        )
    }
    headers = [
        _("Kotak"),
        _("NIP"),
        _("Nama"),
        _("Jabatan"),
        _("Unit"),
        _("Predikat kinerja"),
        _("Potensi"),
        _("Sumber potensi"),
        _("Keterangan sumber"),
        _("Tindak lanjut"),
    ]
    follow_up = grid.follow_up

    def cells():
        for row in rows:
            source, text = source_of.get(row.employee_id, ("", ""))
            yield [
                row.box or "",
                row.nip,
                row.name,
                row.position_title,
                row.unit_name,
                rules.Predikat(row.predikat).label,
                rules.Potential(row.potential).label if row.potential else "",
                source,
                text,
                follow_up.get(row.box, "") if row.box else _("Potensi belum ada"),
            ]

    scope = unit.code if unit is not None and unit.code else "kota"
    return xlsx_response(
        f"talenta-{scope}-{period.year}",
        headers,
        cells(),
        _("Talenta %(y)s") % {"y": period.year},
    )
