"""Public forum meetings (forum diskusi publik) and the commitments that come out
of them (issue 7, item 3): a meeting with its agenda, registration and published
minutes; each commitment names the unit that answers for it and keeps its
progress as a history the public can follow."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Count, F, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from community.models.accounts import Responder
from sawahlunto_asn.accounts import roles

__all__ = [
    "Commitment",
    "CommitmentStatus",
    "CommitmentUpdate",
    "Meeting",
    "MeetingRegistration",
]

PROGRESS_MAX = 100


def may_manage_meetings(user) -> bool:
    """HR and moderators run the meetings, their minutes and their commitments."""
    return bool(
        user.is_authenticated
        and (user.has_perm(roles.HR.perm) or user.has_perm(roles.MODERATOR.perm))
    )


def responder_unit_id(user) -> int | None:
    """The unit an active responder answers for; None for anybody else."""
    if not user.is_authenticated:
        return None
    return (
        Responder.objects.filter(user_id=user.pk, is_active=True)
        .values_list("unit_id", flat=True)
        .first()
    )


class CommitmentStatus(models.TextChoices):
    PLANNED = "PLANNED", _("Direncanakan")
    IN_PROGRESS = "IN_PROGRESS", _("Sedang dikerjakan")
    DONE = "DONE", _("Selesai")
    DROPPED = "DROPPED", _("Dibatalkan")


def _progress_check(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(progress__gte=0, progress__lte=PROGRESS_MAX),
        name=name,
        violation_error_message=_("Kemajuan harus antara 0 dan 100 persen."),
    )


def _done_is_complete(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=~Q(status=CommitmentStatus.DONE) | Q(progress=PROGRESS_MAX),
        name=name,
        violation_error_message=_(
            "Komitmen yang selesai harus berkemajuan 100 persen."
        ),
    )


class MeetingQuerySet(models.QuerySet):
    def visible_to(self, user) -> MeetingQuerySet:
        """Every meeting is announced in public, cancelled ones included."""
        return self

    def upcoming(self, now=None) -> MeetingQuerySet:
        return self.filter(ends_at__gte=now or timezone.now()).order_by(
            "starts_at", "pk"
        )

    def past(self, now=None) -> MeetingQuerySet:
        return self.filter(ends_at__lt=now or timezone.now()).order_by(
            "-starts_at", "-pk"
        )

    def with_counts(self) -> MeetingQuerySet:
        """Annotate `registered` and `commitment_count` as correlated counts, so a
        page of meetings costs one query whatever the number of registrations."""

        def counted(model, **extra):
            rows = (
                model.objects.filter(meeting=OuterRef("pk"), **extra)
                .order_by()
                .values("meeting")
                .annotate(n=Count("pk"))
                .values("n")
            )
            return Coalesce(Subquery(rows), 0)

        return self.annotate(
            registered=counted(MeetingRegistration),
            commitment_count=counted(Commitment, is_public=True),
        )

    def for_public_list(self) -> MeetingQuerySet:
        return self.select_related("unit").with_counts()


class Meeting(models.Model):
    """One forum diskusi publik: when and where, its agenda, who may come, and
    the minutes once the organisers publish them."""

    class Status(models.TextChoices):
        PLANNED = "PLANNED", _("Direncanakan")
        HELD = "HELD", _("Terlaksana")
        CANCELLED = "CANCELLED", _("Dibatalkan")

    title = models.CharField(_("judul"), max_length=200)
    unit = models.ForeignKey(
        "positions.OrgUnit",
        verbose_name=_("unit penyelenggara"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="community_meetings",
    )
    theme = models.CharField(_("tema"), max_length=120, blank=True)
    starts_at = models.DateTimeField(_("mulai"))
    ends_at = models.DateTimeField(_("selesai"))
    place = models.CharField(_("tempat"), max_length=200)
    agenda = models.TextField(_("agenda"))
    capacity = models.PositiveIntegerField(
        _("kapasitas peserta"),
        null=True,
        blank=True,
        help_text=_("Kosongkan bila tidak dibatasi."),
    )
    registration_open = models.BooleanField(_("pendaftaran dibuka"), default=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    minutes = models.TextField(_("notulen"), blank=True)
    minutes_published_at = models.DateTimeField(
        _("notulen diterbitkan pada"), null=True, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dibuat oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("dibuat pada"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah pada"), auto_now=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at", "-pk"]
        verbose_name = _("forum diskusi publik")
        verbose_name_plural = _("forum diskusi publik")
        indexes = [
            # The public list splits upcoming and past meetings on ends_at.
            models.Index(fields=["ends_at"], name="community_meeting_ends_at"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="community_meeting_ends_after_start",
                violation_error_message=_("Waktu selesai harus sesudah waktu mulai."),
            ),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(capacity__gt=0),
                name="community_meeting_capacity_positive",
                violation_error_message=_("Kapasitas peserta harus lebih dari nol."),
            ),
            models.CheckConstraint(
                condition=Q(unit__isnull=False) | ~Q(theme=""),
                name="community_meeting_unit_or_theme",
                violation_error_message=_("Isi unit penyelenggara atau tema forum."),
            ),
            models.CheckConstraint(
                condition=Q(minutes_published_at__isnull=True)
                | (Q(status="HELD") & ~Q(minutes="")),
                name="community_meeting_minutes_of_held",
                violation_error_message=_(
                    "Notulen hanya diterbitkan untuk forum yang sudah terlaksana, "
                    "dan tidak boleh kosong."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("community:meeting_detail", args=[self.pk])

    @property
    def minutes_published(self) -> bool:
        return self.minutes_published_at is not None

    def has_started(self, now=None) -> bool:
        return self.starts_at <= (now or timezone.now())

    def accepts_registration(self, now=None) -> bool:
        """Open for sign-up: announced, registration open, not yet begun."""
        return (
            self.status == self.Status.PLANNED
            and self.registration_open
            and not self.has_started(now)
        )


class MeetingRegistrationQuerySet(models.QuerySet):
    def visible_to(self, user) -> MeetingRegistrationQuerySet:
        """Registrant names are never public: the organisers see every one, a
        citizen only his own."""
        if may_manage_meetings(user):
            return self
        if user.is_authenticated:
            return self.filter(user_id=user.pk)
        return self.none()

    def for_attendance(self) -> MeetingRegistrationQuerySet:
        return self.select_related("user__citizen_profile").order_by("created_at", "pk")


class MeetingRegistration(models.Model):
    """A citizen's seat at a meeting, and whether he came. The account is
    cleared when he deletes it, so past attendance still counts."""

    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("forum"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("warga"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meeting_registrations",
    )
    attended = models.BooleanField(_("hadir"), default=False)
    created_at = models.DateTimeField(_("mendaftar pada"), auto_now_add=True)

    objects = MeetingRegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "created_at", "pk"]
        verbose_name = _("pendaftaran forum")
        verbose_name_plural = _("pendaftaran forum")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "user"],
                name="community_meetingregistration_once",
                violation_error_message=_("Anda sudah terdaftar pada forum ini."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} @ {self.meeting_id}"


class CommitmentQuerySet(models.QuerySet):
    def visible_to(self, user) -> CommitmentQuerySet:
        """The public sees public commitments; organisers see all; a unit's
        responder also sees his unit's internal ones."""
        if may_manage_meetings(user):
            return self
        unit_id = responder_unit_id(user)
        if unit_id is not None:
            return self.filter(Q(is_public=True) | Q(unit_id=unit_id))
        return self.filter(is_public=True)

    def updatable_by(self, user) -> CommitmentQuerySet:
        """HR updates every commitment; an active responder his unit's only."""
        if user.is_authenticated and user.has_perm(roles.HR.perm):
            return self
        unit_id = responder_unit_id(user)
        if unit_id is None:
            return self.none()
        return self.filter(unit_id=unit_id)

    def for_public_list(self) -> CommitmentQuerySet:
        return self.select_related("meeting", "unit").order_by(
            "due_date", "meeting_id", "pk"
        )

    def with_history(self) -> CommitmentQuerySet:
        """Prefetch the updates, oldest first, with what the author include needs."""
        return self.prefetch_related(
            Prefetch(
                "updates",
                queryset=CommitmentUpdate.objects.select_related(
                    "by__citizen_profile", "by__responder__unit"
                ).order_by("date", "pk"),
            )
        )


