"""Demo data for the position registry: Kota Sawahlunto at any scale.

`seed_registry(N)` builds the city's unit tree (domain.md section 10), positions whose
needs add up to about N / 0.92 seats, N employees with valid NIPs, rank and education
histories, 5+ years of placements and a few Plt, then links the demo accounts `atasan`
and `pegawai` to employees.

Deterministic: one `random.Random(SEED)` drives everything and every date counts from
`as_of` (the first day of the current month unless given), so the same N in the same
month gives the same rows, NIPs included.

Idempotent: when the demo tree already holds at least N employees nothing is written
(only the two demo-account links are checked). When it holds fewer, the registry is
REBUILT, not topped up: every placement, employee (with its histories) and position
under the demo tree is deleted and generated again for N, while units are kept and
reused by code. A rebuild also removes records someone added by hand under the demo
tree; that is acceptable for a demo database and never happens on a second run with
the same N.

Scale: units are a fixed Sawahlunto tree (trimmed below 2,000 employees so a small
demo is not all managers; more schools and puskesmas above 3,000) and every write is
a `bulk_create` in batches, so 100,000 employees load in a few minutes.
"""

from __future__ import annotations

import calendar
import heapq
import math
import random
from collections import defaultdict
from dataclasses import dataclass
from dataclasses import field as dc_field
from datetime import date, timedelta
from typing import TextIO

import pgtrigger
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from pghistory import core as pghistory_core

from positions.models import (
    EducationHistory,
    EducationLevel,
    Employee,
    OrgUnit,
    OrgUnitKind,
    Placement,
    Position,
    PositionKind,
    Rank,
    RankHistory,
    RetirementRule,
    RotationBatch,
)
from positions.services import retirement_rule_for, save_org_unit

SEED = 18881201  # Sawahlunto's founding day
MIN_EMPLOYEES = 50
BATCH = 5000
VACANCY_RATE = 0.08
ROOT_CODE = "PEMKOT"
# The `atasan` demo login heads this bidang and `pegawai` works in it, so the
# supervisor sees the employee among his subordinates.
ATASAN_UNIT = "BKPSDM.B2"
ATASAN_POSITION = f"{ATASAN_UNIT}-K"
PEGAWAI_POSITION = f"{ATASAN_UNIT}-PAP"
DEMO_PEOPLE = {
    "atasan": ("Hendra Saputra", "1"),
    "pegawai": ("Dewi Lestari", "2"),
}
# Below these sizes a tier of units is left out, so that a small demo is not
# mostly managers of empty units; above EXTRA_FROM more schools and puskesmas come.
TIER_FROM = {0: 0, 1: 800, 2: 2000}
EXTRA_FROM = 3000
EXTRA_EVERY = 150

# The pghistory triggers run PL/pgSQL exception blocks (subtransactions) for every
# row; hundreds of thousands of them in one transaction slow down more and more
# (20,000 employees took 188 s with them, 100,000 did not finish in 15 minutes).
# Bulk writes skip them and `_record_events` writes the same audit rows with one
# INSERT ... SELECT per model, so the history still shows every demo row.
AUDITED = (Position, Employee, RankHistory, EducationHistory, Placement)


def _audit_triggers(*events: str) -> tuple[str, ...]:
    return tuple(
        f"positions.{model.__name__}:{event}_{event}"
        for model in AUDITED
        for event in events
    )


def _record_events(queryset: QuerySet, label: str) -> None:
    """Write the pghistory events ("insert" or "delete") of the rows in `queryset`."""
    qn = connection.ops.quote_name
    model = queryset.model
    subquery, params = queryset.values("pk").query.sql_with_params()
    for event_model in pghistory_core.event_models(tracks_model=model):
        columns = ", ".join(
            qn(f.column)
            for f in event_model._meta.concrete_fields
            if not f.column.startswith("pgh_")
        )
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {qn(event_model._meta.db_table)} ({columns}, pgh_created_at,"
                f" pgh_label, pgh_obj_id, pgh_context_id) SELECT {columns}, NOW(), %s, id,"
                f" NULL FROM {qn(model._meta.db_table)} WHERE id IN ({subquery})",
                [label, *params],
            )


K = PositionKind
U = OrgUnitKind
F = Position.Field

LEVELS = {
    "P1": ("AHLI_PERTAMA", "Ahli Pertama"),
    "P2": ("AHLI_MUDA", "Ahli Muda"),
    "P3": ("AHLI_MADYA", "Ahli Madya"),
    "P4": ("AHLI_UTAMA", "Ahli Utama"),
    "T0": ("PEMULA", "Pemula"),
    "T1": ("TERAMPIL", "Terampil"),
    "T2": ("MAHIR", "Mahir"),
    "T3": ("PENYELIA", "Penyelia"),
}
LEVEL_CODE = {level: code for code, (level, _) in LEVELS.items()}

STAFF, GURU, NAKES, MANAGER = "STAFF", "GURU", "NAKES", "MANAGER"


# ---------------------------------------------------------------- position catalogue


@dataclass(frozen=True)
class Family:
    """A jabatan fungsional with the job class of each jenjang it has here."""

    title: str
    field: str
    levels: dict[str, int]
    track: str = STAFF
    edu: str = ""  # education profile; "" means by jenjang
    s1: tuple[str, str] | None = None  # (major, degree title)
    d3: tuple[str, str] | None = None
    weight: float = 1.0  # how common the family is within its unit
    female: float | None = None


def _fam(title: str, fld: str, levels: str, **kwargs) -> Family:
    parsed = {
        code: int(cls) for code, cls in (pair.split(":") for pair in levels.split())
    }
    return Family(title, fld, parsed, **kwargs)


def _guru(
    subject: str, major: str, title: str = "S.Pd.", weight: float = 1.0
) -> Family:
    return _fam(
        f"Guru {subject}",
        F.PENDIDIKAN,
        "P1:8 P2:9 P3:11",
        track=GURU,
        edu="GURU",
        s1=(major, title),
        weight=weight,
        female=0.7,
    )


def _nakes(title: str, levels: str, **kwargs) -> Family:
    kwargs.setdefault("female", 0.7)
    return _fam(title, F.KESEHATAN, levels, track=NAKES, **kwargs)


def _spesialis(name: str, title: str) -> Family:
    return _nakes(
        f"Dokter Spesialis {name}",
        "P2:11 P3:12",
        edu="SPESIALIS",
        s1=("Pendidikan Dokter Spesialis " + name, title),
        weight=0.5,
        female=0.45,
    )


