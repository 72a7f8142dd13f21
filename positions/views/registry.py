from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from positions import position_map as map_reads
from positions import services, watch
from positions.dates import years_and_months
from positions.filters import EmployeeFilter
from positions.forms import (
    EducationForm,
    EmployeeForm,
    OrgUnitForm,
    PlacementEndForm,
    PlacementForm,
    PositionForm,
    PositionMapForm,
    RankForm,
    RotationWatchForm,
)
from positions.models import Employee, OrgUnit, Placement, Position
from positions.querysets import today
from sawahlunto_asn.accounts import roles
from sawahlunto_asn.lib.access import get_visible_or_404, role_required
from sawahlunto_asn.lib.pagination import CountedPaginator
from sawahlunto_asn.lib.spreadsheet import csv_response, xlsx_response

PAGE_SIZE = 50


@role_required(roles.HR)
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "positions/index.html")


@role_required(roles.EMPLOYEE)
def my_profile(request: HttpRequest) -> HttpResponse:
    own = Employee.objects.visible_to(request.user).filter(user=request.user).first()
    if own is None:
        return render(request, "positions/my_profile.html")
    return redirect("positions:employee_detail", pk=own.pk)


# ---------------------------------------------------------------- position map

MAP_HEADERS = [
    _("Kode unit"),
    _("Unit"),
    _("Kode jabatan"),
    _("Jabatan"),
    _("Jenis"),
    _("Eselon"),
    _("Kelas"),
    _("Kebutuhan"),
    _("Bezetting"),
    _("Selisih"),
]


@role_required(roles.HR)
def position_map(request: HttpRequest) -> HttpResponse:
    form = PositionMapForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    unit = data.get("unit")
    export = request.GET.get("format")
    # On screen the whole city is its perangkat daerah with their totals (an officer
    # drills into one); the exports carry every unit and position.
    whole = export in ("xlsx", "csv")
    the_map = map_reads.build(
        data.get("on") or today(),
        unit,
        data.get("kind", ""),
        data.get("field", ""),
        with_positions=unit is not None or whole,
        max_depth=None if unit is not None or whole else 1,
    )
    if export in ("xlsx", "csv"):
        rows = (
            [
                row.unit.code,
                row.unit.name,
                p.code,
                p.title,
                p.kind_label,
                p.eselon,
                p.job_class,
                p.needs,
                p.incumbents,
                p.needs - p.incumbents,
            ]
            for row in the_map.rows
            for p in row.positions
        )
        name = f"peta-jabatan-{the_map.day:%Y%m%d}"
        if export == "xlsx":
            return xlsx_response(name, MAP_HEADERS, rows, title=_("Peta jabatan"))
        return csv_response(name, MAP_HEADERS, rows)
    return render(
        request, "positions/position_map.html", {"form": form, "map": the_map}
    )


# ---------------------------------------------------------------- employees

LIST_HEADERS = [
    _("NIP"),
    _("Nama"),
    _("Status"),
    _("Pangkat/golongan"),
    _("Jabatan"),
    _("Unit"),
    _("TMT jabatan"),
    _("Pendidikan"),
    _("Tanggal lahir"),
    _("TMT pensiun"),
]


@role_required(roles.HR, roles.SUPERVISOR)
def employee_list(request: HttpRequest) -> HttpResponse:
    employees = Employee.objects.visible_to(request.user).active()
    filterset = EmployeeFilter(request.GET, queryset=employees)
    matching = filterset.qs if filterset.is_valid() else employees.none()
    rows = matching.for_list()
    export = request.GET.get("format")
    if export in ("xlsx", "csv"):
        lines = (
            [
                e.nip_display,
                e.full_name,
                e.status_label,
                str(e.rank or ""),
                e.position_title,
                e.unit_name,
                e.position_start,
                str(e.education or ""),
                e.birth_date,
                e.retirement_on,
            ]
            for e in rows.select_related("rank", "education").iterator(chunk_size=2000)
        )
        if export == "xlsx":
            return xlsx_response(
                "daftar-pegawai", LIST_HEADERS, lines, title=_("Pegawai")
            )
        return csv_response("daftar-pegawai", LIST_HEADERS, lines)
    # Counting the un-joined queryset keeps the count on the employee table.
    paginator = CountedPaginator(rows, PAGE_SIZE, count_of=matching)
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "positions/employee_list.html",
        {
            "filter": filterset,
            "page": page,
            "query": query.urlencode(),
            "can_edit": request.user.has_perm(roles.HR.perm),
        },
    )


