"""Writes that span rows or models: each runs in one transaction, locks in a fixed
order (positions by id, then employees by id), and leaves history intact."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Value
from django.db.models.functions import Concat, Substr
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from positions.dates import format_day
from positions.models import (
    BatchTransition,
    EducationHistory,
    EducationLevel,
    Employee,
    Move,
    OrgUnit,
    Placement,
    Position,
    Rank,
    RankHistory,
    RetirementRule,
    RotationBatch,
)
from positions.rotation import validate_batch
from sawahlunto_asn.accounts import roles
from sawahlunto_asn.notifications.models import Kind
from sawahlunto_asn.notifications.services import notify, users_with_role


class PlacementError(ValidationError):
    """A placement that would break a rule; the message is for the HR officer."""


# ---------------------------------------------------------------- org units


@transaction.atomic
def save_org_unit(unit: OrgUnit) -> OrgUnit:
    """Create or update a unit and keep the materialized path of its subtree."""
    parent = unit.parent
    if unit.pk is not None and parent is not None:
        old_path = OrgUnit.objects.values_list("path", flat=True).get(pk=unit.pk)
        if parent.path.startswith(old_path):
            raise ValidationError(
                {
                    "parent": _(
                        "Unit tidak dapat dipindahkan ke bawah unit turunannya sendiri."
                    )
                }
            )
    is_new = unit.pk is None
    old_path = (
        "" if is_new else OrgUnit.objects.values_list("path", flat=True).get(pk=unit.pk)
    )
    unit.save()
    new_path = (parent.path if parent else "") + unit.path_segment()
    new_depth = parent.depth + 1 if parent else 0
    if is_new or new_path != old_path:
        if old_path:
            # One UPDATE re-roots the whole subtree under the new prefix.
            OrgUnit.objects.filter(path__startswith=old_path).exclude(
                pk=unit.pk
            ).update(path=Concat(Value(new_path), Substr("path", len(old_path) + 1)))
            for descendant in OrgUnit.objects.filter(path__startswith=new_path).exclude(
                pk=unit.pk
            ):
                depth = descendant.path.count("/") - 1
                if depth != descendant.depth:
                    OrgUnit.objects.filter(pk=descendant.pk).update(depth=depth)
        unit.path, unit.depth = new_path, new_depth
        OrgUnit.objects.filter(pk=unit.pk).update(path=new_path, depth=new_depth)
    return unit


# ---------------------------------------------------------------- positions


def retirement_rule_for(kind: str, level: str) -> RetirementRule:
    rules = {(r.kind, r.level): r for r in RetirementRule.objects.filter(kind=kind)}
    rule = rules.get((kind, level)) or rules.get((kind, ""))
    if rule is None:
        raise ValidationError(
            _(
                "Batas usia pensiun untuk jenis jabatan ini belum diatur; lengkapi tabel batas usia pensiun."
            )
        )
    return rule


@transaction.atomic
def save_position(position: Position) -> Position:
    """Save a position with the retirement rule that its kind and level select."""
    position.retirement_rule = retirement_rule_for(position.kind, position.level)
    position.save()
    return position


# ---------------------------------------------------------------- placements


def peak_load(
    placements: list[Placement], start: date, end: date | None
) -> tuple[int, date]:
    """Most placements holding at once within [start, end], and the first day it happens."""
    events: dict[date, int] = {}
    for p in placements:
        begin = max(p.start_date, start)
        events[begin] = events.get(begin, 0) + 1
        if p.end_date is not None:
            events[p.end_date + timedelta(days=1)] = (
                events.get(p.end_date + timedelta(days=1), 0) - 1
            )
    peak, peak_day, running = 0, start, 0
    for day in sorted(events):
        if end is not None and day > end:
            break
        running += events[day]
        if running > peak:
            peak, peak_day = running, day
    return peak, peak_day


def check_capacity(
    position: Position, start: date, end: date | None, *, adding: int = 1
) -> None:
    """Refuse when `adding` more definitive holders would exceed the needs on any day.

    The caller holds the position's row lock, so a concurrent placement into the
    same position waits and then sees this one.
    """
    taken = list(
        Placement.objects.definitive().filter(position=position).overlapping(start, end)
    )
    peak, day = peak_load(taken, start, end)
    if peak + adding > position.needs:
        raise PlacementError(
            _(
                "Jabatan %(title)s sudah terisi penuh pada %(day)s: kebutuhan %(needs)s orang, "
                "sudah ada %(taken)s pemangku definitif."
            )
            % {
                "title": position.title,
                "day": format_day(day),
                "needs": position.needs,
                "taken": peak,
            }
        )


def check_no_overlap(
    employee: Employee, start: date, end: date | None, *, ignore=()
) -> None:
    clash = (
        Placement.objects.definitive()
        .filter(employee=employee)
        .overlapping(start, end)
        .exclude(pk__in=[p.pk for p in ignore])
        .select_related("position")
        .first()
    )
    if clash is not None:
        until = format_day(clash.end_date) if clash.end_date else _("sekarang")
        raise PlacementError(
            _(
                "%(name)s sudah memegang jabatan definitif %(title)s (%(start)s s.d. %(until)s) "
                "yang bertumpang tindih dengan tanggal ini."
            )
            % {
                "name": employee.name,
                "title": clash.position.title,
                "start": format_day(clash.start_date),
                "until": until,
            }
        )


def place_employee(**kwargs) -> Placement:
    """Entry point for one placement from a view: its own durable transaction."""
    with transaction.atomic(durable=True):
        return apply_placement(**kwargs)


def apply_placement(
    *,
    employee: Employee,
    position: Position,
    start_date: date,
    end_date: date | None = None,
    kind: str = Placement.Kind.DEFINITIF,
    decree_number: str = "",
    decree_date: date | None = None,
    close_current: bool = True,
) -> Placement:
    """Start a placement inside the caller's transaction (an import runs many).

    For a definitive one, the employee's open definitive placement that began
    earlier is ended the day before (a move), the seat count is checked under
    the position's lock, and overlaps are refused.
    """
    assert transaction.get_connection().in_atomic_block, "call inside a transaction"
    if end_date is not None and end_date < start_date:
        raise PlacementError(_("Tanggal berakhir tidak boleh sebelum TMT jabatan."))
    position = Position.objects.select_for_update().get(pk=position.pk)
    employee = Employee.objects.select_for_update().get(pk=employee.pk)
    to_close: list[Placement] = []
    if kind == Placement.Kind.DEFINITIF:
        if close_current:
            to_close = list(
                Placement.objects.definitive()
                .filter(employee=employee, start_date__lt=start_date)
                .overlapping(start_date, end_date)
                .filter(end_date__isnull=True)
            )
        check_no_overlap(employee, start_date, end_date, ignore=to_close)
        check_capacity(position, start_date, end_date)
    for previous in to_close:
        previous.end_date = start_date - timedelta(days=1)
        previous.save(update_fields=["end_date"])
    placement = Placement(
        employee=employee,
        position=position,
        kind=kind,
        start_date=start_date,
        end_date=end_date,
        decree_number=decree_number,
        decree_date=decree_date,
    )
    try:
        with transaction.atomic():
            placement.save()
    except IntegrityError as exc:
        # The exclusion constraint is the last word when a check above raced.
        raise PlacementError(
            _(
                "Pegawai ini sudah memegang jabatan definitif lain pada rentang tanggal itu."
            )
        ) from exc
    return placement


@transaction.atomic(durable=True)
def end_placement(placement: Placement, end_date: date) -> Placement:
    placement = Placement.objects.select_for_update().get(pk=placement.pk)
    if end_date < placement.start_date:
        raise PlacementError(_("Tanggal berakhir tidak boleh sebelum TMT jabatan."))
    if placement.end_date is not None and end_date > placement.end_date:
        raise PlacementError(
            _(
                "Penempatan ini sudah berakhir %(d)s; masa jabatan tidak dapat diperpanjang di sini."
            )
            % {"d": format_day(placement.end_date)}
        )
    placement.end_date = end_date
    placement.save(update_fields=["end_date"])
    return placement


# ---------------------------------------------------------------- careers


def refresh_latest_rank(employee: Employee) -> None:
    latest = employee.rank_history.order_by("-effective_date").first()
    employee.rank = latest.rank if latest else None
    employee.rank_date = latest.effective_date if latest else None
    employee.save(update_fields=["rank", "rank_date"])


def refresh_highest_education(employee: Employee) -> None:
    best = (
        employee.education_history.select_related("level")
        .order_by("-level__ordinal")
        .first()
    )
    employee.education = best.level if best else None
    employee.save(update_fields=["education"])


@transaction.atomic
def record_rank(
    employee: Employee,
    rank: Rank,
    effective_date: date,
    decree_number: str = "",
    decree_date: date | None = None,
) -> RankHistory:
    scheme = "PPPK" if employee.status in Employee.PPPK_STATUSES else "PNS"
    if rank.scheme != scheme:
        raise ValidationError(
            {
                "rank": _("Golongan %(g)s tidak berlaku untuk pegawai berstatus %(s)s.")
                % {"g": rank.grade, "s": employee.get_status_display()}
            }
        )
    if employee.rank_history.filter(effective_date=effective_date).exists():
        raise ValidationError(
            {
                "effective_date": _("Sudah ada riwayat pangkat dengan TMT %(d)s.")
                % {"d": format_day(effective_date)}
            }
        )
    entry = RankHistory.objects.create(
        employee=employee,
        rank=rank,
        effective_date=effective_date,
        decree_number=decree_number,
        decree_date=decree_date,
    )
    refresh_latest_rank(employee)
    return entry


@transaction.atomic
def record_education(
    employee: Employee,
    level: EducationLevel,
    graduation_year: int,
    major: str = "",
    institution: str = "",
) -> EducationHistory:
    entry = EducationHistory.objects.create(
        employee=employee,
        level=level,
        graduation_year=graduation_year,
        major=major,
        institution=institution,
    )
    refresh_highest_education(employee)
    return entry


# ---------------------------------------------------------------- rotation batches


class RotationError(ValidationError):
    """A batch step that cannot be taken; the message says why, in Indonesian."""


# Who decides next after each step: the Tim reviews a submitted batch, the PPK a
# recommended one.
NEXT_DECIDERS = {"submit": roles.REVIEWER, "recommend": roles.PPK}

STEP_FIELDS = {
    "recommend": ("minutes_number", "minutes_date"),
    "decree": ("decree_number", "decree_date", "decree_signatory"),
}


@transaction.atomic(durable=True)
def transition_batch(
    batch: RotationBatch,
    action: str,
    *,
    actor,
    comment: str = "",
    recommendations: Mapping[int, str] | None = None,
    **fields,
) -> RotationBatch:
    """Move a batch one step along the approval path and record who did it.

    `recommendations` maps move ids to the Tim Penilai Kinerja's view of each move:
    required for every move to recommend, optional when returning (it tells the
    officer which moves to rework). The row is locked first, so two officers
    clicking at once cannot both act on the same status.
    """
    batch = RotationBatch.objects.select_for_update().get(pk=batch.pk)
    if action == "execute":
        raise RotationError(_("Pelaksanaan usulan memakai layanan pelaksanaan."))
    if not batch.can(action, actor):
        raise RotationError(
            _(
                "Tindakan ini tidak dapat dilakukan pada usulan berstatus %(s)s oleh Anda."
            )
            % {"s": batch.get_status_display()}
        )
    if action == "submit":
        report = validate_batch(batch)
        if not report.moves:
            raise RotationError(_("Usulan belum berisi perpindahan."))
        if not report.can_proceed:
            raise RotationError(
                _(
                    "Usulan belum dapat diajukan: perbaiki semua kesalahan dan beri alasan "
                    "untuk setiap peringatan."
                )
            )
    if action in ("return", "reject") and not comment.strip():
        raise RotationError(_("Tuliskan alasan pengembalian atau penolakan."))
    missing = [name for name in STEP_FIELDS.get(action, ()) if not fields.get(name)]
    if missing:
        labels = ", ".join(
            str(RotationBatch._meta.get_field(n).verbose_name) for n in missing
        )
        raise RotationError(_("Lengkapi dahulu: %(f)s.") % {"f": labels})
    if (
        action == "decree"
        and settings.ROTATION_REQUIRE_PERTEK
        and not batch.pertek_number
    ):
        raise RotationError(_("Pertimbangan teknis BKN (pertek) belum dicatat."))
    if action in ("recommend", "return"):
        _record_recommendations(batch, action, recommendations or {})
    elif action == "submit":
        # A resubmitted batch is reviewed afresh: last round's views no longer apply.
        batch.moves.exclude(recommendation="").update(recommendation="")
    previous = batch.status
    batch.status = RotationBatch.TRANSITIONS[action][1]
    for name, value in fields.items():
        setattr(batch, name, value)
    batch.save(update_fields=["status", *fields])
    BatchTransition.objects.create(
        batch=batch,
        action=action,
        from_status=previous,
        to_status=batch.status,
        actor=actor,
        comment=comment,
    )
    if action in NEXT_DECIDERS:
        notify(
            users_with_role(NEXT_DECIDERS[action]),
            Kind.BATCH_DECISION,
            title=_("Usulan mutasi menunggu keputusan Anda: %(t)s")
            % {"t": batch.title},
            body=_("Status: %(s)s.") % {"s": batch.get_status_display()},
            url=reverse("positions:batch_detail", args=[batch.pk]),
        )
    return batch


def _record_recommendations(
    batch: RotationBatch, action: str, recommendations: Mapping[int, str]
) -> None:
    """One UPDATE per recommendation value, whatever the number of moves."""
    valid = set(Move.Recommendation.values)
    given = {pk: value for pk, value in recommendations.items() if value in valid}
    if action == "recommend":
        missing = batch.moves.exclude(pk__in=list(given)).count()
        if missing:
            raise RotationError(
                _("Isi rekomendasi Tim untuk setiap perpindahan (%(n)d belum diisi).")
                % {"n": missing}
            )
    for value in valid:
        ids = [pk for pk, v in given.items() if v == value]
        if ids:
            batch.moves.filter(pk__in=ids).update(recommendation=value)


@transaction.atomic(durable=True)
def execute_rotation_batch(batch: RotationBatch, *, actor=None) -> RotationBatch:
    """Carry out every move of a decreed batch at once, or none of them.

    Old placements end the day before the TMT and new ones start on it, carrying
    the decree. Locks: the batch, then positions by id, then employees by id. The
    number of queries does not depend on the number of moves.
    """
    batch = RotationBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.status == RotationBatch.Status.EXECUTED:
        raise RotationError(_("Usulan ini sudah dilaksanakan."))
    if batch.status != RotationBatch.Status.DECREED:
        raise RotationError(
            _(
                "Usulan berstatus %(s)s belum dapat dilaksanakan; SK harus ditetapkan dahulu."
            )
            % {"s": batch.get_status_display()}
        )
    moves = list(batch.moves.select_related("employee", "from_position", "to_position"))
    position_ids = sorted(
        {m.from_position_id for m in moves if m.from_position_id}
        | {m.to_position_id for m in moves if m.to_position_id}
    )
    list(
        Position.objects.select_for_update().filter(pk__in=position_ids).order_by("pk")
    )
    employee_ids = sorted(m.employee_id for m in moves)
    list(
        Employee.objects.select_for_update().filter(pk__in=employee_ids).order_by("pk")
    )

    report = validate_batch(batch, moves)
    if report.has_errors:
        problems = [
            f"{r.move.employee.name}: {f.message}"
            for r in report.moves
            for f in r.errors
        ]
        raise RotationError(
            [_("Usulan tidak dilaksanakan; tidak ada yang berubah."), *problems]
        )
    tmt = batch.effective_date
    leaving = {m.employee_id for m in moves if m.from_position_id}
    current = list(
        Placement.objects.definitive()
        .filter(employee_id__in=leaving, start_date__lt=tmt)
        .overlapping(tmt, None)
        .order_by("pk")
    )
    Placement.objects.filter(pk__in=[p.pk for p in current]).update(
        end_date=tmt - timedelta(days=1)
    )
    try:
        with transaction.atomic():
            Placement.objects.bulk_create(
                Placement(
                    employee_id=m.employee_id,
                    position_id=m.to_position_id,
                    kind=Placement.Kind.DEFINITIF,
                    start_date=tmt,
                    decree_number=batch.decree_number,
                    decree_date=batch.decree_date,
                )
                for m in moves
                if m.to_position_id
            )
    except IntegrityError as exc:
        raise RotationError(
            _(
                "Usulan tidak dilaksanakan: ada pegawai yang masih memegang jabatan lain pada TMT."
            )
        ) from exc
    previous = batch.status
    batch.status = RotationBatch.Status.EXECUTED
    batch.executed_at = timezone.now()
    batch.save(update_fields=["status", "executed_at"])
    BatchTransition.objects.create(
        batch=batch,
        action="execute",
        from_status=previous,
        to_status=batch.status,
        actor=actor,
    )
    return batch


def execute_due_batches(
    day: date | None = None,
) -> tuple[list[RotationBatch], list[str]]:
    """Execute every decreed batch whose TMT has come; one transaction each."""
    day = day or timezone.localdate()
    done, failed = [], []
    due = RotationBatch.objects.filter(
        status=RotationBatch.Status.DECREED, effective_date__lte=day
    ).order_by("effective_date", "pk")
    for batch in due:
        try:
            done.append(execute_rotation_batch(batch))
        except RotationError as exc:
            failed.append(f"{batch}: {'; '.join(exc.messages)}")
    return done, failed


def _editable(batch: RotationBatch) -> RotationBatch:
    batch = RotationBatch.objects.select_for_update().get(pk=batch.pk)
    if not batch.is_editable:
        raise RotationError(
            _("Usulan berstatus %(s)s tidak dapat diubah; kembalikan ke draf dahulu.")
            % {"s": batch.get_status_display()}
        )
    return batch


@transaction.atomic(durable=True)
def add_move(
    batch: RotationBatch,
    *,
    employee: Employee,
    kind: str,
    to_position: Position | None,
    reason: str,
) -> Move:
    """Add a move; the from position is the post the employee holds on the TMT."""
    batch = _editable(batch)
    if batch.moves.filter(employee=employee).exists():
        raise RotationError(_("Pegawai ini sudah ada dalam usulan yang sama."))
    from_position = None
    if kind != Move.Kind.MUTASI_MASUK:
        current = (
            Placement.objects.definitive()
            .on(batch.effective_date)
            .filter(employee=employee)
            .select_related("position")
            .first()
        )
        if current is None:
            raise RotationError(
                _("%(n)s tidak memegang jabatan definitif pada TMT usulan.")
                % {"n": employee.name}
            )
        from_position = current.position
    if kind == Move.Kind.MUTASI_KELUAR:
        to_position = None
    elif to_position is None:
        raise RotationError(_("Jabatan tujuan wajib diisi."))
    if from_position is not None and from_position == to_position:
        raise RotationError(_("Jabatan tujuan harus berbeda dari jabatan asal."))
    return Move.objects.create(
        batch=batch,
        employee=employee,
        kind=kind,
        from_position=from_position,
        to_position=to_position,
        reason=reason,
    )


@transaction.atomic(durable=True)
def remove_move(move: Move) -> None:
    _editable(move.batch)
    move.delete()


@transaction.atomic(durable=True)
def acknowledge_move(move: Move, reason: str) -> Move:
    _editable(move.batch)
    move.acknowledged_reason = reason.strip()
    move.save(update_fields=["acknowledged_reason"])
    return move
