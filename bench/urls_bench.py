"""The project's URLs plus the floor page, which exists only for the benchmark."""

from django.contrib.auth import get_user_model
from django.http import HttpResponse
from django.urls import include, path


def floor(request):
    get_user_model().objects.exists()
    return HttpResponse("floor")


urlpatterns = [
    path("bench/floor/", floor),
    path("", include("sawahlunto_asn.urls")),
]
