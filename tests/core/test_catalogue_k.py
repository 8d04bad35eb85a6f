"""Security reference 5.K (infrastructure faults): the error id on the 500 and 503 pages,
a read-only database, a log stream on a full disk."""

from __future__ import annotations

import errno
import io
import logging
import os
import re
import sys

import pytest
from sqlalchemy import event, text
from sqlalchemy.exc import InternalError, OperationalError

from core.db import db
from core.logs import PlainFormatter

ERROR_ID = re.compile(r"(?:error id: |错误编号：)([A-Za-z0-9_-]+)")


def _break_the_job_board(monkeypatch, exc):
    import careers.views

    def boom(*args, **kwargs):
        raise exc

    monkeypatch.setattr(careers.views, "search_jobs", boom)


class _Orig(Exception):
    def __init__(self, sqlstate):
        super().__init__("cannot execute INSERT in a read-only transaction")
        self.sqlstate = sqlstate


# --- the error id ------------------------------------------------------------------------------

@pytest.mark.parametrize(("exc", "code", "logger_name"), [
    (RuntimeError("boom"), 500, "core.app"),
    (OperationalError("SELECT 1", {}, Exception("connection refused")), 503, "core.app"),
])
@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_error_page_shows_the_request_id_of_the_logged_record(client, monkeypatch, caplog, exc, code,
                                                                logger_name, lang):
    _break_the_job_board(monkeypatch, exc)
    with caplog.at_level("ERROR", logger=logger_name):
        response = client.get("/jobs", headers={"Accept-Language": lang})
    assert response.status_code == code
    shown = ERROR_ID.search(response.get_data(as_text=True)).group(1)
    assert response.headers["X-Request-ID"] == shown
    records = [r for r in caplog.records if r.name == logger_name and r.levelno == logging.ERROR]
    assert [r.request_id for r in records] == [shown]
    assert ("error id: " if lang == "en" else "错误编号：") in response.get_data(as_text=True)


def test_error_id_in_json_errors_and_not_on_ordinary_errors(client, monkeypatch):
    _break_the_job_board(monkeypatch, OperationalError("SELECT 1", {}, Exception("down")))
    response = client.get("/jobs", headers={"Accept": "application/json"})
    assert response.status_code == 503
    assert response.json["error_id"] == response.headers["X-Request-ID"]
    missing = client.get("/no-such-page", headers={"Accept-Language": "en"})
    assert missing.status_code == 404 and "error id" not in missing.get_data(as_text=True)
    assert re.fullmatch(r"[0-9a-f]{32}", missing.headers["X-Request-ID"])


@pytest.mark.parametrize(("sent", "kept"), [
    ("0f8fad5b-d9cb-469f-a165-70867728950e", True),
    ("5e3a1c0d9b8f4e2a", True),
    ("short", False),
    ("x" * 65, False),
    ("id with spaces", False),
    ("abcdefgh\r\n2026-01-01 INFO forged", False),
    ('"><script>alert(1)</script>', False),
    ("abcdefgh;rm", False),
])
def test_proxy_request_id_is_kept_only_when_it_is_a_plain_token(client, monkeypatch, caplog, sent, kept):
    _break_the_job_board(monkeypatch, RuntimeError("boom"))
    with caplog.at_level("ERROR", logger="core.app"):
        response = client.get("/jobs", environ_base={"HTTP_X_REQUEST_ID": sent})
    request_id = response.headers["X-Request-ID"]
    if kept:
        assert request_id == sent
    else:
        assert re.fullmatch(r"[0-9a-f]{32}", request_id)
    assert [r.request_id for r in caplog.records if r.name == "core.app"] == [request_id]
    assert request_id in response.get_data(as_text=True)


def test_each_request_gets_its_own_id_and_records_outside_requests_have_none(client, caplog):
    ids = {client.get("/healthz").headers["X-Request-ID"] for _ in range(3)}
    assert len(ids) == 3
    with caplog.at_level("INFO"):
        logging.getLogger("careers.test").info("outside a request")
    assert caplog.records[-1].request_id == "-"


# --- a read-only database ------------------------------------------------------------------------

