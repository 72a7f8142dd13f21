"""Writes with rules: periods, SKP drafting and agreement with its versions,
realisation and evidence, feedback, check-ins, the annual evaluation, the
organisation rating and the lock of a unit's results, objections and the talent
potential.

Every use case runs in one durable transaction. Locks are taken in one order:
the period (FOR SHARE, so closing it waits for writers and writers after the
close see it closed), the unit results covering the SKP's unit (FOR SHARE, so a
lock waits for ratings in flight), then the SKP, its evaluation and its
objection (FOR UPDATE). Nothing in a closed period changes, nor an evaluation
in a locked unit. Refusals raise AppraisalError with a message for the user.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import IO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Avg, Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from performance import appraisers, rules
from performance import evidence as evidence_rules
from performance.models import (
    QUARTERS,
    BehaviourExpectation,
    CheckIn,
    Checkpoint,
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
    TalentPotential,
    UnitResult,
)
from performance.querysets import is_hr
from positions.dates import format_day
from positions.models import Employee, OrgUnit, Position
from sawahlunto_asn.accounts import roles
from sawahlunto_asn.lib.private_files import kept_only_if_committed
from sawahlunto_asn.notifications.models import Kind
from sawahlunto_asn.notifications.services import notify


class AppraisalError(ValidationError):
    """A step the rules refuse; the message says why, in Indonesian."""


def _choice(enum, value):
    """`value` as a member of `enum`; unknown input is a refusal, not a 500."""
    try:
        return enum(value)
    except ValueError as exc:
        raise AppraisalError(
            _('Pilihan "%(v)s" tidak dikenal.') % {"v": value}
        ) from exc


# ---------------------------------------------------------------- helpers


def _require_hr(by) -> None:
    if not is_hr(by):
        raise AppraisalError(_("Hanya petugas BKPSDM yang dapat melakukan ini."))


def _employee_id_of(user) -> int | None:
    if not user.is_authenticated:
        return None
    return Employee.objects.filter(user=user).values_list("pk", flat=True).first()


def _share_lock(model, ids: Iterable[int]) -> None:
    """SELECT ... FOR SHARE: many writers at once, but none beside a FOR UPDATE."""
    ids = sorted(set(ids))
    if not ids:
        return
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id FROM {model._meta.db_table} WHERE id = ANY(%s) "
            "ORDER BY id FOR SHARE",
            [ids],
        )


def _open_period(period_id: int) -> Period:
    """The period, share-locked; refused when closed."""
    _share_lock(Period, [period_id])
    period = Period.objects.get(pk=period_id)
    if not period.is_open:
        raise AppraisalError(
            _("Periode %(year)s sudah ditutup; datanya tidak dapat diubah lagi.")
            % {"year": period.year}
        )
    return period


def _unit_path(unit_id: int | None) -> str:
    if unit_id is None:
        return ""
    return OrgUnit.objects.values_list("path", flat=True).get(pk=unit_id)


def _refuse_if_unit_locked(period_id: int, unit_id: int | None) -> None:
    """Share-lock the unit results above the SKP's unit; refuse if one is locked."""
    path = _unit_path(unit_id)
    if not path:
        return
    covering = list(
        UnitResult.objects.filter(period_id=period_id)
        .covering(path)
        .values_list("pk", flat=True)
    )
    if not covering:
        return
    _share_lock(UnitResult, covering)
    # Read again under the lock: a lock committed meanwhile is seen now.
    if UnitResult.objects.filter(pk__in=covering).locked().exists():
        raise AppraisalError(
            _("Hasil penilaian unit ini sudah dikunci; tidak ada yang dapat diubah.")
        )


def _locked_skp(skp: Skp | int) -> Skp:
    skp_id = skp if isinstance(skp, int) else skp.pk
    return Skp.objects.select_for_update(of=("self",)).get(pk=skp_id)


def _users_of(*employee_ids: int | None):
    """The accounts of these employees, for notify()."""
    return Employee.objects.filter(pk__in=employee_ids, user__isnull=False).values_list(
        "user_id", flat=True
    )


def _employee_name(skp: Skp) -> str:
    return (skp.header.get("employee") or {}).get("name", "")


def _role_on(skp: Skp, by) -> str:
    """'employee', 'appraiser', 'superior' or '' for `by` on this SKP."""
    employee_id = _employee_id_of(by)
    if employee_id is None:
        return ""
    if employee_id == skp.employee_id:
        return "employee"
    if employee_id == skp.appraiser_id:
        return "appraiser"
    if employee_id == skp.superior_id:
        return "superior"
    return ""


# ---------------------------------------------------------------- periods


@transaction.atomic(durable=True)
def open_period(
    year: int,
    *,
    by,
    start_date: date | None = None,
    end_date: date | None = None,
) -> Period:
    """Open the appraisal year (1 January to 31 December unless given)."""
    _require_hr(by)
    if Period.objects.filter(year=year).exists():
        raise AppraisalError(_("Periode %(year)s sudah ada.") % {"year": year})
    start_date = start_date or date(year, 1, 1)
    end_date = end_date or date(year, 12, 31)
    if end_date < start_date or start_date.year != year:
        raise AppraisalError(
            _("Tanggal periode harus dalam tahun %(year)s dan berurutan.")
            % {"year": year}
        )
    return Period.objects.create(
        year=year, start_date=start_date, end_date=end_date, opened_by=by
    )


@transaction.atomic(durable=True)
def close_period(period: Period, *, by) -> Period:
    """Close the year: from now on nothing in it can change. Refused while an
    objection in it is undecided."""
    _require_hr(by)
    period = Period.objects.select_for_update(of=("self",)).get(pk=period.pk)
    if not period.is_open:
        raise AppraisalError(
            _("Periode %(year)s sudah ditutup.") % {"year": period.year}
        )
    # A closed year changes no more: an objection still open there could never be
    # decided.
    undecided = Objection.objects.filter(evaluation__period=period).pending().count()
    if undecided:
        raise AppraisalError(
            _(
                "Masih ada %(n)d keberatan yang belum ditetapkan pada periode ini; "
                "tetapkan dahulu sebelum periode ditutup."
            )
            % {"n": undecided}
        )
    period.status = Period.Status.CLOSED
    period.closed_by = by
    period.closed_at = timezone.now()
    period.save(update_fields=["status", "closed_by", "closed_at"])
    return period


