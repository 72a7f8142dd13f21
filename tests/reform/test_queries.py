"""The city's indicators, the dashboard and the transparency page take as many
queries for a larger city as for a small one."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from competency.models import YearlyJp
from performance.models import Period
from sawahlunto_asn.reform import indicators, snapshots
from tests.community.factories_feedback import FeedbackFactory
from tests.helpers import assert_constant_queries
from tests.performance.factories import EvaluationFactory, SkpFactory
from tests.positions.factories import (
    EmployeeFactory,
    OrgUnitFactory,
    PlacementFactory,
    PositionFactory,
)
from tests.reform.dataset import YEAR, at, build_city

pytestmark = pytest.mark.django_db


@pytest.fixture
def grow(settings):
    settings.COMMUNITY_SKM_MIN_RESPONDENTS = 2
    city = build_city()
    period = Period.objects.get(year=YEAR)

    def build(n: int) -> None:
        """A new perangkat daerah with a sub-unit and n employees (each placed,
        appraised, with JP) and n feedback items."""
        opd = OrgUnitFactory(parent=city.root)
        sub = OrgUnitFactory(parent=opd, kind="BIDANG")
        for i in range(n):
            unit = opd if i % 2 else sub
            person = EmployeeFactory(birth_date=date(1970 + i % 30, 1 + i % 12, 1))
            PlacementFactory(
                employee=person,
                position=PositionFactory(unit=unit, needs=1),
                start_date=date(2015 + i % 10, 1, 1),
            )
            EvaluationFactory(skp=SkpFactory(period=period, employee=person, unit=unit))
            YearlyJp.objects.create(employee=person, year=YEAR, counted=10 + i)
            FeedbackFactory(
                unit=unit,
                status="DIJAWAB",
                created_at=at(2025, 2, 1),
                verified_at=at(2025, 2, 1),
                answered_at=at(2025, 2, 3),
                answer_due=date(2025, 2, 10),
            )
        # The nightly refresh_reform_indicators: the pages read its row.
        snapshots.refresh(YEAR)

    return build


def test_the_city_indicators_take_a_constant_number_of_queries(grow):
    queries = assert_constant_queries(grow, lambda: indicators.compute(YEAR), 2, 12)
    assert queries <= 16


def test_the_dashboard_takes_a_constant_number_of_queries(grow, client_for):
    client = client_for("hr_officer")
    url = reverse("reform:dashboard")
    queries = assert_constant_queries(
        grow, lambda: client.get(url, {"tahun": YEAR}), 2, 12
    )
    # Session, user, bell, years, the picker's units, the rows below (two), the
    # year's row and its scopes, the trend: nothing is aggregated on the request.
    assert queries <= 12


def test_the_transparency_page_takes_a_constant_number_of_queries(grow, client):
    url = reverse("reform:transparency")
    queries = assert_constant_queries(
        grow, lambda: client.get(url, {"tahun": YEAR}), 2, 12
    )
    assert queries <= 6


def test_the_open_data_takes_a_constant_number_of_queries(grow, client):
    url = reverse("reform:open_data", args=["json"])
    queries = assert_constant_queries(
        grow, lambda: client.get(url, {"tahun": YEAR}), 2, 12
    )
    assert queries <= 5
