"""Feedback workflow (issue 7, item 2): submit, verify or reject, assign, answer,
close, rate and reopen once; the photo check; figures per unit for the public
pages; a citizen's own data for download and erasure.

Each step locks the feedback row, checks who acts, computes the next deadline in
working days and writes its FeedbackEvent in the same transaction. Refusals are
CommunityError with an Indonesian message.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import PurePath

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, Q
from django.db.models.functions import Left
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from community.errors import CommunityError
from community.identity import ensure_may_post
from community.models import (
    Feedback,
    FeedbackAnswer,
    FeedbackEvent,
    Responder,
    Service,
)
from community.models.forum import ModerationLog, is_moderator
from community.services.forum import log_moderation
from community.workdays import add_working_days
from sawahlunto_asn.accounts import roles
from sawahlunto_asn.lib.private_files import kept_only_if_committed
from sawahlunto_asn.notifications.models import Kind
from sawahlunto_asn.notifications.services import notify

Status = Feedback.Status
Action = FeedbackEvent.Action

# Refuse pictures beyond this many pixels before decoding them: a small file can
# unpack into gigabytes (a decompression bomb).
MAX_PIXELS = 40_000_000
PHOTO_TYPES = {
    "JPEG": ("image/jpeg", (".jpg", ".jpeg"), ".jpg"),
    "PNG": ("image/png", (".png",), ".png"),
}


# ---------------------------------------------------------------- who may act


def is_hr(user) -> bool:
    return bool(user and user.is_authenticated and user.has_perm(roles.HR.perm))


def responder_unit_id(user) -> int | None:
    """The unit an active responder answers for, or None."""
    if not (user and user.is_authenticated):
        return None
    return (
        Responder.objects.filter(user=user, is_active=True)
        .values_list("unit_id", flat=True)
        .first()
    )


def sees_author(feedback: Feedback, user) -> bool:
    """Whether `user` may see who wrote it. An anonymous author is hidden from the
    public and from the unit's responders too (so nobody at the unit can single
    him out); moderators and HR see him, to deal with abuse."""
    if feedback.author_id is None:
        return False  # the account was deleted; templates show no name
    if not feedback.is_anonymous:
        return True
    if user is None or not user.is_authenticated:
        return False
    return feedback.author_id == user.pk or is_moderator(user) or is_hr(user)


def detail_flags(feedback: Feedback, user) -> dict[str, bool]:
    """What the detail page shows and offers this user (the services still check
    every step; these flags only hide buttons that would be refused)."""
    moderator, hr = is_moderator(user), is_hr(user)
    is_author = bool(user.is_authenticated and feedback.author_id == user.pk)
    in_unit = responder_unit_id(user) == feedback.unit_id
    status = feedback.status
    waiting = status in (Status.VERIFIED, Status.ASSIGNED)
    answered = status in (Status.ANSWERED, Status.CLOSED)
    return {
        "is_author": is_author,
        "hide_author": not sees_author(feedback, user),
        # The text as written and the names in the history: author, moderators
        # and HR. The unit works from the masked text like the public.
        "show_private": is_author or moderator or hr,
        "show_history_notes": is_author or moderator or hr or in_unit,
        # Which officer took each step is the office's business, not the public's.
        "show_actors": moderator or hr,
        "can_verify": moderator and status == Status.NEW,
        "can_reject": moderator and (status == Status.NEW or waiting),
        "can_redact": moderator and status != Status.REJECTED,
        "can_field_check": moderator
        and waiting
        and feedback.category == Feedback.Category.COMPLAINT
        and not feedback.needs_field_check,
        "can_assign": (moderator or hr) and waiting,
        "can_answer": in_unit and waiting,
        "can_close": (is_author or moderator) and status == Status.ANSWERED,
        "can_rate": is_author and answered and feedback.rating is None,
        "can_reopen": is_author and answered and feedback.reopen_count == 0,
    }


def _require_moderator(actor) -> None:
    if not is_moderator(actor):
        raise CommunityError(_("Hanya moderator yang dapat melakukan langkah ini."))


def _require_author(feedback: Feedback, actor) -> None:
    if feedback.author_id is None or feedback.author_id != actor.pk:
        raise CommunityError(
            _("Hanya pengirim aspirasi yang dapat melakukan langkah ini.")
        )


def _require_status(feedback: Feedback, *allowed: str) -> None:
    if feedback.status not in allowed:
        raise CommunityError(
            _("Langkah ini tidak dapat dilakukan pada aspirasi berstatus %(status)s.")
            % {"status": feedback.get_status_display()}
        )


# ---------------------------------------------------------------- deadlines


def answer_days(category: str, needs_field_check: bool = False) -> int:
    """Working days the unit has to answer (domain.md 8.2, settings)."""
    if needs_field_check:
        return settings.COMMUNITY_FEEDBACK_FIELD_CHECK_DAYS
    return settings.COMMUNITY_FEEDBACK_ANSWER_DAYS[category]


# ---------------------------------------------------------------- photo


@dataclass(frozen=True)
class Photo:
    content: bytes
    extension: str
    content_type: str
    original_name: str


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".rstrip("0").rstrip(".")


def prepare_photo(upload) -> Photo:
    """Check an uploaded photo by its content (JPEG or PNG, matching extension,
    size limit) and re-encode it, which drops EXIF (GPS position, camera serial)
    and every other metadata block."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    name = PurePath(upload.name or "").name
    limit = settings.COMMUNITY_FEEDBACK_PHOTO_MAX_BYTES
    if upload.size > limit:
        raise CommunityError(
            _("Foto %(name)s berukuran %(size)s MB; batasnya %(limit)s MB.")
            % {
                "name": name,
                "size": _megabytes(upload.size),
                "limit": _megabytes(limit),
            },
            code="photo",
        )
    not_a_photo = CommunityError(
        _(
            "Isi berkas %(name)s bukan foto JPEG atau PNG; hanya jenis itu yang dapat "
            "dilampirkan."
        )
        % {"name": name},
        code="photo",
    )
    try:
        upload.seek(0)
        with Image.open(upload) as probe:
            kind = probe.format
            width, height = probe.size
            probe.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise not_a_photo from exc
    except Image.DecompressionBombError as exc:
        raise _too_many_pixels(name) from exc
    if kind not in PHOTO_TYPES:
        raise not_a_photo
    content_type, extensions, extension = PHOTO_TYPES[kind]
    if PurePath(name).suffix.lower() not in extensions:
        raise CommunityError(
            _(
                "Nama berkas %(name)s tidak sesuai isinya: isinya foto %(kind)s, jadi "
                "nama berkas harus berakhiran %(ext)s."
            )
            % {"name": name, "kind": kind, "ext": _(" atau ").join(extensions)},
            code="photo",
        )
    if width * height > MAX_PIXELS:
        raise _too_many_pixels(name)
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            image.load()
            clean = ImageOps.exif_transpose(image)
    except (OSError, SyntaxError, ValueError) as exc:
        raise not_a_photo from exc
    side = settings.COMMUNITY_FEEDBACK_PHOTO_MAX_SIDE
    clean.thumbnail((side, side))
    transparency = clean.info.get("transparency")
    # The encoders copy ICC profiles, EXIF and text chunks from info; drop them.
    clean.info = {} if transparency is None else {"transparency": transparency}
    out = io.BytesIO()
    if kind == "JPEG":
        clean.convert("RGB").save(out, "JPEG", quality=85, optimize=True)
    else:
        if clean.mode not in ("1", "L", "LA", "P", "RGB", "RGBA"):
            clean = clean.convert("RGBA")
        clean.save(out, "PNG", optimize=True)
    return Photo(
        content=out.getvalue(),
        extension=extension,
        content_type=content_type,
        original_name=name[:200],
    )


