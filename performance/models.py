"""Performance appraisal (PermenPANRB 6/2022; domain.md sections 5 and 7).

A Period is a year with four quarterly checkpoints and the annual evaluation.
Each employee has one Skp per period: a header (frozen when agreed), planned
results (RHK) with indicators, realisation with evidence per checkpoint,
continuous feedback, quarterly check-ins and one annual Evaluation whose
predikat comes from the matrix in performance.rules. The unit's organisation
rating and the lock of its results sit in UnitResult; an Objection keeps the
original result beside the decided one.

Writes go through performance.services. Employee-owned rows cascade with the
employee, as in competency: an employee record is deleted only when it was
entered by mistake.
"""

from __future__ import annotations

import calendar
from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from performance import evidence as evidence_rules
from performance.querysets import (
    CheckInQuerySet,
    EvaluationQuerySet,
    EvidenceQuerySet,
    FeedbackQuerySet,
    ObjectionQuerySet,
    PeriodQuerySet,
    PlannedResultQuerySet,
    SkpQuerySet,
    TalentPotentialQuerySet,
    UnitResultQuerySet,
)
from performance.rules import (
    MATRIX,
    Aspect,
    BerakhlakValue,
    OrgRating,
    Potential,
    Predikat,
    Rating,
)
from sawahlunto_asn.lib.audit import audited

AS_EXPECTED = Rating.SESUAI_EKSPEKTASI


def _justified(rating: str, justification: str) -> Q:
    """A rating other than 'sesuai ekspektasi' carries a written justification."""
    return Q(**{rating: AS_EXPECTED}) | ~Q(**{justification: ""})


def _matrix(results: str, behaviour: str, predikat: str) -> Q:
    """The stored predikat is the matrix's for the two stored ratings."""
    condition = Q(pk__in=[])
    for (work, conduct), outcome in MATRIX.items():
        condition |= Q(**{results: work, behaviour: conduct, predikat: outcome})
    return condition


class Checkpoint(models.TextChoices):
    """When a realisation, check-in or evaluation is recorded (domain.md 5.1)."""

    TW1 = "TW1", _("Triwulan I")
    TW2 = "TW2", _("Triwulan II")
    TW3 = "TW3", _("Triwulan III")
    TW4 = "TW4", _("Triwulan IV/Akhir")
    ANNUAL = "TAHUNAN", _("Tahunan")


QUARTERS = (Checkpoint.TW1, Checkpoint.TW2, Checkpoint.TW3, Checkpoint.TW4)


# ---------------------------------------------------------------- periods


@audited()
class Period(models.Model):
    """An appraisal year. HR opens and closes it; nothing in a closed one changes."""

    class Status(models.TextChoices):
        OPEN = "OPEN", _("Dibuka")
        CLOSED = "CLOSED", _("Ditutup")

    year = models.PositiveSmallIntegerField(_("tahun"), unique=True)
    start_date = models.DateField(_("mulai"))
    end_date = models.DateField(_("sampai"))
    status = models.CharField(
        _("status"), max_length=6, choices=Status.choices, default=Status.OPEN
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dibuka oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    opened_at = models.DateTimeField(_("dibuka pada"), auto_now_add=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ditutup oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    closed_at = models.DateTimeField(_("ditutup pada"), null=True, blank=True)

    objects = PeriodQuerySet.as_manager()

    class Meta:
        ordering = ["-year"]
        verbose_name = _("periode penilaian")
        verbose_name_plural = _("periode penilaian")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="performance_period_dates",
                violation_error_message=_(
                    "Tanggal akhir periode tidak boleh sebelum tanggal mulai."
                ),
            ),
            models.CheckConstraint(
                condition=Q(status="OPEN") | Q(closed_at__isnull=False),
                name="performance_period_closed_at",
                violation_error_message=_("Periode yang ditutup perlu waktu tutup."),
            ),
        ]

    def __str__(self) -> str:
        return str(self.year)

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    def checkpoint_end(self, checkpoint: str) -> date:
        """The last day of a quarter (TW4 and the annual evaluation: the period's)."""
        if checkpoint in (Checkpoint.TW4, Checkpoint.ANNUAL):
            return self.end_date
        month = 3 * (QUARTERS.index(Checkpoint(checkpoint)) + 1)
        day = date(self.year, month, calendar.monthrange(self.year, month)[1])
        return min(day, self.end_date)

    def reference_day(self, today: date) -> date:
        """The day on which the supervising chain is read: today, kept in the period."""
        return min(max(today, self.start_date), self.end_date)


