"""Writes with rules: assessments, registrations with their waiting list, attendance,
completion, evaluation and external learning.

Every use case runs in one durable transaction. Seats are counted under the
event's row lock, so concurrent registrations for the last seat queue up behind
each other and capacity is never exceeded; locks are taken event first, then
registration. Refusals raise CompetencyError with a message for the user.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from competency import gaps, jp
from competency.models import (
    LEVEL_MAX,
    LEVEL_MIN,
    Assessment,
    Attendance,
    Competency,
    Evaluation,
    ExternalLearning,
    Registration,
    TrainingEvent,
    UnitGapSummary,
    YearlyJp,
)
from competency.querysets import is_hr
from positions.dates import format_day
from positions.models import Employee
from sawahlunto_asn.accounts import roles
from sawahlunto_asn.notifications.models import Kind
from sawahlunto_asn.notifications.services import notify


class CompetencyError(ValidationError):
    """A step the rules refuse; the message says why, in Indonesian."""


def _require_hr(by) -> None:
    if not is_hr(by):
        raise CompetencyError(_("Hanya petugas BKPSDM yang dapat melakukan ini."))


def _in_scope(by, employee_id: int) -> bool:
    """HR, the employee himself, or a supervisor above him."""
    return Employee.objects.visible_to(by).filter(pk=employee_id).exists()


def _is_self(by, employee: Employee) -> bool:
    return by.is_authenticated and employee.user_id == by.pk


# ---------------------------------------------------------------- assessments


@transaction.atomic(durable=True)
def record_assessment(
    employee: Employee,
    *,
    competency: Competency,
    level: int,
    assessed_on: date,
    method: str,
    by,
    assessor=None,
    assessor_name: str = "",
    notes: str = "",
) -> Assessment:
    """Add an assessment; earlier ones stay as history and the latest one counts.

    HR records any method; a supervisor only his own evaluation of a subordinate.
    """
    if not is_hr(by):
        allowed = (
            method == Assessment.Method.SUPERVISOR
            and by.has_perm(roles.SUPERVISOR.perm)
            and not _is_self(by, employee)
            and _in_scope(by, employee.pk)
        )
        if not allowed:
            raise CompetencyError(
                _("Anda tidak berwenang mencatat asesmen untuk pegawai ini.")
            )
    if not LEVEL_MIN <= level <= LEVEL_MAX:
        raise CompetencyError(
            _("Level kompetensi harus %(low)s sampai %(high)s.")
            % {"low": LEVEL_MIN, "high": LEVEL_MAX}
        )
    if assessed_on > timezone.localdate():
        raise CompetencyError(_("Tanggal asesmen tidak boleh di masa depan."))
    if not competency.is_active:
        raise CompetencyError(_("Kompetensi %(c)s tidak aktif.") % {"c": competency})
    if assessor is None and method == Assessment.Method.SUPERVISOR:
        assessor = by
    return Assessment.objects.create(
        employee=employee,
        competency=competency,
        level=level,
        assessed_on=assessed_on,
        method=method,
        assessor=assessor,
        assessor_name=assessor_name.strip() or (str(assessor) if assessor else ""),
        notes=notes,
    )


# ---------------------------------------------------------------- registration


def _fill_seats(event: TrainingEvent) -> list[Registration]:
    """Move the head of the waiting list into the free seats; the event is locked."""
    if event.end_date < timezone.localdate():
        return []  # nobody is promoted into an event that is already over
    free = event.capacity - event.registrations.seated().count()
    if free <= 0:
        return []
    promoted = list(event.registrations.waitlisted()[:free])
    Registration.objects.filter(pk__in=[r.pk for r in promoted]).update(
        status=Registration.Status.REGISTERED, waitlist_position=None
    )
    for registration in promoted:
        registration.status = Registration.Status.REGISTERED
        registration.waitlist_position = None
    return promoted


@transaction.atomic(durable=True)
def register(
    event: TrainingEvent,
    employee: Employee,
    *,
    by,
    source: str = Registration.Source.SELF,
) -> Registration:
    """Give the employee a seat, or a place at the end of the waiting list when full.

    SELF: only the employee himself. NOMINATED: HR, or a supervisor for a
    subordinate. Refused after the registration deadline.
    """
    event = TrainingEvent.objects.select_for_update().get(pk=event.pk)
    if source == Registration.Source.SELF:
        if not _is_self(by, employee):
            raise CompetencyError(
                _("Pendaftaran mandiri hanya dapat dilakukan oleh pegawai sendiri.")
            )
    elif not (
        is_hr(by) or (by.has_perm(roles.SUPERVISOR.perm) and _in_scope(by, employee.pk))
    ):
        raise CompetencyError(_("Anda tidak berwenang menunjuk pegawai ini."))
    if not employee.is_active:
        raise CompetencyError(_("Pegawai ini tidak aktif."))
    if timezone.localdate() > event.registration_deadline:
        raise CompetencyError(
            _("Pendaftaran kegiatan ini sudah ditutup pada %(d)s.")
            % {"d": format_day(event.registration_deadline)}
        )
    if event.registrations.active().filter(employee=employee).exists():
        raise CompetencyError(_("Pegawai ini sudah terdaftar pada kegiatan tersebut."))
    registration = Registration(
        event=event,
        employee=employee,
        source=source,
        nominated_by=by if source == Registration.Source.NOMINATED else None,
    )
    if event.registrations.seated().count() < event.capacity:
        registration.status = Registration.Status.REGISTERED
    else:
        last = event.registrations.waitlisted().aggregate(last=Max("waitlist_position"))
        registration.status = Registration.Status.WAITLISTED
        registration.waitlist_position = (last["last"] or 0) + 1
    registration.save()
    if source == Registration.Source.NOMINATED:
        notify(
            [employee.user_id],
            Kind.TRAINING_NOMINATION,
            title=_("Anda ditunjuk mengikuti %(event)s") % {"event": event},
            body=_("Status: %(s)s.") % {"s": registration.get_status_display()},
            url=reverse("competency:event_detail", args=[event.pk]),
        )
    return registration


@transaction.atomic(durable=True)
def cancel(registration: Registration, *, by) -> Registration:
    """Cancel a seat or a waiting-list place; a freed seat goes to the first waiting."""
    event = TrainingEvent.objects.select_for_update().get(pk=registration.event_id)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if not _in_scope(by, registration.employee_id):
        raise CompetencyError(_("Anda tidak berwenang membatalkan pendaftaran ini."))
    if registration.status == Registration.Status.CANCELLED:
        raise CompetencyError(_("Pendaftaran ini sudah dibatalkan."))
    if registration.status == Registration.Status.COMPLETED:
        raise CompetencyError(_("Pelatihan yang sudah selesai tidak dapat dibatalkan."))
    held_seat = registration.status == Registration.Status.REGISTERED
    registration.status = Registration.Status.CANCELLED
    registration.waitlist_position = None
    registration.cancelled_at = timezone.now()
    registration.cancelled_by = by
    registration.save(
        update_fields=["status", "waitlist_position", "cancelled_at", "cancelled_by"]
    )
    if held_seat:
        _fill_seats(event)
    return registration


@transaction.atomic(durable=True)
def change_capacity(event: TrainingEvent, capacity: int, *, by) -> TrainingEvent:
    """Set the number of seats; added seats go to the waiting list in order."""
    _require_hr(by)
    event = TrainingEvent.objects.select_for_update().get(pk=event.pk)
    seated = event.registrations.seated().count()
    if capacity < max(seated, 1):
        raise CompetencyError(
            _("Kapasitas tidak boleh kurang dari %(n)s peserta yang sudah terdaftar.")
            % {"n": max(seated, 1)}
        )
    event.capacity = capacity
    event.save(update_fields=["capacity"])
    _fill_seats(event)
    return event


# ---------------------------------------------------------------- during and after


@transaction.atomic(durable=True)
def record_attendance(
    event: TrainingEvent, day: date, present_employee_ids: Iterable[int], *, by
) -> list[Attendance]:
    """Write the day's attendance sheet: every seated participant, present or not.

    Recording the same day again replaces that day's sheet.
    """
    _require_hr(by)
    if not event.covers(day):
        raise CompetencyError(
            _("Tanggal %(d)s di luar jadwal kegiatan (%(s)s s.d. %(e)s).")
            % {
                "d": format_day(day),
                "s": format_day(event.start_date),
                "e": format_day(event.end_date),
            }
        )
    if day > timezone.localdate():
        raise CompetencyError(
            _("Kehadiran tidak dapat dicatat untuk tanggal yang belum tiba.")
        )
    present = set(present_employee_ids)
    seats = dict(
        event.registrations.seated().values_list("employee_id", "pk").order_by("pk")
    )
    strangers = present - seats.keys()
    if strangers:
        names = Employee.objects.filter(pk__in=strangers).values_list("name", flat=True)
        raise CompetencyError(
            _("Bukan peserta terdaftar kegiatan ini: %(names)s.")
            % {"names": ", ".join(sorted(names)) or ", ".join(map(str, strangers))}
        )
    now = timezone.now()
    rows = [
        Attendance(
            registration_id=registration_id,
            day=day,
            present=employee_id in present,
            recorded_by=by,
            recorded_at=now,
        )
        for employee_id, registration_id in seats.items()
    ]
    return Attendance.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["registration", "day"],
        update_fields=["present", "recorded_by", "recorded_at"],
    )


@transaction.atomic(durable=True)
def complete(
    registration: Registration,
    certificate_number: str,
    *,
    by,
    completed_on: date | None = None,
) -> Registration:
    """Mark a participant as having finished; his JP count from the event's end."""
    _require_hr(by)
    registration = (
        Registration.objects.select_for_update(of=("self",))
        .select_related("event")
        .get(pk=registration.pk)
    )
    event = registration.event
    if registration.status == Registration.Status.COMPLETED:
        raise CompetencyError(_("Peserta ini sudah dinyatakan selesai."))
    if registration.status != Registration.Status.REGISTERED:
        raise CompetencyError(
            _("Hanya peserta terdaftar yang dapat dinyatakan selesai.")
        )
    if timezone.localdate() < event.end_date:
        raise CompetencyError(
            _("Kegiatan belum selesai; penyelesaian dapat dicatat mulai %(d)s.")
            % {"d": format_day(event.end_date)}
        )
    certificate_number = certificate_number.strip()
    if not certificate_number:
        raise CompetencyError(_("Nomor sertifikat wajib diisi."))
    registration.status = Registration.Status.COMPLETED
    registration.certificate_number = certificate_number
    registration.completed_on = completed_on or event.end_date
    try:
        with transaction.atomic():
            registration.save(
                update_fields=["status", "certificate_number", "completed_on"]
            )
    except IntegrityError as exc:
        raise CompetencyError(
            _("Nomor sertifikat ini sudah dipakai pada kegiatan yang sama.")
        ) from exc
    recount_jp_for(registration.employee_id, event.end_date.year)
    return registration


