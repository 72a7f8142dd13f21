"""Forum diskusi publik and their commitments.

Public pages (no login): the meeting list and detail, the commitment list and
detail. Organisers (HR, moderators) create and edit meetings, mark attendance,
publish minutes and record commitments; HR and the responsible unit's responder
report progress. Citizens register before the meeting begins.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from community import ratelimit
from community.forms.meetings import (
    AttendanceForm,
    CommitmentFilterForm,
    CommitmentForm,
    CommitmentProgressForm,
    MeetingForm,
    MinutesForm,
    RegistrationForm,
)
from community.models import Commitment, Meeting, MeetingRegistration
from community.models.meetings import may_manage_meetings, responder_unit_id
from community.services import meetings as services
from sawahlunto_asn.accounts import roles
from sawahlunto_asn.lib.access import get_visible_or_404, role_required
from sawahlunto_asn.lib.responses import flash_errors, flash_form_errors, query_without

ORGANISERS = (roles.HR, roles.MODERATOR)
PAGE_SIZE = 20


def _to_meeting(pk: int) -> HttpResponse:
    return redirect("community:meeting_detail", pk=pk)


def _is_citizen(user) -> bool:
    return bool(user.is_authenticated and user.has_perm(roles.CITIZEN.perm))


# ---------------------------------------------------------------- public


def meeting_list(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    meetings = Meeting.objects.visible_to(request.user).for_public_list()
    page = Paginator(meetings.past(now), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "upcoming": list(meetings.upcoming(now)),
        "page": page,
        "query": query_without(request, "page"),
        "can_manage": may_manage_meetings(request.user),
    }
    return render(request, "community/meeting_list.html", context)


def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_visible_or_404(Meeting.objects.for_public_list(), request.user, pk=pk)
    user = request.user
    own = None
    if _is_citizen(user):
        own = MeetingRegistration.objects.filter(meeting=meeting, user=user).first()
    seats_left = (
        None
        if meeting.capacity is None
        else max(meeting.capacity - meeting.registered, 0)
    )
    commitments = (
        Commitment.objects.visible_to(user)
        .filter(meeting=meeting)
        .select_related("unit")
        .order_by("due_date", "pk")
    )
    context = {
        "meeting": meeting,
        "own": own,
        "is_citizen": _is_citizen(user),
        "accepts_registration": meeting.accepts_registration(),
        "has_started": meeting.has_started(),
        "seats_left": seats_left,
        "commitments": list(commitments),
        "can_manage": may_manage_meetings(user),
        "form": RegistrationForm(),
        "today": timezone.localdate(),
    }
    return render(request, "community/meeting_detail.html", context)


def commitment_list(request: HttpRequest) -> HttpResponse:
    form = CommitmentFilterForm(request.GET or None)
    commitments = Commitment.objects.visible_to(request.user).for_public_list()
    if form.is_valid():
        if form.cleaned_data["unit"]:
            commitments = commitments.filter(unit=form.cleaned_data["unit"])
        if form.cleaned_data["status"]:
            commitments = commitments.filter(status=form.cleaned_data["status"])
    elif form.is_bound:
        commitments = commitments.none()
    page = Paginator(commitments, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "query": query_without(request, "page"),
        "today": timezone.localdate(),
    }
    return render(request, "community/commitment_list.html", context)


def commitment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    commitment = get_visible_or_404(
        Commitment.objects.select_related("meeting", "unit").with_history(),
        request.user,
        pk=pk,
    )
    can_update = (
        request.user.is_authenticated
        and Commitment.objects.updatable_by(request.user).filter(pk=pk).exists()
    )
    context = {
        "commitment": commitment,
        "updates": commitment.updates.all(),
        "can_update": can_update,
        "overdue": commitment.is_overdue(),
    }
    return render(request, "community/commitment_detail.html", context)


# ---------------------------------------------------------------- citizens


@require_POST
@role_required(roles.CITIZEN)
def meeting_register(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_visible_or_404(Meeting.objects, request.user, pk=pk)
    form = RegistrationForm(request.POST)
    if not form.is_valid():
        flash_form_errors(request, form)
        return _to_meeting(pk)
    try:
        ratelimit.limit(request, "post")
        services.register_for_meeting(meeting, citizen=request.user)
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, _("Anda terdaftar sebagai peserta forum ini."))
    return _to_meeting(pk)


@require_POST
@role_required(roles.CITIZEN)
def meeting_unregister(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_visible_or_404(Meeting.objects, request.user, pk=pk)
    try:
        services.unregister_from_meeting(meeting, citizen=request.user)
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, _("Pendaftaran Anda dibatalkan."))
    return _to_meeting(pk)


# ---------------------------------------------------------------- organisers


def _meeting_form(request: HttpRequest, meeting: Meeting | None) -> HttpResponse:
    form = MeetingForm(request.POST or None, instance=meeting)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_meeting(form.save(commit=False), by=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Forum diskusi publik disimpan."))
            return _to_meeting(saved.pk)
    return render(
        request, "community/meeting_form.html", {"form": form, "meeting": meeting}
    )


@role_required(*ORGANISERS)
def meeting_create(request: HttpRequest) -> HttpResponse:
    return _meeting_form(request, None)


@role_required(*ORGANISERS)
def meeting_update(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_visible_or_404(Meeting.objects, request.user, pk=pk)
    return _meeting_form(request, meeting)


@role_required(*ORGANISERS)
def meeting_registrations(request: HttpRequest, pk: int) -> HttpResponse:
    """The registrants (names visible to organisers only) and attendance marking."""
    meeting = get_visible_or_404(
        Meeting.objects.select_related("unit"), request.user, pk=pk
    )
    registrations = list(
        MeetingRegistration.objects.visible_to(request.user)
        .filter(meeting=meeting)
        .for_attendance()
    )
    form = AttendanceForm(request.POST or None, registrations=registrations)
    if request.method == "POST":
        if not form.is_valid():
            flash_form_errors(request, form)
            return redirect("community:meeting_registrations", pk=pk)
        try:
            came = services.record_attendance(
                meeting, attended_ids=form.cleaned_data["attended"], by=request.user
            )
        except ValidationError as exc:
            flash_errors(request, exc)
        else:
            messages.success(
                request, _("Kehadiran disimpan: %(n)s warga hadir.") % {"n": came}
            )
        return redirect("community:meeting_registrations", pk=pk)
    context = {
        "meeting": meeting,
        "registrations": registrations,
        "attended_count": sum(r.attended for r in registrations),
        "can_mark": meeting.has_started()
        and meeting.status != Meeting.Status.CANCELLED,
    }
    return render(request, "community/meeting_registrations.html", context)


@role_required(*ORGANISERS)
def meeting_minutes(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_visible_or_404(Meeting.objects, request.user, pk=pk)
    form = MinutesForm(request.POST or None, initial={"minutes": meeting.minutes})
    if request.method == "POST" and form.is_valid():
        try:
            services.publish_minutes(
                meeting, minutes=form.cleaned_data["minutes"], by=request.user
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Notulen diterbitkan."))
            return _to_meeting(pk)
    return render(
        request, "community/meeting_minutes.html", {"form": form, "meeting": meeting}
    )


@role_required(*ORGANISERS)
def commitment_create(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_visible_or_404(Meeting.objects, request.user, pk=pk)
    form = CommitmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            commitment = services.add_commitment(
                meeting, **form.cleaned_data, by=request.user
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Komitmen dicatat."))
            return redirect(commitment)
    return render(
        request, "community/commitment_form.html", {"form": form, "meeting": meeting}
    )


@login_required
def commitment_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """HR for any commitment; an active responder for his unit's only (another
    unit's commitment is a 404)."""
    if not (request.user.has_perm(roles.HR.perm) or responder_unit_id(request.user)):
        raise PermissionDenied
    commitment = get_object_or_404(
        Commitment.objects.updatable_by(request.user).select_related("meeting", "unit"),
        pk=pk,
    )
    form = CommitmentProgressForm(request.POST or None, commitment=commitment)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.post_commitment_update(
                commitment,
                status=data["status"],
                progress=data["progress"],
                note=data["note"],
                on=data["date"],
                by=request.user,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Perkembangan komitmen dicatat."))
            return redirect(commitment)
    return render(
        request,
        "community/commitment_progress.html",
        {"form": form, "commitment": commitment},
    )