class Commitment(models.Model):
    """An outcome of a meeting that a unit promised to carry out."""

    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("forum"),
        on_delete=models.PROTECT,
        related_name="commitments",
    )
    description = models.TextField(_("uraian komitmen"))
    unit = models.ForeignKey(
        "positions.OrgUnit",
        verbose_name=_("unit penanggung jawab"),
        on_delete=models.PROTECT,
        related_name="community_commitments",
    )
    due_date = models.DateField(_("target selesai"))
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=CommitmentStatus.choices,
        default=CommitmentStatus.PLANNED,
    )
    progress = models.PositiveSmallIntegerField(_("kemajuan (%)"), default=0)
    is_public = models.BooleanField(_("ditampilkan ke publik"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dicatat oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("dicatat pada"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diperbarui pada"), auto_now=True)

    objects = CommitmentQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "pk"]
        verbose_name = _("komitmen tindak lanjut")
        verbose_name_plural = _("komitmen tindak lanjut")
        indexes = [
            # The public list filters by unit and status.
            models.Index(fields=["unit", "status"], name="community_commitment_unit"),
        ]
        constraints = [
            _progress_check("community_commitment_progress_0_100"),
            _done_is_complete("community_commitment_done_complete"),
        ]

    def __str__(self) -> str:
        return self.description[:80]

    def get_absolute_url(self) -> str:
        return reverse("community:commitment_detail", args=[self.pk])

    def is_overdue(self, today=None) -> bool:
        open_ = self.status in (CommitmentStatus.PLANNED, CommitmentStatus.IN_PROGRESS)
        return open_ and self.due_date < (today or timezone.localdate())


class CommitmentUpdate(models.Model):
    """One step of a commitment's history: what changed, when and why."""

    commitment = models.ForeignKey(
        Commitment,
        verbose_name=_("komitmen"),
        on_delete=models.CASCADE,
        related_name="updates",
    )
    date = models.DateField(_("tanggal"))
    status = models.CharField(
        _("status"), max_length=12, choices=CommitmentStatus.choices
    )
    progress = models.PositiveSmallIntegerField(_("kemajuan (%)"))
    note = models.TextField(_("keterangan"), blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("dicatat pada"), auto_now_add=True)

    class Meta:
        ordering = ["commitment", "date", "pk"]
        verbose_name = _("perkembangan komitmen")
        verbose_name_plural = _("perkembangan komitmen")
        constraints = [
            _progress_check("community_commitmentupdate_progress_0_100"),
            _done_is_complete("community_commitmentupdate_done_complete"),
        ]

    def __str__(self) -> str:
        return f"{self.commitment_id} {self.date:%d-%m-%Y}: {self.progress}%"
