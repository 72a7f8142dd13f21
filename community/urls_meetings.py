"""Forum diskusi publik and their commitments (public pages and the organisers')."""

from django.urls import path

from community.views import meetings

urlpatterns = [
    path("forum-diskusi/", meetings.meeting_list, name="meeting_list"),
    path("forum-diskusi/baru/", meetings.meeting_create, name="meeting_create"),
    path("forum-diskusi/<int:pk>/", meetings.meeting_detail, name="meeting_detail"),
    path(
        "forum-diskusi/<int:pk>/ubah/", meetings.meeting_update, name="meeting_update"
    ),
    path(
        "forum-diskusi/<int:pk>/daftar/",
        meetings.meeting_register,
        name="meeting_register",
    ),
    path(
        "forum-diskusi/<int:pk>/batal-daftar/",
        meetings.meeting_unregister,
        name="meeting_unregister",
    ),
    path(
        "forum-diskusi/<int:pk>/peserta/",
        meetings.meeting_registrations,
        name="meeting_registrations",
    ),
    path(
        "forum-diskusi/<int:pk>/notulen/",
        meetings.meeting_minutes,
        name="meeting_minutes",
    ),
    path(
        "forum-diskusi/<int:pk>/komitmen/baru/",
        meetings.commitment_create,
        name="commitment_create",
    ),
    path("komitmen/", meetings.commitment_list, name="commitment_list"),
    path("komitmen/<int:pk>/", meetings.commitment_detail, name="commitment_detail"),
    path(
        "komitmen/<int:pk>/perkembangan/",
        meetings.commitment_progress,
        name="commitment_progress",
    ),
]