FAMILIES: dict[str, Family] = {
    "ASDM": _fam(
        "Analis Sumber Daya Manusia Aparatur", F.KEPEGAWAIAN, "P1:8 P2:10 P3:12"
    ),
    "ASES": _fam(
        "Asesor Sumber Daya Manusia Aparatur", F.KEPEGAWAIAN, "P1:8 P2:10", weight=0.5
    ),
    "PSDM": _fam(
        "Pranata Sumber Daya Manusia Aparatur", F.KEPEGAWAIAN, "T1:6 T2:7 T3:8"
    ),
    "ARS": _fam(
        "Arsiparis", F.UMUM, "T1:6 T2:7 P1:8 P2:9 P3:11", s1=("Kearsipan", "S.Hum.")
    ),
    "PRAKOM": _fam(
        "Pranata Komputer", F.TEKNOLOGI_INFORMASI, "T1:6 T2:7 P1:8 P2:9 P3:11"
    ),
    "PEREN": _fam("Perencana", F.PERENCANAAN, "P1:8 P2:10 P3:12 P4:14"),
    "AKPD": _fam("Analis Keuangan Pusat dan Daerah", F.KEUANGAN, "P1:8 P2:10 P3:12"),
    "ANGG": _fam("Analis Anggaran", F.KEUANGAN, "P1:8 P2:10"),
    "PENILAI": _fam("Penilai Pemerintah", F.KEUANGAN, "P1:8 P2:10", weight=0.5),
    "AUD": _fam("Auditor", F.PENGAWASAN, "T1:6 T2:7 P1:8 P2:10 P3:12", weight=2),
    "P2UPD": _fam(
        "Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah",
        F.PENGAWASAN,
        "P1:8 P2:10 P3:12",
        weight=1.5,
    ),
    "PERUU": _fam(
        "Perancang Peraturan Perundang-undangan", F.HUKUM, "P1:8 P2:10 P3:12"
    ),
    "AHK": _fam("Analis Hukum", F.HUKUM, "P1:8 P2:10"),
    "AKB": _fam(
        "Analis Kebijakan", F.PEMERINTAHAN, "P1:8 P2:10 P3:12 P4:14", weight=0.6
    ),
    "PSM": _fam("Penggerak Swadaya Masyarakat", F.PEMERINTAHAN, "T1:6 P1:8 P2:9"),
    "HUMAS": _fam(
        "Pranata Hubungan Masyarakat",
        F.PELAYANAN_PUBLIK,
        "T1:6 T2:7 P1:8 P2:9",
        s1=("Ilmu Komunikasi", "S.I.Kom."),
    ),
    "PPBJ": _fam("Pengelola Pengadaan Barang/Jasa", F.UMUM, "P1:8 P2:10 P3:12"),
    "STAT": _fam(
        "Statistisi", F.PERENCANAAN, "T1:6 P1:8 P2:10", s1=("Statistika", "S.Stat.")
    ),
    "SANDI": _fam("Sandiman", F.TEKNOLOGI_INFORMASI, "T1:6 P1:8", weight=0.5),
    "POLPP": _fam(
        "Polisi Pamong Praja",
        F.PEMERINTAHAN,
        "T0:5 T1:6 T2:7 T3:8 P1:8 P2:9",
        weight=3,
        female=0.2,
    ),
    "DAMKAR": _fam(
        "Pemadam Kebakaran",
        F.PELAYANAN_PUBLIK,
        "T0:5 T1:6 T2:7 T3:8",
        weight=2,
        female=0.05,
    ),
    "AKEB": _fam("Analis Kebakaran", F.PELAYANAN_PUBLIK, "P1:8 P2:9", weight=0.5),
    "PEKSOS": _fam(
        "Pekerja Sosial",
        F.PELAYANAN_PUBLIK,
        "T1:6 P1:8 P2:10",
        s1=("Kesejahteraan Sosial", "S.Sos."),
    ),
    "PENSOS": _fam("Penyuluh Sosial", F.PELAYANAN_PUBLIK, "P1:8 P2:9"),
    "PKB": _fam("Penyuluh Keluarga Berencana", F.PELAYANAN_PUBLIK, "P1:8 P2:10"),
    "ADBK": _fam(
        "Administrator Database Kependudukan",
        F.PELAYANAN_PUBLIK,
        "T1:6 T2:7 P1:8 P2:9",
        s1=("Sistem Informasi", "S.Kom."),
    ),
    "PKBM": _fam(
        "Penguji Kendaraan Bermotor",
        F.PELAYANAN_PUBLIK,
        "T1:6 T2:7 P1:8",
        s1=("Teknik Mesin", "S.T."),
        d3=("Teknik Otomotif", "A.Md.T."),
        female=0.1,
    ),
    "TJJ": _fam("Teknik Jalan dan Jembatan", F.INFRASTRUKTUR, "T1:6 P1:8 P2:10 P3:12"),
    "TPA": _fam("Teknik Pengairan", F.INFRASTRUKTUR, "T1:6 P1:8 P2:10"),
    "TTBP": _fam(
        "Teknik Tata Bangunan dan Perumahan", F.INFRASTRUKTUR, "T1:6 P1:8 P2:10"
    ),
    "PENRU": _fam(
        "Penata Ruang",
        F.INFRASTRUKTUR,
        "P1:8 P2:10 P3:12",
        s1=("Perencanaan Wilayah dan Kota", "S.T."),
    ),
    "PJK": _fam("Pembina Jasa Konstruksi", F.INFRASTRUKTUR, "P1:8 P2:10", weight=0.5),
    "PAMBUD": _fam("Pamong Budaya", F.KEBUDAYAAN, "T1:6 P1:8 P2:10 P3:12", weight=2),
    "ADYA": _fam(
        "Adyatama Kepariwisataan dan Ekonomi Kreatif",
        F.KEBUDAYAAN,
        "P1:8 P2:10 P3:12",
        s1=("Pariwisata", "S.Par."),
    ),
    "PEDAL": _fam(
        "Pengendali Dampak Lingkungan",
        F.PELAYANAN_PUBLIK,
        "T1:6 P1:8 P2:10 P3:12",
        s1=("Teknik Lingkungan", "S.T."),
    ),
    "PLH": _fam("Penyuluh Lingkungan Hidup", F.PELAYANAN_PUBLIK, "P1:8 P2:9"),
    "PPERT": _fam(
        "Penyuluh Pertanian",
        F.PELAYANAN_PUBLIK,
        "T1:6 T2:7 P1:8 P2:10",
        s1=("Agroteknologi", "S.P."),
        d3=("Budidaya Tanaman Pangan", "A.Md.P."),
        weight=2,
    ),
    "PARAVET": _fam(
        "Paramedik Veteriner",
        F.PELAYANAN_PUBLIK,
        "T1:6 T2:7",
        d3=("Kesehatan Hewan", "A.Md.Pt."),
    ),
    "AKP": _fam(
        "Analis Ketahanan Pangan",
        F.PELAYANAN_PUBLIK,
        "P1:8 P2:10",
        s1=("Agribisnis", "S.P."),
    ),
    "PPIK": _fam(
        "Penyuluh Perikanan", F.PELAYANAN_PUBLIK, "T1:6 P1:8", s1=("Perikanan", "S.Pi.")
    ),
    "PENERA": _fam("Penera", F.PELAYANAN_PUBLIK, "T1:6 T2:7 P1:8", weight=0.5),
    "PKOP": _fam(
        "Pengawas Koperasi", F.PELAYANAN_PUBLIK, "P1:8 P2:10", s1=("Manajemen", "S.E.")
    ),
    "PPD": _fam(
        "Penyuluh Perindustrian dan Perdagangan", F.PELAYANAN_PUBLIK, "P1:8 P2:10"
    ),
    "PENGKER": _fam("Pengantar Kerja", F.PELAYANAN_PUBLIK, "P1:8 P2:10"),
    "MHI": _fam(
        "Mediator Hubungan Industrial",
        F.PELAYANAN_PUBLIK,
        "P1:8 P2:10",
        s1=("Ilmu Hukum", "S.H."),
    ),
    "INSTR": _fam("Instruktur", F.PELAYANAN_PUBLIK, "T1:6 P1:8 P2:9"),
    "PUSTAK": _fam(
        "Pustakawan",
        F.UMUM,
        "T1:6 T2:7 P1:8 P2:9 P3:11",
        s1=("Ilmu Perpustakaan", "S.I.P."),
        d3=("Perpustakaan", "A.Md."),
    ),
    "PPB": _fam(
        "Penata Penanggulangan Bencana", F.PELAYANAN_PUBLIK, "T1:6 T2:7 P1:8 P2:10"
    ),
    "PENGSEK": _fam(
        "Pengawas Sekolah",
        F.PENDIDIKAN,
        "P2:10 P3:12",
        track=GURU,
        edu="GURU",
        s1=("Pendidikan Matematika", "S.Pd."),
    ),
    "PAMONG": _fam(
        "Pamong Belajar",
        F.PENDIDIKAN,
        "P1:8 P2:9",
        track=GURU,
        edu="GURU",
        s1=("Pendidikan Luar Sekolah", "S.Pd."),
    ),
    "PENILIK": _fam(
        "Penilik",
        F.PENDIDIKAN,
        "P1:8 P2:9",
        track=GURU,
        edu="GURU",
        s1=("Pendidikan Anak Usia Dini", "S.Pd."),
    ),
    # Teachers: the largest group of any kota's ASN.
    "GKLS": _guru("Kelas", "Pendidikan Guru Sekolah Dasar", weight=4),
    "GPAI": _guru("Pendidikan Agama Islam", "Pendidikan Agama Islam", "S.Pd.I."),
    "GPJOK": _guru("Pendidikan Jasmani, Olahraga dan Kesehatan", "Pendidikan Jasmani"),
    "GBAM": _guru("Budaya Alam Minangkabau", "Pendidikan Sejarah", weight=0.5),
    "GMTK": _guru("Matematika", "Pendidikan Matematika", weight=1.5),
    "GBIN": _guru(
        "Bahasa Indonesia", "Pendidikan Bahasa dan Sastra Indonesia", weight=1.5
    ),
    "GBIG": _guru("Bahasa Inggris", "Pendidikan Bahasa Inggris", weight=1.2),
    "GIPA": _guru("Ilmu Pengetahuan Alam", "Pendidikan Biologi", weight=1.5),
    "GIPS": _guru("Ilmu Pengetahuan Sosial", "Pendidikan Geografi", weight=1.2),
    "GPKN": _guru("Pendidikan Pancasila", "Pendidikan Pancasila dan Kewarganegaraan"),
    "GBK": _guru("Bimbingan dan Konseling", "Bimbingan dan Konseling"),
    "GSBK": _guru("Seni Budaya", "Pendidikan Seni Pertunjukan", "S.Sn."),
    "GINF": _guru("Informatika", "Pendidikan Teknik Informatika", weight=0.6),
    # Health workers.
    "DOK": _nakes(
        "Dokter", "P1:9 P2:10 P3:12 P4:14", edu="DOKTER", weight=1.5, female=0.55
    ),
    "DRG": _nakes("Dokter Gigi", "P1:9 P2:10 P3:12", edu="DRG", weight=0.6),
    "DSPD": _spesialis("Penyakit Dalam", "Sp.PD"),
    "DSA": _spesialis("Anak", "Sp.A"),
    "DSOG": _spesialis("Obstetri dan Ginekologi", "Sp.OG"),
    "DSB": _spesialis("Bedah", "Sp.B"),
    "DSAN": _spesialis("Anestesiologi", "Sp.An"),
    "DSRAD": _spesialis("Radiologi", "Sp.Rad"),
    "PRW": _nakes(
        "Perawat",
        "T1:6 T2:7 T3:8 P1:8 P2:9 P3:11",
        edu="NERS",
        d3=("Keperawatan", "A.Md.Kep."),
        weight=4,
    ),
    "BDN": _nakes(
        "Bidan",
        "T1:6 T2:7 T3:8 P1:8 P2:9",
        edu="BIDAN",
        d3=("Kebidanan", "A.Md.Keb."),
        weight=2.5,
        female=1.0,
    ),
    "APT": _nakes("Apoteker", "P1:8 P2:10 P3:11", edu="APOTEKER"),
    "TTK": _nakes(
        "Tenaga Teknis Kefarmasian", "T1:6 T2:7 T3:8", d3=("Farmasi", "A.Md.Farm.")
    ),
    "PLK": _nakes(
        "Pranata Laboratorium Kesehatan",
        "T1:6 T2:7 P1:8",
        d3=("Teknologi Laboratorium Medis", "A.Md.AK."),
        s1=("Teknologi Laboratorium Medis", "S.Tr.Kes."),
    ),
    "NUTR": _nakes(
        "Nutrisionis",
        "T1:6 P1:8 P2:9",
        d3=("Gizi", "A.Md.Gz."),
        s1=("Ilmu Gizi", "S.Gz."),
    ),
    "SANIT": _nakes(
        "Tenaga Sanitasi Lingkungan",
        "T1:6 P1:8",
        d3=("Kesehatan Lingkungan", "A.Md.KL."),
        s1=("Kesehatan Lingkungan", "S.K.M."),
    ),
    "EPID": _nakes(
        "Epidemiolog Kesehatan",
        "T1:6 P1:8 P2:10",
        s1=("Kesehatan Masyarakat", "S.K.M."),
    ),
    "PROMKES": _nakes(
        "Penyuluh Kesehatan Masyarakat",
        "P1:8 P2:10",
        s1=("Promosi Kesehatan", "S.K.M."),
    ),
    "ADMKES": _nakes(
        "Administrator Kesehatan",
        "P1:8 P2:10 P3:12",
        s1=("Administrasi Kebijakan Kesehatan", "S.K.M."),
    ),
    "REKAM": _nakes(
        "Perekam Medis",
        "T1:6 T2:7 P1:8",
        d3=("Rekam Medis dan Informasi Kesehatan", "A.Md.Kes."),
        s1=("Manajemen Informasi Kesehatan", "S.Tr.Kes."),
    ),
    "RADIO": _nakes(
        "Radiografer",
        "T1:6 T2:7 P1:8",
        d3=("Radiodiagnostik dan Radioterapi", "A.Md.Rad."),
        s1=("Teknologi Radiologi Pencitraan", "S.Tr.Rad."),
        female=0.4,
    ),
    "FISIO": _nakes(
        "Fisioterapis",
        "T1:6 T2:7 P1:8",
        d3=("Fisioterapi", "A.Md.Ftr."),
        s1=("Fisioterapi", "S.Ftr."),
    ),
}

# Pelaksana (no jenjang): (title, rumpun, job class, how common).
PELAKSANA: dict[str, tuple[str, str, int, float]] = {
    "PAP": ("Pengadministrasi Perkantoran", F.UMUM, 5, 3),
    "OLO": ("Operator Layanan Operasional", F.UMUM, 5, 2),
    "PLO": ("Pengelola Layanan Operasional", F.UMUM, 6, 2),
    "PNLO": ("Penata Layanan Operasional", F.UMUM, 7, 1.5),
    "PKEU": ("Pengelola Keuangan", F.KEUANGAN, 6, 2),
    "BEND": ("Bendahara", F.KEUANGAN, 7, 1),
    "PLKEU": ("Penata Laporan Keuangan", F.KEUANGAN, 7, 1),
    "PBMD": ("Pengelola Barang Milik Daerah", F.KEUANGAN, 6, 1),
    "PPRD": ("Pengelola Pajak dan Retribusi Daerah", F.KEUANGAN, 6, 2),
    "PDI": ("Pengolah Data dan Informasi", F.TEKNOLOGI_INFORMASI, 6, 1.5),
    "SUPIR": ("Pengemudi", F.UMUM, 3, 1),
    "PDK": ("Pengolah Data Kepegawaian", F.KEPEGAWAIAN, 6, 2),
    "PADP": ("Pengadministrasi Pemerintahan", F.PEMERINTAHAN, 5, 2),
    "PDAK": ("Pengolah Data Administrasi Kependudukan", F.PELAYANAN_PUBLIK, 6, 2),
    "PDIH": ("Pengelola Dokumentasi dan Informasi Hukum", F.HUKUM, 6, 1),
    "PROT": ("Pengelola Protokol", F.PELAYANAN_PUBLIK, 6, 1.5),
    "PSID": ("Pengadministrasi Persidangan", F.PEMERINTAHAN, 5, 1.5),
    "OLK": ("Operator Layanan Kesehatan", F.KESEHATAN, 5, 1.5),
    "PLKES": ("Pengelola Layanan Kesehatan", F.KESEHATAN, 6, 1),
    "TAS": ("Pengadministrasi Sekolah", F.PENDIDIKAN, 5, 1),
    "PDP": ("Pengolah Data Pendidikan", F.PENDIDIKAN, 6, 1),
    "TSP": ("Teknisi Sarana dan Prasarana", F.INFRASTRUKTUR, 6, 1.5),
    "PPJJ": ("Pengelola Pemeliharaan Jalan dan Jembatan", F.INFRASTRUKTUR, 6, 1.5),
    "OAB": ("Operator Alat Berat", F.INFRASTRUKTUR, 5, 1),
    "PKMUS": ("Pengelola Koleksi Museum", F.KEBUDAYAAN, 6, 1.5),
    "PMUS": ("Pemandu Museum", F.KEBUDAYAAN, 5, 1.5),
    "PCB": ("Pengelola Cagar Budaya", F.KEBUDAYAAN, 6, 1.5),
    "POW": ("Pengelola Objek Wisata", F.KEBUDAYAAN, 6, 2),
    "PSAMP": ("Pengelola Persampahan", F.PELAYANAN_PUBLIK, 5, 2),
    "PPSR": ("Pengelola Pasar", F.PELAYANAN_PUBLIK, 6, 1.5),
    "PPRZ": ("Pengelola Perizinan", F.PELAYANAN_PUBLIK, 6, 2),
    "PSPP": ("Pengelola Sarana Pertanian", F.PELAYANAN_PUBLIK, 6, 1),
    "OPLL": ("Pengatur Lalu Lintas", F.PELAYANAN_PUBLIK, 5, 2),
    "OPDL": ("Operator Pusat Pengendalian Operasi", F.PELAYANAN_PUBLIK, 5, 1.5),
    "PTRB": ("Pengelola Ketenteraman dan Ketertiban Umum", F.PEMERINTAHAN, 6, 1.5),
}

