"""Aspirasi and pengaduan addressed to a service unit (issue 7, item 2).

A citizen's feedback goes new -> verified (by a moderator, who assigns it to the
unit) -> assigned -> answered (by an active responder of that unit) -> closed, or
is rejected with a reason. Every step is a FeedbackEvent row; every answer a
FeedbackAnswer row (a reopened feedback is answered a second time). Deadlines are
dates counted in working days (community.workdays) when a step happens.
"""

from __future__ import annotations

import secrets
from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

from sawahlunto_asn.accounts import roles
from sawahlunto_asn.lib.private_files import PrivateStorage, random_name

__all__ = [
    "Feedback",
    "FeedbackAnswer",
    "FeedbackEvent",
    "FeedbackPhotoStorage",
    "Holiday",
    "Service",
]

# Crockford's base32: no I, L, O, U, so a code read aloud or typed from paper
# survives the usual confusions (normalise_tracking_code maps them back).
TRACKING_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
TRACKING_LENGTH = 12  # 60 random bits: guessing one of a million codes is hopeless
TRACKING_REGEX = r"^[0-9A-HJKMNP-TV-Z]{12}$"


def new_tracking_code() -> str:
    return "".join(secrets.choice(TRACKING_ALPHABET) for _ in range(TRACKING_LENGTH))


