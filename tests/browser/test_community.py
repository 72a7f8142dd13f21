"""Issue 7 acceptance: a citizen signs up, submits feedback, a moderator verifies
it, the unit answers, the citizen rates the answer and sees the unit's figures
change. Every person has his own browser context; everything goes through the UI."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse
from playwright.sync_api import expect

from sawahlunto_asn.accounts import roles
from tests.accounts.factories import PASSWORD, UserFactory
from tests.browser.conftest import save_screenshot
from tests.community.factories import ResponderFactory
from tests.positions.factories import OrgUnitFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

CITIZEN_PASSWORD = "Ombilin#Tambang1"
UNIT = "Dinas Kependudukan dan Pencatatan Sipil"
TITLE = "Antrean KTP elektronik terlalu lama"
ANSWER = "Mulai Senin loket KTP-el dibuka dua, dengan nomor antrean daring."
NONE_YET = "\u2013"  # the en dash the unit page shows for "no figure yet"
CODE = re.compile(r"[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}")


def feedback_figures(page) -> dict[str, str]:
    """The unit page's feedback figures, label -> shown value."""
    stats = page.get_by_test_id("feedback-stats")
    labels = stats.locator("dt").all_inner_texts()
    values = stats.locator("dd").all_inner_texts()
    return {k.strip(): v.strip() for k, v in zip(labels, values, strict=True)}