POOLS: dict[str, tuple[str, ...]] = {
    "ADMIN": ("ARS", "PRAKOM", "PEREN", "AKPD", "PAP", "OLO", "PLO", "PNLO", "PKEU", "BEND", "PLKEU", "PBMD", "PDI", "SUPIR"),
    "KEPEG": ("ASDM", "ASES", "PSDM", "PRAKOM", "PAP", "PDK", "PNLO"),
    "KEUANGAN": ("AKPD", "ANGG", "PENILAI", "PKEU", "BEND", "PLKEU", "PBMD", "PPRD", "PAP"),
    "PERENCANAAN": ("PEREN", "STAT", "AKB", "PDI", "PNLO", "PAP"),
    "PENGAWASAN": ("AUD", "P2UPD", "PAP", "PNLO"),
    "HUKUM": ("PERUU", "AHK", "PDIH", "PAP"),
    "PEMERINTAHAN": ("AKB", "PSM", "PADP", "PNLO", "PAP"),
    "KECAMATAN": ("PSM", "AKB", "PADP", "PDAK", "OLO", "PAP", "PTRB"),
    "SATPOL": ("POLPP", "DAMKAR", "AKEB", "PTRB", "OLO", "SUPIR", "PAP"),
    "SOSIAL": ("PEKSOS", "PENSOS", "PKB", "PAP", "PNLO", "PLO"),
    "DUKCAPIL": ("ADBK", "PDAK", "PAP", "OLO", "PRAKOM"),
    "PERHUBUNGAN": ("PKBM", "OPLL", "TSP", "PLO", "PAP", "SUPIR"),
    "KOMINFO": ("PRAKOM", "HUMAS", "STAT", "SANDI", "PDI", "PAP"),
    "PENDIDIKAN": ("PENGSEK", "PAMONG", "PENILIK", "PDP", "PAP", "PNLO"),
    "SD": ("GKLS", "GPAI", "GPJOK", "GBAM", "TAS"),
    "SMP": ("GMTK", "GBIN", "GBIG", "GIPA", "GIPS", "GPKN", "GPAI", "GPJOK", "GBK", "GSBK", "GINF", "GBAM", "PUSTAK", "TAS"),
    "DINKES": ("EPID", "PROMKES", "ADMKES", "SANIT", "NUTR", "APT", "DOK", "PLKES", "PAP"),
    "PUSKESMAS": ("DOK", "DRG", "PRW", "BDN", "APT", "TTK", "PLK", "NUTR", "SANIT", "PROMKES", "REKAM", "OLK", "PAP"),
    "RSUD_MEDIK": ("DOK", "DSPD", "DSA", "DSOG", "DSB", "DSAN", "DSRAD", "DRG", "OLK"),
    "RSUD_KEP": ("PRW", "BDN", "OLK"),
    "RSUD_JANG": ("APT", "TTK", "PLK", "RADIO", "FISIO", "NUTR", "REKAM", "SANIT", "OLK"),
    "RSUD_TU": ("REKAM", "PRAKOM", "ARS", "PKEU", "BEND", "PAP", "PLO", "SUPIR"),
    "LABKES": ("PLK", "EPID", "SANIT", "PAP"),
    "FARMASI": ("APT", "TTK", "PAP", "PLO"),
    "INFRA": ("TJJ", "TPA", "TTBP", "PENRU", "PJK", "TSP", "PPJJ", "OAB", "SUPIR", "PAP"),
    "BUDAYA": ("PAMBUD", "PKMUS", "PMUS", "PCB", "PAP", "PLO"),
    "PARIWISATA": ("ADYA", "POW", "PAP", "PLO"),
    "LINGKUNGAN": ("PEDAL", "PLH", "PSAMP", "OAB", "SUPIR", "PAP"),
    "PERTANIAN": ("PPERT", "PARAVET", "AKP", "PPIK", "PSPP", "PAP"),
    "EKONOMI": ("PKOP", "PPD", "PENERA", "PENGKER", "MHI", "INSTR", "AKB", "PPSR", "PPRZ", "PAP", "OLO"),
    "ARSIP": ("ARS", "PUSTAK", "PAP", "PLO"),
    "BENCANA": ("PPB", "OPDL", "SUPIR", "PAP"),
    "PROTOKOL": ("HUMAS", "PROT", "PAP", "SUPIR"),
    "PENGADAAN": ("PPBJ", "PDI", "PAP"),
    "SETWAN": ("AKB", "PERUU", "HUMAS", "PSID", "PAP", "PLO"),
}  # fmt: skip

# How often a jenjang is staffed relative to the others in a unit: the pyramid.
LEVEL_WEIGHT = {
    "P1": 3,
    "P2": 2,
    "P3": 0.8,
    "P4": 0.2,
    "T0": 1.5,
    "T1": 3,
    "T2": 2,
    "T3": 1,
}


# ---------------------------------------------------------------- unit tree


@dataclass(frozen=True)
class Head:
    """A managerial post of a unit; the first one listed heads the unit."""

    title: str
    kind: str
    job_class: int
    eselon: str = ""
    level: str = ""
    suffix: str = "K"
    tier: int = 0
    edu: str = ""


def _jpt(title: str, eselon: str = "II.b", **kw) -> Head:
    return Head(title, K.JPT_PRATAMA, 15 if eselon == "II.a" else 14, eselon, **kw)


def _adm(title: str, eselon: str = "III.a", **kw) -> Head:
    return Head(title, K.ADMINISTRATOR, 12 if eselon == "III.a" else 11, eselon, **kw)


def _pgw(title: str, eselon: str = "IV.a", **kw) -> Head:
    return Head(title, K.PENGAWAS, 9 if eselon == "IV.a" else 7, eselon, **kw)


def _kepsek(title: str, level: str) -> Head:
    # Kepala sekolah is a guru with an extra duty, so the post is functional.
    return Head(
        title, K.FUNGSIONAL, 11 if level == "AHLI_MADYA" else 9, "", level, edu="GURU"
    )


@dataclass(frozen=True)
class UnitPlan:
    code: str
    name: str
    kind: str
    parent: str | None
    field: str
    pool: str
    weight: float  # share of the staff seats
    heads: tuple[Head, ...]
    tier: int
    head_supervisor: str = ""  # position code, when not the parent unit's head


# The tree is data: one unit a line reads better than the formatter's layout.
# fmt: off
class _Tree:
    def __init__(self) -> None:
        self.units: list[UnitPlan] = []

    def add(self, code, name, kind, parent, fld, pool, weight, *heads, tier=2, sup=""):
        self.units.append(
            UnitPlan(code, name, kind, parent, fld, pool, weight, heads, tier, sup)
        )

    def opd(
        self,
        code: str,
        name: str,
        kind: str,
        fld: str,
        pool: str,
        bidang: list,
        upts: tuple = (),
        *,
        tier: int = 1,
        head: str = "",
        core: tuple[str, ...] = (),
    ) -> None:
        """A dinas/badan: head, sekretariat with two subbagian, bidang (+seksi), UPT."""
        self.add(code, name, kind, ROOT_CODE, fld, pool, 0.3, _jpt(head or f"Kepala {name}"), tier=tier)
        sek = f"{code}.SEK"
        self.add(sek, f"Sekretariat {name}", U.SEKRETARIAT, code, F.UMUM, "ADMIN", 0.8,
                 _adm(f"Sekretaris {name}"), tier=tier)
        for sub, sub_name in (("UMP", "Subbagian Umum dan Kepegawaian"),
                              ("PK", "Subbagian Perencanaan dan Keuangan")):
            self.add(f"{sek}.{sub}", sub_name, U.SUBBAGIAN, sek, F.UMUM, "ADMIN", 0.6,
                     _pgw(f"Kepala {sub_name}"), tier=max(tier, 2))
        for i, spec in enumerate(bidang, start=1):
            bid_name, seksi = (spec, ()) if isinstance(spec, str) else spec
            bid = f"{code}.B{i}"
            bid_tier = 0 if bid in core else max(tier, 1 if i == 1 else 2)
            self.add(bid, bid_name, U.BIDANG, code, fld, pool, 1.0, _adm(f"Kepala {bid_name}", "III.b"),
                     tier=bid_tier)
            for j, seksi_name in enumerate(seksi, start=1):
                self.add(f"{bid}.S{j}", seksi_name, U.SEKSI, bid, fld, pool, 0.5,
                         _pgw(f"Kepala {seksi_name}"), tier=max(bid_tier, 2))
        for j, (upt_name, upt_pool, weight) in enumerate(upts, start=1):
            self.add(f"{code}.UPT{j}", upt_name, U.UPT, code, fld, upt_pool, weight,
                     _pgw(f"Kepala {upt_name}"), tier=max(tier, 2))


KECAMATAN = {
    # code: (name, tier, kelurahan). Silungkang and Talawi have only desa, whose
    # staff are not ASN of the city, so no units for them.
    "KEC.LSG": ("Lembah Segar", 0, [
        ("PSR", "Pasar", 0), ("AMY", "Aur Mulyo", 1), ("TLP", "Tanah Lapang", 1),
        ("ADG", "Air Dingin", 1), ("KSU", "Kubang Sirakuk Utara", 2),
        ("KSS", "Kubang Sirakuk Selatan", 2),
    ]),
    "KEC.BRG": ("Barangin", 1, [
        ("SRG", "Saringan", 1), ("LBP", "Lubang Panjang", 2), ("DR1", "Durian I", 2),
        ("DR2", "Durian II", 2),
    ]),
    "KEC.TLW": ("Talawi", 1, []),
    "KEC.SLK": ("Silungkang", 1, []),
}  # fmt: skip
SCHOOL_PLACES = ("Lembah Segar", "Barangin", "Talawi", "Silungkang")
VILLAGES = (
    "Santur", "Sikalang", "Rantih", "Salak", "Kumbayau", "Lumindai", "Kolok Nan Tuo",
    "Talago Gunung", "Muaro Kalaban", "Taratak Bancah", "Silungkang Oso", "Batu Tanjung",
    "Bukik Gadang", "Sijantang Koto", "Datar Mansiang", "Tumpuak Tangah", "Lunto Barat",
    "Lunto Timur", "Kubang Tangah", "Balai Batu Sandaran", "Pasar Kubang",
)  # fmt: skip
PUSKESMAS = ("Lunto", "Silungkang", "Talawi", "Kolok", "Santur", "Sikalang")


def _school(tree: _Tree, kind: str, number: int, tier: int) -> None:
    if kind == "SD":
        name = f"SD Negeri {number:02d} {SCHOOL_PLACES[(number - 1) % 4]}"
        tree.add(f"DISDIK.SD{number:02d}", name, U.UPT, "DISDIK", F.PENDIDIKAN, "SD", 2.0,
                 _kepsek(f"Kepala {name}", "AHLI_MUDA"), tier=tier)
    else:
        name = f"SMP Negeri {number} Sawahlunto"
        tree.add(f"DISDIK.SMP{number}", name, U.UPT, "DISDIK", F.PENDIDIKAN, "SMP", 6.0,
                 _kepsek(f"Kepala {name}", "AHLI_MADYA"), tier=tier)


def _puskesmas(tree: _Tree, number: int, tier: int) -> None:
    places = PUSKESMAS + VILLAGES
    place = places[(number - 1) % len(places)]
    rounds = (number - 1) // len(places)
    name = f"UPT Puskesmas {place}" + (f" {rounds + 1}" if rounds else "")
    tree.add(f"DINKES.PKM{number:02d}", name, U.UPT, "DINKES", F.KESEHATAN, "PUSKESMAS",
             5.0, _pgw(f"Kepala {name}"), tier=tier)


