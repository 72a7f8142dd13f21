"""The appraisal rules as pure functions (PermenPANRB 6/2022; domain.md 5 and 7).

- the 3x3 matrix that turns the two ratings into the predikat (never typed);
- the distribution pattern an organisation rating imposes on its employees'
  predikat, read from settings.PERFORMANCE_DISTRIBUTION_PATTERNS (the percentages
  change with circulars, so they are data);
- the 9-box talent grid and its follow-up, with the potential thresholds in
  settings.PERFORMANCE_POTENTIAL_THRESHOLDS.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Rating(models.TextChoices):
    DI_ATAS_EKSPEKTASI = "DI_ATAS_EKSPEKTASI", _("Di atas ekspektasi")
    SESUAI_EKSPEKTASI = "SESUAI_EKSPEKTASI", _("Sesuai ekspektasi")
    DI_BAWAH_EKSPEKTASI = "DI_BAWAH_EKSPEKTASI", _("Di bawah ekspektasi")


class Predikat(models.TextChoices):
    SANGAT_BAIK = "SANGAT_BAIK", _("Sangat Baik")
    BAIK = "BAIK", _("Baik")
    BUTUH_PERBAIKAN = "BUTUH_PERBAIKAN", _("Butuh Perbaikan")
    KURANG_MISCONDUCT = "KURANG_MISCONDUCT", _("Kurang/Misconduct")
    SANGAT_KURANG = "SANGAT_KURANG", _("Sangat Kurang")


class OrgRating(models.TextChoices):
    ISTIMEWA = "ISTIMEWA", _("Istimewa")
    BAIK = "BAIK", _("Baik")
    BUTUH_PERBAIKAN = "BUTUH_PERBAIKAN", _("Butuh Perbaikan/Cukup")
    KURANG = "KURANG", _("Kurang")
    SANGAT_KURANG = "SANGAT_KURANG", _("Sangat Kurang")


class Aspect(models.TextChoices):
    KUANTITAS = "KUANTITAS", _("Kuantitas")
    KUALITAS = "KUALITAS", _("Kualitas")
    WAKTU = "WAKTU", _("Waktu")
    BIAYA = "BIAYA", _("Biaya")


class Potential(models.TextChoices):
    TINGGI = "TINGGI", _("Tinggi")
    MENENGAH = "MENENGAH", _("Menengah")
    RENDAH = "RENDAH", _("Rendah")


class BerakhlakValue(models.TextChoices):
    BERORIENTASI_PELAYANAN = "BERORIENTASI_PELAYANAN", _("Berorientasi Pelayanan")
    AKUNTABEL = "AKUNTABEL", _("Akuntabel")
    KOMPETEN = "KOMPETEN", _("Kompeten")
    HARMONIS = "HARMONIS", _("Harmonis")
    LOYAL = "LOYAL", _("Loyal")
    ADAPTIF = "ADAPTIF", _("Adaptif")
    KOLABORATIF = "KOLABORATIF", _("Kolaboratif")


# The fixed behaviour guide of each value (SE MenPANRB 20/2021), shown on the SKP.
BEHAVIOUR_GUIDE: dict[str, tuple[str, str, str]] = {
    BerakhlakValue.BERORIENTASI_PELAYANAN: (
        _("Memahami dan memenuhi kebutuhan masyarakat"),
        _("Ramah, cekatan, solutif, dan dapat diandalkan"),
        _("Melakukan perbaikan tiada henti"),
    ),
    BerakhlakValue.AKUNTABEL: (
        _(
            "Melaksanakan tugas dengan jujur, bertanggung jawab, cermat, disiplin, "
            "dan berintegritas tinggi"
        ),
        _(
            "Menggunakan kekayaan dan barang milik negara secara bertanggung jawab, "
            "efektif, dan efisien"
        ),
        _("Tidak menyalahgunakan kewenangan jabatan"),
    ),
    BerakhlakValue.KOMPETEN: (
        _("Meningkatkan kompetensi diri untuk menjawab tantangan yang selalu berubah"),
        _("Membantu orang lain belajar"),
        _("Melaksanakan tugas dengan kualitas terbaik"),
    ),
    BerakhlakValue.HARMONIS: (
        _("Menghargai setiap orang apa pun latar belakangnya"),
        _("Suka menolong orang lain"),
        _("Membangun lingkungan kerja yang kondusif"),
    ),
    BerakhlakValue.LOYAL: (
        _(
            "Memegang teguh ideologi Pancasila, UUD 1945, setia kepada NKRI serta "
            "pemerintahan yang sah"
        ),
        _("Menjaga nama baik sesama ASN, pimpinan, instansi, dan negara"),
        _("Menjaga rahasia jabatan dan negara"),
    ),
    BerakhlakValue.ADAPTIF: (
        _("Cepat menyesuaikan diri menghadapi perubahan"),
        _("Terus berinovasi dan mengembangkan kreativitas"),
        _("Bertindak proaktif"),
    ),
    BerakhlakValue.KOLABORATIF: (
        _("Memberi kesempatan kepada berbagai pihak untuk berkontribusi"),
        _("Terbuka dalam bekerja sama untuk menghasilkan nilai tambah"),
        _("Menggerakkan pemanfaatan berbagai sumber daya untuk tujuan bersama"),
    ),
}


# ---------------------------------------------------------------- the matrix

_ABOVE, _AS, _BELOW = (
    Rating.DI_ATAS_EKSPEKTASI,
    Rating.SESUAI_EKSPEKTASI,
    Rating.DI_BAWAH_EKSPEKTASI,
)

# (rating hasil kerja, rating perilaku kerja) -> predikat; domain.md 5.3.
MATRIX: dict[tuple[str, str], str] = {
    (_ABOVE, _BELOW): Predikat.KURANG_MISCONDUCT,
    (_ABOVE, _AS): Predikat.BAIK,
    (_ABOVE, _ABOVE): Predikat.SANGAT_BAIK,
    (_AS, _BELOW): Predikat.KURANG_MISCONDUCT,
    (_AS, _AS): Predikat.BAIK,
    (_AS, _ABOVE): Predikat.BAIK,
    (_BELOW, _BELOW): Predikat.SANGAT_KURANG,
    (_BELOW, _AS): Predikat.BUTUH_PERBAIKAN,
    (_BELOW, _ABOVE): Predikat.BUTUH_PERBAIKAN,
}


def predikat(work_results: str, work_behaviour: str) -> str:
    """The predikat for the two ratings; a ValueError for anything else."""
    try:
        return MATRIX[Rating(work_results), Rating(work_behaviour)]
    except (KeyError, ValueError) as exc:
        raise ValueError(
            f"Unknown ratings {work_results!r}, {work_behaviour!r}"
        ) from exc


# ---------------------------------------------------------------- distribution


@dataclass(frozen=True)
class Breach:
    """One clause of the pattern the unit's distribution does not meet."""

    predikat: tuple[str, ...]
    message: str


