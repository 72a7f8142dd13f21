"""URLs of the event pages (catalog, events, registration, external learning);
included by competency/urls.py under the same `competency` namespace."""

urlpatterns: list = []
