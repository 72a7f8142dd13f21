from __future__ import annotations

import pytest
from django.conf import settings
from django.urls import reverse

from tests.accounts.factories import PASSWORD
from tests.reform.dataset import YEAR, build_city

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


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
    assert page.get_by_test_id("chart-workforce").is_visible()
    screenshot("reform-dashboard-hr")
    page.emulate_media(media="print")
    assert not page.locator("form.no-print").is_visible()
    screenshot("reform-dashboard-print")
    assert console_errors == []


def test_anyone_opens_the_transparency_page(
    page, live_server, city, screenshot, console_errors
):
    page.goto(live_server.url + reverse("reform:transparency") + f"?tahun={YEAR}")
    assert page.get_by_role("heading", name="Data terbuka").is_visible()
    assert page.get_by_text(f"< {settings.REFORM_MIN_GROUP}").first.is_visible()
    screenshot("reform-transparency")
    assert console_errors == []