def _label(group: tuple[str, ...]) -> str:
    return " / ".join(str(Predikat(p).label) for p in group)


def _share(counts: Mapping[str, int], group: tuple[str, ...], total: int) -> float:
    return 100 * sum(counts.get(p, 0) for p in group) / total


def distribution_breaches(org_rating: str, counts: Mapping[str, int]) -> list[Breach]:
    """What the predikat `counts` (predikat value -> employees) break in the pattern
    that `org_rating` imposes, from settings.PERFORMANCE_DISTRIBUTION_PATTERNS:

        {org rating: [{"predikat": [..], "min": %, "max": %, "required": bool}, ...]}

    `min`/`max` bound the share of the group (inclusive: exactly 70% is within a
    70% maximum); `required` asks for at least one employee in the group. A unit
    with nobody rated breaks nothing."""
    total = sum(counts.values())
    if total == 0:
        return []
    breaches = []
    for clause in distribution_patterns().get(org_rating, []):
        group = tuple(clause["predikat"])
        share = _share(counts, group, total)
        shown = f"{share:.0f}%"
        if "max" in clause and share > clause["max"]:
            breaches.append(
                Breach(
                    group,
                    _("%(p)s paling banyak %(n)s%%, ternyata %(s)s.")
                    % {"p": _label(group), "n": clause["max"], "s": shown},
                )
            )
        if "min" in clause and share < clause["min"]:
            breaches.append(
                Breach(
                    group,
                    _("%(p)s paling sedikit %(n)s%%, ternyata %(s)s.")
                    % {"p": _label(group), "n": clause["min"], "s": shown},
                )
            )
        if clause.get("required") and not any(counts.get(p, 0) for p in group):
            breaches.append(
                Breach(
                    group,
                    _("Harus ada pegawai dengan predikat %(p)s.")
                    % {"p": _label(group)},
                )
            )
    return breaches


# The pattern of domain.md 5.4 (SE MenPANRB on the distribution), the default of the
# PERFORMANCE_DISTRIBUTION_PATTERNS setting.
DEFAULT_PATTERNS: dict[str, list[dict]] = {
    OrgRating.ISTIMEWA: [{"predikat": [Predikat.SANGAT_BAIK], "max": 70}],
    OrgRating.BAIK: [
        {"predikat": [Predikat.BAIK], "max": 70},
        {
            "predikat": [Predikat.BUTUH_PERBAIKAN, Predikat.KURANG_MISCONDUCT],
            "required": True,
        },
    ],
    OrgRating.BUTUH_PERBAIKAN: [
        {"predikat": [Predikat.BUTUH_PERBAIKAN], "min": 60},
        {"predikat": [Predikat.SANGAT_BAIK], "max": 10},
    ],
    OrgRating.KURANG: [
        {"predikat": [Predikat.KURANG_MISCONDUCT], "min": 60},
        {"predikat": [Predikat.BUTUH_PERBAIKAN], "min": 10},
        {"predikat": [Predikat.SANGAT_BAIK], "max": 10},
    ],
    OrgRating.SANGAT_KURANG: [
        {"predikat": [Predikat.SANGAT_KURANG], "min": 60},
        {
            "predikat": [Predikat.KURANG_MISCONDUCT, Predikat.BUTUH_PERBAIKAN],
            "min": 10,
        },
        {"predikat": [Predikat.SANGAT_BAIK], "max": 0},
    ],
}


