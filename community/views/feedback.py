"""Feedback pages: the citizen's form and list, tracking by code (no login), the
public list per unit and detail, the moderator's queue, the responder's inbox,
HR's escalation list, and one small POST view per workflow step.

Short views: parse, call community.services.feedback, respond. Objects come
through Feedback.objects.visible_to(user), so anything outside the user's scope
is a 404; services refuse with CommunityError, shown as a message.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from community.errors import CommunityError
from community.forms.feedback import (
    AnswerForm,
    AssignForm,
    FeedbackForm,
    NoteForm,
    RateForm,
    RedactForm,
    RejectForm,
    ReopenForm,
    TrackForm,
    VerifyForm,
)
from community.models import Feedback, FeedbackAnswer, FeedbackEvent
from community.ratelimit import RateLimited, limit
from community.services import feedback as services
from positions.models import OrgUnit
from sawahlunto_asn.accounts import roles
from sawahlunto_asn.lib.access import get_visible_or_404, role_required
from sawahlunto_asn.lib.responses import flash_errors, flash_form_errors, query_without
from sawahlunto_asn.lib.spreadsheet import xlsx_response

PAGE_SIZE = 25
Status = Feedback.Status


def _page(request: HttpRequest, rows):
    return Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))


def _to_detail(pk: int) -> HttpResponse:
    return redirect("community:feedback_detail", pk=pk)


def _run(request: HttpRequest, action: Callable, done: str, pk: int) -> HttpResponse:
    try:
        action()
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, done)
    return _to_detail(pk)


def _detail_queryset():
    return Feedback.objects.for_listing().prefetch_related(
        Prefetch("events", queryset=FeedbackEvent.objects.select_related("actor")),
        Prefetch(
            "answers",
            queryset=FeedbackAnswer.objects.select_related(
                "responder__citizen_profile", "responder__responder__unit"
            ),
        ),
    )


# ---------------------------------------------------------------- citizen


@role_required(roles.CITIZEN)
def feedback_submit(request: HttpRequest) -> HttpResponse:
    initial = {"unit": request.GET.get("unit")} if request.GET.get("unit") else None
    form = FeedbackForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            limit(request, "feedback")
            feedback = services.submit_feedback(
                data["unit"],
                author=request.user,
                category=data["category"],
                title=data["title"],
                text=data["text"],
                service=data["service"],
                photo=data["photo"],
                is_anonymous=data["is_anonymous"],
                is_confidential=data["is_confidential"],
            )
        except CommunityError as exc:
            form.add_error("photo" if exc.code == "photo" else None, exc)
        else:
            messages.success(
                request,
                _("Aspirasi terkirim. Kode pelacakan Anda: %(code)s")
                % {"code": feedback.tracking_display},
            )
            return _to_detail(feedback.pk)
    return render(request, "community/feedback_submit.html", {"form": form})


@role_required(roles.CITIZEN)
def my_feedback(request: HttpRequest) -> HttpResponse:
    rows = (
        Feedback.objects.filter(author=request.user)
        .select_related("unit")
        .with_lateness()
    )
    return render(request, "community/my_feedback.html", {"page": _page(request, rows)})


def feedback_track(request: HttpRequest) -> HttpResponse:
    """Anyone holding the code sees the status history; never the author, and of
    a confidential feedback nothing but its status."""
    form = TrackForm(request.GET or None)
    feedback, status = None, 200
    if form.is_valid():
        try:
            limit(request, "track")
        except RateLimited as exc:
            form.add_error("kode", exc.messages[0])
            status = 429
        else:
            code = form.cleaned_data["kode"]
            feedback = _detail_queryset().filter(tracking_code=code).first()
            if feedback is None:
                form.add_error("kode", _("Tidak ada aspirasi dengan kode itu."))
    return render(
        request,
        "community/feedback_track.html",
        {"form": form, "feedback": feedback},
        status=status,
    )


# ---------------------------------------------------------------- public


def feedback_unit_list(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = get_object_or_404(OrgUnit.objects.filter(is_active=True), pk=unit_id)
    rows = Feedback.objects.public().filter(unit=unit).for_listing()
    context = {
        "unit": unit,
        "stats": services.unit_stats([unit.pk])[unit.pk],
        "page": _page(request, rows),
        "query": query_without(request, "page"),
    }
    return render(request, "community/feedback_unit_list.html", context)


def feedback_detail(request: HttpRequest, pk: int) -> HttpResponse:
    from community.textscan import named_civil_servants

    feedback = get_visible_or_404(_detail_queryset(), request.user, pk=pk)
    flags = services.detail_flags(feedback, request.user)
    context = {
        "feedback": feedback,
        **flags,
        # Harassment of named officers: the moderator sees whom the text names
        # before it goes public.
        "named_officers": (
            named_civil_servants(f"{feedback.title}\n{feedback.text}")
            if flags["can_verify"]
            else []
        ),
        "verify_form": VerifyForm(),
        "reject_form": RejectForm(),
        "redact_form": RedactForm(
            initial={
                "public_title": feedback.public_title,
                "public_text": feedback.public_text,
            }
        ),
        "assign_form": AssignForm(),
        "note_form": NoteForm(),
        "answer_form": AnswerForm(),
        "rate_form": RateForm(),
        "reopen_form": ReopenForm(),
    }
    return render(request, "community/feedback_detail.html", context)


def feedback_photo(request: HttpRequest, pk: int) -> HttpResponse:
    """The cleaned photo, to those who may see the feedback; a 404 to others."""
    try:
        feedback, file = services.open_photo(pk, user=request.user)
    except (Feedback.DoesNotExist, FileNotFoundError) as exc:
        raise Http404(_("Foto tidak ditemukan.")) from exc
    extension = ".png" if feedback.photo_content_type == "image/png" else ".jpg"
    response = FileResponse(
        file,
        filename=f"foto-{feedback.tracking_code}{extension}",
        content_type=feedback.photo_content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'"
    return response


# ---------------------------------------------------------------- office lists


@role_required(roles.MODERATOR)
def feedback_queue(request: HttpRequest) -> HttpResponse:
    rows = (
        Feedback.objects.filter(status=Status.NEW)
        .for_listing()
        .with_lateness()
        .order_by("response_due", "created_at", "pk")
    )
    return render(
        request, "community/feedback_queue.html", {"page": _page(request, rows)}
    )


@login_required
def feedback_inbox(request: HttpRequest) -> HttpResponse:
    """The responder's unit: what waits for an answer first, by deadline."""
    unit_id = services.responder_unit_id(request.user)
    if unit_id is None:
        raise PermissionDenied
    waiting = request.GET.get("status") != "semua"
    rows = Feedback.objects.for_unit_of(request.user).for_listing().with_lateness()
    if waiting:
        rows = rows.filter(status__in=[Status.VERIFIED, Status.ASSIGNED])
    context = {
        "unit": get_object_or_404(OrgUnit, pk=unit_id),
        "waiting": waiting,
        "page": _page(request, rows.order_by("answer_due", "created_at", "pk")),
        "query": query_without(request, "page"),
    }
    return render(request, "community/feedback_inbox.html", context)


