from __future__ import annotations

import pytest
from django.contrib import admin
from django.urls import reverse

from positions.models import Placement
from tests.accounts.factories import UserFactory
from tests.positions.factories import PlacementFactory

pytestmark = pytest.mark.django_db

REGISTRY_MODELS = [m for m in admin.site._registry if m._meta.app_label == "positions"]


def test_every_registry_model_is_in_the_admin():
    names = {m._meta.model_name for m in REGISTRY_MODELS}
    assert names >= {
        "rank",
        "educationlevel",
        "retirementrule",
        "orgunit",
        "position",
        "employee",
        "rankhistory",
        "educationhistory",
        "placement",
        "importbatch",
    }


@pytest.mark.parametrize("model", REGISTRY_MODELS, ids=lambda m: m._meta.model_name)
def test_changelist_and_search_load(client, model):
    PlacementFactory()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    url = reverse(f"admin:positions_{model._meta.model_name}_changelist")
    assert client.get(url).status_code == 200
    assert client.get(url, {"q": "uji"}).status_code == 200


def test_change_pages_link_to_the_audit_trail(client):
    placement = PlacementFactory()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    html = client.get(
        reverse("admin:positions_employee_change", args=[placement.employee_id])
    ).content.decode()
    assert (
        reverse("audit_history", args=["positions", "employee", placement.employee_id])
        in html
    )
    # History is never rewritten through the admin.
    url = reverse("admin:positions_placement_change", args=[placement.pk])
    client.post(url, {"end_date": "2020-01-02"})
    assert Placement.objects.get(pk=placement.pk).end_date is None
