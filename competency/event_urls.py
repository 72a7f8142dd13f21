"""URLs of the event pages (catalog, events, registration, external learning);
included by competency/urls.py under the same `competency` namespace."""

from django.urls import path

from competency.views import events

urlpatterns = [
    path("program/", events.program_list, name="program_list"),
    path("program/baru/", events.program_create, name="program_create"),
    path("program/<int:pk>/ubah/", events.program_update, name="program_update"),
    path("kegiatan/", events.event_list, name="event_list"),
    path("kegiatan/baru/", events.event_create, name="event_create"),
    path("kegiatan/<int:pk>/", events.event_detail, name="event_detail"),
    path("kegiatan/<int:pk>/ubah/", events.event_update, name="event_update"),
    path("kegiatan/<int:pk>/daftar/", events.event_register, name="event_register"),
    path("kegiatan/<int:pk>/tunjuk/", events.event_nominate, name="event_nominate"),
    path("kegiatan/<int:pk>/kapasitas/", events.event_capacity, name="event_capacity"),
    path(
        "kegiatan/<int:pk>/kehadiran/",
        events.event_attendance,
        name="event_attendance",
    ),
    path(
        "kegiatan/<int:pk>/penyelesaian/",
        events.event_complete,
        name="event_complete",
    ),
    path(
        "kegiatan/<int:pk>/daftar-hadir/",
        events.event_attendance_sheet,
        name="event_attendance_sheet",
    ),
    path(
        "kegiatan/<int:pk>/peserta.xlsx",
        events.event_participants_xlsx,
        name="event_participants_xlsx",
    ),
    path(
        "pendaftaran/<int:pk>/batal/",
        events.registration_cancel,
        name="registration_cancel",
    ),
    path(
        "pendaftaran/<int:pk>/evaluasi/",
        events.registration_evaluate,
        name="registration_evaluate",
    ),
    path("pembelajaran-eksternal/", events.external_list, name="external_list"),
    path(
        "pembelajaran-eksternal/baru/",
        events.external_create,
        name="external_create",
    ),
    path(
        "pembelajaran-eksternal/verifikasi/",
        events.external_review_list,
        name="external_review_list",
    ),
    path(
        "pembelajaran-eksternal/<int:pk>/verifikasi/",
        events.external_review,
        name="external_review",
    ),
    path(
        "pembelajaran-eksternal/<int:pk>/bukti/",
        events.external_evidence,
        name="external_evidence",
    ),
    path("pelatihan-saya/", events.my_learning, name="my_learning"),
]