def city_units(employees: int) -> list[UnitPlan]:
    """The unit tree for a registry of this size, parents before children."""
    t = _Tree()
    t.add(ROOT_CODE, "Pemerintah Kota Sawahlunto", U.PEMKOT, None, F.PEMERINTAHAN, "", 0, tier=0)
    t.add("SETDA", "Sekretariat Daerah", U.SEKRETARIAT_DAERAH, ROOT_CODE, F.PEMERINTAHAN,
          "PEMERINTAHAN", 0.4,
          _jpt("Sekretaris Daerah", "II.a"),
          _jpt("Asisten Pemerintahan dan Kesejahteraan Rakyat", suffix="AS1", tier=1),
          _jpt("Asisten Perekonomian dan Pembangunan", suffix="AS2", tier=1),
          _jpt("Asisten Administrasi Umum", suffix="AS3", tier=1),
          _jpt("Staf Ahli Wali Kota Bidang Pemerintahan, Hukum dan Politik", suffix="SA1", tier=2),
          _jpt("Staf Ahli Wali Kota Bidang Ekonomi, Keuangan dan Pembangunan", suffix="SA2", tier=2),
          _jpt("Staf Ahli Wali Kota Bidang Kemasyarakatan dan Sumber Daya Manusia", suffix="SA3", tier=2),
          tier=0)
    for code, name, pool, asisten, tier in (
        ("PEM", "Bagian Pemerintahan", "PEMERINTAHAN", 1, 1),
        ("HKM", "Bagian Hukum", "HUKUM", 1, 2),
        ("KESRA", "Bagian Kesejahteraan Rakyat", "SOSIAL", 1, 2),
        ("EKO", "Bagian Perekonomian dan Sumber Daya Alam", "PERENCANAAN", 2, 2),
        ("ADPEM", "Bagian Administrasi Pembangunan", "PERENCANAAN", 2, 2),
        ("PBJ", "Bagian Pengadaan Barang dan Jasa", "PENGADAAN", 2, 2),
        ("UMUM", "Bagian Umum", "ADMIN", 3, 0),
        ("ORG", "Bagian Organisasi", "KEPEG", 3, 1),
        ("PROKOPIM", "Bagian Protokol dan Komunikasi Pimpinan", "PROTOKOL", 3, 2),
    ):
        t.add(f"SETDA.{code}", name, U.BAGIAN, "SETDA", F.PEMERINTAHAN, pool, 1.2,
              _adm(f"Kepala {name}"), tier=tier, sup=f"SETDA-AS{asisten}")
    for code, name in (("TU", "Subbagian Tata Usaha Pimpinan"), ("RT", "Subbagian Rumah Tangga"),
                       ("KEU", "Subbagian Keuangan")):
        t.add(f"SETDA.UMUM.{code}", name, U.SUBBAGIAN, "SETDA.UMUM", F.UMUM, "ADMIN", 0.6,
              _pgw(f"Kepala {name}"))

    t.add("SETWAN", "Sekretariat DPRD", U.SEKRETARIAT_DPRD, ROOT_CODE, F.PEMERINTAHAN, "SETWAN",
          0.3, _jpt("Sekretaris DPRD"), tier=1)
    t.add("SETWAN.UK", "Bagian Umum dan Keuangan", U.BAGIAN, "SETWAN", F.UMUM, "ADMIN", 1.0,
          _adm("Kepala Bagian Umum dan Keuangan", "III.b"))
    for code, name in (("TU", "Subbagian Tata Usaha dan Kepegawaian"), ("KEU", "Subbagian Keuangan")):
        t.add(f"SETWAN.UK.{code}", name, U.SUBBAGIAN, "SETWAN.UK", F.UMUM, "ADMIN", 0.6,
              _pgw(f"Kepala {name}"))
    for code, name in (("SID", "Bagian Persidangan dan Perundang-undangan"),
                       ("FAS", "Bagian Fasilitasi Penganggaran dan Pengawasan")):
        t.add(f"SETWAN.{code}", name, U.BAGIAN, "SETWAN", F.PEMERINTAHAN, "SETWAN", 1.0,
              _adm(f"Kepala {name}", "III.b"))

    t.add("INSP", "Inspektorat", U.INSPEKTORAT, ROOT_CODE, F.PENGAWASAN, "PENGAWASAN", 0.3,
          _jpt("Inspektur"), tier=0)
    t.add("INSP.SEK", "Sekretariat Inspektorat", U.SEKRETARIAT, "INSP", F.UMUM, "ADMIN", 0.8,
          _adm("Sekretaris Inspektorat"), tier=1)
    for code, name in (("UK", "Subbagian Umum dan Keuangan"),
                       ("PEP", "Subbagian Perencanaan, Evaluasi dan Pelaporan")):
        t.add(f"INSP.SEK.{code}", name, U.SUBBAGIAN, "INSP.SEK", F.UMUM, "ADMIN", 0.6,
              _pgw(f"Kepala {name}"))
    for i, roman in enumerate(("I", "II", "III", "IV"), start=1):
        t.add(f"INSP.IRB{i}", f"Inspektorat Pembantu Wilayah {roman}", U.BIDANG, "INSP",
              F.PENGAWASAN, "PENGAWASAN", 1.5, _adm(f"Inspektur Pembantu Wilayah {roman}", "III.b"),
              tier=1 if i == 1 else 2)

    t.opd("BKPSDM", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", U.BADAN,
          F.KEPEGAWAIAN, "KEPEG", [
              "Bidang Pengadaan, Pemberhentian dan Informasi Kepegawaian",
              "Bidang Mutasi dan Promosi",
              "Bidang Pengembangan Kompetensi Aparatur",
              "Bidang Penilaian Kinerja Aparatur dan Penghargaan",
          ], (("UPT Penilaian Kompetensi Pegawai", "KEPEG", 0.6),),
          tier=0, core=("BKPSDM.B2", "BKPSDM.B3"))
    t.opd("BKAD", "Badan Keuangan dan Aset Daerah", U.BADAN, F.KEUANGAN, "KEUANGAN", [
        "Bidang Anggaran", "Bidang Perbendaharaan", "Bidang Akuntansi dan Pelaporan",
        "Bidang Pengelolaan Barang Milik Daerah",
        ("Bidang Pendapatan", ("Seksi Pendataan dan Penetapan", "Seksi Penagihan dan Keberatan")),
    ])
    t.opd("BAPPEDA", "Badan Perencanaan Pembangunan, Penelitian dan Pengembangan Daerah",
          U.BADAN, F.PERENCANAAN, "PERENCANAAN", [
              "Bidang Perencanaan Pemerintahan dan Pembangunan Manusia",
              "Bidang Perencanaan Perekonomian dan Infrastruktur",
              "Bidang Penelitian dan Pengembangan", "Bidang Pengendalian dan Evaluasi",
          ])
    t.opd("KESBANG", "Badan Kesatuan Bangsa dan Politik", U.BADAN, F.PEMERINTAHAN,
          "PEMERINTAHAN", ["Bidang Ideologi dan Wawasan Kebangsaan",
                           "Bidang Politik Dalam Negeri dan Organisasi Kemasyarakatan"])
    t.opd("BPBD", "Badan Penanggulangan Bencana Daerah", U.BADAN, F.PELAYANAN_PUBLIK, "BENCANA",
          ["Bidang Pencegahan dan Kesiapsiagaan", "Bidang Kedaruratan dan Logistik",
           "Bidang Rehabilitasi dan Rekonstruksi"],
          head="Kepala Pelaksana Badan Penanggulangan Bencana Daerah")
    t.opd("DISDIK", "Dinas Pendidikan", U.DINAS, F.PENDIDIKAN, "PENDIDIKAN", [
        "Bidang Pembinaan Pendidikan Anak Usia Dini dan Pendidikan Nonformal",
        "Bidang Pembinaan Sekolah Dasar", "Bidang Pembinaan Sekolah Menengah Pertama",
        "Bidang Guru dan Tenaga Kependidikan",
    ], tier=0)
    for number in range(1, 31):
        _school(t, "SD", number, 0 if number == 1 else 1 if number <= 6 else 2)
    for number in range(1, 9):
        _school(t, "SMP", number, 1 if number <= 2 else 2)
    t.opd("DINKES", "Dinas Kesehatan", U.DINAS, F.KESEHATAN, "DINKES", [
        "Bidang Kesehatan Masyarakat", "Bidang Pencegahan dan Pengendalian Penyakit",
        "Bidang Pelayanan dan Sumber Daya Kesehatan",
    ], (("UPT Laboratorium Kesehatan Daerah", "LABKES", 1.5),
        ("UPT Instalasi Farmasi", "FARMASI", 1.0)), tier=0)
    # The hospital is a unit with its own structure under the health office.
    t.add("DINKES.RSUD", "RSUD Sawahlunto", U.UPT, "DINKES", F.KESEHATAN, "RSUD_MEDIK", 0.3,
          _adm("Direktur RSUD Sawahlunto", edu="DOKTER"), tier=1)
    t.add("DINKES.RSUD.TU", "Bagian Tata Usaha", U.BAGIAN, "DINKES.RSUD", F.UMUM, "RSUD_TU", 2.0,
          _adm("Kepala Bagian Tata Usaha", "III.b"))
    for code, name in (("UK", "Subbagian Umum dan Kepegawaian"), ("KEU", "Subbagian Keuangan dan Program")):
        t.add(f"DINKES.RSUD.TU.{code}", name, U.SUBBAGIAN, "DINKES.RSUD.TU", F.UMUM, "RSUD_TU",
              0.8, _pgw(f"Kepala {name}"))
    for code, name, pool, weight in (
        ("YAN", "Bidang Pelayanan Medik", "RSUD_MEDIK", 12.0),
        ("KEP", "Bidang Keperawatan", "RSUD_KEP", 20.0),
        ("JANG", "Bidang Penunjang Medik dan Nonmedik", "RSUD_JANG", 6.0),
    ):
        t.add(f"DINKES.RSUD.{code}", name, U.BIDANG, "DINKES.RSUD", F.KESEHATAN, pool, weight,
              _adm(f"Kepala {name}", "III.b"))
    for number in range(1, len(PUSKESMAS) + 1):
        _puskesmas(t, number, 0 if number == 1 else 1 if number <= 3 else 2)

    t.opd("DPUPR", "Dinas Pekerjaan Umum dan Penataan Ruang", U.DINAS, F.INFRASTRUKTUR, "INFRA", [
        ("Bidang Bina Marga", ("Seksi Pembangunan Jalan dan Jembatan",
                               "Seksi Preservasi Jalan dan Jembatan")),
        "Bidang Sumber Daya Air", "Bidang Cipta Karya",
        "Bidang Penataan Ruang dan Bina Konstruksi",
    ], (("UPT Peralatan dan Perbengkelan", "INFRA", 1.0),))
    t.opd("DPKP", "Dinas Perumahan Rakyat dan Kawasan Permukiman", U.DINAS, F.INFRASTRUKTUR,
          "INFRA", ["Bidang Perumahan", "Bidang Kawasan Permukiman dan Pertanahan"])
    t.opd("DISBUD", "Dinas Kebudayaan, Peninggalan Bersejarah dan Permuseuman", U.DINAS,
          F.KEBUDAYAAN, "BUDAYA", [
              "Bidang Kebudayaan",
              ("Bidang Peninggalan Bersejarah", ("Seksi Pelestarian Cagar Budaya",
                                                 "Seksi Pengelolaan Warisan Dunia")),
              ("Bidang Permuseuman", ("Seksi Koleksi dan Konservasi",
                                      "Seksi Edukasi dan Publikasi Museum")),
          ], (("UPT Museum Kota Sawahlunto", "BUDAYA", 1.5), ("UPT Taman Budaya", "BUDAYA", 0.8)))
    t.opd("DISPARPORA", "Dinas Pariwisata, Pemuda dan Olahraga", U.DINAS, F.KEBUDAYAAN,
          "PARIWISATA", ["Bidang Destinasi Pariwisata",
                         "Bidang Pemasaran Pariwisata dan Ekonomi Kreatif",
                         "Bidang Kepemudaan dan Olahraga"],
          (("UPT Kawasan Wisata Kandi", "PARIWISATA", 1.2),))
    t.opd("DINSOS", "Dinas Sosial", U.DINAS, F.PELAYANAN_PUBLIK, "SOSIAL", [
        "Bidang Rehabilitasi Sosial", "Bidang Perlindungan dan Jaminan Sosial",
        "Bidang Pemberdayaan Sosial dan Penanganan Fakir Miskin",
    ])
    t.opd("DP3AP2KB", "Dinas Pengendalian Penduduk, Keluarga Berencana, Pemberdayaan Perempuan "
          "dan Perlindungan Anak", U.DINAS, F.PELAYANAN_PUBLIK, "SOSIAL", [
              "Bidang Pengendalian Penduduk dan Keluarga Berencana",
              "Bidang Pemberdayaan Perempuan dan Perlindungan Anak",
          ])
    t.opd("DUKCAPIL", "Dinas Kependudukan dan Pencatatan Sipil", U.DINAS, F.PELAYANAN_PUBLIK,
          "DUKCAPIL", ["Bidang Pelayanan Pendaftaran Penduduk", "Bidang Pelayanan Pencatatan Sipil",
                       "Bidang Pengelolaan Informasi Administrasi Kependudukan"])
    t.opd("DISHUB", "Dinas Perhubungan", U.DINAS, F.PELAYANAN_PUBLIK, "PERHUBUNGAN", [
        "Bidang Lalu Lintas dan Angkutan", "Bidang Sarana dan Prasarana Perhubungan",
    ], (("UPT Pengujian Kendaraan Bermotor", "PERHUBUNGAN", 1.0),))
    t.opd("KOMINFO", "Dinas Komunikasi dan Informatika", U.DINAS, F.TEKNOLOGI_INFORMASI,
          "KOMINFO", ["Bidang Informasi dan Komunikasi Publik", "Bidang Aplikasi Informatika",
                      "Bidang Statistik dan Persandian"])
    t.opd("DPMPTSP", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", U.DINAS,
          F.PELAYANAN_PUBLIK, "EKONOMI", ["Bidang Penanaman Modal",
                                          "Bidang Pelayanan Perizinan dan Nonperizinan"],
          (("UPT Mal Pelayanan Publik", "EKONOMI", 1.0),))
    t.opd("DKUKMP", "Dinas Koperasi, Usaha Kecil dan Menengah dan Perdagangan", U.DINAS,
          F.PELAYANAN_PUBLIK, "EKONOMI", ["Bidang Koperasi dan Usaha Mikro", "Bidang Perdagangan"],
          (("UPT Pasar", "EKONOMI", 1.0),))
    t.opd("DPPP", "Dinas Pertanian, Pangan dan Perikanan", U.DINAS, F.PELAYANAN_PUBLIK,
          "PERTANIAN", ["Bidang Tanaman Pangan dan Hortikultura",
                        "Bidang Peternakan dan Kesehatan Hewan", "Bidang Ketahanan Pangan",
                        "Bidang Perikanan"],
          (("UPT Balai Penyuluhan Pertanian", "PERTANIAN", 1.5),))
    t.opd("DLH", "Dinas Lingkungan Hidup", U.DINAS, F.PELAYANAN_PUBLIK, "LINGKUNGAN", [
        "Bidang Pengelolaan Sampah dan Limbah B3",
        "Bidang Penataan dan Pengendalian Pencemaran Lingkungan",
        "Bidang Pertamanan dan Ruang Terbuka Hijau",
    ], (("UPT Tempat Pemrosesan Akhir Sampah", "LINGKUNGAN", 1.5),))
    t.opd("DISNAKERIN", "Dinas Tenaga Kerja dan Perindustrian", U.DINAS, F.PELAYANAN_PUBLIK,
          "EKONOMI", ["Bidang Pelatihan dan Penempatan Tenaga Kerja", "Bidang Hubungan Industrial",
                      "Bidang Perindustrian"], (("UPT Balai Latihan Kerja", "EKONOMI", 1.0),))
    t.opd("DISARPUS", "Dinas Kearsipan dan Perpustakaan", U.DINAS, F.UMUM, "ARSIP",
          ["Bidang Kearsipan", "Bidang Perpustakaan"])
    t.opd("DPMD", "Dinas Pemberdayaan Masyarakat dan Desa", U.DINAS, F.PEMERINTAHAN,
          "PEMERINTAHAN", ["Bidang Pemerintahan Desa", "Bidang Pemberdayaan Masyarakat Desa"])
    t.opd("SATPOL", "Satuan Polisi Pamong Praja dan Pemadam Kebakaran", U.DINAS, F.PEMERINTAHAN,
          "SATPOL", [
              "Bidang Penegakan Peraturan Daerah",
              ("Bidang Ketertiban Umum dan Ketenteraman Masyarakat",
               ("Seksi Operasi dan Pengendalian", "Seksi Perlindungan Masyarakat")),
              "Bidang Pemadam Kebakaran dan Penyelamatan",
          ])

    for code, (short, tier, kelurahan) in KECAMATAN.items():
        t.add(code, f"Kecamatan {short}", U.KECAMATAN, ROOT_CODE, F.PEMERINTAHAN, "KECAMATAN",
              0.6, _adm(f"Camat {short}"), tier=tier)
        t.add(f"{code}.SEK", f"Sekretariat Kecamatan {short}", U.SEKRETARIAT, code, F.UMUM,
              "ADMIN", 0.6, _adm(f"Sekretaris Kecamatan {short}", "III.b"), tier=max(tier, 1))
        for j, seksi in enumerate(("Seksi Pemerintahan", "Seksi Ketenteraman dan Ketertiban Umum",
                                   "Seksi Pemberdayaan Masyarakat dan Kesejahteraan Sosial"), 1):
            t.add(f"{code}.S{j}", seksi, U.SEKSI, code, F.PEMERINTAHAN, "KECAMATAN", 0.4,
                  _pgw(f"Kepala {seksi}"))
        for kel_code, kel_name, kel_tier in kelurahan:
            t.add(f"{code}.{kel_code}", f"Kelurahan {kel_name}", U.KELURAHAN, code,
                  F.PEMERINTAHAN, "KECAMATAN", 0.5, _pgw(f"Lurah {kel_name}"),
                  _pgw(f"Sekretaris Kelurahan {kel_name}", "IV.b", suffix="SEK"),
                  tier=max(tier, kel_tier))

    level = max(tier for tier, start in TIER_FROM.items() if employees >= start)
    units = [u for u in t.units if u.tier <= level]
    extra = max(0, (employees - EXTRA_FROM) // EXTRA_EVERY)
    more = _Tree()
    sd, smp, pkm = 30, 8, len(PUSKESMAS)
    for i in range(extra):
        kind = ("SD", "SD", "SMP", "PKM", "SD")[i % 5]
        if kind == "SD":
            sd += 1
            _school(more, "SD", sd, 0)
        elif kind == "SMP":
            smp += 1
            _school(more, "SMP", smp, 0)
        else:
            pkm += 1
            _puskesmas(more, pkm, 0)
    return units + more.units


# fmt: on


# ---------------------------------------------------------------- people

MALE_NAMES = (
    "Afrizal", "Alfian", "Andri", "Arif", "Asrul", "Azwar", "Budi", "Dedi", "Defri",
    "Doni", "Edwar", "Elfizon", "Erwin", "Fadli", "Fajri", "Fauzan", "Ferdi", "Gusrizal",
    "Hafiz", "Hendri", "Ilham", "Irfan", "Irwan", "Jufri", "Khairul", "Nofrizal", "Rahmat",
    "Rizki", "Rudi", "Syafrizal", "Taufik", "Yendri", "Yogi", "Yusrizal", "Zulfikar",
    "Zulkifli", "Aldo", "Benny", "Darmawan", "Eko", "Firdaus", "Hanif", "Iqbal", "Joni",
    "Masrizal", "Novri", "Putra", "Ridwan", "Septian", "Wendi", "Yudi", "Zainal",
    "Syamsuardi", "Muhammad", "Ahmad", "Riko", "Teguh", "Aprizal",
)  # fmt: skip
FEMALE_NAMES = (
    "Yuliana", "Desi", "Fitri", "Rahmi", "Nurhayati", "Yeni", "Elfira", "Vivi", "Sri",
    "Mardiana", "Rosmaniar", "Nelly", "Wulan", "Silvia", "Meri", "Novi", "Rina", "Yulia",
    "Annisa", "Fadhilah", "Aulia", "Hasnah", "Indah", "Lisa", "Mega", "Nurul", "Ratna",
    "Santi", "Suci", "Tika", "Vera", "Yusnita", "Zulfa", "Erni", "Dian", "Eka", "Febri",
    "Hayati", "Gusnita", "Ramadhani", "Syafni", "Yosi", "Afni", "Delvia", "Elsa", "Ira",
    "Lusi", "Mutia", "Nofa", "Puti", "Rini", "Septi", "Wirda", "Nurbaiti", "Siti",
)  # fmt: skip
MALE_SECOND = (
    "Putra", "Saputra", "Hidayat", "Rahman", "Syahputra", "Firmansyah", "Pratama",
    "Effendi", "Kurniawan", "Chaniago", "Piliang", "Koto", "Tanjung", "Sikumbang",
    "Jambak", "Malin", "Mulyadi", "Rasyid", "Hakim", "Anwar", "Gunawan", "Syukri",
    "Hendrawan", "Fauzi", "Arifin", "Nasrul", "Yasin",
)  # fmt: skip
FEMALE_SECOND = (
    "Putri", "Sari", "Yanti", "Novita", "Amelia", "Marlina", "Rahmawati", "Fitriani",
    "Handayani", "Susanti", "Wahyuni", "Oktavia", "Permata", "Syafitri", "Lestari",
    "Hasanah", "Yulianti", "Elvina", "Maisyarah", "Rosalina", "Anggraini", "Zahara",
    "Chaniago", "Piliang", "Koto",
)  # fmt: skip
BIRTH_PLACES = (
    ("Sawahlunto", 45), ("Talawi", 6), ("Silungkang", 6), ("Muaro Kalaban", 3),
    ("Solok", 7), ("Sijunjung", 5), ("Padang", 8), ("Bukittinggi", 3), ("Batusangkar", 3),
    ("Payakumbuh", 2), ("Padang Panjang", 2), ("Pariaman", 2), ("Muaro Sijunjung", 2),
    ("Pekanbaru", 2), ("Jakarta", 2), ("Medan", 1), ("Jambi", 1),
)  # fmt: skip
SLTA_SCHOOLS = (
    "SMA Negeri 1 Sawahlunto", "SMA Negeri 2 Sawahlunto", "SMA Negeri 3 Sawahlunto",
    "SMA Negeri 1 Sijunjung", "SMA Negeri 1 Solok", "SMA Negeri 2 Padang",
    "MAN 1 Sawahlunto",
)  # fmt: skip
SMK_SCHOOLS = (
    "SMK Negeri 1 Sawahlunto",
    "SMK Negeri 2 Sawahlunto",
    "SMK Negeri 1 Solok",
)
UNIVERSITIES = (
    "Universitas Andalas", "Universitas Negeri Padang", "UIN Imam Bonjol Padang",
    "Universitas Bung Hatta", "Universitas Muhammadiyah Sumatera Barat",
    "Universitas Ekasakti", "Universitas Putra Indonesia YPTK Padang",
)  # fmt: skip
TEACHER_COLLEGES = (
    "Universitas Negeri Padang", "STKIP PGRI Sumatera Barat",
    "UIN Mahmud Yunus Batusangkar", "Universitas Bung Hatta",
)  # fmt: skip
HEALTH_SCHOOLS = (
    "Poltekkes Kemenkes Padang", "STIKes Perintis Padang", "Universitas Andalas",
    "Universitas Baiturrahmah", "STIKes Syedza Saintika Padang",
)  # fmt: skip
POLYTECHNICS = (
    "Politeknik Negeri Padang",
    "Universitas Negeri Padang",
    "AMIK Indonesia Padang",
)
GRADUATE_SCHOOLS = (
    "Universitas Andalas", "Universitas Negeri Padang", "Universitas Gadjah Mada",
    "Universitas Indonesia", "Universitas Bung Hatta", "Institut Pemerintahan Dalam Negeri",
)  # fmt: skip
DOCTORAL_SCHOOLS = (
    "Universitas Andalas", "Universitas Padjadjaran", "Universitas Gadjah Mada",
    "Universitas Indonesia", "Universitas Negeri Padang",
)  # fmt: skip

FIELD_S1: dict[str, tuple[tuple[str, str], ...]] = {
    F.PEMERINTAHAN: (("Ilmu Pemerintahan", "S.IP."), ("Ilmu Pemerintahan", "S.STP."), ("Sosiologi", "S.Sos.")),
    F.KEUANGAN: (("Akuntansi", "S.Ak."), ("Manajemen", "S.E."), ("Ekonomi Pembangunan", "S.E.")),
    F.PELAYANAN_PUBLIK: (("Administrasi Publik", "S.AP."), ("Sosiologi", "S.Sos."), ("Ilmu Administrasi Negara", "S.Sos.")),
    F.KESEHATAN: (("Kesehatan Masyarakat", "S.K.M."),),
    F.PENDIDIKAN: (("Pendidikan Guru Sekolah Dasar", "S.Pd."), ("Manajemen Pendidikan", "S.Pd.")),
    F.TEKNOLOGI_INFORMASI: (("Teknik Informatika", "S.Kom."), ("Sistem Informasi", "S.Kom."), ("Teknik Komputer", "S.T.")),
    F.KEPEGAWAIAN: (("Administrasi Negara", "S.AP."), ("Psikologi", "S.Psi."), ("Manajemen", "S.E.")),
    F.PERENCANAAN: (("Perencanaan Wilayah dan Kota", "S.T."), ("Ekonomi Pembangunan", "S.E."), ("Statistika", "S.Stat.")),
    F.PENGAWASAN: (("Akuntansi", "S.Ak."), ("Akuntansi", "S.E."), ("Ilmu Hukum", "S.H.")),
    F.INFRASTRUKTUR: (("Teknik Sipil", "S.T."), ("Arsitektur", "S.Ars."), ("Teknik Lingkungan", "S.T.")),
    F.KEBUDAYAAN: (("Ilmu Sejarah", "S.Hum."), ("Sastra Indonesia", "S.S."), ("Pariwisata", "S.Par.")),
    F.HUKUM: (("Ilmu Hukum", "S.H."),),
    F.UMUM: (("Administrasi Negara", "S.Sos."), ("Manajemen", "S.E."), ("Ilmu Komunikasi", "S.I.Kom.")),
}  # fmt: skip
FIELD_D3: dict[str, tuple[str, str]] = {
    F.KESEHATAN: ("Keperawatan", "A.Md.Kep."),
    F.TEKNOLOGI_INFORMASI: ("Manajemen Informatika", "A.Md.Kom."),
    F.KEUANGAN: ("Akuntansi", "A.Md.Ak."),
    F.INFRASTRUKTUR: ("Teknik Sipil", "A.Md.T."),
}
D3_DEFAULT = ("Administrasi Perkantoran", "A.Md.")
FIELD_S2: dict[str, tuple[tuple[str, str], ...]] = {
    F.PEMERINTAHAN: (("Ilmu Pemerintahan", "M.Si."), ("Administrasi Publik", "M.A.P.")),
    F.KEUANGAN: (("Akuntansi", "M.Ak."), ("Manajemen", "M.M.")),
    F.KESEHATAN: (("Kesehatan Masyarakat", "M.K.M."), ("Ilmu Kesehatan", "M.Kes.")),
    F.PENDIDIKAN: (("Pendidikan", "M.Pd."), ("Manajemen Pendidikan", "M.Pd.")),
    F.TEKNOLOGI_INFORMASI: (
        ("Teknik Informatika", "M.Kom."),
        ("Sistem Informasi", "M.Kom."),
    ),
    F.INFRASTRUKTUR: (
        ("Teknik Sipil", "M.T."),
        ("Perencanaan Wilayah dan Kota", "M.T."),
    ),
    F.HUKUM: (("Ilmu Hukum", "M.H."),),
    F.PERENCANAAN: (
        ("Perencanaan Pembangunan", "M.Si."),
        ("Ekonomi Pembangunan", "M.E."),
    ),
    F.KEBUDAYAAN: (("Ilmu Sejarah", "M.Hum."), ("Kajian Budaya", "M.Si.")),
}
S2_DEFAULT = (
    ("Administrasi Publik", "M.A.P."),
    ("Manajemen", "M.M."),
    ("Ilmu Administrasi", "M.Si."),
)
S3_MAJORS = (
    "Ilmu Administrasi Publik",
    "Ilmu Ekonomi",
    "Ilmu Pemerintahan",
    "Ilmu Manajemen",
)
# Pre-service education sets the starting golongan of a CPNS.
ENTRY_RANK = {
    "15": 5,
    "17": 5,
    "30": 7,
    "35": 9,
    "40": 9,
    "42": 10,
    "45": 10,
    "47": 11,
    "50": 11,
}
PPPK_GOLONGAN = {
    "15": 5,
    "17": 5,
    "30": 7,
    "35": 9,
    "40": 9,
    "42": 10,
    "45": 10,
    "47": 11,
    "50": 11,
}
PPPK_BY_LEVEL = {"P1": 9, "P2": 11, "P3": 13, "T0": 5, "T1": 7, "T2": 9, "T3": 11}
PPPK_YEARS = ((2019, 10), (2021, 15), (2022, 20), (2023, 20), (2024, 25), (2025, 10))


@dataclass(slots=True)
class Step:
    code: str  # EducationLevel code
    major: str
    school: str
    age: int | None  # graduation age; None: earned in service
    title: str = ""  # gelar belakang it gives
    year: int = 0


@dataclass(slots=True)
class PositionPlan:
    code: str
    title: str
    unit: str
    kind: str
    level: str
    eselon: str
    job_class: int
    field: str
    needs: int
    is_head: bool
    track: str
    prev_tracks: tuple[str, ...]
    family: str = ""
    edu: str = ""
    female: float = 0.5
    supervisor: int = -1
    weight: float = 1.0
    new_needs: int | None = None


@dataclass(slots=True)
class Person:
    seat: int
    position: int
    status: str = "PNS"
    gender: str = "1"
    name: str = ""
    front: str = ""
    back: str = ""
    birth_place: str = ""
    birth: date = date(1980, 1, 1)
    appointment: date = date(2005, 1, 1)
    nip: str = ""
    retiring: bool = False
    designated: str = ""
    steps: list[Step] = dc_field(default_factory=list)
    ranks: list[tuple[str, int, date]] = dc_field(
        default_factory=list
    )  # scheme, ordinal, TMT
    placements: list[tuple[int, str, date, date | None]] = dc_field(
        default_factory=list
    )


@dataclass(frozen=True)
class RegistrySummary:
    units: int
    positions: int
    employees: int
    placements: int
    seats: int
    vacant: int
    overfilled_units: int
    seeded: bool

    def line(self) -> str:
        share = 100 * self.vacant / self.seats if self.seats else 0
        verb = "seeded" if self.seeded else "already seeded, left as is"
        return (
            f"registry {verb}: {self.units:,} units, {self.positions:,} positions, "
            f"{self.employees:,} employees, {self.placements:,} placements, "
            f"{self.vacant:,} of {self.seats:,} seats vacant ({share:.1f}%), "
            f"{self.overfilled_units} units overfilled."
        )


# ---------------------------------------------------------------- dates


def add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def months_between(start: date, end: date) -> int:
    return (end.year - start.year) * 12 + end.month - start.month


OPEN = date.max.toordinal()


# ---------------------------------------------------------------- entry point


def seed_registry(
    employees: int = 2500, stdout: TextIO | None = None, *, as_of: date | None = None
) -> RegistrySummary:
    """Seed (or keep) the demo registry at `employees` people; see the module docstring."""
    if employees < MIN_EMPLOYEES:
        raise ValueError(
            f"The demo registry needs at least {MIN_EMPLOYEES} employees to staff its units."
        )
    as_of = as_of or timezone.localdate().replace(day=1)
    with transaction.atomic():
        # Two `make run` at once would both see an empty registry; the second waits.
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [SEED])
        root = OrgUnit.objects.filter(code=ROOT_CODE).first()
        present = root is not None and _demo_employees(root).count() >= employees
        if not present:
            if root is not None:
                _clear_registry(root)
            with pgtrigger.ignore(*_audit_triggers("insert")):
                _Builder(employees, as_of).build()
            root = OrgUnit.objects.get(code=ROOT_CODE)
        link_demo_users()
        summary = _summary(root, seeded=not present)
    if stdout is not None:
        line = summary.line()
        stdout.write(line[0].upper() + line[1:])
    return summary


