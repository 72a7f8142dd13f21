"""The IKM of PermenPANRB 14/2017 (domain.md 8.1): formula, rounding, bands,
the minimum number of respondents, and the same formula computed in SQL."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest
from django.core.exceptions import ImproperlyConfigured

from community import ikm
from community.services import survey
from tests.community.factories_survey import SurveyPeriodFactory, answers
from tests.positions.factories import OrgUnitFactory

D = Decimal
CODES = list(ikm.ELEMENTS)


def rows_for(n: int, totals: list[int]) -> list[dict[str, int]]:
    """n answers whose score sums per element are `totals` (regulation order)."""
    columns = []
    for total in totals:
        base, extra = divmod(total, n)
        columns.append([base + 1] * extra + [base] * (n - extra))
    return [{code: columns[i][j] for i, code in enumerate(CODES)} for j in range(n)]


# ---------------------------------------------------------------- bands


@pytest.mark.parametrize(
    ("value", "grade", "label"),
    [
        ("100.00", "A", "Sangat Baik"),
        ("88.31", "A", "Sangat Baik"),
        ("88.30", "B", "Baik"),
        ("76.61", "B", "Baik"),
        ("76.60", "C", "Kurang Baik"),
        ("65.00", "C", "Kurang Baik"),
        ("64.99", "D", "Tidak Baik"),
        ("25.00", "D", "Tidak Baik"),
    ],
)
def test_band_boundaries_follow_the_regulation(value, grade, label):
    band = ikm.band_for(D(value))
    assert (band.grade, str(band.label)) == (grade, label)


# ---------------------------------------------------------------- formula


# (respondents, score sums per element, mean NRR, IKM, band): each boundary
# reached from real answers, so rounding and banding are tested together.
FORMULA_TABLE = [
    (24, [85] * 7 + [84] * 2, "3.5324", "88.31", "A"),
    (19, [68] + [67] * 8, "3.5321", "88.30", "B"),
    (19, [59] * 2 + [58] * 7, "3.0643", "76.61", "B"),
    (26, [80] * 6 + [79] * 3, "3.0641", "76.60", "C"),
    (10, [26] * 9, "2.6000", "65.00", "C"),
    (33, [86] * 7 + [85] * 2, "2.5994", "64.99", "D"),
    (5, [20] * 9, "4.0000", "100.00", "A"),
    (5, [5] * 9, "1.0000", "25.00", "D"),
]


@pytest.mark.parametrize(("n", "totals", "mean", "value", "grade"), FORMULA_TABLE)
def test_ikm_from_answers(n, totals, mean, value, grade):
    result = ikm.result_from_scores(rows_for(n, totals), minimum=1)
    assert result.respondents == n
    assert result.nrr == {c: ikm.nrr(t, n) for c, t in zip(CODES, totals, strict=True)}
    assert ikm.mean_nrr(list(result.nrr.values())) == D(mean)
    assert result.ikm == D(value)
    assert result.band.grade == grade


def test_regulation_worked_example_keeps_four_decimals_and_rounds_once():
    # The GASPUL worked example of the regulation's method (29 respondents).
    totals = [105, 101, 100, 116, 102, 105, 106, 105, 115]
    nrrs = [ikm.nrr(t, 29) for t in totals]
    assert nrrs == [
        D(x)
        for x in [
            "3.6207",
            "3.4828",
            "3.4483",
            "4.0000",
            "3.5172",
            "3.6207",
            "3.6552",
            "3.6207",
            "3.9655",
        ]
    ]
    assert sum(nrrs) == D("32.9311")
    assert ikm.mean_nrr(nrrs) == D("3.6590")
    assert ikm.ikm_from_nrr(nrrs) == D("91.48")
    # Rounding the NRR early (to 2 decimals) would publish 91.50 instead.
    early = [n.quantize(D("0.01")) for n in nrrs]
    assert (sum(early) / 9 * 25).quantize(D("0.01")) == D("91.50")
    # And binary floats cannot hold 91.475: round() would publish 91.47.
    assert round(3.6590 * 25, 2) == 91.47


def test_ikm_rounds_half_up_not_half_even():
    # mean NRR 1.0778 x 25 = 26.945: half-even would give 26.94.
    result = ikm.result_from_scores(rows_for(10, [11] * 7 + [10] * 2), minimum=1)
    assert ikm.mean_nrr(list(result.nrr.values())) * 25 == D("26.9450")
    assert result.ikm == D("26.95")


def test_a_score_outside_one_to_four_is_refused():
    with pytest.raises(ValueError, match="not 1-4"):
        ikm.result_from_scores([dict.fromkeys(CODES, 5)], minimum=1)


# ---------------------------------------------------------------- minimum


@pytest.mark.parametrize(
    ("minimum", "respondents", "public"),
    [(10, 9, False), (10, 10, True), (10, 11, True), (1, 1, True), (0, 0, False)],
)
def test_result_is_hidden_below_the_minimum(minimum, respondents, public):
    result = ikm.result_from_scores(
        [dict.fromkeys(CODES, 4)] * respondents, minimum=minimum
    )
    assert result.is_public is public
    assert result.respondents == respondents
    if public:
        assert (result.ikm, result.band.grade) == (D("100.00"), "A")
        assert len(result.nrr_rows()) == 9
    else:
        assert (result.ikm, result.band, result.nrr, result.nrr_rows()) == (
            None,
            None,
            None,
            [],
        )


def test_minimum_comes_from_the_setting(settings):
    settings.COMMUNITY_SKM_MIN_RESPONDENTS = 3
    two = ikm.result_from_scores([dict.fromkeys(CODES, 3)] * 2)
    three = ikm.result_from_scores([dict.fromkeys(CODES, 3)] * 3)
    assert (two.is_public, three.is_public) == (False, True)
    assert three.ikm == D("75.00")


# ---------------------------------------------------------------- elements


def test_elements_default_to_the_regulation_order():
    labels = [str(e.label) for e in ikm.elements()]
    assert labels[0] == "Persyaratan"
    assert labels[-2:] == [
        "Penanganan Pengaduan, Saran dan Masukan",
        "Sarana dan Prasarana",
    ]


def test_element_order_is_configurable_and_does_not_change_the_ikm(settings):
    rows = rows_for(19, [68, 67, 67, 67, 67, 67, 67, 50, 70])
    before = ikm.result_from_scores(rows, minimum=1)
    settings.COMMUNITY_SKM_ELEMENTS = [*CODES[:7], "facilities", "complaints"]
    assert [e.code for e in ikm.elements()][-2:] == ["facilities", "complaints"]
    after = ikm.result_from_scores(rows, minimum=1)
    assert after.ikm == before.ikm
    assert [e.code for e, _v in after.nrr_rows()][-1] == "complaints"


@pytest.mark.parametrize(
    "order", [["requirements"], [*CODES[:8], "requirements"], [*CODES, "extra"]]
)
def test_a_wrong_element_setting_fails_loudly(settings, order):
    settings.COMMUNITY_SKM_ELEMENTS = order
    with pytest.raises(ImproperlyConfigured):
        ikm.elements()


# ---------------------------------------------------------------- SQL


@pytest.mark.django_db
def test_sql_results_equal_the_python_formula_for_many_units(role_groups, settings):
    settings.COMMUNITY_SKM_MIN_RESPONDENTS = 4
    rng = random.Random(7)
    period, other = SurveyPeriodFactory(), SurveyPeriodFactory()
    expected = {}
    for n, (totals_n, totals) in enumerate([(t[0], t[1]) for t in FORMULA_TABLE]):
        unit = OrgUnitFactory()
        rows = rows_for(totals_n, totals)
        answers(period, unit, rows)
        expected[(unit.pk, period.pk)] = ikm.result_from_scores(rows)
        # Random answers (and a short one) in the other period.
        random_rows = [
            {c: rng.randint(1, 4) for c in CODES} for _ in range(rng.randint(2, 13) + n)
        ]
        answers(other, unit, random_rows)
        expected[(unit.pk, other.pk)] = ikm.result_from_scores(random_rows)
    short = OrgUnitFactory()
    answers(period, short, [4, 4, 4])
    expected[(short.pk, period.pk)] = ikm.Result(3, None, None, None, 4)
    found = survey.results()
    assert found == expected
    assert any(not r.is_public for r in found.values())
    assert {r.band.grade for r in found.values() if r.is_public} == {"A", "B", "C", "D"}
