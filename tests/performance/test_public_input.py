"""Citizens' input beside the organisation rating: the distribution page of a
public-service unit shows its IKM and feedback figures (issue 7 item 7)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.community.factories_feedback import FeedbackFactory

pytestmark = pytest.mark.django_db

DISTRIBUTION = reverse("performance:distribution")


def page_for(client, period, unit) -> str:
    response = client.get(DISTRIBUTION, {"tahun": period.year, "unit": unit.pk})
    assert response.status_code == 200
    return response.content.decode()


def test_the_rating_page_shows_the_units_public_figures(client_for, org, period):
    org.dinas.kind = "DINAS"
    org.dinas.save(update_fields=["kind"])
    FeedbackFactory(unit=org.dinas, answered=True, rating=4)
    FeedbackFactory(unit=org.dinas, assigned=True)
    page = page_for(client_for("hr_officer"), period, org.dinas)
    assert 'data-testid="public-input"' in page
    assert "2 aspirasi warga, 1 masih terbuka" in page
    assert "penilaian warga 4,0 / 5" in page
    assert reverse("community:unit_detail", args=[org.dinas.pk]) in page


def test_a_unit_that_does_not_serve_the_public_shows_none(client_for, org, period):
    page = page_for(client_for("hr_officer"), period, org.bidang)
    assert 'data-testid="public-input"' not in page


def test_without_the_provider_nothing_is_shown(client_for, org, period, settings):
    settings.PERFORMANCE_PUBLIC_INPUT_PROVIDER = ""
    org.dinas.kind = "DINAS"
    org.dinas.save(update_fields=["kind"])
    page = page_for(client_for("hr_officer"), period, org.dinas)
    assert 'data-testid="public-input"' not in page