def _demo_employees(root: OrgUnit):
    return Employee.objects.filter(
        pk__in=Placement.objects.filter(
            position__unit__path__startswith=root.path
        ).values("employee_id")
    )


@pgtrigger.ignore(*_audit_triggers("update", "delete"))
def _clear_registry(root: OrgUnit) -> None:
    """Delete the demo tree's placements, employees and positions (units stay)."""
    positions = Position.objects.filter(unit__path__startswith=root.path)
    employee_ids = list(
        Placement.objects.filter(position__in=positions)
        .values_list("employee_id", flat=True)
        .distinct()
    )
    # Batches moving these people go with them (their moves protect the rows).
    RotationBatch.objects.filter(
        Q(moves__from_position__in=positions) | Q(moves__to_position__in=positions)
    ).distinct().delete()
    placements = Placement.objects.filter(position__in=positions)
    _record_events(placements, "delete")
    placements.delete()
    # Someone placed elsewhere as well keeps his record.
    keep = set(Placement.objects.values_list("employee_id", flat=True).distinct())
    doomed = [pk for pk in employee_ids if pk not in keep]
    for start in range(0, len(doomed), BATCH):
        chunk = doomed[start : start + BATCH]
        for queryset in (
            RankHistory.objects.filter(employee_id__in=chunk),
            EducationHistory.objects.filter(employee_id__in=chunk),
            Employee.objects.filter(pk__in=chunk),
        ):
            _record_events(queryset, "delete")
            queryset.delete()
    _record_events(positions, "delete")
    # Unhooking the supervisors first is part of the delete, not an edit.
    positions.update(supervisor=None)
    positions.delete()


