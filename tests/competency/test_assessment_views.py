"""An employee's assessment history and recording a new assessment."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from competency.models import Assessment
from tests.competency.conftest import comp

pytestmark = pytest.mark.django_db


def history(employee):
    return reverse("competency:assessment_list", args=[employee.pk])


def create(employee):
    return reverse("competency:assessment_create", args=[employee.pk])


def form(**overrides):
    data = {
        "competency": comp("M.01").pk,
        "level": "3",
        "assessed_on": timezone.localdate().isoformat(),
        "method": "COMPETENCY_TEST",
        "assessor_name": "Tim Asesor BKPSDM",
        "notes": "",
    }
    return {**data, **overrides}


@pytest.mark.parametrize(
    ("persona", "mine", "colleague", "outsider"),
    [
        ("hr_officer", 200, 200, 200),
        ("supervisor", 200, 200, 404),
        ("employee", 200, 404, 404),
        ("citizen", 403, 403, 403),
    ],
)
def test_who_sees_whose_history(client_for, team, persona, mine, colleague, outsider):
    client = client_for(persona)
    assert client.get(history(team["mine"])).status_code == mine
    assert client.get(history(team["colleague"])).status_code == colleague
    assert client.get(history(team["outsider"])).status_code == outsider


def test_the_latest_assessment_is_marked_as_the_one_that_counts(client_for, team):
    client = client_for("hr_officer")
    client.post(create(team["colleague"]), form(level="2"))
    html = client.get(history(team["colleague"])).content.decode()
    # The fixture's level 3 stays as history; today's level 2 counts.
    assert html.count("berlaku") == 1
    assert Assessment.objects.filter(employee=team["colleague"]).count() == 2


def test_hr_records_any_method(client_for, team):
    response = client_for("hr_officer").post(create(team["mine"]), form())
    assert response.status_code == 302
    saved = Assessment.objects.get(employee=team["mine"])
    assert (saved.level, saved.method, saved.assessor_name) == (
        3,
        "COMPETENCY_TEST",
        "Tim Asesor BKPSDM",
    )


def test_a_supervisor_records_only_his_own_evaluation_of_his_team(client_for, team):
    client = client_for("supervisor")
    page = client.get(create(team["mine"])).content.decode()
    assert "Uji kompetensi" not in page
    refused = client.post(create(team["mine"]), form())
    assert refused.status_code == 200  # the form again, with the method refused
    assert not Assessment.objects.filter(employee=team["mine"]).exists()
    client.post(create(team["mine"]), form(method="SUPERVISOR"))
    assert Assessment.objects.get(employee=team["mine"]).method == "SUPERVISOR"
    assert client.get(create(team["outsider"])).status_code == 404


def test_nobody_else_records(client_for, team):
    assert client_for("employee").get(create(team["mine"])).status_code == 403
    assert client_for("citizen").post(create(team["mine"]), form()).status_code == 403


def test_bad_input_is_a_message_and_nothing_is_saved(client_for, team):
    client = client_for("hr_officer")
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = client.post(create(team["mine"]), form(assessed_on=tomorrow.isoformat()))
    assert response.status_code == 200
    assert "tidak boleh di masa depan" in response.content.decode()
    response = client.post(create(team["mine"]), form(level="9"))
    assert response.status_code == 200
    assert not Assessment.objects.filter(employee=team["mine"]).exists()


def test_a_new_assessment_closes_the_gap_on_the_profile(client_for, team):
    client = client_for("hr_officer")
    profile = reverse("positions:employee_detail", args=[team["mine"].pk])
    assert "belum diases" in client.get(profile).content.decode()
    client.post(create(team["mine"]), form(level="2"))
    html = client.get(profile).content.decode()
    assert "belum diases" not in html
