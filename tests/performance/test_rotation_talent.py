"""The rotation batch page shows each mover's 9-box through
settings.ROTATION_TALENT_PROVIDER (positions does not import performance)."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from performance.rotation import boxes_for
from positions.models import Move, RotationBatch
from sawahlunto_asn.accounts import roles
from tests.accounts.factories import UserFactory
from tests.performance.factories import (
    RATINGS_FOR,
    EvaluationFactory,
    PeriodFactory,
    SkpFactory,
    TalentPotentialFactory,
)
from tests.positions.factories import EmployeeFactory, PlacementFactory, PositionFactory

pytestmark = pytest.mark.django_db


def rated(employee, year, predikat, potential):
    period = PeriodFactory(year=year)
    work, behaviour = RATINGS_FOR[predikat]
    EvaluationFactory(
        skp=SkpFactory(period=period, employee=employee),
        work_results_rating=work,
        behaviour_rating=behaviour,
    )
    TalentPotentialFactory(period=period, employee=employee, level=potential)


def test_the_latest_period_with_results_gives_the_box():
    star, plain = EmployeeFactory(), EmployeeFactory()
    rated(star, 2024, "BAIK", "RENDAH")
    rated(star, 2025, "SANGAT_BAIK", "TINGGI")
    assert boxes_for([star.pk, plain.pk]) == {star.pk: 9}


def test_no_results_no_boxes():
    assert boxes_for([EmployeeFactory().pk]) == {}


@pytest.fixture
def batch_page(role_groups):
    hr = UserFactory(role=roles.HR)
    a, b = PositionFactory(needs=1), PositionFactory(needs=1)
    x = EmployeeFactory(birth_date=date(1985, 5, 10))
    y = EmployeeFactory(birth_date=date(1986, 6, 11))
    PlacementFactory(employee=x, position=a, start_date=date(2020, 1, 1))
    PlacementFactory(employee=y, position=b, start_date=date(2020, 1, 1))
    rated(x, 2025, "SANGAT_BAIK", "MENENGAH")
    batch = RotationBatch.objects.create(
        title="Gerbong", effective_date=date(2026, 7, 1), created_by=hr
    )
    for who, src, dst in ((x, a, b), (y, b, a)):
        Move.objects.create(
            batch=batch,
            employee=who,
            from_position=src,
            to_position=dst,
            kind="ROTASI",
            reason="Penyegaran",
        )
    client = Client()
    client.force_login(hr)
    return client, reverse("positions:batch_detail", args=[batch.pk])


def test_the_batch_page_shows_the_movers_box(batch_page):
    client, url = batch_page
    html = client.get(url).content.decode()
    assert html.count('data-testid="talent-box"') == 1
    assert "Kotak 7" in html


def test_without_a_provider_no_box_is_shown(batch_page, settings):
    settings.ROTATION_TALENT_PROVIDER = ""
    client, url = batch_page
    assert 'data-testid="talent-box"' not in client.get(url).content.decode()
