"""Rotation batches (usulan mutasi): list, create, moves, the approval path, execution."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from positions import services
from positions.forms import AcknowledgeForm, BatchForm, MoveForm, TransitionForm
from positions.models import Move, RotationBatch
from positions.rotation import MoveReport, validate_batch
from sawahlunto_asn.accounts import roles
from sawahlunto_asn.lib.access import get_visible_or_404, role_required
from sawahlunto_asn.lib.responses import flash_errors, flash_form_errors

BATCH_ROLES = (roles.HR, roles.REVIEWER, roles.PPK)
ACTION_LABELS = {
    "submit": _("Ajukan ke Tim Penilai Kinerja"),
    "return": _("Kembalikan untuk diperbaiki"),
    "recommend": _("Rekomendasikan"),
    "approve": _("Setujui (PPK)"),
    "reject": _("Tolak (PPK)"),
    "decree": _("Catat SK"),
}


@role_required(*BATCH_ROLES)
def batch_list(request: HttpRequest) -> HttpResponse:
    batches = (
        RotationBatch.objects.visible_to(request.user)
        .select_related("created_by")
        .annotate(move_count=Count("moves"))
    )
    return render(
        request,
        "positions/batch_list.html",
        {"batches": batches, "can_create": request.user.has_perm(roles.HR.perm)},
    )


@role_required(roles.HR)
def batch_create(request: HttpRequest) -> HttpResponse:
    form = BatchForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        batch = form.save(commit=False)
        batch.created_by = request.user
        batch.save()
        messages.success(request, _("Usulan dibuat. Tambahkan perpindahan."))
        return redirect("positions:batch_detail", pk=batch.pk)
    return render(
        request,
        "positions/form.html",
        {"form": form, "title": _("Usulan mutasi baru"), "back": "../"},
    )


@role_required(*BATCH_ROLES)
def batch_detail(request: HttpRequest, pk: int) -> HttpResponse:
    batch = get_visible_or_404(
        RotationBatch.objects.select_related("created_by"), request.user, pk=pk
    )
    moves = list(
        batch.moves.select_related(
            "employee__rank", "from_position__unit", "to_position__unit"
        )
    )
    # Findings speak of a batch still on its way; once carried out (or rejected) the
    # register has moved on and re-checking would only report the move itself.
    settled = batch.status in ("EXECUTED", "REJECTED")
    report = validate_batch(batch, [] if settled else moves)
    if settled:
        rows = [
            {"report": MoveReport(move), "errors": [], "warnings": []} for move in moves
        ]
    else:
        shortfalls = _target_gaps(moves)
        boxes = _talent_boxes(moves)
        rows = [
            {
                "report": r,
                "errors": r.errors,
                "warnings": r.warnings,
                "target_gaps": shortfalls.get(
                    (r.move.employee_id, r.move.to_position_id), []
                ),
                "talent_box": boxes.get(r.move.employee_id),
            }
            for r in report.moves
        ]
    labels = dict(RotationBatch.Status.choices)
    user = request.user
    actions = [
        (action, ACTION_LABELS[action])
        for action in RotationBatch.TRANSITIONS
        if action != "execute" and batch.can(action, user)
    ]
    reviewing = batch.can("recommend", user)
    transition_form = TransitionForm(moves=moves if reviewing else ())
    selects = transition_form.recommendation_fields()
    for row in rows:
        row["recommend"] = selects.get(row["report"].move.pk)
    context = {
        "batch": batch,
        "report": report,
        "rows": rows,
        "editable": batch.is_editable and user.has_perm(roles.HR.perm),
        "move_form": MoveForm(),
        "actions": actions,
        "transition_form": transition_form,
        "reviewing": reviewing,
        "show_recommendations": reviewing or any(m.recommendation for m in moves),
        "can_execute": batch.can("execute", user),
        "transitions": [
            (
                t,
                labels.get(t.from_status, t.from_status),
                labels.get(t.to_status, t.to_status),
            )
            for t in batch.transitions.select_related("actor")
        ],
    }
    return render(request, "positions/batch_detail.html", context)


def _target_gaps(moves: list[Move]) -> dict[tuple[int, int], list]:
    """The competencies each mover would fall short of in his target position, from
    settings.ROTATION_GAP_PROVIDER (the competency app), a fixed number of queries."""
    if not settings.ROTATION_GAP_PROVIDER:
        return {}
    provider = import_string(settings.ROTATION_GAP_PROVIDER)
    found = provider(
        [(m.employee_id, m.to_position_id) for m in moves if m.to_position_id]
    )
    return {pair: [g for g in gaps if g.below_standard] for pair, gaps in found.items()}


def _talent_boxes(moves: list[Move]) -> dict[int, int]:
    """Each mover's 9-box from settings.ROTATION_TALENT_PROVIDER (the performance
    app), so the reviewers see who is in the talent pool."""
    if not settings.ROTATION_TALENT_PROVIDER:
        return {}
    provider = import_string(settings.ROTATION_TALENT_PROVIDER)
    return provider([m.employee_id for m in moves])


def _move_for(request: HttpRequest, pk: int) -> Move:
    """A move is in scope when its batch is."""
    visible = RotationBatch.objects.visible_to(request.user)
    return get_object_or_404(
        Move.objects.select_related("batch"), batch__in=visible, pk=pk
    )


def _back(request, batch_pk: int, error: ValidationError | None = None):
    if error is not None:
        flash_errors(request, error)
    return redirect("positions:batch_detail", pk=batch_pk)


@require_POST
@role_required(roles.HR)
def batch_move_add(request: HttpRequest, pk: int) -> HttpResponse:
    batch = get_visible_or_404(RotationBatch.objects, request.user, pk=pk)
    form = MoveForm(request.POST)
    if not form.is_valid():
        flash_form_errors(request, form)
        return _back(request, pk)
    try:
        services.add_move(
            batch,
            employee=form.cleaned_data["nip"],
            kind=form.cleaned_data["kind"],
            to_position=form.cleaned_data["to_position"],
            reason=form.cleaned_data["reason"],
        )
    except ValidationError as exc:
        return _back(request, pk, exc)
    messages.success(request, _("Perpindahan ditambahkan."))
    return _back(request, pk)


@require_POST
@role_required(roles.HR)
def batch_move_remove(request: HttpRequest, pk: int) -> HttpResponse:
    move = _move_for(request, pk)
    try:
        services.remove_move(move)
    except ValidationError as exc:
        return _back(request, move.batch_id, exc)
    messages.success(request, _("Perpindahan dihapus dari usulan."))
    return _back(request, move.batch_id)


@require_POST
@role_required(roles.HR)
def batch_move_acknowledge(request: HttpRequest, pk: int) -> HttpResponse:
    move = _move_for(request, pk)
    form = AcknowledgeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Tuliskan alasan menerima peringatan."))
        return _back(request, move.batch_id)
    try:
        services.acknowledge_move(move, form.cleaned_data["reason"])
    except ValidationError as exc:
        return _back(request, move.batch_id, exc)
    messages.success(request, _("Alasan dicatat."))
    return _back(request, move.batch_id)


@require_POST
@role_required(*BATCH_ROLES)
def batch_transition(request: HttpRequest, pk: int) -> HttpResponse:
    batch = get_visible_or_404(RotationBatch.objects, request.user, pk=pk)
    form = TransitionForm(request.POST, moves=batch.moves.select_related("employee"))
    if not form.is_valid():
        messages.error(request, _("Isian tindakan tidak lengkap atau tidak sah."))
        return _back(request, pk)
    try:
        batch = services.transition_batch(
            batch,
            form.cleaned_data["action"],
            actor=request.user,
            comment=form.cleaned_data["comment"],
            recommendations=form.recommendations(),
            **form.step_fields(),
        )
    except ValidationError as exc:
        return _back(request, pk, exc)
    messages.success(
        request, _("Status usulan sekarang: %(s)s.") % {"s": batch.get_status_display()}
    )
    return _back(request, pk)


@require_POST
@role_required(roles.HR)
def batch_execute(request: HttpRequest, pk: int) -> HttpResponse:
    batch = get_visible_or_404(RotationBatch.objects, request.user, pk=pk)
    try:
        services.execute_rotation_batch(batch, actor=request.user)
    except ValidationError as exc:
        return _back(request, pk, exc)
    messages.success(request, _("Usulan dilaksanakan: semua penempatan baru dicatat."))
    return _back(request, pk)
