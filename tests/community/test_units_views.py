"""The public unit pages: the participation home, the unit list and one unit."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from community import ikm
from tests.community.factories_feedback import FeedbackFactory
from tests.community.factories_survey import SurveyPeriodFactory, answers
from tests.helpers import assert_constant_queries
from tests.positions.factories import OrgUnitFactory

pytestmark = pytest.mark.django_db

INDEX = reverse("community:index")
UNITS = reverse("community:unit_list")


def detail(unit) -> str:
    return reverse("community:unit_detail", args=[unit.pk])


def loc(value) -> str:
    """A number as the Indonesian pages print it (decimal comma)."""
    return str(value).replace(".", ",")


def text(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


@pytest.fixture
def year(db):
    return SurveyPeriodFactory(
        name="Tahun 2024", start_date=date(2024, 1, 1), end_date=date(2024, 12, 31)
    )


@pytest.mark.parametrize("persona", ["anonymous", "citizen", "hr_officer"])
def test_public_pages_need_no_login(client_for, persona):
    unit = OrgUnitFactory()
    client = client_for(persona)
    for url in (INDEX, UNITS, detail(unit)):
        assert client.get(url).status_code == 200


def test_only_public_service_units_are_listed(client_for, role_groups):
    shown = OrgUnitFactory(name="Kelurahan Saringan", kind="KELURAHAN")
    section = OrgUnitFactory(name="Seksi Tersembunyi", kind="SEKSI")
    closed = OrgUnitFactory(name="Dinas Lama", is_active=False)
    client = client_for("anonymous")
    for url in (INDEX, UNITS):
        page = text(client.get(url))
        assert shown.name in page
        assert section.name not in page
        assert closed.name not in page
    assert client.get(detail(section)).status_code == 404
    assert client.get(detail(closed)).status_code == 404
    assert (
        client.get(reverse("community:unit_detail", args=[999999])).status_code == 404
    )


def test_unit_list_shows_ikm_band_and_feedback_figures(client_for, year, settings):
    settings.COMMUNITY_SKM_MIN_RESPONDENTS = 2
    good = OrgUnitFactory(name="Dinas Baik")
    few = OrgUnitFactory(name="Dinas Sepi")
    answers(year, good, [3, 3])
    answers(year, few, [4])
    FeedbackFactory(unit=good, assigned=True)
    FeedbackFactory(unit=good, answered=True)
    page = text(client_for("anonymous").get(UNITS))
    row = page[page.index("Dinas Baik") : page.index("</tr>", page.index("Dinas Baik"))]
    assert "75,00" in row
    assert "C · Kurang Baik" in row
    assert "(Tahun 2024)" in row
    assert '<td class="text-end">1</td>' in row  # one open feedback
    assert "100%" in row  # the answered one was answered within its deadline
    few_row = page[
        page.index("Dinas Sepi") : page.index("</tr>", page.index("Dinas Sepi"))
    ]
    assert "Belum cukup responden" in few_row
    assert "75,00" not in few_row


def test_unit_list_searches_by_name(client_for, role_groups):
    OrgUnitFactory(name="Kecamatan Talawi", kind="KECAMATAN")
    OrgUnitFactory(name="Dinas Pariwisata")
    page = text(client_for("anonymous").get(UNITS, {"q": "talawi"}))
    assert "Kecamatan Talawi" in page
    assert "Dinas Pariwisata" not in page


def test_unit_detail_shows_nrr_per_element_and_the_trend(client_for, year, settings):
    settings.COMMUNITY_SKM_MIN_RESPONDENTS = 2
    later = SurveyPeriodFactory(
        name="Tahun 2025", start_date=date(2025, 1, 1), end_date=date(2025, 12, 31)
    )
    unit = OrgUnitFactory(name="Dinas Kesehatan")
    answers(year, unit, [{**dict.fromkeys(ikm.ELEMENTS, 4), "cost": 1}] * 2)
    answers(later, unit, [2])
    page = text(client_for("anonymous").get(detail(unit)))
    expected = ikm.result_from_scores(
        [{**dict.fromkeys(ikm.ELEMENTS, 4), "cost": 1}] * 2
    )
    # The latest published result is 2024's; 2025 has too few answers.
    assert f">{loc(expected.ikm)}<" in page
    assert "(Tahun 2024)" in page
    nrr = page[page.index('data-testid="nrr"') :]
    assert "Biaya/Tarif" in nrr
    assert "1,0000" in nrr
    assert "4,0000" in nrr
    trend = page[page.index('data-testid="trend"') :]
    assert trend.index("Tahun 2025") < trend.index("Tahun 2024")
    assert "1 dari minimal 2" in trend
    chosen = text(client_for("anonymous").get(detail(unit), {"periode": later.pk}))
    assert 'data-testid="nrr"' not in chosen
    assert "Periode Tahun 2025, 1 responden." in chosen


def test_unit_detail_invites_to_the_open_survey(client_for, citizen):
    today = timezone.localdate()
    period = SurveyPeriodFactory(
        name="Semester berjalan",
        start_date=today - timedelta(days=3),
        end_date=today + timedelta(days=3),
    )
    unit = OrgUnitFactory()
    respond = reverse("community:survey_respond", args=[unit.pk])
    assert respond in text(client_for("anonymous").get(detail(unit)))
    answers(period, unit, [3])
    from community.models import SurveyResponse

    SurveyResponse.objects.update(respondent=citizen)
    page = text(client_for("citizen").get(detail(unit)))
    assert respond not in page
    assert "sudah mengisi survei" in page


def test_user_text_is_escaped(client_for, year, settings):
    settings.COMMUNITY_SKM_MIN_RESPONDENTS = 1
    unit = OrgUnitFactory(name='<script>alert("x")</script>')
    year.name = "<img src=x onerror=alert(1)>"
    year.save()
    answers(year, unit, [3])
    client = client_for("anonymous")
    for url in (INDEX, UNITS, detail(unit), reverse("community:survey_results")):
        page = text(client.get(url))
        assert "<script>alert" not in page
        assert "<img src=x" not in page
        assert "&lt;script&gt;" in page or "&lt;img" in page


@pytest.mark.parametrize("page", ["index", "list", "detail"])
def test_public_unit_pages_cost_the_same_queries_for_many_rows(
    client_for, year, page, settings
):
    settings.COMMUNITY_SKM_MIN_RESPONDENTS = 2
    anchor = OrgUnitFactory(name="AAA Dinas Utama")
    url = {"index": INDEX, "list": UNITS, "detail": detail(anchor)}[page]
    client = client_for("anonymous")
    later = [SurveyPeriodFactory()]

    def build(n):
        for _ in range(n):
            unit = OrgUnitFactory()
            answers(year, unit, [3, 4])
            answers(year, OrgUnitFactory(), [2])
            FeedbackFactory(unit=unit, assigned=True)
            FeedbackFactory(unit=anchor, answered=True)
        answers(later[0], anchor, [4] * n)

    assert_constant_queries(build, lambda: client.get(url), small=2, large=20)
