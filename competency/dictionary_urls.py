"""URLs of the dictionary and standards pages; included by competency/urls.py under
the same `competency` namespace."""

urlpatterns: list = []
