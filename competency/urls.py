from django.urls import path

from competency import dictionary_urls, event_urls
from competency.views import assessments, reports

app_name = "competency"
urlpatterns = [
    path("", reports.index, name="index"),
    path("kesenjangan/", reports.gap_report, name="gap_report"),
    path("kesenjangan/hitung-ulang/", reports.gap_refresh, name="gap_refresh"),
    path("kebutuhan/", reports.training_needs, name="training_needs"),
    path("jp/", reports.jp_report, name="jp_report"),
    path("asesmen/<int:pk>/", assessments.assessment_list, name="assessment_list"),
    path(
        "asesmen/<int:pk>/baru/",
        assessments.assessment_create,
        name="assessment_create",
    ),
    *event_urls.urlpatterns,
    *dictionary_urls.urlpatterns,
]