def _summary(root: OrgUnit, *, seeded: bool) -> RegistrySummary:
    day = timezone.localdate()
    rows = list(
        Position.objects.filter(unit__path__startswith=root.path)
        .with_incumbents(day)
        .values_list("unit_id", "needs", "incumbents")
        .order_by()
    )
    per_unit: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    vacant = 0
    for unit_id, needs, incumbents in rows:
        per_unit[unit_id][0] += needs
        per_unit[unit_id][1] += incumbents
        vacant += max(0, needs - incumbents)
    return RegistrySummary(
        units=OrgUnit.objects.filter(path__startswith=root.path).count(),
        positions=len(rows),
        employees=_demo_employees(root).count(),
        placements=Placement.objects.filter(
            position__unit__path__startswith=root.path
        ).count(),
        seats=sum(needs for _, needs, _ in rows),
        vacant=vacant,
        overfilled_units=sum(1 for needs, inc in per_unit.values() if inc > needs),
        seeded=seeded,
    )


def link_demo_users(day: date | None = None) -> None:
    """Point `atasan` and `pegawai` at their employees; writes only when a link changed."""
    day = day or timezone.localdate()
    users = {
        user.username: user
        for user in get_user_model().objects.filter(username__in=DEMO_PEOPLE)
    }
    for username, code in (("atasan", ATASAN_POSITION), ("pegawai", PEGAWAI_POSITION)):
        user = users.get(username)
        if user is None:
            continue
        holders = list(
            Placement.objects.definitive()
            .on(day)
            .filter(position__code=code)
            .select_related("employee")
            .order_by("start_date", "pk")
        )
        if not holders:
            continue
        wanted = DEMO_PEOPLE[username][0]
        employee = next(
            (p.employee for p in holders if p.employee.name == wanted),
            holders[0].employee,
        )
        if employee.user_id == user.pk:
            continue
        Employee.objects.filter(user=user).exclude(pk=employee.pk).update(user=None)
        employee.user = user
        employee.save(update_fields=["user"])


# ---------------------------------------------------------------- the builder