# ---------------------------------------------------------------- SKP header


def _person(employee: Employee | None, position: Position | None, acting: str) -> dict:
    if employee is None:
        return {}
    title = position.title if position else ""
    if title and acting:
        title = f"{acting}. {title}"
    return {
        "id": employee.pk,
        "name": employee.full_name,
        "nip": employee.nip_display,
        "rank": str(employee.rank) if employee.rank_id else "",
        "position": title,
        "unit": position.unit.name if position else "",
    }


ACTING_PREFIX = {"PLT": "Plt", "PLH": "Plh"}


def _apply_header(skp: Skp, chain: appraisers.Chain) -> None:
    """Fill the SKP's appraiser, superior, position, unit and header from `chain`
    (two queries: the people, the positions)."""
    appraiser, superior = chain.appraiser, chain.superior
    people = {
        e.pk: e
        for e in Employee.objects.select_related("rank").filter(
            pk__in=[
                skp.employee_id,
                *(h.employee_id for h in (appraiser, superior) if h is not None),
            ]
        )
    }
    seats = {
        p.pk: p
        for p in Position.objects.select_related("unit").filter(
            pk__in=[
                pk
                for pk in (
                    chain.position_id,
                    appraiser and appraiser.position_id,
                    superior and superior.position_id,
                )
                if pk
            ]
        )
    }
    own = seats.get(chain.position_id)
    skp.position = own
    skp.unit_id = own.unit_id if own else None
    skp.appraiser_id = appraiser.employee_id if appraiser else None
    skp.superior_id = superior.employee_id if superior else None
    skp.header = {
        "period": {
            "year": skp.period.year,
            "start": skp.period.start_date.isoformat(),
            "end": skp.period.end_date.isoformat(),
        },
        "employee": _person(people[skp.employee_id], own, ""),
        "appraiser": _person(
            people.get(appraiser.employee_id) if appraiser else None,
            seats.get(appraiser.position_id) if appraiser else None,
            ACTING_PREFIX.get(appraiser.kind, "") if appraiser else "",
        ),
        "superior": _person(
            people.get(superior.employee_id) if superior else None,
            seats.get(superior.position_id) if superior else None,
            ACTING_PREFIX.get(superior.kind, "") if superior else "",
        ),
    }


def _snapshot(skp: Skp) -> dict:
    """The SKP's content as it stands, for SkpVersion (two queries)."""
    results = PlannedResult.objects.filter(skp=skp).prefetch_related("indicators")
    return {
        "version": skp.version,
        "approach": skp.approach,
        "header": skp.header,
        "results": [
            {
                "id": rhk.pk,
                "kind": rhk.kind,
                "text": rhk.text,
                "parent_id": rhk.parent_id,
                "indicators": [
                    {
                        "id": ind.pk,
                        "aspect": ind.aspect,
                        "text": ind.text,
                        "target": ind.target,
                    }
                    for ind in rhk.indicators.all()
                ],
            }
            for rhk in results
        ],
        "expectations": dict(
            BehaviourExpectation.objects.filter(skp=skp).values_list("value", "text")
        ),
    }


# ---------------------------------------------------------------- SKP drafting


@transaction.atomic(durable=True)
def create_skp(
    employee: Employee,
    period: Period,
    *,
    by,
    approach: str = Skp.Approach.QUANTITATIVE,
    today: date | None = None,
) -> Skp:
    """Start an employee's SKP; the header comes from the supervising chain on the
    period's reference day. Drafted by the employee himself or his appraiser; HR
    may start one for someone the chain gives no appraiser, to assign him one."""
    period = _open_period(period.pk)
    day = period.reference_day(today or timezone.localdate())
    chain = appraisers.chain_for(employee.pk, day)
    by_id = _employee_id_of(by)
    is_appraiser = chain.appraiser is not None and chain.appraiser.employee_id == by_id
    # HR only where nobody else can: the chain gives this employee no appraiser.
    hr_resolving = chain.appraiser is None and by.has_perm(roles.HR.perm)
    if by_id != employee.pk and not is_appraiser and not hr_resolving:
        raise AppraisalError(
            _("SKP disusun oleh pegawai sendiri atau pejabat penilai kinerjanya.")
        )
    if Skp.objects.filter(period=period, employee=employee).exists():
        raise AppraisalError(
            _("Pegawai ini sudah memiliki SKP untuk periode %(year)s.")
            % {"year": period.year}
        )
    skp = Skp(period=period, employee=employee, approach=approach, created_by=by)
    _apply_header(skp, chain)
    skp.save()
    return skp


def _editable(skp: Skp | int, by, *, roles_allowed=("employee", "appraiser")) -> Skp:
    """Lock the SKP for a change to its plan: period open, the caller a party to
    it, the unit not locked, not yet rated. An agreed SKP starts its next version
    (the agreed one stays in SkpVersion); any change clears agreement."""
    skp_id = skp if isinstance(skp, int) else skp.pk
    period_id, unit_id = Skp.objects.values_list("period_id", "unit_id").get(pk=skp_id)
    _open_period(period_id)
    _refuse_if_unit_locked(period_id, unit_id)
    skp = _locked_skp(skp_id)
    role = _role_on(skp, by)
    if role not in roles_allowed:
        raise AppraisalError(
            _(
                "Hanya pegawai dan pejabat penilai kinerjanya yang dapat mengubah SKP ini."
            )
            if roles_allowed == ("employee", "appraiser")
            else _("Hanya pejabat penilai kinerja yang dapat melakukan ini.")
        )
    if Evaluation.objects.filter(skp=skp).exists():
        raise AppraisalError(
            _("SKP ini sudah dinilai; rencananya tidak dapat diubah lagi.")
        )
    fields = ["employee_agreed_at", "appraiser_agreed_at", "updated_at"]
    if skp.status == Skp.Status.AGREED:
        skp.status = Skp.Status.DRAFT
        skp.version += 1
        fields += ["status", "version"]
    skp.employee_agreed_at = None
    skp.appraiser_agreed_at = None
    skp.save(update_fields=fields)
    return skp


