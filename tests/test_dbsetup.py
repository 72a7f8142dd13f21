from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_dbsetup(database_url: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "sawahlunto_asn.dbsetup"],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": database_url},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_unreachable_postgres_prints_one_sentence_and_fails():
    result = run_dbsetup("postgres://127.0.0.1:1/sawahlunto_asn")
    assert result.returncode != 0
    output = (result.stdout + result.stderr).strip()
    assert "Traceback" not in output
    assert len(output.splitlines()) == 1
    assert "PostgreSQL tidak dapat dihubungi" in output
    assert "DATABASE_URL" in output


def test_reachable_postgres_passes():
    result = run_dbsetup(os.environ.get("DATABASE_URL", "postgres:///postgres"))
    assert result.returncode == 0, result.stderr
