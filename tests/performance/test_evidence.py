from __future__ import annotations

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError

from performance import evidence, services
from performance.models import Evidence
from performance.services import AppraisalError

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\n%%EOF"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32


def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.fixture
def realisation(my_skp, employee):
    indicator = my_skp.results.get().indicators.get()
    return services.record_realisation(indicator, "TW1", "Tiga kegiatan", by=employee)


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("laporan.pdf", PDF, "application/pdf"),
        ("foto.PNG", PNG, "image/png"),
        ("foto.jpg", JPEG, "image/jpeg"),
        ("foto.jpeg", JPEG, "image/jpeg"),
    ],
)
def test_pdf_and_images_are_accepted_by_content(name, content, kind):
    assert evidence.validate_upload(upload(name, content)).content_type == kind


def test_a_file_whose_content_is_not_what_its_name_says_is_refused():
    with pytest.raises(evidence.EvidenceError, match="tidak sesuai isinya: isinya PNG"):
        evidence.validate_upload(upload("laporan.pdf", PNG, "application/pdf"))
    with pytest.raises(evidence.EvidenceError, match="bukan PDF, PNG atau JPEG"):
        evidence.validate_upload(upload("laporan.pdf", b"MZ\x90\x00 not a pdf"))
    with pytest.raises(evidence.EvidenceError, match="bukan PDF, PNG atau JPEG"):
        evidence.validate_upload(upload("skrip.html", b"<html><script>"))


def test_a_file_over_the_size_limit_is_refused(settings):
    settings.PERFORMANCE_EVIDENCE_MAX_BYTES = 1024 * 1024
    big = PDF + b"0" * (1024 * 1024)
    with pytest.raises(evidence.EvidenceError, match="batasnya 1 MB"):
        evidence.validate_upload(upload("laporan.pdf", big))


def test_an_empty_file_is_refused():
    with pytest.raises(evidence.EvidenceError, match="kosong"):
        evidence.validate_upload(upload("laporan.pdf", b""))


def test_an_uploaded_file_is_stored_privately_and_served_to_those_allowed(
    realisation, employee, supervisor, head_user, other_supervisor, hr_officer, citizen
):
    item = services.add_evidence(
        realisation, by=employee, upload=upload("Laporan Dewi.pdf", PDF)
    )
    assert item.kind == Evidence.Kind.FILE
    assert item.original_name == "Laporan Dewi.pdf"
    assert item.content_type == "application/pdf"
    stored = item.file.path
    assert stored.startswith(str(settings.PERFORMANCE_EVIDENCE_ROOT))
    assert not stored.startswith(str(settings.MEDIA_ROOT))
    assert "Dewi" not in item.file.name  # the stored name is random
    with pytest.raises(ValueError, match="no public URL"):
        item.file.url  # noqa: B018
    for user in (employee, supervisor, head_user, hr_officer):
        opened = services.open_evidence(item.pk, user=user)
        with opened.file:
            assert opened.file.read() == PDF
        assert opened.name == "Laporan Dewi.pdf"
    for user in (other_supervisor, citizen):
        with pytest.raises(Evidence.DoesNotExist):
            services.open_evidence(item.pk, user=user)


def test_a_refused_upload_stores_nothing(realisation, employee):
    with pytest.raises(evidence.EvidenceError, match="tidak sesuai isinya"):
        services.add_evidence(realisation, by=employee, upload=upload("a.png", PDF))
    assert not Evidence.objects.exists()
    root = settings.PERFORMANCE_EVIDENCE_ROOT
    assert not root.exists() or not any(p.is_file() for p in root.rglob("*"))


def test_a_write_failing_after_the_file_is_saved_leaves_no_file(
    realisation, employee, monkeypatch
):
    def refuse(*args, **kwargs):
        raise IntegrityError("the database refused the row")

    monkeypatch.setattr(Evidence, "save", refuse)
    with pytest.raises(IntegrityError):
        services.add_evidence(realisation, by=employee, upload=upload("a.pdf", PDF))
    root = settings.PERFORMANCE_EVIDENCE_ROOT
    assert not root.exists() or not any(p.is_file() for p in root.rglob("*"))


def test_text_and_link_evidence_and_one_kind_at_a_time(realisation, employee):
    text = services.add_evidence(realisation, by=employee, text="Notulen rapat")
    link = services.add_evidence(
        realisation, by=employee, url="https://drive.example.go.id/laporan"
    )
    assert (text.kind, link.kind) == ("TEKS", "TAUTAN")
    with pytest.raises(AppraisalError, match="satu jenis bukti"):
        services.add_evidence(realisation, by=employee, text="a", url="https://x.id")
    with pytest.raises(AppraisalError, match="http"):
        services.add_evidence(realisation, by=employee, url="javascript:alert(1)")


def test_only_the_employee_records_realisation_and_evidence(
    my_skp, realisation, supervisor
):
    indicator = my_skp.results.get().indicators.get()
    with pytest.raises(AppraisalError, match="pegawai yang bersangkutan"):
        services.record_realisation(indicator, "TW2", "x", by=supervisor)
    with pytest.raises(AppraisalError, match="pegawai yang bersangkutan"):
        services.add_evidence(realisation, by=supervisor, text="x")


def test_realisation_needs_an_agreed_skp(org, period, employee):
    from tests.performance.conftest import draft_skp

    skp = draft_skp(org.me, period, employee)
    indicator = skp.results.get().indicators.get()
    with pytest.raises(AppraisalError, match="belum disepakati"):
        services.record_realisation(indicator, "TW1", "x", by=employee)


def test_recording_again_replaces_the_realisation(my_skp, employee):
    indicator = my_skp.results.get().indicators.get()
    services.record_realisation(indicator, "TW1", "Dua", by=employee)
    services.record_realisation(indicator, "TW1", "Tiga", by=employee)
    assert list(indicator.realisations.values_list("text", flat=True)) == ["Tiga"]


def test_removing_file_evidence_deletes_the_file_after_commit(
    realisation, employee, django_capture_on_commit_callbacks
):
    item = services.add_evidence(realisation, by=employee, upload=upload("a.pdf", PDF))
    path = item.file.path
    with django_capture_on_commit_callbacks(execute=True):
        services.remove_evidence(item, by=employee)
    assert not Evidence.objects.exists()
    import os

    assert not os.path.exists(path)
