from django.urls import path

from community.views import legacy

urlpatterns = [
    path("aspirasi-saya/", legacy.my_feedback, name="my_feedback"),
]
