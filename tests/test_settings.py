from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {**os.environ, **env}
    # The test process allows async-unsafe calls for Playwright; a deployment must not.
    environment.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_is_silent_with_production_values():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="off",
        HTTPS="on",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="asn.sawahluntokota.go.id",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert (
        "System check identified no issues (0 silenced)."
        in result.stdout + result.stderr
    )
    assert "WARNINGS" not in result.stderr


def test_settings_come_from_the_environment(settings):
    assert settings.LANGUAGE_CODE == "id"
    assert settings.TIME_ZONE == "Asia/Jakarta"
    assert settings.USE_TZ
    assert settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
    assert settings.DATABASES["default"]["CONN_MAX_AGE"] > 0
    # Server-side binding breaks pghistory's context tracking.
    assert (
        not settings.DATABASES["default"].get("OPTIONS", {}).get("server_side_binding")
    )
