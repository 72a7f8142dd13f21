"""The appraisal year in the browser: the employee drafts his SKP, both agree,
the appraiser gives feedback and rates, the employee acknowledges and objects,
both explain, the appraiser's superior decides."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from performance import services
from performance.models import Skp
from sawahlunto_asn.accounts import roles
from tests.accounts.factories import UserFactory
from tests.browser.conftest import save_screenshot
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


def session_for(user) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value


def test_an_skp_goes_from_draft_to_a_decided_objection(
    browser, live_server, role_groups, console_errors
):
    # A superior's seat above the appraiser's above the employee's, each held.
    dinas = OrgUnitFactory(name="Dinas Kesehatan")
    bidang = OrgUnitFactory(parent=dinas, kind="BIDANG", name="Bidang Pelayanan")
    kadis_seat = PositionFactory(unit=dinas, kind="JPT_PRATAMA", eselon="II.b", needs=1)
    kabid_seat = PositionFactory(
        unit=bidang,
        kind="ADMINISTRATOR",
        eselon="III.b",
        needs=1,
        supervisor=kadis_seat,
    )
    staff_seat = PositionFactory(unit=bidang, needs=5, supervisor=kabid_seat)
    users = {
        "hr": UserFactory(role=roles.HR),
        "superior": UserFactory(role=roles.SUPERVISOR),
        "appraiser": UserFactory(role=roles.SUPERVISOR),
        "employee": UserFactory(role=roles.EMPLOYEE),
    }
    for seat, who, name in (
        (kadis_seat, "superior", "Hendra Kepala"),
        (kabid_seat, "appraiser", "Budi Atasan"),
        (staff_seat, "employee", "Dewi Lestari"),
    ):
        PlacementFactory(
            position=seat, employee=EmployeeFactory(name=name, user=users[who])
        )
    # The open period of this year: the services read "today" in it, so feedback,
    # rating, receipt and the 14 days to object all fall inside.
    services.open_period(timezone.localdate().year, by=users["hr"])

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
            "console",
            lambda msg: (
                console_errors.append(msg.text) if msg.type == "error" else None
            ),
        )
        return page

    # The employee drafts: one main RHK with one indicator, and agrees.
    me = as_("employee")
    me.goto(live_server.url + reverse("performance:my_skp"))
    me.get_by_role("button", name="Mulai menyusun SKP").click()
    expect(me.get_by_test_id("skp-status")).to_have_text("Draf")
    me.get_by_label("Rencana hasil kerja baru").fill(
        "Layanan imunisasi dasar lengkap terlaksana"
    )
    me.get_by_role("button", name="Tambah RHK").click()
    rhk = me.get_by_test_id("rhk")
    expect(rhk.get_by_test_id("rhk-text")).to_have_text(
        "Layanan imunisasi dasar lengkap terlaksana"
    )
    rhk.get_by_label("Aspek indikator baru").select_option("KUANTITAS")
    rhk.get_by_label("Target indikator baru").fill("95% bayi")
    rhk.get_by_label("Indikator kinerja individu baru").fill(
        "Persentase bayi yang diimunisasi lengkap"
    )
    rhk.get_by_role("button", name="Tambah indikator").click()
    expect(me.get_by_test_id("indicator")).to_contain_text("95% bayi")
    save_screenshot(me, "performance-skp-draft")
    me.get_by_role("button", name="Setujui SKP (pegawai)").click()
    expect(me.get_by_text("Persetujuan Anda dicatat")).to_be_visible()
    skp_url = me.url.split("#")[0]
    skp = Skp.objects.get()
    assert skp_url.endswith(reverse("performance:skp_detail", args=[skp.pk]))

    # The appraiser agrees, gives feedback on the RHK and rates the year.
    boss = as_("appraiser")
    boss.goto(skp_url)
    expect(boss.get_by_test_id("superior-name")).to_have_text("Hendra Kepala")
    boss.get_by_role("button", name="Setujui SKP (pejabat penilai)").click()
    expect(boss.get_by_test_id("skp-status")).to_have_text("Disepakati")
    feedback = boss.locator("#umpan-balik")
    feedback.get_by_label("Umpan balik untuk").select_option(
        label="Layanan imunisasi dasar lengkap terlaksana"
    )
    feedback.get_by_label("Isi umpan balik").fill(
        "Sweeping posyandu bulan ini baik; catat bukti per kelurahan."
    )
    feedback.get_by_role("button", name="Catat umpan balik").click()
    expect(boss.get_by_test_id("feedback-list")).to_contain_text("Sweeping posyandu")
    rating = boss.locator("#penilaian")
    rating.get_by_label("Rating hasil kerja", exact=True).select_option(
        "DI_ATAS_EKSPEKTASI"
    )
    rating.get_by_role("button", name="Simpan penilaian").click()
    # No justification for "di atas": the service's message, nothing saved.
    expect(boss.locator(".alert-danger")).to_contain_text(
        "Rating hasil kerja “Di atas ekspektasi” wajib disertai alasan tertulis."
    )
    rating = boss.locator("#penilaian")
    rating.get_by_label("Rating hasil kerja", exact=True).select_option(
        "DI_ATAS_EKSPEKTASI"
    )
    rating.get_by_label("Alasan rating hasil kerja").fill("Cakupan 98%, di atas target")
    rating.get_by_role("button", name="Simpan penilaian").click()
    expect(boss.get_by_test_id("predikat")).to_have_text("Baik")

    # The employee sees the predikat, acknowledges it and objects.
    me.goto(skp_url)
    expect(me.get_by_test_id("predikat")).to_have_text("Baik")
    expect(me.get_by_test_id("feedback-list")).to_contain_text("Sweeping posyandu")
    me.get_by_role("button", name="Saya telah menerima hasil penilaian ini").click()
    expect(me.get_by_test_id("objection-deadline")).to_contain_text(
        re.compile(r"paling lambat \d{2}-\d{2}-\d{4}")
    )
    me.get_by_label("Alasan keberatan").fill(
        "Perilaku kerja saya di atas ekspektasi: saya melatih kader di tiga kelurahan."
    )
    me.get_by_role("button", name="Ajukan keberatan").click()
    expect(me.get_by_test_id("objection-status")).to_have_text("Diajukan")

    # Both explain.
    boss.goto(skp_url)
    boss.get_by_label("Penjelasan Anda sebagai pejabat penilai").fill(
        "Pelatihan kader tidak tercatat sebagai bukti dukung."
    )
    boss.get_by_role("button", name="Kirim penjelasan").click()
    expect(boss.get_by_test_id("appraiser-explanation")).to_contain_text(
        "Pelatihan kader"
    )
    me.goto(skp_url)
    me.get_by_label("Penjelasan Anda sebagai pegawai").fill(
        "Daftar hadir pelatihan kader ada di arsip puskesmas."
    )
    me.get_by_role("button", name="Kirim penjelasan").click()
    expect(me.get_by_test_id("objection-status")).to_have_text("Diperiksa")

    # The appraiser's superior decides: changed.
    head = as_("superior")
    head.goto(skp_url)
    decide = head.get_by_test_id("decide-form")
    decide.get_by_label("Keputusan", exact=True).select_option("CHANGED")
    decide.get_by_label("Rating hasil kerja baru (bila diubah)").select_option(
        "DI_ATAS_EKSPEKTASI"
    )
    decide.get_by_label("Rating perilaku kerja baru (bila diubah)").select_option(
        "DI_ATAS_EKSPEKTASI"
    )
    decide.get_by_label("Alasan keputusan").fill(
        "Daftar hadir membuktikan peran pegawai melatih kader."
    )
    decide.get_by_role("button", name="Tetapkan keputusan").click()
    expect(head.get_by_test_id("objection-status")).to_have_text("Ditetapkan")
    expect(head.get_by_test_id("predikat")).to_have_text("Sangat Baik")
    expect(head.get_by_test_id("original-predikat")).to_have_text("Baik")

    me.goto(skp_url)
    expect(me.get_by_test_id("predikat")).to_have_text("Sangat Baik")
    expect(me.get_by_test_id("objection-decision")).to_contain_text("Diubah")
    save_screenshot(me, "performance-skp-objection-decided")
    me.goto(live_server.url + reverse("performance:evaluation_document", args=[skp.pk]))
    expect(me.get_by_test_id("doc-predikat")).to_have_text(
        "PREDIKAT KINERJA PEGAWAI: Sangat Baik"
    )
    save_screenshot(me, "performance-evaluation-document")
    assert console_errors == []
