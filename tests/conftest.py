"""Personas, logged-in clients and browser settings shared by the whole suite."""

from __future__ import annotations

import importlib
import os
import shutil

import pytest
from django.apps import apps as global_apps
from django.contrib.auth.models import Group
from django.test import Client

from positions.models import Rank
from sawahlunto_asn.accounts import roles
from sawahlunto_asn.accounts.services import ensure_roles
from tests.accounts.factories import UserFactory

reference_data = importlib.import_module("positions.migrations.0002_reference_data")

# Playwright's sync API runs an event loop in the test thread; Django's ORM
# calls from that thread are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    """Tests do not run collectstatic, so assets are found in place, unhashed."""
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        },
    }


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


DB_FIXTURES = {"db", "transactional_db", "django_db_reset_sequences", "live_server"}


@pytest.fixture(autouse=True)
def _reference_data(request, _django_db_marker):
    """Ranks, education levels, retirement ages and the role groups come from data
    migrations; a transactional test's flush removes them, so they are put back
    when missing."""
    uses_db = request.node.get_closest_marker("django_db") or DB_FIXTURES & set(
        request.fixturenames
    )
    if not uses_db:
        return
    request.getfixturevalue("transactional_db" if _is_transactional(request) else "db")
    if not Rank.objects.exists():
        reference_data.load(global_apps, None)
    # The role groups come from a data migration too; tests that run after the
    # last browser test find them flushed.
    if not Group.objects.exists():
        ensure_roles()


def _is_transactional(request) -> bool:
    marker = request.node.get_closest_marker("django_db")
    return bool(
        (marker and marker.kwargs.get("transaction"))
        or {"transactional_db", "live_server"} & set(request.fixturenames)
    )


@pytest.fixture
def role_groups(db):
    """The role groups; a transactional test's flush removes them, so make sure."""
    ensure_roles()


@pytest.fixture
def hr_officer(role_groups):
    return UserFactory(username="bkpsdm", first_name="Rina", role=roles.HR)


@pytest.fixture
def supervisor(role_groups):
    return UserFactory(username="atasan", role=roles.SUPERVISOR)


@pytest.fixture
def employee(role_groups):
    return UserFactory(username="pegawai", role=roles.EMPLOYEE)


@pytest.fixture
def moderator(role_groups):
    return UserFactory(username="moderator", role=roles.MODERATOR)


@pytest.fixture
def citizen(role_groups):
    return UserFactory(username="warga", role=roles.CITIZEN)


@pytest.fixture
def anonymous():
    return None


PERSONAS = ("hr_officer", "supervisor", "employee", "moderator", "citizen", "anonymous")


@pytest.fixture
def client_for(request):
    """client_for("hr_officer") gives a test client logged in as that persona."""

    def make(persona: str) -> Client:
        user = request.getfixturevalue(persona)
        client = Client()
        if user is not None:
            client.force_login(user)
        return client

    return make


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    executable = shutil.which("chromium")
    if executable is None:
        pytest.fail("Debian's chromium is not installed: apt-get install -y chromium")
    return {
        **browser_type_launch_args,
        "executable_path": executable,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }
