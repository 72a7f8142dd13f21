"""Training catalogue and events: programs, events with their participant list,
registration and the waiting list, attendance, completion, evaluation, external
learning and the employee's own page (Pelatihan saya).

Short views: parse, call competency.services, respond. Services refuse with
CompetencyError (a ValidationError with an Indonesian message), shown as a message.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from competency import jp, services
from competency.forms import (
    AttendanceDayForm,
    CapacityForm,
    EvaluationForm,
    EventFilterForm,
    EventForm,
    ExternalFilterForm,
    ExternalLearningForm,
    NominateForm,
    ProgramCompetencyFormSet,
    ProgramFilterForm,
    ProgramForm,
    ReviewForm,
)
from competency.models import (
    Attendance,
    DevelopmentCategory,
    Evaluation,
    ExternalLearning,
    Registration,
    TrainingEvent,
    TrainingProgram,
)
from competency.querysets import is_hr
from positions.models import Employee
from sawahlunto_asn.accounts import roles
from sawahlunto_asn.lib.access import get_visible_or_404, role_required
from sawahlunto_asn.lib.responses import flash_errors, flash_form_errors
from sawahlunto_asn.lib.spreadsheet import xlsx_response

ASN = (roles.HR, roles.SUPERVISOR, roles.EMPLOYEE)
NOMINATORS = (roles.HR, roles.SUPERVISOR)
PAGE_SIZE = 25
SHEET_DAYS = 6  # signature columns per printed attendance table
CERTIFICATE_MAX = Registration._meta.get_field("certificate_number").max_length


# ---------------------------------------------------------------- helpers


def _own_employee(user) -> Employee | None:
    """The employee record linked to the user's account, if any."""
    if not user.is_authenticated:
        return None
    return Employee.objects.filter(user=user).first()


def _is_id(value: str) -> bool:
    """A primary key as typed in a form: digits only, within a bigint."""
    return value.isdigit() and len(value) <= 18


def _to_event(pk: int):
    return redirect("competency:event_detail", pk=pk)


def _days(event: TrainingEvent) -> list[date]:
    count = (event.end_date - event.start_date).days + 1
    return [event.start_date + timedelta(days=n) for n in range(count)]


def _chunks(items: list, size: int) -> list[list]:
    return [items[i : i + size] for i in range(0, len(items), size)] or [[]]


def _units_of(employee_ids, day: date) -> dict[int, Employee]:
    """{employee_id: employee with position_title, unit_name} in one query."""
    return {
        e.pk: e
        for e in Employee.objects.filter(pk__in=list(employee_ids))
        .with_current_position(day)
        .only("pk", "nip", "name", "front_title", "back_title")
    }


# ---------------------------------------------------------------- catalogue

PROGRAM_HEADERS = [
    gettext_lazy("Judul"),
    gettext_lazy("Jenis pengembangan"),
    gettext_lazy("Klasikal/non-klasikal"),
    gettext_lazy("JP"),
    gettext_lazy("Penyelenggara"),
    gettext_lazy("Kompetensi yang dikembangkan"),
    gettext_lazy("Jumlah kegiatan"),
    gettext_lazy("Aktif"),
]


def _programs(request: HttpRequest) -> tuple[ProgramFilterForm, QuerySet]:
    form = ProgramFilterForm(request.GET or None)
    programs = (
        TrainingProgram.objects.visible_to(request.user)
        .annotate(event_count=Count("events"))
        .prefetch_related("program_competencies__competency")
        .order_by("title", "pk")
    )
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            programs = programs.filter(
                Q(title__icontains=data["q"]) | Q(provider__icontains=data["q"])
            )
        if data["kind"]:
            programs = programs.filter(kind=data["kind"])
        if data["active"]:
            programs = programs.filter(is_active=data["active"] == "1")
    elif form.is_bound:
        programs = programs.none()
    return form, programs


