from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _


class Snapshot(models.Model):
    """A year's indicators, computed by `refresh_reform_indicators` (or the
    dashboard's button): the pages read these rows instead of aggregating the
    whole civil service on every request, and say when they were computed
    (issue 8 item 6)."""

    year = models.PositiveSmallIntegerField(_("tahun"), unique=True)
    day = models.DateField(_("keadaan per"))
    computed_at = models.DateTimeField(_("dihitung pada"))
    # The shape of the scopes' data (snapshots.FORMAT): an older one is recomputed.
    format = models.PositiveSmallIntegerField(_("format"))

    class Meta:
        ordering = ["-year"]
        verbose_name = _("rekap indikator reformasi")
        verbose_name_plural = _("rekap indikator reformasi")

    def __str__(self) -> str:
        return str(self.year)


class SnapshotScope(models.Model):
    """One scope's figures of a snapshot: a unit with its sub-units, or the city
    (no unit). A row per scope, so that a page reads the few it shows (the city
    and its perangkat daerah) and not the 900 units of a large city."""

    snapshot = models.ForeignKey(
        Snapshot, on_delete=models.CASCADE, related_name="scopes"
    )
    unit = models.ForeignKey(
        "positions.OrgUnit",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    data = models.JSONField(_("angka"), encoder=DjangoJSONEncoder)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["snapshot", "unit"],
                nulls_distinct=False,
                name="reform_snapshotscope_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.snapshot_id}/{self.unit_id or 'kota'}"
