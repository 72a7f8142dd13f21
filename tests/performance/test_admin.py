from __future__ import annotations

import pghistory.models
import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from performance import services
from performance.models import Period
from tests.accounts.factories import UserFactory
from tests.performance.conftest import rate

pytestmark = pytest.mark.django_db

MODELS = [
    model
    for model in apps.get_app_config("performance").get_models()
    if not issubclass(model, pghistory.models.Event)
]


def test_every_performance_model_is_in_the_admin():
    missing = [m.__name__ for m in MODELS if m not in admin.site._registry]
    assert missing == []


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_every_changelist_search_and_change_page_renders(
    client, model, my_skp, employee, supervisor, hr_officer
):
    indicator = my_skp.results.get().indicators.get()
    realisation = services.record_realisation(indicator, "TW1", "x", by=employee)
    services.add_evidence(realisation, by=employee, text="Notulen")
    services.give_feedback(my_skp, by=supervisor, text="Baik", value="LOYAL")
    services.set_expectation(my_skp, "LOYAL", "Menjaga rahasia", by=supervisor)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    url = reverse(f"admin:performance_{model._meta.model_name}_changelist")
    assert client.get(url).status_code == 200
    assert client.get(url, {"q": "uji"}).status_code == 200
    obj = model.objects.first()
    if obj is not None:
        change = reverse(
            f"admin:performance_{model._meta.model_name}_change", args=[obj.pk]
        )
        assert client.get(change).status_code == 200


def test_an_evaluation_cannot_be_edited_in_the_admin(client, my_skp, supervisor):
    evaluation = rate(my_skp, supervisor)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    url = reverse("admin:performance_evaluation_change", args=[evaluation.pk])
    response = client.post(url, {"work_results_rating": "DI_ATAS_EKSPEKTASI"})
    evaluation.refresh_from_db()
    assert evaluation.work_results_rating == "SESUAI_EKSPEKTASI"
    assert response.status_code in (200, 403)


def test_the_close_action_goes_through_the_service(client, period, hr_officer):
    hr_officer.is_staff = hr_officer.is_superuser = True
    hr_officer.save()
    client.force_login(hr_officer)
    client.post(
        reverse("admin:performance_period_changelist"),
        {"action": "close", "_selected_action": [period.pk]},
    )
    period.refresh_from_db()
    assert period.status == Period.Status.CLOSED
    assert period.closed_by == hr_officer
