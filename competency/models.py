"""Competency development (domain.md section 6): the dictionary, position standards,
assessments, the training catalogue with its events, and external learning.

History is kept as rows: an assessment is never edited, a new one is recorded; a
cancelled registration stays as CANCELLED. Employee-owned rows cascade with the
employee, like positions.RankHistory: an employee record is only ever deleted when
it was entered by mistake (the demo rebuild relies on this).
"""

from __future__ import annotations

import pghistory
from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from competency.querysets import (
    AssessmentQuerySet,
    AttendanceQuerySet,
    CompetencyQuerySet,
    EvaluationQuerySet,
    ExternalLearningQuerySet,
    RegistrationQuerySet,
    TrainingEventQuerySet,
    TrainingProgramQuerySet,
)
from positions.models import FunctionalLevel, Position, PositionKind
from sawahlunto_asn.lib.audit import audited

LEVEL_MIN, LEVEL_MAX = 1, 5
LEVEL_CHOICES = [(n, str(n)) for n in range(LEVEL_MIN, LEVEL_MAX + 1)]


def _level_check(field: str, name: str, low: int = LEVEL_MIN) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(**{f"{field}__gte": low, f"{field}__lte": LEVEL_MAX}),
        name=name,
        violation_error_message=_("Level kompetensi harus %(low)s sampai %(high)s.")
        % {"low": low, "high": LEVEL_MAX},
    )


# ---------------------------------------------------------------- dictionary


class CompetencyType(models.TextChoices):
    MANAGERIAL = "MANAJERIAL", _("Manajerial")
    SOCIOCULTURAL = "SOSIAL_KULTURAL", _("Sosial kultural")
    TECHNICAL = "TEKNIS", _("Teknis")


