from __future__ import annotations

from datetime import date

import pytest

from competency import gaps, services
from competency.models import Competency
from positions.models import Employee
from tests.competency.factories import (
    AssessmentFactory,
    PositionStandardFactory,
    ProgramCompetencyFactory,
    StandardDefaultFactory,
    TrainingEventFactory,
    TrainingProgramFactory,
)
from tests.helpers import assert_constant_queries, count_queries
from tests.positions.factories import (
    EmployeeFactory,
    OrgUnitFactory,
    PlacementFactory,
    PositionFactory,
)

pytestmark = pytest.mark.django_db


def comp(code: str) -> Competency:
    return Competency.objects.get(code=code)


@pytest.fixture
def standards():
    """Pelaksana need Integritas 2 and Kerjasama 1; Ahli Muda need Integritas 3;
    every fungsional needs Kerjasama 2; keuangan positions need T.KEU.01 at 2."""
    StandardDefaultFactory(
        position_kind="PELAKSANA", competency=comp("M.01"), required_level=2
    )
    StandardDefaultFactory(
        position_kind="PELAKSANA", competency=comp("M.02"), required_level=1
    )
    StandardDefaultFactory(
        position_kind="PELAKSANA", competency=comp("T.KEU.01"), required_level=2
    )
    StandardDefaultFactory(
        position_kind="FUNGSIONAL", competency=comp("M.02"), required_level=2
    )
    StandardDefaultFactory(
        position_kind="FUNGSIONAL",
        functional_level="AHLI_MUDA",
        competency=comp("M.01"),
        required_level=3,
    )
    StandardDefaultFactory(
        position_kind="FUNGSIONAL", competency=comp("M.01"), required_level=1
    )


def codes(levels: dict[int, int]) -> dict[str, int]:
    names = dict(Competency.objects.values_list("pk", "code"))
    return {names[pk]: level for pk, level in levels.items()}


# ---------------------------------------------------------------- required levels


def test_defaults_follow_kind_jenjang_and_field(standards):
    general = PositionFactory(kind="PELAKSANA", field="UMUM")
    finance = PositionFactory(kind="PELAKSANA", field="KEUANGAN")
    expert = PositionFactory(kind="FUNGSIONAL", level="AHLI_MUDA")
    junior = PositionFactory(kind="FUNGSIONAL", level="AHLI_PERTAMA")
    required = gaps.required_levels([general.pk, finance.pk, expert.pk, junior.pk])
    assert codes(required[general.pk]) == {"M.01": 2, "M.02": 1}
    assert codes(required[finance.pk]) == {"M.01": 2, "M.02": 1, "T.KEU.01": 2}
    # The jenjang's own default beats the kind-wide one.
    assert codes(required[expert.pk]) == {"M.01": 3, "M.02": 2}
    assert codes(required[junior.pk]) == {"M.01": 1, "M.02": 2}


def test_a_position_standard_wins_over_the_default_and_zero_drops_it(standards):
    position = PositionFactory(kind="PELAKSANA")
    PositionStandardFactory(
        position=position, competency=comp("M.01"), required_level=4
    )
    PositionStandardFactory(
        position=position, competency=comp("M.02"), required_level=0
    )
    PositionStandardFactory(
        position=position, competency=comp("T.TI.01"), required_level=2
    )
    assert codes(gaps.required_levels([position.pk])[position.pk]) == {
        "M.01": 4,
        "T.TI.01": 2,
    }


def test_inactive_competencies_are_not_required(standards):
    Competency.objects.filter(code="M.02").update(is_active=False)
    position = PositionFactory(kind="PELAKSANA")
    assert codes(gaps.required_levels([position.pk])[position.pk]) == {"M.01": 2}


# ---------------------------------------------------------------- one employee


def test_an_unassessed_competency_is_a_full_gap_and_the_latest_assessment_counts(
    standards,
):
    placement = PlacementFactory(position__kind="PELAKSANA")
    person = placement.employee
    AssessmentFactory(
        employee=person, competency=comp("M.01"), level=3, assessed_on=date(2022, 1, 1)
    )
    AssessmentFactory(
        employee=person, competency=comp("M.01"), level=1, assessed_on=date(2024, 1, 1)
    )
    result = gaps.employee_gaps(person)
    assert result.position_id == placement.position_id
    by_code = {gap.code: gap for gap in result.gaps}
    integrity, teamwork = by_code["M.01"], by_code["M.02"]
    assert (integrity.required, integrity.assessed, integrity.gap) == (2, 1, 1)
    assert not integrity.unassessed
    assert integrity.assessed_on == date(2024, 1, 1)
    assert (teamwork.assessed, teamwork.gap, teamwork.unassessed) == (0, 1, True)
    assert {gap.code for gap in result.below} == {"M.01", "M.02"}


def test_an_assessment_above_the_standard_is_no_gap(standards):
    person = PlacementFactory(position__kind="PELAKSANA").employee
    AssessmentFactory(employee=person, competency=comp("M.01"), level=4)
    AssessmentFactory(employee=person, competency=comp("M.02"), level=1)
    result = gaps.employee_gaps(person)
    assert [(g.code, g.gap) for g in result.gaps] == [("M.01", -2), ("M.02", 0)]
    assert result.below == []


def test_no_position_no_gaps(standards):
    assert gaps.employee_gaps(EmployeeFactory()) is None


# ---------------------------------------------------------------- units and the city


