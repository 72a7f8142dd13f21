"""The reports the personnel office prints: DUK, bezetting per unit and daftar
nominatif. Each is an HTML page (paginated on screen, whole with `?print=1`) and an
xlsx download (`?format=xlsx`); the query count does not depend on the row count."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from django.core.paginator import Paginator
from django.db.models import F, OuterRef, Prefetch, QuerySet, Subquery
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from positions.dates import add_years, years_and_months
from positions.models import (
    EducationHistory,
    Employee,
    OrgUnit,
    Placement,
    Position,
    position_kind_label,
)
from positions.querysets import today
from positions.report_filters import BezettingForm, DukFilter, NominatifFilter
from sawahlunto_asn.accounts import roles
from sawahlunto_asn.lib.access import role_required
from sawahlunto_asn.lib.spreadsheet import xlsx_response

PAGE_SIZE = 50
UNITS_PER_PAGE = 20
DUK_STATUSES = (Employee.Status.PNS, Employee.Status.CPNS)


# ---------------------------------------------------------------- small helpers


def gender_letter(gender: str) -> str:
    return _("L") if gender == Employee.Gender.MALE else _("P")


@dataclass
class EmployeeRow:
    number: int
    employee: Employee
    service: tuple[int, int]  # masa kerja: years, months

    @property
    def service_years(self) -> int:
        return self.service[0]

    @property
    def service_months(self) -> int:
        return self.service[1]

    @property
    def kind_label(self) -> str:
        e = self.employee
        return position_kind_label(e.position_kind, e.position_level)


def _paginate(
    request: HttpRequest, items: QuerySet | Sequence, per_page: int
) -> tuple[object | None, Iterable, int]:
    """(page or None when printing, the items to show, the number before the first)."""
    if request.GET.get("print") == "1":
        return None, items, 0
    page = Paginator(items, per_page).get_page(request.GET.get("page"))
    return page, page.object_list, (page.number - 1) * per_page


def _employee_rows(request: HttpRequest, employees: QuerySet, day: date) -> dict:
    """Context of an employee report: the page, its numbered rows and the total."""
    page, shown, offset = _paginate(request, employees, PAGE_SIZE)
    rows = [
        EmployeeRow(offset + n, e, years_and_months(e.appointment_date, day))
        for n, e in enumerate(shown, start=1)
    ]
    total = page.paginator.count if page is not None else len(rows)
    return {"page": page, "rows": rows, "total": total}


def _wants_xlsx(request: HttpRequest) -> bool:
    return request.GET.get("format") == "xlsx"


def _render(request: HttpRequest, template: str, context: dict) -> HttpResponse:
    context.setdefault("print_mode", request.GET.get("print") == "1")
    return render(request, template, context)


# ---------------------------------------------------------------- DUK

DUK_HEADERS = [
    gettext_lazy("No urut"),
    gettext_lazy("Nama"),
    gettext_lazy("NIP"),
    gettext_lazy("Pangkat"),
    gettext_lazy("Golongan ruang"),
    gettext_lazy("TMT pangkat"),
    gettext_lazy("Jabatan"),
    gettext_lazy("Eselon"),
    gettext_lazy("Kelas jabatan"),
    gettext_lazy("TMT jabatan"),
    gettext_lazy("Masa kerja (tahun)"),
    gettext_lazy("Masa kerja (bulan)"),
    gettext_lazy("Pendidikan terakhir"),
    gettext_lazy("Tanggal lahir"),
    gettext_lazy("Status"),
]


def duk_queryset(user, day: date) -> QuerySet:
    """Active PNS and CPNS in DUK order, with their post on `day`."""
    return (
        Employee.objects.visible_to(user)
        .active()
        .filter(status__in=DUK_STATUSES)
        .select_related("rank", "education")
        .duk_order(day)
    )


def _duk_xlsx(employees: QuerySet, day: date) -> HttpResponse:
    def rows():
        for number, e in enumerate(employees.iterator(chunk_size=2000), start=1):
            years, months = years_and_months(e.appointment_date, day)
            yield [
                number,
                e.full_name,
                e.nip_display,
                e.rank.name if e.rank else "",
                e.rank.grade if e.rank else "",
                e.rank_date,
                e.position_title,
                e.position_eselon,
                e.position_job_class,
                e.position_start,
                years,
                months,
                str(e.education or ""),
                e.birth_date,
                e.get_status_display(),
            ]

    return xlsx_response(f"duk-{day:%Y%m%d}", DUK_HEADERS, rows(), title=_("DUK"))


@role_required(roles.HR)
def report_duk(request: HttpRequest) -> HttpResponse:
    day = today()
    filterset = DukFilter(request.GET, queryset=duk_queryset(request.user, day))
    valid = filterset.is_valid()
    employees = filterset.qs if valid else filterset.queryset.none()
    if _wants_xlsx(request) and valid:
        return _duk_xlsx(employees, day)
    context = _employee_rows(request, employees, day)
    unit = filterset.form.cleaned_data.get("unit") if valid else None
    return _render(
        request,
        "positions/report_duk.html",
        {"form": filterset.form, "day": day, "unit": unit, **context},
    )


# ---------------------------------------------------------------- bezetting


@dataclass
class Totals:
    positions: int = 0
    needs: int = 0
    incumbents: int = 0
    retiring_1: int = 0
    retiring_5: int = 0

    @property
    def difference(self) -> int:
        """Kebutuhan minus bezetting: positive is a shortage, negative a surplus."""
        return self.needs - self.incumbents

    def add(self, other: Totals) -> None:
        self.positions += other.positions
        self.needs += other.needs
        self.incumbents += other.incumbents
        self.retiring_1 += other.retiring_1
        self.retiring_5 += other.retiring_5


@dataclass
class BezettingLine(Totals):
    position: Position | None = None
    holders: list[Placement] = field(default_factory=list)
    acting: list[Placement] = field(default_factory=list)


@dataclass
class UnitGroup:
    unit: OrgUnit
    lines: list[BezettingLine] = field(default_factory=list)
    totals: Totals = field(default_factory=Totals)


def bezetting(user, unit: OrgUnit | None, day: date) -> tuple[list[UnitGroup], Totals]:
    """Every active position of the unit's subtree (or the city), grouped by unit,
    with the definitive holders on `day` and how many reach BUP within 1 and 5 years.
    Two queries: the positions with their incumbent count, and the placements."""
    on_day = (
        Placement.objects.on(day)
        .select_related("employee")
        .order_by("kind", "start_date", "employee__name")
    )
    positions = Position.objects.visible_to(user).filter(is_active=True)
    if unit is not None:
        positions = positions.filter(unit__path__startswith=unit.path)
    positions = (
        positions.select_related("unit", "retirement_rule")
        .with_incumbents(day)
        .prefetch_related(Prefetch("placements", queryset=on_day, to_attr="on_day"))
        .order_by("unit__path", "-job_class", "title", "pk")
    )
    within_1, within_5 = add_years(day, 1), add_years(day, 5)
    groups: dict[int, UnitGroup] = {}
    overall = Totals()
    for position in positions:
        holders = [p for p in position.on_day if p.kind == Placement.Kind.DEFINITIF]
        retiring = [
            p.employee.retirement_date(position.retirement_rule.age) for p in holders
        ]
        line = BezettingLine(
            positions=1,
            needs=position.needs,
            incumbents=position.incumbents,
            retiring_1=sum(1 for r in retiring if r <= within_1),
            retiring_5=sum(1 for r in retiring if r <= within_5),
            position=position,
            holders=holders,
            acting=[p for p in position.on_day if p.kind != Placement.Kind.DEFINITIF],
        )
        group = groups.setdefault(position.unit_id, UnitGroup(position.unit))
        group.lines.append(line)
        group.totals.add(line)
        overall.add(line)
    return list(groups.values()), overall


BEZETTING_HEADERS = [
    gettext_lazy("Unit"),
    gettext_lazy("Kode jabatan"),
    gettext_lazy("Jabatan"),
    gettext_lazy("Jenis jabatan"),
    gettext_lazy("Eselon"),
    gettext_lazy("Kelas"),
    gettext_lazy("Kebutuhan"),
    gettext_lazy("Bezetting"),
    gettext_lazy("Selisih"),
    gettext_lazy("Pemangku definitif"),
    gettext_lazy("Plt/Plh"),
    gettext_lazy("BUP dalam 1 tahun"),
    gettext_lazy("BUP dalam 5 tahun"),
]


def _names(placements: list[Placement]) -> str:
    return "; ".join(p.employee.full_name for p in placements)


def _bezetting_xlsx(groups: list[UnitGroup], overall: Totals, day: date):
    rows = [
        [
            group.unit.name,
            line.position.code,
            line.position.title,
            line.position.kind_label,
            line.position.eselon,
            line.position.job_class,
            line.needs,
            line.incumbents,
            line.difference,
            _names(line.holders),
            _names(line.acting),
            line.retiring_1,
            line.retiring_5,
        ]
        for group in groups
        for line in group.lines
    ]
    rows.append(
        [
            _("Jumlah seluruhnya"),
            *[""] * 5,
            overall.needs,
            overall.incumbents,
            overall.difference,
            "",
            "",
            overall.retiring_1,
            overall.retiring_5,
        ]
    )
    return xlsx_response(
        f"bezetting-{day:%Y%m%d}", BEZETTING_HEADERS, rows, title=_("Bezetting")
    )


@role_required(roles.HR)
def report_bezetting(request: HttpRequest) -> HttpResponse:
    form = BezettingForm(request.GET)
    valid = form.is_valid()
    unit = form.cleaned_data.get("unit") if valid else None
    day = (form.cleaned_data.get("tanggal") if valid else None) or today()
    groups, overall = bezetting(request.user, unit, day) if valid else ([], Totals())
    if _wants_xlsx(request) and valid:
        return _bezetting_xlsx(groups, overall, day)
    page, shown, _offset = _paginate(request, groups, UNITS_PER_PAGE)
    return _render(
        request,
        "positions/report_bezetting.html",
        {
            "form": form,
            "page": page,
            "groups": shown,
            "overall": overall,
            "day": day,
            "unit": unit,
        },
    )


# ---------------------------------------------------------------- daftar nominatif

NOMINATIF_HEADERS = [
    pgettext_lazy("nomor urut", "No"),
    gettext_lazy("Nama"),
    gettext_lazy("NIP"),
    gettext_lazy("Tempat lahir"),
    gettext_lazy("Tanggal lahir"),
    gettext_lazy("L/P"),
    gettext_lazy("Pangkat/golongan"),
    gettext_lazy("TMT pangkat"),
    gettext_lazy("Jabatan"),
    gettext_lazy("Jenis jabatan"),
    gettext_lazy("Eselon"),
    gettext_lazy("Kelas jabatan"),
    gettext_lazy("TMT jabatan"),
    gettext_lazy("Masa kerja (tahun)"),
    gettext_lazy("Masa kerja (bulan)"),
    gettext_lazy("Pendidikan terakhir"),
    gettext_lazy("Jurusan"),
    gettext_lazy("Tahun lulus"),
    gettext_lazy("Unit kerja"),
    gettext_lazy("Status"),
]


def nominatif_queryset(user, day: date) -> QuerySet:
    """Active employees with their post on `day` and the major and year of their
    highest education; by unit, then heads first (eselon, kelas), rank and name."""
    best = EducationHistory.objects.filter(employee=OuterRef("pk")).order_by(
        "-level__ordinal", "-graduation_year", "-pk"
    )
    return (
        Employee.objects.visible_to(user)
        .active()
        .for_list(day)
        .select_related("rank", "education")
        .with_position_grade(day)
        .annotate(
            education_major=Subquery(best.values("major")[:1]),
            education_year=Subquery(best.values("graduation_year")[:1]),
        )
        .order_by(
            F("unit_path").asc(nulls_last=True),
            F("position_eselon_order").desc(),
            F("position_job_class").desc(nulls_last=True),
            F("rank__ordinal").desc(nulls_last=True),
            "name",
            "nip",
        )
    )


def _nominatif_xlsx(employees: QuerySet, day: date) -> HttpResponse:
    def rows():
        for number, e in enumerate(employees.iterator(chunk_size=2000), start=1):
            years, months = years_and_months(e.appointment_date, day)
            yield [
                number,
                e.full_name,
                e.nip_display,
                e.birth_place,
                e.birth_date,
                gender_letter(e.gender),
                str(e.rank or ""),
                e.rank_date,
                e.position_title,
                position_kind_label(e.position_kind, e.position_level),
                e.position_eselon,
                e.position_job_class,
                e.position_start,
                years,
                months,
                str(e.education or ""),
                e.education_major,
                e.education_year,
                e.unit_name,
                e.get_status_display(),
            ]

    return xlsx_response(
        f"daftar-nominatif-{day:%Y%m%d}",
        NOMINATIF_HEADERS,
        rows(),
        title=_("Daftar nominatif"),
    )


@role_required(roles.HR)
def report_nominatif(request: HttpRequest) -> HttpResponse:
    day = today()
    filterset = NominatifFilter(
        request.GET, queryset=nominatif_queryset(request.user, day)
    )
    valid = filterset.is_valid()
    employees = filterset.qs if valid else filterset.queryset.none()
    if _wants_xlsx(request) and valid:
        return _nominatif_xlsx(employees, day)
    context = _employee_rows(request, employees, day)
    unit = filterset.form.cleaned_data.get("unit") if valid else None
    return _render(
        request,
        "positions/report_nominatif.html",
        {"form": filterset.form, "day": day, "unit": unit, **context},
    )