# ---------------------------------------------------------------- SKP


@audited()
class Skp(models.Model):
    """Sasaran Kinerja Pegawai: one per employee per period (domain.md 5.2).

    `appraiser` and `superior` are who appraises (pejabat penilai) and his
    superior (atasan pejabat penilai), from the supervising chain when the SKP
    is drafted; with `header` they are frozen when both parties agree. Any
    change after agreement starts the next version, and the agreed one stays in
    SkpVersion.
    """

    class Approach(models.TextChoices):
        QUANTITATIVE = "KUANTITATIF", _("Kuantitatif")
        QUALITATIVE = "KUALITATIF", _("Kualitatif")

    class Status(models.TextChoices):
        DRAFT = "DRAFT", _("Draf")
        AGREED = "AGREED", _("Disepakati")

    period = models.ForeignKey(
        Period, verbose_name=_("periode"), on_delete=models.PROTECT, related_name="skps"
    )
    employee = models.ForeignKey(
        "positions.Employee",
        verbose_name=_("pegawai yang dinilai"),
        on_delete=models.CASCADE,
        related_name="skps",
    )
    position = models.ForeignKey(
        "positions.Position",
        verbose_name=_("jabatan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    unit = models.ForeignKey(
        "positions.OrgUnit",
        verbose_name=_("unit kerja"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    appraiser = models.ForeignKey(
        "positions.Employee",
        verbose_name=_("pejabat penilai kinerja"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="appraised_skps",
    )
    superior = models.ForeignKey(
        "positions.Employee",
        verbose_name=_("atasan pejabat penilai kinerja"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="superior_skps",
    )
    header = models.JSONField(_("kepala SKP"), default=dict, blank=True)
    approach = models.CharField(
        _("pendekatan"),
        max_length=12,
        choices=Approach.choices,
        default=Approach.QUANTITATIVE,
    )
    status = models.CharField(
        _("status"), max_length=6, choices=Status.choices, default=Status.DRAFT
    )
    version = models.PositiveSmallIntegerField(_("versi"), default=1)
    employee_agreed_at = models.DateTimeField(
        _("disetujui pegawai pada"), null=True, blank=True
    )
    appraiser_agreed_at = models.DateTimeField(
        _("disetujui pejabat penilai pada"), null=True, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("disusun oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("dibuat pada"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah pada"), auto_now=True)

    objects = SkpQuerySet.as_manager()

    class Meta:
        ordering = ["-period_id", "id"]
        verbose_name = _("SKP")
        verbose_name_plural = _("SKP")
        indexes = [
            # My team: the SKPs an appraiser holds in a period.
            models.Index(fields=["appraiser", "period"], name="performance_skp_appr"),
            # Objections and visibility for the appraiser's superior.
            models.Index(fields=["superior", "period"], name="performance_skp_sup"),
            # Unit distribution and talent grid: a period's SKPs by unit.
            models.Index(fields=["period", "unit"], name="performance_skp_unit"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["period", "employee"],
                name="performance_skp_one_per_period",
                violation_error_message=_(
                    "Pegawai ini sudah memiliki SKP untuk periode tersebut."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(appraiser=F("employee")),
                name="performance_skp_not_own_appraiser",
                violation_error_message=_(
                    "Pegawai tidak dapat menjadi pejabat penilai kinerjanya sendiri."
                ),
            ),
            models.CheckConstraint(
                condition=Q(status="DRAFT")
                | Q(
                    employee_agreed_at__isnull=False, appraiser_agreed_at__isnull=False
                ),
                name="performance_skp_agreed_by_both",
                violation_error_message=_(
                    "SKP disepakati bila pegawai dan pejabat penilai sama-sama menyetujui."
                ),
            ),
        ]

    def __str__(self) -> str:
        name = (self.header.get("employee") or {}).get("name") or self.employee_id
        return f"SKP {self.period_id and self.period} {name}"

    @property
    def is_agreed(self) -> bool:
        return self.status == self.Status.AGREED


@audited()
class SkpVersion(models.Model):
    """An agreed version of an SKP, kept as it was when both parties agreed."""

    skp = models.ForeignKey(
        Skp, verbose_name=_("SKP"), on_delete=models.CASCADE, related_name="versions"
    )
    version = models.PositiveSmallIntegerField(_("versi"))
    snapshot = models.JSONField(_("isi SKP"))
    agreed_at = models.DateTimeField(_("disepakati pada"))

    class Meta:
        ordering = ["skp_id", "version"]
        verbose_name = _("versi SKP")
        verbose_name_plural = _("versi SKP")
        constraints = [
            models.UniqueConstraint(
                fields=["skp", "version"],
                name="performance_skpversion_unique",
                violation_error_message=_("Versi SKP ini sudah tersimpan."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.skp_id} v{self.version}"


@audited()
class PlannedResult(models.Model):
    """Rencana Hasil Kerja (RHK), main or additional; `parent` is the appraiser's
    RHK it cascades from (Rencana Hasil Kerja Pimpinan yang Diintervensi)."""

    class Kind(models.TextChoices):
        MAIN = "UTAMA", _("Utama")
        ADDITIONAL = "TAMBAHAN", _("Tambahan")

    skp = models.ForeignKey(
        Skp, verbose_name=_("SKP"), on_delete=models.CASCADE, related_name="results"
    )
    kind = models.CharField(
        _("jenis"), max_length=8, choices=Kind.choices, default=Kind.MAIN
    )
    text = models.TextField(_("rencana hasil kerja"))
    parent = models.ForeignKey(
        "self",
        verbose_name=_("RHK pimpinan yang diintervensi"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cascaded",
    )
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    objects = PlannedResultQuerySet.as_manager()

    class Meta:
        # Orderings stay on this table's columns: a relation in the default ordering
        # would join (and, under select_for_update, lock) the related rows.
        # UTAMA sorts after TAMBAHAN, so descending puts section A first.
        ordering = ["skp_id", "-kind", "order", "id"]
        verbose_name = _("rencana hasil kerja")
        verbose_name_plural = _("rencana hasil kerja")
        constraints = [
            models.CheckConstraint(
                condition=~Q(parent=F("id")),
                name="performance_rhk_not_own_parent",
                violation_error_message=_(
                    "RHK tidak dapat diintervensi oleh dirinya sendiri."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.text[:80]


@audited()
class Indicator(models.Model):
    """Indikator kinerja individu of an RHK, with its aspect and target."""

    rhk = models.ForeignKey(
        PlannedResult,
        verbose_name=_("RHK"),
        on_delete=models.CASCADE,
        related_name="indicators",
    )
    aspect = models.CharField(_("aspek"), max_length=10, choices=Aspect.choices)
    text = models.TextField(_("indikator kinerja individu"))
    target = models.CharField(_("target"), max_length=200)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        ordering = ["rhk_id", "order", "id"]
        verbose_name = _("indikator kinerja")
        verbose_name_plural = _("indikator kinerja")

    def __str__(self) -> str:
        return f"{self.get_aspect_display()}: {self.text[:60]}"


@audited()
class BehaviourExpectation(models.Model):
    """Ekspektasi khusus pimpinan for one BerAKHLAK value of an SKP."""

    skp = models.ForeignKey(
        Skp,
        verbose_name=_("SKP"),
        on_delete=models.CASCADE,
        related_name="expectations",
    )
    value = models.CharField(
        _("nilai BerAKHLAK"), max_length=24, choices=BerakhlakValue.choices
    )
    text = models.TextField(_("ekspektasi khusus pimpinan"))

    class Meta:
        ordering = ["skp_id", "value"]
        verbose_name = _("ekspektasi khusus pimpinan")
        verbose_name_plural = _("ekspektasi khusus pimpinan")
        constraints = [
            models.UniqueConstraint(
                fields=["skp", "value"],
                name="performance_expectation_unique",
                violation_error_message=_(
                    "Ekspektasi untuk nilai ini sudah ada pada SKP tersebut."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_value_display()}: {self.text[:60]}"


# ---------------------------------------------------------------- during the year


@audited()
class Realisation(models.Model):
    """Realisasi of an indicator at a checkpoint, recorded by the employee."""

    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("indikator"),
        on_delete=models.CASCADE,
        related_name="realisations",
    )
    checkpoint = models.CharField(
        _("periode evaluasi"), max_length=8, choices=Checkpoint.choices
    )
    text = models.TextField(_("realisasi"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dicatat oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("dicatat pada"), auto_now=True)

    class Meta:
        ordering = ["indicator_id", "checkpoint"]
        verbose_name = _("realisasi")
        verbose_name_plural = _("realisasi")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "checkpoint"],
                name="performance_realisation_unique",
                violation_error_message=_(
                    "Realisasi indikator ini untuk periode evaluasi itu sudah ada."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_checkpoint_display()}: {self.text[:60]}"


@audited(exclude=["file"])
class Evidence(models.Model):
    """Bukti dukung: a text, a link or a file (PDF/PNG/JPEG, checked by content)."""

    class Kind(models.TextChoices):
        TEXT = "TEKS", _("Keterangan")
        LINK = "TAUTAN", _("Tautan")
        FILE = "BERKAS", _("Berkas")

    realisation = models.ForeignKey(
        Realisation,
        verbose_name=_("realisasi"),
        on_delete=models.CASCADE,
        related_name="evidence",
    )
    kind = models.CharField(_("jenis"), max_length=6, choices=Kind.choices)
    text = models.TextField(_("keterangan"), blank=True)
    url = models.URLField(_("tautan"), max_length=500, blank=True)
    file = models.FileField(
        _("berkas"),
        storage=evidence_rules.EvidenceStorage(),
        upload_to=evidence_rules.upload_to,
        max_length=200,
        blank=True,
    )
    original_name = models.CharField(_("nama berkas asal"), max_length=200, blank=True)
    content_type = models.CharField(_("jenis berkas"), max_length=40, blank=True)
    size = models.PositiveIntegerField(_("ukuran (bita)"), null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diunggah oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("diunggah pada"), auto_now_add=True)

    objects = EvidenceQuerySet.as_manager()

    class Meta:
        ordering = ["realisation_id", "uploaded_at", "id"]
        verbose_name = _("bukti dukung")
        verbose_name_plural = _("bukti dukung")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="TEKS", url="", file="") & ~Q(text="")
                | Q(kind="TAUTAN", file="") & ~Q(url="")
                | Q(kind="BERKAS", url="") & ~Q(file=""),
                name="performance_evidence_follows_kind",
                violation_error_message=_(
                    "Bukti berupa keterangan, tautan, atau berkas, sesuai jenisnya."
                ),
            ),
        ]

    def __str__(self) -> str:
        if self.kind == self.Kind.FILE:
            return self.original_name
        if self.kind == self.Kind.LINK:
            return self.url
        return self.text[:60]


@audited()
class Feedback(models.Model):
    """Umpan balik berkelanjutan: a dated note by the appraiser on one RHK or on
    one BerAKHLAK value."""

    skp = models.ForeignKey(
        Skp, verbose_name=_("SKP"), on_delete=models.CASCADE, related_name="feedback"
    )
    rhk = models.ForeignKey(
        PlannedResult,
        verbose_name=_("RHK"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="feedback",
    )
    value = models.CharField(
        _("nilai BerAKHLAK"),
        max_length=24,
        choices=BerakhlakValue.choices,
        blank=True,
    )
    given_on = models.DateField(_("tanggal"))
    text = models.TextField(_("umpan balik"))
    given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diberikan oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("dicatat pada"), auto_now_add=True)

    objects = FeedbackQuerySet.as_manager()

    class Meta:
        ordering = ["skp_id", "-given_on", "-id"]
        verbose_name = _("umpan balik")
        verbose_name_plural = _("umpan balik")
        constraints = [
            models.CheckConstraint(
                condition=Q(rhk__isnull=False, value="")
                | Q(rhk__isnull=True) & ~Q(value=""),
                name="performance_feedback_rhk_or_value",
                violation_error_message=_(
                    "Umpan balik diberikan untuk satu RHK atau satu nilai BerAKHLAK."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.given_on:%d-%m-%Y}: {self.text[:60]}"


@audited()
class CheckIn(models.Model):
    """A quarterly check-in: the provisional ratings and their predikat."""

    skp = models.ForeignKey(
        Skp, verbose_name=_("SKP"), on_delete=models.CASCADE, related_name="checkins"
    )
    checkpoint = models.CharField(
        _("triwulan"), max_length=8, choices=Checkpoint.choices
    )
    work_results_rating = models.CharField(
        _("rating hasil kerja"), max_length=20, choices=Rating.choices
    )
    behaviour_rating = models.CharField(
        _("rating perilaku kerja"), max_length=20, choices=Rating.choices
    )
    predikat = models.CharField(
        _("predikat sementara"), max_length=20, choices=Predikat.choices
    )
    note = models.TextField(_("catatan"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dicatat oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("dicatat pada"), auto_now=True)

    objects = CheckInQuerySet.as_manager()

    class Meta:
        ordering = ["skp_id", "checkpoint"]
        verbose_name = _("evaluasi triwulanan")
        verbose_name_plural = _("evaluasi triwulanan")
        constraints = [
            models.UniqueConstraint(
                fields=["skp", "checkpoint"],
                name="performance_checkin_unique",
                violation_error_message=_(
                    "Evaluasi triwulan ini sudah dicatat untuk SKP tersebut."
                ),
            ),
            models.CheckConstraint(
                condition=Q(checkpoint__in=[c.value for c in QUARTERS]),
                name="performance_checkin_quarter",
                violation_error_message=_(
                    "Evaluasi periodik dicatat per triwulan; penilaian tahunan terpisah."
                ),
            ),
            models.CheckConstraint(
                condition=_matrix(
                    "work_results_rating", "behaviour_rating", "predikat"
                ),
                name="performance_checkin_matrix",
                violation_error_message=_(
                    "Predikat harus sesuai matriks rating hasil kerja dan perilaku kerja."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.skp_id} {self.get_checkpoint_display()}"


# ---------------------------------------------------------------- annual evaluation


@audited()
class Evaluation(models.Model):
    """The annual evaluation: two ratings by the appraiser and the predikat the
    matrix gives them. `received_at` is when the employee acknowledged the
    result, which starts the objection period; `locked_at` is set when HR locks
    the unit's results."""

    skp = models.OneToOneField(
        Skp, verbose_name=_("SKP"), on_delete=models.CASCADE, related_name="evaluation"
    )
    # The SKP's period, copied (an SKP never changes period): the city's talent
    # grid and distributions count a period's results without joining every SKP
    # (140 ms to 60 ms at 100,000 employees).
    period = models.ForeignKey(
        Period, verbose_name=_("periode"), on_delete=models.PROTECT, related_name="+"
    )
    employee = models.ForeignKey(
        "positions.Employee",
        verbose_name=_("pegawai yang dinilai"),
        on_delete=models.CASCADE,
        related_name="evaluations",
    )
    appraiser = models.ForeignKey(
        "positions.Employee",
        verbose_name=_("pejabat penilai kinerja"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="given_evaluations",
    )
    work_results_rating = models.CharField(
        _("rating hasil kerja"), max_length=20, choices=Rating.choices
    )
    work_results_justification = models.TextField(
        _("alasan rating hasil kerja"), blank=True
    )
    behaviour_rating = models.CharField(
        _("rating perilaku kerja"), max_length=20, choices=Rating.choices
    )
    behaviour_justification = models.TextField(
        _("alasan rating perilaku kerja"), blank=True
    )
    predikat = models.CharField(
        _("predikat kinerja"), max_length=20, choices=Predikat.choices, editable=False
    )
    rated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dinilai oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    rated_at = models.DateTimeField(_("dinilai pada"))
    received_at = models.DateTimeField(
        _("diterima pegawai pada"), null=True, blank=True
    )
    locked_at = models.DateTimeField(_("dikunci pada"), null=True, blank=True)

    objects = EvaluationQuerySet.as_manager()

    class Meta:
        ordering = ["skp_id"]
        verbose_name = _("penilaian kinerja tahunan")
        verbose_name_plural = _("penilaian kinerja tahunan")
        constraints = [
            models.CheckConstraint(
                condition=_justified(
                    "work_results_rating", "work_results_justification"
                ),
                name="performance_evaluation_results_justified",
                violation_error_message=_(
                    "Rating hasil kerja selain 'sesuai ekspektasi' wajib disertai alasan."
                ),
            ),
            models.CheckConstraint(
                condition=_justified("behaviour_rating", "behaviour_justification"),
                name="performance_evaluation_behaviour_justified",
                violation_error_message=_(
                    "Rating perilaku kerja selain 'sesuai ekspektasi' wajib disertai alasan."
                ),
            ),
            models.CheckConstraint(
                condition=_matrix(
                    "work_results_rating", "behaviour_rating", "predikat"
                ),
                name="performance_evaluation_matrix",
                violation_error_message=_(
                    "Predikat harus sesuai matriks rating hasil kerja dan perilaku kerja."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(appraiser=F("employee")),
                name="performance_evaluation_not_self",
                violation_error_message=_(
                    "Pegawai tidak dapat menilai dirinya sendiri."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.skp_id}: {self.get_predikat_display()}"


# ---------------------------------------------------------------- organisation


@audited()
class UnitResult(models.Model):
    """Capaian kinerja organisasi of a unit in a period, set by the unit head's
    superior, and HR's lock of the unit's results (with the reason when the
    distribution breaks the pattern the rating imposes)."""

    period = models.ForeignKey(
        Period,
        verbose_name=_("periode"),
        on_delete=models.PROTECT,
        related_name="unit_results",
    )
    unit = models.ForeignKey(
        "positions.OrgUnit",
        verbose_name=_("unit"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    org_rating = models.CharField(
        _("capaian kinerja organisasi"),
        max_length=16,
        choices=OrgRating.choices,
        blank=True,
    )
    rated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ditetapkan oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    rated_at = models.DateTimeField(_("ditetapkan pada"), null=True, blank=True)
    counts = models.JSONField(_("sebaran predikat saat dikunci"), default=dict)
    breaches = models.JSONField(_("pelanggaran pola saat dikunci"), default=list)
    lock_reason = models.TextField(_("alasan mengunci"), blank=True)
    locked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dikunci oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    locked_at = models.DateTimeField(_("dikunci pada"), null=True, blank=True)

    objects = UnitResultQuerySet.as_manager()

    class Meta:
        ordering = ["-period_id", "unit_id"]
        verbose_name = _("capaian kinerja organisasi")
        verbose_name_plural = _("capaian kinerja organisasi")
        constraints = [
            models.UniqueConstraint(
                fields=["period", "unit"],
                name="performance_unitresult_unique",
                violation_error_message=_(
                    "Capaian kinerja unit ini untuk periode tersebut sudah ada."
                ),
            ),
            models.CheckConstraint(
                condition=Q(locked_at__isnull=True) | ~Q(org_rating=""),
                name="performance_unitresult_locked_rated",
                violation_error_message=_(
                    "Hasil unit hanya dapat dikunci setelah capaian organisasinya ditetapkan."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.period_id}: {self.org_rating or '-'}"

    @property
    def is_locked(self) -> bool:
        return self.locked_at is not None


# ---------------------------------------------------------------- objections


@audited()
class Objection(models.Model):
    """Keberatan (PP 30/2019 Pasal 59; domain.md 5.6): filed by the employee,
    explained by both parties, decided by the appraiser's superior. The original
    result stays here beside the decided one."""

    class Status(models.TextChoices):
        FILED = "FILED", _("Diajukan")
        CLARIFIED = "CLARIFIED", _("Diperiksa")
        DECIDED = "DECIDED", _("Ditetapkan")

    class Decision(models.TextChoices):
        KEPT = "KEPT", _("Tetap")
        CHANGED = "CHANGED", _("Diubah")

    evaluation = models.OneToOneField(
        Evaluation,
        verbose_name=_("penilaian"),
        on_delete=models.CASCADE,
        related_name="objection",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.FILED
    )
    reasons = models.TextField(_("alasan keberatan"))
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diajukan oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    filed_at = models.DateTimeField(_("diajukan pada"), auto_now_add=True)
    appraiser_explanation = models.TextField(
        _("penjelasan pejabat penilai"), blank=True
    )
    employee_explanation = models.TextField(_("penjelasan pegawai"), blank=True)
    clarified_at = models.DateTimeField(_("diperiksa pada"), null=True, blank=True)
    decision = models.CharField(
        _("keputusan"), max_length=8, choices=Decision.choices, blank=True
    )
    decision_reason = models.TextField(_("alasan keputusan"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ditetapkan oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("ditetapkan pada"), null=True, blank=True)
    original_work_results_rating = models.CharField(
        _("rating hasil kerja semula"), max_length=20, choices=Rating.choices
    )
    original_behaviour_rating = models.CharField(
        _("rating perilaku kerja semula"), max_length=20, choices=Rating.choices
    )
    original_predikat = models.CharField(
        _("predikat semula"), max_length=20, choices=Predikat.choices
    )
    original_justifications = models.JSONField(
        _("alasan rating semula"), default=dict, blank=True
    )
    new_work_results_rating = models.CharField(
        _("rating hasil kerja baru"), max_length=20, choices=Rating.choices, blank=True
    )
    new_behaviour_rating = models.CharField(
        _("rating perilaku kerja baru"),
        max_length=20,
        choices=Rating.choices,
        blank=True,
    )
    new_predikat = models.CharField(
        _("predikat baru"), max_length=20, choices=Predikat.choices, blank=True
    )

    objects = ObjectionQuerySet.as_manager()

    class Meta:
        ordering = ["-filed_at", "-id"]
        verbose_name = _("keberatan")
        verbose_name_plural = _("keberatan")
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="DECIDED")
                | ~Q(decision="")
                & ~Q(decision_reason="")
                & Q(decided_at__isnull=False),
                name="performance_objection_decided",
                violation_error_message=_(
                    "Keberatan yang ditetapkan perlu keputusan dan alasannya."
                ),
            ),
            models.CheckConstraint(
                condition=Q(decision="", new_predikat="")
                | Q(decision="KEPT", new_predikat="")
                | Q(decision="CHANGED")
                & ~Q(new_work_results_rating="")
                & ~Q(new_behaviour_rating="")
                & ~Q(new_predikat=""),
                name="performance_objection_new_result",
                violation_error_message=_(
                    "Hasil baru dicatat hanya bila keputusan mengubah penilaian."
                ),
            ),
            models.CheckConstraint(
                condition=_matrix(
                    "original_work_results_rating",
                    "original_behaviour_rating",
                    "original_predikat",
                ),
                name="performance_objection_original_matrix",
            ),
            models.CheckConstraint(
                condition=Q(new_predikat="")
                | _matrix(
                    "new_work_results_rating", "new_behaviour_rating", "new_predikat"
                ),
                name="performance_objection_new_matrix",
                violation_error_message=_(
                    "Predikat harus sesuai matriks rating hasil kerja dan perilaku kerja."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.evaluation_id}: {self.get_status_display()}"


# ---------------------------------------------------------------- talent


@audited()
class TalentPotential(models.Model):
    """An employee's potential level in a period: computed from the competency
    assessments when there are any, otherwise entered by HR with its source."""

    class Source(models.TextChoices):
        COMPETENCY_ASSESSMENT = "ASESMEN", _("Asesmen kompetensi")
        HR_ENTRY = "BKPSDM", _("Diisi BKPSDM")

    period = models.ForeignKey(
        Period,
        verbose_name=_("periode"),
        on_delete=models.PROTECT,
        related_name="potentials",
    )
    employee = models.ForeignKey(
        "positions.Employee",
        verbose_name=_("pegawai"),
        on_delete=models.CASCADE,
        related_name="talent_potentials",
    )
    level = models.CharField(_("potensi"), max_length=8, choices=Potential.choices)
    source = models.CharField(_("sumber"), max_length=8, choices=Source.choices)
    source_text = models.CharField(_("keterangan sumber"), max_length=300, blank=True)
    score = models.FloatField(_("skor (0-100)"), null=True, blank=True)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dicatat oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    set_at = models.DateTimeField(_("dicatat pada"), auto_now=True)

    objects = TalentPotentialQuerySet.as_manager()

    class Meta:
        ordering = ["-period_id", "employee_id"]
        verbose_name = _("potensi talenta")
        verbose_name_plural = _("potensi talenta")
        constraints = [
            models.UniqueConstraint(
                fields=["period", "employee"],
                name="performance_potential_unique",
                violation_error_message=_(
                    "Potensi pegawai ini untuk periode tersebut sudah ada."
                ),
            ),
            models.CheckConstraint(
                condition=Q(source="ASESMEN") | ~Q(source_text=""),
                name="performance_potential_source_text",
                violation_error_message=_(
                    "Potensi yang diisi BKPSDM wajib menyebut sumbernya."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.employee_id} {self.period_id}: {self.get_level_display()}"
