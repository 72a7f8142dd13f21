from django.urls import path

from competency import event_urls
from competency.views import reports

app_name = "competency"
urlpatterns = [
    path("", reports.index, name="index"),
    path("kesenjangan/", reports.gap_report, name="gap_report"),
    path("kesenjangan/hitung-ulang/", reports.gap_refresh, name="gap_refresh"),
    path("kebutuhan/", reports.training_needs, name="training_needs"),
    path("jp/", reports.jp_report, name="jp_report"),
    *event_urls.urlpatterns,
]