def normalise_tracking_code(typed: str) -> str:
    """What a citizen typed ("k7qm-3xhd 9tpa", "O" for zero) as a stored code."""
    cleaned = "".join(ch for ch in (typed or "").upper() if ch.isalnum())
    return cleaned.translate(str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"}))


@deconstructible(path="community.models.feedback.FeedbackPhotoStorage")
class FeedbackPhotoStorage(PrivateStorage):
    setting = "COMMUNITY_FEEDBACK_PHOTO_ROOT"


def photo_upload_to(instance, filename: str) -> str:
    return random_name(filename)


class Service(models.Model):
    """A public service a unit provides (e.g. "Penerbitan KTP-el")."""

    unit = models.ForeignKey(
        "positions.OrgUnit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="services",
    )
    name = models.CharField(_("nama layanan"), max_length=150)
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        ordering = ["unit_id", "name"]
        verbose_name = _("layanan")
        verbose_name_plural = _("layanan")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "name"],
                name="community_service_unique_name",
                violation_error_message=_(
                    "Unit ini sudah memiliki layanan bernama itu."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.name


class Holiday(models.Model):
    """A national holiday or cuti bersama: not a working day for deadlines."""

    date = models.DateField(_("tanggal"), unique=True)
    name = models.CharField(_("nama"), max_length=120)

    class Meta:
        ordering = ["date"]
        verbose_name = _("hari libur nasional")
        verbose_name_plural = _("hari libur nasional")

    def __str__(self) -> str:
        return f"{self.date:%d-%m-%Y} {self.name}"


class FeedbackQuerySet(models.QuerySet):
    def public(self) -> FeedbackQuerySet:
        """What anyone may read: verified or later, not confidential, not rejected."""
        return self.filter(status__in=Feedback.PUBLIC_STATUSES, is_confidential=False)

    def visible_to(self, user) -> FeedbackQuerySet:
        """The public ones, plus: the author's own; everything for moderators and
        HR; for an active responder, what was assigned to his unit (confidential
        included)."""
        if user is None or not user.is_authenticated:
            return self.public()
        if user.has_perm(roles.MODERATOR.perm) or user.has_perm(roles.HR.perm):
            return self
        scope = Q(status__in=Feedback.PUBLIC_STATUSES, is_confidential=False) | Q(
            author=user
        )
        scope |= Q(
            unit__responders__user=user,
            unit__responders__is_active=True,
            status__in=Feedback.HANDLED_STATUSES,
        )
        return self.filter(scope).distinct()

    def for_unit_of(self, user) -> FeedbackQuerySet:
        """Feedback assigned to the unit the user answers for (empty if none)."""
        return self.filter(
            unit__responders__user=user,
            unit__responders__is_active=True,
            status__in=Feedback.HANDLED_STATUSES,
        )

    def overdue(self, today: date | None = None) -> FeedbackQuerySet:
        """Past its current deadline and not answered, closed or rejected."""
        today = today or timezone.localdate()
        return self.filter(
            Q(status=Feedback.Status.NEW, response_due__lt=today)
            | Q(
                status__in=[Feedback.Status.VERIFIED, Feedback.Status.ASSIGNED],
                answer_due__lt=today,
            )
        )

    def with_lateness(self, today: date | None = None) -> FeedbackQuerySet:
        """Annotate `late`: the same rule as overdue(), for highlighting rows."""
        today = today or timezone.localdate()
        late = Q(status=Feedback.Status.NEW, response_due__lt=today) | Q(
            status__in=[Feedback.Status.VERIFIED, Feedback.Status.ASSIGNED],
            answer_due__lt=today,
        )
        return self.annotate(
            late=models.ExpressionWrapper(late, output_field=models.BooleanField())
        )

    def for_listing(self) -> FeedbackQuerySet:
        """The joins every list page shows (unit, service, author's public name)."""
        return self.select_related(
            "unit", "service", "author__citizen_profile", "author__responder__unit"
        )


class Feedback(models.Model):
    """An aspirasi or pengaduan of a citizen about a unit's public service."""

    class Category(models.TextChoices):
        INFORMATION = "INFORMASI", _("Permintaan informasi")
        COMPLAINT = "PENGADUAN", _("Pengaduan")
        SUGGESTION = "SARAN", _("Saran")
        APPRECIATION = "APRESIASI", _("Apresiasi")

    class Status(models.TextChoices):
        NEW = "BARU", _("Baru")
        VERIFIED = "TERVERIFIKASI", _("Terverifikasi")
        ASSIGNED = "DIDISPOSISI", _("Didisposisikan ke unit")
        ANSWERED = "DIJAWAB", _("Dijawab")
        CLOSED = "SELESAI", _("Selesai")
        REJECTED = "DITOLAK", _("Ditolak")

    PUBLIC_STATUSES = ("TERVERIFIKASI", "DIDISPOSISI", "DIJAWAB", "SELESAI")
    HANDLED_STATUSES = ("DIDISPOSISI", "DIJAWAB", "SELESAI")
    OPEN_STATUSES = ("BARU", "TERVERIFIKASI", "DIDISPOSISI")

    tracking_code = models.CharField(
        _("kode pelacakan"),
        max_length=TRACKING_LENGTH,
        unique=True,
        default=new_tracking_code,
        editable=False,
    )
    unit = models.ForeignKey(
        "positions.OrgUnit",
        verbose_name=_("unit layanan"),
        on_delete=models.PROTECT,
        related_name="feedback",
    )
    service = models.ForeignKey(
        Service,
        verbose_name=_("layanan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="feedback",
    )
    category = models.CharField(_("kategori"), max_length=12, choices=Category.choices)
    # Null once the citizen deleted his account (the feedback stays, nameless).
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pengirim"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="community_feedback",
    )
    title = models.CharField(_("judul"), max_length=150)
    text = models.TextField(_("isi (sebagaimana ditulis)"))
    # What the public and the unit read: NIK, NIP, phone and email masked.
    public_title = models.CharField(_("judul publik"), max_length=200)
    public_text = models.TextField(_("isi publik"))
    masked_kinds = models.CharField(
        _("data pribadi yang disamarkan"), max_length=60, blank=True
    )
    photo = models.FileField(
        _("foto"),
        storage=FeedbackPhotoStorage(),
        upload_to=photo_upload_to,
        max_length=200,
        blank=True,
    )
    photo_name = models.CharField(
        _("nama berkas foto asal"), max_length=200, blank=True
    )
    photo_content_type = models.CharField(_("jenis foto"), max_length=20, blank=True)
    is_anonymous = models.BooleanField(
        _("anonim"), default=False, help_text=_("Publik tidak melihat nama pengirim.")
    )
    is_confidential = models.BooleanField(
        _("rahasia"),
        default=False,
        help_text=_("Tidak ditampilkan kepada publik sama sekali."),
    )
    status = models.CharField(
        _("status"), max_length=14, choices=Status.choices, default=Status.NEW
    )
    rejection_reason = models.TextField(_("alasan penolakan"), blank=True)
    needs_field_check = models.BooleanField(
        _("perlu pemeriksaan lapangan"), default=False
    )
    created_at = models.DateTimeField(_("dikirim pada"), default=timezone.now)
    verified_at = models.DateTimeField(_("diverifikasi pada"), null=True, blank=True)
    answered_at = models.DateTimeField(_("dijawab pada"), null=True, blank=True)
    closed_at = models.DateTimeField(_("ditutup pada"), null=True, blank=True)
    response_due = models.DateField(_("batas verifikasi"))
    answer_due = models.DateField(_("batas jawaban"), null=True, blank=True)
    rating = models.PositiveSmallIntegerField(_("penilaian"), null=True, blank=True)
    reopen_count = models.PositiveSmallIntegerField(_("dibuka kembali"), default=0)

    objects = FeedbackQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("aspirasi")
        verbose_name_plural = _("aspirasi")
        indexes = [
            # Public list per unit, newest first; responder's inbox.
            models.Index(
                fields=["unit", "status", "-created_at"], name="community_fb_unit"
            ),
            # Moderator queue and the escalation list (status, then deadline).
            models.Index(fields=["status", "answer_due"], name="community_fb_due"),
            # Aspirasi saya.
            models.Index(fields=["author", "-created_at"], name="community_fb_author"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(tracking_code__regex=TRACKING_REGEX),
                name="community_feedback_tracking_code_format",
                violation_error_message=_(
                    "Kode pelacakan terdiri atas 12 huruf/angka yang jelas dibaca."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(status="DITOLAK") | ~Q(rejection_reason=""),
                name="community_feedback_rejection_reason",
                violation_error_message=_("Penolakan wajib disertai alasan."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=["BARU", "DITOLAK"])
                | Q(verified_at__isnull=False, answer_due__isnull=False),
                name="community_feedback_verified_has_deadline",
                violation_error_message=_(
                    "Aspirasi yang diverifikasi wajib memiliki batas jawaban."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["DIJAWAB", "SELESAI"])
                | Q(answered_at__isnull=False),
                name="community_feedback_answered_has_time",
                violation_error_message=_(
                    "Aspirasi yang dijawab wajib memiliki jawaban."
                ),
            ),
            models.CheckConstraint(
                condition=Q(rating__isnull=True)
                | Q(rating__gte=1, rating__lte=5, status__in=["DIJAWAB", "SELESAI"]),
                name="community_feedback_rating_range",
                violation_error_message=_(
                    "Penilaian berupa angka 1 sampai 5 dan hanya untuk aspirasi yang "
                    "sudah dijawab."
                ),
            ),
            models.CheckConstraint(
                condition=Q(reopen_count__lte=1),
                name="community_feedback_reopen_once",
                violation_error_message=_(
                    "Aspirasi hanya dapat dibuka kembali satu kali."
                ),
            ),
            models.CheckConstraint(
                condition=Q(needs_field_check=False) | Q(category="PENGADUAN"),
                name="community_feedback_field_check_complaint",
                violation_error_message=_(
                    "Hanya pengaduan yang dapat memerlukan pemeriksaan lapangan."
                ),
            ),
            models.CheckConstraint(
                condition=Q(photo="") | ~Q(photo_content_type=""),
                name="community_feedback_photo_type",
                violation_error_message=_("Foto wajib dicatat jenisnya."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.tracking_display} {self.public_title}"

    def get_absolute_url(self) -> str:
        return reverse("community:feedback_detail", args=[self.pk])

    @property
    def tracking_display(self) -> str:
        """The code in groups of four, as printed for the citizen."""
        code = self.tracking_code
        return "-".join(code[i : i + 4] for i in range(0, len(code), 4))

    @property
    def current_due(self) -> date | None:
        """The deadline of the step the feedback waits for, if any."""
        if self.status == self.Status.NEW:
            return self.response_due
        if self.status in (self.Status.VERIFIED, self.Status.ASSIGNED):
            return self.answer_due
        return None

    def is_overdue(self, today: date | None = None) -> bool:
        due = self.current_due
        return due is not None and due < (today or timezone.localdate())

    @property
    def status_color(self) -> str:
        """The Bootstrap colour of the status badge."""
        return {
            "BARU": "secondary",
            "TERVERIFIKASI": "info",
            "DIDISPOSISI": "primary",
            "DIJAWAB": "success",
            "SELESAI": "dark",
            "DITOLAK": "danger",
        }[self.status]

    @property
    def is_public(self) -> bool:
        return self.status in self.PUBLIC_STATUSES and not self.is_confidential


class FeedbackEvent(models.Model):
    """One step of a feedback's life: who, from which status to which, why."""

    class Action(models.TextChoices):
        SUBMITTED = "DIKIRIM", _("Dikirim")
        VERIFIED = "DIVERIFIKASI", _("Diverifikasi")
        ASSIGNED = "DIDISPOSISI", _("Didisposisikan")
        REJECTED = "DITOLAK", _("Ditolak")
        FIELD_CHECK = "LAPANGAN", _("Ditetapkan perlu pemeriksaan lapangan")
        ANSWERED = "DIJAWAB", _("Dijawab")
        CLOSED = "DITUTUP", _("Ditutup")
        RATED = "DINILAI", _("Jawaban dinilai")
        REOPENED = "DIBUKA", _("Dibuka kembali")

    feedback = models.ForeignKey(
        Feedback,
        verbose_name=_("aspirasi"),
        on_delete=models.CASCADE,
        related_name="events",
    )
    action = models.CharField(_("langkah"), max_length=14, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pelaku"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    from_status = models.CharField(
        _("dari status"), max_length=14, choices=Feedback.Status.choices, blank=True
    )
    to_status = models.CharField(
        _("ke status"), max_length=14, choices=Feedback.Status.choices
    )
    note = models.TextField(_("catatan"), blank=True)
    at = models.DateTimeField(_("waktu"), default=timezone.now)

    class Meta:
        ordering = ["feedback_id", "at", "id"]
        verbose_name = _("riwayat aspirasi")
        verbose_name_plural = _("riwayat aspirasi")

    def __str__(self) -> str:
        return f"{self.feedback_id} {self.action} {self.at:%Y-%m-%d}"


class FeedbackAnswer(models.Model):
    """The unit's official answer; a reopened feedback gets a second round."""

    feedback = models.ForeignKey(
        Feedback,
        verbose_name=_("aspirasi"),
        on_delete=models.CASCADE,
        related_name="answers",
    )
    round = models.PositiveSmallIntegerField(_("putaran"), default=1)
    text = models.TextField(_("jawaban"))
    responder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("penjawab"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("dijawab pada"), default=timezone.now)

    class Meta:
        ordering = ["feedback_id", "round"]
        verbose_name = _("jawaban aspirasi")
        verbose_name_plural = _("jawaban aspirasi")
        constraints = [
            models.UniqueConstraint(
                fields=["feedback", "round"],
                name="community_feedbackanswer_one_per_round",
                violation_error_message=_(
                    "Aspirasi ini sudah dijawab pada putaran ini."
                ),
            ),
            models.CheckConstraint(
                condition=Q(round__gte=1, round__lte=2),
                name="community_feedbackanswer_round_range",
                violation_error_message=_(
                    "Aspirasi dijawab paling banyak dua kali (sekali setelah dibuka "
                    "kembali)."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.feedback_id} #{self.round}"
