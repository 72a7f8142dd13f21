"""The competency dictionary comes from a data migration; a transactional test's
flush removes it, so it is put back when missing (as tests/conftest.py does for
ranks). Uploaded evidence goes to a temporary MEDIA_ROOT."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps as global_apps

from competency import services
from competency.models import Competency
from tests.competency.factories import AssessmentFactory, StandardDefaultFactory
from tests.positions.factories import (
    EmployeeFactory,
    OrgUnitFactory,
    PlacementFactory,
    PositionFactory,
)

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


def comp(code: str) -> Competency:
    return Competency.objects.get(code=code)


@pytest.fixture
def team(supervisor, employee):
    """The supervisor heads a bidang; the employee persona and a colleague are his
    staff; an outsider works in another dinas. Pelaksana need Integritas 2."""
    StandardDefaultFactory(
        position_kind="PELAKSANA", competency=comp("M.01"), required_level=2
    )
    root = OrgUnitFactory(kind="PEMKOT")
    dinas = OrgUnitFactory(parent=root, name="Dinas Kesehatan")
    other = OrgUnitFactory(parent=root, name="Dinas Pendidikan")
    kabid = PositionFactory(unit=dinas, kind="ADMINISTRATOR", eselon="III.b")
    staff = PositionFactory(unit=dinas, needs=5, supervisor=kabid, kind="PELAKSANA")
    PlacementFactory(position=kabid, employee=EmployeeFactory(user=supervisor))
    mine = PlacementFactory(
        position=staff, employee=EmployeeFactory(user=employee, name="Dewi Lestari")
    ).employee
    colleague = PlacementFactory(
        position=staff, employee=EmployeeFactory(name="Yusuf Hakim")
    ).employee
    outsider = PlacementFactory(
        position=PositionFactory(unit=other, kind="PELAKSANA", needs=60),
        employee=EmployeeFactory(name="Siti Aminah"),
    ).employee
    AssessmentFactory(employee=colleague, competency=comp("M.01"), level=3)
    services.refresh_gap_summary()  # the city and unit reports read the count
    return {
        "dinas": dinas,
        "other": other,
        "staff": staff,
        "mine": mine,
        "colleague": colleague,
        "outsider": outsider,
    }
