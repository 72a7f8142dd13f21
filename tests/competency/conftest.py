"""The competency dictionary comes from a data migration; a transactional test's
flush removes it, so it is put back when missing (as tests/conftest.py does for
ranks). Uploaded evidence goes to a temporary MEDIA_ROOT."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps as global_apps

from competency.models import Competency

dictionary = importlib.import_module(
    "competency.migrations.0002_fill_competency_dictionary"
)


@pytest.fixture(autouse=True)
def _competency_dictionary(request, _reference_data):
    uses_db = request.node.get_closest_marker("django_db") or {
        "db",
        "transactional_db",
    } & set(request.fixturenames)
    if uses_db and not Competency.objects.filter(code="M.01").exists():
        dictionary.load(global_apps, None)


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
