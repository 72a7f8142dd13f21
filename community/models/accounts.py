"""Citizen profiles and the official badge of staff who respond (issue 7)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["Responder"]


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