@role_required(roles.HR)
def program_list(request: HttpRequest) -> HttpResponse:
    form, programs = _programs(request)
    if request.GET.get("format") == "xlsx":
        rows = (
            [
                p.title,
                p.get_kind_display(),
                _category_label(p.category),
                p.jp_credit,
                p.provider,
                "; ".join(
                    f"{link.competency.name} (level {link.target_level})"
                    for link in p.program_competencies.all()
                ),
                p.event_count,
                _("Ya") if p.is_active else _("Tidak"),
            ]
            for p in programs
        )
        return xlsx_response(
            "katalog-pelatihan", PROGRAM_HEADERS, rows, title=_("Katalog")
        )
    page = Paginator(programs, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "competency/program_list.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )


def _category_label(category: str) -> str:
    return str(DevelopmentCategory(category).label)


def _program_form(request: HttpRequest, program: TrainingProgram | None):
    instance = program or TrainingProgram()
    form = ProgramForm(request.POST or None, instance=instance)
    formset = ProgramCompetencyFormSet(
        request.POST or None, instance=instance, prefix="kompetensi"
    )
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        with transaction.atomic():
            saved = form.save()
            formset.instance = saved
            formset.save()
        messages.success(request, _("Program pelatihan disimpan."))
        return redirect("competency:program_list")
    if request.method == "POST":
        messages.error(request, _("Periksa kembali isian yang ditandai."))
    return render(
        request,
        "competency/program_form.html",
        {"form": form, "formset": formset, "program": program},
    )


@role_required(roles.HR)
def program_create(request: HttpRequest) -> HttpResponse:
    return _program_form(request, None)


@role_required(roles.HR)
def program_update(request: HttpRequest, pk: int) -> HttpResponse:
    program = get_visible_or_404(TrainingProgram.objects, request.user, pk=pk)
    return _program_form(request, program)


# ---------------------------------------------------------------- events


@role_required(*ASN)
def event_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    hr = is_hr(user)
    today = timezone.localdate()
    programs = TrainingProgram.objects.visible_to(user).order_by("title")
    # Employees come for what they can still join; HR for everything.
    initial = request.GET if request.GET else {"status": "" if hr else "open"}
    form = EventFilterForm(initial, programs=programs)
    events = (
        TrainingEvent.objects.visible_to(user)
        .select_related("program")
        .with_seats()
        .order_by("-start_date", "-pk")
    )
    if not hr:
        events = events.filter(program__is_active=True)
    if form.is_valid():
        data = form.cleaned_data
        if data["year"]:
            events = events.in_year(data["year"])
        if data["program"]:
            events = events.filter(program=data["program"])
        status = data["status"]
        if status == form.OPEN:
            events = events.open_on(today).order_by("start_date", "pk")
        elif status == form.UPCOMING:
            events = events.filter(end_date__gte=today).order_by("start_date", "pk")
        elif status == form.PAST:
            events = events.filter(end_date__lt=today)
    else:
        events = events.none()
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    mine = dict(
        Registration.objects.active()
        .filter(employee__user=user, event__in=[e.pk for e in page.object_list])
        .values_list("event_id", "status")
    )
    labels = dict(Registration.Status.choices)
    rows = [
        {
            "event": event,
            "mine": labels.get(mine.get(event.pk)),
            "open": event.registration_deadline >= today,
        }
        for event in page.object_list
    ]
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "competency/event_list.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "query": query.urlencode(),
            "is_hr": hr,
        },
    )