def _too_many_pixels(name: str) -> CommunityError:
    return CommunityError(
        _("Resolusi foto %(name)s terlalu besar (lebih dari %(mp)d megapiksel).")
        % {"name": name, "mp": MAX_PIXELS // 1_000_000},
        code="photo",
    )


def open_photo(feedback_id: int, *, user):
    """The stored photo of a feedback the user may see; anyone else gets
    Feedback.DoesNotExist (a 404 for the view)."""
    feedback = Feedback.objects.visible_to(user).exclude(photo="").get(pk=feedback_id)
    return feedback, feedback.photo.open("rb")


# ---------------------------------------------------------------- workflow


def _mask(text: str) -> tuple[str, set[str]]:
    from community.textscan import mask_personal_data

    masked = mask_personal_data(text)
    return masked.text, set(masked.kinds)


def _locked(feedback: Feedback) -> Feedback:
    return Feedback.objects.select_for_update().get(pk=feedback.pk)


def _event(
    feedback: Feedback, action: str, *, actor, from_status: str, note: str = ""
) -> FeedbackEvent:
    return FeedbackEvent.objects.create(
        feedback=feedback,
        action=action,
        actor=actor,
        from_status=from_status,
        to_status=feedback.status,
        note=note,
    )


def submit_feedback(unit, **details) -> Feedback:
    """A new feedback with its tracking code, masked public text, clean photo and
    the verification deadline; the 'submitted' event recorded. A photo saved
    before a later step fails is deleted again."""
    with kept_only_if_committed() as keep:
        return _submit_feedback(unit, keep=keep, **details)


@transaction.atomic(durable=True)
def _submit_feedback(
    unit,
    *,
    keep,
    author,
    category: str,
    title: str,
    text: str,
    service: Service | None = None,
    photo=None,
    is_anonymous: bool = False,
    is_confidential: bool = False,
) -> Feedback:
    ensure_may_post(author)
    if not unit.is_active:
        raise CommunityError(_("Unit %(unit)s tidak lagi aktif.") % {"unit": unit})
    if service is not None and (service.unit_id != unit.pk or not service.is_active):
        raise CommunityError(_("Layanan yang dipilih bukan layanan aktif unit ini."))
    if category not in Feedback.Category.values:
        raise CommunityError(_("Pilih kategori aspirasi."))
    title, text = title.strip(), text.strip()
    if not title or not text:
        raise CommunityError(_("Judul dan isi aspirasi wajib diisi."))
    prepared = prepare_photo(photo) if photo else None
    public_title, title_kinds = _mask(title)
    public_text, text_kinds = _mask(text)
    today = timezone.localdate()
    feedback = Feedback(
        unit=unit,
        service=service,
        category=category,
        author=author,
        title=title,
        text=text,
        public_title=public_title[:200],
        public_text=public_text,
        masked_kinds=",".join(sorted(title_kinds | text_kinds)),
        is_anonymous=is_anonymous,
        is_confidential=is_confidential,
        response_due=add_working_days(today, settings.COMMUNITY_FEEDBACK_RESPONSE_DAYS),
    )
    if prepared is not None:
        feedback.photo.save(
            f"foto{prepared.extension}", ContentFile(prepared.content), save=False
        )
        keep(feedback.photo)
        feedback.photo_name = prepared.original_name
        feedback.photo_content_type = prepared.content_type
    feedback.save()
    _event(feedback, Action.SUBMITTED, actor=author, from_status="")
    return feedback


@transaction.atomic(durable=True)
def verify_feedback(
    feedback: Feedback,
    *,
    actor,
    unit=None,
    needs_field_check: bool = False,
    note: str = "",
) -> Feedback:
    """Verified and assigned to its unit (or the one the moderator corrects it
    to), with the answer deadline counted from today."""
    _require_moderator(actor)
    feedback = _locked(feedback)
    _require_status(feedback, Status.NEW)
    if needs_field_check and feedback.category != Feedback.Category.COMPLAINT:
        raise CommunityError(
            _("Hanya pengaduan yang dapat ditetapkan perlu pemeriksaan lapangan.")
        )
    if unit is not None and unit.pk != feedback.unit_id:
        if not unit.is_active:
            raise CommunityError(_("Unit %(unit)s tidak lagi aktif.") % {"unit": unit})
        feedback.unit = unit
        feedback.service = None
    now = timezone.now()
    feedback.needs_field_check = needs_field_check
    feedback.verified_at = now
    feedback.answer_due = add_working_days(
        timezone.localdate(now), answer_days(feedback.category, needs_field_check)
    )
    feedback.status = Status.VERIFIED
    _event(feedback, Action.VERIFIED, actor=actor, from_status=Status.NEW, note=note)
    feedback.status = Status.ASSIGNED
    feedback.save(
        update_fields=[
            "unit",
            "service",
            "needs_field_check",
            "verified_at",
            "answer_due",
            "status",
        ]
    )
    _event(
        feedback,
        Action.ASSIGNED,
        actor=actor,
        from_status=Status.VERIFIED,
        note=feedback.unit.name,
    )
    return feedback


@transaction.atomic(durable=True)
def redact_feedback(
    feedback: Feedback, *, actor, public_title: str, public_text: str, reason: str
) -> Feedback:
    """A moderator rewrites what the public reads of a feedback: a neighbour's
    name or an address the masks did not catch. The citizen's own text stays
    as written for him, the moderators and HR; the new public text is masked
    again, and the change goes to the moderation log with its reason and both
    versions."""
    _require_moderator(actor)
    public_title, public_text = public_title.strip(), public_text.strip()
    if not public_title or not public_text:
        raise CommunityError(_("Judul dan isi publik wajib diisi."))
    feedback = _locked(feedback)
    if feedback.status == Status.REJECTED:
        raise CommunityError(
            _("Aspirasi yang ditolak tidak tampil untuk publik; tidak perlu disunting.")
        )
    title, title_kinds = _mask(public_title)
    text, text_kinds = _mask(public_text)
    before = f"{feedback.public_title}\n\n{feedback.public_text}"
    kinds = set(filter(None, feedback.masked_kinds.split(","))) | title_kinds
    feedback.public_title = title[:200]
    feedback.public_text = text
    feedback.masked_kinds = ",".join(sorted(kinds | text_kinds))
    feedback.save(update_fields=["public_title", "public_text", "masked_kinds"])
    log_moderation(
        moderator=actor,
        action=ModerationLog.Action.EDIT,
        target_kind=ModerationLog.Target.FEEDBACK,
        target_id=feedback.pk,
        reason=reason,
        before_text=before,
        after_text=f"{feedback.public_title}\n\n{feedback.public_text}",
    )
    return feedback


@transaction.atomic(durable=True)
def reject_feedback(feedback: Feedback, *, actor, reason: str) -> Feedback:
    """Rejected with a reason the citizen can read; never public."""
    _require_moderator(actor)
    reason = (reason or "").strip()
    if not reason:
        raise CommunityError(_("Tuliskan alasan penolakan untuk pengirim."))
    feedback = _locked(feedback)
    _require_status(feedback, Status.NEW, Status.VERIFIED, Status.ASSIGNED)
    before = feedback.status
    feedback.status = Status.REJECTED
    feedback.rejection_reason = reason
    feedback.save(update_fields=["status", "rejection_reason"])
    _event(feedback, Action.REJECTED, actor=actor, from_status=before, note=reason)
    return feedback


@transaction.atomic(durable=True)
def assign_feedback(feedback: Feedback, *, actor, unit, note: str = "") -> Feedback:
    """Handed to another unit (HR or a moderator). The deadline stays: the
    citizen's wait does not restart because the city sent it to the wrong desk."""
    if not (is_hr(actor) or is_moderator(actor)):
        raise CommunityError(
            _("Hanya petugas BKPSDM atau moderator yang dapat mendisposisikan ulang.")
        )
    feedback = _locked(feedback)
    _require_status(feedback, Status.VERIFIED, Status.ASSIGNED)
    if unit.pk == feedback.unit_id:
        raise CommunityError(_("Aspirasi ini sudah ditujukan ke unit tersebut."))
    if not unit.is_active:
        raise CommunityError(_("Unit %(unit)s tidak lagi aktif.") % {"unit": unit})
    before = feedback.status
    feedback.unit = unit
    feedback.service = None
    feedback.status = Status.ASSIGNED
    feedback.save(update_fields=["unit", "service", "status"])
    _event(
        feedback,
        Action.ASSIGNED,
        actor=actor,
        from_status=before,
        note=" — ".join(part for part in (unit.name, note.strip()) if part),
    )
    return feedback


@transaction.atomic(durable=True)
def mark_field_check(feedback: Feedback, *, actor, note: str = "") -> Feedback:
    """A complaint that needs a field check: the longer deadline, counted from
    verification."""
    _require_moderator(actor)
    feedback = _locked(feedback)
    _require_status(feedback, Status.VERIFIED, Status.ASSIGNED)
    if feedback.category != Feedback.Category.COMPLAINT:
        raise CommunityError(
            _("Hanya pengaduan yang dapat ditetapkan perlu pemeriksaan lapangan.")
        )
    if feedback.needs_field_check:
        raise CommunityError(
            _("Pengaduan ini sudah ditetapkan perlu pemeriksaan lapangan.")
        )
    feedback.needs_field_check = True
    feedback.answer_due = max(
        feedback.answer_due,
        add_working_days(
            timezone.localdate(feedback.verified_at),
            answer_days(feedback.category, needs_field_check=True),
        ),
    )
    feedback.save(update_fields=["needs_field_check", "answer_due"])
    _event(
        feedback,
        Action.FIELD_CHECK,
        actor=actor,
        from_status=feedback.status,
        note=note,
    )
    return feedback


@transaction.atomic(durable=True)
def answer_feedback(feedback: Feedback, *, responder, text: str) -> FeedbackAnswer:
    """The official answer, given by an active responder of the feedback's unit."""
    text = (text or "").strip()
    if not text:
        raise CommunityError(_("Jawaban wajib diisi."))
    feedback = _locked(feedback)
    if responder_unit_id(responder) != feedback.unit_id:
        raise CommunityError(
            _("Hanya petugas penjawab unit %(unit)s yang dapat menjawab aspirasi ini.")
            % {"unit": feedback.unit.name}
        )
    _require_status(feedback, Status.VERIFIED, Status.ASSIGNED)
    now = timezone.now()
    answer = FeedbackAnswer.objects.create(
        feedback=feedback,
        round=feedback.reopen_count + 1,
        text=text,
        responder=responder,
        answered_at=now,
    )
    before = feedback.status
    feedback.status = Status.ANSWERED
    feedback.answered_at = now
    feedback.save(update_fields=["status", "answered_at"])
    _event(feedback, Action.ANSWERED, actor=responder, from_status=before)
    notify(
        [feedback.author_id],
        Kind.FEEDBACK_RESPONSE,
        title=_("Aspirasi Anda telah dijawab: %(t)s") % {"t": feedback.public_title},
        body=_("Kode pelacakan %(code)s.") % {"code": feedback.tracking_code},
        url=reverse("community:feedback_detail", args=[feedback.pk]),
    )
    return answer


@transaction.atomic(durable=True)
def close_feedback(feedback: Feedback, *, actor, note: str = "") -> Feedback:
    """Closed after the answer, by its author or a moderator."""
    feedback = _locked(feedback)
    if not is_moderator(actor):
        _require_author(feedback, actor)
    _require_status(feedback, Status.ANSWERED)
    feedback.status = Status.CLOSED
    feedback.closed_at = timezone.now()
    feedback.save(update_fields=["status", "closed_at"])
    _event(feedback, Action.CLOSED, actor=actor, from_status=Status.ANSWERED, note=note)
    return feedback


@transaction.atomic(durable=True)
def rate_feedback(feedback: Feedback, *, author, rating: int) -> Feedback:
    """The author's rating (1-5) of the current answer, once per answer."""
    if not isinstance(rating, int) or not 1 <= rating <= 5:
        raise CommunityError(_("Penilaian berupa angka 1 sampai 5."))
    feedback = _locked(feedback)
    _require_author(feedback, author)
    _require_status(feedback, Status.ANSWERED, Status.CLOSED)
    if feedback.rating is not None:
        raise CommunityError(_("Anda sudah menilai jawaban ini."))
    feedback.rating = rating
    feedback.save(update_fields=["rating"])
    _event(
        feedback,
        Action.RATED,
        actor=author,
        from_status=feedback.status,
        note=str(rating),
    )
    return feedback


@transaction.atomic(durable=True)
def reopen_feedback(feedback: Feedback, *, author, reason: str) -> Feedback:
    """Back to the unit, once, with a fresh answer deadline; the rating of the
    first answer stays in the history and the second answer can be rated."""
    reason = (reason or "").strip()
    if not reason:
        raise CommunityError(_("Tuliskan mengapa jawaban belum menyelesaikan masalah."))
    ensure_may_post(author)
    feedback = _locked(feedback)
    _require_author(feedback, author)
    _require_status(feedback, Status.ANSWERED, Status.CLOSED)
    if feedback.reopen_count >= 1:
        raise CommunityError(_("Aspirasi hanya dapat dibuka kembali satu kali."))
    days = settings.COMMUNITY_FEEDBACK_REOPEN_DAYS
    if timezone.now() - feedback.answered_at > timedelta(days=days):
        raise CommunityError(
            _(
                "Aspirasi hanya dapat dibuka kembali dalam %(days)d hari setelah dijawab."
            )
            % {"days": days}
        )
    before = feedback.status
    feedback.status = Status.ASSIGNED
    feedback.reopen_count += 1
    feedback.rating = None
    feedback.closed_at = None
    feedback.answer_due = add_working_days(
        timezone.localdate(),
        answer_days(feedback.category, feedback.needs_field_check),
    )
    feedback.save(
        update_fields=["status", "reopen_count", "rating", "closed_at", "answer_due"]
    )
    _event(
        feedback,
        Action.REOPENED,
        actor=author,
        from_status=before,
        note=_mask(reason)[0],
    )
    return feedback


# ---------------------------------------------------------------- figures


@dataclass(frozen=True)
class EscalationRow:
    feedback: Feedback
    due: date
    days_late: int


def escalation_rows(today: date | None = None) -> list[EscalationRow]:
    """Every overdue feedback of every unit, the most overdue first, with its
    working days late (two queries)."""
    from community.workdays import WorkCalendar

    today = today or timezone.localdate()
    items = list(
        Feedback.objects.overdue(today).for_listing().order_by("created_at", "pk")
    )
    if not items:
        return []
    dues = [fb.current_due for fb in items]
    calendar = WorkCalendar(min(dues), today)
    rows = [
        EscalationRow(fb, due, calendar.between(due, today))
        for fb, due in zip(items, dues, strict=True)
    ]
    return sorted(rows, key=lambda row: (row.due, row.feedback.pk))


@dataclass(frozen=True)
class UnitFeedbackStats:
    total: int
    open_count: int
    answered: int
    answered_on_time_share: float | None
    avg_response_days: float | None
    # The citizens' own verdict on the answers (1-5), where they gave one.
    rated: int = 0
    avg_rating: float | None = None


EMPTY_STATS = UnitFeedbackStats(0, 0, 0, None, None)


def unit_stats(unit_ids: list[int] | None = None) -> dict[int, UnitFeedbackStats]:
    """Per unit, over verified feedback (confidential included, rejected and
    unverified not): total, still open, answered, the share answered by the
    deadline, the mean days from submission to the latest answer and the
    citizens' mean rating of the answers. One query;
    requested units without feedback get zeros."""
    rows = Feedback.objects.exclude(status__in=[Status.NEW, Status.REJECTED])
    if unit_ids is not None:
        rows = rows.filter(unit_id__in=unit_ids)
    answered = Q(status__in=[Status.ANSWERED, Status.CLOSED])
    rows = (
        rows.values("unit_id")
        .annotate(
            total=Count("id"),
            open_count=Count(
                "id", filter=Q(status__in=[Status.VERIFIED, Status.ASSIGNED])
            ),
            answered=Count("id", filter=answered),
            on_time=Count(
                "id", filter=answered & Q(answered_at__date__lte=F("answer_due"))
            ),
            avg_wait=Avg(
                ExpressionWrapper(
                    F("answered_at") - F("created_at"), output_field=DurationField()
                ),
                filter=answered,
            ),
            rated=Count("rating"),
            avg_rating=Avg("rating"),
        )
        .order_by()
    )
    stats = dict.fromkeys(unit_ids or [], EMPTY_STATS)
    for row in rows:
        stats[row["unit_id"]] = UnitFeedbackStats(
            total=row["total"],
            open_count=row["open_count"],
            answered=row["answered"],
            answered_on_time_share=(
                row["on_time"] / row["answered"] if row["answered"] else None
            ),
            avg_response_days=(
                round(row["avg_wait"].total_seconds() / 86400, 2)
                if row["avg_wait"] is not None
                else None
            ),
            rated=row["rated"],
            avg_rating=(
                round(float(row["avg_rating"]), 2)
                if row["avg_rating"] is not None
                else None
            ),
        )
    return stats


# ---------------------------------------------------------------- personal data


def personal_data(user) -> list[dict]:
    """Everything the citizen submitted, with the answers (for his download)."""
    items = (
        Feedback.objects.filter(author=user)
        .select_related("unit", "service")
        .prefetch_related("answers")
        .order_by("created_at", "pk")
    )
    return [
        {
            "jenis": "aspirasi",
            "kode_pelacakan": fb.tracking_display,
            "unit": fb.unit.name,
            "layanan": fb.service.name if fb.service else "",
            "kategori": fb.get_category_display(),
            "judul": fb.title,
            "isi": fb.text,
            "anonim": fb.is_anonymous,
            "rahasia": fb.is_confidential,
            "foto": fb.photo_name,
            "status": fb.get_status_display(),
            "alasan_penolakan": fb.rejection_reason,
            "dikirim_pada": fb.created_at.isoformat(),
            "penilaian": fb.rating,
            "jawaban": [
                {"isi": a.text, "dijawab_pada": a.answered_at.isoformat()}
                for a in fb.answers.all()
            ],
        }
        for fb in items
    ]


def erase_personal_data(user) -> None:
    """Keep the feedback (the unit's answer and the city's figures depend on it)
    but cut it loose from the person: no author, anonymous, the text as written
    replaced by its masked public version, the photo deleted, and his name gone
    from the history. Runs inside the account deletion's transaction."""
    with transaction.atomic():
        items = list(
            Feedback.objects.select_for_update()
            .filter(author=user)
            .order_by("pk")
            .only("pk", "photo")
        )
        ids = [fb.pk for fb in items]
        for fb in items:
            if fb.photo:
                name = fb.photo.name
                storage = fb.photo.storage
                transaction.on_commit(lambda n=name, s=storage: s.delete(n))
        Feedback.objects.filter(pk__in=ids).update(
            author=None,
            is_anonymous=True,
            title=Left("public_title", 150),
            text=F("public_text"),
            photo="",
            photo_name="",
            photo_content_type="",
        )
        FeedbackEvent.objects.filter(feedback_id__in=ids, actor=user).update(actor=None)
