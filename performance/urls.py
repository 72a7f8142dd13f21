from django.urls import path

from performance import skp_urls, team_urls
from performance.views import team

app_name = "performance"
urlpatterns = [
    path("tim/", team.team, name="team"),
    *skp_urls.urlpatterns,
    *team_urls.urlpatterns,
]