def _event_form(request: HttpRequest, event: TrainingEvent | None):
    initial = {}
    if event is None and request.GET.get("program", "").isdigit():
        initial["program"] = int(request.GET["program"])
    form = EventForm(request.POST or None, instance=event, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        messages.success(request, _("Kegiatan pelatihan disimpan."))
        return _to_event(saved.pk)
    return render(request, "competency/event_form.html", {"form": form, "event": event})


@role_required(roles.HR)
def event_create(request: HttpRequest) -> HttpResponse:
    return _event_form(request, None)


@role_required(roles.HR)
def event_update(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_visible_or_404(TrainingEvent.objects, request.user, pk=pk)
    return _event_form(request, event)


def _attendance_day(request: HttpRequest, event: TrainingEvent, today: date) -> date:
    """The day whose sheet is shown: ?day= when inside the event, else the latest
    day that has begun (or the first day before the event starts)."""
    form = AttendanceDayForm(request.GET)
    if form.is_valid() and event.covers(form.cleaned_data["day"]):
        return form.cleaned_data["day"]
    return max(event.start_date, min(today, event.end_date))


@role_required(*ASN)
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    event = get_visible_or_404(
        TrainingEvent.objects.select_related("program", "organiser_unit").with_seats(),
        user,
        pk=pk,
    )
    today = timezone.localdate()
    hr = is_hr(user)
    supervisor = user.has_perm(roles.SUPERVISOR.perm)
    # HR sees everyone; a supervisor his team; an employee himself.
    participants = list(
        event.registrations.visible_to(user)
        .for_participant_list()
        .annotate(days_present=Count("attendance", filter=Q(attendance__present=True)))
    )
    seated = [r for r in participants if r.status in Registration.SEATED]
    waiting = [r for r in participants if r.status == Registration.Status.WAITLISTED]
    cancelled = [r for r in participants if r.status == Registration.Status.CANCELLED]
    context = {
        "event": event,
        "today": today,
        "is_hr": hr,
        "can_nominate": (hr or supervisor) and today <= event.registration_deadline,
        "registration_open": today <= event.registration_deadline,
        "started": today >= event.start_date,
        "ended": today >= event.end_date,
        "seated": seated,
        "waiting": waiting,
        "cancelled": cancelled,
        "nominate_form": NominateForm(user=user),
    }
    if hr:
        day = _attendance_day(request, event, today)
        present = set(
            Attendance.objects.filter(
                registration__event=event, day=day, present=True
            ).values_list("registration_id", flat=True)
        )
        context.update(
            {
                "capacity_form": CapacityForm(initial={"capacity": event.capacity}),
                "attendance_day": day,
                "attendance_days": [d for d in _days(event) if d <= today],
                "present": present,
                "to_complete": [
                    r for r in seated if r.status == Registration.Status.REGISTERED
                ],
                "results": Evaluation.objects.for_event(event.pk).results(),
                "comments": list(
                    Evaluation.objects.for_event(event.pk)
                    .exclude(comments="")
                    .values_list("rating", "comments")[:50]
                ),
            }
        )
        distribution = context["results"].distribution
        top = max(distribution.values(), default=0) or 1
        context["distribution"] = [
            (rating, distribution[rating], round(100 * distribution[rating] / top))
            for rating in range(5, 0, -1)
        ]
    own_employee = _own_employee(user)
    own = None
    if own_employee is not None:
        own = (
            Registration.objects.active()
            .filter(event=event, employee=own_employee)
            .select_related("evaluation")
            .first()
        )
    context.update(
        {
            "own_employee": own_employee,
            "own": own,
            "own_evaluated": own is not None and hasattr(own, "evaluation"),
            "evaluation_form": EvaluationForm(),
        }
    )
    return render(request, "competency/event_detail.html", context)


# ---------------------------------------------------------------- registration


@require_POST
@role_required(*ASN)
def event_register(request: HttpRequest, pk: int) -> HttpResponse:
    """The employee registers himself (a seat, or the waiting list when full)."""
    event = get_visible_or_404(TrainingEvent.objects, request.user, pk=pk)
    employee = _own_employee(request.user)
    if employee is None:
        messages.error(
            request, _("Akun Anda belum terhubung dengan data pegawai; hubungi BKPSDM.")
        )
        return _to_event(pk)
    try:
        registration = services.register(
            event, employee, by=request.user, source=Registration.Source.SELF
        )
    except ValidationError as exc:
        flash_errors(request, exc)
        return _to_event(pk)
    if registration.status == Registration.Status.WAITLISTED:
        messages.warning(
            request,
            _("Kursi penuh: Anda masuk daftar tunggu nomor %(n)s.")
            % {"n": registration.waitlist_position},
        )
    else:
        messages.success(request, _("Anda terdaftar sebagai peserta."))
    return _to_event(pk)


@require_POST
@role_required(*NOMINATORS)
def event_nominate(request: HttpRequest, pk: int) -> HttpResponse:
    """HR nominates anyone; a supervisor his subordinates (found only in his scope)."""
    event = get_visible_or_404(TrainingEvent.objects, request.user, pk=pk)
    form = NominateForm(request.POST, user=request.user)
    if not form.is_valid():
        flash_form_errors(request, form)
        return _to_event(pk)
    employee = form.cleaned_data["nip"]
    try:
        registration = services.register(
            event, employee, by=request.user, source=Registration.Source.NOMINATED
        )
    except ValidationError as exc:
        flash_errors(request, exc)
        return _to_event(pk)
    if registration.status == Registration.Status.WAITLISTED:
        messages.warning(
            request,
            _("%(name)s masuk daftar tunggu nomor %(n)s.")
            % {"name": employee.name, "n": registration.waitlist_position},
        )
    else:
        messages.success(
            request, _("%(name)s terdaftar sebagai peserta.") % {"name": employee.name}
        )
    return _to_event(pk)


@require_POST
@role_required(*ASN)
def registration_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    registration = get_visible_or_404(Registration.objects, request.user, pk=pk)
    try:
        services.cancel(registration, by=request.user)
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, _("Pendaftaran dibatalkan."))
    return _to_event(registration.event_id)


@require_POST
@role_required(*ASN)
def registration_evaluate(request: HttpRequest, pk: int) -> HttpResponse:
    """The participant's own evaluation form; another's registration is a 404."""
    registration = get_object_or_404(
        Registration.objects.filter(employee__user=request.user), pk=pk
    )
    form = EvaluationForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Pilih penilaian 1 sampai 5."))
        return _to_event(registration.event_id)
    try:
        services.evaluate(
            registration,
            rating=form.cleaned_data["rating"],
            comments=form.cleaned_data["comments"],
            by=request.user,
        )
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, _("Terima kasih, evaluasi Anda tersimpan."))
    return _to_event(registration.event_id)


