from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import IntegrityError, transaction

from competency.models import (
    Assessment,
    Competency,
    CompetencyLevel,
    ExternalLearning,
    Registration,
    TrainingEvent,
    TrainingProgram,
    category_of,
)
from positions.models import Position
from tests.competency.factories import (
    AssessmentFactory,
    CompetencyFactory,
    CompletedRegistrationFactory,
    ExternalLearningFactory,
    TrainingEventFactory,
    TrainingProgramFactory,
)
from tests.positions.factories import (
    EmployeeFactory,
    OrgUnitFactory,
    PlacementFactory,
    PositionFactory,
)

pytestmark = pytest.mark.django_db


def refused(**kwargs):
    return pytest.raises(IntegrityError, **kwargs)


# ---------------------------------------------------------------- dictionary


def test_the_dictionary_holds_the_eight_managerial_competencies_and_perekat_bangsa():
    managerial = list(
        Competency.objects.filter(type="MANAJERIAL").values_list("code", flat=True)
    )
    assert managerial == [f"M.0{n}" for n in range(1, 9)]
    perekat = Competency.objects.get(type="SOSIAL_KULTURAL")
    assert (perekat.code, perekat.name) == ("SK.01", "Perekat Bangsa")
    integrity = Competency.objects.get(code="M.01")
    assert list(integrity.levels.values_list("level", flat=True)) == [1, 2, 3, 4, 5]
    assert "kapasitas pribadi" in integrity.levels.get(level=1).description


def test_every_seeded_competency_has_five_levels_and_technical_ones_a_real_field():
    fields = set(Position.Field.values)
    for competency in Competency.objects.prefetch_related("levels"):
        assert len(competency.levels.all()) == 5, competency.code
        if competency.type == "TEKNIS":
            assert competency.field in fields
    technical = set(
        Competency.objects.filter(type="TEKNIS").values_list("field", flat=True)
    )
    assert {"KEUANGAN", "PELAYANAN_PUBLIK", "TI"} <= technical


def test_a_technical_competency_needs_a_field_and_only_it_may_have_one():
    with refused(), transaction.atomic():
        CompetencyFactory(type="TEKNIS", field="")
    with refused(), transaction.atomic():
        CompetencyFactory(type="MANAJERIAL", field="KEUANGAN")
    CompetencyFactory(type="TEKNIS", field="KEUANGAN")


def test_levels_run_from_one_to_five_once_each():
    competency = CompetencyFactory()
    CompetencyLevel.objects.create(competency=competency, level=5, description="x")
    with refused(), transaction.atomic():
        CompetencyLevel.objects.create(competency=competency, level=6, description="x")
    with refused(), transaction.atomic():
        CompetencyLevel.objects.create(competency=competency, level=5, description="y")


# ---------------------------------------------------------------- training rows


def test_an_event_cannot_end_before_it_starts_or_have_no_seats():
    day = date(2025, 3, 10)
    with refused(), transaction.atomic():
        TrainingEventFactory(
            start_date=day, end_date=day - timedelta(days=1), registration_deadline=day
        )
    with refused(), transaction.atomic():
        TrainingEventFactory(capacity=0)
    with refused(), transaction.atomic():
        TrainingEventFactory(place="", online_link="")
    TrainingEventFactory(place="", online_link="https://zoom.example/uji")


def test_a_program_gives_positive_jp():
    with refused(), transaction.atomic():
        TrainingProgramFactory(jp_credit=0)


def test_one_active_registration_per_employee_and_event_but_cancelled_ones_stay():
    event = TrainingEventFactory()
    employee = EmployeeFactory()
    Registration.objects.create(
        event=event, employee=employee, status="CANCELLED", source="SELF"
    )
    Registration.objects.create(
        event=event, employee=employee, status="REGISTERED", source="SELF"
    )
    with refused(), transaction.atomic():
        Registration.objects.create(
            event=event,
            employee=employee,
            status="WAITLISTED",
            source="SELF",
            waitlist_position=1,
        )
    assert event.registrations.count() == 2


def test_a_completed_registration_carries_a_certificate():
    with refused(), transaction.atomic():
        CompletedRegistrationFactory(certificate_number="")