def _check_parent(skp: Skp, parent: PlannedResult | None) -> None:
    if parent is None:
        return
    parent_skp = Skp.objects.filter(pk=parent.skp_id).values("period_id", "employee_id")
    row = parent_skp.first()
    if (
        row is None
        or skp.appraiser_id is None
        or row["period_id"] != skp.period_id
        or row["employee_id"] != skp.appraiser_id
    ):
        raise AppraisalError(
            _(
                "RHK pimpinan yang diintervensi harus berasal dari SKP pejabat penilai "
                "kinerja pada periode yang sama."
            )
        )


@transaction.atomic(durable=True)
def add_result(
    skp: Skp,
    *,
    by,
    text: str,
    kind: str = PlannedResult.Kind.MAIN,
    parent: PlannedResult | None = None,
) -> PlannedResult:
    """Add an RHK, optionally cascading from the appraiser's RHK."""
    skp = _editable(skp, by)
    if not text.strip():
        raise AppraisalError(_("Rencana hasil kerja wajib diisi."))
    _check_parent(skp, parent)
    last = PlannedResult.objects.filter(skp=skp, kind=kind).aggregate(m=Max("order"))
    return PlannedResult.objects.create(
        skp=skp,
        kind=kind,
        text=text.strip(),
        parent=parent,
        order=(last["m"] or 0) + 1,
    )


@transaction.atomic(durable=True)
def update_result(
    rhk: PlannedResult,
    *,
    by,
    text: str,
    kind: str,
    parent: PlannedResult | None = None,
) -> PlannedResult:
    skp = _editable(rhk.skp_id, by)
    if not text.strip():
        raise AppraisalError(_("Rencana hasil kerja wajib diisi."))
    _check_parent(skp, parent)
    rhk = PlannedResult.objects.select_for_update(of=("self",)).get(pk=rhk.pk)
    rhk.text, rhk.kind, rhk.parent = text.strip(), kind, parent
    rhk.save(update_fields=["text", "kind", "parent"])
    return rhk


@transaction.atomic(durable=True)
def remove_result(rhk: PlannedResult, *, by) -> None:
    _editable(rhk.skp_id, by)
    if PlannedResult.objects.filter(parent=rhk).exists():
        raise AppraisalError(
            _("RHK ini diintervensi oleh RHK bawahan; ubah RHK bawahan itu lebih dulu.")
        )
    PlannedResult.objects.filter(pk=rhk.pk).delete()


@transaction.atomic(durable=True)
def add_indicator(
    rhk: PlannedResult, *, by, aspect: str, text: str, target: str
) -> Indicator:
    _editable(rhk.skp_id, by)
    if not text.strip() or not target.strip():
        raise AppraisalError(_("Indikator dan target wajib diisi."))
    last = Indicator.objects.filter(rhk=rhk).aggregate(m=Max("order"))
    return Indicator.objects.create(
        rhk=rhk,
        aspect=rules.Aspect(aspect),
        text=text.strip(),
        target=target.strip(),
        order=(last["m"] or 0) + 1,
    )


@transaction.atomic(durable=True)
def update_indicator(
    indicator: Indicator, *, by, aspect: str, text: str, target: str
) -> Indicator:
    skp_id = PlannedResult.objects.values_list("skp_id", flat=True).get(
        pk=indicator.rhk_id
    )
    _editable(skp_id, by)
    if not text.strip() or not target.strip():
        raise AppraisalError(_("Indikator dan target wajib diisi."))
    indicator = Indicator.objects.select_for_update(of=("self",)).get(pk=indicator.pk)
    indicator.aspect = rules.Aspect(aspect)
    indicator.text, indicator.target = text.strip(), target.strip()
    indicator.save(update_fields=["aspect", "text", "target"])
    return indicator


@transaction.atomic(durable=True)
def remove_indicator(indicator: Indicator, *, by) -> None:
    skp_id = PlannedResult.objects.values_list("skp_id", flat=True).get(
        pk=indicator.rhk_id
    )
    _editable(skp_id, by)
    Indicator.objects.filter(pk=indicator.pk).delete()


@transaction.atomic(durable=True)
def set_expectation(skp: Skp, value: str, text: str, *, by) -> None:
    """The appraiser's special expectation for a BerAKHLAK value; blank removes it."""
    skp = _editable(skp, by, roles_allowed=("appraiser",))
    value = rules.BerakhlakValue(value)
    if text.strip():
        BehaviourExpectation.objects.update_or_create(
            skp=skp, value=value, defaults={"text": text.strip()}
        )
    else:
        BehaviourExpectation.objects.filter(skp=skp, value=value).delete()


@transaction.atomic(durable=True)
def agree_skp(skp: Skp, *, by) -> Skp:
    """Record the employee's or the appraiser's agreement; with both, the SKP is
    agreed and this version is kept as it stands."""
    period = _open_period(skp.period_id)
    skp = _locked_skp(skp)
    if not skp.is_agreed:
        _reread_chain(skp, period)
    role = _role_on(skp, by)
    if role not in ("employee", "appraiser"):
        raise AppraisalError(
            _("Hanya pegawai dan pejabat penilai kinerjanya yang menyetujui SKP ini.")
        )
    if skp.is_agreed:
        raise AppraisalError(_("SKP ini sudah disepakati."))
    if skp.appraiser_id is None:
        raise AppraisalError(
            _(
                "SKP ini belum memiliki pejabat penilai kinerja; BKPSDM perlu "
                "menetapkannya lebih dulu."
            )
        )
    if not Indicator.objects.filter(
        rhk__skp=skp, rhk__kind=PlannedResult.Kind.MAIN
    ).exists():
        raise AppraisalError(
            _("SKP perlu paling sedikit satu RHK utama beserta indikatornya.")
        )
    now = timezone.now()
    field = "employee_agreed_at" if role == "employee" else "appraiser_agreed_at"
    setattr(skp, field, now)
    fields = [field, "updated_at"]
    if skp.employee_agreed_at and skp.appraiser_agreed_at:
        skp.status = Skp.Status.AGREED
        fields.append("status")
    skp.save(update_fields=fields)
    if skp.is_agreed:
        skp.period = period
        SkpVersion.objects.create(
            skp=skp, version=skp.version, snapshot=_snapshot(skp), agreed_at=now
        )
    else:
        notify(
            _users_of(skp.appraiser_id if role == "employee" else skp.employee_id),
            Kind.SKP_AGREEMENT,
            title=_("SKP menunggu persetujuan Anda"),
            body=_("%(who)s telah menyetujui SKP %(employee)s.")
            % {
                "who": by.get_full_name() or by.username,
                "employee": _employee_name(skp),
            },
            url=reverse("performance:skp_detail", args=[skp.pk]),
        )
    return skp