# ---------------------------------------------------------------- HR's event work


@require_POST
@role_required(roles.HR)
def event_capacity(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_visible_or_404(TrainingEvent.objects, request.user, pk=pk)
    form = CapacityForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Kapasitas harus bilangan bulat lebih dari nol."))
        return _to_event(pk)
    try:
        services.change_capacity(event, form.cleaned_data["capacity"], by=request.user)
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, _("Kapasitas diubah."))
    return _to_event(pk)


@require_POST
@role_required(roles.HR)
def event_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    """The day's sheet: a checkbox per seated participant (value: employee id)."""
    event = get_visible_or_404(TrainingEvent.objects, request.user, pk=pk)
    form = AttendanceDayForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Pilih tanggal kehadiran yang sah."))
        return _to_event(pk)
    raw = request.POST.getlist("present")
    if not all(_is_id(value) for value in raw):
        messages.error(request, _("Daftar peserta yang hadir tidak sah."))
        return _to_event(pk)
    day = form.cleaned_data["day"]
    try:
        rows = services.record_attendance(
            event, day, [int(value) for value in raw], by=request.user
        )
    except ValidationError as exc:
        flash_errors(request, exc)
        return _to_event(pk)
    messages.success(
        request,
        _("Kehadiran %(d)s dicatat: %(p)s dari %(n)s peserta hadir.")
        % {"d": day.strftime("%d-%m-%Y"), "p": len(set(raw)), "n": len(rows)},
    )
    return redirect(
        reverse("competency:event_detail", args=[pk]) + f"?day={day:%Y-%m-%d}"
    )


