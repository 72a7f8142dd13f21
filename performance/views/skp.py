"""The SKP pages: my SKP, the SKP with everything recorded on it during the
year, the annual evaluation and the objection, the evidence download and the
two official documents (print page and PDF).

Short views: parse, call performance.services, respond. Every object is read
through its SKP's scope (employee, appraiser, appraiser's superior, HR), so
anything outside it is a 404. Services refuse with AppraisalError (a
ValidationError with an Indonesian message), shown as a message; each action is
its own small POST view that redirects back to the SKP.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch, QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from performance import appraisers, documents, services
from performance.forms import (
    CheckInForm,
    DecisionForm,
    EvaluationForm,
    EvidenceForm,
    ExpectationForm,
    ExplanationForm,
    FeedbackForm,
    IndicatorForm,
    ObjectionForm,
    RealisationForm,
    ResultForm,
)
from performance.models import (
    BehaviourExpectation,
    CheckIn,
    Evaluation,
    Evidence,
    Feedback,
    Indicator,
    Objection,
    Period,
    PlannedResult,
    Realisation,
    Skp,
    SkpVersion,
    UnitResult,
)
from performance.querysets import is_hr
from performance.rules import BEHAVIOUR_GUIDE, BerakhlakValue
from positions.models import Employee
from sawahlunto_asn.accounts import roles
from sawahlunto_asn.lib.access import get_visible_or_404, role_required
from sawahlunto_asn.lib.responses import flash_errors, flash_form_errors

ASN = (roles.HR, roles.SUPERVISOR, roles.EMPLOYEE)


# ---------------------------------------------------------------- helpers


def _own_employee(user) -> Employee | None:
    if not user.is_authenticated:
        return None
    return Employee.objects.filter(user=user).first()


def _to_skp(skp_id: int, anchor: str = "") -> HttpResponse:
    url = reverse("performance:skp_detail", args=[skp_id])
    return redirect(f"{url}#{anchor}" if anchor else url)


def _visible_skps(user) -> QuerySet:
    return Skp.objects.visible_to(user).values("pk")


def _scoped(queryset: QuerySet, user, skp_path: str, **lookup):
    """One row of a model without its own scope, reached through a visible SKP."""
    return get_object_or_404(
        queryset.filter(**{f"{skp_path}__in": _visible_skps(user)}), **lookup
    )


def _run(
    request: HttpRequest, call, success: str, skp_id: int, anchor: str = ""
) -> HttpResponse:
    """Call the service; its refusal becomes the page's message. PRG to the SKP."""
    try:
        call()
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, success)
    return _to_skp(skp_id, anchor)


def _parent_choices(skp: Skp) -> list[tuple[int, str]]:
    """The appraiser's RHK in the same period, which this SKP's RHK may cascade
    from (one query)."""
    if skp.appraiser_id is None:
        return []
    return [
        (pk, text[:120])
        for pk, text in PlannedResult.objects.filter(
            skp__employee_id=skp.appraiser_id, skp__period_id=skp.period_id
        ).values_list("pk", "text")
    ]


def _unit_locked(skp: Skp) -> bool:
    if skp.unit is None:
        return False
    return (
        UnitResult.objects.filter(period_id=skp.period_id)
        .covering(skp.unit.path)
        .locked()
        .exists()
    )


# ---------------------------------------------------------------- my SKP


@role_required(*ASN)
def my_skp(request: HttpRequest) -> HttpResponse:
    """The employee's SKP for the open period, or the button to start it; an
    employee without an appraiser is told that BKPSDM resolves it."""
    employee = _own_employee(request.user)
    period = Period.objects.current()
    context: dict = {"employee": employee, "period": period}
    if employee is not None:
        skps = list(
            Skp.objects.filter(employee=employee)
            .select_related("period", "evaluation")
            .order_by("-period__year")
        )
        current = next((s for s in skps if period and s.period_id == period.pk), None)
        context.update(
            {
                "skp": current,
                "history": [s for s in skps if s is not current],
            }
        )
        if period is not None and (current is None or current.appraiser_id is None):
            day = period.reference_day(timezone.localdate())
            context["chain"] = appraisers.chain_for(employee.pk, day)
    return render(request, "performance/my_skp.html", context)