class _Builder:
    def __init__(self, employees: int, as_of: date) -> None:
        self.n = employees
        self.as_of = as_of
        self.rng = random.Random(SEED)
        self.units = city_units(employees)
        self.unit_by_code = {u.code: u for u in self.units}
        self.positions: list[PositionPlan] = []
        self.people: list[Person] = []
        self.seat_position: list[int] = []  # seat -> index into self.positions
        self.vacant_heads: list[int] = []  # seats
        self.overfilled: list[int] = []  # positions whose needs get cut
        self.rules: dict[tuple[str, str], RetirementRule] = {}

    # ------------------------------------------------------------ planning

    def build(self) -> None:
        self._plan_positions()
        self._plan_people()
        self._plan_history()
        self._plan_overfill()
        self._write()

    def _plan_positions(self) -> None:
        """Heads get one seat each; the staff seats are shared out by unit weight."""
        rng = self.rng
        head_index: dict[str, int] = {}
        for unit in self.units:
            for head in unit.heads:
                if head.tier > self._tier():
                    continue
                index = len(self.positions)
                self.positions.append(self._head_plan(unit, head))
                if head is unit.heads[0]:
                    head_index[unit.code] = index
        heads = len(self.positions)
        seats = max(self.n + 1, round(self.n / (1 - VACANCY_RATE)))
        staff_seats = max(seats - heads, 1)
        staffed = [u for u in self.units if u.weight > 0]
        shares = _apportion(staff_seats, [u.weight for u in staffed])
        by_code = dict(zip([u.code for u in staffed], shares, strict=True))
        # The demo supervisor needs people under him however small the registry.
        if by_code.get(ATASAN_UNIT, 0) < 3:
            biggest = max(by_code, key=lambda code: by_code[code])
            moved = 3 - by_code[ATASAN_UNIT]
            by_code[biggest] -= moved
            by_code[ATASAN_UNIT] = 3
        for unit in staffed:
            budget = by_code[unit.code]
            if budget <= 0:
                continue
            required = ("PAP",) if unit.code == ATASAN_UNIT else ()
            candidates = self._candidates(unit)
            count = min(len(candidates), budget, max(1, round(1.4 * math.sqrt(budget))))
            chosen = [c for c in candidates if c.code.rsplit("-", 1)[1] in required]
            rest = [c for c in candidates if c not in chosen]
            chosen += _weighted_sample(
                rng, rest, [c.weight for c in rest], count - len(chosen)
            )
            needs = _apportion(budget - len(chosen), [c.weight for c in chosen])
            for plan, extra in zip(chosen, needs, strict=True):
                plan.needs = 1 + extra
                self.positions.append(plan)
        self._link_supervisors(head_index)

    def _tier(self) -> int:
        return max(tier for tier, start in TIER_FROM.items() if self.n >= start)

    def _head_plan(self, unit: UnitPlan, head: Head) -> PositionPlan:
        if head.kind == K.FUNGSIONAL:
            track, prev = GURU, (GURU,)
        elif unit.field == F.KESEHATAN and head.kind == K.PENGAWAS:
            track, prev = MANAGER, (MANAGER, NAKES)
        else:
            track, prev = MANAGER, (MANAGER, STAFF)
        return PositionPlan(
            code=f"{unit.code}-{head.suffix}",
            title=head.title,
            unit=unit.code,
            kind=head.kind,
            level=head.level,
            eselon=head.eselon,
            job_class=head.job_class,
            field=unit.field,
            needs=1,
            is_head=True,
            track=track,
            prev_tracks=prev,
            edu=head.edu,
            female=0.6 if head.edu == "GURU" else 0.3,
        )

    def _candidates(self, unit: UnitPlan) -> list[PositionPlan]:
        plans = []
        for code in POOLS[unit.pool]:
            if code in PELAKSANA:
                title, fld, job_class, weight = PELAKSANA[code]
                plans.append(
                    PositionPlan(
                        code=f"{unit.code}-{code}",
                        title=title,
                        unit=unit.code,
                        kind=K.PELAKSANA,
                        level="",
                        eselon="",
                        job_class=job_class,
                        field=fld,
                        needs=1,
                        is_head=False,
                        track=STAFF,
                        prev_tracks=(STAFF,),
                        female=0.0 if code == "SUPIR" else 0.5,
                        weight=weight,
                    )
                )
                continue
            fam = FAMILIES[code]
            for level_code, job_class in fam.levels.items():
                level, label = LEVELS[level_code]
                plans.append(
                    PositionPlan(
                        code=f"{unit.code}-{code}{level_code}",
                        title=f"{fam.title} {label}",
                        unit=unit.code,
                        kind=K.FUNGSIONAL,
                        level=level,
                        eselon="",
                        job_class=job_class,
                        field=fam.field,
                        needs=1,
                        is_head=False,
                        track=fam.track,
                        prev_tracks=(fam.track,),
                        family=code,
                        edu=fam.edu,
                        female=0.5 if fam.female is None else fam.female,
                        weight=fam.weight * LEVEL_WEIGHT[level_code],
                    )
                )
        return plans

    def _link_supervisors(self, head_index: dict[str, int]) -> None:
        """Staff report to the unit head, a head to the parent unit's head (or the
        Asisten named for a Setda bagian), and top-level heads to the Sekda."""
        by_code = {p.code: i for i, p in enumerate(self.positions)}
        sekda = head_index["SETDA"]

        def head_above(unit_code: str | None) -> int:
            while unit_code is not None:
                if unit_code in head_index:
                    return head_index[unit_code]
                unit_code = self.unit_by_code[unit_code].parent
            return sekda

        for i, plan in enumerate(self.positions):
            unit = self.unit_by_code[plan.unit]
            if i == sekda:
                continue
            if not plan.is_head or (plan.is_head and head_index.get(unit.code) != i):
                plan.supervisor = head_index.get(unit.code, head_above(unit.parent))
            elif unit.head_supervisor in by_code:
                plan.supervisor = by_code[unit.head_supervisor]
            else:
                plan.supervisor = head_above(unit.parent)

    def _plan_people(self) -> None:
        rng = self.rng
        for index, plan in enumerate(self.positions):
            self.seat_position.extend([index] * plan.needs)
        seats = len(self.seat_position)
        by_code = {p.code: i for i, p in enumerate(self.positions)}
        atasan_seat = self.seat_position.index(by_code[ATASAN_POSITION])
        pegawai_seat = self.seat_position.index(by_code[PEGAWAI_POSITION])
        sekda_seat = self.seat_position.index(by_code["SETDA-K"])
        protected = {atasan_seat, pegawai_seat, sekda_seat}

        vacant_count = seats - self.n
        head_seats = [
            s
            for s in range(seats)
            if self.positions[self.seat_position[s]].is_head and s not in protected
        ]
        staff_seats = [
            s
            for s in range(seats)
            if not self.positions[self.seat_position[s]].is_head and s not in protected
        ]
        vacant_heads = min(vacant_count // 3, max(1, round(0.04 * len(head_seats))))
        self.vacant_heads = sorted(rng.sample(head_seats, vacant_heads))
        vacant = set(self.vacant_heads)
        vacant |= set(rng.sample(staff_seats, vacant_count - vacant_heads))
        filled = [s for s in range(seats) if s not in vacant]
        self.people = [Person(seat=s, position=self.seat_position[s]) for s in filled]
        person_at = {p.seat: p for p in self.people}
        person_at[atasan_seat].designated = "atasan"
        person_at[pegawai_seat].designated = "pegawai"

        # Status mix: PPPK are teachers, health workers and other non-managerial
        # staff; CPNS are newly appointed juniors; everyone else is PNS.
        def pppk_weight(person: Person) -> float:
            plan = self.positions[person.position]
            if person.designated or plan.kind not in (K.FUNGSIONAL, K.PELAKSANA):
                return 0
            if plan.is_head or plan.level in ("AHLI_MADYA", "AHLI_UTAMA"):
                return 0
            return {GURU: 4, NAKES: 3}.get(plan.track, 1.2 if plan.level else 0.6)

        weights = [pppk_weight(p) for p in self.people]
        for person in _weighted_sample(rng, self.people, weights, round(0.18 * self.n)):
            person.status = "PPPK"

        def cpns_weight(person: Person) -> float:
            plan = self.positions[person.position]
            junior = plan.level in ("AHLI_PERTAMA", "TERAMPIL", "PEMULA") or (
                plan.kind == K.PELAKSANA and plan.job_class >= 5
            )
            return (
                1 if junior and person.status == "PNS" and not person.designated else 0
            )

        weights = [cpns_weight(p) for p in self.people]
        for person in _weighted_sample(rng, self.people, weights, round(0.02 * self.n)):
            person.status = "CPNS"

        weights = [
            1 if p.status == "PNS" and not p.designated else 0 for p in self.people
        ]
        for person in _weighted_sample(
            rng, self.people, weights, max(2, round(0.03 * self.n))
        ):
            person.retiring = True

        for plan in self.positions:
            key = (plan.kind, plan.level)
            if key not in self.rules:
                self.rules[key] = retirement_rule_for(plan.kind, plan.level)
        for person in self.people:
            self._make_person(person)
        self._assign_nips()

    def _make_person(self, person: Person) -> None:
        rng, plan = self.rng, self.positions[person.position]
        age_limit = self.rules[(plan.kind, plan.level)].age
        if person.designated:
            person.name, person.gender = DEMO_PEOPLE[person.designated]
        else:
            person.gender = "2" if rng.random() < plan.female else "1"
            person.name = self._name(person.gender)
        person.birth_place = _weighted_choice(rng, BIRTH_PLACES)
        steps = self._schooling(plan)
        entry = max((s for s in steps if s.age is not None), key=lambda s: s.age)
        grad_age = entry.age
        low, high = _rank_range(plan)
        entry_rank = _entry_rank(entry.code, plan)
        need_years = 4 * max(0, low - entry_rank) if plan.kind in _MANAGERIAL else 0

        max_age_months = age_limit * 12 - 26
        if person.status == "CPNS":
            lo, hi = (grad_age + 1) * 12 + 11, 34 * 12
        elif person.status == "PPPK":
            lo, hi = max(24, grad_age + 2) * 12, min(55 * 12, max_age_months)
        else:
            seat_min = _min_age(plan) * 12
            lo = max(seat_min, (grad_age + 3) * 12, (grad_age + 1 + need_years) * 12)
            hi = max_age_months
        lo = min(lo, hi - 12)
        if person.retiring:
            to_birthday = rng.randint(0, 23)
            birth_month = add_months(self.as_of, to_birthday - age_limit * 12)
        else:
            age_months = round(rng.triangular(lo, hi, lo + 0.55 * (hi - lo)))
            birth_month = add_months(self.as_of, -age_months)
        person.birth = birth_month.replace(day=rng.randint(1, 28))
        age_months = months_between(birth_month, self.as_of)

        if person.status == "CPNS":
            person.appointment = add_months(self.as_of, -rng.randint(1, 11))
        elif person.status == "PPPK":
            person.appointment = self._pppk_appointment(age_months, grad_age)
        else:
            lo_app = (grad_age + 1) * 12
            hi_app = min(35 * 12, age_months - 24)
            if age_months - need_years * 12 >= lo_app:
                hi_app = min(hi_app, age_months - need_years * 12)
            hi_app = max(hi_app, lo_app)
            person.appointment = add_months(birth_month, rng.randint(lo_app, hi_app))
        for step in steps:
            if step.age is not None:
                step.year = person.birth.year + step.age
            else:
                first = min(person.appointment.year + 2, self.as_of.year)
                step.year = rng.randint(first, self.as_of.year)
        person.steps = steps
        person.front, person.back = _titles(steps, plan, person.birth.year, rng)
        self._ranks(person, plan, entry_rank, low, high)

    def _pppk_appointment(self, age_months: int, grad_age: int) -> date:
        rng = self.rng
        year = _weighted_choice(rng, PPPK_YEARS)
        latest = add_months(self.as_of, -1)
        year = min(year, latest.year)
        while (
            year < latest.year
            and age_months - months_between(date(year, 12, 1), self.as_of)
            < (grad_age + 1) * 12
        ):
            year += 1
        last_month = 12 if year < latest.year else latest.month
        return date(year, rng.randint(1, last_month), 1)

    def _name(self, gender: str) -> str:
        rng = self.rng
        first, second = (
            (MALE_NAMES, MALE_SECOND)
            if gender == "1"
            else (FEMALE_NAMES, FEMALE_SECOND)
        )
        roll = rng.random()
        if roll < 0.12:
            return rng.choice(first)
        if roll < 0.22:
            given, middle = rng.sample(first, 2)
            return f"{given} {middle} {rng.choice(second)}"
        return f"{rng.choice(first)} {rng.choice(second)}"

    def _schooling(self, plan: PositionPlan) -> list[Step]:
        """Education from SLTA up; pre-service steps carry a graduation age."""
        rng = self.rng
        fam = FAMILIES.get(plan.family)
        level_code = LEVEL_CODE.get(plan.level, "")
        if rng.random() < 0.2:
            steps = [Step("17", "Teknik", rng.choice(SMK_SCHOOLS), 18)]
        else:
            major = rng.choice(("IPA", "IPS"))
            steps = [Step("15", major, rng.choice(SLTA_SCHOOLS), 18)]
        s1_age = rng.choice((22, 22, 23))
        profile = plan.edu

        def diploma() -> Step:
            major, title = (
                fam.d3 if fam and fam.d3 else FIELD_D3.get(plan.field, D3_DEFAULT)
            )
            school = rng.choice(HEALTH_SCHOOLS if plan.track == NAKES else POLYTECHNICS)
            return Step("30", major, school, 21, title)

        def bachelor(school_options=UNIVERSITIES) -> Step:
            major, title = (
                fam.s1 if fam and fam.s1 else rng.choice(FIELD_S1[plan.field])
            )
            return Step("40", major, rng.choice(school_options), s1_age, title)

        if plan.kind == K.PELAKSANA:
            roll = rng.random()
            if plan.job_class <= 3:
                return steps
            if plan.job_class == 5:
                tier = "SLTA" if roll < 0.5 else "D3" if roll < 0.75 else "S1"
            elif plan.job_class == 6:
                tier = "D3" if roll < 0.5 else "S1"
            else:
                tier = "S1" if roll < 0.85 else "S2"
            if tier == "D3":
                steps.append(diploma())
            elif tier != "SLTA":
                steps.append(bachelor())
            if tier == "S2":
                steps.append(self._s2(plan.field))
            return steps
        if level_code.startswith("T"):
            if level_code != "T0" or rng.random() < 0.5:
                steps.append(diploma())
            return steps
        if profile in ("DOKTER", "DRG", "SPESIALIS"):
            major = "Kedokteran Gigi" if profile == "DRG" else "Pendidikan Dokter"
            school = rng.choice(("Universitas Andalas", "Universitas Baiturrahmah"))
            steps += [
                Step("40", major, school, 22),
                Step("42", f"Profesi {major}", school, 24),
            ]
            if profile == "SPESIALIS":
                major, title = fam.s1 if fam and fam.s1 else ("Spesialis", "Sp.")
                age = 31 if rng.random() < 0.4 else None
                steps.append(
                    Step("47", major, rng.choice(DOCTORAL_SCHOOLS), age, title)
                )
            elif rng.random() < (
                0.7 if plan.is_head else 0.25 if level_code >= "P3" else 0
            ):
                steps.append(self._s2(F.KESEHATAN))
            return steps
        if profile == "APOTEKER":
            school = rng.choice(
                ("Universitas Andalas", "Universitas Perintis Indonesia")
            )
            return [
                *steps,
                Step("40", "Farmasi", school, 22, "S.Farm."),
                Step("42", "Profesi Apoteker", school, 23, "Apt."),
            ]
        if profile == "NERS":
            school = rng.choice(HEALTH_SCHOOLS)
            return [
                *steps,
                Step("40", "Keperawatan", school, 22, "S.Kep."),
                Step("42", "Profesi Ners", school, 23, "Ners"),
            ]
        if profile == "BIDAN":
            school = rng.choice(HEALTH_SCHOOLS)
            return [*steps, Step("35", "Kebidanan", school, 22, "S.Tr.Keb.")]
        if profile == "GURU":
            if fam is None:
                fam = FAMILIES["GKLS"]
            steps.append(bachelor(TEACHER_COLLEGES))
            chance = (
                0.6 if plan.is_head else {"P2": 0.2, "P3": 0.4}.get(level_code, 0.03)
            )
            if rng.random() < chance:
                steps.append(self._s2(F.PENDIDIKAN))
            return steps
        step = bachelor(HEALTH_SCHOOLS if plan.track == NAKES else UNIVERSITIES)
        if step.title == "S.STP.":
            step.school = "Institut Pemerintahan Dalam Negeri"
        steps.append(step)
        if plan.kind in _MANAGERIAL:
            s2, s3 = {
                K.JPT_PRATAMA: (0.85, 0.12),
                K.ADMINISTRATOR: (0.55, 0.03),
            }.get(plan.kind, (0.3 if plan.eselon == "IV.a" else 0.15, 0))
        else:
            s2 = {"P1": 0.1, "P2": 0.3, "P3": 0.6, "P4": 0.7}.get(level_code, 0)
            s3 = {"P3": 0.05, "P4": 0.35}.get(level_code, 0)
        if rng.random() < s2:
            steps.append(self._s2(plan.field, pre_service=rng.random() < 0.15))
            if rng.random() < s3 / s2:
                school = rng.choice(DOCTORAL_SCHOOLS)
                steps.append(Step("50", rng.choice(S3_MAJORS), school, None))
        return steps

    def _s2(self, fld: str, *, pre_service: bool = False) -> Step:
        major, title = self.rng.choice(FIELD_S2.get(fld, S2_DEFAULT))
        school = self.rng.choice(GRADUATE_SCHOOLS)
        return Step("45", major, school, 25 if pre_service else None, title)

    def _ranks(
        self, person: Person, plan: PositionPlan, entry: int, low: int, high: int
    ) -> None:
        """CPNS and PPPK have one row; a PNS is promoted about every four years."""
        rng = self.rng
        start = person.appointment
        if person.status == "PPPK":
            golongan = PPPK_BY_LEVEL.get(LEVEL_CODE.get(plan.level, ""))
            if golongan is None:
                golongan = PPPK_GOLONGAN[max(person.steps, key=_step_rank).code]
            person.ranks = [("PPPK", golongan, start)]
            return
        person.ranks = [("PNS", entry, start)]
        if person.status == "CPNS":
            return
        service = months_between(start, self.as_of)
        # Regular promotions every four years up to the top of the post's range;
        # some were late. Functional and managerial posts may go every two years
        # (angka kredit, kenaikan pangkat pilihan) to reach the range at all.
        final = min(max(high, entry), entry + service // 48)
        if final > entry and rng.random() < 0.25:
            final -= 1
        if final < low and plan.kind != K.PELAKSANA:
            final = min(low, entry + service // 24)
        steps = final - entry
        if steps <= 0:
            return
        interval = min(48 + rng.randint(0, 12), service // steps)
        previous = start
        for k in range(1, steps + 1):
            due = add_months(start, k * interval)
            # TMT kenaikan pangkat falls on 1 April or 1 October.
            month = 4 if due.month < 10 else 10
            tmt = date(due.year, month, 1)
            if tmt <= previous or tmt > self.as_of:
                tmt = due.replace(day=1)
            if tmt <= previous or tmt > self.as_of:
                break
            person.ranks.append(("PNS", entry + k, tmt))
            previous = tmt

    def _assign_nips(self) -> None:
        """NIP from birth, TMT and gender; the sequence digits keep them unique."""
        taken = set(Employee.objects.values_list("nip", flat=True))
        used: dict[str, int] = defaultdict(int)
        rng = self.rng
        for person in self.people:
            if person.status == "PPPK":
                renewed = person.appointment.year <= 2019 and rng.random() < 0.5
                stem = f"{person.birth:%Y%m%d}{person.appointment.year}2{2 if renewed else 1}{person.gender}"
            else:
                stem = f"{person.birth:%Y%m%d}{person.appointment:%Y%m}{person.gender}"
            while True:
                used[stem] += 1
                if used[stem] > 999:
                    raise RuntimeError(f"NIP sequence exhausted for {stem}")
                nip = f"{stem}{used[stem]:03d}"
                if nip not in taken:
                    break
            person.nip = nip

    def _plan_history(self) -> None:
        """Current placements, the one before it, and Plt for some vacant heads.

        Each seat is a timeline of non-overlapping holders, so a position never has
        more definitive holders than seats (its needs) on any day, and each person
        holds one definitive post at a time.
        """
        rng, as_of = self.rng, self.as_of.toordinal()
        busy: list[list[tuple[int, int]]] = [[] for _ in self.seat_position]
        for person in self.people:
            stayed = 0.5 if months_between(person.appointment, self.as_of) > 36 else 0.8
            if person.status == "CPNS" or (
                person.status == "PPPK" and rng.random() < stayed
            ):
                start = person.appointment
            else:
                tenure = rng.randint(2, 60)
                start = add_months(self.as_of, -tenure).replace(day=rng.randint(1, 28))
                start = max(start, person.appointment)
            person.placements.append((person.position, "DEFINITIF", start, None))
            busy[person.seat].append((start.toordinal(), OPEN))

        buckets: dict[tuple[str, int], list[int]] = defaultdict(list)
        for seat, index in enumerate(self.seat_position):
            plan = self.positions[index]
            buckets[(plan.track, plan.job_class)].append(seat)
        order = list(range(len(self.people)))
        rng.shuffle(order)
        for i in order:
            person = self.people[i]
            start = person.placements[0][2]
            service = months_between(person.appointment, start)
            if service < 12 or rng.random() < 0.05:
                continue
            plan = self.positions[person.position]
            tenure = months_between(start, self.as_of)
            length = min(max(rng.randint(60, 120) - tenure, 24), 96)
            begin = max(person.appointment, add_months(start, -length))
            end = start - timedelta(days=1)
            # A move is a rotation at the same class or a promotion from below.
            reach = 3 if plan.is_head else 2
            keys = [
                (track, job_class)
                for track in plan.prev_tracks
                for job_class in range(plan.job_class - reach, plan.job_class + 1)
                if (track, job_class) in buckets
            ]
            if not keys:
                continue
            for _ in range(30):
                seat = rng.choice(buckets[rng.choice(keys)])
                if self.seat_position[seat] == person.position:
                    continue
                lo, hi = begin.toordinal(), end.toordinal()
                if all(hi < a or lo > b for a, b in busy[seat]):
                    busy[seat].append((lo, hi))
                    person.placements.insert(
                        0, (self.seat_position[seat], "DEFINITIF", begin, end)
                    )
                    break

        # Plt: the head of a sibling or parent unit acts as head of a unit
        # whose head post is vacant.
        holder_of = {
            p.position: p for p in self.people if self.positions[p.position].is_head
        }
        acting: set[int] = set()
        for seat in self.vacant_heads:
            index = self.seat_position[seat]
            plan = self.positions[index]
            if not plan.code.endswith("-K"):
                continue
            unit = self.unit_by_code[plan.unit]
            parent = unit.parent
            options = [
                i
                for i, other in enumerate(self.positions)
                if other.is_head
                and i in holder_of
                and i not in acting
                and (
                    self.unit_by_code[other.unit].parent == parent
                    or i == plan.supervisor
                )
                and other.code.endswith("-K")
                and i != index
            ]
            if not options:
                continue
            chosen = rng.choice(options)
            acting.add(chosen)
            since = max((b for _, b in busy[seat]), default=as_of - 400) + 1
            start = max(
                date.fromordinal(since),
                self.as_of - timedelta(days=rng.randint(30, 300)),
            )
            holder_of[chosen].placements.append((index, "PLT", start, None))

    def _plan_overfill(self) -> None:
        """Lower the needs of a few full positions, as a new ABK would."""
        rng = self.rng
        filled: dict[int, int] = defaultdict(int)
        for person in self.people:
            filled[person.position] += 1
        by_unit: dict[str, list[int]] = defaultdict(list)
        for index, plan in enumerate(self.positions):
            by_unit[plan.unit].append(index)

        def full(index: int) -> bool:
            return filled[index] == self.positions[index].needs

        candidates = [
            code
            for code, indexes in by_unit.items()
            if code != ATASAN_UNIT
            and all(full(i) for i in indexes)
            and any(
                self.positions[i].needs >= 2 and not self.positions[i].is_head
                for i in indexes
            )
        ]
        wanted = max(1, min(12, round(len(by_unit) / 40)))
        chosen_units = rng.sample(candidates, min(wanted, len(candidates)))
        if not chosen_units:
            # Tiny registries: take the fullest staff position anywhere.
            staff = [
                i
                for i, p in enumerate(self.positions)
                if not p.is_head and full(i) and p.unit != ATASAN_UNIT
            ]
            index = max(staff, key=lambda i: self.positions[i].needs)
            unit_gap = sum(
                self.positions[i].needs - filled[i]
                for i in by_unit[self.positions[index].unit]
            )
            plan = self.positions[index]
            plan.new_needs = max(0, plan.needs - unit_gap - 1)
            self.overfilled.append(index)
            return
        for code in chosen_units:
            options = [
                i
                for i in by_unit[code]
                if self.positions[i].needs >= 2 and not self.positions[i].is_head
            ]
            for index in rng.sample(options, min(len(options), rng.choice((1, 1, 2)))):
                plan = self.positions[index]
                cut = 2 if plan.needs >= 6 and rng.random() < 0.5 else 1
                plan.new_needs = plan.needs - cut
                self.overfilled.append(index)

    # ------------------------------------------------------------ writing

    def _write(self) -> None:
        units = self._save_units()
        rules = {key: rule.pk for key, rule in self.rules.items()}
        ranks = {(r.scheme, r.ordinal): r.pk for r in Rank.objects.all()}
        levels = {e.code: (e.pk, e.ordinal) for e in EducationLevel.objects.all()}

        # Supervisors first: each wave only points at rows already inserted.
        depth = [0] * len(self.positions)
        for i in range(len(self.positions)):
            d, j = 0, self.positions[i].supervisor
            while j >= 0:
                d, j = d + 1, self.positions[j].supervisor
            depth[i] = d
        ids = [0] * len(self.positions)
        for wave in range(max(depth) + 1):
            members = [i for i in range(len(self.positions)) if depth[i] == wave]
            objects = []
            for i in members:
                p = self.positions[i]
                objects.append(
                    Position(
                        code=p.code,
                        title=p.title,
                        unit_id=units[p.unit],
                        kind=p.kind,
                        level=p.level,
                        eselon=p.eselon,
                        job_class=p.job_class,
                        needs=p.needs,
                        supervisor_id=ids[p.supervisor] if p.supervisor >= 0 else None,
                        field=p.field,
                        retirement_rule_id=rules[(p.kind, p.level)],
                    )
                )
            Position.objects.bulk_create(objects, batch_size=BATCH)
            for i, obj in zip(members, objects, strict=True):
                ids[i] = obj.pk
        # Before the needs cuts below, so the history reads created, then changed.
        _record_events(Position.objects.filter(pk__in=ids), "insert")

        for start in range(0, len(self.people), BATCH):
            self._write_people(self.people[start : start + BATCH], ids, ranks, levels)

        for index in self.overfilled:
            Position.objects.filter(pk=ids[index]).update(
                needs=self.positions[index].new_needs
            )

    def _save_units(self) -> dict[str, int]:
        existing = {u.code: u for u in OrgUnit.objects.all()}
        for plan in self.units:
            parent = existing[plan.parent] if plan.parent else None
            unit = existing.get(plan.code)
            if unit is None:
                unit = OrgUnit(code=plan.code)
            elif (unit.name, unit.kind, unit.parent_id, unit.is_active) == (
                plan.name,
                plan.kind,
                parent.pk if parent else None,
                True,
            ):
                continue
            unit.name, unit.kind, unit.parent, unit.is_active = (
                plan.name,
                plan.kind,
                parent,
                True,
            )
            existing[plan.code] = save_org_unit(unit)
        return {code: unit.pk for code, unit in existing.items()}

    def _write_people(self, people, position_ids, ranks, levels) -> None:
        rng = self.rng
        employees = []
        for person in people:
            highest = max(person.steps, key=lambda s: levels[s.code][1])
            last_scheme, last_ordinal, last_date = person.ranks[-1]
            employees.append(
                Employee(
                    nip=person.nip,
                    front_title=person.front,
                    name=person.name,
                    back_title=person.back,
                    status=person.status,
                    birth_place=person.birth_place,
                    birth_date=person.birth,
                    gender=person.gender,
                    appointment_date=person.appointment,
                    rank_id=ranks[(last_scheme, last_ordinal)],
                    rank_date=last_date,
                    education_id=levels[highest.code][0],
                )
            )
        Employee.objects.bulk_create(employees, batch_size=BATCH)
        rank_rows, education_rows, placements = [], [], []
        for person, employee in zip(people, employees, strict=True):
            for scheme, ordinal, tmt in person.ranks:
                kind = "813.3" if tmt == person.appointment else "823.3"
                rank_rows.append(
                    RankHistory(
                        employee_id=employee.pk,
                        rank_id=ranks[(scheme, ordinal)],
                        effective_date=tmt,
                        decree_number=f"{kind}/{rng.randint(1, 999):03d}/BKPSDM-SWL/{tmt.year}",
                        decree_date=tmt - timedelta(days=rng.randint(20, 90)),
                    )
                )
            for step in person.steps:
                education_rows.append(
                    EducationHistory(
                        employee_id=employee.pk,
                        level_id=levels[step.code][0],
                        major=step.major,
                        institution=step.school,
                        graduation_year=step.year,
                    )
                )
            for index, kind, start, end in person.placements:
                prefix = "800.1.3.3" if kind == "PLT" else "821.2"
                placements.append(
                    Placement(
                        employee_id=employee.pk,
                        position_id=position_ids[index],
                        kind=kind,
                        start_date=start,
                        end_date=end,
                        decree_number=f"{prefix}/{rng.randint(1, 999):03d}/BKPSDM-SWL/{start.year}",
                        decree_date=start - timedelta(days=rng.randint(0, 20)),
                    )
                )
        for model, rows in (
            (Employee, employees),
            (RankHistory, rank_rows),
            (EducationHistory, education_rows),
            (Placement, placements),
        ):
            if model is not Employee:
                model.objects.bulk_create(rows, batch_size=BATCH)
            _record_events(
                model.objects.filter(pk__in=[row.pk for row in rows]), "insert"
            )


# ---------------------------------------------------------------- small rules

_MANAGERIAL = (K.JPT_PRATAMA, K.ADMINISTRATOR, K.PENGAWAS)


def _rank_range(plan: PositionPlan) -> tuple[int, int]:
    """Golongan (ordinal) an incumbent usually holds: domain.md 3.2 and 3.3."""
    by_eselon = {
        "II.a": (15, 16),
        "II.b": (14, 15),
        "III.a": (13, 14),
        "III.b": (12, 13),
        "IV.a": (11, 12),
        "IV.b": (10, 11),
    }
    if plan.eselon:
        return by_eselon[plan.eselon]
    if plan.level:
        return {
            "P1": (9, 10),
            "P2": (11, 12),
            "P3": (13, 15),
            "P4": (16, 17),
            "T0": (5, 6),
            "T1": (6, 8),
            "T2": (9, 10),
            "T3": (11, 12),
        }[LEVEL_CODE[plan.level]]
    return {3: (5, 8), 5: (5, 10), 6: (7, 11)}.get(plan.job_class, (9, 12))


def _min_age(plan: PositionPlan) -> int:
    if plan.eselon:
        return {"II.a": 46, "II.b": 42, "III.a": 38, "III.b": 35, "IV.a": 30}.get(
            plan.eselon, 28
        )
    if plan.level:
        return {"P4": 50, "P3": 40, "P2": 32, "T3": 36, "T2": 30}.get(
            LEVEL_CODE[plan.level], 23
        )
    return 22


def _entry_rank(code: str, plan: PositionPlan) -> int:
    rank = ENTRY_RANK[code]
    if code == "42" and plan.edu not in ("DOKTER", "DRG", "SPESIALIS"):
        rank = 9  # Ners and apoteker start at III/a like any S-1
    return rank


def _step_rank(step: Step) -> int:
    return ENTRY_RANK[step.code]


def _titles(
    steps: list[Step], plan: PositionPlan, birth_year: int, rng
) -> tuple[str, str]:
    """Gelar depan and belakang from the degrees held, in the order earned."""
    front = []
    if plan.edu in ("DOKTER", "SPESIALIS"):
        front.append("dr.")
    elif plan.edu == "DRG":
        front.append("drg.")
    back = [s.title for s in sorted(steps, key=lambda s: s.year) if s.title]
    # Older engineers were awarded "Ir." instead of "S.T.".
    if "S.T." in back and birth_year < 1975 and rng.random() < 0.6:
        back.remove("S.T.")
        front.append("Ir.")
    if any(s.code == "50" for s in steps):
        front.insert(0, "Dr.")
    return " ".join(front), ", ".join(back)


def _apportion(total: int, weights: list[float]) -> list[int]:
    """Split `total` by weight with the largest remainder, so shares add up exactly."""
    if total <= 0 or not weights:
        return [0] * len(weights)
    scale = total / sum(weights)
    raw = [w * scale for w in weights]
    shares = [int(x) for x in raw]
    rest = total - sum(shares)
    order = sorted(range(len(raw)), key=lambda i: (shares[i] - raw[i], i))
    for i in order[:rest]:
        shares[i] += 1
    return shares


def _weighted_sample(
    rng: random.Random, items: list, weights: list[float], k: int
) -> list:
    """k distinct items, more likely the heavier ones (Efraimidis-Spirakis)."""
    keyed = [(rng.random() ** (1 / w), i) for i, w in enumerate(weights) if w > 0]
    return [items[i] for _, i in heapq.nlargest(max(k, 0), keyed)]


def _weighted_choice(rng: random.Random, options) -> object:
    values, weights = zip(*options, strict=True)
    return rng.choices(values, weights=weights)[0]