@require_POST
@role_required(roles.HR)
def event_complete(request: HttpRequest, pk: int) -> HttpResponse:
    """Certificate numbers for the participants (fields `cert-<registration id>`);
    each filled one completes that participant, blank ones are left as they are."""
    event = get_visible_or_404(TrainingEvent.objects, request.user, pk=pk)
    wanted = {}
    for key, value in request.POST.items():
        if key.startswith("cert-") and value.strip():
            registration_id = key.removeprefix("cert-")
            if not _is_id(registration_id):
                messages.error(request, _("Isian penyelesaian tidak sah."))
                return _to_event(pk)
            if len(value.strip()) > CERTIFICATE_MAX:
                messages.error(
                    request,
                    _("Nomor sertifikat paling panjang %(n)s karakter.")
                    % {"n": CERTIFICATE_MAX},
                )
                return _to_event(pk)
            wanted[int(registration_id)] = value.strip()
    if not wanted:
        messages.error(request, _("Isi nomor sertifikat peserta yang selesai."))
        return _to_event(pk)
    registrations = Registration.objects.filter(
        event=event, pk__in=wanted
    ).select_related("employee")
    found = {r.pk: r for r in registrations}
    if found.keys() != wanted.keys():
        messages.error(request, _("Sebagian peserta bukan peserta kegiatan ini."))
        return _to_event(pk)
    done = 0
    for registration_id, certificate in wanted.items():
        registration = found[registration_id]
        try:
            services.complete(registration, certificate, by=request.user)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, f"{registration.employee.name}: {message}")
        else:
            done += 1
    if done:
        messages.success(request, _("%(n)s peserta dinyatakan selesai.") % {"n": done})
    return _to_event(pk)


def _sheet_rows(event: TrainingEvent) -> list[dict]:
    seated = list(
        event.registrations.seated()
        .select_related("employee")
        .order_by("employee__name", "employee__nip")
    )
    posts = _units_of((r.employee_id for r in seated), event.start_date)
    return [
        {"registration": r, "employee": r.employee, "post": posts.get(r.employee_id)}
        for r in seated
    ]


@role_required(roles.HR)
def event_attendance_sheet(request: HttpRequest, pk: int) -> HttpResponse:
    """Daftar hadir to print: one signature column per day of the event."""
    event = get_visible_or_404(
        TrainingEvent.objects.select_related("program"), request.user, pk=pk
    )
    return render(
        request,
        "competency/event_attendance_sheet.html",
        {
            "event": event,
            "rows": _sheet_rows(event),
            "sheets": _chunks(_days(event), SHEET_DAYS),
        },
    )


PARTICIPANT_HEADERS = [
    gettext_lazy("No urut"),
    gettext_lazy("Nama"),
    gettext_lazy("NIP"),
    gettext_lazy("Jabatan"),
    gettext_lazy("Unit"),
    gettext_lazy("Status"),
    gettext_lazy("Urutan daftar tunggu"),
    gettext_lazy("Cara mendaftar"),
    gettext_lazy("Didaftarkan oleh"),
    gettext_lazy("Hari hadir"),
    gettext_lazy("Nomor sertifikat"),
    gettext_lazy("Tanggal selesai"),
    gettext_lazy("Didaftarkan pada"),
]


@role_required(roles.HR)
def event_participants_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_visible_or_404(
        TrainingEvent.objects.select_related("program"), request.user, pk=pk
    )
    registrations = list(
        event.registrations.for_participant_list().annotate(
            days_present=Count("attendance", filter=Q(attendance__present=True))
        )
    )
    posts = _units_of({r.employee_id for r in registrations}, event.start_date)
    rows = []
    for number, r in enumerate(registrations, start=1):
        post = posts.get(r.employee_id)
        rows.append(
            [
                number,
                r.employee.full_name,
                r.employee.nip,
                post.position_title if post else "",
                post.unit_name if post else "",
                r.get_status_display(),
                r.waitlist_position,
                r.get_source_display(),
                str(r.nominated_by or ""),
                r.days_present,
                r.certificate_number,
                r.completed_on,
                timezone.localtime(r.created_at).replace(tzinfo=None),
            ]
        )
    return xlsx_response(
        f"peserta-kegiatan-{event.pk}", PARTICIPANT_HEADERS, rows, title=_("Peserta")
    )


# ---------------------------------------------------------------- external learning