@transaction.atomic(durable=True)
def evaluate(
    registration: Registration, *, rating: int, comments: str = "", by
) -> Evaluation:
    """Record the participant's evaluation form (once per registration)."""
    registration = (
        Registration.objects.select_for_update(of=("self",))
        .select_related("event", "employee")
        .get(pk=registration.pk)
    )
    if not (_is_self(by, registration.employee) or is_hr(by)):
        raise CompetencyError(_("Evaluasi hanya diisi oleh peserta sendiri."))
    if registration.status not in Registration.SEATED:
        raise CompetencyError(_("Hanya peserta kegiatan yang dapat mengisi evaluasi."))
    if timezone.localdate() < registration.event.start_date:
        raise CompetencyError(_("Evaluasi dapat diisi setelah kegiatan dimulai."))
    if not 1 <= rating <= 5:
        raise CompetencyError(_("Penilaian harus 1 sampai 5."))
    if Evaluation.objects.filter(registration=registration).exists():
        raise CompetencyError(_("Evaluasi untuk kegiatan ini sudah diisi."))
    return Evaluation.objects.create(
        registration=registration,
        rating=rating,
        comments=comments.strip(),
        submitted_at=timezone.now(),
    )


# ---------------------------------------------------------------- external learning


@transaction.atomic(durable=True)
def submit_external(
    employee: Employee,
    *,
    by,
    title: str,
    kind: str,
    jp: int,
    start_date: date,
    end_date: date,
    evidence,
    provider: str = "",
) -> ExternalLearning:
    """Record learning taken elsewhere, with its evidence, pending HR's verification."""
    if not (_is_self(by, employee) or is_hr(by)):
        raise CompetencyError(
            _("Pembelajaran eksternal dicatat oleh pegawai sendiri atau BKPSDM.")
        )
    if jp <= 0:
        raise CompetencyError(_("JP harus lebih dari nol."))
    if end_date < start_date:
        raise CompetencyError(_("Tanggal selesai tidak boleh sebelum tanggal mulai."))
    if end_date > timezone.localdate():
        raise CompetencyError(_("Kegiatan yang belum selesai belum dapat dicatat."))
    if not evidence:
        raise CompetencyError(_("Unggah bukti keikutsertaan (sertifikat)."))
    return ExternalLearning.objects.create(
        employee=employee,
        title=title.strip(),
        kind=kind,
        provider=provider.strip(),
        jp=jp,
        start_date=start_date,
        end_date=end_date,
        evidence=evidence,
    )


