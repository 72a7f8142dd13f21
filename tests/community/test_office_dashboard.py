"""The office dashboard: HR sees every unit, a unit head his own unit only."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from community.models import Feedback
from sawahlunto_asn.accounts import roles
from tests.accounts.factories import UserFactory
from tests.community.factories_feedback import FeedbackFactory
from tests.community.factories_survey import SurveyPeriodFactory, answers
from tests.helpers import assert_constant_queries
from tests.positions.factories import (
    EmployeeFactory,
    OrgUnitFactory,
    PlacementFactory,
    PositionFactory,
)

pytestmark = pytest.mark.django_db

URL = reverse("community:office_dashboard")


def text(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


@pytest.fixture
def city(role_groups):
    """Two dinas, each with a head seat and a staff seat; the heads and one staff
    member have accounts."""
    units = {}
    for key, name in (("x", "Dinas Sosial"), ("y", "Dinas Perhubungan")):
        unit = OrgUnitFactory(name=name)
        head_seat = PositionFactory(unit=unit, job_class=14)
        staff_seat = PositionFactory(unit=unit, job_class=7, supervisor=head_seat)
        head = UserFactory(username=f"kepala-{key}", role=roles.SUPERVISOR)
        PlacementFactory(employee=EmployeeFactory(user=head), position=head_seat)
        units[key] = (unit, head, staff_seat)
    staff = UserFactory(username="staf-x", role=roles.EMPLOYEE)
    PlacementFactory(employee=EmployeeFactory(user=staff), position=units["x"][2])
    return units["x"][0], units["x"][1], units["y"][0], units["y"][1], staff


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_hr_sees_the_overview_of_every_unit(client_for, city):
    unit_x, _head_x, unit_y, _head_y, _staff = city
    today = timezone.localdate()
    FeedbackFactory(unit=unit_x, assigned=True, answer_due=today - timedelta(days=2))
    page = text(client_for("hr_officer").get(URL))
    overview = page[page.index('data-testid="overview"') :]
    assert unit_x.name in overview
    assert unit_y.name in overview
    row = overview[
        overview.index(unit_x.name) : overview.index(
            "</tr>", overview.index(unit_x.name)
        )
    ]
    assert "text-bg-danger" in row  # the overdue feedback is flagged


def test_hr_opens_any_unit(client_for, city):
    _unit_x, _head, unit_y, _h, _s = city
    page = text(client_for("hr_officer").get(URL, {"unit": unit_y.pk}))
    assert 'data-testid="volume"' in page
    assert unit_y.name in page


def test_a_unit_head_sees_his_unit_only(city):
    unit_x, head_x, unit_y, _head_y, _staff = city
    client = login(head_x)
    page = text(client.get(URL))
    assert f"Dasbor layanan publik: {unit_x.name}" in page
    assert 'data-testid="overview"' not in page
    assert text(client.get(URL, {"unit": unit_x.pk}))
    assert client.get(URL, {"unit": unit_y.pk}).status_code == 404
    assert client.get(URL, {"unit": "bukan-angka"}).status_code == 404


@pytest.mark.parametrize("persona", ["employee", "supervisor", "citizen", "moderator"])
def test_others_are_refused(client_for, city, persona):
    assert client_for(persona).get(URL).status_code == 403


def test_staff_who_head_no_unit_are_refused(city):
    _x, _hx, _y, _hy, staff = city
    assert login(staff).get(URL).status_code == 403


def test_anonymous_goes_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_unit_figures_volume_deadlines_and_ikm_trend(city, settings):
    settings.COMMUNITY_SKM_MIN_RESPONDENTS = 2
    unit_x, head_x, *_rest = city
    today = timezone.localdate()
    now = timezone.now()
    FeedbackFactory(unit=unit_x, created_at=now)
    FeedbackFactory(
        unit=unit_x, assigned=True, created_at=now, answer_due=today - timedelta(days=1)
    )
    FeedbackFactory(unit=unit_x, answered=True, created_at=now - timedelta(days=40))
    FeedbackFactory(
        unit=unit_x,
        status=Feedback.Status.REJECTED,
        rejection_reason="Bukan kewenangan unit",
        created_at=now,
    )
    period = SurveyPeriodFactory(name="Tahun Uji")
    answers(period, unit_x, [4, 3])
    page = text(login(head_x).get(URL))
    overdue = page[page.index('data-testid="overdue"') :]
    assert overdue.startswith(
        'data-testid="overdue"><span class="badge text-bg-danger">1<'
    )
    volume = page[
        page.index('data-testid="volume"') : page.index(
            "</table>", page.index('data-testid="volume"')
        )
    ]
    assert volume.count("<tr>") == 13  # header + twelve months
    assert str(today.year) in volume
    statuses = page[page.index('data-testid="statuses"') :]
    assert 'Ditolak</dt><dd class="col-4 text-end">1<' in statuses
    trend = page[page.index('data-testid="trend"') :]
    assert "Tahun Uji" in trend
    assert "87,50" in trend
    assert "B · Baik" in trend
    # Nothing on the page scores a person: no employee names.
    assert head_x.employee.name not in page


def test_the_hr_overview_costs_the_same_queries_for_many_units(client_for, city):
    client = client_for("hr_officer")
    period = SurveyPeriodFactory()

    def build(n):
        for _ in range(n):
            unit = OrgUnitFactory()
            answers(period, unit, [3])
            FeedbackFactory(unit=unit, assigned=True)

    assert_constant_queries(build, lambda: client.get(URL), small=2, large=12)
