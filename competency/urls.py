from django.urls import path

from competency import views

app_name = "competency"
urlpatterns = [
    path("", views.index, name="index"),
]
