"""HR's dictionary and standards pages: the Kamus Kompetensi with its level
descriptions, the default standards per kind (and jenjang) of position, and one
position's own standards next to its effective standard.

Short views: parse, call competency.standards (one transaction per save), respond.
Refusals come back as CompetencyError and are shown as messages.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from competency import gaps, standards
from competency.dictionary_forms import (
    CompetencyForm,
    DefaultsGridForm,
    DictionaryFilterForm,
    OverridesForm,
    PositionSearchForm,
    ScopeForm,
)
from competency.models import (
    Competency,
    CompetencyLevel,
    CompetencyType,
    PositionStandard,
    StandardDefault,
)
from positions.models import FunctionalLevel, Position, PositionKind
from sawahlunto_asn.accounts import roles
from sawahlunto_asn.lib.access import get_visible_or_404, role_required
from sawahlunto_asn.lib.responses import flash_errors

SEARCH_LIMIT = 20


def _changes_message(changes: standards.Changes) -> str:
    if not changes.total:
        return _("Tidak ada perubahan.")
    return _(
        "Standar disimpan: %(c)d ditambah, %(u)d diubah, %(d)d dihapus. "
        "Laporan kesenjangan kota mengikuti setelah penghitungan berikutnya."
    ) % {"c": changes.created, "u": changes.updated, "d": changes.deleted}


# ---------------------------------------------------------------- dictionary


@role_required(roles.HR)
def dictionary_list(request: HttpRequest) -> HttpResponse:
    form = DictionaryFilterForm(request.GET or None)
    competencies = form.filter(
        Competency.objects.annotate(
            default_count=Count("defaults", distinct=True),
        )
        .prefetch_related(
            Prefetch("levels", queryset=CompetencyLevel.objects.order_by("level"))
        )
        .order_by("type", "code")
    )
    return render(
        request,
        "competency/dictionary_list.html",
        {"form": form, "competencies": competencies},
    )


def _competency_form(request: HttpRequest, competency: Competency | None):
    form = CompetencyForm(request.POST or None, instance=competency)
    if request.method == "POST" and form.is_valid():
        try:
            saved = standards.save_competency(
                competency,
                data=form.competency_data(),
                levels=form.level_texts(),
                by=request.user,
            )
        except ValidationError as exc:
            flash_errors(request, exc)
        else:
            messages.success(
                request,
                _(
                    "Kompetensi %(c)s disimpan. Laporan kesenjangan kota mengikuti "
                    "setelah penghitungan berikutnya."
                )
                % {"c": saved},
            )
            return redirect(
                f"{reverse('competency:dictionary_list')}?type={saved.type}"
            )
    elif request.method == "POST":
        messages.error(request, _("Periksa kembali isian yang ditandai."))
    return render(
        request,
        "competency/dictionary_form.html",
        {"form": form, "competency": competency},
    )


@role_required(roles.HR)
def dictionary_create(request: HttpRequest) -> HttpResponse:
    return _competency_form(request, None)


@role_required(roles.HR)
def dictionary_update(request: HttpRequest, pk: int) -> HttpResponse:
    return _competency_form(request, get_object_or_404(Competency, pk=pk))


# ---------------------------------------------------------------- defaults


def _scope_tabs(kind: str, level: str) -> tuple[list, list]:
    """Links for the kinds, and for a functional kind its jenjang ('' first)."""
    url = reverse("competency:standard_defaults")
    kinds = [
        (f"{url}?{urlencode({'kind': value})}", label, value == kind)
        for value, label in PositionKind.choices
    ]
    levels = []
    if kind in standards.LEVELED_KINDS:
        levels = [
            (
                f"{url}?{urlencode({'kind': kind, 'level': value})}",
                label,
                value == level,
            )
            for value, label in [("", _("Semua jenjang")), *FunctionalLevel.choices]
        ]
    return kinds, levels


def _defaults_page(request, kind: str, level: str, form=None) -> HttpResponse:
    competencies = list(Competency.objects.active().order_by("type", "code"))
    rows = StandardDefault.objects.filter(
        position_kind=kind, functional_level__in=["", level]
    ).values_list("competency_id", "functional_level", "required_level")
    own: dict[int, int] = {}
    whole_kind: dict[int, int] = {}
    for competency_id, jenjang, required in rows:
        (own if jenjang == level else whole_kind)[competency_id] = required
    if form is None:
        form = DefaultsGridForm(competencies=competencies, levels=own)
    kinds, levels = _scope_tabs(kind, level)
    label = dict(PositionKind.choices)[kind]
    if level:
        label = f"{label} {dict(FunctionalLevel.choices)[level]}"
    return render(
        request,
        "competency/standard_defaults.html",
        {
            "form": form,
            "rows": [
                (competency, field, whole_kind.get(competency.pk))
                for competency, field in form.rows()
            ],
            "kind": kind,
            "level": level,
            "scope_label": label,
            "kinds": kinds,
            "levels": levels,
            "search": PositionSearchForm(),
        },
    )


@role_required(roles.HR)
def standard_defaults(request: HttpRequest) -> HttpResponse:
    kind, level = ScopeForm(request.GET or None).scope()
    return _defaults_page(request, kind, level)


@require_POST
@role_required(roles.HR)
def standard_defaults_save(request: HttpRequest) -> HttpResponse:
    scope = ScopeForm(request.POST)
    if not scope.is_valid():
        messages.error(request, _("Pilih jenis jabatan dan jenjang yang dikenal."))
        return redirect("competency:standard_defaults")
    kind, level = scope.scope()
    competencies = list(Competency.objects.active().order_by("type", "code"))
    form = DefaultsGridForm(request.POST, competencies=competencies, levels={})
    back = f"{reverse('competency:standard_defaults')}?{urlencode({'kind': kind, 'level': level})}"
    if not form.is_valid():
        messages.error(
            request, _("Periksa kembali level yang ditandai; belum ada yang disimpan.")
        )
        return _defaults_page(request, kind, level, form)
    try:
        changes = standards.save_defaults(
            kind, level, form.submitted(), by=request.user
        )
    except ValidationError as exc:
        flash_errors(request, exc)
        return _defaults_page(request, kind, level, form)
    messages.success(request, _changes_message(changes))
    return redirect(back)


# ---------------------------------------------------------------- one position


@require_GET
@role_required(roles.HR)
def standard_position_search(request: HttpRequest) -> HttpResponse:
    """From a code (or part of a code or title) to the position's standards page:
    straight there on one match, a short list on several."""
    form = PositionSearchForm(request.GET)
    if not form.is_valid():
        for error in form.errors.get("q", []):
            messages.error(request, error)
        return redirect("competency:standard_defaults")
    q = form.cleaned_data["q"]
    visible = Position.objects.visible_to(request.user)
    exact = visible.filter(code__iexact=q).first()
    if exact is not None:
        return redirect("competency:standard_position", pk=exact.pk)
    found = list(
        visible.filter(Q(code__icontains=q) | Q(title__icontains=q))
        .select_related("unit")
        .order_by("-is_active", "code")[: SEARCH_LIMIT + 1]
    )
    if len(found) == 1:
        return redirect("competency:standard_position", pk=found[0].pk)
    if not found:
        messages.error(request, _("Tidak ada jabatan dengan kode atau nama itu."))
        return redirect("competency:standard_defaults")
    return render(
        request,
        "competency/standard_position_search.html",
        {
            "form": form,
            "positions": found[:SEARCH_LIMIT],
            "more": len(found) > SEARCH_LIMIT,
        },
    )


def _position_page(request, position: Position, form=None) -> HttpResponse:
    competencies = list(Competency.objects.active().order_by("type", "code"))
    overrides = dict(
        PositionStandard.objects.filter(position=position).values_list(
            "competency_id", "required_level"
        )
    )
    defaults = standards.default_levels(position)
    effective = gaps.required_levels([position.pk])[position.pk]
    if form is None:
        form = OverridesForm(competencies=competencies, levels=overrides)
    rows = [
        {
            "competency": competency,
            "field": field,
            "default": defaults.get(competency.pk),
            "override": overrides.get(competency.pk),
            "effective": effective.get(competency.pk),
            "applies": competency.type != CompetencyType.TECHNICAL
            or competency.field == position.field,
        }
        for competency, field in form.rows()
    ]
    return render(
        request,
        "competency/standard_position.html",
        {
            "position": position,
            "form": form,
            "rows": rows,
            "required_count": len(effective),
            "override_count": sum(1 for row in rows if row["override"] is not None),
        },
    )


def _position(request: HttpRequest, pk: int) -> Position:
    return get_visible_or_404(
        Position.objects.select_related("unit"), request.user, pk=pk
    )


@role_required(roles.HR)
def standard_position(request: HttpRequest, pk: int) -> HttpResponse:
    return _position_page(request, _position(request, pk))


@require_POST
@role_required(roles.HR)
def standard_position_save(request: HttpRequest, pk: int) -> HttpResponse:
    position = _position(request, pk)
    competencies = list(Competency.objects.active().order_by("type", "code"))
    form = OverridesForm(request.POST, competencies=competencies, levels={})
    if not form.is_valid():
        messages.error(
            request, _("Periksa kembali level yang ditandai; belum ada yang disimpan.")
        )
        return _position_page(request, position, form)
    try:
        changes = standards.save_position_standards(
            position, form.submitted(), by=request.user
        )
    except ValidationError as exc:
        flash_errors(request, exc)
        return _position_page(request, position, form)
    messages.success(request, _changes_message(changes))
    return redirect("competency:standard_position", pk=position.pk)
