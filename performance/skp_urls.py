"""URLs of the skp pages; included by performance/urls.py under the same
`performance` namespace."""

from django.urls import path

from performance.views import skp

urlpatterns = [
    path("saya/", skp.my_skp, name="my_skp"),
    path("saya/mulai/", skp.my_skp_create, name="my_skp_create"),
    path("skp/mulai/<int:employee_pk>/", skp.skp_create, name="skp_create"),
    path("skp/<int:pk>/", skp.skp_detail, name="skp_detail"),
    path("skp/<int:pk>/setujui/", skp.skp_agree, name="skp_agree"),
    path("skp/<int:pk>/rhk/", skp.result_add, name="result_add"),
    path("rhk/<int:pk>/ubah/", skp.result_update, name="result_update"),
    path("rhk/<int:pk>/hapus/", skp.result_remove, name="result_remove"),
    path("rhk/<int:pk>/indikator/", skp.indicator_add, name="indicator_add"),
    path("indikator/<int:pk>/ubah/", skp.indicator_update, name="indicator_update"),
    path("indikator/<int:pk>/hapus/", skp.indicator_remove, name="indicator_remove"),
    path("skp/<int:pk>/ekspektasi/", skp.expectation_set, name="expectation_set"),
    path(
        "indikator/<int:pk>/realisasi/",
        skp.realisation_record,
        name="realisation_record",
    ),
    path("realisasi/<int:pk>/bukti/", skp.evidence_add, name="evidence_add"),
    path("bukti/<int:pk>/hapus/", skp.evidence_remove, name="evidence_remove"),
    path("bukti/<int:pk>/unduh/", skp.evidence_download, name="evidence_download"),
    path("skp/<int:pk>/umpan-balik/", skp.feedback_add, name="feedback_add"),
    path("skp/<int:pk>/triwulan/", skp.checkin_record, name="checkin_record"),
    path("skp/<int:pk>/penilaian/", skp.evaluation_rate, name="evaluation_rate"),
    path(
        "penilaian/<int:pk>/terima/",
        skp.evaluation_acknowledge,
        name="evaluation_acknowledge",
    ),
    path("penilaian/<int:pk>/keberatan/", skp.objection_file, name="objection_file"),
    path(
        "keberatan/<int:pk>/penjelasan/",
        skp.objection_explain,
        name="objection_explain",
    ),
    path(
        "keberatan/<int:pk>/keputusan/", skp.objection_decide, name="objection_decide"
    ),
    path("skp/<int:pk>/dokumen/", skp.skp_document, name="skp_document"),
    path("skp/<int:pk>/dokumen.pdf", skp.skp_document_pdf, name="skp_document_pdf"),
    path(
        "skp/<int:pk>/dokumen-penilaian/",
        skp.evaluation_document,
        name="evaluation_document",
    ),
    path(
        "skp/<int:pk>/dokumen-penilaian.pdf",
        skp.evaluation_document_pdf,
        name="evaluation_document_pdf",
    ),
]
