from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from sawahlunto_asn.accounts import roles
from tests.accounts.factories import UserFactory
from tests.browser.conftest import save_screenshot
from tests.competency.factories import TrainingProgramFactory
from tests.positions.factories import EmployeeFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def session_for(user) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value


def test_hr_runs_an_event_and_the_employees_jp_rise(browser, live_server, role_groups):
    TrainingProgramFactory(title="Pelatihan Literasi Digital", jp_credit=16)
    staff = UserFactory(role=roles.EMPLOYEE)
    EmployeeFactory(name="Budi Santoso", user=staff)
    users = {"hr": UserFactory(role=roles.HR), "staff": staff}
    errors: list[str] = []

    def as_(who):
        context = browser.new_context()
        context.add_cookies(
            [
                {
                    "name": "sessionid",
                    "value": session_for(users[who]),
                    "url": live_server.url,
                }
            ]
        )
        page = context.new_page()
        page.on(
            "console", lambda m: errors.append(m.text) if m.type == "error" else None
        )
        return page

    today = timezone.localdate().isoformat()
    mine = as_("staff")
    mine.goto(live_server.url + reverse("competency:my_learning"))
    assert mine.get_by_test_id("jp-total").inner_text() == "0"

    # A one-day event today: registration, attendance and completion all fit.
    hr = as_("hr")
    hr.goto(live_server.url + reverse("competency:event_create"))
    hr.get_by_label("Program").select_option(label="Pelatihan Literasi Digital")
    hr.get_by_label("Tanggal mulai").fill(today)
    hr.get_by_label("Tanggal selesai").fill(today)
    hr.get_by_label("Batas pendaftaran").fill(today)
    hr.get_by_label("Tempat").fill("Aula Balai Kota Sawahlunto")
    hr.get_by_label("Kapasitas peserta").fill("20")
    hr.get_by_role("button", name="Simpan").click()
    assert hr.get_by_test_id("event-title").inner_text() == "Pelatihan Literasi Digital"
    detail = hr.url
    assert re.search(r"/kegiatan/\d+/$", detail)

    mine.goto(detail)
    mine.get_by_role("button", name="Daftar sebagai peserta").click()
    assert mine.get_by_test_id("own-status").inner_text() == "Terdaftar"

    hr.goto(detail)
    assert hr.get_by_test_id("seats-taken").inner_text() == "1"
    hr.get_by_label("Hadir: Budi Santoso").check()
    hr.get_by_role("button", name="Simpan kehadiran").click()
    assert hr.get_by_text("1 dari 1 peserta hadir").is_visible()
    hr.get_by_label("Nomor sertifikat Budi Santoso").fill("800/LD/2025/001")
    hr.get_by_role("button", name="Nyatakan selesai").click()
    assert hr.get_by_text("1 peserta dinyatakan selesai.").is_visible()
    save_screenshot(hr, "competency-event-completed")
    hr.get_by_role("link", name="Daftar hadir (cetak)").click()
    assert "Budi Santoso" in hr.get_by_test_id("sheet").inner_text()
    save_screenshot(hr, "competency-attendance-sheet")

    mine.goto(live_server.url + reverse("competency:my_learning"))
    assert mine.get_by_test_id("jp-total").inner_text() == "16"
    assert "800/LD/2025/001" in mine.get_by_test_id("my-registrations").inner_text()
    save_screenshot(mine, "competency-my-learning")
    assert errors == []