def test_citizen_feedback_round_trip_changes_the_unit_figures(
    browser, live_server, role_groups, moderator
):
    unit = OrgUnitFactory(name=UNIT, kind="DINAS")
    officer = UserFactory(username="petugas-dukcapil", role=roles.EMPLOYEE)
    ResponderFactory(user=officer, unit=unit)
    errors: list[str] = []

    def new_page():
        page = browser.new_context().new_page()
        page.set_default_timeout(10_000)
        page.on(
            "console", lambda m: errors.append(m.text) if m.type == "error" else None
        )
        return page

    def url(name: str, *args) -> str:
        return live_server.url + reverse(name, args=args)

    def log_in(page, username: str, password: str) -> None:
        page.goto(url("login"))
        page.get_by_label("Nama pengguna").fill(username)
        page.get_by_label("Kata sandi").fill(password)
        page.get_by_role("button", name="Masuk").click()
        page.wait_for_url(re.compile(r"/dasbor/"))

    # The unit's public page before anything happens.
    public = new_page()
    public.goto(url("community:unit_detail", unit.pk))
    assert public.get_by_role("heading", level=1).inner_text() == UNIT
    before = feedback_figures(public)
    assert before == {
        "Aspirasi diterima": "0",
        "Masih terbuka": "0",
        "Rata-rata waktu jawaban": NONE_YET,
        "Dijawab tepat waktu": NONE_YET,
        "Penilaian warga atas jawaban": NONE_YET,
    }

    # (1) An anonymous visitor signs up, confirms the mailed link, logs in.
    citizen = new_page()
    citizen.goto(live_server.url + reverse("home"))
    citizen.get_by_role("link", name="Daftar sebagai warga").first.click()
    citizen.get_by_label("Nama tampilan").fill("Uda Kopi")
    citizen.get_by_label("Nama pengguna").fill("udakopi")
    citizen.get_by_label("Surel").fill("uda@contoh.id")
    citizen.get_by_label(re.compile(r"^\s*Kata sandi")).fill(CITIZEN_PASSWORD)
    citizen.get_by_label(re.compile(r"^\s*Ulangi kata sandi")).fill(CITIZEN_PASSWORD)
    citizen.get_by_role("button", name="Daftar").click()
    citizen.wait_for_url(re.compile(r"/akun/konfirmasi/terkirim/$"))
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["uda@contoh.id"]
    link = re.search(r"https?://\S+/akun/konfirmasi/\S+/", mail.outbox[0].body)[0]
    assert link.startswith(live_server.url)
    citizen.goto(link)
    citizen.get_by_role("button", name="Konfirmasi surel saya").click()
    citizen.wait_for_url(re.compile(r"/akun/konfirmasi/berhasil/$"))
    save_screenshot(citizen, "community-email-confirmed")
    citizen.get_by_role("main").get_by_role("link", name="Masuk").click()
    citizen.get_by_label("Nama pengguna").fill("udakopi")
    citizen.get_by_label("Kata sandi").fill(CITIZEN_PASSWORD)
    citizen.get_by_role("button", name="Masuk").click()
    citizen.wait_for_url(re.compile(r"/dasbor/"))

    # (2) The citizen sends an aspirasi to the unit and notes the tracking code.
    citizen.goto(url("community:my_feedback"))
    citizen.get_by_role("link", name="Kirim aspirasi").click()
    citizen.get_by_label("Unit layanan yang dituju").select_option(label=UNIT)
    citizen.get_by_label("Kategori").select_option(label="Pengaduan")
    citizen.get_by_label("Judul").fill(TITLE)
    citizen.get_by_label("Isi aspirasi").fill(
        "Saya menunggu tiga jam di loket KTP-el tanpa kepastian."
    )
    citizen.get_by_role("button", name="Kirim", exact=True).click()
    citizen.wait_for_url(re.compile(r"/aspirasi/\d+/$"))
    detail = citizen.url
    notice = citizen.get_by_text("Aspirasi terkirim. Kode pelacakan Anda:")
    code = CODE.search(notice.inner_text())[0]
    assert citizen.get_by_test_id("tracking-code").inner_text() == code
    assert citizen.get_by_test_id("status").inner_text() == "Baru"
    save_screenshot(citizen, "community-feedback-submitted")

    # Tracking works without an account.
    visitor = new_page()
    visitor.goto(url("community:feedback_track"))
    visitor.get_by_label("Kode pelacakan").fill(code)
    visitor.get_by_role("button", name="Lacak").click()
    tracked = visitor.get_by_test_id("tracked")
    assert code in tracked.inner_text()
    assert tracked.get_by_test_id("status").inner_text() == "Baru"

    # (3) The moderator verifies it from the queue; that assigns it to the unit.
    mod = new_page()
    log_in(mod, moderator.username, PASSWORD)
    mod.goto(url("community:feedback_queue"))
    assert mod.get_by_test_id("result-count").inner_text() == "1 aspirasi menunggu"
    mod.get_by_role("link", name=TITLE).click()
    expect(mod).to_have_url(detail)
    mod.get_by_role("button", name="Verifikasi", exact=True).click()
    expect(
        mod.get_by_text("Aspirasi diverifikasi dan didisposisikan ke unit.")
    ).to_be_visible()
    assert mod.get_by_test_id("status").first.inner_text() == "Didisposisikan ke unit"
    save_screenshot(mod, "community-feedback-verified")

    public.reload()
    assert feedback_figures(public)["Masih terbuka"] == "1"

    # (4) The unit's responder answers it from his inbox.
    desk = new_page()
    log_in(desk, officer.username, PASSWORD)
    desk.goto(url("community:feedback_inbox"))
    assert UNIT in desk.get_by_role("heading", level=1).inner_text()
    desk.get_by_role("link", name=TITLE).click()
    desk.get_by_label("Jawaban resmi").fill(ANSWER)
    desk.get_by_role("button", name="Terbitkan jawaban").click()
    expect(desk.get_by_text("Jawaban resmi diterbitkan.")).to_be_visible()
    assert ANSWER in desk.get_by_test_id("answer").inner_text()
    save_screenshot(desk, "community-feedback-answered")

    # (5) The citizen reads the answer from his list and rates it.
    citizen.goto(url("community:my_feedback"))
    row = citizen.get_by_role("row").filter(has_text=code)
    assert row.get_by_test_id("status").inner_text() == "Dijawab"
    row.get_by_role("link", name=TITLE).click()
    assert ANSWER in citizen.get_by_test_id("answer").inner_text()
    citizen.get_by_role("radio", name="5").check()
    citizen.get_by_role("button", name="Kirim penilaian").click()
    expect(
        citizen.get_by_text("Terima kasih, penilaian Anda tercatat.")
    ).to_be_visible()
    expect(citizen.get_by_text("5 / 5")).to_be_visible()
    expect(citizen.get_by_role("button", name="Kirim penilaian")).to_have_count(0)
    save_screenshot(citizen, "community-feedback-rated")

    # The tracking page, still without login, shows the answer too.
    visitor.goto(url("community:feedback_track") + f"?kode={code}")
    tracked = visitor.get_by_test_id("tracked")
    assert tracked.get_by_test_id("status").inner_text() == "Dijawab"
    assert ANSWER in tracked.get_by_test_id("answer").inner_text()
    save_screenshot(visitor, "community-feedback-tracked")

    # (6) The citizen opens the unit's public page: the figures moved.
    citizen.goto(url("community:unit_detail", unit.pk))
    after = feedback_figures(citizen)
    assert after["Aspirasi diterima"] == "1"
    assert after["Masih terbuka"] == "0"
    assert re.fullmatch(r"0[,.]0 hari", after["Rata-rata waktu jawaban"])
    assert after["Dijawab tepat waktu"] == "100%"
    # The citizen's own rating is one of the unit's public figures.
    assert re.fullmatch(
        r"5[,.]0 / 5 \(1 penilaian\)", after["Penilaian warga atas jawaban"]
    )
    assert after != before
    save_screenshot(citizen, "community-unit-figures")

    assert errors == []
