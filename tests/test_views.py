from __future__ import annotations

import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from tests.accounts.factories import UserFactory


def test_home_is_public_and_explains_the_system(client, db):
    response = client.get(reverse("home"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Manajemen Jabatan ASN Kota Sawahlunto" in html
    assert reverse("signup") in html
    assert reverse("login") in html


@pytest.mark.django_db
def test_dashboard_shows_the_roles_cards(client_for):
    html = client_for("hr_officer").get(reverse("dashboard")).content.decode()
    assert "Selamat datang" in html
    assert reverse("positions:index") in html
    assert reverse("community:moderation") not in html


def test_healthz_answers_200_after_a_database_round_trip(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_healthz_answers_503_when_the_database_is_unreachable(client):
    # A real failed connection: point the connection at a port nothing listens on.
    saved = dict(connection.settings_dict)
    connection.close()
    connection.settings_dict.update(HOST="127.0.0.1", PORT="1")
    try:
        response = client.get("/healthz")
    finally:
        connection.close()
        connection.settings_dict.clear()
        connection.settings_dict.update(saved)
    assert response.status_code == 503
    assert response.content == b"database unavailable\n"


def test_404_page_is_indonesian_in_the_site_layout(client, db):
    response = client.get("/tidak-ada/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Halaman tidak ditemukan" in html
    assert 'id="konten"' in html


def test_500_page_is_indonesian_in_the_site_layout(client, db, settings):
    from django.views.defaults import server_error

    response = server_error(client.get("/").wsgi_request)
    html = response.content.decode()
    assert response.status_code == 500
    assert "Terjadi kesalahan pada server" in html
    assert "bootstrap.min.css" in html


def test_csrf_failure_page_is_indonesian(db):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("login"), {"username": "x", "password": "y"})
    assert response.status_code == 403
    assert "Formulir tidak dapat diproses" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", ["home", "login", "signup", "dashboard"])
def test_pages_have_no_inline_script_and_a_strict_csp(client, url_name):
    client.force_login(UserFactory())
    response = client.get(reverse(url_name))
    policy = response["Content-Security-Policy"]
    script_src = re.search(r"script-src ([^;]+)", policy).group(1)
    assert "unsafe-inline" not in script_src
    assert "unsafe-eval" not in script_src
    for tag in re.findall(r"<script[^>]*>", response.content.decode()):
        assert "src=" in tag, f"inline script found: {tag}"


def test_every_referenced_asset_is_served_by_the_app_in_production_mode(
    client, db, settings, tmp_path
):
    """collectstatic with the production storage, then WhiteNoise serves each asset."""
    settings.STATIC_ROOT = tmp_path
    settings.WHITENOISE_USE_FINDERS = False
    settings.WHITENOISE_AUTOREFRESH = False
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {
            "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        },
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    html = client.get(reverse("home")).content.decode()
    assets = re.findall(r'(?:href|src)="(/static/[^"]+)"', html)
    assert len(assets) >= 5
    for asset in assets:
        response = client.get(asset)
        assert response.status_code == 200, asset
        b"".join(response.streaming_content)
    assert "://" not in "".join(re.findall(r"<(?:link|script)[^>]+>", html))
