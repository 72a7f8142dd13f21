"""Forum meetings and their commitments: every write that spans rows or needs a
lock. Each refusal is a CommunityError with an Indonesian message and leaves
nothing behind.

Lock order, always: Meeting, then MeetingRegistration; Commitment alone.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from community.errors import CommunityError
from community.identity import ensure_may_post
from community.models import (
    Commitment,
    CommitmentStatus,
    CommitmentUpdate,
    Meeting,
    MeetingRegistration,
)
from community.models.meetings import PROGRESS_MAX, may_manage_meetings
from positions.dates import format_day
from positions.models import OrgUnit
from sawahlunto_asn.accounts import roles

OPEN_STATUSES = (CommitmentStatus.PLANNED, CommitmentStatus.IN_PROGRESS)


def _require_manager(by) -> None:
    if not may_manage_meetings(by):
        raise CommunityError(
            _("Hanya BKPSDM atau moderator yang dapat mengelola forum diskusi publik.")
        )


def _locked(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_for_update().get(pk=meeting.pk)


# ---------------------------------------------------------------- meetings


@transaction.atomic(durable=True)
def save_meeting(meeting: Meeting, *, by) -> Meeting:
    """Create or change a meeting; the capacity never drops below the seats taken."""
    _require_manager(by)
    if meeting.pk is None:
        meeting.created_by = by
        meeting.full_clean()
        meeting.save()
        return meeting
    current = _locked(meeting)
    if current.minutes_published_at is not None and meeting.status != current.status:
        raise CommunityError(
            _("Status forum yang notulennya sudah terbit tidak dapat diubah.")
        )
    if meeting.status == Meeting.Status.HELD and not current.has_started():
        raise CommunityError(
            _("Forum belum dimulai, jadi belum dapat dinyatakan terlaksana.")
        )
    taken = current.registrations.count()
    if meeting.capacity is not None and meeting.capacity < taken:
        raise CommunityError(
            _("Kapasitas tidak boleh kurang dari %(n)s warga yang sudah mendaftar.")
            % {"n": taken}
        )
    # Minutes are written only through publish_minutes.
    meeting.minutes = current.minutes
    meeting.minutes_published_at = current.minutes_published_at
    meeting.created_by_id = current.created_by_id
    meeting.full_clean()
    meeting.save()
    return meeting


@transaction.atomic(durable=True)
def publish_minutes(meeting: Meeting, *, minutes: str, by) -> Meeting:
    """The meeting is held and its minutes are public; a later call corrects them."""
    _require_manager(by)
    meeting = _locked(meeting)
    minutes = minutes.strip()
    if not minutes:
        raise CommunityError(_("Notulen tidak boleh kosong."))
    if meeting.status == Meeting.Status.CANCELLED:
        raise CommunityError(_("Forum yang dibatalkan tidak memiliki notulen."))
    if not meeting.has_started():
        raise CommunityError(
            _("Notulen baru dapat diterbitkan setelah forum dimulai pada %(d)s.")
            % {"d": format_day(timezone.localtime(meeting.starts_at).date())}
        )
    meeting.status = Meeting.Status.HELD
    meeting.minutes = minutes
    meeting.minutes_published_at = meeting.minutes_published_at or timezone.now()
    meeting.save(update_fields=["status", "minutes", "minutes_published_at"])
    return meeting


# ---------------------------------------------------------------- registration


def _require_citizen(user) -> None:
    if not (user.is_authenticated and user.has_perm(roles.CITIZEN.perm)):
        raise CommunityError(_("Hanya akun warga yang dapat mendaftar forum."))


@transaction.atomic(durable=True)
def register_for_meeting(meeting: Meeting, *, citizen) -> MeetingRegistration:
    """The citizen holds a seat. The meeting row is locked first, so two citizens
    racing for the last seat cannot both get it."""
    _require_citizen(citizen)
    meeting = _locked(meeting)
    ensure_may_post(citizen)
    if meeting.status == Meeting.Status.CANCELLED:
        raise CommunityError(_("Forum ini dibatalkan."))
    if meeting.has_started() or meeting.status != Meeting.Status.PLANNED:
        raise CommunityError(_("Pendaftaran ditutup: forum ini sudah dimulai."))
    if not meeting.registration_open:
        raise CommunityError(_("Pendaftaran forum ini ditutup oleh penyelenggara."))
    if meeting.registrations.filter(user=citizen).exists():
        raise CommunityError(_("Anda sudah terdaftar pada forum ini."))
    if (
        meeting.capacity is not None
        and meeting.registrations.count() >= meeting.capacity
    ):
        raise CommunityError(
            _(
                "Maaf, kursi forum ini sudah penuh (%(n)s peserta). Bila ada "
                "pendaftar yang membatalkan, kursinya dapat Anda ambil di halaman "
                "ini."
            )
            % {"n": meeting.capacity}
        )
    return MeetingRegistration.objects.create(meeting=meeting, user=citizen)


@transaction.atomic(durable=True)
def unregister_from_meeting(meeting: Meeting, *, citizen) -> None:
    """The citizen's seat is freed; only before the meeting begins."""
    meeting = _locked(meeting)
    registration = (
        MeetingRegistration.objects.select_for_update()
        .filter(meeting=meeting, user_id=citizen.pk)
        .first()
    )
    if registration is None:
        raise CommunityError(_("Anda tidak terdaftar pada forum ini."))
    if meeting.has_started():
        raise CommunityError(
            _("Pendaftaran tidak dapat dibatalkan setelah forum dimulai.")
        )
    registration.delete()


