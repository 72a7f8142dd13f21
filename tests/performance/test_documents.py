"""The SKP document and the evaluation document: their content, the PDFs read
back as text, the print pages and who may open them."""

from __future__ import annotations

from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from performance import documents, services
from performance.models import Skp
from tests.performance.conftest import draft_skp, rate

pytestmark = pytest.mark.django_db

RESULTS = (
    "Layanan kesehatan dasar terlaksana",  # from the conftest's draft_skp
    "Laporan capaian Standar Pelayanan Minimal bidang kesehatan tersusun",
)
ADDITIONAL = "Menjadi narasumber sosialisasi germas di tiga kelurahan"


def pdf_text(data: bytes) -> str:
    """All pages' text, whitespace collapsed so wrapped cells read as one line."""
    reader = PdfReader(BytesIO(data))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def squash(html: str) -> str:
    return " ".join(html.split())


def loaded(skp) -> Skp:
    return Skp.objects.select_related(
        "period", "unit", "evaluation", "evaluation__objection"
    ).get(pk=skp.pk)


@pytest.fixture
def full_skp(org, period, employee, supervisor):
    """An agreed SKP with two main RHK, an additional one, an expectation,
    realisation and feedback."""
    skp = draft_skp(org.me, period, employee)
    second = services.add_result(skp, by=employee, text=RESULTS[1])
    services.add_indicator(
        second, by=employee, aspect="KUALITAS", text="Laporan lengkap", target="100%"
    )
    services.add_indicator(
        second, by=employee, aspect="WAKTU", text="Tepat waktu", target="Desember"
    )
    extra = services.add_result(skp, by=employee, text=ADDITIONAL, kind="TAMBAHAN")
    services.add_indicator(
        extra, by=employee, aspect="KUANTITAS", text="Sosialisasi", target="3 kali"
    )
    services.set_expectation(
        skp, "KOLABORATIF", "Memimpin koordinasi lintas bidang", by=supervisor
    )
    services.agree_skp(skp, by=employee)
    services.agree_skp(skp, by=supervisor)
    indicator = second.indicators.first()
    services.record_realisation(indicator, "TAHUNAN", "Laporan terbit", by=employee)
    services.give_feedback(skp, by=supervisor, text="Rapi dan tepat", rhk=second)
    services.give_feedback(skp, by=supervisor, text="Aktif", value="ADAPTIF")
    return loaded(skp)


def test_the_skp_pdf_has_the_header_every_rhk_and_the_behaviour(full_skp):
    text = pdf_text(documents.skp_pdf(full_skp))
    for words in (
        "SASARAN KINERJA PEGAWAI",
        "PENDEKATAN HASIL KERJA KUANTITATIF",
        f"PERIODE PENILAIAN: 1 JANUARI {full_skp.period.year}",
        "PEGAWAI YANG DINILAI",
        "PEJABAT PENILAI KINERJA",
        "ATASAN PEJABAT PENILAI KINERJA",
        "Dewi Lestari",
        "Budi Atasan",
        "Hendra Kepala",
        "A. UTAMA",
        "B. TAMBAHAN",
        *RESULTS,
        ADDITIONAL,
        "Laporan lengkap",
        "Berorientasi Pelayanan",
        "Kolaboratif",
        "Memimpin koordinasi lintas bidang",
        "Pegawai yang Dinilai,",
        "Pejabat Penilai Kinerja,",
    ):
        assert words in text, words
    assert "KONSEP" not in text