def test_only_a_decided_external_learning_has_a_review_date():
    with refused(), transaction.atomic():
        ExternalLearningFactory(status="APPROVED", reviewed_at=None)
    ExternalLearningFactory(status="PENDING", reviewed_at=None)


def test_category_follows_the_kind_and_the_setting_can_move_a_kind(settings):
    assert category_of("SOSIALISASI") == "KLASIKAL"
    assert category_of("COACHING") == "NON_KLASIKAL"
    assert category_of("PENDIDIKAN_FORMAL") == "PENDIDIKAN"
    settings.COMPETENCY_KIND_CATEGORIES = {"SOSIALISASI": "NON_KLASIKAL"}
    assert TrainingProgram(kind="SOSIALISASI").category == "NON_KLASIKAL"


# ---------------------------------------------------------------- latest assessment


def test_the_latest_assessment_counts_by_date_then_id_and_history_stays():
    employee = EmployeeFactory()
    integrity = Competency.objects.get(code="M.01")
    AssessmentFactory(
        employee=employee, competency=integrity, level=1, assessed_on=date(2023, 5, 1)
    )
    AssessmentFactory(
        employee=employee, competency=integrity, level=4, assessed_on=date(2024, 5, 1)
    )
    same_day_later_id = AssessmentFactory(
        employee=employee, competency=integrity, level=3, assessed_on=date(2024, 5, 1)
    )
    AssessmentFactory(
        employee=employee,
        competency=Competency.objects.get(code="M.02"),
        level=2,
        assessed_on=date(2020, 1, 1),
    )
    latest = list(Assessment.objects.filter(employee=employee).latest())
    assert [(a.competency.code, a.level) for a in latest] == [("M.01", 3), ("M.02", 2)]
    assert latest[0].pk == same_day_later_id.pk
    assert Assessment.objects.filter(employee=employee).count() == 4


# ---------------------------------------------------------------- who sees what


@pytest.fixture
def people(supervisor, employee, citizen, hr_officer):
    """The `atasan` heads a position above the `pegawai`'s; a stranger works elsewhere."""
    unit = OrgUnitFactory()
    head = PositionFactory(unit=unit, kind="PENGAWAS", eselon="IV.a", needs=1)
    staff = PositionFactory(unit=unit, supervisor=head)
    elsewhere = PositionFactory(unit=OrgUnitFactory())
    boss = PlacementFactory(position=head, employee__user=supervisor).employee
    worker = PlacementFactory(position=staff, employee__user=employee).employee
    stranger = PlacementFactory(position=elsewhere).employee
    return {"boss": boss, "worker": worker, "stranger": stranger}


def owners(queryset, path="employee"):
    return {getattr(row, path).name for row in queryset}


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("hr_officer", {"boss", "worker", "stranger"}),
        ("supervisor", {"boss", "worker"}),
        ("employee", {"worker"}),
        ("citizen", set()),
        ("anonymous", set()),
    ],
)
def test_employee_records_are_visible_along_the_supervising_chain(
    request, people, persona, expected
):
    user = request.getfixturevalue(persona) or AnonymousUser()
    for person in people.values():
        AssessmentFactory(employee=person)
        CompletedRegistrationFactory(employee=person)
        ExternalLearningFactory(employee=person)
    names = {people[key].name for key in expected}
    assert owners(Assessment.objects.visible_to(user)) == names
    assert owners(Registration.objects.visible_to(user)) == names
    assert owners(ExternalLearning.objects.visible_to(user)) == names


@pytest.mark.parametrize(
    ("persona", "programs"),
    [
        ("hr_officer", 2),
        ("supervisor", 1),
        ("employee", 1),
        ("citizen", 0),
        ("anonymous", 0),
    ],
)
def test_the_catalogue_is_for_civil_servants_only(request, persona, programs):
    user = request.getfixturevalue(persona) or AnonymousUser()
    TrainingEventFactory()
    TrainingProgramFactory(is_active=False)
    assert TrainingProgram.objects.visible_to(user).count() == programs
    assert TrainingEvent.objects.visible_to(user).count() == (1 if programs else 0)