@transaction.atomic(durable=True)
def record_attendance(meeting: Meeting, *, attended_ids: Iterable[int], by) -> int:
    """Exactly the registrations in `attended_ids` are marked present; returns
    how many came. Only once the meeting has begun."""
    _require_manager(by)
    meeting = _locked(meeting)
    if meeting.status == Meeting.Status.CANCELLED:
        raise CommunityError(_("Forum yang dibatalkan tidak memiliki daftar hadir."))
    if not meeting.has_started():
        raise CommunityError(_("Kehadiran dapat dicatat setelah forum dimulai."))
    registrations = meeting.registrations.select_for_update().order_by("pk")
    ids = set(attended_ids)
    unknown = ids - set(registrations.values_list("pk", flat=True))
    if unknown:
        raise CommunityError(_("Ada peserta yang tidak terdaftar pada forum ini."))
    registrations.filter(pk__in=ids).update(attended=True)
    registrations.exclude(pk__in=ids).update(attended=False)
    return len(ids)


# ---------------------------------------------------------------- commitments


def _check_progress(status: str, progress: int) -> None:
    if not 0 <= progress <= PROGRESS_MAX:
        raise CommunityError(_("Kemajuan harus antara 0 dan 100 persen."))
    if status == CommitmentStatus.DONE and progress != PROGRESS_MAX:
        raise CommunityError(_("Komitmen yang selesai harus berkemajuan 100 persen."))


@transaction.atomic(durable=True)
def add_commitment(
    meeting: Meeting,
    *,
    description: str,
    unit: OrgUnit,
    due_date: date,
    is_public: bool = True,
    by,
) -> Commitment:
    """A commitment of a held meeting, with the first row of its history."""
    _require_manager(by)
    meeting = _locked(meeting)
    description = description.strip()
    if not description:
        raise CommunityError(_("Uraian komitmen tidak boleh kosong."))
    if meeting.status != Meeting.Status.HELD:
        raise CommunityError(_("Komitmen dicatat untuk forum yang sudah terlaksana."))
    if not unit.is_active:
        raise CommunityError(_("Unit penanggung jawab tidak aktif."))
    commitment = Commitment.objects.create(
        meeting=meeting,
        description=description,
        unit=unit,
        due_date=due_date,
        is_public=is_public,
        created_by=by,
    )
    CommitmentUpdate.objects.create(
        commitment=commitment,
        date=timezone.localdate(),
        status=commitment.status,
        progress=commitment.progress,
        note=_("Komitmen dicatat dari forum."),
        by=by,
    )
    return commitment


@transaction.atomic(durable=True)
def post_commitment_update(
    commitment: Commitment,
    *,
    status: str,
    progress: int,
    note: str,
    by,
    on: date | None = None,
) -> CommitmentUpdate:
    """A new row of the commitment's history; the commitment shows its values."""
    if not Commitment.objects.updatable_by(by).filter(pk=commitment.pk).exists():
        raise CommunityError(
            _(
                "Hanya BKPSDM atau petugas unit penanggung jawab yang dapat "
                "melaporkan perkembangan komitmen ini."
            )
        )
    commitment = Commitment.objects.select_for_update().get(pk=commitment.pk)
    on = on or timezone.localdate()
    note = note.strip()
    if status not in CommitmentStatus.values:
        raise CommunityError(_("Status komitmen tidak dikenal."))
    _check_progress(status, progress)
    if on > timezone.localdate():
        raise CommunityError(_("Tanggal perkembangan tidak boleh di masa depan."))
    if on < timezone.localtime(commitment.created_at).date():
        raise CommunityError(
            _("Tanggal perkembangan tidak boleh sebelum komitmen dicatat.")
        )
    if status == CommitmentStatus.DROPPED and not note:
        raise CommunityError(_("Tuliskan alasan komitmen dibatalkan."))
    if status == commitment.status and progress == commitment.progress and not note:
        raise CommunityError(
            _("Tidak ada perubahan: ubah status, kemajuan, atau tulis keterangan.")
        )
    update = CommitmentUpdate.objects.create(
        commitment=commitment,
        date=on,
        status=status,
        progress=progress,
        note=note,
        by=by,
    )
    commitment.status = status
    commitment.progress = progress
    commitment.save(update_fields=["status", "progress", "updated_at"])
    return update


# ---------------------------------------------------------------- personal data


def personal_data(user) -> list[dict]:
    """The user's meeting registrations, for the download of his own data."""
    rows = (
        MeetingRegistration.objects.filter(user_id=user.pk)
        .select_related("meeting")
        .order_by("created_at", "pk")
    )
    return [
        {
            "jenis": "pendaftaran forum diskusi publik",
            "forum": row.meeting.title,
            "mulai": timezone.localtime(row.meeting.starts_at).isoformat(),
            "tempat": row.meeting.place,
            "mendaftar_pada": timezone.localtime(row.created_at).isoformat(),
            "hadir": row.attended,
        }
        for row in rows
    ]


@transaction.atomic
def erase_personal_data(user) -> None:
    """No registration names the user any more: seats at meetings still to come
    are freed, past ones kept without the account so attendance still counts.

    Not durable: the account deletion calls it inside its own transaction."""
    rows = MeetingRegistration.objects.filter(user_id=user.pk)
    now = timezone.now()
    rows.filter(meeting__starts_at__gt=now).delete()
    rows.update(user=None)
