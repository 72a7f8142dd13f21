from django.urls import path

from community import views

app_name = "community"
urlpatterns = [
    path("moderasi/", views.moderation, name="moderation"),
    path("aspirasi-saya/", views.my_feedback, name="my_feedback"),
]
