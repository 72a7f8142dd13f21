from django.urls import path

from sawahlunto_asn.reform import views

app_name = "reform"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("hitung-ulang/", views.refresh, name="refresh"),
    path("ekspor/<str:family>.xlsx", views.export, name="export"),
    path("transparansi/", views.transparency, name="transparency"),
    path("data-terbuka.<str:fmt>", views.open_data, name="open_data"),
]
