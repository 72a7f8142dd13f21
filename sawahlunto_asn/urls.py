from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from sawahlunto_asn import views

admin.site.site_header = _("Administrasi ASN Kota Sawahlunto")
admin.site.site_title = _("ASN Sawahlunto")

urlpatterns = [
    path("", views.home, name="home"),
    path("dasbor/", views.dashboard, name="dashboard"),
    path("healthz", views.healthz, name="healthz"),
    path(
        "riwayat/<str:app_label>/<str:model_name>/<int:pk>/",
        views.audit_history,
        name="audit_history",
    ),
    path("akun/", include("sawahlunto_asn.accounts.urls")),
    path("jabatan/", include("positions.urls")),
    path("kompetensi/", include("competency.urls")),
    path("kinerja/", include("performance.urls")),
    path("partisipasi/", include("community.urls")),
    path("notifikasi/", include("sawahlunto_asn.notifications.urls")),
    path("reformasi/", include("sawahlunto_asn.reform.urls")),
    path("admin/", admin.site.urls),
]