@transaction.atomic(durable=True)
def review_external(
    external: ExternalLearning, *, approve: bool, by, note: str = ""
) -> ExternalLearning:
    """Approve (its JP then count) or reject a pending submission."""
    _require_hr(by)
    external = ExternalLearning.objects.select_for_update().get(pk=external.pk)
    if external.status != ExternalLearning.Status.PENDING:
        raise CompetencyError(_("Pengajuan ini sudah diverifikasi."))
    note = note.strip()
    if not approve and not note:
        raise CompetencyError(_("Tuliskan alasan penolakan."))
    external.status = (
        ExternalLearning.Status.APPROVED
        if approve
        else ExternalLearning.Status.REJECTED
    )
    external.reviewed_by = by
    external.reviewed_at = timezone.now()
    external.review_note = note
    external.save(update_fields=["status", "reviewed_by", "reviewed_at", "review_note"])
    if approve:
        recount_jp_for(external.employee_id, external.end_date.year)
    return external


# ---------------------------------------------------------------- gap summary

# pg_advisory_xact_lock key: two refreshes at once would both delete, then insert twice.
GAP_SUMMARY_LOCK = 6_020_171


@transaction.atomic(durable=True)
def refresh_gap_summary(day: date | None = None) -> int:
    """Recount UnitGapSummary: every active employee's definitive post on `day`
    (default today) against its effective standard and his latest assessments,
    in one INSERT ... SELECT. Returns the number of (unit, competency) rows.

    The daily command `refresh_competency_gaps` runs it, and HR can from the
    report page; the report says when it was last counted."""
    day = day or timezone.localdate()
    sql = gaps.gap_summary_insert_sql(UnitGapSummary._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [GAP_SUMMARY_LOCK])
        cursor.execute(
            f"DELETE FROM {connection.ops.quote_name(UnitGapSummary._meta.db_table)}"
        )
        cursor.execute(sql, [day, day, day, timezone.now()])
        return cursor.rowcount