def _reread_chain(skp: Skp, period: Period) -> None:
    """A draft's header follows the registry until both parties agree: a new
    holder of the supervising seat (a rotation, a Plt) becomes the appraiser, and
    an agreement given by the previous one no longer counts. Where the chain
    gives nobody, the appraiser HR assigned by hand stays."""
    chain = appraisers.chain_for(
        skp.employee_id, period.reference_day(timezone.localdate())
    )
    if chain.appraiser is None:
        return
    if chain.appraiser.employee_id != skp.appraiser_id:
        skp.employee_agreed_at = skp.appraiser_agreed_at = None
    skp.period = period
    _apply_header(skp, chain)
    skp.save()


@transaction.atomic(durable=True)
def assign_appraiser(
    skp: Skp, *, appraiser: Employee, superior: Employee | None, by
) -> Skp:
    """HR resolves an SKP whose chain gives no appraiser (see
    appraisers.without_appraiser): the appraiser and his superior are set by hand."""
    _require_hr(by)
    period = _open_period(skp.period_id)
    skp = _locked_skp(skp)
    if skp.is_agreed:
        raise AppraisalError(
            _("SKP yang sudah disepakati tidak dapat diganti pejabat penilainya.")
        )
    if appraiser.pk == skp.employee_id or (
        superior is not None and superior.pk in (skp.employee_id, appraiser.pk)
    ):
        raise AppraisalError(
            _("Pegawai, pejabat penilai dan atasannya harus orang yang berbeda.")
        )
    skp.period = period
    day = period.reference_day(timezone.localdate())
    seats = appraisers.chains_for(
        [pk for pk in (appraiser.pk, superior and superior.pk) if pk], day
    )

    def holder(person):
        if person is None:
            return None
        return appraisers.Holder(person.pk, seats[person.pk].position_id, "DEFINITIF")

    own = appraisers.chain_for(skp.employee_id, day)
    _apply_header(
        skp,
        appraisers.Chain(
            skp.employee_id,
            own.position_id,
            own.supervisor_position_id,
            holder(appraiser),
            holder(superior),
        ),
    )
    skp.employee_agreed_at = skp.appraiser_agreed_at = None
    skp.save()
    return skp


# ---------------------------------------------------------------- during the year


def _running(skp_id: int, by, *, role: str) -> Skp:
    """Lock an agreed SKP for a during-the-year record by `role`."""
    period_id, unit_id = Skp.objects.values_list("period_id", "unit_id").get(pk=skp_id)
    _open_period(period_id)
    _refuse_if_unit_locked(period_id, unit_id)
    skp = _locked_skp(skp_id)
    if _role_on(skp, by) != role:
        raise AppraisalError(
            _("Hanya pegawai yang bersangkutan yang dapat mencatat ini.")
            if role == "employee"
            else _("Hanya pejabat penilai kinerja pegawai ini yang dapat mencatat ini.")
        )
    if not skp.is_agreed:
        raise AppraisalError(_("SKP ini belum disepakati kedua pihak."))
    return skp


@transaction.atomic(durable=True)
def record_realisation(
    indicator: Indicator, checkpoint: str, text: str, *, by
) -> Realisation:
    """The employee's realisation of an indicator at a checkpoint (replaced when
    recorded again)."""
    skp_id = PlannedResult.objects.values_list("skp_id", flat=True).get(
        pk=indicator.rhk_id
    )
    _running(skp_id, by, role="employee")
    checkpoint = _choice(Checkpoint, checkpoint)
    if not text.strip():
        raise AppraisalError(_("Realisasi wajib diisi."))
    realisation, _created = Realisation.objects.update_or_create(
        indicator=indicator,
        checkpoint=checkpoint,
        defaults={"text": text.strip(), "recorded_by": by},
    )
    return realisation


def add_evidence(realisation: Realisation, **details) -> Evidence:
    """Attach one piece of evidence: a text, a link, or a PDF/PNG/JPEG file whose
    content, name and size are checked (performance.evidence). A file saved
    before the write fails (or its commit does) is deleted again."""
    with kept_only_if_committed() as keep:
        return _add_evidence(realisation, keep=keep, **details)


@transaction.atomic(durable=True)
def _add_evidence(
    realisation: Realisation,
    *,
    keep,
    by,
    text: str = "",
    url: str = "",
    upload=None,
) -> Evidence:
    skp_id = (
        Realisation.objects.filter(pk=realisation.pk)
        .values_list("indicator__rhk__skp_id", flat=True)
        .get()
    )
    _running(skp_id, by, role="employee")
    given = [bool(text.strip()), bool(url.strip()), upload is not None]
    if sum(given) != 1:
        raise AppraisalError(
            _("Isi satu jenis bukti: keterangan, tautan, atau berkas.")
        )
    item = Evidence(realisation=realisation, uploaded_by=by)
    if upload is not None:
        kind = evidence_rules.validate_upload(upload)
        item.kind = Evidence.Kind.FILE
        item.original_name = upload.name[:200]
        item.content_type = kind.content_type
        item.size = upload.size
        item.file.save(upload.name, upload, save=False)
        keep(item.file)
    elif url.strip():
        if not url.strip().lower().startswith(("http://", "https://")):
            raise AppraisalError(_("Tautan harus diawali http:// atau https://."))
        item.kind, item.url = Evidence.Kind.LINK, url.strip()
    else:
        item.kind, item.text = Evidence.Kind.TEXT, text.strip()
    try:
        item.full_clean(exclude=["realisation", "uploaded_by", "file"])
    except ValidationError as exc:
        raise AppraisalError(exc.messages) from exc
    item.save()
    return item


