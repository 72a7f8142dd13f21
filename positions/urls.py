from django.urls import path

from positions import views

app_name = "positions"
urlpatterns = [
    path("", views.index, name="index"),
    path("profil-saya/", views.my_profile, name="my_profile"),
]
