"""Feedback (aspirasi and pengaduan): citizen pages, public pages, the office's
lists and one POST route per workflow step."""

from django.urls import path

from community.views import feedback

citizen_patterns = [
    path("aspirasi/kirim/", feedback.feedback_submit, name="feedback_submit"),
    path("aspirasi-saya/", feedback.my_feedback, name="my_feedback"),
]

public_patterns = [
    path("aspirasi/lacak/", feedback.feedback_track, name="feedback_track"),
    path(
        "unit/<int:unit_id>/aspirasi/",
        feedback.feedback_unit_list,
        name="feedback_unit_list",
    ),
    path("aspirasi/<int:pk>/", feedback.feedback_detail, name="feedback_detail"),
    path("aspirasi/<int:pk>/foto/", feedback.feedback_photo, name="feedback_photo"),
]

office_patterns = [
    path("aspirasi/moderasi/", feedback.feedback_queue, name="feedback_queue"),
    path("aspirasi/kotak-masuk/", feedback.feedback_inbox, name="feedback_inbox"),
    path(
        "aspirasi/eskalasi/", feedback.feedback_escalation, name="feedback_escalation"
    ),
]

step_patterns = [
    path(f"aspirasi/<int:pk>/{slug}/", view, name=view.__name__)
    for slug, view in [
        ("verifikasi", feedback.feedback_verify),
        ("tolak", feedback.feedback_reject),
        ("sunting", feedback.feedback_redact),
        ("pemeriksaan-lapangan", feedback.feedback_field_check),
        ("disposisi", feedback.feedback_assign),
        ("jawab", feedback.feedback_answer),
        ("tutup", feedback.feedback_close),
        ("nilai", feedback.feedback_rate),
        ("buka-kembali", feedback.feedback_reopen),
    ]
]

urlpatterns = [*citizen_patterns, *public_patterns, *office_patterns, *step_patterns]
