"""Fault tests: the app in-process, its services reached through proxies we can cut.

The machine's PostgreSQL and Redis are never stopped here: the app is configured with
a :class:`TcpProxy` in front of them (PostgreSQL database ``test_e2e``, Redis db 8), and
the proxy is cut and restored.  ``scripts/fault_drills.sh`` stops the real services
against the production profile (docs/reliability.md).
"""

from __future__ import annotations

import typing as t

import pytest
from flask import Flask

from tests.conftest import TEST_SECRET
from tests.faults.netfaults import BlackHole, TcpProxy

PG_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
FAULT_DB = "test_e2e"
REDIS_DB = 8



def base_config(**override: t.Any) -> dict[str, t.Any]:
    return {
        "APP_ENV": "testing", "SECRET_KEY": TEST_SECRET, "WTF_CSRF_ENABLED": False,
        "RATELIMIT_ENABLED": False, "SERVER_NAME": None, "SMS_BACKEND": "memory",
    } | override


@pytest.fixture(scope="session")
def fault_pg() -> str:
    """The fault tests' own PostgreSQL database (created if missing); skip without PostgreSQL."""
    psycopg = pytest.importorskip("psycopg")
    try:
        with psycopg.connect(PG_ADMIN_URL, connect_timeout=2, autocommit=True) as conn:
            if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (FAULT_DB,)).fetchone():
                conn.execute(f"CREATE DATABASE {FAULT_DB}")
    except psycopg.OperationalError:
        pytest.skip("PostgreSQL does not answer on 127.0.0.1:5432")
    return f"postgresql://postgres@127.0.0.1:5432/{FAULT_DB}"


@pytest.fixture(scope="session")
def fault_schema(fault_pg: str) -> str:
    """``test_e2e`` emptied and migrated to head, once per session."""
    from flask_migrate import upgrade

    from core.app import create_app
    from core.db import db
    from tests.conftest import reset_database

    app = create_app(base_config(SQLALCHEMY_DATABASE_URI=fault_pg))
    with app.app_context():
        reset_database()
        upgrade(revision="head")
        db.session.remove()
        db.engine.dispose()
    return fault_pg


@pytest.fixture
def pg_proxy(fault_schema: str) -> t.Iterator[TcpProxy]:
    proxy = TcpProxy(5432)
    yield proxy
    proxy.cut()


@pytest.fixture
def redis_proxy() -> t.Iterator[TcpProxy]:
    redis = pytest.importorskip("redis")
    try:
        redis.Redis(host="127.0.0.1", port=6379, db=REDIS_DB, socket_connect_timeout=1).ping()
    except redis.exceptions.RedisError:
        pytest.skip("Redis does not answer on 127.0.0.1:6379")
    proxy = TcpProxy(6379)
    yield proxy
    proxy.cut()


@pytest.fixture
def black_hole() -> t.Iterator[BlackHole]:
    hole = BlackHole()
    yield hole
    hole.close()


@pytest.fixture
def make_app() -> t.Iterator[t.Callable[..., Flask]]:
    """Build apps with ``base_config`` + overrides; their pools are closed afterwards."""
    from core.db import db

    apps: list[Flask] = []

    def _make(**override: t.Any) -> Flask:
        from core.app import create_app

        app = create_app(base_config(**override))
        apps.append(app)
        return app

    yield _make
    for app in apps:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()
