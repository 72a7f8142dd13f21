from __future__ import annotations

import factory
import pytest
from django.db import IntegrityError, transaction

from performance import querysets, services
from performance.models import TalentPotential
from performance.services import AppraisalError
from tests.competency.factories import AssessmentFactory, CompetencyFactory
from tests.helpers import assert_constant_queries
from tests.performance.factories import (
    RATINGS_FOR,
    EvaluationFactory,
    SkpFactory,
    TalentPotentialFactory,
)
from tests.positions.factories import EmployeeFactory

pytestmark = pytest.mark.django_db


def test_potential_comes_from_the_latest_assessments(org, period, hr_officer):
    first, second = CompetencyFactory(), CompetencyFactory()
    AssessmentFactory(employee=org.me, competency=first, level=2)
    from django.utils import timezone

    AssessmentFactory(
        employee=org.me, competency=first, level=5, assessed_on=timezone.localdate()
    )
    AssessmentFactory(employee=org.me, competency=second, level=3)
    AssessmentFactory(employee=org.colleague, competency=first, level=2)
    assert services.compute_potentials(period, by=hr_officer) == 2
    mine = TalentPotential.objects.get(employee=org.me)
    # Latest levels 5 and 3: average 4 of 5 = 80, the high threshold.
    assert (mine.score, mine.level, mine.source) == (80.0, "TINGGI", "ASESMEN")
    assert TalentPotential.objects.get(employee=org.colleague).level == "RENDAH"


def test_hr_enters_potential_with_its_source_only_without_assessments(
    org, period, hr_officer, supervisor
):
    with pytest.raises(AppraisalError, match="BKPSDM"):
        services.set_potential(
            org.me, period, level="TINGGI", source_text="x", by=supervisor
        )
    with pytest.raises(AppraisalError, match="Sebutkan sumber"):
        services.set_potential(
            org.me, period, level="TINGGI", source_text="", by=hr_officer
        )
    potential = services.set_potential(
        org.me,
        period,
        level="MENENGAH",
        source_text="Rapat komite talenta",
        by=hr_officer,
    )
    assert potential.source == "BKPSDM"
    AssessmentFactory(employee=org.colleague, level=4)
    with pytest.raises(AppraisalError, match="asesmen kompetensi"):
        services.set_potential(
            org.colleague, period, level="TINGGI", source_text="x", by=hr_officer
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        TalentPotential.objects.create(
            period=period, employee=org.outsider, level="TINGGI", source="BKPSDM"
        )


def place(period, org, employee, predikat, potential):
    work, behaviour = RATINGS_FOR[predikat]
    skp = SkpFactory(period=period, employee=employee, unit=org.bidang)
    EvaluationFactory(skp=skp, work_results_rating=work, behaviour_rating=behaviour)
    if potential:
        TalentPotentialFactory(period=period, employee=employee, level=potential)


@pytest.mark.parametrize(
    ("predikat", "potential", "box"),
    [
        ("SANGAT_BAIK", "TINGGI", 9),
        ("BAIK", "TINGGI", 8),
        ("SANGAT_BAIK", "MENENGAH", 7),
        ("BUTUH_PERBAIKAN", "TINGGI", 6),
        ("BAIK", "MENENGAH", 5),
        ("SANGAT_BAIK", "RENDAH", 4),
        ("KURANG_MISCONDUCT", "MENENGAH", 3),
        ("BAIK", "RENDAH", 2),
        ("SANGAT_KURANG", "RENDAH", 1),
    ],
)
def test_the_grid_places_each_employee_in_his_box(
    org, period, predikat, potential, box
):
    place(period, org, org.me, predikat, potential)
    grid = querysets.talent_grid(period, org.bidang)
    assert [row.employee_id for row in grid.boxes[box]] == [org.me.pk]
    assert grid.follow_up[box]
    assert querysets.talent_boxes(period, [org.me.pk]) == {org.me.pk: box}


def test_an_employee_without_potential_is_listed_apart(org, period):
    place(period, org, org.me, "BAIK", None)
    grid = querysets.talent_grid(period)
    assert [row.employee_id for row in grid.unplaced] == [org.me.pk]
    assert sum(grid.counts.values()) == 0
    assert querysets.talent_boxes(period, [org.me.pk]) == {}


def test_the_grid_takes_the_same_queries_for_10_and_300(org, period):
    def build(n):
        employees = EmployeeFactory.create_batch(n)
        skps = SkpFactory.create_batch(
            n,
            period=period,
            employee=factory.Iterator(employees, cycle=False),
            unit=org.bidang,
        )
        EvaluationFactory.create_batch(n, skp=factory.Iterator(skps, cycle=False))
        TalentPotentialFactory.create_batch(
            n, period=period, employee=factory.Iterator(employees, cycle=False)
        )

    assert_constant_queries(
        build, lambda: querysets.talent_grid(period, org.bidang), small=10, large=300
    )
    assert len(querysets.talent_grid(period, org.dinas).boxes[5]) == 300
