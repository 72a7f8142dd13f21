from __future__ import annotations

import pytest
from django.urls import reverse

from tests.accounts.factories import PASSWORD

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_hr_officer_logs_in_and_sees_the_styled_dashboard(
    page, live_server, hr_officer, screenshot, console_errors
):
    page.goto(live_server.url + reverse("dashboard"))
    assert page.url.startswith(live_server.url + reverse("login"))
    page.get_by_label("Nama pengguna").fill(hr_officer.username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(live_server.url + reverse("dashboard"))

    assert page.get_by_role("heading", name="Selamat datang").is_visible()
    menu = page.get_by_test_id("menu")
    # HR's pages sit in one dropdown per app.
    menu.get_by_role("button", name="Jabatan").click()
    assert menu.get_by_role("link", name="Peta Jabatan").is_visible()
    assert menu.get_by_role("link", name="Moderasi").count() == 0
    # Bootstrap is really applied: the navbar gets the brand background colour.
    background = page.locator("nav.navbar").evaluate(
        "el => getComputedStyle(el).backgroundColor"
    )
    assert background == "rgb(11, 93, 59)"
    screenshot("hr-dashboard")
    assert console_errors == []


def test_navigation_collapses_on_a_phone(page, live_server, hr_officer, screenshot):
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(live_server.url + reverse("login"))
    page.get_by_label("Nama pengguna").fill(hr_officer.username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(live_server.url + reverse("dashboard"))
    link = page.get_by_test_id("menu").get_by_role("button", name="Jabatan")
    assert not link.is_visible()
    page.get_by_role("button", name="Buka menu").click()
    link.wait_for(state="visible")
    page.locator("#menu-utama.collapse.show").wait_for()
    screenshot("hr-dashboard-phone")
