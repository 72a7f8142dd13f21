"""The pure appraisal rules: the matrix, the distribution patterns, the 9-box."""

from __future__ import annotations

import pytest

from performance import rules
from performance.rules import OrgRating, Potential, Predikat, Rating

ABOVE, AS, BELOW = (
    Rating.DI_ATAS_EKSPEKTASI,
    Rating.SESUAI_EKSPEKTASI,
    Rating.DI_BAWAH_EKSPEKTASI,
)
SB, B, BP, KM, SK = (
    Predikat.SANGAT_BAIK,
    Predikat.BAIK,
    Predikat.BUTUH_PERBAIKAN,
    Predikat.KURANG_MISCONDUCT,
    Predikat.SANGAT_KURANG,
)


# ---------------------------------------------------------------- the matrix


@pytest.mark.parametrize(
    ("results", "behaviour", "expected"),
    [
        (ABOVE, BELOW, KM),
        (ABOVE, AS, B),
        (ABOVE, ABOVE, SB),
        (AS, BELOW, KM),
        (AS, AS, B),
        (AS, ABOVE, B),
        (BELOW, BELOW, SK),
        (BELOW, AS, BP),
        (BELOW, ABOVE, BP),
    ],
)
def test_every_cell_of_the_matrix(results, behaviour, expected):
    assert rules.predikat(results, behaviour) == expected


def test_an_unknown_rating_is_refused():
    with pytest.raises(ValueError, match="Unknown ratings"):
        rules.predikat("LUAR_BIASA", AS)


# ---------------------------------------------------------------- distribution


def counts(**shares: int) -> dict[str, int]:
    """counts(SB=70, B=30): employees per predikat (of 100, so counts are %)."""
    names = {"SB": SB, "B": B, "BP": BP, "KM": KM, "SK": SK}
    return {names[k]: v for k, v in shares.items()}


def messages(rating, **shares) -> list[str]:
    return [b.message for b in rules.distribution_breaches(rating, counts(**shares))]


@pytest.mark.parametrize(
    ("rating", "within", "beyond", "words"),
    [
        # Istimewa: at most 70% Sangat Baik.
        (
            OrgRating.ISTIMEWA,
            {"SB": 70, "B": 30},
            {"SB": 71, "B": 29},
            "paling banyak 70%",
        ),
        # Baik: at most 70% Baik (and someone Butuh Perbaikan or Kurang).
        (OrgRating.BAIK, {"B": 70, "BP": 30}, {"B": 71, "BP": 29}, "paling banyak 70%"),
        # Butuh Perbaikan: at least 60% Butuh Perbaikan.
        (
            OrgRating.BUTUH_PERBAIKAN,
            {"BP": 60, "B": 40},
            {"BP": 59, "B": 41},
            "paling sedikit 60%",
        ),
        # ... and at most 10% Sangat Baik.
        (
            OrgRating.BUTUH_PERBAIKAN,
            {"BP": 60, "SB": 10, "B": 30},
            {"BP": 60, "SB": 11, "B": 29},
            "paling banyak 10%",
        ),
        # Kurang: at least 60% Kurang/Misconduct and 10% Butuh Perbaikan.
        (
            OrgRating.KURANG,
            {"KM": 60, "BP": 10, "B": 30},
            {"KM": 59, "BP": 10, "B": 31},
            "paling sedikit 60%",
        ),
        (
            OrgRating.KURANG,
            {"KM": 60, "BP": 10, "B": 30},
            {"KM": 61, "BP": 9, "B": 30},
            "paling sedikit 10%",
        ),
        # Sangat Kurang: at least 60% Sangat Kurang, 10% KM/BP together, no Sangat Baik.
        (
            OrgRating.SANGAT_KURANG,
            {"SK": 60, "KM": 5, "BP": 5, "B": 30},
            {"SK": 60, "KM": 5, "BP": 4, "B": 31},
            "paling sedikit 10%",
        ),
        (
            OrgRating.SANGAT_KURANG,
            {"SK": 60, "KM": 10, "B": 30},
            {"SK": 60, "KM": 10, "B": 29, "SB": 1},
            "paling banyak 0%",
        ),
    ],
)
def test_each_pattern_at_its_boundary(rating, within, beyond, words):
    assert messages(rating, **within) == []
    found = messages(rating, **beyond)
    assert len(found) == 1
    assert words in found[0]


def test_a_baik_unit_must_have_someone_below_baik():
    found = messages(OrgRating.BAIK, B=60, SB=40)
    assert found == [
        "Harus ada pegawai dengan predikat Butuh Perbaikan / Kurang/Misconduct."
    ]
    assert messages(OrgRating.BAIK, B=60, SB=39, KM=1) == []


def test_a_unit_with_nobody_rated_breaks_nothing():
    assert rules.distribution_breaches(OrgRating.KURANG, {}) == []


def test_the_office_can_change_the_pattern_in_settings(settings):
    settings.PERFORMANCE_DISTRIBUTION_PATTERNS = {
        OrgRating.ISTIMEWA: [{"predikat": [SB], "max": 50}]
    }
    assert messages(OrgRating.ISTIMEWA, SB=60, B=40) == [
        "Sangat Baik paling banyak 50%, ternyata 60%."
    ]
    assert messages(OrgRating.BAIK, B=100) == []  # no clause for Baik any more


# ---------------------------------------------------------------- talent grid


@pytest.mark.parametrize(
    ("kinerja", "potential", "box"),
    [
        (ABOVE, Potential.TINGGI, 9),
        (AS, Potential.TINGGI, 8),
        (ABOVE, Potential.MENENGAH, 7),
        (BELOW, Potential.TINGGI, 6),
        (AS, Potential.MENENGAH, 5),
        (ABOVE, Potential.RENDAH, 4),
        (BELOW, Potential.MENENGAH, 3),
        (AS, Potential.RENDAH, 2),
        (BELOW, Potential.RENDAH, 1),
    ],
)
def test_every_box_of_the_grid(kinerja, potential, box):
    assert rules.talent_box(kinerja, potential) == box
    assert rules.FOLLOW_UP[box]


def test_the_kinerja_axis_follows_the_predikat():
    assert [rules.performance_axis(p) for p in (SB, B, BP, KM, SK)] == [
        ABOVE,
        AS,
        BELOW,
        BELOW,
        BELOW,
    ]


def test_potential_thresholds_are_settings_and_inclusive(settings):
    assert [rules.potential_from_score(s) for s in (67.9, 68, 79.9, 80)] == [
        Potential.RENDAH,
        Potential.MENENGAH,
        Potential.MENENGAH,
        Potential.TINGGI,
    ]
    settings.PERFORMANCE_POTENTIAL_THRESHOLDS = (50, 90)
    assert rules.potential_from_score(85) == Potential.MENENGAH