@require_POST
@role_required(*ASN)
def my_skp_create(request: HttpRequest) -> HttpResponse:
    employee = _own_employee(request.user)
    period = Period.objects.current()
    if employee is None or period is None:
        messages.error(
            request,
            _("Akun Anda belum terhubung dengan data pegawai; hubungi BKPSDM.")
            if employee is None
            else _("Belum ada periode penilaian yang dibuka."),
        )
        return redirect("performance:my_skp")
    try:
        skp = services.create_skp(employee, period, by=request.user)
    except ValidationError as exc:
        flash_errors(request, exc)
        return redirect("performance:my_skp")
    messages.success(request, _("SKP %(year)s dibuat.") % {"year": period.year})
    return _to_skp(skp.pk)


@require_POST
@role_required(*ASN)
def skp_create(request: HttpRequest, employee_pk: int) -> HttpResponse:
    """The appraiser starts the SKP of one of his appraisees (the service checks,
    from the registry, that he appraises this employee: a Plt need not hold the
    supervisor role)."""
    employee = get_object_or_404(Employee.objects.only("pk"), pk=employee_pk)
    period = Period.objects.current()
    if request.user.has_perm(roles.HR.perm):
        back = "performance:unassigned"
    elif request.user.has_perm(roles.SUPERVISOR.perm):
        back = "performance:team"
    else:
        back = "performance:my_skp"
    if period is None:
        messages.error(request, _("Belum ada periode penilaian yang dibuka."))
        return redirect(back)
    try:
        skp = services.create_skp(employee, period, by=request.user)
    except ValidationError as exc:
        flash_errors(request, exc)
        return redirect(back)
    messages.success(request, _("SKP dibuat."))
    return _to_skp(skp.pk)


# ---------------------------------------------------------------- the SKP page


@dataclass(frozen=True)
class Can:
    """What the user may do on this SKP now (the services decide in the end)."""

    edit_plan: bool
    agree: bool
    set_expectation: bool
    record: bool
    feedback: bool
    checkin: bool
    rate: bool
    acknowledge: bool
    object: bool
    explain: bool
    decide: bool


def _role(skp: Skp, me: int | None, user) -> str:
    if me is not None and me == skp.employee_id:
        return "employee"
    if me is not None and me == skp.appraiser_id:
        return "appraiser"
    if me is not None and me == skp.superior_id:
        return "superior"
    return "hr" if is_hr(user) else ""


def _can(
    skp: Skp,
    role: str,
    writable: bool,
    evaluation: Evaluation | None,
    objection: Objection | None,
    deadline: date | None,
    today: date,
) -> Can:
    party = role in ("employee", "appraiser")
    agreed = skp.is_agreed
    own_agreement = (
        skp.employee_agreed_at if role == "employee" else skp.appraiser_agreed_at
    )
    received = evaluation is not None and evaluation.received_at is not None
    unlocked = evaluation is None or evaluation.locked_at is None
    own_explanation = ""
    if objection is not None:
        own_explanation = (
            objection.employee_explanation
            if role == "employee"
            else objection.appraiser_explanation
        )
    return Can(
        edit_plan=writable and party and evaluation is None,
        agree=writable
        and party
        and not agreed
        and own_agreement is None
        and skp.appraiser_id is not None,
        set_expectation=writable and role == "appraiser" and evaluation is None,
        record=writable and role == "employee" and agreed,
        feedback=writable and role == "appraiser" and agreed,
        checkin=writable and role == "appraiser" and agreed,
        rate=writable and role == "appraiser" and agreed and not received,
        acknowledge=writable
        and role == "employee"
        and evaluation is not None
        and not received,
        object=writable
        and role == "employee"
        and received
        and unlocked
        and objection is None
        and deadline is not None
        and today <= deadline,
        explain=writable
        and party
        and objection is not None
        and objection.status == Objection.Status.FILED
        and not own_explanation,
        decide=writable
        and role == "superior"
        and objection is not None
        and objection.status == Objection.Status.CLARIFIED,
    )


