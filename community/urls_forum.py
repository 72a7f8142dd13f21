from django.urls import path

from community.views import legacy

urlpatterns = [
    path("moderasi/", legacy.moderation, name="moderation"),
]
