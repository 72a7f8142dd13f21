"""The SKM survey (PermenPANRB 14/2017, domain.md 8.1): periods and the citizens'
answers. The formula lives in community.ikm; the same formula in SQL is
SurveyResponseQuerySet.results(), so many units are scored in one query.

Periods are city-wide: every public-service unit is surveyed in the same
window (the regulation asks for at least one survey a year), so results of
different units in a period compare like with like.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import RangeOperators
from django.db import models
from django.db.models import Count, DecimalField, F, Q, Sum, Value
from django.db.models.functions import Cast, Round
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from community import ikm
from positions.models import DateRange
from sawahlunto_asn.accounts import roles

__all__ = ["SurveyPeriod", "SurveyResponse"]

ONE_ANSWER_MESSAGE = _(
    "Anda sudah mengisi survei kepuasan untuk unit ini pada periode ini. Setiap "
    "warga hanya dapat mengisi satu kali per unit per periode."
)


class SurveyPeriodQuerySet(models.QuerySet):
    def visible_to(self, user) -> SurveyPeriodQuerySet:
        # Periods and their results are public.
        return self

    def accepting(self, day: date) -> SurveyPeriodQuerySet:
        """Open periods whose dates cover `day` (at most one: they never overlap)."""
        return self.filter(
            status=SurveyPeriod.Status.OPEN, start_date__lte=day, end_date__gte=day
        )

    def started(self, day: date) -> SurveyPeriodQuerySet:
        return self.filter(start_date__lte=day)


class SurveyPeriod(models.Model):
    """A survey window of the whole city (a semester or a year). HR opens it and
    closes it; answers are taken only while it is open and within its dates."""

    class Status(models.TextChoices):
        OPEN = "OPEN", _("Dibuka")
        CLOSED = "CLOSED", _("Ditutup")

    name = models.CharField(_("nama periode"), max_length=60, unique=True)
    start_date = models.DateField(_("mulai"))
    end_date = models.DateField(_("sampai"))
    status = models.CharField(
        _("status"), max_length=6, choices=Status.choices, default=Status.OPEN
    )
    created_at = models.DateTimeField(_("dibuat pada"), auto_now_add=True)

    objects = SurveyPeriodQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date"]
        verbose_name = _("periode survei")
        verbose_name_plural = _("periode survei")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="community_surveyperiod_dates",
                violation_error_message=_(
                    "Tanggal akhir periode survei tidak boleh sebelum tanggal mulai."
                ),
            ),
            # Overlapping periods would let a citizen rate a unit twice for the
            # same weeks.
            ExclusionConstraint(
                name="community_surveyperiod_no_overlap",
                expressions=[
                    (
                        DateRange("start_date", "end_date", Value("[]")),
                        RangeOperators.OVERLAPS,
                    )
                ],
                violation_error_message=_(
                    "Periode survei ini beririsan dengan periode survei lain."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    def accepts_on(self, day: date) -> bool:
        return self.is_open and self.start_date <= day <= self.end_date


class SurveyResponseQuerySet(models.QuerySet):
    def visible_to(self, user) -> SurveyResponseQuerySet:
        """HR: every answer; a citizen: his own. Nobody else reads single
        answers; the public sees only the aggregated results."""
        if not user.is_authenticated:
            return self.none()
        if user.has_perm(roles.HR.perm):
            return self
        return self.filter(respondent=user)

    def results(self) -> SurveyResponseQuerySet:
        """One row per (unit, period): respondents, nrr_<code> for every element,
        mean_nrr and ikm, rounded exactly as community.ikm does (PostgreSQL's
        round(numeric) rounds half away from zero, i.e. ROUND_HALF_UP here)."""
        four = DecimalField(max_digits=12, decimal_places=4)
        nrr = {
            f"nrr_{code}": Round(
                Cast(Sum(element.field), four) / Cast(Count("id"), four),
                4,
                output_field=four,
            )
            for code, element in ikm.ELEMENTS.items()
        }
        total = sum((F(name) for name in nrr), Value(0, output_field=four))
        mean = Round(total / Value(len(nrr), output_field=four), 4, output_field=four)
        return (
            self.order_by()
            .values("unit_id", "period_id")
            .annotate(respondents=Count("id"), **nrr)
            .annotate(mean_nrr=mean)
            .annotate(
                ikm=Round(
                    F("mean_nrr") * Value(ikm.CONVERSION, output_field=four),
                    2,
                    output_field=DecimalField(max_digits=8, decimal_places=2),
                )
            )
        )


class SurveyResponse(models.Model):
    """One citizen's answer to the nine-element questionnaire about one unit in
    one period. Scores are stored per element name (community.ikm.ELEMENTS)."""

    class Gender(models.TextChoices):
        MALE = "L", _("Laki-laki")
        FEMALE = "P", _("Perempuan")

    class AgeGroup(models.TextChoices):
        UNDER_20 = "LT20", _("Di bawah 20 tahun")
        FROM_20 = "20_29", _("20-29 tahun")
        FROM_30 = "30_39", _("30-39 tahun")
        FROM_40 = "40_49", _("40-49 tahun")
        FROM_50 = "50_59", _("50-59 tahun")
        FROM_60 = "GE60", _("60 tahun ke atas")

    class Education(models.TextChoices):
        SD = "SD", _("SD ke bawah")
        SMP = "SMP", _("SMP/sederajat")
        SMA = "SMA", _("SMA/sederajat")
        DIPLOMA = "D1_D3", _("D1-D3")
        BACHELOR = "D4_S1", _("D4/S1")
        MASTER = "S2_UP", _("S2 ke atas")

    class Job(models.TextChoices):
        CIVIL_SERVANT = "ASN", _("PNS/PPPK")
        MILITARY_POLICE = "TNI_POLRI", _("TNI/Polri")
        PRIVATE = "SWASTA", _("Pegawai swasta")
        SELF_EMPLOYED = "WIRAUSAHA", _("Wirausaha")
        STUDENT = "PELAJAR", _("Pelajar/mahasiswa")
        OTHER = "LAINNYA", _("Lainnya")

    period = models.ForeignKey(
        SurveyPeriod,
        verbose_name=_("periode"),
        on_delete=models.PROTECT,
        related_name="responses",
    )
    unit = models.ForeignKey(
        "positions.OrgUnit",
        verbose_name=_("unit layanan"),
        on_delete=models.PROTECT,
        related_name="survey_responses",
    )
    # Optional: the service the citizen used, when the unit lists its services.
    service = models.ForeignKey(
        "community.Service",
        verbose_name=_("layanan yang digunakan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="survey_responses",
    )
    # Kept when the account is deleted (the unit's index must not change
    # afterwards); the answer is then no longer anyone's.
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responden"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="survey_responses",
    )
    score_requirements = models.PositiveSmallIntegerField(_("persyaratan"))
    score_procedure = models.PositiveSmallIntegerField(_("prosedur"))
    score_time = models.PositiveSmallIntegerField(_("waktu penyelesaian"))
    score_cost = models.PositiveSmallIntegerField(_("biaya/tarif"))
    score_product = models.PositiveSmallIntegerField(_("produk layanan"))
    score_competence = models.PositiveSmallIntegerField(_("kompetensi pelaksana"))
    score_behaviour = models.PositiveSmallIntegerField(_("perilaku pelaksana"))
    score_complaints = models.PositiveSmallIntegerField(_("penanganan pengaduan"))
    score_facilities = models.PositiveSmallIntegerField(_("sarana dan prasarana"))
    gender = models.CharField(_("jenis kelamin"), max_length=1, choices=Gender.choices)
    age_group = models.CharField(_("usia"), max_length=5, choices=AgeGroup.choices)
    education = models.CharField(
        _("pendidikan"), max_length=5, choices=Education.choices
    )
    job = models.CharField(_("pekerjaan"), max_length=9, choices=Job.choices)
    submitted_at = models.DateTimeField(_("dikirim pada"), default=timezone.now)

    objects = SurveyResponseQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("jawaban survei")
        verbose_name_plural = _("jawaban survei")
        indexes = [
            # A unit's IKM trend across periods (unit page, office dashboard);
            # the unique constraint's index serves one period's results.
            models.Index(fields=["unit", "period"], name="community_survey_unit"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["period", "unit", "respondent"],
                name="community_surveyresponse_once",
                violation_error_message=ONE_ANSWER_MESSAGE,
            ),
            *(
                models.CheckConstraint(
                    condition=Q(**{f"{e.field}__gte": 1, f"{e.field}__lte": 4}),
                    name=f"community_surveyresponse_{e.code}_1_4",
                    violation_error_message=_(
                        "Nilai setiap unsur survei harus antara 1 dan 4."
                    ),
                )
                for e in ikm.ELEMENTS.values()
            ),
        ]

    def __str__(self) -> str:
        return f"{self.period} · {self.unit_id} · {self.pk}"

    def scores(self) -> dict[str, int]:
        return {code: getattr(self, e.field) for code, e in ikm.ELEMENTS.items()}
