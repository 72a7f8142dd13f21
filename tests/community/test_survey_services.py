"""Answering the SKM, periods, results for many units, unit heads, personal data."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone

from community import ikm
from community.errors import CommunityError
from community.models import CitizenProfile, SurveyPeriod, SurveyResponse
from community.services import survey
from sawahlunto_asn.accounts import roles
from tests.accounts.factories import UserFactory
from tests.community.factories_feedback import ServiceFactory
from tests.community.factories_survey import (
    SurveyPeriodFactory,
    SurveyResponseFactory,
    answers,
)
from tests.helpers import assert_constant_queries, count_queries
from tests.positions.factories import (
    EmployeeFactory,
    OrgUnitFactory,
    PlacementFactory,
    PositionFactory,
)

pytestmark = pytest.mark.django_db

PROFILE = {"gender": "P", "age_group": "20_29", "education": "D4_S1", "job": "SWASTA"}


@pytest.fixture
def current(db):
    today = timezone.localdate()
    return SurveyPeriodFactory(
        name="Semester berjalan",
        start_date=today - timedelta(days=30),
        end_date=today + timedelta(days=30),
    )


def submit(period, unit, user, score=3, **kwargs):
    return survey.submit_response(
        period,
        unit=unit,
        respondent=user,
        scores=dict.fromkeys(ikm.ELEMENTS, score),
        **{**PROFILE, **kwargs},
    )


# ---------------------------------------------------------------- answering


def test_a_citizen_answers_once_per_unit_and_period(current, citizen):
    unit = OrgUnitFactory()
    response = submit(current, unit, citizen, score=4)
    assert response.scores() == dict.fromkeys(ikm.ELEMENTS, 4)
    assert (response.respondent, response.gender) == (citizen, "P")

    with pytest.raises(CommunityError, match="sudah mengisi survei kepuasan"):
        submit(current, unit, citizen, score=1)
    assert SurveyResponse.objects.count() == 1
    assert SurveyResponse.objects.get().score_time == 4

    # Another unit, or the same unit in another period, is a new answer.
    submit(current, OrgUnitFactory(), citizen)
    assert SurveyResponse.objects.count() == 2


def test_the_database_allows_one_answer_per_citizen_unit_and_period(current, citizen):
    first = SurveyResponseFactory(period=current, respondent=citizen)
    twin = SurveyResponseFactory.build(
        period=current, unit=first.unit, respondent=citizen
    )
    with pytest.raises(ValidationError) as caught:
        twin.validate_constraints()
    assert "sudah mengisi survei kepuasan" in str(caught.value)
    with pytest.raises(IntegrityError):
        SurveyResponseFactory(period=current, unit=first.unit, respondent=citizen)


@pytest.mark.parametrize("bad", [0, 5])
def test_the_database_keeps_scores_between_one_and_four(current, role_groups, bad):
    with pytest.raises(IntegrityError, match="_1_4"):
        SurveyResponseFactory(period=current, scores={"cost": bad})


def test_scores_outside_the_scale_are_refused_by_the_service(current, citizen):
    with pytest.raises(CommunityError, match="1 sampai 4"):
        survey.submit_response(
            current,
            unit=OrgUnitFactory(),
            respondent=citizen,
            scores={**dict.fromkeys(ikm.ELEMENTS, 3), "cost": 5},
            **PROFILE,
        )
    assert not SurveyResponse.objects.exists()


def test_a_closed_or_past_period_takes_no_answers(citizen):
    unit = OrgUnitFactory()
    today = timezone.localdate()
    closed = SurveyPeriodFactory(
        start_date=today - timedelta(days=1),
        end_date=today + timedelta(days=1),
        status=SurveyPeriod.Status.CLOSED,
    )
    past = SurveyPeriodFactory()  # a year long ago, still marked open
    for period in (closed, past):
        with pytest.raises(CommunityError, match="tidak sedang menerima jawaban"):
            submit(period, unit, citizen)
    assert not SurveyResponse.objects.exists()


def test_only_public_service_units_are_surveyed(current, citizen):
    section = OrgUnitFactory(kind="SEKSI")
    with pytest.raises(CommunityError, match="tidak termasuk"):
        submit(current, section, citizen)
    inactive = OrgUnitFactory(is_active=False)
    with pytest.raises(CommunityError):
        submit(current, inactive, citizen)


def test_the_service_must_belong_to_the_unit(current, citizen):
    unit = OrgUnitFactory()
    with pytest.raises(CommunityError, match="bukan layanan unit ini"):
        submit(current, unit, citizen, service=ServiceFactory())
    own = ServiceFactory(unit=unit)
    assert submit(current, unit, citizen, service=own).service == own


def test_a_suspended_citizen_cannot_answer(current, citizen):
    CitizenProfile.objects.create(
        user=citizen,
        display_name="Warga",
        suspended_at=timezone.now(),
        suspension_reason="Spam",
    )
    with pytest.raises(CommunityError, match="ditangguhkan"):
        submit(current, OrgUnitFactory(), citizen)
    assert not SurveyResponse.objects.exists()


# ---------------------------------------------------------------- periods


def test_periods_may_not_overlap_or_end_before_they_start(db):
    survey.open_period(
        name="2025", start_date=date(2025, 1, 1), end_date=date(2025, 12, 31)
    )
    with pytest.raises(ValidationError, match="beririsan"):
        survey.open_period(
            name="Semester II 2025",
            start_date=date(2025, 7, 1),
            end_date=date(2025, 12, 31),
        )
    with pytest.raises(ValidationError, match="tidak boleh sebelum"):
        survey.open_period(
            name="Salah", start_date=date(2026, 2, 1), end_date=date(2026, 1, 1)
        )
    assert list(SurveyPeriod.objects.values_list("name", flat=True)) == ["2025"]


def test_closing_a_period_keeps_its_results(current, role_groups):
    unit = OrgUnitFactory()
    answers(current, unit, [4] * ikm.min_respondents())
    survey.close_period(current)
    current.refresh_from_db()
    assert not current.is_open
    assert survey.results()[(unit.pk, current.pk)].ikm == ikm.ikm_from_nrr(
        [ikm.nrr(4, 1)] * 9
    )


# ---------------------------------------------------------------- reads


def test_unit_rows_show_the_latest_published_result(role_groups, settings):
    settings.COMMUNITY_SKM_MIN_RESPONDENTS = 3
    old = SurveyPeriodFactory(start_date=date(2023, 1, 1), end_date=date(2023, 12, 31))
    new = SurveyPeriodFactory(start_date=date(2024, 1, 1), end_date=date(2024, 12, 31))
    unit, quiet = OrgUnitFactory(), OrgUnitFactory()
    answers(old, unit, [4, 4, 4])
    answers(new, unit, [2, 2])  # too few: the 2023 result stays the latest public
    rows = {r.unit: r for r in survey.unit_rows([unit, quiet], with_trend=True)}
    assert rows[unit].latest.period == old
    assert rows[unit].latest.result.ikm == ikm.ikm_from_nrr([ikm.nrr(4, 1)] * 9)
    assert [
        (t.period, t.result.respondents, t.result.is_public) for t in rows[unit].trend
    ] == [
        (old, 3, True),
        (new, 2, False),
    ]
    assert rows[quiet].latest is None


def test_unit_rows_cost_the_same_queries_for_many_units(role_groups):
    period = SurveyPeriodFactory()
    units = []

    def build(n):
        for _ in range(n):
            unit = OrgUnitFactory()
            SurveyResponseFactory(period=period, unit=unit)
            units.append(unit)

    assert_constant_queries(
        build, lambda: survey.unit_rows(list(units), with_trend=True), small=2, large=20
    )
    assert count_queries(lambda: survey.unit_rows(list(units))) <= 3


# ---------------------------------------------------------------- unit heads


@pytest.fixture
def office(role_groups):
    """A dinas with a head seat and a staff seat below it, each held."""
    unit = OrgUnitFactory(name="Dinas Kependudukan")
    head_seat = PositionFactory(unit=unit, job_class=14)
    staff_seat = PositionFactory(unit=unit, job_class=7, supervisor=head_seat)
    head = UserFactory(username="kadis", role=roles.SUPERVISOR)
    staff = UserFactory(username="staf", role=roles.EMPLOYEE)
    PlacementFactory(employee=EmployeeFactory(user=head), position=head_seat)
    PlacementFactory(employee=EmployeeFactory(user=staff), position=staff_seat)
    return unit, head, staff, head_seat


def test_the_unit_head_is_the_holder_of_the_head_seat(office):
    unit, head, staff, _seat = office
    assert survey.headed_units(head) == [unit]
    assert survey.headed_units(staff) == []


def test_an_acting_head_heads_the_unit_while_the_seat_is_vacant(office):
    unit, head, _staff, _seat = office
    other = OrgUnitFactory()
    acting_seat = PositionFactory(unit=other, job_class=14)
    PlacementFactory(employee=head.employee, position=acting_seat, kind="PLT")
    assert survey.headed_units(head) == sorted([unit, other], key=lambda u: u.name)


# ---------------------------------------------------------------- personal data


def test_personal_data_and_erasure_keep_the_index(current, citizen):
    unit = OrgUnitFactory(name="Kecamatan Barangin", kind="KECAMATAN")
    submit(current, unit, citizen, score=2)
    data = survey.personal_data(citizen)
    assert data[0]["unit"] == "Kecamatan Barangin"
    assert data[0]["nilai"]["Persyaratan"] == 2
    before = survey.results()
    assert survey.erase_personal_data(citizen) == 1
    assert survey.personal_data(citizen) == []
    assert SurveyResponse.objects.get().respondent is None
    assert survey.results() == before
