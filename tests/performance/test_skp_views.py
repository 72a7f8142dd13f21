"""The SKP pages: my SKP, the SKP page and its small POST actions, the evidence
download. Right role, wrong role, out of scope (404), every refusal of the
services shown as a message with nothing saved, and the pinned query count."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from performance import services
from performance.models import (
    Evaluation,
    Evidence,
    Feedback,
    Indicator,
    Objection,
    PlannedResult,
    Realisation,
    Skp,
    UnitResult,
)
from tests.helpers import assert_constant_queries
from tests.performance.conftest import draft_skp, rate

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\n%%EOF"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def url(name, *args):
    return reverse(f"performance:{name}", args=args)


def html(response) -> str:
    return response.content.decode()


def detail(client, skp) -> str:
    response = client.get(url("skp_detail", skp.pk))
    assert response.status_code == 200
    return html(response)


def post(client, name, pk, data=None, **kwargs):
    """POST an action and follow the redirect back to the SKP page."""
    response = client.post(url(name, pk), data or {}, follow=True, **kwargs)
    assert response.status_code == 200
    return html(response)


@pytest.fixture
def rated(my_skp, supervisor):
    return rate(my_skp, supervisor)


@pytest.fixture
def received(rated, employee):
    return services.acknowledge_evaluation(rated, by=employee)


@pytest.fixture
def realisation(my_skp, employee):
    indicator = my_skp.results.get().indicators.get()
    return services.record_realisation(indicator, "TW1", "Tiga kegiatan", by=employee)


# ---------------------------------------------------------------- my SKP


def test_my_skp_offers_to_start_and_the_post_creates_it(org, period, client_for):
    client = client_for("employee")
    page = html(client.get(url("my_skp")))
    assert "Mulai menyusun SKP" in page
    response = client.post(url("my_skp_create"))
    skp = Skp.objects.get(employee=org.me, period=period)
    assert response.url == url("skp_detail", skp.pk)
    assert skp.appraiser == org.kabid
    assert skp.superior == org.kadis
    page = html(client.get(url("my_skp")))
    assert url("skp_detail", skp.pk) in page
    # A second start is refused with the service's reason.
    page = html(client.post(url("my_skp_create"), follow=True))
    assert "sudah memiliki SKP" in page
    assert Skp.objects.filter(employee=org.me).count() == 1


def test_an_employee_without_an_appraiser_is_told_hr_resolves_it(
    org, period, client_for
):
    # The other dinas's head sits in a seat without a supervising position.
    page = html(client_for("other_supervisor").get(url("my_skp")))
    assert 'data-testid="no-appraiser"' in page
    assert "BKPSDM perlu menetapkan pejabat penilai kinerja Anda" in page
    assert "Jabatannya tidak memiliki jabatan atasan" in page


def test_my_skp_without_an_employee_record_or_a_period(client_for, org):
    page = html(client_for("hr_officer").get(url("my_skp")))
    assert "belum terhubung dengan data pegawai" in page
    page = html(client_for("employee").get(url("my_skp")))
    assert 'data-testid="no-period"' in page


def test_my_skp_roles(client_for, org, period):
    assert client_for("citizen").get(url("my_skp")).status_code == 403
    assert client_for("anonymous").get(url("my_skp")).status_code == 302


def test_the_appraiser_starts_an_appraisees_skp_but_not_another_teams(
    org, period, client_for
):
    client = client_for("supervisor")
    response = client.post(url("skp_create", org.colleague.pk))
    skp = Skp.objects.get(employee=org.colleague)
    assert response.url == url("skp_detail", skp.pk)
    page = html(client.post(url("skp_create", org.outsider.pk), follow=True))
    assert "pejabat penilai kinerjanya" in page
    assert not Skp.objects.filter(employee=org.outsider).exists()
    # An employee starts only his own (here through the appraiser's action).
    page = html(
        client_for("employee").post(url("skp_create", org.colleague.pk), follow=True)
    )
    assert "pejabat penilai kinerjanya" in page
    assert client_for("citizen").post(url("skp_create", org.me.pk)).status_code == 403


# ---------------------------------------------------------------- scope


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("employee", 200),
        ("supervisor", 200),
        ("head_user", 200),
        ("hr_officer", 200),
        ("other_supervisor", 404),
        ("citizen", 403),
        ("anonymous", 302),
    ],
)
def test_who_opens_an_skp(my_skp, client_for, persona, status):
    assert client_for(persona).get(url("skp_detail", my_skp.pk)).status_code == status


def test_another_teams_appraiser_gets_404_on_every_action(
    my_skp, realisation, client_for
):
    client = client_for("other_supervisor")
    rhk = my_skp.results.get()
    indicator = rhk.indicators.get()
    for name, pk in [
        ("result_add", my_skp.pk),
        ("result_update", rhk.pk),
        ("result_remove", rhk.pk),
        ("indicator_add", rhk.pk),
        ("indicator_update", indicator.pk),
        ("indicator_remove", indicator.pk),
        ("skp_agree", my_skp.pk),
        ("expectation_set", my_skp.pk),
        ("realisation_record", indicator.pk),
        ("evidence_add", realisation.pk),
        ("feedback_add", my_skp.pk),
        ("checkin_record", my_skp.pk),
        ("evaluation_rate", my_skp.pk),
        ("skp_document", my_skp.pk),
        ("skp_document_pdf", my_skp.pk),
        ("evaluation_document", my_skp.pk),
    ]:
        method = client.get if "document" in name else client.post
        assert method(url(name, pk)).status_code == 404, name
    assert PlannedResult.objects.filter(skp=my_skp).count() == 1


def test_actions_are_post_only(my_skp, client_for):
    client = client_for("employee")
    assert client.get(url("skp_agree", my_skp.pk)).status_code == 405
    assert client.get(url("result_add", my_skp.pk)).status_code == 405


# ---------------------------------------------------------------- drafting


def test_the_employee_drafts_and_both_agree(org, period, employee, client_for):
    skp = services.create_skp(org.me, period, by=employee)
    me = client_for("employee")
    page = detail(me, skp)
    assert "Pegawai yang dinilai" in page
    assert "Budi Atasan" in page  # the appraiser
    assert "Hendra Kepala" in page  # the appraiser's superior
    page = post(
        me, "result_add", skp.pk, {"kind": "UTAMA", "text": "Laporan layanan tersusun"}
    )
    assert "RHK ditambahkan." in page
    rhk = PlannedResult.objects.get(skp=skp)
    page = post(
        me,
        "indicator_add",
        rhk.pk,
        {"aspect": "KUALITAS", "text": "Laporan tepat waktu", "target": "4 laporan"},
    )
    assert "Indikator ditambahkan." in page
    assert "4 laporan" in page
    post(me, "skp_agree", skp.pk)
    skp.refresh_from_db()
    assert skp.employee_agreed_at is not None
    assert skp.status == Skp.Status.DRAFT
    boss = client_for("supervisor")
    page = post(boss, "skp_agree", skp.pk)
    assert "disepakati kedua pihak" in page
    skp.refresh_from_db()
    assert skp.status == Skp.Status.AGREED
    assert skp.versions.count() == 1


def test_a_change_after_agreement_opens_the_next_version(my_skp, client_for):
    rhk = my_skp.results.get()
    page = post(
        client_for("supervisor"),
        "result_update",
        rhk.pk,
        {"kind": "UTAMA", "text": "Layanan kesehatan dasar terlaksana penuh"},
    )
    assert "RHK diubah." in page
    my_skp.refresh_from_db()
    assert my_skp.status == Skp.Status.DRAFT
    assert my_skp.version == 2


def test_editing_and_removing_rhk_and_indicators(org, period, employee, client_for):
    skp = draft_skp(org.me, period, employee)
    rhk = skp.results.get()
    indicator = rhk.indicators.get()
    me = client_for("employee")
    post(
        me,
        "indicator_update",
        indicator.pk,
        {"aspect": "WAKTU", "text": "Selesai tepat waktu", "target": "12 bulan"},
    )
    indicator.refresh_from_db()
    assert (indicator.aspect, indicator.target) == ("WAKTU", "12 bulan")
    page = post(me, "indicator_remove", indicator.pk)
    assert "Indikator dihapus." in page
    assert not Indicator.objects.filter(rhk=rhk).exists()
    page = post(me, "result_remove", rhk.pk)
    assert "RHK dihapus." in page
    assert not PlannedResult.objects.filter(skp=skp).exists()


def test_an_rhk_cascades_from_the_appraisers_rhk(
    org, period, employee, supervisor, client_for
):
    boss_skp = services.create_skp(org.kabid, period, by=supervisor)
    parent = services.add_result(
        boss_skp, by=supervisor, text="Cakupan layanan kesehatan meningkat"
    )
    skp = services.create_skp(org.me, period, by=employee)
    client = client_for("employee")
    page = detail(client, skp)
    assert "Cakupan layanan kesehatan meningkat" in page  # offered as a parent
    post(
        client,
        "result_add",
        skp.pk,
        {"kind": "UTAMA", "text": "Posyandu terlayani", "parent": parent.pk},
    )
    assert PlannedResult.objects.get(skp=skp).parent == parent


def test_an_agreement_without_a_main_indicator_is_refused(
    org, period, employee, client_for
):
    skp = services.create_skp(org.me, period, by=employee)
    page = post(client_for("employee"), "skp_agree", skp.pk)
    assert "paling sedikit satu RHK utama" in page


def test_the_appraiser_sets_a_special_expectation(org, period, employee, client_for):
    skp = draft_skp(org.me, period, employee)
    page = post(
        client_for("supervisor"),
        "expectation_set",
        skp.pk,
        {"value": "KOLABORATIF", "text": "Memimpin rapat koordinasi lintas bidang"},
    )
    assert "Ekspektasi khusus pimpinan disimpan." in page
    assert "Memimpin rapat koordinasi lintas bidang" in page
    page = post(
        client_for("employee"),
        "expectation_set",
        skp.pk,
        {"value": "KOLABORATIF", "text": "Saya sendiri"},
    )
    assert "Hanya pejabat penilai kinerja" in page


# ---------------------------------------------------------------- during the year


def test_realisation_feedback_and_checkin(my_skp, client_for):
    indicator = my_skp.results.get().indicators.get()
    me, boss = client_for("employee"), client_for("supervisor")
    page = post(
        me,
        "realisation_record",
        indicator.pk,
        {"checkpoint": "TW1", "text": "Tiga kegiatan terlaksana"},
    )
    assert "Realisasi dicatat." in page
    assert "Tiga kegiatan terlaksana" in page
    page = post(
        boss, "realisation_record", indicator.pk, {"checkpoint": "TW2", "text": "x"}
    )
    assert "Hanya pegawai yang bersangkutan" in page
    rhk = my_skp.results.get()
    today = timezone.localdate().isoformat()
    page = post(
        boss,
        "feedback_add",
        my_skp.pk,
        {"target": f"rhk-{rhk.pk}", "given_on": today, "text": "Pertahankan ritme"},
    )
    assert "Umpan balik dicatat." in page
    post(
        boss,
        "feedback_add",
        my_skp.pk,
        {"target": "nilai-ADAPTIF", "given_on": today, "text": "Cepat belajar"},
    )
    assert Feedback.objects.filter(skp=my_skp, rhk=rhk).exists()
    assert Feedback.objects.filter(skp=my_skp, value="ADAPTIF").exists()
    page = post(
        me,
        "feedback_add",
        my_skp.pk,
        {"target": "nilai-ADAPTIF", "given_on": today, "text": "Diri sendiri"},
    )
    assert "Hanya pejabat penilai kinerja" in page
    assert Feedback.objects.count() == 2
    page = post(
        boss,
        "checkin_record",
        my_skp.pk,
        {
            "checkpoint": "TW1",
            "work_results_rating": "DI_ATAS_EKSPEKTASI",
            "behaviour_rating": "DI_ATAS_EKSPEKTASI",
        },
    )
    assert "Evaluasi triwulan dicatat." in page
    assert my_skp.checkins.get().predikat == "SANGAT_BAIK"


def test_feedback_in_the_future_is_refused(my_skp, client_for):
    rhk = my_skp.results.get()
    tomorrow = timezone.localdate() + timedelta(days=1)
    if tomorrow.year != my_skp.period.year:
        pytest.skip("the last day of the year")
    page = post(
        client_for("supervisor"),
        "feedback_add",
        my_skp.pk,
        {"target": f"rhk-{rhk.pk}", "given_on": tomorrow.isoformat(), "text": "x"},
    )
    assert "tidak boleh di masa depan" in page
    assert not Feedback.objects.exists()


# ---------------------------------------------------------------- evidence


def upload(name, content):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def test_an_upload_whose_content_is_not_its_name_is_refused(realisation, client_for):
    page = post(
        client_for("employee"),
        "evidence_add",
        realisation.pk,
        {"file": upload("laporan.pdf", PNG)},
    )
    assert "tidak sesuai isinya: isinya PNG" in page
    page = post(
        client_for("employee"),
        "evidence_add",
        realisation.pk,
        {"file": upload("laporan.pdf", b"MZ\x90\x00 bukan pdf")},
    )
    assert "bukan PDF, PNG atau JPEG" in page
    assert not Evidence.objects.exists()


def test_an_upload_over_the_size_limit_is_refused(realisation, client_for, settings):
    settings.PERFORMANCE_EVIDENCE_MAX_BYTES = 1024 * 1024
    big = PDF + b"0" * (1024 * 1024)
    page = post(
        client_for("employee"),
        "evidence_add",
        realisation.pk,
        {"file": upload("laporan.pdf", big)},
    )
    assert "batasnya 1 MB" in page
    assert not Evidence.objects.exists()


def test_evidence_is_added_and_downloaded_only_within_scope(realisation, client_for):
    me = client_for("employee")
    page = post(
        me, "evidence_add", realisation.pk, {"file": upload("Laporan TW1.pdf", PDF)}
    )
    assert "Bukti dukung ditambahkan." in page
    item = Evidence.objects.get()
    assert url("evidence_download", item.pk) in page
    for persona in ("employee", "supervisor", "head_user", "hr_officer"):
        response = client_for(persona).get(url("evidence_download", item.pk))
        assert response.status_code == 200, persona
        assert response["Content-Disposition"].startswith("attachment")
        assert b"".join(response.streaming_content) == PDF
    assert (
        client_for("other_supervisor")
        .get(url("evidence_download", item.pk))
        .status_code
        == 404
    )
    assert (
        client_for("citizen").get(url("evidence_download", item.pk)).status_code == 403
    )
    post(me, "evidence_add", realisation.pk, {"url": "https://drive.example/bukti"})
    post(me, "evidence_add", realisation.pk, {"text": "Daftar hadir di arsip"})
    text_item = Evidence.objects.get(kind="TEKS")
    # A text or a link has no file to download.
    assert me.get(url("evidence_download", text_item.pk)).status_code == 404
    page = post(me, "evidence_add", realisation.pk, {"text": "a", "url": "https://b"})
    assert "Isi satu jenis bukti" in page
    page = post(me, "evidence_remove", item.pk)
    assert "Bukti dukung dihapus." in page
    assert Evidence.objects.count() == 2


# ---------------------------------------------------------------- annual evaluation


def test_an_employee_cannot_rate_himself(my_skp, client_for):
    page = post(
        client_for("employee"),
        "evaluation_rate",
        my_skp.pk,
        {
            "work_results_rating": "DI_ATAS_EKSPEKTASI",
            "work_results_justification": "Saya hebat",
            "behaviour_rating": "DI_ATAS_EKSPEKTASI",
            "behaviour_justification": "Saya hebat",
        },
    )
    assert "Pegawai tidak dapat menilai dirinya sendiri." in page
    assert not Evaluation.objects.exists()


def test_the_rate_form_is_shown_only_to_the_appraiser(my_skp, client_for):
    assert 'data-testid="rate-form"' in detail(client_for("supervisor"), my_skp)
    for persona in ("employee", "head_user", "hr_officer"):
        assert 'data-testid="rate-form"' not in detail(client_for(persona), my_skp)


def test_a_rating_other_than_as_expected_needs_a_justification(my_skp, client_for):
    boss = client_for("supervisor")
    page = post(
        boss,
        "evaluation_rate",
        my_skp.pk,
        {
            "work_results_rating": "DI_ATAS_EKSPEKTASI",
            "behaviour_rating": "DI_ATAS_EKSPEKTASI",
        },
    )
    assert "wajib disertai alasan tertulis" in page
    assert not Evaluation.objects.exists()
    page = post(
        boss,
        "evaluation_rate",
        my_skp.pk,
        {
            "work_results_rating": "DI_ATAS_EKSPEKTASI",
            "work_results_justification": "Target terlampaui 120%",
            "behaviour_rating": "DI_ATAS_EKSPEKTASI",
            "behaviour_justification": "Teladan pelayanan",
            "predikat": "SANGAT_KURANG",  # never typed: ignored
        },
    )
    assert "predikat Sangat Baik" in page
    assert Evaluation.objects.get().predikat == "SANGAT_BAIK"


def test_the_employee_sees_the_result_and_acknowledges_it(rated, my_skp, client_for):
    me = client_for("employee")
    page = detail(me, my_skp)
    assert 'data-testid="predikat">Baik<' in page
    assert "Saya telah menerima hasil penilaian ini" in page
    page = post(me, "evaluation_acknowledge", rated.pk)
    assert "telah menerima hasil penilaian" in page
    rated.refresh_from_db()
    assert rated.received_at is not None
    deadline = services.objection_deadline(rated)
    assert f"paling lambat {deadline:%d-%m-%Y}" in page
    # The appraiser cannot change it any more.
    page = post(
        client_for("supervisor"),
        "evaluation_rate",
        my_skp.pk,
        {
            "work_results_rating": "SESUAI_EKSPEKTASI",
            "behaviour_rating": "SESUAI_EKSPEKTASI",
        },
    )
    assert "perubahan hanya melalui keberatan" in page


# ---------------------------------------------------------------- closed, locked


def test_nothing_changes_after_the_period_closes(
    my_skp, realisation, hr_officer, client_for
):
    services.close_period(my_skp.period, by=hr_officer)
    boss, me = client_for("supervisor"), client_for("employee")
    rhk = my_skp.results.get()
    page = detail(boss, my_skp)
    assert 'data-testid="period-closed"' in page
    assert 'data-testid="rate-form"' not in page
    assert 'data-testid="feedback-form"' not in page
    closed = "sudah ditutup; datanya tidak dapat diubah lagi"
    today = timezone.localdate().isoformat()
    assert closed in post(
        boss,
        "feedback_add",
        my_skp.pk,
        {"target": f"rhk-{rhk.pk}", "given_on": today, "text": "x"},
    )
    assert closed in post(
        boss,
        "evaluation_rate",
        my_skp.pk,
        {
            "work_results_rating": "SESUAI_EKSPEKTASI",
            "behaviour_rating": "SESUAI_EKSPEKTASI",
        },
    )
    assert closed in post(me, "result_add", my_skp.pk, {"kind": "UTAMA", "text": "x"})
    assert closed in post(
        me, "evidence_add", realisation.pk, {"file": upload("bukti.pdf", PDF)}
    )
    assert not Feedback.objects.exists()
    assert not Evaluation.objects.exists()
    assert not Evidence.objects.exists()
    assert PlannedResult.objects.count() == 1


def test_nothing_changes_after_the_units_results_are_locked(
    my_skp, org, received, client_for, hr_officer
):
    UnitResult.objects.create(
        period=my_skp.period,
        unit=org.dinas,
        org_rating="BAIK",
        locked_at=timezone.now(),
        locked_by=hr_officer,
    )
    Evaluation.objects.filter(pk=received.pk).update(locked_at=timezone.now())
    boss, me = client_for("supervisor"), client_for("employee")
    page = detail(me, my_skp)
    assert 'data-testid="unit-locked"' in page
    assert "Ajukan keberatan" not in page
    locked = "sudah dikunci"
    rhk = my_skp.results.get()
    today = timezone.localdate().isoformat()
    assert locked in post(
        boss,
        "feedback_add",
        my_skp.pk,
        {"target": f"rhk-{rhk.pk}", "given_on": today, "text": "x"},
    )
    assert locked in post(
        me, "objection_file", received.pk, {"reasons": "Tidak sesuai bukti"}
    )
    assert not Feedback.objects.exists()
    assert not Objection.objects.exists()


# ---------------------------------------------------------------- objections


def test_an_objection_after_day_14_is_refused_with_the_reason(
    received, my_skp, client_for
):
    Evaluation.objects.filter(pk=received.pk).update(
        received_at=timezone.now() - timedelta(days=15)
    )
    me = client_for("employee")
    page = detail(me, my_skp)
    assert "batas sudah lewat" in page
    assert "Ajukan keberatan" not in page
    page = post(me, "objection_file", received.pk, {"reasons": "Terlambat"})
    assert "paling lambat 14 hari" in page
    assert "sudah lewat batas itu" in page
    assert not Objection.objects.exists()


def test_an_objection_is_filed_explained_and_decided(received, my_skp, client_for):
    me, boss, head = (
        client_for("employee"),
        client_for("supervisor"),
        client_for("head_user"),
    )
    page = post(me, "objection_file", received.pk, {"reasons": "Target terlampaui"})
    assert "Keberatan diajukan" in page
    objection = Objection.objects.get()
    page = post(boss, "objection_explain", objection.pk, {"text": "Kualitas kurang"})
    assert "Penjelasan dicatat." in page
    assert 'data-testid="decide-form"' not in detail(head, my_skp)
    post(me, "objection_explain", objection.pk, {"text": "Bukti terlampir"})
    page = post(
        boss,
        "objection_decide",
        objection.pk,
        {"decision": "KEPT", "reason": "Saya sendiri"},
    )
    assert "atasan pejabat penilai" in page
    assert 'data-testid="decide-form"' in detail(head, my_skp)
    page = post(
        head,
        "objection_decide",
        objection.pk,
        {
            "decision": "CHANGED",
            "reason": "Bukti menunjukkan target terlampaui",
            "work_results_rating": "DI_ATAS_EKSPEKTASI",
            "behaviour_rating": "DI_ATAS_EKSPEKTASI",
        },
    )
    assert "Keputusan atas keberatan ditetapkan." in page
    received.refresh_from_db()
    assert received.predikat == "SANGAT_BAIK"
    page = detail(me, my_skp)
    assert 'data-testid="original-predikat">Baik<' in page
    assert 'data-testid="new-predikat">Sangat Baik<' in page
    assert 'data-testid="predikat">Sangat Baik<' in page
    assert "Keputusan ini final." in page
    page = post(
        head, "objection_decide", objection.pk, {"decision": "KEPT", "reason": "lagi"}
    )
    assert "keputusannya final" in page


def test_another_team_cannot_reach_an_objection(received, employee, client_for):
    objection = services.file_objection(received, by=employee, reasons="x")
    client = client_for("other_supervisor")
    assert client.post(url("objection_explain", objection.pk)).status_code == 404
    assert client.post(url("objection_decide", objection.pk)).status_code == 404
    assert client.post(url("objection_file", received.pk)).status_code == 404
    assert client.post(url("evaluation_acknowledge", received.pk)).status_code == 404


# ---------------------------------------------------------------- queries


def test_the_skp_page_has_the_same_query_count_for_2_and_20_rhk(
    my_skp, org, client_for, employee
):
    skp = Skp.objects.get(pk=my_skp.pk)
    PlannedResult.objects.filter(skp=skp).delete()
    client = client_for("supervisor")
    today = timezone.localdate()

    def build(n):
        for i in range(n):
            rhk = PlannedResult.objects.create(
                skp=skp, kind="UTAMA" if i % 2 else "TAMBAHAN", text=f"RHK {i}"
            )
            indicator = Indicator.objects.create(
                rhk=rhk, aspect="KUANTITAS", text=f"Indikator {i}", target="1"
            )
            realisation = Realisation.objects.create(
                indicator=indicator, checkpoint="TW1", text="Ada", recorded_by=employee
            )
            Evidence.objects.create(realisation=realisation, kind="TEKS", text="Bukti")
            Feedback.objects.create(skp=skp, rhk=rhk, given_on=today, text="Baik")

    queries = assert_constant_queries(
        build, lambda: client.get(url("skp_detail", skp.pk)), small=2, large=20
    )
    # One more for the appraiser: whether the SKP's holder heads its unit; one
    # more for the navbar's unread notifications count (issue 8).
    assert queries <= 18, queries
