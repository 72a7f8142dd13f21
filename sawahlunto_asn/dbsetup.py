"""Make sure the configured PostgreSQL database is reachable, creating it if missing.

Run by `make run` and `make test` before anything touches Django, so a stopped
server gives one clear sentence instead of a traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path

import environ
import psycopg
from psycopg import sql

BASE_DIR = Path(__file__).resolve().parent.parent


def _conninfo(config: dict, dbname: str) -> dict:
    params = {"dbname": dbname}
    for key, name in (
        ("HOST", "host"),
        ("PORT", "port"),
        ("USER", "user"),
        ("PASSWORD", "password"),
    ):
        if config.get(key):
            params[name] = str(config[key])
    params["connect_timeout"] = 5
    return params


def where(config: dict) -> str:
    host = config.get("HOST") or "soket lokal"
    port = config.get("PORT") or "5432"
    return f"{host}:{port}"


def main() -> int:
    env = environ.Env()
    environ.Env.read_env(BASE_DIR / ".env", overwrite=False)
    config = env.db("DATABASE_URL", default="postgres:///sawahlunto_asn")
    name = config["NAME"]
    try:
        psycopg.connect(**_conninfo(config, name)).close()
        return 0
    except psycopg.OperationalError:
        pass  # Missing database or unreachable server: the maintenance database tells which.
    try:
        with psycopg.connect(**_conninfo(config, "postgres"), autocommit=True) as conn:
            exists = conn.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [name]
            ).fetchone()
            if not exists:
                conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
                print(f"Basis data {name} dibuat.")
    except psycopg.OperationalError:
        print(
            f"PostgreSQL tidak dapat dihubungi di {where(config)}: jalankan server dengan "
            "'pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start' "
            "(atau 'sudo systemctl start postgresql'), atau arahkan DATABASE_URL ke "
            "server PostgreSQL yang berjalan.",
            file=sys.stderr,
        )
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