@transaction.atomic(durable=True)
def remove_evidence(item: Evidence, *, by) -> None:
    skp_id = (
        Evidence.objects.filter(pk=item.pk)
        .values_list("realisation__indicator__rhk__skp_id", flat=True)
        .get()
    )
    _running(skp_id, by, role="employee")
    name = item.file.name if item.file else ""
    Evidence.objects.filter(pk=item.pk).delete()
    if name:
        storage = Evidence._meta.get_field("file").storage
        transaction.on_commit(lambda: storage.delete(name))


@dataclass(frozen=True)
class EvidenceFile:
    file: IO[bytes]
    name: str
    content_type: str
    size: int | None


def open_evidence(evidence_id: int, *, user) -> EvidenceFile:
    """The stored file for a user allowed to see its SKP. Anyone else gets
    Evidence.DoesNotExist (a 404 for the view), not a hint that it exists."""
    item = Evidence.objects.visible_to(user).get(pk=evidence_id, kind="BERKAS")
    return EvidenceFile(
        file=item.file.open("rb"),
        name=item.original_name,
        content_type=item.content_type,
        size=item.size,
    )


@transaction.atomic(durable=True)
def give_feedback(
    skp: Skp,
    *,
    by,
    text: str,
    rhk: PlannedResult | None = None,
    value: str = "",
    given_on: date | None = None,
) -> Feedback:
    """A dated note by the appraiser on one RHK or one BerAKHLAK value."""
    skp = _running(skp.pk, by, role="appraiser")
    if not text.strip():
        raise AppraisalError(_("Umpan balik wajib diisi."))
    if (rhk is None) == (not value):
        raise AppraisalError(
            _("Pilih satu RHK atau satu nilai BerAKHLAK untuk umpan balik ini.")
        )
    if rhk is not None and rhk.skp_id != skp.pk:
        raise AppraisalError(_("RHK itu bukan bagian dari SKP ini."))
    given_on = given_on or timezone.localdate()
    period = skp.period
    if not period.start_date <= given_on <= period.end_date:
        raise AppraisalError(
            _("Tanggal umpan balik harus dalam periode %(year)s.")
            % {"year": period.year}
        )
    if given_on > timezone.localdate():
        raise AppraisalError(_("Tanggal umpan balik tidak boleh di masa depan."))
    return Feedback.objects.create(
        skp=skp,
        rhk=rhk,
        value=rules.BerakhlakValue(value) if value else "",
        given_on=given_on,
        text=text.strip(),
        given_by=by,
    )


@transaction.atomic(durable=True)
def record_checkin(
    skp: Skp,
    checkpoint: str,
    *,
    by,
    work_results_rating: str,
    behaviour_rating: str,
    note: str = "",
) -> CheckIn:
    """The appraiser's provisional ratings at a quarter (replaced when recorded
    again); the provisional predikat comes from the matrix."""
    skp = _running(skp.pk, by, role="appraiser")
    if checkpoint not in QUARTERS:
        raise AppraisalError(
            _("Evaluasi periodik dicatat per triwulan (Triwulan I sampai IV).")
        )
    checkin, _created = CheckIn.objects.update_or_create(
        skp=skp,
        checkpoint=checkpoint,
        defaults={
            "work_results_rating": _choice(rules.Rating, work_results_rating),
            "behaviour_rating": _choice(rules.Rating, behaviour_rating),
            "predikat": rules.predikat(work_results_rating, behaviour_rating),
            "note": note.strip(),
            "recorded_by": by,
        },
    )
    return checkin


# ---------------------------------------------------------------- annual evaluation


@dataclass(frozen=True)
class HeadRating:
    """The SKP's holder heads its unit: his work-results rating is the unit's
    organisation rating folded onto the three ratings (domain.md 5.4);
    `work_rating` is None while the organisation rating is not set."""

    org_rating: str
    work_rating: str | None

    @property
    def org_label(self) -> str:
        return rules.OrgRating(self.org_rating).label if self.org_rating else ""

    @property
    def justification(self) -> str:
        return _(
            "Kepala unit: rating hasil kerja mengikuti capaian kinerja organisasi "
            "unit (%(org)s)."
        ) % {"org": self.org_label}


def head_rating(skp: Skp) -> HeadRating | None:
    """HeadRating when the SKP's position heads the SKP's unit, else None
    (two queries)."""
    if skp.unit_id is None or skp.position_id is None:
        return None
    head = appraisers.unit_head_position(OrgUnit(pk=skp.unit_id))
    if head is None or head.pk != skp.position_id:
        return None
    org_rating = (
        UnitResult.objects.filter(period_id=skp.period_id, unit_id=skp.unit_id)
        .values_list("org_rating", flat=True)
        .first()
    ) or ""
    return HeadRating(
        org_rating,
        rules.unit_head_work_rating(org_rating) if org_rating else None,
    )


def _check_justified(rating: str, justification: str, label: str) -> None:
    if rating != rules.Rating.SESUAI_EKSPEKTASI and not justification.strip():
        raise AppraisalError(
            _("Rating %(what)s \u201c%(rating)s\u201d wajib disertai alasan tertulis.")
            % {"what": label, "rating": _choice(rules.Rating, rating).label}
        )