def _skp_page_data(skp: Skp) -> dict:
    """The SKP's content in a fixed number of queries, whatever its size."""
    results = list(
        PlannedResult.objects.filter(skp=skp)
        .select_related("parent")
        .prefetch_related(
            Prefetch(
                "indicators",
                queryset=Indicator.objects.prefetch_related(
                    Prefetch(
                        "realisations",
                        queryset=Realisation.objects.prefetch_related(
                            Prefetch("evidence", queryset=Evidence.objects.all())
                        ),
                    )
                ),
            )
        )
    )
    by_id = {rhk.pk: rhk for rhk in results}
    feedback = list(Feedback.objects.filter(skp=skp))
    for item in feedback:
        rhk = by_id.get(item.rhk_id)
        item.about = rhk.text if rhk else item.get_value_display()
    expectations = dict(
        BehaviourExpectation.objects.filter(skp=skp).values_list("value", "text")
    )
    value_feedback: dict[str, list] = {}
    for item in feedback:
        if item.value:
            value_feedback.setdefault(item.value, []).append(item)
    values = [
        {
            "value": value,
            "label": label,
            "guide": BEHAVIOUR_GUIDE[value],
            "expectation": expectations.get(value, ""),
            "feedback": value_feedback.get(value, []),
        }
        for value, label in BerakhlakValue.choices
    ]
    rhk_feedback: dict[int, list] = {}
    for item in feedback:
        if item.rhk_id:
            rhk_feedback.setdefault(item.rhk_id, []).append(item)
    for rhk in results:
        rhk.feedback_items = rhk_feedback.get(rhk.pk, [])
    return {
        "main": [r for r in results if r.kind == PlannedResult.Kind.MAIN],
        "additional": [r for r in results if r.kind == PlannedResult.Kind.ADDITIONAL],
        "results": results,
        "values": values,
        "feedback": feedback,
        "checkins": list(CheckIn.objects.filter(skp=skp)),
        "versions": list(
            SkpVersion.objects.filter(skp=skp).values("version", "agreed_at")
        ),
    }


@role_required(*ASN)
def skp_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    skp = get_visible_or_404(
        Skp.objects.select_related(
            "period", "unit", "evaluation", "evaluation__objection"
        ),
        user,
        pk=pk,
    )
    me = Employee.objects.filter(user=user).values_list("pk", flat=True).first()
    role = _role(skp, me, user)
    today = timezone.localdate()
    locked = _unit_locked(skp)
    writable = skp.period.is_open and not locked
    evaluation = getattr(skp, "evaluation", None)
    objection = getattr(evaluation, "objection", None) if evaluation else None
    deadline = services.objection_deadline(evaluation) if evaluation else None
    can = _can(skp, role, writable, evaluation, objection, deadline, today)
    data = _skp_page_data(skp)
    parents = _parent_choices(skp) if can.edit_plan else []
    context = {
        "skp": skp,
        "header": skp.header,
        "role": role,
        "can": can,
        "locked": locked,
        "today": today,
        "evaluation": evaluation,
        "objection": objection,
        "deadline": deadline,
        "deadline_passed": deadline is not None and today > deadline,
        "parents": parents,
        "result_form": ResultForm(parents=parents),
        "indicator_form": IndicatorForm(),
        "expectation_form": ExpectationForm(),
        "realisation_form": RealisationForm(),
        "evidence_form": EvidenceForm(),
        "feedback_form": FeedbackForm(
            rhk_choices=[(r.pk, r.text[:80]) for r in data["results"]]
        ),
        "checkin_form": CheckInForm(),
        "head": services.head_rating(skp) if can.rate else None,
        "evaluation_form": EvaluationForm(
            initial=(
                {
                    "work_results_rating": evaluation.work_results_rating,
                    "work_results_justification": (
                        evaluation.work_results_justification
                    ),
                    "behaviour_rating": evaluation.behaviour_rating,
                    "behaviour_justification": evaluation.behaviour_justification,
                }
                if evaluation
                else {"work_results_rating": "SESUAI_EKSPEKTASI"}
            )
        ),
        "objection_form": ObjectionForm(),
        "explanation_form": ExplanationForm(),
        "decision_form": DecisionForm(),
        "aspects": IndicatorForm.base_fields["aspect"].choices,
        "kinds": PlannedResult.Kind.choices,
        **data,
    }
    return render(request, "performance/skp_detail.html", context)


# ---------------------------------------------------------------- the plan


