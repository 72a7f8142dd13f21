"""The rotation batch page shows what a mover would lack in his target position,
through settings.ROTATION_GAP_PROVIDER (positions does not import competency)."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from competency.models import Competency
from positions.models import Move, RotationBatch
from sawahlunto_asn.accounts import roles
from tests.accounts.factories import UserFactory
from tests.competency.factories import AssessmentFactory, PositionStandardFactory
from tests.positions.factories import EmployeeFactory, PlacementFactory, PositionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def batch(role_groups):
    hr = UserFactory(role=roles.HR)
    finance = PositionFactory(needs=1, field="KEUANGAN", title="Bendahara")
    service = PositionFactory(needs=1, field="PELAYANAN_PUBLIK", title="Petugas Loket")
    PositionStandardFactory(
        position=service,
        competency=Competency.objects.get(code="M.05"),
        required_level=3,
    )
    PositionStandardFactory(
        position=service,
        competency=Competency.objects.get(code="M.01"),
        required_level=2,
    )
    mover = EmployeeFactory(name="Rahmat Keuangan", birth_date=date(1985, 5, 10))
    PlacementFactory(employee=mover, position=finance, start_date=date(2020, 1, 1))
    AssessmentFactory(
        employee=mover, competency=Competency.objects.get(code="M.05"), level=2
    )
    AssessmentFactory(
        employee=mover, competency=Competency.objects.get(code="M.01"), level=4
    )
    batch = RotationBatch.objects.create(
        title="Gerbong Juli", effective_date=date(2025, 7, 1), created_by=hr
    )
    Move.objects.create(
        batch=batch,
        employee=mover,
        from_position=finance,
        to_position=service,
        kind="ROTASI",
        reason="Memperluas pengalaman",
    )
    client = Client()
    client.force_login(hr)
    return client, reverse("positions:batch_detail", args=[batch.pk])


def test_the_batch_page_lists_the_competencies_the_mover_would_lack(batch):
    client, url = batch
    html = client.get(url).content.decode()
    assert 'data-testid="target-gaps"' in html
    assert "Pelayanan Publik (2/3)" in html
    assert (
        "Integritas"
        not in html.split('data-testid="target-gaps"')[1].split("</div>")[0]
    )


def test_without_a_provider_the_page_says_nothing_of_competencies(batch, settings):
    settings.ROTATION_GAP_PROVIDER = ""
    client, url = batch
    assert 'data-testid="target-gaps"' not in client.get(url).content.decode()
