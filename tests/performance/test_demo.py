"""The appraisal demo data on a small registry."""

from __future__ import annotations

import time
from datetime import date
from io import StringIO

import pytest

from competency import demo as competency_demo
from performance import appraisers, demo, rules
from performance.models import (
    CheckIn,
    Evaluation,
    Feedback,
    Indicator,
    Objection,
    Period,
    PlannedResult,
    Skp,
    TalentPotential,
    UnitResult,
)
from performance.querysets import distribution_for, talent_grid, team_for
from positions import demo as registry_demo
from positions.models import Employee

pytestmark = pytest.mark.django_db

AS_OF = date(2025, 9, 15)
SMALL = 300
MODELS = (
    Period,
    Skp,
    PlannedResult,
    Indicator,
    Feedback,
    CheckIn,
    Evaluation,
    UnitResult,
    Objection,
    TalentPotential,
)


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


@pytest.fixture
def seeded(supervisor, employee, hr_officer):
    """The demo logins exist before the registry links them to employees."""
    registry_demo.seed_registry(SMALL, as_of=AS_OF.replace(day=1))
    competency_demo.seed_competency(as_of=AS_OF)
    started = time.perf_counter()
    summary = demo.seed_performance(as_of=AS_OF)
    return summary, time.perf_counter() - started


def test_two_periods_last_year_closed(seeded):
    summary, _elapsed = seeded
    assert summary.seeded
    last, this = Period.objects.get(year=2024), Period.objects.get(year=2025)
    assert not last.is_open
    assert this.is_open
    placed = Employee.objects.with_current_position(AS_OF).filter(
        position_id__isnull=False
    )
    last_skps = Skp.objects.filter(period=last)
    # Everyone placed with an appraiser last year (not the newcomers, nor the top).
    assert 0.8 * placed.count() <= last_skps.count() < placed.count()
    assert Evaluation.objects.filter(skp__period=last).count() == last_skps.count()
    assert not last_skps.exclude(status="AGREED").exists()
    assert set(Skp.objects.filter(period=this).values_list("status", flat=True)) == {
        "AGREED",
        "DRAFT",
    }
    # Two RHK each, the main one cascading from the appraiser's where he has one.
    assert PlannedResult.objects.count() == 2 * Skp.objects.count()
    assert PlannedResult.objects.filter(parent__isnull=False).count() > (
        0.8 * last_skps.count()
    )
    assert Feedback.objects.filter(skp__period=last).count() >= last_skps.count()
    # 15 September: two quarters are due.
    assert set(CheckIn.objects.values_list("checkpoint", flat=True)) == {
        "TW1",
        "TW2",
    }


def test_exactly_one_unit_breaks_its_pattern(seeded):
    summary, _elapsed = seeded
    last = Period.objects.get(year=2024)
    results = list(UnitResult.objects.filter(period=last).select_related("unit"))
    assert len(results) == summary.rated_units >= 5
    breaking = [r for r in results if distribution_for(last, r.unit).breaches]
    assert len(breaking) == 1
    assert summary.breaking_units == [breaking[0].unit.name]
    assert breaking[0].lock_reason
    assert breaking[0].breaches
    assert all(r.is_locked for r in results)
    assert all(not r.lock_reason for r in results if r not in breaking)
    assert {r.org_rating for r in results} >= {"BAIK"}
    assert summary.breaking_units[0] in summary.line()


def test_each_opd_heads_work_rating_is_the_opds_rating(seeded):
    last = Period.objects.get(year=2024)
    heads = 0
    for result in UnitResult.objects.filter(period=last).select_related("unit"):
        seat = appraisers.unit_head_position(result.unit)
        evaluation = Evaluation.objects.filter(
            period=last, skp__position=seat, skp__unit=result.unit
        ).first()
        if evaluation is None:
            continue
        heads += 1
        assert evaluation.work_results_rating == rules.unit_head_work_rating(
            result.org_rating
        ), result.unit.name
        assert evaluation.predikat == rules.predikat(
            evaluation.work_results_rating, evaluation.behaviour_rating
        )
    assert heads >= 3


def test_objections_in_each_state_and_the_history_kept(seeded):
    summary, _elapsed = seeded
    assert summary.objections == {"FILED": 2, "CLARIFIED": 3, "DECIDED": 5}
    changed = Objection.objects.filter(decision="CHANGED")
    assert changed.count() == 2
    for objection in changed:
        assert objection.original_predikat != objection.new_predikat
        assert objection.evaluation.predikat == objection.new_predikat
    # The pending ones are in the open period, so they can still be decided.
    pending = Objection.objects.pending()
    assert not pending.exclude(evaluation__skp__period__year=2025).exists()
    assert not pending.filter(evaluation__skp__superior__isnull=True).exists()


def test_the_demo_logins_have_something_to_do(seeded, supervisor, employee):
    last, this = Period.objects.get(year=2024), Period.objects.get(year=2025)
    mine = Skp.objects.get(period=this, employee__user=employee)
    assert mine.is_agreed
    assert (
        Evaluation.objects.get(skp__period=last, employee__user=employee).predikat
        == "BAIK"
    )
    team = team_for(supervisor, this, today=AS_OF)
    waiting = {code for row in team for code in row.waiting}
    assert {"agree", "no_skp", "draft", "explain"} <= waiting


def test_the_talent_grid_is_filled(seeded):
    last = Period.objects.get(year=2024)
    grid = talent_grid(last)
    placed = sum(grid.counts.values())
    assert placed > 0.7 * Evaluation.objects.filter(skp__period=last).count()
    assert grid.unplaced  # some still wait for a potential
    assert sum(1 for n in grid.counts.values() if n) >= 6
    sources = set(TalentPotential.objects.values_list("source", flat=True))
    assert sources == {"ASESMEN", "BKPSDM"}
    assert rules.Predikat.SANGAT_BAIK in {r.predikat for r in grid.boxes[9]}


def test_a_second_run_changes_nothing(seeded):
    before = counts()
    out = StringIO()
    again = demo.seed_performance(out, as_of=AS_OF)
    assert not again.seeded
    assert counts() == before
    assert out.getvalue().startswith("Performance already seeded, left as is")


def test_it_is_quick_at_demo_scale(seeded):
    _summary, elapsed = seeded
    # 300 employees here; 2,500 stays within a few seconds at the same rate.
    assert elapsed < 3