@require_POST
@role_required(*ASN)
def result_add(request: HttpRequest, pk: int) -> HttpResponse:
    skp = get_visible_or_404(Skp.objects, request.user, pk=pk)
    form = ResultForm(request.POST, parents=_parent_choices(skp))
    if not form.is_valid():
        flash_form_errors(request, form)
        return _to_skp(pk, "hasil-kerja")
    data = form.cleaned_data
    parent = PlannedResult.objects.filter(pk=data["parent"]).first()
    return _run(
        request,
        lambda: services.add_result(
            skp, by=request.user, text=data["text"], kind=data["kind"], parent=parent
        ),
        _("RHK ditambahkan."),
        pk,
        "hasil-kerja",
    )


@require_POST
@role_required(*ASN)
def result_update(request: HttpRequest, pk: int) -> HttpResponse:
    rhk = get_visible_or_404(
        PlannedResult.objects.select_related("skp"), request.user, pk=pk
    )
    form = ResultForm(request.POST, parents=_parent_choices(rhk.skp))
    if not form.is_valid():
        flash_form_errors(request, form)
        return _to_skp(rhk.skp_id, f"rhk-{pk}")
    data = form.cleaned_data
    parent = PlannedResult.objects.filter(pk=data["parent"]).first()
    return _run(
        request,
        lambda: services.update_result(
            rhk, by=request.user, text=data["text"], kind=data["kind"], parent=parent
        ),
        _("RHK diubah."),
        rhk.skp_id,
        f"rhk-{pk}",
    )


@require_POST
@role_required(*ASN)
def result_remove(request: HttpRequest, pk: int) -> HttpResponse:
    rhk = get_visible_or_404(PlannedResult.objects, request.user, pk=pk)
    return _run(
        request,
        lambda: services.remove_result(rhk, by=request.user),
        _("RHK dihapus."),
        rhk.skp_id,
        "hasil-kerja",
    )


@require_POST
@role_required(*ASN)
def indicator_add(request: HttpRequest, pk: int) -> HttpResponse:
    rhk = get_visible_or_404(PlannedResult.objects, request.user, pk=pk)
    form = IndicatorForm(request.POST)
    if not form.is_valid():
        flash_form_errors(request, form)
        return _to_skp(rhk.skp_id, f"rhk-{pk}")
    return _run(
        request,
        lambda: services.add_indicator(rhk, by=request.user, **form.cleaned_data),
        _("Indikator ditambahkan."),
        rhk.skp_id,
        f"rhk-{pk}",
    )


def _indicator(request: HttpRequest, pk: int) -> Indicator:
    return _scoped(
        Indicator.objects.select_related("rhk"), request.user, "rhk__skp", pk=pk
    )


