"""Every reform indicator on the hand-made city of tests/reform/dataset.py, with
the arithmetic written beside each expected number (day: 31-12-2025)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from sawahlunto_asn.reform import indicators
from tests.reform.dataset import YEAR, build_city

pytestmark = pytest.mark.django_db


@pytest.fixture
def city(settings):
    settings.COMMUNITY_SKM_MIN_RESPONDENTS = 2
    settings.ROTATION_MAX_YEARS = 5
    settings.COMPETENCY_JP_YEARLY_MINIMUM = 20
    return build_city()


@pytest.fixture
def figures(city):
    return indicators.compute(YEAR)


def test_the_day_of_a_past_year_is_its_last_day(figures):
    assert figures.day.isoformat() == "2025-12-31"


def test_workforce_needs_and_filled(city, figures):
    a, a1, b = figures.scope(city.a), figures.scope(city.a1), figures.scope(city.b)
    # Needs: pA 3 (A), pA1 4 (A1), pB 2 (B); B's inactive position (9) is left out.
    # Filled: A e1 e2 = 2 ("gone" left in 2024), A1 e3 e4 e5 = 3, B e6 e7 = 2.
    assert (a1.workforce.needs, a1.workforce.filled) == (4, 3)
    assert (a.workforce.needs, a.workforce.filled) == (3 + 4, 2 + 3)
    assert (b.workforce.needs, b.workforce.filled) == (2, 2)
    assert (figures.city.workforce.needs, figures.city.workforce.filled) == (9, 7)
    assert a.workforce.fill_share == 71.4  # 5 / 7 = 71.43 %
    assert a.workforce.vacant == 2  # 7 - 5
    assert b.workforce.fill_share == 100.0  # 2 / 2
    assert figures.city.workforce.fill_share == 77.8  # 7 / 9 = 77.78 %
    assert figures.scope(city.root).workforce.filled == 7  # the root rolls up all


def test_retirements_in_the_next_12_and_24_months(city, figures):
    # Pelaksana retire at 58, on the first of the month after the birthday:
    # e1 (15-03-1968) on 01-04-2026: within 12 (and 24) months of 31-12-2025;
    # e3 (10-02-1969) on 01-03-2027: within 24 months only; the rest after 2027.
    a1 = figures.scope(city.a1).workforce
    a = figures.scope(city.a).workforce
    assert (a1.retiring_12, a1.retiring_24) == (0, 1)  # e3
    assert (a.retiring_12, a.retiring_24) == (1, 2)  # e1; e1 + e3
    assert (figures.scope(city.b).workforce.retiring_24) == 0
    city_wf = figures.city.workforce
    assert (city_wf.retiring_12, city_wf.retiring_24) == (1, 2)


def test_profiles_by_gender_golongan_education_and_age(city, figures):
    a = figures.scope(city.a).workforce
    # Gender 1 (L): e1 e3; 2 (P): e2 e4 e5.
    assert a.gender == {"1": 2, "2": 3}
    # Golongan: e1 IV/a; e2 III/a, e3 III/b, e5 III/c; e4 II/a.
    assert a.golongan == {"IV": 1, "III": 3, "II": 1}
    assert a.education == {"S-1": 2, "D-III": 1, "SLTA": 1, "S-2": 1}
    # Age on 31-12-2025: e1 57 and e3 56 (50+), e2 35, e4 25, e5 45.
    assert a.age == {"<30": 1, "30-39": 1, "40-49": 1, "50+": 2}
    c = figures.city.workforce
    assert c.gender == {"1": 3, "2": 4}  # + e6 (1), e7 (2)
    # e7 has no rank and no education recorded: "-".
    assert c.golongan == {"IV": 1, "III": 4, "II": 1, "-": 1}
    assert c.education == {"S-1": 3, "D-III": 1, "SLTA": 1, "S-2": 1, "-": 1}
    # Listed in rank and education order, the unrecorded last.
    assert list(c.golongan) == ["II", "III", "IV", "-"]
    assert list(c.education) == ["SLTA", "D-III", "S-1", "S-2", "-"]
    # e6 turned 50 on 01-01-2025 (50+); e7 turns 40 on the day itself (40-49).
    assert c.age == {"<30": 1, "30-39": 1, "40-49": 2, "50+": 3}


def test_population_pyramid_in_five_year_bands(city, figures):
    # Ages on 31-12-2025 (gender): e1 57 (L), e2 35 (P), e3 56 (L), e4 25 (P;
    # turned 25 on 01-01-2025), e5 45 (P), e6 50 (L), e7 40 (P; turns 40 that day).
    c = figures.city.workforce.pyramid
    assert list(c) == list(indicators.PYRAMID_BANDS)
    assert c["<25"] == {"1": 0, "2": 0}
    assert c["25-29"] == {"1": 0, "2": 1}  # e4
    assert c["35-39"] == {"1": 0, "2": 1}  # e2
    assert c["40-44"] == {"1": 0, "2": 1}  # e7
    assert c["45-49"] == {"1": 0, "2": 1}  # e5
    assert c["50-54"] == {"1": 1, "2": 0}  # e6
    assert c["55-59"] == {"1": 2, "2": 0}  # e1, e3
    assert sum(n for band in c.values() for n in band.values()) == 7
    b = figures.scope(city.b).workforce.pyramid
    assert (b["50-54"], b["40-44"]) == ({"1": 1, "2": 0}, {"1": 0, "2": 1})


def test_rotation_overdue_and_widening_moves(city, figures):
    # Overdue: in post since before 31-12-2020 (5 years): e1 (2015), e3 (2019), e6 (2010).
    a, a1, b = figures.scope(city.a), figures.scope(city.a1), figures.scope(city.b)
    assert (a1.rotation.posts, a1.rotation.overdue) == (3, 1)
    assert (a.rotation.posts, a.rotation.overdue) == (5, 2)
    assert (b.rotation.posts, b.rotation.overdue) == (2, 1)
    assert figures.city.rotation.overdue == 3
    assert figures.city.rotation.overdue_share == 42.9  # 3 / 7
    # Executed 2025 moves, in the unit left: A: e3 pA->pA1 (same OPD, same
    # rumpun: no), e7 pA->pB (other OPD: yes); B: e6 pB->pA (yes). The mutasi
    # keluar, the draft batch and the 2024 batch do not count.
    assert (a.rotation.moves, a.rotation.widening) == (2, 1)
    assert (a1.rotation.moves, a1.rotation.widening) == (0, 0)
    assert (b.rotation.moves, b.rotation.widening) == (1, 1)
    assert (figures.city.rotation.moves, figures.city.rotation.widening) == (3, 2)
    assert figures.city.rotation.widening_share == 66.7  # 2 / 3
    assert a1.rotation.widening_share is None  # no move: no share


def test_competency_share_meeting_the_yearly_jp(city, figures):
    # 2025 JP: e1 20 (= the minimum: meets), e2 19 (no), e3 25, e6 40; e4's 30 is 2024.
    a, a1, b = figures.scope(city.a), figures.scope(city.a1), figures.scope(city.b)
    assert (a1.competency.employees, a1.competency.meeting) == (3, 1)  # e3
    assert (a.competency.employees, a.competency.meeting) == (5, 2)  # e1, e3
    assert a.competency.meeting_share == 40.0  # 2 / 5
    assert (b.competency.employees, b.competency.meeting) == (2, 1)  # e6
    assert figures.city.competency.meeting_share == 42.9  # 3 / 7 = 42.86 %


def test_reach_of_reform_socialisation(city, figures):
    # Completed the March 2025 reform socialisation: e1 (A), e5 (A1). Not
    # counted: e2 only registered, e7's event started in 2024, e6's sosialisasi
    # was on another topic.
    a, a1, b = figures.scope(city.a), figures.scope(city.a1), figures.scope(city.b)
    assert (a1.competency.socialised, a1.competency.socialised_share) == (1, 33.3)
    assert (a.competency.socialised, a.competency.socialised_share) == (2, 40.0)
    assert (b.competency.socialised, b.competency.socialised_share) == (0, 0.0)
    assert figures.city.competency.socialised_share == 28.6  # 2 / 7 = 28.57 %


def test_appraisals_completed_predikat_and_objections(city, figures):
    a, a1, b = figures.scope(city.a), figures.scope(city.a1), figures.scope(city.b)
    # SKPs 2025: A e1 e2, A1 e3 e4 e5, B e6 e7; rated: all but e5 and e7.
    assert (a1.appraisal.skps, a1.appraisal.rated) == (3, 2)
    assert (a.appraisal.skps, a.appraisal.rated) == (5, 4)
    assert a.appraisal.rated_share == 80.0  # 4 / 5
    assert (b.appraisal.skps, b.appraisal.rated) == (2, 1)
    assert figures.city.appraisal.rated_share == 71.4  # 5 / 7
    # On time (by 31-01-2026): e1 (that day), e3, e4; e2 (01-02 WIB) and e6 late.
    assert (a.appraisal.on_time, a.appraisal.on_time_share) == (3, 60.0)  # 3 / 5
    assert (a1.appraisal.on_time, a1.appraisal.on_time_share) == (2, 66.7)  # 2 / 3
    assert (b.appraisal.on_time, b.appraisal.on_time_share) == (0, 0.0)
    assert figures.city.appraisal.on_time_share == 42.9  # 3 / 7
    # Predikat in A's subtree: e1 Sangat Baik; e2 e3 e4 Baik (2024's e1 left out).
    assert a.appraisal.predikat == {
        "SANGAT_BAIK": 1,
        "BAIK": 3,
        "BUTUH_PERBAIKAN": 0,
        "KURANG_MISCONDUCT": 0,
        "SANGAT_KURANG": 0,
    }
    assert a.appraisal.predikat_share("BAIK") == 75.0  # 3 / 4
    # A rated "Baik": Baik at most 70 % (75 % breaks it) and at least one
    # Butuh Perbaikan or Kurang (none breaks it): two breaches.
    assert a.appraisal.org_rating == "BAIK"
    assert len(a.appraisal.breaches) == 2
    assert a1.appraisal.breaches == []  # no organisation rating recorded
    assert figures.city.appraisal.breaches == []
    # Objections: e2 (A) filed; e3 kept, e4 changed (A1).
    assert (a.appraisal.objections, a.appraisal.objections_pending) == (3, 1)
    assert (a.appraisal.objections_kept, a.appraisal.objections_changed) == (1, 1)
    assert a1.appraisal.objections == 2
    assert b.appraisal.objections == 0


def test_nine_box_counts(city, figures):
    # Box from (predikat axis, potential): e1 Sangat Baik (above) + Tinggi = 9;
    # e2 Baik (as expected) + Menengah = 5; e4 Baik + Rendah = 2; e6 Baik +
    # Tinggi = 8; e3 has no potential this period (0). Unrated e5, e7: nowhere.
    c = figures.city.appraisal.boxes
    assert {box: n for box, n in c.items() if n} == {9: 1, 5: 1, 2: 1, 8: 1, 0: 1}
    a = figures.scope(city.a).appraisal.boxes
    assert {box: n for box, n in a.items() if n} == {9: 1, 5: 1, 2: 1, 0: 1}
    assert figures.scope(city.b).appraisal.boxes[8] == 1


def test_public_feedback_and_ikm(city, figures):
    a, a1, b = figures.scope(city.a), figures.scope(city.a1), figures.scope(city.b)
    # 2025 verified feedback: A1 answered on time, answered late, open; B closed
    # on its due day. The new, the rejected and B's 2024 one are left out.
    assert (a1.public.feedback, a1.public.answered, a1.public.on_time) == (3, 2, 1)
    assert a1.public.on_time_share == 50.0  # 1 / 2
    assert (a.public.feedback, a.public.answered) == (3, 2)  # A has none of its own
    assert (b.public.feedback, b.public.answered, b.public.on_time) == (1, 1, 1)
    c = figures.city.public
    assert (c.feedback, c.answered, c.on_time) == (4, 3, 2)
    assert c.on_time_share == 66.7  # 2 / 3
    # IKM 2025: A1 all 4 -> NRR 4 x 25 = 100.00 (A); B (3 + 2) / 2 = 2.5 x 25 = 62.50 (D).
    assert (a1.public.ikm, a1.public.band) == (Decimal("100.00"), "A")
    assert (b.public.ikm, b.public.band) == (Decimal("62.50"), "D")
    assert a.public.ikm is None  # A itself has no survey answers
    assert (a.public.ikm_units, a.public.ikm_mean) == (1, Decimal("100.00"))
    # City: two units, (100.00 + 62.50) / 2 = 81.25: band B (76.61-88.30).
    assert (c.ikm_units, c.ikm_mean, c.mean_band) == (2, Decimal("81.25"), "B")


def test_years_lists_the_years_the_data_covers(city):
    years = indicators.years()
    assert 2025 in years
    assert 2024 in years
    assert years == sorted(years, reverse=True)