@transaction.atomic(durable=True)
def rate_annual(
    skp: Skp,
    *,
    by,
    work_results_rating: str,
    behaviour_rating: str,
    work_results_justification: str = "",
    behaviour_justification: str = "",
) -> Evaluation:
    """The appraiser's annual ratings; the predikat is computed from the matrix.
    Changeable until the employee acknowledges the result."""
    employee_user = Skp.objects.values_list("employee__user_id", flat=True).get(
        pk=skp.pk
    )
    if by.is_authenticated and employee_user == by.pk:
        raise AppraisalError(_("Pegawai tidak dapat menilai dirinya sendiri."))
    skp = _running(skp.pk, by, role="appraiser")
    work_results_rating = _choice(rules.Rating, work_results_rating)
    behaviour_rating = _choice(rules.Rating, behaviour_rating)
    head = head_rating(skp)
    if head is not None:
        if head.work_rating is None:
            raise AppraisalError(
                _(
                    "Pegawai ini kepala unit: rating hasil kerjanya mengikuti capaian "
                    "kinerja organisasi unit, yang belum ditetapkan atasan kepala unit."
                )
            )
        work_results_rating = head.work_rating
        work_results_justification = head.justification
    _check_justified(work_results_rating, work_results_justification, _("hasil kerja"))
    _check_justified(behaviour_rating, behaviour_justification, _("perilaku kerja"))
    evaluation = (
        Evaluation.objects.select_for_update(of=("self",)).filter(skp=skp).first()
    )
    if evaluation is not None and evaluation.received_at is not None:
        raise AppraisalError(
            _(
                "Hasil penilaian sudah diterima pegawai; perubahan hanya melalui "
                "keberatan."
            )
        )
    evaluation = evaluation or Evaluation(
        skp=skp, period_id=skp.period_id, employee_id=skp.employee_id
    )
    evaluation.appraiser_id = skp.appraiser_id
    evaluation.work_results_rating = work_results_rating
    evaluation.work_results_justification = work_results_justification.strip()
    evaluation.behaviour_rating = behaviour_rating
    evaluation.behaviour_justification = behaviour_justification.strip()
    evaluation.predikat = rules.predikat(work_results_rating, behaviour_rating)
    evaluation.rated_by = by
    evaluation.rated_at = timezone.now()
    evaluation.save()
    return evaluation


@transaction.atomic(durable=True)
def acknowledge_evaluation(evaluation: Evaluation, *, by) -> Evaluation:
    """The employee has seen his result; the objection period starts now."""
    skp = Skp.objects.values("period_id", "unit_id").get(pk=evaluation.skp_id)
    _open_period(skp["period_id"])
    evaluation = Evaluation.objects.select_for_update(of=("self",)).get(
        pk=evaluation.pk
    )
    if _employee_id_of(by) != evaluation.employee_id:
        raise AppraisalError(
            _("Hanya pegawai yang dinilai yang dapat menyatakan menerima hasilnya.")
        )
    if evaluation.received_at is not None:
        raise AppraisalError(_("Hasil penilaian ini sudah Anda terima."))
    evaluation.received_at = timezone.now()
    evaluation.save(update_fields=["received_at"])
    return evaluation


def objection_deadline(evaluation: Evaluation) -> date | None:
    """The last day an objection may be filed (inclusive), or None before receipt."""
    if evaluation.received_at is None:
        return None
    received = timezone.localdate(evaluation.received_at)
    return received + timedelta(days=settings.PERFORMANCE_OBJECTION_DAYS)


# ---------------------------------------------------------------- organisation


def org_rater(unit: OrgUnit, period: Period, today: date | None = None):
    """Who sets the unit's organisation rating (appraisers.Holder or None)."""
    day = period.reference_day(today or timezone.localdate())
    return appraisers.unit_head_superior(unit, day)


def may_rate_unit(
    unit: OrgUnit, period: Period, user, today: date | None = None
) -> bool:
    """The unit head's superior; when the head's seat has no superior in the
    registry (an OPD head under the Wali Kota), the PPK or HR on his behalf."""
    if not user.is_authenticated:
        return False
    rater = org_rater(unit, period, today)
    if rater is None:
        return user.has_perm(roles.PPK.perm) or is_hr(user)
    return rater.employee_id == _employee_id_of(user)


@transaction.atomic(durable=True)
def set_org_rating(
    period: Period, unit: OrgUnit, org_rating: str, *, by, today: date | None = None
) -> UnitResult:
    """The unit's capaian kinerja organisasi, set by the unit head's superior."""
    period = _open_period(period.pk)
    if not may_rate_unit(unit, period, by, today):
        raise AppraisalError(
            _(
                "Capaian kinerja organisasi ditetapkan oleh atasan langsung kepala "
                "unit ini."
            )
        )
    result, _created = UnitResult.objects.select_for_update(of=("self",)).get_or_create(
        period=period, unit=unit
    )
    if result.is_locked:
        raise AppraisalError(_("Hasil penilaian unit ini sudah dikunci."))
    result.org_rating = _choice(rules.OrgRating, org_rating)
    result.rated_by = by
    result.rated_at = timezone.now()
    result.save(update_fields=["org_rating", "rated_by", "rated_at"])
    _rerate_unit_head(result)
    return result


def _rerate_unit_head(result: UnitResult) -> None:
    """A new organisation rating becomes the head's work-results rating when he
    is already rated but has not yet received the result; after receipt only an
    objection changes it."""
    head = appraisers.unit_head_position(result.unit)
    if head is None:
        return
    evaluation = (
        Evaluation.objects.select_for_update(of=("self",))
        .filter(
            period_id=result.period_id,
            skp__unit_id=result.unit_id,
            skp__position_id=head.pk,
            received_at__isnull=True,
        )
        .first()
    )
    if evaluation is None:
        return
    rating = HeadRating(
        result.org_rating, rules.unit_head_work_rating(result.org_rating)
    )
    evaluation.work_results_rating = rating.work_rating
    evaluation.work_results_justification = rating.justification
    evaluation.predikat = rules.predikat(
        rating.work_rating, evaluation.behaviour_rating
    )
    evaluation.save(
        update_fields=["work_results_rating", "work_results_justification", "predikat"]
    )