@require_POST
@role_required(*ASN)
def indicator_update(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = _indicator(request, pk)
    form = IndicatorForm(request.POST)
    if not form.is_valid():
        flash_form_errors(request, form)
        return _to_skp(indicator.rhk.skp_id, f"rhk-{indicator.rhk_id}")
    return _run(
        request,
        lambda: services.update_indicator(
            indicator, by=request.user, **form.cleaned_data
        ),
        _("Indikator diubah."),
        indicator.rhk.skp_id,
        f"rhk-{indicator.rhk_id}",
    )


@require_POST
@role_required(*ASN)
def indicator_remove(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = _indicator(request, pk)
    return _run(
        request,
        lambda: services.remove_indicator(indicator, by=request.user),
        _("Indikator dihapus."),
        indicator.rhk.skp_id,
        f"rhk-{indicator.rhk_id}",
    )


@require_POST
@role_required(*ASN)
def expectation_set(request: HttpRequest, pk: int) -> HttpResponse:
    skp = get_visible_or_404(Skp.objects, request.user, pk=pk)
    form = ExpectationForm(request.POST)
    if not form.is_valid():
        flash_form_errors(request, form)
        return _to_skp(pk, "perilaku")
    data = form.cleaned_data
    return _run(
        request,
        lambda: services.set_expectation(
            skp, data["value"], data["text"], by=request.user
        ),
        _("Ekspektasi khusus pimpinan disimpan.")
        if data["text"].strip()
        else _("Ekspektasi khusus pimpinan dihapus."),
        pk,
        "perilaku",
    )


@require_POST
@role_required(*ASN)
def skp_agree(request: HttpRequest, pk: int) -> HttpResponse:
    skp = get_visible_or_404(Skp.objects, request.user, pk=pk)
    try:
        skp = services.agree_skp(skp, by=request.user)
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(
            request,
            _("SKP disepakati kedua pihak (versi %(v)s).") % {"v": skp.version}
            if skp.is_agreed
            else _("Persetujuan Anda dicatat; menunggu pihak lainnya."),
        )
    return _to_skp(pk)


# ---------------------------------------------------------------- during the year


@require_POST
@role_required(*ASN)
def realisation_record(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = _indicator(request, pk)
    form = RealisationForm(request.POST)
    anchor = f"indikator-{pk}"
    if not form.is_valid():
        flash_form_errors(request, form)
        return _to_skp(indicator.rhk.skp_id, anchor)
    data = form.cleaned_data
    return _run(
        request,
        lambda: services.record_realisation(
            indicator, data["checkpoint"], data["text"], by=request.user
        ),
        _("Realisasi dicatat."),
        indicator.rhk.skp_id,
        anchor,
    )


@require_POST
@role_required(*ASN)
def evidence_add(request: HttpRequest, pk: int) -> HttpResponse:
    realisation = _scoped(
        Realisation.objects.select_related("indicator__rhk"),
        request.user,
        "indicator__rhk__skp",
        pk=pk,
    )
    skp_id = realisation.indicator.rhk.skp_id
    anchor = f"indikator-{realisation.indicator_id}"
    form = EvidenceForm(request.POST, request.FILES)
    if not form.is_valid():
        flash_form_errors(request, form)
        return _to_skp(skp_id, anchor)
    data = form.cleaned_data
    return _run(
        request,
        lambda: services.add_evidence(
            realisation,
            by=request.user,
            text=data["text"],
            url=data["url"],
            upload=data["file"] or None,
        ),
        _("Bukti dukung ditambahkan."),
        skp_id,
        anchor,
    )


@require_POST
@role_required(*ASN)
def evidence_remove(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_visible_or_404(
        Evidence.objects.select_related("realisation__indicator__rhk"),
        request.user,
        pk=pk,
    )
    indicator = item.realisation.indicator
    return _run(
        request,
        lambda: services.remove_evidence(item, by=request.user),
        _("Bukti dukung dihapus."),
        indicator.rhk.skp_id,
        f"indikator-{indicator.pk}",
    )


@role_required(*ASN)
def evidence_download(request: HttpRequest, pk: int) -> HttpResponse:
    """The stored file, for those who may see its SKP; anyone else gets a 404."""
    try:
        stored = services.open_evidence(pk, user=request.user)
    except (Evidence.DoesNotExist, FileNotFoundError) as exc:
        raise Http404(_("Bukti dukung tidak ditemukan.")) from exc
    return FileResponse(
        stored.file,
        as_attachment=True,
        filename=stored.name,
        content_type=stored.content_type or "application/octet-stream",
    )


@require_POST
@role_required(*ASN)
def feedback_add(request: HttpRequest, pk: int) -> HttpResponse:
    skp = get_visible_or_404(Skp.objects.select_related("period"), request.user, pk=pk)
    rhk_choices = PlannedResult.objects.filter(skp=skp).values_list("pk", "text")
    form = FeedbackForm(request.POST, rhk_choices=rhk_choices)
    if not form.is_valid():
        flash_form_errors(request, form)
        return _to_skp(pk, "umpan-balik")
    rhk_id, value = form.target_args()
    rhk = PlannedResult.objects.filter(skp=skp, pk=rhk_id).first() if rhk_id else None
    return _run(
        request,
        lambda: services.give_feedback(
            skp,
            by=request.user,
            text=form.cleaned_data["text"],
            rhk=rhk,
            value=value,
            given_on=form.cleaned_data["given_on"],
        ),
        _("Umpan balik dicatat."),
        pk,
        "umpan-balik",
    )


@require_POST
@role_required(*ASN)
def checkin_record(request: HttpRequest, pk: int) -> HttpResponse:
    skp = get_visible_or_404(Skp.objects, request.user, pk=pk)
    form = CheckInForm(request.POST)
    if not form.is_valid():
        flash_form_errors(request, form)
        return _to_skp(pk, "evaluasi-triwulan")
    data = form.cleaned_data
    return _run(
        request,
        lambda: services.record_checkin(
            skp,
            data["checkpoint"],
            by=request.user,
            work_results_rating=data["work_results_rating"],
            behaviour_rating=data["behaviour_rating"],
            note=data["note"],
        ),
        _("Evaluasi triwulan dicatat."),
        pk,
        "evaluasi-triwulan",
    )


# ---------------------------------------------------------------- annual evaluation


@require_POST
@role_required(*ASN)
def evaluation_rate(request: HttpRequest, pk: int) -> HttpResponse:
    skp = get_visible_or_404(Skp.objects, request.user, pk=pk)
    form = EvaluationForm(request.POST)
    if not form.is_valid():
        flash_form_errors(request, form)
        return _to_skp(pk, "penilaian")
    try:
        evaluation = services.rate_annual(skp, by=request.user, **form.cleaned_data)
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(
            request,
            _("Penilaian tahunan disimpan: predikat %(p)s.")
            % {"p": evaluation.get_predikat_display()},
        )
    return _to_skp(pk, "penilaian")


@require_POST
@role_required(*ASN)
def evaluation_acknowledge(request: HttpRequest, pk: int) -> HttpResponse:
    evaluation = get_visible_or_404(Evaluation.objects, request.user, pk=pk)
    return _run(
        request,
        lambda: services.acknowledge_evaluation(evaluation, by=request.user),
        _("Anda menyatakan telah menerima hasil penilaian."),
        evaluation.skp_id,
        "penilaian",
    )


@require_POST
@role_required(*ASN)
def objection_file(request: HttpRequest, pk: int) -> HttpResponse:
    evaluation = get_visible_or_404(Evaluation.objects, request.user, pk=pk)
    form = ObjectionForm(request.POST)
    if not form.is_valid():
        flash_form_errors(request, form)
        return _to_skp(evaluation.skp_id, "keberatan")
    return _run(
        request,
        lambda: services.file_objection(
            evaluation, by=request.user, reasons=form.cleaned_data["reasons"]
        ),
        _("Keberatan diajukan kepada atasan pejabat penilai kinerja."),
        evaluation.skp_id,
        "keberatan",
    )


@require_POST
@role_required(*ASN)
def objection_explain(request: HttpRequest, pk: int) -> HttpResponse:
    objection = get_visible_or_404(
        Objection.objects.select_related("evaluation"), request.user, pk=pk
    )
    skp_id = objection.evaluation.skp_id
    form = ExplanationForm(request.POST)
    if not form.is_valid():
        flash_form_errors(request, form)
        return _to_skp(skp_id, "keberatan")
    return _run(
        request,
        lambda: services.explain_objection(
            objection, by=request.user, text=form.cleaned_data["text"]
        ),
        _("Penjelasan dicatat."),
        skp_id,
        "keberatan",
    )


@require_POST
@role_required(*ASN)
def objection_decide(request: HttpRequest, pk: int) -> HttpResponse:
    objection = get_visible_or_404(
        Objection.objects.select_related("evaluation"), request.user, pk=pk
    )
    skp_id = objection.evaluation.skp_id
    form = DecisionForm(request.POST)
    if not form.is_valid():
        flash_form_errors(request, form)
        return _to_skp(skp_id, "keberatan")
    return _run(
        request,
        lambda: services.decide_objection(
            objection, by=request.user, **form.cleaned_data
        ),
        _("Keputusan atas keberatan ditetapkan."),
        skp_id,
        "keberatan",
    )


# ---------------------------------------------------------------- documents


def _document_skp(request: HttpRequest, pk: int) -> Skp:
    return get_visible_or_404(
        Skp.objects.select_related(
            "period", "unit", "evaluation", "evaluation__objection"
        ),
        request.user,
        pk=pk,
    )


def _pdf(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@role_required(*ASN)
def skp_document(request: HttpRequest, pk: int) -> HttpResponse:
    skp = _document_skp(request, pk)
    return render(request, "performance/skp_document.html", documents.skp_context(skp))


@role_required(*ASN)
def skp_document_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    skp = _document_skp(request, pk)
    return _pdf(documents.skp_pdf(skp), documents.filename(skp, "SKP"))


@role_required(*ASN)
def evaluation_document(request: HttpRequest, pk: int) -> HttpResponse:
    skp = _document_skp(request, pk)
    return render(
        request,
        "performance/evaluation_document.html",
        documents.evaluation_context(skp),
    )


@role_required(*ASN)
def evaluation_document_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    skp = _document_skp(request, pk)
    return _pdf(documents.evaluation_pdf(skp), documents.filename(skp, "penilaian"))
