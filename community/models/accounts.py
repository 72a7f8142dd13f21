"""Citizen profiles and the official badge of staff who respond (issue 7)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["CitizenProfile", "RateLimitHit", "Responder"]

DELETED_NAME = _("Warga (akun dihapus)")


class Responder(models.Model):
    """A staff account that answers for a unit in public: its replies carry a
    visible official badge naming the unit, and it may answer only that unit's
    feedback."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("akun"),
        on_delete=models.CASCADE,
        related_name="responder",
    )
    unit = models.ForeignKey(
        "positions.OrgUnit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="responders",
    )
    title = models.CharField(_("sebutan resmi"), max_length=120, blank=True)
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("petugas penjawab")
        verbose_name_plural = _("petugas penjawab")

    def __str__(self) -> str:
        return f"{self.user} ({self.unit_id})"


class CitizenProfile(models.Model):
    """What the public sees of a citizen: a display name of his choosing (never
    the real name unless he types it), and whether a moderator suspended him."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("akun"),
        on_delete=models.CASCADE,
        related_name="citizen_profile",
    )
    display_name = models.CharField(_("nama tampilan"), max_length=60)
    email_confirmed_at = models.DateTimeField(
        _("surel dikonfirmasi pada"), null=True, blank=True
    )
    suspended_at = models.DateTimeField(_("ditangguhkan pada"), null=True, blank=True)
    suspension_reason = models.TextField(_("alasan penangguhan"), blank=True)
    created_at = models.DateTimeField(_("dibuat pada"), auto_now_add=True)

    class Meta:
        verbose_name = _("profil warga")
        verbose_name_plural = _("profil warga")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(suspended_at__isnull=True)
                | ~models.Q(suspension_reason=""),
                name="community_profile_suspension_reason",
                violation_error_message=_("Penangguhan akun wajib disertai alasan."),
            )
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def is_suspended(self) -> bool:
        return self.suspended_at is not None


class RateLimitHit(models.Model):
    """One allowed attempt at a rate-limited action, kept in PostgreSQL so that
    every app server process counts the same hits (community.ratelimit)."""

    action = models.CharField(_("tindakan"), max_length=30)
    key = models.CharField(_("kunci"), max_length=80)
    at = models.DateTimeField(_("waktu"))

    class Meta:
        verbose_name = _("catatan batas permintaan")
        verbose_name_plural = _("catatan batas permintaan")
        indexes = [
            models.Index(
                fields=["action", "key", "at"], name="community_ratelimit_lookup"
            ),
            models.Index(fields=["at"], name="community_ratelimit_at"),
        ]

    def __str__(self) -> str:
        return f"{self.action} {self.key} {self.at:%Y-%m-%d %H:%M:%S}"
