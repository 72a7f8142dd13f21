from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from sawahlunto_asn.accounts import roles
from tests.accounts.factories import UserFactory
from tests.browser.conftest import save_screenshot
from tests.positions.factories import EmployeeFactory, PlacementFactory, PositionFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def session_for(user) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value


def test_a_batch_goes_from_draft_to_executed_through_the_roles(
    browser, live_server, role_groups
):
    a = PositionFactory(
        needs=1, code="BKAD-KAS", title="Bendahara Pengeluaran", field="KEUANGAN"
    )
    b = PositionFactory(
        needs=1, code="MPP-LOKET", title="Petugas Loket MPP", field="PELAYANAN_PUBLIK"
    )
    staff = UserFactory(role=roles.EMPLOYEE)
    x = EmployeeFactory(
        name="Rahmat Keuangan", birth_date=date(1985, 5, 10), user=staff
    )
    y = EmployeeFactory(name="Sari Layanan", birth_date=date(1986, 6, 11))
    PlacementFactory(employee=x, position=a, start_date=date(2019, 1, 1))
    PlacementFactory(employee=y, position=b, start_date=date(2019, 1, 1))
    users = {
        "hr": UserFactory(role=roles.HR),
        "reviewer": UserFactory(role=roles.REVIEWER),
        "ppk": UserFactory(role=roles.PPK),
        "staff": staff,
    }

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
        return context.new_page()

    hr = as_("hr")
    hr.goto(live_server.url + reverse("positions:batch_create"))
    hr.get_by_label("Judul").fill("Gerbong Juli 2025")
    hr.get_by_label("Tanggal efektif").fill("2025-07-01")
    hr.get_by_role("button", name="Simpan").click()
    for nip, code in ((x.nip, "MPP-LOKET"), (y.nip, "BKAD-KAS")):
        hr.get_by_label("NIP pegawai").fill(nip)
        hr.get_by_label("Kode jabatan tujuan").fill(code)
        hr.get_by_label("Alasan", exact=True).fill("Memperluas pengalaman")
        hr.get_by_role("button", name="Tambahkan").click()
    assert hr.get_by_text("rumpun baru").count() == 2
    detail = hr.url
    hr.get_by_role("button", name="Ajukan ke Tim Penilai Kinerja").click()
    assert hr.get_by_test_id("status").inner_text() == "Diajukan"

    reviewer = as_("reviewer")
    reviewer.goto(detail)
    reviewer.get_by_label("Nomor berita acara").fill("BA/07/TPK/2025")
    reviewer.get_by_label("Tanggal berita acara").fill("2025-06-10")
    for name in (x.name, y.name):
        reviewer.get_by_label(f"Rekomendasi untuk {name}").select_option("SETUJU")
    reviewer.get_by_role("button", name="Rekomendasikan").click()
    assert reviewer.get_by_test_id("status").inner_text() == "Direkomendasikan"

    ppk = as_("ppk")
    ppk.goto(detail)
    ppk.get_by_role("button", name="Setujui (PPK)").click()
    assert ppk.get_by_test_id("status").inner_text() == "Disetujui"

    hr.goto(detail)
    hr.get_by_label("Nomor SK").fill("800.1.3.3/45/BKPSDM-SWL/2025")
    hr.get_by_label("Tanggal SK").fill("2025-06-20")
    hr.get_by_label("Penandatangan SK").fill("WALI KOTA SAWAHLUNTO")
    hr.get_by_role("button", name="Catat SK").click()
    hr.get_by_role("button", name="Laksanakan sekarang").click()
    assert hr.get_by_test_id("status").inner_text() == "Dilaksanakan"
    save_screenshot(hr, "rotation-batch-executed")

    mine = as_("staff")
    mine.goto(live_server.url + reverse("positions:my_profile"))
    assert mine.get_by_test_id("current-position").inner_text() == "Petugas Loket MPP"
    assert (
        "800.1.3.3/45/BKPSDM-SWL/2025"
        in mine.get_by_test_id("decreed-moves").inner_text()
    )