def test_the_evaluation_pdf_has_every_rhk_the_ratings_and_the_predikat(
    full_skp, supervisor
):
    services.rate_annual(
        full_skp,
        by=supervisor,
        work_results_rating="DI_ATAS_EKSPEKTASI",
        work_results_justification="Target terlampaui",
        behaviour_rating="SESUAI_EKSPEKTASI",
    )
    text = pdf_text(documents.evaluation_pdf(loaded(full_skp)))
    for words in (
        "EVALUASI KINERJA PEGAWAI",
        "PERIODE: TAHUNAN",
        "CAPAIAN KINERJA ORGANISASI",
        *RESULTS,
        ADDITIONAL,
        "Laporan terbit",
        "Rapi dan tepat",
        "Aktif",
        "RATING HASIL KERJA: Di atas ekspektasi",
        "Alasan: Target terlampaui",
        "RATING PERILAKU KERJA: Sesuai ekspektasi",
        "PREDIKAT KINERJA PEGAWAI: Baik",
    ):
        assert words in text, words
    assert "KONSEP" not in text


def test_after_an_objection_the_document_keeps_the_original_result(
    full_skp, employee, supervisor, head_user
):
    evaluation = rate(full_skp, supervisor)
    services.acknowledge_evaluation(evaluation, by=employee)
    objection = services.file_objection(evaluation, by=employee, reasons="Kurang")
    services.explain_objection(objection, by=supervisor, text="Sudah sesuai")
    services.explain_objection(objection, by=employee, text="Bukti lengkap")
    services.decide_objection(
        objection,
        by=head_user,
        decision="CHANGED",
        reason="Bukti mendukung",
        work_results_rating="DI_ATAS_EKSPEKTASI",
        behaviour_rating="DI_ATAS_EKSPEKTASI",
    )
    text = pdf_text(documents.evaluation_pdf(loaded(full_skp)))
    assert "PREDIKAT KINERJA PEGAWAI: Sangat Baik" in text
    assert "Hasil semula" in text
    assert "predikat Baik" in text
    assert "Atasan Pejabat Penilai Kinerja," in text


def test_a_draft_is_marked_konsep(org, period, employee):
    skp = loaded(draft_skp(org.me, period, employee))
    assert "KONSEP" in pdf_text(documents.skp_pdf(skp))
    assert "KONSEP" in pdf_text(documents.evaluation_pdf(skp))
    assert documents.evaluation_context(skp)["predikat"] == "—"


def test_the_print_pages(full_skp, client_for, supervisor):
    rate(full_skp, supervisor)
    client = client_for("employee")
    page = squash(
        client.get(
            reverse("performance:skp_document", args=[full_skp.pk])
        ).content.decode()
    )
    for words in (
        *RESULTS,
        ADDITIONAL,
        "Budi Atasan",
        "Hendra Kepala",
        "PERILAKU KERJA",
    ):
        assert words in page, words
    assert 'rowspan="2"' in page  # the second RHK spans its two indicators
    page = squash(
        client.get(
            reverse("performance:evaluation_document", args=[full_skp.pk])
        ).content.decode()
    )
    assert "PREDIKAT KINERJA PEGAWAI: Baik" in page
    assert "Laporan terbit" in page
    response = client.get(
        reverse("performance:evaluation_document_pdf", args=[full_skp.pk])
    )
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert (
        f"penilaian-{full_skp.period.year}-dewi-lestari.pdf"
        in response["Content-Disposition"]
    )


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("employee", 200),
        ("supervisor", 200),
        ("head_user", 200),
        ("hr_officer", 200),
        ("other_supervisor", 404),
        ("citizen", 403),
    ],
)
def test_who_opens_the_documents(full_skp, client_for, persona, status):
    client = client_for(persona)
    for name in (
        "skp_document",
        "skp_document_pdf",
        "evaluation_document",
        "evaluation_document_pdf",
    ):
        response = client.get(reverse(f"performance:{name}", args=[full_skp.pk]))
        assert response.status_code == status, name


def test_the_signature_date_is_the_day_of_agreement(full_skp):
    ctx = documents.skp_context(full_skp)
    today = timezone.localdate()
    assert ctx["doc"].signed_on.endswith(str(today.year))
    assert ctx["doc"].signatures[0].name == "Dewi Lestari"