ESCALATION_HEADERS = [
    gettext_lazy("Kode pelacakan"),
    gettext_lazy("Unit"),
    gettext_lazy("Kategori"),
    gettext_lazy("Status"),
    gettext_lazy("Dikirim"),
    gettext_lazy("Batas waktu"),
    gettext_lazy("Terlambat (hari kerja)"),
    gettext_lazy("Judul"),
]


@role_required(roles.HR)
def feedback_escalation(request: HttpRequest) -> HttpResponse:
    """Every unit's overdue feedback, oldest deadline first; xlsx on request."""
    today = timezone.localdate()
    rows = services.escalation_rows(today)
    if request.GET.get("format") == "xlsx":
        return xlsx_response(
            f"aspirasi-terlambat-{today:%Y%m%d}",
            ESCALATION_HEADERS,
            (
                (
                    row.feedback.tracking_display,
                    row.feedback.unit.name,
                    row.feedback.get_category_display(),
                    row.feedback.get_status_display(),
                    timezone.localdate(row.feedback.created_at),
                    row.due,
                    row.days_late,
                    row.feedback.public_title,
                )
                for row in rows
            ),
            title=_("Aspirasi terlambat"),
        )
    page = _page(request, rows)
    return render(
        request,
        "community/feedback_escalation.html",
        {"page": page, "today": today, "query": query_without(request, "page")},
    )


# ---------------------------------------------------------------- workflow steps


def _posted(request: HttpRequest, form_class):
    form = form_class(request.POST)
    if not form.is_valid():
        flash_form_errors(request, form)
        return None
    return form.cleaned_data


