from __future__ import annotations

from datetime import date

from django.conf import settings
from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import DateRangeField, RangeOperators
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Func, Q, Value
from django.db.models.functions import Upper
from django.utils.translation import gettext_lazy as _

from positions import nip as nip_rules
from positions.querysets import (
    BlockedWindowQuerySet,
    EmployeeQuerySet,
    ImportBatchQuerySet,
    OrgUnitQuerySet,
    PlacementQuerySet,
    PositionQuerySet,
    RotationBatchQuerySet,
)
from sawahlunto_asn.lib.audit import audited


class DateRange(Func):
    """daterange(start, end, '[]'): a NULL end is an open end."""

    function = "daterange"
    output_field = DateRangeField()


# ---------------------------------------------------------------- reference data


class Rank(models.Model):
    """Pangkat/golongan ruang (PNS) or golongan (PPPK); loaded by a data migration."""

    class Scheme(models.TextChoices):
        PNS = "PNS", _("PNS")
        PPPK = "PPPK", _("PPPK")

    code = models.CharField(_("kode"), max_length=12, unique=True)
    scheme = models.CharField(_("skema"), max_length=4, choices=Scheme.choices)
    grade = models.CharField(_("golongan"), max_length=8)
    name = models.CharField(_("pangkat"), max_length=40, blank=True)
    ordinal = models.PositiveSmallIntegerField(
        _("urutan"), help_text=_("1 (I/a atau I) sampai 17 (IV/e atau XVII).")
    )

    class Meta:
        ordering = ["scheme", "ordinal"]
        verbose_name = _("pangkat/golongan")
        verbose_name_plural = _("pangkat/golongan")
        constraints = [
            models.UniqueConstraint(
                fields=["scheme", "ordinal"], name="rank_scheme_ordinal_unique"
            ),
            models.CheckConstraint(
                condition=Q(ordinal__gte=1, ordinal__lte=17), name="rank_ordinal_1_17"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}, {self.grade}" if self.name else self.grade


class EducationLevel(models.Model):
    """Tingkat pendidikan with its SIASN code; loaded by a data migration."""

    code = models.CharField(_("kode SIASN"), max_length=4, unique=True)
    name = models.CharField(_("jenjang"), max_length=30)
    ordinal = models.PositiveSmallIntegerField(_("urutan"), unique=True)

    class Meta:
        ordering = ["ordinal"]
        verbose_name = _("tingkat pendidikan")
        verbose_name_plural = _("tingkat pendidikan")

    def __str__(self) -> str:
        return self.name


class PositionKind(models.TextChoices):
    JPT_UTAMA = "JPT_UTAMA", _("JPT Utama")
    JPT_MADYA = "JPT_MADYA", _("JPT Madya")
    JPT_PRATAMA = "JPT_PRATAMA", _("JPT Pratama")
    ADMINISTRATOR = "ADMINISTRATOR", _("Administrator")
    PENGAWAS = "PENGAWAS", _("Pengawas")
    PELAKSANA = "PELAKSANA", _("Pelaksana")
    FUNGSIONAL = "FUNGSIONAL", _("Fungsional")


MANAGERIAL_KINDS = [
    "JPT_UTAMA",
    "JPT_MADYA",
    "JPT_PRATAMA",
    "ADMINISTRATOR",
    "PENGAWAS",
]


class FunctionalLevel(models.TextChoices):
    AHLI_PERTAMA = "AHLI_PERTAMA", _("Ahli Pertama")
    AHLI_MUDA = "AHLI_MUDA", _("Ahli Muda")
    AHLI_MADYA = "AHLI_MADYA", _("Ahli Madya")
    AHLI_UTAMA = "AHLI_UTAMA", _("Ahli Utama")
    PEMULA = "PEMULA", _("Pemula")
    TERAMPIL = "TERAMPIL", _("Terampil")
    MAHIR = "MAHIR", _("Mahir")
    PENYELIA = "PENYELIA", _("Penyelia")


def position_kind_label(kind: str | None, level: str | None) -> str:
    """'Fungsional Ahli Muda', 'Administrator'; from enum labels, not get_FOO_display(),
    which translates every choice on each call and list pages call it per row."""
    if not kind:
        return ""
    label = str(PositionKind(kind).label)
    return f"{label} {FunctionalLevel(level).label}" if level else label


class RetirementRule(models.Model):
    """Batas usia pensiun per position kind and level (domain.md section 9).

    Kept as data so a new regulation is an edit, not a release. A blank level
    is the rule for every level of that kind.
    """

    kind = models.CharField(
        _("jenis jabatan"), max_length=16, choices=PositionKind.choices
    )
    level = models.CharField(
        _("jenjang"), max_length=16, choices=FunctionalLevel.choices, blank=True
    )
    age = models.PositiveSmallIntegerField(_("usia pensiun"))

    class Meta:
        ordering = ["kind", "level"]
        verbose_name = _("batas usia pensiun")
        verbose_name_plural = _("batas usia pensiun")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "level"], name="retirement_rule_unique"
            ),
            models.CheckConstraint(
                condition=Q(age__gte=50, age__lte=75), name="retirement_age_sane"
            ),
        ]

    def __str__(self) -> str:
        label = self.get_level_display() or self.get_kind_display()
        return f"{label}: {self.age} tahun"