def test_read_only_error_gives_the_503_page_other_internal_errors_500(client, monkeypatch, caplog):
    _break_the_job_board(monkeypatch, InternalError("INSERT ...", {}, _Orig("25006")))
    with caplog.at_level("ERROR", logger="core.app"):
        response = client.get("/jobs", headers={"Accept-Language": "en"})
    assert response.status_code == 503
    assert "Temporarily unavailable" in response.get_data(as_text=True)
    assert [r.getMessage() for r in caplog.records if r.name == "core.app"] == [
        "database is read-only on careers.job_list: _Orig"]
    _break_the_job_board(monkeypatch, InternalError("SELECT ...", {}, _Orig("XX000")))
    assert client.get("/jobs").status_code == 500


@pytest.fixture
def read_only_database(app, committed_db):
    """Every new connection of the app's pool opens with ``default_transaction_read_only``."""
    engine = db.engine
    if engine.dialect.name != "postgresql":
        pytest.skip("needs PostgreSQL (TEST_DATABASE_URL)")

    def read_only(dialect, conn_rec, cargs, cparams):
        cparams["options"] = "-c default_transaction_read_only=on"

    def switch(on):
        committed_db.remove()
        engine.dispose()
        if on:
            event.listen(engine, "do_connect", read_only)
        elif event.contains(engine, "do_connect", read_only):
            event.remove(engine, "do_connect", read_only)

    yield switch
    switch(False)


@pytest.mark.postgres
def test_postgres_read_only_mid_session_gives_503_and_reads_keep_working(client, login, create_user, caplog,
                                                                           read_only_database, committed_db):
    user = create_user(role="candidate")
    committed_db.commit()
    login(user)
    read_only_database(True)
    assert db.session.scalar(text("SHOW default_transaction_read_only")) == "on"
    assert client.get("/jobs").status_code == 200  # reads are served
    with caplog.at_level("ERROR", logger="core.app"):
        response = client.post("/privacy/exports", headers={"Accept-Language": "en"})
    assert response.status_code == 503, response.get_data(as_text=True)[:500]
    body = response.get_data(as_text=True)
    assert "Temporarily unavailable" in body and response.headers["X-Request-ID"] in body
    assert any(r.getMessage().startswith("database is read-only on ") for r in caplog.records)
    read_only_database(False)
    assert client.post("/privacy/exports").status_code == 302  # the database is writable again


# --- the log volume is full -----------------------------------------------------------------------

class _FullStream(io.StringIO):
    def write(self, s):
        raise OSError(errno.ENOSPC, "No space left on device")


def _full_streams():
    yield pytest.param(lambda: _FullStream(), id="enospc-stream")
    if os.path.exists("/dev/full"):
        yield pytest.param(lambda: open("/dev/full", "w", buffering=1, encoding="utf-8"), id="dev-full")  # noqa: SIM115


@pytest.mark.parametrize("make_stream", list(_full_streams()))
@pytest.mark.parametrize("raise_exceptions", [True, False])
def test_requests_answer_when_the_log_stream_is_full(client, monkeypatch, make_stream, raise_exceptions):
    """Every record fails to be written (ENOSPC), and so does handleError's own report on
    stderr: the 500 and 503 pages and ordinary pages still answer."""
    stream = make_stream()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(PlainFormatter())
    failures = []
    original = handler.handleError
    handler.handleError = lambda record: (failures.append(record), original(record))  # type: ignore[method-assign]
    root = logging.getLogger()
    root.addHandler(handler)
    monkeypatch.setattr(logging, "raiseExceptions", raise_exceptions)
    monkeypatch.setattr(sys, "stderr", make_stream())
    try:
        assert client.get("/healthz").status_code == 200
        assert client.get("/no-such-page").status_code == 404
        _break_the_job_board(monkeypatch, RuntimeError("boom"))
        assert client.get("/jobs").status_code == 500
        _break_the_job_board(monkeypatch, OperationalError("SELECT 1", {}, Exception("down")))
        assert client.get("/jobs").status_code == 503
    finally:
        root.removeHandler(handler)
    assert len(failures) >= 2  # the two error records were attempted and failed