@role_required(roles.HR, roles.SUPERVISOR, roles.EMPLOYEE)
def employee_detail(request: HttpRequest, pk: int) -> HttpResponse:
    employee = get_visible_or_404(
        Employee.objects.select_related("rank", "education", "user"),
        request.user,
        pk=pk,
    )
    placements = list(
        employee.placements.select_related(
            "position__unit", "position__retirement_rule", "position__supervisor"
        ).order_by("-start_date", "-pk")
    )
    day = today()
    current = next(
        (p for p in placements if p.kind == "DEFINITIF" and p.covers(day)), None
    )
    acting = [p for p in placements if p.kind != "DEFINITIF" and p.covers(day)]
    supervisors = []
    if current is not None and current.position.supervisor_id:
        supervisors = list(
            Placement.objects.on(day)
            .filter(position_id=current.position.supervisor_id)
            .select_related("employee")
            .order_by("kind", "start_date")
        )
    age = current.position.retirement_rule.age if current else None
    context = {
        "employee": employee,
        "placements": placements,
        "current": current,
        "acting": acting,
        "supervisors": supervisors,
        "ranks": list(employee.rank_history.select_related("rank")),
        "education": list(employee.education_history.select_related("level")),
        # Moves reach the employee's own timeline only once the SK exists.
        "decreed_moves": list(
            employee.rotation_moves.filter(batch__status__in=["DECREED", "EXECUTED"])
            .select_related("batch", "from_position", "to_position")
            .order_by("-batch__effective_date")
        ),
        "retirement_age": age,
        "retirement_date": employee.retirement_date(age),
        "can_edit": request.user.has_perm(roles.HR.perm),
        # Other apps' parts of the profile (competency, later performance), named
        # in settings so that this app does not import them.
        "profile_sections": [
            import_string(path)(request, employee) for path in settings.PROFILE_SECTIONS
        ],
    }
    return render(request, "positions/employee_detail.html", context)


def _form_page(request, form, title: str, back: str, status: int = 200) -> HttpResponse:
    return render(
        request,
        "positions/form.html",
        {"form": form, "title": title, "back": back},
        status=status,
    )


def _saved(request, message: str, url: str) -> HttpResponse:
    messages.success(request, message)
    return redirect(url)


@role_required(roles.HR)
def employee_create(request: HttpRequest) -> HttpResponse:
    return _employee_form(request, Employee())


@role_required(roles.HR)
def employee_update(request: HttpRequest, pk: int) -> HttpResponse:
    return _employee_form(
        request, get_visible_or_404(Employee.objects, request.user, pk=pk)
    )


def _employee_form(request: HttpRequest, employee: Employee) -> HttpResponse:
    form = EmployeeForm(request.POST or None, instance=employee)
    if request.method == "POST" and form.is_valid():
        employee = form.save()
        return _saved(
            request,
            _("Data pegawai %(n)s disimpan.") % {"n": employee.name},
            reverse("positions:employee_detail", args=[employee.pk]),
        )
    title = _("Ubah data pegawai") if employee.pk else _("Tambah pegawai")
    back = (
        reverse("positions:employee_detail", args=[employee.pk])
        if employee.pk
        else reverse("positions:employee_list")
    )
    return _form_page(request, form, title, back)