@role_required(*ASN)
def external_list(request: HttpRequest) -> HttpResponse:
    """The employee's own submissions, with the link to submit another."""
    employee = _own_employee(request.user)
    items = (
        ExternalLearning.objects.filter(employee=employee)
        if employee is not None
        else ExternalLearning.objects.none()
    )
    return render(
        request,
        "competency/external_list.html",
        {"employee": employee, "items": items.select_related("reviewed_by")},
    )


@role_required(*ASN)
def external_create(request: HttpRequest) -> HttpResponse:
    employee = _own_employee(request.user)
    if employee is None:
        messages.error(
            request, _("Akun Anda belum terhubung dengan data pegawai; hubungi BKPSDM.")
        )
        return redirect("competency:external_list")
    form = ExternalLearningForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.submit_external(employee, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            flash_errors(request, exc)
        else:
            messages.success(
                request, _("Pengajuan tersimpan; menunggu verifikasi BKPSDM.")
            )
            return redirect("competency:external_list")
    return render(request, "competency/external_form.html", {"form": form})


@role_required(roles.HR)
def external_review_list(request: HttpRequest) -> HttpResponse:
    form = ExternalFilterForm(request.GET or {"status": "PENDING"})
    items = ExternalLearning.objects.visible_to(request.user).select_related(
        "employee", "reviewed_by"
    )
    status = form.cleaned_data["status"] if form.is_valid() else "PENDING"
    if status == ExternalLearning.Status.PENDING:
        items = items.pending()
    elif status:
        items = items.filter(status=status)
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "competency/external_review_list.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
        },
    )


@require_POST
@role_required(roles.HR)
def external_review(request: HttpRequest, pk: int) -> HttpResponse:
    external = get_visible_or_404(ExternalLearning.objects, request.user, pk=pk)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Pilih setujui atau tolak."))
        return redirect("competency:external_review_list")
    approve = form.cleaned_data["decision"] == "approve"
    try:
        services.review_external(
            external, approve=approve, by=request.user, note=form.cleaned_data["note"]
        )
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(
            request,
            (
                _("Pengajuan %(t)s disetujui.")
                if approve
                else _("Pengajuan %(t)s ditolak.")
            )
            % {"t": external.title},
        )
    return redirect("competency:external_review_list")


@role_required(*ASN)
def external_evidence(request: HttpRequest, pk: int) -> HttpResponse:
    """The uploaded evidence, for HR, the employee and his supervisors only."""
    external = get_visible_or_404(ExternalLearning.objects, request.user, pk=pk)
    try:
        handle = external.evidence.open("rb")
    except (FileNotFoundError, ValueError) as exc:
        raise Http404(_("Berkas bukti tidak ditemukan.")) from exc
    name = external.evidence.name.rsplit("/", 1)[-1]
    return FileResponse(handle, as_attachment=True, filename=name)


# ---------------------------------------------------------------- Pelatihan saya


@role_required(*ASN)
def my_learning(request: HttpRequest) -> HttpResponse:
    employee = _own_employee(request.user)
    today = timezone.localdate()
    year = request.GET.get("year", "")
    year = int(year) if year.isdigit() and 2000 <= int(year) <= 2100 else today.year
    context = {
        "employee": employee,
        "year": year,
        "years": range(today.year, today.year - 5, -1),
    }
    if employee is not None:
        progress = jp.employee_progress(employee, year)
        context.update(
            {
                "progress": progress,
                "registrations": Registration.objects.filter(employee=employee)
                .filter(Q(event__end_date__year=year) | Q(event__end_date__gte=today))
                .select_related("event__program", "evaluation")
                .order_by("-event__start_date", "-pk"),
                "external": ExternalLearning.objects.filter(
                    employee=employee, end_date__year=year
                ),
                "open_events": TrainingEvent.objects.visible_to(request.user)
                .filter(program__is_active=True)
                .open_on(today)
                .exclude(
                    pk__in=Registration.objects.active()
                    .filter(employee=employee)
                    .values("event_id")
                )
                .select_related("program")
                .with_seats()
                .order_by("start_date", "pk")[:5],
            }
        )
    return render(request, "competency/my_learning.html", context)