# domain.md 5.4: when the rated employee heads the unit, the unit's organisation
# rating becomes his work-results rating. The five organisation ratings fold onto
# the three ratings as the regulation's annex does (UNVERIFIED here), so the
# PERFORMANCE_UNIT_HEAD_RATINGS setting may replace the fold.
DEFAULT_UNIT_HEAD_RATINGS: dict[str, str] = {
    OrgRating.ISTIMEWA: Rating.DI_ATAS_EKSPEKTASI,
    OrgRating.BAIK: Rating.SESUAI_EKSPEKTASI,
    OrgRating.BUTUH_PERBAIKAN: Rating.DI_BAWAH_EKSPEKTASI,
    OrgRating.KURANG: Rating.DI_BAWAH_EKSPEKTASI,
    OrgRating.SANGAT_KURANG: Rating.DI_BAWAH_EKSPEKTASI,
}


def unit_head_work_rating(org_rating: str) -> str:
    """The work-results rating of a unit's head from the unit's organisation rating."""
    fold = settings.PERFORMANCE_UNIT_HEAD_RATINGS or DEFAULT_UNIT_HEAD_RATINGS
    return Rating(fold[OrgRating(org_rating)])


# ---------------------------------------------------------------- talent grid

# The kinerja axis of the 9-box from the predikat: the predikat already combines
# results and behaviour, so only the two top predikat read as at or above.
PERFORMANCE_AXIS: dict[str, str] = {
    Predikat.SANGAT_BAIK: _ABOVE,
    Predikat.BAIK: _AS,
    Predikat.BUTUH_PERBAIKAN: _BELOW,
    Predikat.KURANG_MISCONDUCT: _BELOW,
    Predikat.SANGAT_KURANG: _BELOW,
}

# (kinerja, potensi) -> box; domain.md 7.
BOXES: dict[tuple[str, str], int] = {
    (_ABOVE, Potential.TINGGI): 9,
    (_AS, Potential.TINGGI): 8,
    (_ABOVE, Potential.MENENGAH): 7,
    (_BELOW, Potential.TINGGI): 6,
    (_AS, Potential.MENENGAH): 5,
    (_ABOVE, Potential.RENDAH): 4,
    (_BELOW, Potential.MENENGAH): 3,
    (_AS, Potential.RENDAH): 2,
    (_BELOW, Potential.RENDAH): 1,
}

FOLLOW_UP: dict[int, str] = {
    9: _("Siap promosi; kader suksesi jabatan kritikal."),
    8: _("Kelompok rencana suksesi; pengembangan terarah atau rotasi."),
    7: _("Kelompok rencana suksesi; pengembangan terarah atau rotasi."),
    6: _("Pengembangan dan rotasi agar sesuai dengan jabatan."),
    5: _("Pengembangan dan rotasi agar sesuai dengan jabatan."),
    4: _("Pengembangan dan rotasi agar sesuai dengan jabatan."),
    3: _("Pengembangan kompetensi dan bimbingan kinerja."),
    2: _("Pengembangan kompetensi dan bimbingan kinerja."),
    1: _("Konseling kinerja dan disiplin."),
}


def distribution_patterns() -> dict[str, list[dict]]:
    """The office's patterns (settings, e.g. from a new circular) or domain.md's."""
    return settings.PERFORMANCE_DISTRIBUTION_PATTERNS or DEFAULT_PATTERNS


def performance_axis(predikat_value: str) -> str:
    return PERFORMANCE_AXIS[Predikat(predikat_value)]


def talent_box(kinerja: str, potential: str) -> int:
    """The box (1-9) for a kinerja rating and a potential level."""
    return BOXES[Rating(kinerja), Potential(potential)]


def potential_from_score(score: float) -> str:
    """A potential level from a 0-100 score (e.g. an assessment's JPM %), cut at
    settings.PERFORMANCE_POTENTIAL_THRESHOLDS = (medium from, high from)."""
    medium, high = settings.PERFORMANCE_POTENTIAL_THRESHOLDS
    if score >= high:
        return Potential.TINGGI
    if score >= medium:
        return Potential.MENENGAH
    return Potential.RENDAH
