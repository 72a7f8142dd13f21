"""What waits for whom: in-app notifications, each user's choice per kind, and the
one-off notices already sent by the daily commands."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sawahlunto_asn.accounts import roles


class Kind(models.TextChoices):
    BATCH_DECISION = "BATCH_DECISION", _("Usulan mutasi menunggu keputusan saya")
    SKP_AGREEMENT = "SKP_AGREEMENT", _("SKP menunggu persetujuan saya")
    FEEDBACK_OVERDUE = "FEEDBACK_OVERDUE", _("Aspirasi lewat tenggat di unit saya")
    OBJECTION = "OBJECTION", _("Keberatan yang harus saya putuskan")
    TRAINING_NOMINATION = "TRAINING_NOMINATION", _("Pelatihan yang ditunjuk untuk saya")
    FEEDBACK_RESPONSE = "FEEDBACK_RESPONSE", _("Jawaban atas aspirasi saya")


# The roles each kind concerns, for the preferences page; a kind with no role
# here is offered by a seat instead (see relevant_kinds).
KIND_ROLES = {
    Kind.BATCH_DECISION: (roles.REVIEWER, roles.PPK),
    Kind.SKP_AGREEMENT: (roles.EMPLOYEE, roles.SUPERVISOR),
    Kind.FEEDBACK_OVERDUE: (),
    Kind.OBJECTION: (roles.SUPERVISOR,),
    Kind.TRAINING_NOMINATION: (roles.EMPLOYEE, roles.SUPERVISOR),
    Kind.FEEDBACK_RESPONSE: (roles.CITIZEN,),
}


class NotificationQuerySet(models.QuerySet):
    def visible_to(self, user) -> NotificationQuerySet:
        """A user sees only his own notifications."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(recipient=user)

    def unread(self) -> NotificationQuerySet:
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    Kind = Kind

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("penerima"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("jenis"), max_length=24, choices=Kind.choices)
    title = models.CharField(_("judul"), max_length=200)
    body = models.CharField(_("isi"), max_length=500, blank=True)
    url = models.CharField(_("tautan"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("dibuat pada"), default=timezone.now)
    read_at = models.DateTimeField(_("dibaca pada"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notifikasi")
        verbose_name_plural = _("notifikasi")
        indexes = [
            # The navbar's unread count on every page: recipient = me AND read_at IS NULL.
            models.Index(
                fields=["recipient", "read_at"],
                name="notifications_notif_unread",
            ),
            # The list page: my notifications, newest first.
            models.Index(
                fields=["recipient", "-created_at"],
                name="notifications_notif_list",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_unread(self) -> bool:
        return self.read_at is None


class Preference(models.Model):
    """A user's choice for one kind; without a row, NOTIFICATION_DEFAULTS applies."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pengguna"),
        on_delete=models.CASCADE,
        related_name="notification_preferences",
    )
    kind = models.CharField(_("jenis"), max_length=24, choices=Kind.choices)
    in_app = models.BooleanField(_("di aplikasi"), default=True)
    email = models.BooleanField(_("surel"), default=True)

    class Meta:
        verbose_name = _("preferensi notifikasi")
        verbose_name_plural = _("preferensi notifikasi")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind"], name="notifications_preference_one_per_kind"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind}"

    @classmethod
    def default(cls, kind: str) -> Preference:
        """The unsaved preference a user without a row has (NOTIFICATION_DEFAULTS)."""
        choice = settings.NOTIFICATION_DEFAULTS.get(kind, {})
        return cls(
            kind=kind,
            in_app=choice.get("in_app", True),
            email=choice.get("email", False),
        )


class SentOnce(models.Model):
    """A one-off notice already sent (say, feedback 12 overdue since a day), so a
    daily command does not send it again."""

    key = models.CharField(_("kunci"), max_length=120, unique=True)
    sent_at = models.DateTimeField(_("dikirim pada"), default=timezone.now)

    class Meta:
        verbose_name = _("pemberitahuan terkirim")
        verbose_name_plural = _("pemberitahuan terkirim")

    def __str__(self) -> str:
        return self.key