@role_required(roles.HR)
def placement_create(request: HttpRequest, pk: int) -> HttpResponse:
    employee = get_visible_or_404(Employee.objects, request.user, pk=pk)
    form = PlacementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.place_employee(employee=employee, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return _saved(
                request,
                _("Penempatan dicatat."),
                reverse("positions:employee_detail", args=[employee.pk]),
            )
    title = _("Penempatan / mutasi: %(n)s") % {"n": employee.name}
    return _form_page(
        request, form, title, reverse("positions:employee_detail", args=[pk])
    )


@role_required(roles.HR)
def placement_end(request: HttpRequest, pk: int) -> HttpResponse:
    placement = get_visible_or_404(
        Placement.objects.select_related("employee", "position"), request.user, pk=pk
    )
    form = PlacementEndForm(request.POST or None)
    back = reverse("positions:employee_detail", args=[placement.employee_id])
    if request.method == "POST" and form.is_valid():
        try:
            services.end_placement(placement, form.cleaned_data["end_date"])
        except ValidationError as exc:
            form.add_error("end_date", exc)
        else:
            return _saved(request, _("Penempatan diakhiri."), back)
    title = _("Akhiri penempatan: %(p)s") % {"p": placement}
    return _form_page(request, form, title, back)


@role_required(roles.HR)
def rank_create(request: HttpRequest, pk: int) -> HttpResponse:
    employee = get_visible_or_404(Employee.objects, request.user, pk=pk)
    form = RankForm(request.POST or None)
    back = reverse("positions:employee_detail", args=[pk])
    if request.method == "POST" and form.is_valid():
        try:
            services.record_rank(employee, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return _saved(request, _("Riwayat pangkat dicatat."), back)
    return _form_page(
        request, form, _("Tambah riwayat pangkat: %(n)s") % {"n": employee.name}, back
    )


@role_required(roles.HR)
def education_create(request: HttpRequest, pk: int) -> HttpResponse:
    employee = get_visible_or_404(Employee.objects, request.user, pk=pk)
    form = EducationForm(request.POST or None)
    back = reverse("positions:employee_detail", args=[pk])
    if request.method == "POST" and form.is_valid():
        services.record_education(employee, **form.cleaned_data)
        return _saved(request, _("Riwayat pendidikan dicatat."), back)
    title = _("Tambah riwayat pendidikan: %(n)s") % {"n": employee.name}
    return _form_page(request, form, title, back)


# ---------------------------------------------------------------- units and positions


@role_required(roles.HR)
def unit_create(request: HttpRequest) -> HttpResponse:
    return _unit_form(request, OrgUnit())


@role_required(roles.HR)
def unit_update(request: HttpRequest, pk: int) -> HttpResponse:
    return _unit_form(request, get_visible_or_404(OrgUnit.objects, request.user, pk=pk))


def _unit_form(request: HttpRequest, unit: OrgUnit) -> HttpResponse:
    form = OrgUnitForm(request.POST or None, instance=unit)
    if request.method == "POST" and form.is_valid():
        try:
            unit = services.save_org_unit(form.save(commit=False))
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return _saved(
                request,
                _("Unit %(n)s disimpan.") % {"n": unit.name},
                reverse("positions:position_map") + f"?unit={unit.pk}",
            )
    title = _("Ubah unit") if unit.pk else _("Tambah unit")
    return _form_page(request, form, title, reverse("positions:position_map"))


@role_required(roles.HR)
def position_create(request: HttpRequest) -> HttpResponse:
    return _position_form(request, Position())


@role_required(roles.HR)
def position_update(request: HttpRequest, pk: int) -> HttpResponse:
    return _position_form(
        request, get_visible_or_404(Position.objects, request.user, pk=pk)
    )


def _position_form(request: HttpRequest, position: Position) -> HttpResponse:
    form = PositionForm(request.POST or None, instance=position)
    if request.method == "POST" and form.is_valid():
        try:
            position = services.save_position(form.save(commit=False))
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return _saved(
                request,
                _("Jabatan %(n)s disimpan.") % {"n": position.title},
                reverse("positions:position_map") + f"?unit={position.unit_id}",
            )
    title = _("Ubah jabatan") if position.pk else _("Tambah jabatan")
    return _form_page(request, form, title, reverse("positions:position_map"))


# ---------------------------------------------------------------- rotation watch


@role_required(roles.HR)
def rotation_watch(request: HttpRequest) -> HttpResponse:
    form = RotationWatchForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    day = today()
    scoped = watch.filtered(
        watch.current_posts(day),
        unit=data.get("unit"),
        field=data.get("field", ""),
        kind=data.get("kind", ""),
        category="",
    )
    posts = watch.filtered(
        scoped, unit=None, field="", kind="", category=data.get("category", "")
    )
    counts = watch.counts_per_opd(scoped)
    category = data.get("category", "")
    total = (
        counts.per_category[category] if category else sum(counts.per_category.values())
    )
    page = CountedPaginator(
        posts.select_related("employee", "position__unit").order_by("start_date", "pk"),
        PAGE_SIZE,
        count_of=total,
    ).get_page(request.GET.get("page"))
    history = watch.field_history([p.employee_id for p in page])
    rows = [
        {
            "post": post,
            "in_post": years_and_months(post.start_date, day),
            "category": post.category,
            "category_label": watch.CATEGORY_LABELS[post.category],
            "fields": watch.field_labels(history.get(post.employee_id, [])),
            "one_field": len(history.get(post.employee_id, [])) <= 1,
        }
        for post in page
    ]
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "rows": rows,
        "counts": counts.per_opd,
        "query": query.urlencode(),
        "min_years": settings.ROTATION_MIN_YEARS,
        "max_years": settings.ROTATION_MAX_YEARS,
    }
    return render(request, "positions/rotation_watch.html", context)
