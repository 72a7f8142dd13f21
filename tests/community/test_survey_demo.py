"""The demo SKM data: idempotent, every unit answered, all four bands shown."""

from __future__ import annotations

from datetime import date

import pytest

from community.demo.survey import seed_survey
from community.models import SurveyPeriod, SurveyResponse
from community.services import survey
from sawahlunto_asn.accounts import roles
from tests.accounts.factories import UserFactory
from tests.positions.factories import OrgUnitFactory

pytestmark = pytest.mark.django_db


def test_seed_survey_spreads_units_over_every_band_and_is_idempotent(
    role_groups, settings
):
    settings.COMMUNITY_SKM_MIN_RESPONDENTS = 5
    units = [OrgUnitFactory() for _ in range(14)]
    OrgUnitFactory(kind="SEKSI")  # not a public-service unit: not surveyed
    citizens = UserFactory.create_batch(4, role=roles.CITIZEN)

    created = seed_survey(citizens, as_of=date(2026, 3, 15))
    assert created == SurveyResponse.objects.count() > 0
    assert seed_survey(citizens, as_of=date(2026, 3, 15)) == 0

    periods = list(SurveyPeriod.objects.order_by("start_date"))
    assert [(p.name, p.status) for p in periods] == [
        ("Tahun 2025", "CLOSED"),
        ("Semester I 2026", "OPEN"),
    ]
    found = survey.results()
    for period in periods:
        per_unit = [found[(u.pk, period.pk)] for u in units]
        public = [r for r in per_unit if r.is_public]
        assert {r.band.grade for r in public} == {"A", "B", "C", "D"}
        assert 0 < len(per_unit) - len(public) < len(public)
    # Too few citizens were given: demo respondents made up the rest.
    assert SurveyResponse.objects.filter(respondent__in=citizens).exists()
    assert SurveyResponse.objects.filter(
        respondent__username__startswith="responden-skm-"
    ).exists()
