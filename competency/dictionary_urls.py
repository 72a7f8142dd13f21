"""URLs of the dictionary and standards pages; included by competency/urls.py under
the same `competency` namespace."""

from django.urls import path

from competency.views import dictionary

urlpatterns: list = [
    path("kamus/", dictionary.dictionary_list, name="dictionary_list"),
    path("kamus/baru/", dictionary.dictionary_create, name="dictionary_create"),
    path(
        "kamus/<int:pk>/ubah/", dictionary.dictionary_update, name="dictionary_update"
    ),
    path("standar/", dictionary.standard_defaults, name="standard_defaults"),
    path(
        "standar/simpan/",
        dictionary.standard_defaults_save,
        name="standard_defaults_save",
    ),
    path(
        "standar/jabatan/",
        dictionary.standard_position_search,
        name="standard_position_search",
    ),
    path(
        "standar/jabatan/<int:pk>/",
        dictionary.standard_position,
        name="standard_position",
    ),
    path(
        "standar/jabatan/<int:pk>/simpan/",
        dictionary.standard_position_save,
        name="standard_position_save",
    ),
]