@require_POST
@role_required(roles.MODERATOR)
def feedback_verify(request: HttpRequest, pk: int) -> HttpResponse:
    feedback = get_visible_or_404(Feedback.objects, request.user, pk=pk)
    data = _posted(request, VerifyForm)
    if data is None:
        return _to_detail(pk)
    return _run(
        request,
        lambda: services.verify_feedback(
            feedback,
            actor=request.user,
            unit=data["unit"],
            needs_field_check=data["needs_field_check"],
            note=data["note"],
        ),
        _("Aspirasi diverifikasi dan didisposisikan ke unit."),
        pk,
    )


@require_POST
@role_required(roles.MODERATOR)
def feedback_reject(request: HttpRequest, pk: int) -> HttpResponse:
    feedback = get_visible_or_404(Feedback.objects, request.user, pk=pk)
    data = _posted(request, RejectForm)
    if data is None:
        return _to_detail(pk)
    return _run(
        request,
        lambda: services.reject_feedback(
            feedback, actor=request.user, reason=data["reason"]
        ),
        _("Aspirasi ditolak; pengirim dapat membaca alasannya."),
        pk,
    )


@require_POST
@role_required(roles.MODERATOR)
def feedback_redact(request: HttpRequest, pk: int) -> HttpResponse:
    feedback = get_visible_or_404(Feedback.objects, request.user, pk=pk)
    data = _posted(request, RedactForm)
    if data is None:
        return _to_detail(pk)
    return _run(
        request,
        lambda: services.redact_feedback(
            feedback,
            actor=request.user,
            public_title=data["public_title"],
            public_text=data["public_text"],
            reason=data["reason"],
        ),
        _("Teks publik aspirasi disunting; perubahan dicatat di log moderasi."),
        pk,
    )


@require_POST
@role_required(roles.MODERATOR)
def feedback_field_check(request: HttpRequest, pk: int) -> HttpResponse:
    feedback = get_visible_or_404(Feedback.objects, request.user, pk=pk)
    data = _posted(request, NoteForm)
    if data is None:
        return _to_detail(pk)
    return _run(
        request,
        lambda: services.mark_field_check(
            feedback, actor=request.user, note=data["note"]
        ),
        _("Pengaduan ditetapkan perlu pemeriksaan lapangan; batas waktu diperpanjang."),
        pk,
    )


@require_POST
@role_required(roles.HR, roles.MODERATOR)
def feedback_assign(request: HttpRequest, pk: int) -> HttpResponse:
    feedback = get_visible_or_404(Feedback.objects, request.user, pk=pk)
    data = _posted(request, AssignForm)
    if data is None:
        return _to_detail(pk)
    return _run(
        request,
        lambda: services.assign_feedback(
            feedback, actor=request.user, unit=data["unit"], note=data["note"]
        ),
        _("Aspirasi didisposisikan ke unit lain."),
        pk,
    )


@require_POST
@login_required
def feedback_answer(request: HttpRequest, pk: int) -> HttpResponse:
    feedback = get_visible_or_404(
        Feedback.objects.select_related("unit"), request.user, pk=pk
    )
    data = _posted(request, AnswerForm)
    if data is None:
        return _to_detail(pk)
    return _run(
        request,
        lambda: services.answer_feedback(
            feedback, responder=request.user, text=data["text"]
        ),
        _("Jawaban resmi diterbitkan."),
        pk,
    )


@require_POST
@login_required
def feedback_close(request: HttpRequest, pk: int) -> HttpResponse:
    feedback = get_visible_or_404(Feedback.objects, request.user, pk=pk)
    return _run(
        request,
        lambda: services.close_feedback(feedback, actor=request.user),
        _("Aspirasi ditutup."),
        pk,
    )


@require_POST
@login_required
def feedback_rate(request: HttpRequest, pk: int) -> HttpResponse:
    feedback = get_visible_or_404(Feedback.objects, request.user, pk=pk)
    data = _posted(request, RateForm)
    if data is None:
        return _to_detail(pk)
    return _run(
        request,
        lambda: services.rate_feedback(
            feedback, author=request.user, rating=data["rating"]
        ),
        _("Terima kasih, penilaian Anda tercatat."),
        pk,
    )


@require_POST
@login_required
def feedback_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    feedback = get_visible_or_404(Feedback.objects, request.user, pk=pk)
    data = _posted(request, ReopenForm)
    if data is None:
        return _to_detail(pk)
    return _run(
        request,
        lambda: services.reopen_feedback(
            feedback, author=request.user, reason=data["reason"]
        ),
        _("Aspirasi dibuka kembali dan dikirim lagi ke unit."),
        pk,
    )
