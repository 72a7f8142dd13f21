from __future__ import annotations

import pghistory.models
import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from tests.accounts.factories import UserFactory
from tests.competency.factories import (
    AssessmentFactory,
    CompletedRegistrationFactory,
    ExternalLearningFactory,
)

pytestmark = pytest.mark.django_db

# The audit trail's event models are pghistory's business, not the admin's.
MODELS = [
    model
    for model in apps.get_app_config("competency").get_models()
    if not issubclass(model, pghistory.models.Event)
]


def test_every_competency_model_is_in_the_admin():
    missing = [m.__name__ for m in MODELS if m not in admin.site._registry]
    assert missing == []


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_every_changelist_and_search_renders(client, model):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    AssessmentFactory()
    CompletedRegistrationFactory()
    ExternalLearningFactory()
    url = reverse(f"admin:competency_{model._meta.model_name}_changelist")
    assert client.get(url).status_code == 200
    assert client.get(url, {"q": "uji"}).status_code == 200


def test_an_assessment_cannot_be_edited_in_place(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assessment = AssessmentFactory()
    url = reverse("admin:competency_assessment_change", args=[assessment.pk])
    response = client.post(url, {"level": 5})
    assessment.refresh_from_db()
    assert assessment.level == 2
    assert response.status_code in (200, 403)