# ---------------------------------------------------------------- yearly JP

# pg_advisory_xact_lock key of the full recount.
JP_RECOUNT_LOCK = 6_020_172


def recount_jp_for(employee_id: int, year: int) -> None:
    """Bring one employee's YearlyJp for `year` up to date inside the caller's
    transaction. His row is locked first, so two completions for him at once
    recount one after the other and the second sees the first."""
    list(Employee.objects.select_for_update().filter(pk=employee_id))
    YearlyJp.objects.filter(employee_id=employee_id, year=year).delete()
    sql, params = jp.recount_sql(year, "= %s", [employee_id])
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


# Not durable: the demo loader calls it inside its own transaction, after a bulk load.
@transaction.atomic
def recount_all_jp(years: Iterable[int] | None = None) -> int:
    """Rebuild YearlyJp for `years` (default: every year with credits) from the
    completions and approved external learning, with today's caps. Run after the
    caps in settings change (`manage.py recount_jp`) and after a bulk load.
    Returns the number of rows written."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [JP_RECOUNT_LOCK])
    years = sorted(set(years)) if years is not None else jp.credit_years()
    written = 0
    YearlyJp.objects.filter(year__in=years).delete()
    with connection.cursor() as cursor:
        for year in years:
            sql, params = jp.recount_sql(year)
            cursor.execute(sql, params)
            written += cursor.rowcount
    return written
