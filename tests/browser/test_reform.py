from __future__ import annotations

import pytest
from django.conf import settings
from django.urls import reverse

from tests.accounts.factories import PASSWORD
from tests.browser.conftest import ARTIFACTS
from tests.reform.dataset import YEAR, build_city

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


CHARTS = (
    "workforce",  # bars
    "pyramid",
    "competency",
    "appraisal-stacked",
    "ninebox",
    "trend-line",
)


@pytest.fixture
def city(settings):
    settings.COMMUNITY_SKM_MIN_RESPONDENTS = 2
    return build_city()


def test_hr_opens_the_reform_dashboard(
    page, live_server, hr_officer, city, screenshot, console_errors
):
    url = live_server.url + reverse("reform:dashboard") + f"?tahun={YEAR}"
    page.goto(url)
    page.get_by_label("Nama pengguna").fill(hr_officer.username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(url)
    assert page.get_by_role(
        "heading", name="Kebutuhan dan keterisian jabatan"
    ).is_visible()
    for chart in CHARTS:
        figure = page.get_by_test_id(f"chart-{chart}")
        figure.scroll_into_view_if_needed()
        assert figure.is_visible(), chart
        assert figure.bounding_box()["height"] > 40, chart  # drawn, not collapsed
    screenshot("reform-dashboard-hr")
    page.get_by_test_id("chart-pyramid").screenshot(
        path=str(ARTIFACTS / "reform-chart-pyramid.png")
    )
    page.get_by_test_id("chart-ninebox").screenshot(
        path=str(ARTIFACTS / "reform-chart-ninebox.png")
    )
    page.emulate_media(media="print")
    assert not page.locator("form.no-print").first.is_visible()
    for chart in CHARTS:  # printed with the page
        assert page.get_by_test_id(f"chart-{chart}").is_visible(), chart
    screenshot("reform-dashboard-print")
    page.pdf(path=str(ARTIFACTS / "reform-dashboard.pdf"), landscape=True)
    assert console_errors == []


def test_anyone_opens_the_transparency_page(
    page, live_server, city, screenshot, console_errors
):
    page.goto(live_server.url + reverse("reform:transparency") + f"?tahun={YEAR}")
    assert page.get_by_role("heading", name="Data terbuka").is_visible()
    assert page.get_by_text(f"< {settings.REFORM_MIN_GROUP}").first.is_visible()
    # The small city hides every predikat share: its bar is all grey rest.
    for chart in ("workforce", "appraisal-stacked", "trend-line"):
        assert page.get_by_test_id(f"chart-{chart}").is_visible(), chart
    assert page.get_by_test_id("chart-ninebox").count() == 0
    screenshot("reform-transparency")
    assert console_errors == []