@transaction.atomic(durable=True)
def lock_unit_results(
    period: Period, unit: OrgUnit, *, by, reason: str = ""
) -> UnitResult:
    """HR locks the unit's results when the distribution holds the pattern its
    organisation rating imposes, or with a recorded reason when it does not.

    Refused while an objection in the unit is undecided, or a result is not yet
    received or still inside its objection period, so the lock never cuts the
    right to object.
    """
    from performance.querysets import distribution_for

    _require_hr(by)
    period = _open_period(period.pk)
    result = (
        UnitResult.objects.select_for_update(of=("self",))
        .filter(period=period, unit=unit)
        .first()
    )
    if result is None or not result.org_rating:
        raise AppraisalError(_("Capaian kinerja organisasi unit ini belum ditetapkan."))
    if result.is_locked:
        raise AppraisalError(_("Hasil penilaian unit ini sudah dikunci."))
    in_unit = Evaluation.objects.in_period(period).in_unit(unit)
    if Objection.objects.filter(evaluation__in=in_unit).pending().exists():
        raise AppraisalError(
            _("Masih ada keberatan yang belum ditetapkan di unit ini.")
        )
    # The objection period runs from receipt: locking an unreceived result would
    # take the right to object away before it began.
    unreceived = in_unit.filter(received_at__isnull=True).count()
    if unreceived:
        raise AppraisalError(
            _(
                "%(n)d hasil penilaian di unit ini belum diterima pegawai; hasil baru "
                "dapat dikunci setelah diterima dan masa keberatan lewat."
            )
            % {"n": unreceived}
        )
    # Received on or after this local midnight: today is within its last day.
    window_start = timezone.make_aware(
        datetime.combine(
            timezone.localdate() - timedelta(days=settings.PERFORMANCE_OBJECTION_DAYS),
            time.min,
        )
    )
    if in_unit.filter(received_at__gte=window_start, objection__isnull=True).exists():
        raise AppraisalError(
            _(
                "Masih ada pegawai yang dalam masa pengajuan keberatan "
                "(%(days)s hari sejak hasil diterima)."
            )
            % {"days": settings.PERFORMANCE_OBJECTION_DAYS}
        )
    distribution = distribution_for(period, unit, result.org_rating)
    if distribution.breaches and not reason.strip():
        raise AppraisalError(
            [
                _(
                    "Sebaran predikat tidak sesuai pola capaian organisasi; catat "
                    "alasannya untuk tetap mengunci."
                ),
                *(str(b.message) for b in distribution.breaches),
            ]
        )
    now = timezone.now()
    locked_ids = list(
        in_unit.select_for_update(of=("self",))
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    Evaluation.objects.filter(pk__in=locked_ids).update(locked_at=now)
    result.counts = distribution.counts
    result.breaches = [str(b.message) for b in distribution.breaches]
    result.lock_reason = reason.strip()
    result.locked_by = by
    result.locked_at = now
    result.save(
        update_fields=["counts", "breaches", "lock_reason", "locked_by", "locked_at"]
    )
    return result


# ---------------------------------------------------------------- objections


def _objection_context(evaluation_id: int) -> tuple[Evaluation, Skp]:
    period_id, unit_id, skp_id = Evaluation.objects.values_list(
        "skp__period_id", "skp__unit_id", "skp_id"
    ).get(pk=evaluation_id)
    _open_period(period_id)
    _refuse_if_unit_locked(period_id, unit_id)
    skp = _locked_skp(skp_id)
    evaluation = Evaluation.objects.select_for_update(of=("self",)).get(
        pk=evaluation_id
    )
    if evaluation.locked_at is not None:
        raise AppraisalError(_("Hasil penilaian ini sudah dikunci."))
    return evaluation, skp


@transaction.atomic(durable=True)
def file_objection(evaluation: Evaluation, *, by, reasons: str) -> Objection:
    """The employee objects to his result, no later than
    PERFORMANCE_OBJECTION_DAYS days after receiving it (that day included)."""
    evaluation, skp = _objection_context(evaluation.pk)
    if _employee_id_of(by) != evaluation.employee_id:
        raise AppraisalError(
            _("Keberatan hanya dapat diajukan oleh pegawai yang dinilai.")
        )
    if evaluation.received_at is None:
        raise AppraisalError(
            _("Terima hasil penilaian lebih dulu; masa keberatan dihitung sejak itu.")
        )
    deadline = objection_deadline(evaluation)
    today = timezone.localdate()
    if today > deadline:
        raise AppraisalError(
            _(
                "Keberatan diajukan paling lambat %(days)s hari sejak hasil diterima "
                "pada %(received)s, yaitu %(deadline)s; hari ini (%(today)s) sudah "
                "lewat batas itu."
            )
            % {
                "days": settings.PERFORMANCE_OBJECTION_DAYS,
                "received": format_day(timezone.localdate(evaluation.received_at)),
                "deadline": format_day(deadline),
                "today": format_day(today),
            }
        )
    if Objection.objects.filter(evaluation=evaluation).exists():
        raise AppraisalError(_("Keberatan atas hasil ini sudah diajukan."))
    if not reasons.strip():
        raise AppraisalError(_("Alasan keberatan wajib diisi."))
    if skp.superior_id is None:
        raise AppraisalError(
            _(
                "Atasan pejabat penilai kinerja belum tercatat pada SKP ini; hubungi "
                "BKPSDM."
            )
        )
    objection = Objection.objects.create(
        evaluation=evaluation,
        reasons=reasons.strip(),
        filed_by=by,
        original_work_results_rating=evaluation.work_results_rating,
        original_behaviour_rating=evaluation.behaviour_rating,
        original_predikat=evaluation.predikat,
        original_justifications={
            "work_results": evaluation.work_results_justification,
            "behaviour": evaluation.behaviour_justification,
        },
    )
    notify(
        _users_of(skp.superior_id),
        Kind.OBJECTION,
        title=_("Keberatan atas penilaian kinerja diajukan"),
        body=_("Keberatan %(employee)s menunggu penjelasan dan keputusan Anda.")
        % {"employee": _employee_name(skp)},
        url=reverse("performance:skp_detail", args=[skp.pk]),
    )
    return objection


@transaction.atomic(durable=True)
def explain_objection(objection: Objection, *, by, text: str) -> Objection:
    """The appraiser's or the employee's explanation; with both, it is CLARIFIED."""
    _evaluation, skp = _objection_context(objection.evaluation_id)
    objection = Objection.objects.select_for_update(of=("self",)).get(pk=objection.pk)
    if objection.status != Objection.Status.FILED:
        raise AppraisalError(_("Keberatan ini sudah diperiksa."))
    role = _role_on(skp, by)
    if role not in ("employee", "appraiser"):
        raise AppraisalError(
            _("Penjelasan diberikan oleh pejabat penilai kinerja dan pegawai.")
        )
    if not text.strip():
        raise AppraisalError(_("Penjelasan wajib diisi."))
    field = "employee_explanation" if role == "employee" else "appraiser_explanation"
    setattr(objection, field, text.strip())
    fields = [field]
    if objection.employee_explanation and objection.appraiser_explanation:
        objection.status = Objection.Status.CLARIFIED
        objection.clarified_at = timezone.now()
        fields += ["status", "clarified_at"]
    objection.save(update_fields=fields)
    if objection.status == Objection.Status.CLARIFIED:
        notify(
            _users_of(skp.superior_id),
            Kind.OBJECTION,
            title=_("Keberatan siap diputuskan"),
            body=_(
                "Pejabat penilai dan %(employee)s telah memberi penjelasan; keberatan "
                "menunggu keputusan Anda."
            )
            % {"employee": _employee_name(skp)},
            url=reverse("performance:skp_detail", args=[skp.pk]),
        )
    return objection


@transaction.atomic(durable=True)
def decide_objection(
    objection: Objection,
    *,
    by,
    decision: str,
    reason: str,
    work_results_rating: str = "",
    behaviour_rating: str = "",
) -> Objection:
    """The appraiser's superior decides, finally: the result is kept or changed.
    A change stores the new ratings and recomputed predikat on the evaluation;
    the original stays on the objection."""
    evaluation, skp = _objection_context(objection.evaluation_id)
    objection = Objection.objects.select_for_update(of=("self",)).get(pk=objection.pk)
    if _role_on(skp, by) != "superior":
        raise AppraisalError(
            _("Keberatan diputuskan oleh atasan pejabat penilai kinerja.")
        )
    if objection.status == Objection.Status.DECIDED:
        raise AppraisalError(_("Keberatan ini sudah ditetapkan; keputusannya final."))
    if objection.status != Objection.Status.CLARIFIED:
        raise AppraisalError(
            _("Minta penjelasan pejabat penilai dan pegawai sebelum memutuskan.")
        )
    if not reason.strip():
        raise AppraisalError(_("Alasan keputusan wajib diisi."))
    decision = _choice(Objection.Decision, decision)
    now = timezone.now()
    if decision == Objection.Decision.CHANGED:
        if not work_results_rating or not behaviour_rating:
            raise AppraisalError(
                _("Keputusan mengubah penilaian perlu kedua rating yang baru.")
            )
        work = _choice(rules.Rating, work_results_rating)
        conduct = _choice(rules.Rating, behaviour_rating)
        if (work, conduct) == (
            objection.original_work_results_rating,
            objection.original_behaviour_rating,
        ):
            raise AppraisalError(
                _("Rating baru sama dengan semula; pilih keputusan Tetap.")
            )
        objection.new_work_results_rating = work
        objection.new_behaviour_rating = conduct
        objection.new_predikat = rules.predikat(work, conduct)
        if work != evaluation.work_results_rating:
            evaluation.work_results_justification = reason.strip()
        if conduct != evaluation.behaviour_rating:
            evaluation.behaviour_justification = reason.strip()
        evaluation.work_results_rating = work
        evaluation.behaviour_rating = conduct
        evaluation.predikat = objection.new_predikat
        evaluation.save(
            update_fields=[
                "work_results_rating",
                "work_results_justification",
                "behaviour_rating",
                "behaviour_justification",
                "predikat",
            ]
        )
    objection.status = Objection.Status.DECIDED
    objection.decision = decision
    objection.decision_reason = reason.strip()
    objection.decided_by = by
    objection.decided_at = now
    objection.save()
    return objection


# ---------------------------------------------------------------- talent


def assessment_scores(employee_ids: Iterable[int] | None = None) -> dict[int, float]:
    """Per employee with assessments: the average of his latest level per
    competency, as a 0-100 score (level / 5), one query."""
    from competency.models import LEVEL_MAX, Assessment

    latest = Assessment.objects.latest()
    if employee_ids is not None:
        latest = latest.filter(employee_id__in=list(employee_ids))
    rows = (
        Assessment.objects.filter(pk__in=latest.values("pk"))
        .order_by()
        .values("employee_id")
        .annotate(average=Avg("level"))
        .values_list("employee_id", "average")
    )
    return {pk: round(100 * float(avg) / LEVEL_MAX, 1) for pk, avg in rows}


@transaction.atomic(durable=True)
def compute_potentials(
    period: Period, *, by, employee_ids: Iterable[int] | None = None
) -> int:
    """Potential from the competency assessments for every employee who has any
    (or the given ones); it replaces an HR entry. Returns how many were set."""
    _require_hr(by)
    period = _open_period(period.pk)
    scores = assessment_scores(employee_ids)
    rows = [
        TalentPotential(
            period=period,
            employee_id=pk,
            level=rules.potential_from_score(score),
            source=TalentPotential.Source.COMPETENCY_ASSESSMENT,
            source_text="",
            score=score,
            set_by=by,
        )
        for pk, score in sorted(scores.items())
    ]
    TalentPotential.objects.bulk_create(
        rows,
        batch_size=1000,
        update_conflicts=True,
        unique_fields=["period", "employee"],
        update_fields=["level", "source", "source_text", "score", "set_by", "set_at"],
    )
    return len(rows)


@transaction.atomic(durable=True)
def set_potential(
    employee: Employee, period: Period, *, level: str, source_text: str, by
) -> TalentPotential:
    """HR enters the potential of an employee without competency assessments,
    naming its source (e.g. a talent review meeting)."""
    from competency.models import Assessment

    _require_hr(by)
    period = _open_period(period.pk)
    if Assessment.objects.filter(employee=employee).exists():
        raise AppraisalError(
            _(
                "Pegawai ini sudah memiliki hasil asesmen kompetensi; potensinya "
                "dihitung dari asesmen itu."
            )
        )
    if not source_text.strip():
        raise AppraisalError(_("Sebutkan sumber penilaian potensi ini."))
    potential, _created = TalentPotential.objects.update_or_create(
        period=period,
        employee=employee,
        defaults={
            "level": _choice(rules.Potential, level),
            "source": TalentPotential.Source.HR_ENTRY,
            "source_text": source_text.strip(),
            "score": None,
            "set_by": by,
        },
    )
    return potential