# ---------------------------------------------------------------- organisation


class OrgUnitKind(models.TextChoices):
    PEMKOT = "PEMKOT", _("Pemerintah Kota")
    SEKRETARIAT_DAERAH = "SETDA", _("Sekretariat Daerah")
    SEKRETARIAT_DPRD = "SETWAN", _("Sekretariat DPRD")
    INSPEKTORAT = "INSPEKTORAT", _("Inspektorat")
    DINAS = "DINAS", _("Dinas")
    BADAN = "BADAN", _("Badan")
    KECAMATAN = "KECAMATAN", _("Kecamatan")
    BAGIAN = "BAGIAN", _("Bagian")
    SEKRETARIAT = "SEKRETARIAT", _("Sekretariat")
    BIDANG = "BIDANG", _("Bidang")
    UPT = "UPT", _("UPT")
    SUBBAGIAN = "SUBBAGIAN", _("Subbagian")
    SEKSI = "SEKSI", _("Seksi")
    KELURAHAN = "KELURAHAN", _("Kelurahan")


@audited()
class OrgUnit(models.Model):
    """A unit of the city. `path` is the chain of ancestor ids, so a subtree is one
    prefix match and the whole tree one ordered query."""

    code = models.CharField(_("kode"), max_length=30, unique=True)
    name = models.CharField(_("nama"), max_length=200)
    kind = models.CharField(_("jenis"), max_length=16, choices=OrgUnitKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("induk"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(max_length=255, editable=False, default="")
    depth = models.PositiveSmallIntegerField(editable=False, default=0)
    is_active = models.BooleanField(_("aktif"), default=True)

    objects = OrgUnitQuerySet.as_manager()

    class Meta:
        ordering = ["path"]
        verbose_name = _("unit organisasi")
        verbose_name_plural = _("unit organisasi")
        indexes = [
            models.Index(
                fields=["path"],
                name="orgunit_path_like",
                opclasses=["varchar_pattern_ops"],
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(parent=F("id")),
                name="orgunit_not_own_parent",
                violation_error_message=_("Unit tidak dapat menjadi induknya sendiri."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def kind_label(self) -> str:
        # get_kind_display() translates every choice on each call; the map renders hundreds.
        return OrgUnitKind(self.kind).label

    def path_segment(self) -> str:
        return f"{self.pk:07d}/"


@audited()
class Position(models.Model):
    """A jabatan in a unit with a number of seats (kebutuhan, from ABK)."""

    class Field(models.TextChoices):
        PEMERINTAHAN = "PEMERINTAHAN", _("Pemerintahan umum")
        KEUANGAN = "KEUANGAN", _("Keuangan")
        PELAYANAN_PUBLIK = "PELAYANAN_PUBLIK", _("Pelayanan publik")
        KESEHATAN = "KESEHATAN", _("Kesehatan")
        PENDIDIKAN = "PENDIDIKAN", _("Pendidikan")
        TEKNOLOGI_INFORMASI = "TI", _("Teknologi informasi")
        KEPEGAWAIAN = "KEPEGAWAIAN", _("Kepegawaian")
        PERENCANAAN = "PERENCANAAN", _("Perencanaan")
        PENGAWASAN = "PENGAWASAN", _("Pengawasan")
        INFRASTRUKTUR = "INFRASTRUKTUR", _("Infrastruktur")
        KEBUDAYAAN = "KEBUDAYAAN", _("Kebudayaan dan pariwisata")
        HUKUM = "HUKUM", _("Hukum")
        UMUM = "UMUM", _("Umum dan administrasi")

    class Eselon(models.TextChoices):
        I_A = "I.a", "I.a"
        I_B = "I.b", "I.b"
        II_A = "II.a", "II.a"
        II_B = "II.b", "II.b"
        III_A = "III.a", "III.a"
        III_B = "III.b", "III.b"
        IV_A = "IV.a", "IV.a"
        IV_B = "IV.b", "IV.b"
        V_A = "V.a", "V.a"

    Kind = PositionKind
    Level = FunctionalLevel

    code = models.CharField(_("kode jabatan"), max_length=40, unique=True)
    title = models.CharField(_("nama jabatan"), max_length=200)
    unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="positions",
    )
    kind = models.CharField(
        _("jenis jabatan"), max_length=16, choices=PositionKind.choices
    )
    level = models.CharField(
        _("jenjang fungsional"),
        max_length=16,
        choices=FunctionalLevel.choices,
        blank=True,
    )
    eselon = models.CharField(
        _("eselon"), max_length=5, choices=Eselon.choices, blank=True
    )
    job_class = models.PositiveSmallIntegerField(_("kelas jabatan"))
    needs = models.PositiveIntegerField(_("kebutuhan (ABK)"))
    supervisor = models.ForeignKey(
        "self",
        verbose_name=_("jabatan atasan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="subordinate_positions",
    )
    field = models.CharField(_("rumpun"), max_length=20, choices=Field.choices)
    retirement_rule = models.ForeignKey(
        RetirementRule,
        verbose_name=_("batas usia pensiun"),
        on_delete=models.PROTECT,
        editable=False,
    )
    is_active = models.BooleanField(_("aktif"), default=True)

    objects = PositionQuerySet.as_manager()

    class Meta:
        ordering = ["unit__path", "-job_class", "title"]
        verbose_name = _("jabatan")
        verbose_name_plural = _("jabatan")
        constraints = [
            models.CheckConstraint(
                condition=Q(job_class__gte=1, job_class__lte=17),
                name="position_job_class_1_17",
                violation_error_message=_("Kelas jabatan harus 1 sampai 17."),
            ),
            models.CheckConstraint(
                condition=(Q(kind="FUNGSIONAL") & ~Q(level=""))
                | (~Q(kind="FUNGSIONAL") & Q(level="")),
                name="position_level_iff_functional",
                violation_error_message=_(
                    "Jenjang wajib diisi untuk jabatan fungsional dan hanya untuk jabatan fungsional."
                ),
            ),
            models.CheckConstraint(
                condition=Q(eselon="") | Q(kind__in=MANAGERIAL_KINDS),
                name="position_eselon_only_managerial",
                violation_error_message=_(
                    "Eselon hanya berlaku untuk jabatan manajerial."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(supervisor=F("id")),
                name="position_not_own_supervisor",
                violation_error_message=_(
                    "Jabatan tidak dapat menjadi atasannya sendiri."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def kind_label(self) -> str:
        return position_kind_label(self.kind, self.level)


# ---------------------------------------------------------------- people


class Gender(models.TextChoices):
    MALE = nip_rules.MALE, _("Laki-laki")
    FEMALE = nip_rules.FEMALE, _("Perempuan")


@audited()
class Employee(models.Model):
    """An ASN. `rank` and `education` mirror the latest history rows, kept by services."""

    class Status(models.TextChoices):
        PNS = "PNS", _("PNS")
        CPNS = "CPNS", _("CPNS")
        PPPK = "PPPK", _("PPPK")
        PPPK_PARUH_WAKTU = "PPPK_PW", _("PPPK Paruh Waktu")

    PPPK_STATUSES = ("PPPK", "PPPK_PW")
    Gender = Gender

    nip = models.CharField(_("NIP / NI PPPK"), max_length=18, unique=True)
    front_title = models.CharField(_("gelar depan"), max_length=30, blank=True)
    name = models.CharField(_("nama"), max_length=150)
    back_title = models.CharField(_("gelar belakang"), max_length=50, blank=True)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices)
    birth_place = models.CharField(_("tempat lahir"), max_length=80, blank=True)
    birth_date = models.DateField(_("tanggal lahir"))
    gender = models.CharField(_("jenis kelamin"), max_length=1, choices=Gender.choices)
    appointment_date = models.DateField(
        _("TMT pengangkatan"),
        help_text=_("TMT CPNS untuk PNS/CPNS, TMT PPPK untuk PPPK."),
    )
    rank = models.ForeignKey(
        Rank,
        verbose_name=_("pangkat/golongan terakhir"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        editable=False,
        related_name="+",
    )
    rank_date = models.DateField(
        _("TMT pangkat terakhir"), null=True, blank=True, editable=False
    )
    education = models.ForeignKey(
        EducationLevel,
        verbose_name=_("pendidikan terakhir"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        editable=False,
        related_name="+",
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("akun"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="employee",
    )
    is_active = models.BooleanField(_("aktif"), default=True)

    objects = EmployeeQuerySet.as_manager()

    class Meta:
        ordering = ["name", "nip"]
        verbose_name = _("pegawai")
        verbose_name_plural = _("pegawai")
        indexes = [
            models.Index(fields=["name", "nip"], name="employee_name_nip"),
            models.Index(fields=["birth_date"], name="employee_birth_date"),
            # Name search is icontains, i.e. UPPER(name) LIKE '%...%': trigrams.
            GinIndex(
                OpClass(Upper("name"), name="gin_trgm_ops"), name="employee_name_trgm"
            ),
            # A forum post naming an officer: exact UPPER(name) lookups of the
            # post's word n-grams (community.textscan.named_civil_servants).
            models.Index(Upper("name"), name="employee_name_upper"),
            # NIP search is a prefix match.
            models.Index(
                fields=["nip"],
                name="employee_nip_prefix",
                opclasses=["varchar_pattern_ops"],
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(nip__regex=r"^[0-9]{18}$"),
                name="employee_nip_18_digits",
                violation_error_message=_("NIP harus 18 digit angka."),
            ),
            models.CheckConstraint(
                condition=Q(appointment_date__gt=F("birth_date")),
                name="employee_appointed_after_birth",
                violation_error_message=_(
                    "TMT pengangkatan harus sesudah tanggal lahir."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.nip_display})"

    def clean_fields(self, exclude=None) -> None:
        # Spaces and dots are how NIPs are printed; strip them before the length check.
        self.nip = nip_rules.normalize(self.nip)
        super().clean_fields(exclude=exclude)

    def clean(self) -> None:
        """The number must be well formed and agree with birth date, gender, TMT and status."""
        parsed, errors = nip_rules.parse(self.nip)
        if errors:
            raise ValidationError({"nip": errors})
        self.nip = parsed.digits
        problems = nip_rules.agreement_errors(
            parsed,
            birth_date=self.birth_date,
            gender=self.gender or None,
            appointment_date=self.appointment_date,
            is_pppk_status=(self.status in self.PPPK_STATUSES) if self.status else None,
        )
        if problems:
            raise ValidationError(problems)

    @property
    def full_name(self) -> str:
        name = (
            f"{self.front_title} {self.name}".strip() if self.front_title else self.name
        )
        return f"{name}, {self.back_title}" if self.back_title else name

    @property
    def status_label(self) -> str:
        return self.Status(self.status).label

    @property
    def nip_display(self) -> str:
        return nip_rules.display(self.nip)

    def retirement_date(self, age: int | None) -> date | None:
        """TMT pensiun: the first day of the month after the retirement-age birthday."""
        if age is None:
            return None
        year = self.birth_date.year + age
        month = self.birth_date.month + 1
        if month == 13:
            year, month = year + 1, 1
        return date(year, month, 1)

    def age_on(self, day: date) -> int:
        before_birthday = (day.month, day.day) < (
            self.birth_date.month,
            self.birth_date.day,
        )
        return day.year - self.birth_date.year - before_birthday


@audited()
class RankHistory(models.Model):
    employee = models.ForeignKey(
        Employee, on_delete=models.CASCADE, related_name="rank_history"
    )
    rank = models.ForeignKey(
        Rank, verbose_name=_("pangkat/golongan"), on_delete=models.PROTECT
    )
    effective_date = models.DateField(_("TMT"))
    decree_number = models.CharField(_("nomor SK"), max_length=80, blank=True)
    decree_date = models.DateField(_("tanggal SK"), null=True, blank=True)

    class Meta:
        ordering = ["employee", "-effective_date"]
        verbose_name = _("riwayat pangkat")
        verbose_name_plural = _("riwayat pangkat")
        constraints = [
            models.UniqueConstraint(
                fields=["employee", "effective_date"],
                name="rank_history_one_per_date",
                violation_error_message=_("Sudah ada riwayat pangkat dengan TMT ini."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rank} TMT {self.effective_date:%d-%m-%Y}"


@audited()
class EducationHistory(models.Model):
    employee = models.ForeignKey(
        Employee, on_delete=models.CASCADE, related_name="education_history"
    )
    level = models.ForeignKey(
        EducationLevel, verbose_name=_("jenjang"), on_delete=models.PROTECT
    )
    major = models.CharField(_("jurusan"), max_length=120, blank=True)
    institution = models.CharField(_("institusi"), max_length=150, blank=True)
    graduation_year = models.PositiveSmallIntegerField(_("tahun lulus"))

    class Meta:
        ordering = ["employee", "-graduation_year"]
        verbose_name = _("riwayat pendidikan")
        verbose_name_plural = _("riwayat pendidikan")

    def __str__(self) -> str:
        return f"{self.level} {self.major} ({self.graduation_year})"


@audited()
class Placement(models.Model):
    """Riwayat jabatan. A move ends one placement and starts another; nothing is
    overwritten. `end_date` is the last day in post (inclusive); NULL is open."""

    class Kind(models.TextChoices):
        DEFINITIF = "DEFINITIF", _("Definitif")
        PLT = "PLT", _("Pelaksana Tugas (Plt)")
        PLH = "PLH", _("Pelaksana Harian (Plh)")

    employee = models.ForeignKey(
        Employee,
        verbose_name=_("pegawai"),
        on_delete=models.PROTECT,
        related_name="placements",
    )
    position = models.ForeignKey(
        Position,
        verbose_name=_("jabatan"),
        on_delete=models.PROTECT,
        related_name="placements",
    )
    kind = models.CharField(
        _("jenis"), max_length=10, choices=Kind.choices, default=Kind.DEFINITIF
    )
    start_date = models.DateField(_("TMT jabatan"))
    end_date = models.DateField(_("tanggal berakhir"), null=True, blank=True)
    decree_number = models.CharField(_("nomor SK"), max_length=80, blank=True)
    decree_date = models.DateField(_("tanggal SK"), null=True, blank=True)

    objects = PlacementQuerySet.as_manager()

    class Meta:
        ordering = ["employee", "-start_date"]
        verbose_name = _("penempatan")
        verbose_name_plural = _("penempatan")
        indexes = [
            models.Index(
                fields=["position", "start_date"], name="placement_position_start"
            ),
            models.Index(
                fields=["employee"],
                condition=Q(kind="DEFINITIF"),
                name="placement_definitive",
            ),
            # The rotation watch list pages through current posts, longest held first.
            models.Index(
                fields=["start_date", "id"],
                condition=Q(kind="DEFINITIF"),
                name="placement_definitive_start",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="placement_end_not_before_start",
                violation_error_message=_(
                    "Tanggal berakhir tidak boleh sebelum TMT jabatan."
                ),
            ),
            ExclusionConstraint(
                name="placement_one_definitive_per_date",
                expressions=[
                    ("employee", RangeOperators.EQUAL),
                    (
                        DateRange("start_date", "end_date", Value("[]")),
                        RangeOperators.OVERLAPS,
                    ),
                ],
                condition=Q(kind="DEFINITIF"),
                violation_error_message=_(
                    "Pegawai ini sudah memegang jabatan definitif lain pada rentang tanggal itu."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.employee.name} — {self.position} ({self.get_kind_display()})"

    def covers(self, day: date) -> bool:
        return self.start_date <= day and (
            self.end_date is None or self.end_date >= day
        )


# ---------------------------------------------------------------- uploaded files


# The file and the row report are large and not what the trail is for.
@audited(exclude=["content", "summary"])
class ImportBatch(models.Model):
    """An uploaded CSV/xlsx file kept between its preview and its commit."""

    class Kind(models.TextChoices):
        EMPLOYEES = "pegawai", _("Pegawai")
        POSITIONS = "jabatan", _("Jabatan")
        PLACEMENTS = "penempatan", _("Penempatan")

    kind = models.CharField(_("jenis data"), max_length=12, choices=Kind.choices)
    filename = models.CharField(_("nama berkas"), max_length=255)
    content = models.BinaryField(_("isi berkas"))
    sha256 = models.CharField(_("sidik SHA-256"), max_length=64, db_index=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diunggah oleh"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("diunggah pada"), auto_now_add=True)
    committed_at = models.DateTimeField(_("disimpan pada"), null=True, blank=True)
    summary = models.JSONField(_("ringkasan"), default=dict, blank=True)

    objects = ImportBatchQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("impor data")
        verbose_name_plural = _("impor data")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.filename}"


# ---------------------------------------------------------------- rotation batches


@audited()
class RotationBatch(models.Model):
    """A proposal of moves taking effect on one date, validated as a whole
    (positions.rotation.validate_batch) before it goes on."""

    class Status(models.TextChoices):
        DRAFT = "DRAFT", _("Draf")
        SUBMITTED = "SUBMITTED", _("Diajukan")
        RECOMMENDED = "RECOMMENDED", _("Direkomendasikan")
        RETURNED = "RETURNED", _("Dikembalikan")
        APPROVED = "APPROVED", _("Disetujui")
        REJECTED = "REJECTED", _("Ditolak")
        DECREED = "DECREED", _("Ditetapkan SK")
        EXECUTED = "EXECUTED", _("Dilaksanakan")

    # Approved but not yet carried out into placements: their moves are still pending.
    PENDING_STATUSES = (Status.APPROVED, Status.DECREED)

    title = models.CharField(_("judul"), max_length=200)
    effective_date = models.DateField(_("tanggal efektif"))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dibuat oleh"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("dibuat pada"), auto_now_add=True)
    minutes_number = models.CharField(
        _("nomor berita acara Tim Penilai Kinerja"), max_length=80, blank=True
    )
    minutes_date = models.DateField(_("tanggal berita acara"), null=True, blank=True)
    pertek_number = models.CharField(_("nomor pertek BKN"), max_length=80, blank=True)
    pertek_date = models.DateField(_("tanggal pertek BKN"), null=True, blank=True)
    decree_number = models.CharField(_("nomor SK"), max_length=80, blank=True)
    decree_date = models.DateField(_("tanggal SK"), null=True, blank=True)
    decree_signatory = models.CharField(
        _("penandatangan SK"), max_length=150, blank=True
    )
    executed_at = models.DateTimeField(_("dilaksanakan pada"), null=True, blank=True)

    objects = RotationBatchQuerySet.as_manager()

    class Meta:
        ordering = ["-effective_date", "-id"]
        verbose_name = _("usulan mutasi")
        verbose_name_plural = _("usulan mutasi")

    def __str__(self) -> str:
        return f"{self.title} ({self.effective_date:%d-%m-%Y})"

    # action -> (statuses it starts from, status it leads to, role that may take it)
    TRANSITIONS = {
        "submit": (("DRAFT", "RETURNED"), "SUBMITTED", "hr"),
        "return": (("SUBMITTED",), "RETURNED", "reviewer"),
        "recommend": (("SUBMITTED",), "RECOMMENDED", "reviewer"),
        "approve": (("RECOMMENDED",), "APPROVED", "ppk"),
        "reject": (("RECOMMENDED",), "REJECTED", "ppk"),
        "decree": (("APPROVED",), "DECREED", "hr"),
        "execute": (("DECREED",), "EXECUTED", "hr"),
    }
    EDITABLE_STATUSES = ("DRAFT", "RETURNED")

    @property
    def is_editable(self) -> bool:
        """Moves change only before submission; a returned batch is editable again."""
        return self.status in self.EDITABLE_STATUSES

    def can(self, action: str, user) -> bool:
        """Whether `user` may take `action` now (status and role)."""
        from sawahlunto_asn.accounts import roles

        if action not in self.TRANSITIONS:
            return False
        sources, _target, role_key = self.TRANSITIONS[action]
        return self.status in sources and user.has_perm(roles.BY_KEY[role_key].perm)


@audited()
class Move(models.Model):
    """One employee's move inside a batch."""

    class Kind(models.TextChoices):
        ROTASI = "ROTASI", _("Rotasi")
        PROMOSI = "PROMOSI", _("Promosi")
        DEMOSI = "DEMOSI", _("Demosi")
        MUTASI_KELUAR = "MUTASI_KELUAR", _("Mutasi keluar")
        MUTASI_MASUK = "MUTASI_MASUK", _("Mutasi masuk")

    batch = models.ForeignKey(
        RotationBatch,
        verbose_name=_("usulan"),
        on_delete=models.CASCADE,
        related_name="moves",
    )
    employee = models.ForeignKey(
        Employee,
        verbose_name=_("pegawai"),
        on_delete=models.PROTECT,
        related_name="rotation_moves",
    )
    from_position = models.ForeignKey(
        Position,
        verbose_name=_("jabatan asal"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="moves_out",
    )
    to_position = models.ForeignKey(
        Position,
        verbose_name=_("jabatan tujuan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="moves_in",
    )
    kind = models.CharField(_("jenis"), max_length=14, choices=Kind.choices)
    reason = models.TextField(_("alasan"))
    acknowledged_reason = models.TextField(
        _("alasan menerima peringatan"),
        blank=True,
        help_text=_(
            "Diisi petugas BKPSDM bila usulan ini tetap diajukan meski ada peringatan."
        ),
    )

    class Recommendation(models.TextChoices):
        AGREE = "SETUJU", _("Disetujui Tim")
        DISAGREE = "TIDAK", _("Tidak disetujui Tim")

    recommendation = models.CharField(
        _("rekomendasi Tim Penilai Kinerja"),
        max_length=6,
        choices=Recommendation.choices,
        blank=True,
    )

    class Meta:
        ordering = ["batch", "id"]
        verbose_name = _("usulan perpindahan")
        verbose_name_plural = _("usulan perpindahan")
        constraints = [
            models.UniqueConstraint(
                fields=["batch", "employee"],
                name="move_one_per_employee_per_batch",
                violation_error_message=_(
                    "Pegawai ini sudah ada dalam usulan yang sama."
                ),
            ),
            models.CheckConstraint(
                condition=(
                    Q(
                        kind__in=["ROTASI", "PROMOSI", "DEMOSI"],
                        from_position__isnull=False,
                        to_position__isnull=False,
                    )
                    | Q(
                        kind="MUTASI_KELUAR",
                        from_position__isnull=False,
                        to_position__isnull=True,
                    )
                    | Q(
                        kind="MUTASI_MASUK",
                        from_position__isnull=True,
                        to_position__isnull=False,
                    )
                ),
                name="move_positions_follow_kind",
                violation_error_message=_(
                    "Rotasi, promosi dan demosi perlu jabatan asal dan tujuan; mutasi keluar "
                    "hanya jabatan asal; mutasi masuk hanya jabatan tujuan."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(from_position=F("to_position")),
                name="move_positions_differ",
                violation_error_message=_(
                    "Jabatan tujuan harus berbeda dari jabatan asal."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.employee.name}: {self.get_kind_display()}"


@audited()
class BlockedWindow(models.Model):
    """Dates in which officials may not be replaced without the Mendagri's written
    approval (domain.md 4.2), entered as data because the dates come from events."""

    class Kind(models.TextChoices):
        WALI_KOTA_BARU = "WALI_KOTA_BARU", _("6 bulan pertama Wali Kota baru")
        PILKADA = "PILKADA", _("Larangan menjelang pilkada")

    label = models.CharField(_("keterangan"), max_length=200)
    kind = models.CharField(_("jenis"), max_length=16, choices=Kind.choices)
    start_date = models.DateField(_("mulai"))
    end_date = models.DateField(_("sampai"))

    objects = BlockedWindowQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date"]
        verbose_name = _("masa larangan mutasi")
        verbose_name_plural = _("masa larangan mutasi")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="blocked_window_end_not_before_start",
                violation_error_message=_(
                    "Tanggal akhir tidak boleh sebelum tanggal mulai."
                ),
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{self.label} ({self.start_date:%d-%m-%Y} s.d. {self.end_date:%d-%m-%Y})"
        )


@audited()
class BatchTransition(models.Model):
    """One step of a batch along the approval path: who, when, from where to where."""

    batch = models.ForeignKey(
        RotationBatch, on_delete=models.CASCADE, related_name="transitions"
    )
    action = models.CharField(_("tindakan"), max_length=12)
    from_status = models.CharField(_("dari"), max_length=12)
    to_status = models.CharField(_("menjadi"), max_length=12)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("oleh"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    at = models.DateTimeField(_("waktu"), auto_now_add=True)
    comment = models.TextField(_("catatan"), blank=True)

    class Meta:
        ordering = ["batch", "at", "id"]
        verbose_name = _("riwayat usulan mutasi")
        verbose_name_plural = _("riwayat usulan mutasi")

    def __str__(self) -> str:
        return f"{self.batch}: {self.from_status} → {self.to_status}"
