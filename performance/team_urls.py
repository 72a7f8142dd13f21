"""URLs of the team pages; included by performance/urls.py under the same
`performance` namespace (`performance:team` itself is declared there)."""

from django.urls import path

from performance.views import team

urlpatterns: list = [
    path("periode/", team.periods, name="periods"),
    path("periode/buka/", team.period_open, name="period_open"),
    path("periode/<int:pk>/tutup/", team.period_close, name="period_close"),
    path("tanpa-penilai/", team.unassigned, name="unassigned"),
    path("tanpa-penilai/tetapkan/", team.unassigned_assign, name="unassigned_assign"),
    path("distribusi/", team.distribution, name="distribution"),
    path("distribusi/capaian/", team.distribution_rate, name="distribution_rate"),
    path("distribusi/kunci/", team.distribution_lock, name="distribution_lock"),
    path("talenta/", team.talent, name="talent"),
    path("talenta/hitung/", team.talent_compute, name="talent_compute"),
    path("talenta/potensi/", team.talent_potential, name="talent_potential"),
]
