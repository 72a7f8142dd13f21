"""URLs of the skp pages; included by performance/urls.py under the same
`performance` namespace."""

urlpatterns: list = []