def test_a_unit_report_covers_its_subtree_with_aggregates(standards):
    dinas = OrgUnitFactory()
    bidang = OrgUnitFactory(parent=dinas, kind="BIDANG")
    other = OrgUnitFactory()
    inside = PlacementFactory(position__unit=dinas, position__kind="PELAKSANA").employee
    below = PlacementFactory(position__unit=bidang, position__kind="PELAKSANA").employee
    PlacementFactory(position__unit=other, position__kind="PELAKSANA")
    AssessmentFactory(employee=inside, competency=comp("M.01"), level=2)
    AssessmentFactory(employee=inside, competency=comp("M.02"), level=1)
    AssessmentFactory(employee=below, competency=comp("M.01"), level=1)

    report = gaps.unit_gaps(dinas)
    assert {e.employee_id for e in report.employees} == {inside.pk, below.pk}
    assert [e.employee_id for e in report.employees_below] == [below.pk]
    summary = {s.code: s for s in report.competencies}
    assert summary["M.01"].required_count == 2
    assert summary["M.01"].below_count == 1
    assert summary["M.01"].average_gap == 1.0
    assert summary["M.02"].unassessed_count == 1
    assert [s.employee.employee_id for s in summary["M.02"].below] == [below.pk]
    assert len(gaps.city_gaps().employees) == 3


def test_the_report_respects_the_callers_scope(standards):
    unit = OrgUnitFactory()
    mine = PlacementFactory(position__unit=unit, position__kind="PELAKSANA").employee
    PlacementFactory(position__unit=unit, position__kind="PELAKSANA")
    report = gaps.unit_gaps(unit, employees=Employee.objects.filter(pk=mine.pk))
    assert [e.employee_id for e in report.employees] == [mine.pk]


def test_unit_gaps_take_the_same_queries_for_2_and_50_employees(standards):
    unit = OrgUnitFactory()

    def build(n):
        for _ in range(n):
            person = PlacementFactory(
                position__unit=unit,
                position__kind="PELAKSANA",
                position__field="KEUANGAN",
            ).employee
            AssessmentFactory(employee=person, competency=comp("M.01"), level=1)

    queries = assert_constant_queries(build, lambda: gaps.unit_gaps(unit))
    assert queries <= 6


# ---------------------------------------------------------------- proposed moves


def test_gaps_for_moves_use_the_target_position(standards):
    person = PlacementFactory(position__kind="PELAKSANA").employee
    AssessmentFactory(employee=person, competency=comp("M.01"), level=2)
    AssessmentFactory(employee=person, competency=comp("M.02"), level=2)
    target = PositionFactory(kind="FUNGSIONAL", level="AHLI_MUDA")
    result = gaps.gaps_for_moves([(person.pk, target.pk)])
    assert [
        (g.code, g.required, g.assessed, g.gap) for g in result[person.pk, target.pk]
    ] == [
        ("M.01", 3, 2, 1),
        ("M.02", 2, 2, 0),
    ]
    assert gaps.gaps_for_moves([]) == {}


def test_gaps_for_moves_take_the_same_queries_for_2_and_20_moves(standards):
    pairs: list[tuple[int, int]] = []

    def build(n):
        for _ in range(n):
            person = EmployeeFactory()
            AssessmentFactory(employee=person, competency=comp("M.01"))
            pairs.append((person.pk, PositionFactory(kind="PELAKSANA").pk))

    assert_constant_queries(build, lambda: gaps.gaps_for_moves(pairs), 2, 20)
    assert len(gaps.gaps_for_moves(pairs)) == 20


# ---------------------------------------------------------------- training needs


def test_training_needs_suggest_programs_that_reach_the_needed_level(standards):
    unit = OrgUnitFactory()
    for level in (1, 1, 2):
        person = PlacementFactory(
            position__unit=unit, position__kind="PELAKSANA"
        ).employee
        AssessmentFactory(employee=person, competency=comp("M.01"), level=level)
        AssessmentFactory(employee=person, competency=comp("M.02"), level=1)
    enough = ProgramCompetencyFactory(
        competency=comp("M.01"), target_level=2, program__title="Pelatihan Integritas"
    ).program
    ProgramCompetencyFactory(competency=comp("M.01"), target_level=1)
    ProgramCompetencyFactory(
        competency=comp("M.01"), target_level=3, program__is_active=False
    )
    TrainingEventFactory(
        program=enough,
        start_date=date(2026, 3, 2),
        end_date=date(2026, 3, 4),
        registration_deadline=date(2026, 2, 20),
    )
    TrainingEventFactory(
        program=enough,
        start_date=date(2025, 3, 2),
        end_date=date(2025, 3, 4),
        registration_deadline=date(2025, 2, 20),
    )
    services.refresh_gap_summary()
    needs = gaps.training_needs(2026, unit=unit)
    assert [n.code for n in needs] == ["M.01"]
    need = needs[0]
    assert (need.employees_below, need.average_gap, need.target_level) == (2, 1.0, 2)
    assert [(p.title, p.events_in_year) for p in need.programs] == [
        ("Pelatihan Integritas", 1)
    ]
    row = need.as_row()
    assert len(row) == len(gaps.TRAINING_NEEDS_HEADERS)
    assert row[:4] == ["M.01", "Integritas", "Manajerial", 2]
    assert "Pelatihan Integritas" in row[-1]


def test_training_needs_take_a_fixed_number_of_queries(standards):
    unit = OrgUnitFactory()
    TrainingProgramFactory()

    def build(n):
        for _ in range(n):
            PlacementFactory(position__unit=unit, position__kind="PELAKSANA")

    build(2)
    services.refresh_gap_summary()
    few = count_queries(lambda: gaps.training_needs(2026, unit=unit))
    build(18)
    services.refresh_gap_summary()
    assert count_queries(lambda: gaps.training_needs(2026, unit=unit)) == few
