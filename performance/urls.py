from django.urls import path

from performance import views

app_name = "performance"
urlpatterns = [
    path("tim/", views.team, name="team"),
]
