"""The questionnaire (citizens), the public results page and HR's periods."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from community import ikm
from community.models import RateLimitHit, SurveyPeriod, SurveyResponse
from tests.community.factories_survey import SurveyPeriodFactory, answers
from tests.helpers import assert_constant_queries
from tests.positions.factories import OrgUnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def current(db):
    today = timezone.localdate()
    return SurveyPeriodFactory(
        name="Semester I",
        start_date=today - timedelta(days=30),
        end_date=today + timedelta(days=30),
    )


@pytest.fixture
def unit(db):
    return OrgUnitFactory(name="Dinas Kependudukan dan Pencatatan Sipil")


def form_data(score=3, **extra):
    data = {e.field: str(score) for e in ikm.ELEMENTS.values()}
    data.update(
        gender="L", age_group="30_39", education="SMA", job="WIRAUSAHA", website=""
    )
    data.update(extra)
    return data


def respond_url(unit) -> str:
    return reverse("community:survey_respond", args=[unit.pk])


def loc(value) -> str:
    """A number as the Indonesian pages print it (decimal comma)."""
    return str(value).replace(".", ",")


def text(response) -> str:
    return response.content.decode()


# ---------------------------------------------------------------- questionnaire


@pytest.mark.parametrize(
    ("persona", "status"),
    [("citizen", 200), ("hr_officer", 403), ("employee", 403), ("anonymous", 302)],
)
def test_only_citizens_open_the_questionnaire(
    client_for, current, unit, persona, status
):
    response = client_for(persona).get(respond_url(unit))
    assert response.status_code == status
    if persona == "anonymous":
        assert reverse("login") in response["Location"]


def test_the_questionnaire_lists_the_nine_elements_in_the_configured_order(
    client_for, current, unit, settings
):
    codes = list(ikm.ELEMENTS)
    settings.COMMUNITY_SKM_ELEMENTS = [*codes[:7], "facilities", "complaints"]
    page = text(client_for("citizen").get(respond_url(unit)))
    labels = [str(e.label) for e in ikm.elements()]
    positions = [page.index(label) for label in labels]
    assert positions == sorted(positions)
    assert page.index("9. Penanganan Pengaduan") > page.index("8. Sarana dan Prasarana")


def test_a_citizen_answers_and_a_second_answer_is_refused(
    client_for, citizen, current, unit
):
    client = client_for("citizen")
    response = client.post(respond_url(unit), form_data(4))
    assert response.status_code == 302
    assert response["Location"] == reverse("community:unit_detail", args=[unit.pk])
    saved = SurveyResponse.objects.get()
    assert (saved.respondent, saved.period, saved.score_behaviour) == (
        citizen,
        current,
        4,
    )

    again = client.post(respond_url(unit), form_data(1))
    assert again.status_code == 200
    assert "sudah mengisi survei kepuasan" in text(again)
    assert SurveyResponse.objects.get().score_behaviour == 4
    # Coming back later shows the notice instead of the form.
    page = client.get(respond_url(unit))
    assert 'data-testid="answered"' in text(page)
    assert 'data-testid="survey-form"' not in text(page)


def test_a_missing_score_is_a_clear_error(client_for, current, unit):
    data = form_data()
    del data["score_cost"]
    response = client_for("citizen").post(respond_url(unit), data)
    assert response.status_code == 200
    assert "Pilih nilai 1 sampai 4 untuk unsur ini." in text(response)
    data = form_data(score=7)
    response = client_for("citizen").post(respond_url(unit), data)
    assert response.status_code == 200
    assert not SurveyResponse.objects.exists()


def test_the_honeypot_stops_bots(client_for, current, unit):
    response = client_for("citizen").post(
        respond_url(unit), form_data(website="http://spam.example")
    )
    assert response.status_code == 200
    assert "Permintaan tidak dapat diproses." in text(response)
    assert not SurveyResponse.objects.exists()


def test_the_rate_limit_answers_clearly_and_keeps_nothing(
    client_for, current, settings
):
    settings.COMMUNITY_RATE_LIMITS = {
        **settings.COMMUNITY_RATE_LIMITS,
        "survey": (1, 3600),
    }
    first, second = OrgUnitFactory(), OrgUnitFactory()
    client = client_for("citizen")
    assert client.post(respond_url(first), form_data()).status_code == 302
    hits = RateLimitHit.objects.count()
    refused = client.post(respond_url(second), form_data())
    assert refused.status_code == 429
    assert "Terlalu banyak permintaan" in text(refused)
    assert SurveyResponse.objects.filter(unit=second).count() == 0
    assert RateLimitHit.objects.count() == hits


def test_without_an_open_period_the_page_says_so(client_for, unit):
    SurveyPeriodFactory(status=SurveyPeriod.Status.CLOSED)
    response = client_for("citizen").get(respond_url(unit))
    assert 'data-testid="no-period"' in text(response)
    posted = client_for("citizen").post(respond_url(unit), form_data())
    assert posted.status_code == 200
    assert not SurveyResponse.objects.exists()


def test_a_unit_that_is_not_a_public_service_is_404(client_for, current):
    section = OrgUnitFactory(kind="SEKSI")
    assert client_for("citizen").get(respond_url(section)).status_code == 404


# ---------------------------------------------------------------- results


def test_results_are_public_and_hidden_below_the_minimum(
    client_for, role_groups, settings
):
    settings.COMMUNITY_SKM_MIN_RESPONDENTS = 3
    period = SurveyPeriodFactory(
        name="Tahun 2024", start_date=date(2024, 1, 1), end_date=date(2024, 12, 31)
    )
    good, few = OrgUnitFactory(name="Unit Ramai"), OrgUnitFactory(name="Unit Sepi")
    answers(period, good, [4, 4, 3])
    answers(period, few, [1, 1])
    page = text(client_for("anonymous").get(reverse("community:survey_results")))
    assert "Tahun 2024" in page
    expected = ikm.result_from_scores(
        [dict.fromkeys(ikm.ELEMENTS, s) for s in (4, 4, 3)]
    )
    assert f">{loc(expected.ikm)}<" in page
    assert "A · Sangat Baik" in page
    assert "Belum cukup responden" in page
    assert "2 dari minimal 3" in page


def test_results_choose_the_period(client_for, role_groups, settings):
    settings.COMMUNITY_SKM_MIN_RESPONDENTS = 1
    old = SurveyPeriodFactory(
        name="Lama", start_date=date(2022, 1, 1), end_date=date(2022, 12, 31)
    )
    SurveyPeriodFactory(
        name="Baru", start_date=date(2023, 1, 1), end_date=date(2023, 12, 31)
    )
    unit = OrgUnitFactory()
    answers(old, unit, [1])
    latest = text(client_for("anonymous").get(reverse("community:survey_results")))
    assert "Periode Baru" in latest
    assert ">25,00<" not in latest
    chosen = client_for("anonymous").get(
        reverse("community:survey_results"), {"periode": old.pk}
    )
    assert "Periode Lama" in text(chosen)
    assert ">25,00<" in text(chosen)


def test_results_cost_the_same_queries_for_many_units(client_for, role_groups):
    period = SurveyPeriodFactory()
    client = client_for("anonymous")

    def build(n):
        for _ in range(n):
            answers(period, OrgUnitFactory(), [3, 4])

    assert_constant_queries(
        build,
        lambda: client.get(reverse("community:survey_results")),
        small=2,
        large=20,
    )


# ---------------------------------------------------------------- HR periods


@pytest.mark.parametrize(
    ("persona", "status"), [("hr_officer", 200), ("citizen", 403), ("supervisor", 403)]
)
def test_only_hr_manages_periods(client_for, persona, status):
    assert (
        client_for(persona).get(reverse("community:survey_periods")).status_code
        == status
    )


def test_hr_opens_and_closes_a_period(client_for):
    client = client_for("hr_officer")
    url = reverse("community:survey_periods")
    data = {
        "name": "Semester I 2026",
        "start_date": "2026-01-01",
        "end_date": "2026-06-30",
    }
    assert client.post(url, data).status_code == 302
    period = SurveyPeriod.objects.get()
    overlapping = client.post(url, {**data, "name": "Lain"})
    assert "beririsan" in text(overlapping)
    reversed_dates = client.post(
        url,
        {**data, "name": "Lain", "start_date": "2026-08-01", "end_date": "2026-07-01"},
    )
    assert "tidak boleh sebelum" in text(reversed_dates)
    assert SurveyPeriod.objects.count() == 1

    close = reverse("community:survey_period_close", args=[period.pk])
    assert client_for("citizen").post(close).status_code == 403
    assert client.get(close).status_code == 405
    assert client.post(close).status_code == 302
    period.refresh_from_db()
    assert period.status == SurveyPeriod.Status.CLOSED
    assert (
        client.post(reverse("community:survey_period_close", args=[999999])).status_code
        == 404
    )
