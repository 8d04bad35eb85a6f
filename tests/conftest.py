"""Shared fixtures: the app, a database built by migrations, a savepoint per test.

``TEST_DATABASE_URL`` runs the suite on another database (CI: PostgreSQL);
``TEST_REDIS_URL`` enables the tests that need Redis.  Neither set: SQLite in a
temporary folder, and the Redis tests skip.
"""

from __future__ import annotations

import os
import typing as t

import pytest
from flask import Flask
from flask_migrate import upgrade
from sqlalchemy import text
from sqlalchemy.orm import scoped_session, sessionmaker

from core.app import create_app
from core.db import db

TEST_SECRET = "test-secret-key-that-is-long-enough-for-production-checks"


def _test_database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = os.environ.get("TEST_DATABASE_URL")
    if url:
        return url
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"


@pytest.fixture(scope="session")
def app_config(tmp_path_factory: pytest.TempPathFactory) -> dict[str, t.Any]:
    """The configuration the test app is built with; package conftests may extend it."""
    return {
        "APP_ENV": "testing",
        "SECRET_KEY": TEST_SECRET,
        "SQLALCHEMY_DATABASE_URI": _test_database_url(tmp_path_factory),
        "WTF_CSRF_ENABLED": False,
        "RATELIMIT_ENABLED": False,
        "SERVER_NAME": None,
        "TEST_INSTANCE_DIR": str(tmp_path_factory.mktemp("instance")),
    }


@pytest.fixture(scope="session")
def app(app_config: dict[str, t.Any]) -> t.Iterator[Flask]:
    app = create_app(app_config)
    with app.app_context():
        yield app


def reset_database() -> None:
    """Empty the test database completely (PostgreSQL schema or SQLite tables)."""
    engine = db.engine
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
        else:
            conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
            names = [r[0] for r in conn.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")]
            for name in names:
                conn.exec_driver_sql(f'DROP TABLE IF EXISTS "{name}"')
            conn.exec_driver_sql("PRAGMA foreign_keys=ON")


@pytest.fixture(scope="session")
def database(app: Flask) -> t.Iterator[None]:
    """Build the schema once with ``alembic upgrade head``."""
    reset_database()
    upgrade(revision="head")
    yield
    db.session.remove()
    db.engine.dispose()


@pytest.fixture(autouse=True)
def db_session(request: pytest.FixtureRequest, app: Flask) -> t.Iterator[t.Any]:
    """Each test runs in an outer transaction that is rolled back; code under test may commit.

    Tests marked ``no_db`` skip this (pure-library tests).
    """
    if request.node.get_closest_marker("no_db") or "committed_db" in request.fixturenames:
        yield None
        return
    request.getfixturevalue("database")
    connection = db.engine.connect()
    outer = connection.begin()
    original = db.session
    db.session = scoped_session(sessionmaker(bind=connection, join_transaction_mode="create_savepoint"))
    try:
        yield db.session
    finally:
        db.session.remove()
        db.session = original
        outer.rollback()
        connection.close()


@pytest.fixture(autouse=True)
def upload_dir(app: Flask, tmp_path: t.Any, monkeypatch: pytest.MonkeyPatch) -> t.Any:
    """Every test stores resume files in its own directory, never in the repository's instance/."""
    root = tmp_path / "uploads"
    monkeypatch.setitem(app.config, "RESUME_STORAGE_URL", root.as_uri())
    monkeypatch.setitem(app.extensions, "resumes.storage", {})
    return root


@pytest.fixture
def committed_db(app: Flask, database: None) -> t.Iterator[t.Any]:
    """A real, committing session for tests whose work must be seen by other processes
    or connections (background runners, workers).  Every table is emptied afterwards."""
    yield db.session
    db.session.remove()
    with db.engine.begin() as conn:
        for table in reversed(db.metadata.sorted_tables):
            conn.execute(table.delete())


@pytest.fixture
def client(app: Flask) -> t.Any:
    return app.test_client()


@pytest.fixture
def runner(app: Flask) -> t.Any:
    return app.test_cli_runner()


@pytest.fixture
def csrf_enabled(app: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    """Turn CSRF protection on for one test (it is off for the rest of the suite)."""
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)


@pytest.fixture
def redis_url() -> str:
    url = os.environ.get("TEST_REDIS_URL")
    if not url:
        pytest.skip("TEST_REDIS_URL is not set")
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.exceptions.RedisError:
        pytest.skip("Redis does not answer at TEST_REDIS_URL")
    return url


@pytest.fixture
def create_user() -> t.Callable[..., t.Any]:
    """Return a callable that creates accounts: ``create_user(role="recruiter")``."""
    from auth.models import User

    def _create_user(role: str = "candidate", **fields: t.Any) -> User:
        user = User(role=role, **fields)
        db.session.add(user)
        db.session.flush()
        return user

    return _create_user


def put_signed_in(session: t.Any, user: t.Any) -> None:
    """Write a signed-in session for ``user`` into a test client's ``session_transaction()``:
    Flask-Login's keys plus the ``sid`` of a new ``auth_sessions`` row.  The row is committed
    (inside the test's rolled-back transaction), so a view's ``rollback()`` keeps it, as it
    keeps a real sign-in's."""
    from auth import operations

    session["_user_id"] = user.get_id()
    session["_fresh"] = True
    session["sid"] = operations.open_session(user)
    db.session.commit()


def post_in_parallel(app: Flask, user: t.Any, sends: t.Sequence[t.Callable[[t.Any], t.Any]],
                     timeout: float = 60) -> list[t.Any]:
    """Run each ``send(client)`` in its own thread and test client, every client signed in
    as ``user`` (one server-side session record, as after one sign-in in several tabs),
    all released at once by a barrier: a truly parallel double click.  For tests with
    ``committed_db``.  Returns the responses (in completion order); a thread's exception
    fails the test."""
    import threading

    from auth import operations

    sid = operations.open_session(user)
    db.session.commit()
    token = user.get_id()
    barrier = threading.Barrier(len(sends))
    answers: list[t.Any] = []
    errors: list[BaseException] = []

    def run(send: t.Callable[[t.Any], t.Any]) -> None:
        try:
            client = app.test_client()
            with client.session_transaction() as session:
                session["_user_id"], session["_fresh"], session["sid"] = token, True, sid
            barrier.wait(timeout=10)
            answers.append(send(client))
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(send,)) for send in sends]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    assert not errors, errors
    assert len(answers) == len(sends), "a request did not finish in time"
    return answers


@pytest.fixture
def login(client: t.Any) -> t.Callable[[t.Any], None]:
    """Sign ``user`` in on the test client (Flask-Login's session keys and a server-side
    session record, as ``auth.sessions.start`` makes them)."""

    def _login(user: t.Any) -> None:
        with client.session_transaction() as session:
            put_signed_in(session, user)

    return _login


@pytest.fixture
def create_job() -> t.Callable[..., t.Any]:
    from careers.models import Job

    counter = iter(range(1, 1_000_000))

    def _create_job(**fields: t.Any) -> Job:
        from core.db import utcnow

        data = {
            "reference": f"T-{next(counter):05d}", "title_zh": "测试职位", "title_en": "Test opening",
            "category": "experienced", "department": "engineering", "city": "beijing", "status": "published",
            "published_dt": utcnow(),
        } | fields
        job = Job(**data)
        job.update_search_text()
        db.session.add(job)
        db.session.flush()
        return job

    return _create_job
