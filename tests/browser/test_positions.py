from __future__ import annotations

import pytest
from django.urls import reverse

from tests.positions.factories import (
    EmployeeFactory,
    OrgUnitFactory,
    PlacementFactory,
    PositionFactory,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_hr_opens_the_position_map_and_a_profile(
    page, live_server, hr_officer, screenshot, console_errors
):
    root = OrgUnitFactory(kind="PEMKOT", name="Pemerintah Kota Sawahlunto")
    dinas = OrgUnitFactory(parent=root, name="Dinas Kebudayaan")
    head = PositionFactory(
        unit=dinas,
        title="Kepala Dinas Kebudayaan",
        kind="JPT_PRATAMA",
        eselon="II.b",
        needs=1,
        job_class=14,
    )
    staff = PositionFactory(
        unit=dinas, title="Pengelola Museum", needs=3, supervisor=head
    )
    boss = PlacementFactory(
        position=head, employee=EmployeeFactory(name="Rahmat Hidayat")
    ).employee
    person = PlacementFactory(
        position=staff, employee=EmployeeFactory(name="Dewi Lestari")
    ).employee

    page.context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": _session_for(hr_officer),
                "url": live_server.url,
            }
        ]
    )
    page.goto(live_server.url + reverse("positions:position_map"))
    page.get_by_role("link", name="Dinas Kebudayaan").click()
    row = page.locator("tr", has_text="Pengelola Museum")
    assert row.locator("td").nth(3).inner_text() == "3"  # needs
    assert row.locator("td").nth(4).inner_text() == "1"  # incumbents
    assert row.get_by_text("+2").is_visible()  # two vacant seats stand out
    screenshot("position-map")

    page.goto(live_server.url + reverse("positions:employee_detail", args=[person.pk]))
    assert page.get_by_test_id("current-position").inner_text() == "Pengelola Museum"
    assert boss.name in page.get_by_test_id("supervisor").inner_text()
    screenshot("employee-profile")
    assert console_errors == []


def _session_for(user) -> str:
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value
