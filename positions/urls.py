from django.urls import path

from positions import views

app_name = "positions"
urlpatterns = [
    path("", views.index, name="index"),
    path("profil-saya/", views.my_profile, name="my_profile"),
    path("peta/", views.position_map, name="position_map"),
    path("pegawai/", views.employee_list, name="employee_list"),
    path("pegawai/tambah/", views.employee_create, name="employee_create"),
    path("pegawai/<int:pk>/", views.employee_detail, name="employee_detail"),
    path("pegawai/<int:pk>/ubah/", views.employee_update, name="employee_update"),
    path(
        "pegawai/<int:pk>/penempatan/", views.placement_create, name="placement_create"
    ),
    path("pegawai/<int:pk>/pangkat/", views.rank_create, name="rank_create"),
    path(
        "pegawai/<int:pk>/pendidikan/", views.education_create, name="education_create"
    ),
    path("penempatan/<int:pk>/akhiri/", views.placement_end, name="placement_end"),
    path("unit/tambah/", views.unit_create, name="unit_create"),
    path("unit/<int:pk>/ubah/", views.unit_update, name="unit_update"),
    path("jabatan/tambah/", views.position_create, name="position_create"),
    path("jabatan/<int:pk>/ubah/", views.position_update, name="position_update"),
    path("rotasi/pantauan/", views.rotation_watch, name="rotation_watch"),
    path("rotasi/usulan/", views.batch_list, name="batch_list"),
    path("rotasi/usulan/baru/", views.batch_create, name="batch_create"),
    path("rotasi/usulan/<int:pk>/", views.batch_detail, name="batch_detail"),
    path("rotasi/usulan/<int:pk>/tambah/", views.batch_move_add, name="batch_move_add"),
    path(
        "rotasi/usulan/<int:pk>/tindakan/",
        views.batch_transition,
        name="batch_transition",
    ),
    path(
        "rotasi/usulan/<int:pk>/laksanakan/", views.batch_execute, name="batch_execute"
    ),
    path("rotasi/usulan/<int:pk>/sk/", views.batch_decree, name="batch_decree"),
    path(
        "rotasi/usulan/<int:pk>/sk.pdf", views.batch_decree_pdf, name="batch_decree_pdf"
    ),
    path(
        "rotasi/perpindahan/<int:pk>/hapus/",
        views.batch_move_remove,
        name="batch_move_remove",
    ),
    path(
        "rotasi/perpindahan/<int:pk>/alasan/",
        views.batch_move_acknowledge,
        name="batch_move_acknowledge",
    ),
    path("laporan/duk/", views.report_duk, name="report_duk"),
    path("laporan/bezetting/", views.report_bezetting, name="report_bezetting"),
    path("laporan/nominatif/", views.report_nominatif, name="report_nominatif"),
    path("impor/", views.import_upload, name="import_upload"),
    path("impor/<int:pk>/", views.import_preview, name="import_preview"),
    path("impor/<int:pk>/simpan/", views.import_commit, name="import_commit"),
    path("impor/templat/<slug:kind>/", views.import_template, name="import_template"),
]