@audited()
class Competency(models.Model):
    """One entry of the Kamus Kompetensi (PermenPANRB 38/2017); HR edits it."""

    Type = CompetencyType

    code = models.CharField(_("kode"), max_length=20, unique=True)
    name = models.CharField(_("nama"), max_length=150)
    type = models.CharField(_("jenis"), max_length=16, choices=CompetencyType.choices)
    field = models.CharField(
        _("rumpun"),
        max_length=20,
        choices=Position.Field.choices,
        blank=True,
        help_text=_(
            "Hanya untuk kompetensi teknis: rumpun jabatan yang memerlukannya."
        ),
    )
    description = models.TextField(_("definisi"), blank=True)
    is_active = models.BooleanField(_("aktif"), default=True)

    objects = CompetencyQuerySet.as_manager()

    class Meta:
        ordering = ["type", "code"]
        verbose_name = _("kompetensi")
        verbose_name_plural = _("kompetensi")
        constraints = [
            models.CheckConstraint(
                condition=(Q(type="TEKNIS") & ~Q(field=""))
                | (~Q(type="TEKNIS") & Q(field="")),
                name="competency_competency_field_iff_technical",
                violation_error_message=_(
                    "Rumpun wajib diisi untuk kompetensi teknis dan hanya untuk kompetensi teknis."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


@audited()
class CompetencyLevel(models.Model):
    """What a level (1-5) of a competency looks like in behaviour."""

    competency = models.ForeignKey(
        Competency,
        verbose_name=_("kompetensi"),
        on_delete=models.CASCADE,
        related_name="levels",
    )
    level = models.PositiveSmallIntegerField(_("level"), choices=LEVEL_CHOICES)
    description = models.TextField(_("deskripsi perilaku"))

    class Meta:
        ordering = ["competency", "level"]
        verbose_name = _("level kompetensi")
        verbose_name_plural = _("level kompetensi")
        constraints = [
            models.UniqueConstraint(
                fields=["competency", "level"],
                name="competency_competencylevel_unique",
                violation_error_message=_("Level ini sudah ada untuk kompetensi itu."),
            ),
            _level_check("level", "competency_competencylevel_1_5"),
        ]

    def __str__(self) -> str:
        return f"{self.competency.code} level {self.level}"


# ---------------------------------------------------------------- standards


@audited()
class StandardDefault(models.Model):
    """The level a kind of position requires by default (standar kompetensi jabatan).

    Keyed like positions.RetirementRule: jenis jabatan plus jenjang, where a blank
    jenjang covers every jenjang of that kind. A technical competency's default
    applies only to positions of the competency's field (rumpun).
    """

    position_kind = models.CharField(
        _("jenis jabatan"), max_length=16, choices=PositionKind.choices
    )
    functional_level = models.CharField(
        _("jenjang"), max_length=16, choices=FunctionalLevel.choices, blank=True
    )
    competency = models.ForeignKey(
        Competency,
        verbose_name=_("kompetensi"),
        on_delete=models.CASCADE,
        related_name="defaults",
    )
    required_level = models.PositiveSmallIntegerField(
        _("level yang dipersyaratkan"), choices=LEVEL_CHOICES
    )

    class Meta:
        ordering = ["position_kind", "functional_level", "competency"]
        verbose_name = _("standar kompetensi bawaan")
        verbose_name_plural = _("standar kompetensi bawaan")
        constraints = [
            models.UniqueConstraint(
                fields=["position_kind", "functional_level", "competency"],
                name="competency_standarddefault_unique",
                violation_error_message=_(
                    "Standar bawaan untuk jenis jabatan, jenjang dan kompetensi ini sudah ada."
                ),
            ),
            _level_check("required_level", "competency_standarddefault_level_1_5"),
        ]

    def __str__(self) -> str:
        kind = self.get_functional_level_display() or self.get_position_kind_display()
        return f"{kind}: {self.competency_id} level {self.required_level}"


@audited()
class PositionStandard(models.Model):
    """A position's own requirement for a competency; wins over the default.

    Level 0 removes a requirement that the defaults would otherwise impose.
    """

    position = models.ForeignKey(
        Position,
        verbose_name=_("jabatan"),
        on_delete=models.CASCADE,
        related_name="competency_standards",
    )
    competency = models.ForeignKey(
        Competency,
        verbose_name=_("kompetensi"),
        on_delete=models.CASCADE,
        related_name="position_standards",
    )
    required_level = models.PositiveSmallIntegerField(
        _("level yang dipersyaratkan"),
        choices=[(0, _("Tidak dipersyaratkan")), *LEVEL_CHOICES],
    )

    class Meta:
        ordering = ["position", "competency"]
        verbose_name = _("standar kompetensi jabatan")
        verbose_name_plural = _("standar kompetensi jabatan")
        constraints = [
            models.UniqueConstraint(
                fields=["position", "competency"],
                name="competency_positionstandard_unique",
                violation_error_message=_(
                    "Jabatan ini sudah memiliki standar untuk kompetensi itu."
                ),
            ),
            _level_check(
                "required_level", "competency_positionstandard_level_0_5", low=0
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position}: {self.competency} level {self.required_level}"


# ---------------------------------------------------------------- assessments


@audited()
class Assessment(models.Model):
    """An assessed level on a date. Never edited: a new assessment supersedes it."""

    class Method(models.TextChoices):
        ASSESSMENT_CENTER = "ASSESSMENT_CENTER", _("Assessment center")
        COMPETENCY_TEST = "COMPETENCY_TEST", _("Uji kompetensi")
        SUPERVISOR = "SUPERVISOR", _("Evaluasi atasan")

    employee = models.ForeignKey(
        "positions.Employee",
        verbose_name=_("pegawai"),
        on_delete=models.CASCADE,
        related_name="competency_assessments",
    )
    competency = models.ForeignKey(
        Competency,
        verbose_name=_("kompetensi"),
        on_delete=models.PROTECT,
        related_name="assessments",
    )
    level = models.PositiveSmallIntegerField(_("level"), choices=LEVEL_CHOICES)
    assessed_on = models.DateField(_("tanggal asesmen"))
    method = models.CharField(_("metode"), max_length=20, choices=Method.choices)
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("asesor (akun)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    assessor_name = models.CharField(_("nama asesor"), max_length=150, blank=True)
    notes = models.TextField(_("catatan"), blank=True)
    created_at = models.DateTimeField(_("dicatat pada"), auto_now_add=True)

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["employee", "competency", "-assessed_on", "-id"]
        verbose_name = _("asesmen kompetensi")
        verbose_name_plural = _("asesmen kompetensi")
        indexes = [
            # AssessmentQuerySet.latest(): DISTINCT ON (employee, competency) in this order.
            models.Index(
                F("employee"),
                F("competency"),
                F("assessed_on").desc(),
                F("id").desc(),
                name="competency_assessment_latest",
            ),
        ]
        constraints = [_level_check("level", "competency_assessment_level_1_5")]

    def __str__(self) -> str:
        return f"{self.competency_id} level {self.level} ({self.assessed_on:%d-%m-%Y})"


class UnitGapSummary(models.Model):
    """Per unit and competency, the gap counts of the employees placed there on
    `computed_on` (services.refresh_gap_summary). The city and unit reports add
    these rows up instead of working out every employee's gaps on each request:
    at 100,000 employees that is a million (employee, competency) pairs."""

    unit = models.ForeignKey(
        "positions.OrgUnit", on_delete=models.CASCADE, related_name="+"
    )
    competency = models.ForeignKey(
        Competency, on_delete=models.CASCADE, related_name="+"
    )
    required_count = models.PositiveIntegerField(_("dipersyaratkan"))
    unassessed_count = models.PositiveIntegerField(_("belum diases"))
    below_count = models.PositiveIntegerField(_("di bawah standar"))
    gap_sum = models.PositiveIntegerField(_("jumlah kesenjangan"))
    min_required_below = models.PositiveSmallIntegerField(
        _("level terendah yang belum dicapai"), null=True
    )
    computed_on = models.DateField(_("posisi per tanggal"))
    computed_at = models.DateTimeField(_("dihitung pada"))

    class Meta:
        verbose_name = _("ringkasan kesenjangan unit")
        verbose_name_plural = _("ringkasan kesenjangan unit")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "competency"], name="competency_gapsummary_unique"
            ),
            # Never assessed counts as level 0, so always below a required level.
            models.CheckConstraint(
                condition=Q(unassessed_count__lte=F("below_count"))
                & Q(below_count__lte=F("required_count")),
                name="competency_gapsummary_counts_nest",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit_id}/{self.competency_id}: {self.below_count}"


class YearlyJp(models.Model):
    """An employee's counted JP in a calendar year (per-kind caps applied), kept by
    the services that complete training or approve external learning, so the 20
    JP reports read one row per employee instead of adding up every credit.
    `manage.py recount_jp` rebuilds it (after the caps in settings change)."""

    employee = models.ForeignKey(
        "positions.Employee", on_delete=models.CASCADE, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("tahun"))
    counted = models.PositiveIntegerField(_("JP diakui"))

    class Meta:
        verbose_name = _("JP tahunan")
        verbose_name_plural = _("JP tahunan")
        constraints = [
            models.UniqueConstraint(
                fields=["employee", "year"], name="competency_yearlyjp_unique"
            )
        ]
        # Who met the minimum in a year: the reminder list's anti-join.
        indexes = [
            models.Index(fields=["year", "counted"], name="competency_yearlyjp_met")
        ]

    def __str__(self) -> str:
        return f"{self.employee_id} {self.year}: {self.counted} JP"


# ---------------------------------------------------------------- training


class DevelopmentCategory(models.TextChoices):
    EDUCATION = "PENDIDIKAN", _("Pendidikan")
    CLASSICAL = "KLASIKAL", _("Pelatihan klasikal")
    NON_CLASSICAL = "NON_KLASIKAL", _("Pelatihan non-klasikal")


class DevelopmentKind(models.TextChoices):
    """Jenis pengembangan kompetensi (domain.md 6.2, the BKN/SIASN list)."""

    FORMAL_EDUCATION = "PENDIDIKAN_FORMAL", _("Pendidikan formal (tugas/izin belajar)")
    LEADERSHIP = "PELATIHAN_KEPEMIMPINAN", _("Pelatihan kepemimpinan (PKA, PKP, PKN)")
    MANAGERIAL = "PELATIHAN_MANAJERIAL", _("Pelatihan manajerial")
    TECHNICAL = "PELATIHAN_TEKNIS", _("Pelatihan teknis")
    FUNCTIONAL = "PELATIHAN_FUNGSIONAL", _("Pelatihan fungsional")
    SOCIOCULTURAL = "PELATIHAN_SOSIAL_KULTURAL", _("Pelatihan sosial kultural")
    SEMINAR = "SEMINAR", _("Seminar/konferensi/sarasehan (webinar)")
    WORKSHOP = "WORKSHOP", _("Workshop/lokakarya")
    COURSE = "KURSUS", _("Kursus")
    UPGRADING = "PENATARAN", _("Penataran")
    TECHNICAL_GUIDANCE = "BIMTEK", _("Bimbingan teknis")
    SOCIALISATION = "SOSIALISASI", _("Sosialisasi")
    OTHER_CLASSICAL = "KLASIKAL_LAINNYA", _("Klasikal lainnya")
    COACHING = "COACHING", _("Coaching")
    MENTORING = "MENTORING", _("Mentoring")
    E_LEARNING = "E_LEARNING", _("E-learning")
    DISTANCE = "PELATIHAN_JARAK_JAUH", _("Pelatihan jarak jauh")
    SECONDMENT = "DETASERING", _("Detasering (secondment)")
    OUTBOUND = "OUTBOUND", _("Pembelajaran alam terbuka (outbound)")
    BENCHMARKING = "PATOK_BANDING", _("Patok banding (benchmarking)")
    EXCHANGE = "PERTUKARAN", _("Pertukaran PNS dengan pegawai swasta/BUMN/BUMD")
    SELF_LEARNING = "BELAJAR_MANDIRI", _("Belajar mandiri")
    COMMUNITY = "KOMUNITAS_BELAJAR", _("Komunitas belajar (community of practice)")
    ON_THE_JOB = "BIMBINGAN_DI_TEMPAT_KERJA", _("Bimbingan di tempat kerja")
    INTERNSHIP = "MAGANG", _("Magang/praktik kerja")
    OTHER_NON_CLASSICAL = "NON_KLASIKAL_LAINNYA", _("Non-klasikal lainnya")


NON_CLASSICAL_KINDS = frozenset(
    {
        "COACHING",
        "MENTORING",
        "E_LEARNING",
        "PELATIHAN_JARAK_JAUH",
        "DETASERING",
        "OUTBOUND",
        "PATOK_BANDING",
        "PERTUKARAN",
        "BELAJAR_MANDIRI",
        "KOMUNITAS_BELAJAR",
        "BIMBINGAN_DI_TEMPAT_KERJA",
        "MAGANG",
        "NON_KLASIKAL_LAINNYA",
    }
)


def category_of(kind: str) -> str:
    """Klasikal, non-klasikal or pendidikan for a kind, after COMPETENCY_KIND_CATEGORIES.

    Agencies differ (some count sosialisasi as non-klasikal, domain.md 6.2), so the
    default mapping can be overridden per kind in settings; read at call time.
    """
    override = getattr(settings, "COMPETENCY_KIND_CATEGORIES", {}).get(kind)
    if override:
        return override
    if kind == DevelopmentKind.FORMAL_EDUCATION:
        return DevelopmentCategory.EDUCATION
    if kind in NON_CLASSICAL_KINDS:
        return DevelopmentCategory.NON_CLASSICAL
    return DevelopmentCategory.CLASSICAL


# pghistory's default reverse name, `events`, is the program's training events here.
@audited(obj_field=pghistory.ObjForeignKey(related_name="audit_events"))
class TrainingProgram(models.Model):
    """A course in the catalogue; it runs as one or more events.

    Klasikal or non-klasikal is derived from the kind (`category`), not stored.
    """

    Kind = DevelopmentKind

    title = models.CharField(_("judul"), max_length=200)
    kind = models.CharField(
        _("jenis pengembangan"), max_length=28, choices=DevelopmentKind.choices
    )
    jp_credit = models.PositiveSmallIntegerField(
        _("JP"), help_text=_("Jam pelajaran yang diakui (1 JP = 45 menit).")
    )
    provider = models.CharField(_("penyelenggara"), max_length=150, blank=True)
    description = models.TextField(_("uraian"), blank=True)
    competencies = models.ManyToManyField(
        Competency,
        verbose_name=_("kompetensi yang dikembangkan"),
        through="ProgramCompetency",
        related_name="programs",
        blank=True,
    )
    is_active = models.BooleanField(_("aktif"), default=True)
    # The reform dashboard counts who attended these (issue 8: "reach of reform
    # socialisation"): a sosialisasi on another topic is not one of them.
    is_reform_socialisation = models.BooleanField(
        _("sosialisasi reformasi birokrasi"),
        default=False,
        help_text=_(
            "Centang bila program ini menyosialisasikan reformasi birokrasi; "
            "kehadirannya dihitung pada dasbor reformasi."
        ),
    )

    objects = TrainingProgramQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        verbose_name = _("program pelatihan")
        verbose_name_plural = _("program pelatihan")
        constraints = [
            models.CheckConstraint(
                condition=Q(jp_credit__gt=0),
                name="competency_trainingprogram_jp_positive",
                violation_error_message=_("JP harus lebih dari nol."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def category(self) -> str:
        return category_of(self.kind)


@audited()
class ProgramCompetency(models.Model):
    """A competency a program develops and the level it leads to."""

    program = models.ForeignKey(
        TrainingProgram,
        verbose_name=_("program"),
        on_delete=models.CASCADE,
        related_name="program_competencies",
    )
    competency = models.ForeignKey(
        Competency,
        verbose_name=_("kompetensi"),
        on_delete=models.PROTECT,
        related_name="program_links",
    )
    target_level = models.PositiveSmallIntegerField(
        _("level sasaran"), choices=LEVEL_CHOICES
    )

    class Meta:
        ordering = ["program", "competency"]
        verbose_name = _("kompetensi program")
        verbose_name_plural = _("kompetensi program")
        constraints = [
            models.UniqueConstraint(
                fields=["program", "competency"],
                name="competency_programcompetency_unique",
                violation_error_message=_(
                    "Kompetensi ini sudah tercantum pada program itu."
                ),
            ),
            _level_check("target_level", "competency_programcompetency_level_1_5"),
        ]

    def __str__(self) -> str:
        return f"{self.program}: {self.competency} → {self.target_level}"


@audited()
class TrainingEvent(models.Model):
    """One run of a program: dates, place or link, seats and a registration deadline."""

    program = models.ForeignKey(
        TrainingProgram,
        verbose_name=_("program"),
        on_delete=models.PROTECT,
        related_name="events",
    )
    start_date = models.DateField(_("tanggal mulai"))
    end_date = models.DateField(_("tanggal selesai"))
    place = models.CharField(_("tempat"), max_length=200, blank=True)
    online_link = models.URLField(_("tautan daring"), blank=True)
    capacity = models.PositiveIntegerField(_("kapasitas peserta"))
    registration_deadline = models.DateField(_("batas pendaftaran"))
    organiser = models.CharField(_("penyelenggara"), max_length=150, blank=True)
    organiser_unit = models.ForeignKey(
        "positions.OrgUnit",
        verbose_name=_("unit penyelenggara"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="training_events",
    )
    created_at = models.DateTimeField(_("dibuat pada"), auto_now_add=True)

    objects = TrainingEventQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "-id"]
        verbose_name = _("kegiatan pelatihan")
        verbose_name_plural = _("kegiatan pelatihan")
        indexes = [
            # JP sums pick events by the year of their end date.
            models.Index(fields=["end_date"], name="competency_event_end_date"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="competency_trainingevent_end_not_before_start",
                violation_error_message=_(
                    "Tanggal selesai tidak boleh sebelum tanggal mulai."
                ),
            ),
            models.CheckConstraint(
                condition=Q(capacity__gt=0),
                name="competency_trainingevent_capacity_positive",
                violation_error_message=_("Kapasitas peserta harus lebih dari nol."),
            ),
            models.CheckConstraint(
                condition=Q(registration_deadline__lte=F("end_date")),
                name="competency_trainingevent_deadline_not_after_end",
                violation_error_message=_(
                    "Batas pendaftaran tidak boleh sesudah tanggal selesai."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(place="") | ~Q(online_link=""),
                name="competency_trainingevent_place_or_link",
                violation_error_message=_("Isi tempat atau tautan daring."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.program.title} ({self.start_date:%d-%m-%Y})"

    def covers(self, day) -> bool:
        return self.start_date <= day <= self.end_date


@audited()
class Registration(models.Model):
    """An employee's seat (or place in the waiting list) at an event."""

    class Status(models.TextChoices):
        REGISTERED = "REGISTERED", _("Terdaftar")
        WAITLISTED = "WAITLISTED", _("Daftar tunggu")
        CANCELLED = "CANCELLED", _("Dibatalkan")
        COMPLETED = "COMPLETED", _("Selesai")

    class Source(models.TextChoices):
        NOMINATED = "NOMINATED", _("Ditunjuk")
        SELF = "SELF", _("Mendaftar sendiri")

    # The statuses that hold a seat.
    SEATED = ("REGISTERED", "COMPLETED")
    ACTIVE = ("REGISTERED", "WAITLISTED", "COMPLETED")

    event = models.ForeignKey(
        TrainingEvent,
        verbose_name=_("kegiatan"),
        on_delete=models.PROTECT,
        related_name="registrations",
    )
    employee = models.ForeignKey(
        "positions.Employee",
        verbose_name=_("pegawai"),
        on_delete=models.CASCADE,
        related_name="training_registrations",
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    source = models.CharField(
        _("cara mendaftar"), max_length=10, choices=Source.choices
    )
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("didaftarkan oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("didaftarkan pada"), auto_now_add=True)
    waitlist_position = models.PositiveIntegerField(
        _("urutan daftar tunggu"), null=True, blank=True
    )
    cancelled_at = models.DateTimeField(_("dibatalkan pada"), null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dibatalkan oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    certificate_number = models.CharField(
        _("nomor sertifikat"), max_length=80, blank=True
    )
    completed_on = models.DateField(_("tanggal selesai"), null=True, blank=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["event", "id"]
        verbose_name = _("pendaftaran pelatihan")
        verbose_name_plural = _("pendaftaran pelatihan")
        indexes = [
            # JP sums: completed registrations of an employee.
            models.Index(
                fields=["employee", "event"],
                condition=Q(status="COMPLETED"),
                name="competency_registration_done",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "employee"],
                condition=~Q(status="CANCELLED"),
                name="competency_registration_one_active",
                violation_error_message=_(
                    "Pegawai ini sudah terdaftar pada kegiatan tersebut."
                ),
            ),
            models.UniqueConstraint(
                fields=["event", "waitlist_position"],
                name="competency_registration_waitlist_unique",
            ),
            models.UniqueConstraint(
                fields=["event", "certificate_number"],
                condition=~Q(certificate_number=""),
                name="competency_registration_certificate_unique",
                violation_error_message=_(
                    "Nomor sertifikat ini sudah dipakai pada kegiatan yang sama."
                ),
            ),
            models.CheckConstraint(
                condition=Q(status="WAITLISTED", waitlist_position__isnull=False)
                | (~Q(status="WAITLISTED") & Q(waitlist_position__isnull=True)),
                name="competency_registration_waitlist_iff_waiting",
            ),
            models.CheckConstraint(
                condition=~Q(status="COMPLETED")
                | (Q(completed_on__isnull=False) & ~Q(certificate_number="")),
                name="competency_registration_completed_has_certificate",
                violation_error_message=_(
                    "Pelatihan yang selesai perlu tanggal dan nomor sertifikat."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.employee_id} @ {self.event_id}: {self.status}"


class Attendance(models.Model):
    """Presence of a registered participant on one day of the event."""

    registration = models.ForeignKey(
        Registration,
        verbose_name=_("pendaftaran"),
        on_delete=models.CASCADE,
        related_name="attendance",
    )
    day = models.DateField(_("tanggal"))
    present = models.BooleanField(_("hadir"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dicatat oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("dicatat pada"))

    objects = AttendanceQuerySet.as_manager()

    class Meta:
        ordering = ["registration", "day"]
        verbose_name = _("kehadiran")
        verbose_name_plural = _("kehadiran")
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "day"],
                name="competency_attendance_one_per_day",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.registration_id} {self.day:%d-%m-%Y}: {self.present}"


class Evaluation(models.Model):
    """A participant's evaluation of the event he attended."""

    registration = models.OneToOneField(
        Registration,
        verbose_name=_("pendaftaran"),
        on_delete=models.CASCADE,
        related_name="evaluation",
    )
    rating = models.PositiveSmallIntegerField(_("penilaian"), choices=LEVEL_CHOICES)
    comments = models.TextField(_("saran dan komentar"), blank=True)
    submitted_at = models.DateTimeField(_("diisi pada"))

    objects = EvaluationQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("evaluasi peserta")
        verbose_name_plural = _("evaluasi peserta")
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__gte=1, rating__lte=5),
                name="competency_evaluation_rating_1_5",
                violation_error_message=_("Penilaian harus 1 sampai 5."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.registration_id}: {self.rating}"


@audited()
class ExternalLearning(models.Model):
    """Learning taken elsewhere (e-learning, a seminar); counts once HR approves it."""

    class Status(models.TextChoices):
        PENDING = "PENDING", _("Menunggu verifikasi")
        APPROVED = "APPROVED", _("Disetujui")
        REJECTED = "REJECTED", _("Ditolak")

    Kind = DevelopmentKind

    employee = models.ForeignKey(
        "positions.Employee",
        verbose_name=_("pegawai"),
        on_delete=models.CASCADE,
        related_name="external_learning",
    )
    title = models.CharField(_("nama kegiatan"), max_length=200)
    kind = models.CharField(
        _("jenis pengembangan"), max_length=28, choices=DevelopmentKind.choices
    )
    provider = models.CharField(_("penyelenggara"), max_length=150, blank=True)
    jp = models.PositiveSmallIntegerField(_("JP"))
    start_date = models.DateField(_("tanggal mulai"))
    end_date = models.DateField(_("tanggal selesai"))
    evidence = models.FileField(
        _("bukti (sertifikat)"), upload_to="competency/external/%Y/%m/"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    submitted_at = models.DateTimeField(_("diajukan pada"), auto_now_add=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diverifikasi oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("diverifikasi pada"), null=True, blank=True)
    review_note = models.TextField(_("catatan verifikasi"), blank=True)

    objects = ExternalLearningQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at", "-id"]
        verbose_name = _("pembelajaran eksternal")
        verbose_name_plural = _("pembelajaran eksternal")
        indexes = [
            # JP sums: approved external learning of an employee.
            models.Index(
                fields=["employee", "end_date"],
                condition=Q(status="APPROVED"),
                name="competency_external_approved",
            ),
            # HR's verification queue.
            models.Index(
                fields=["submitted_at"],
                condition=Q(status="PENDING"),
                name="competency_external_pending",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(jp__gt=0),
                name="competency_externallearning_jp_positive",
                violation_error_message=_("JP harus lebih dari nol."),
            ),
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="competency_externallearning_end_not_before_start",
                violation_error_message=_(
                    "Tanggal selesai tidak boleh sebelum tanggal mulai."
                ),
            ),
            models.CheckConstraint(
                condition=Q(status="PENDING") | Q(reviewed_at__isnull=False),
                name="competency_externallearning_reviewed_when_decided",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def category(self) -> str:
        return category_of(self.kind)
