"""Security reference 5.B (request shape) and 5.J/5.K (logs) against a real gunicorn: what
the Werkzeug test client cannot send (chunked bodies, a Content-Length that lies) and what
only the server writes (its access log, its streams on a full disk).

Each server is ``gunicorn -c gunicorn.conf.py`` with one gthread worker on a free port,
serving the test database (``tests/core/gunicorn_server.py``); about a second to start.
"""

from __future__ import annotations

import json
import os
import re
import time
import typing as t

import pytest
from sqlalchemy import func, select

from tests.conftest import TEST_SECRET, put_signed_in
from tests.core.gunicorn_server import Gunicorn, read_response, status_of

pytestmark = pytest.mark.slow
BODY_TIMEOUT = 2  # REQUEST_BODY_TIMEOUT of the served app, seconds
GUNICORN_TIMEOUT = 5


def _overrides(app: t.Any, upload_root: t.Any) -> dict[str, t.Any]:
    return {"APP_ENV": "testing", "SECRET_KEY": TEST_SECRET, "WTF_CSRF_ENABLED": False, "RATELIMIT_ENABLED": False,
            "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"], "SMS_BACKEND": "memory",
            "RESUME_STORAGE_URL": upload_root.as_uri(), "REQUEST_BODY_TIMEOUT": BODY_TIMEOUT}


@pytest.fixture(scope="module")
def server_uploads(tmp_path_factory: pytest.TempPathFactory) -> t.Any:
    return tmp_path_factory.mktemp("gunicorn-uploads")


@pytest.fixture(scope="module")
def server(app: t.Any, database: None, server_uploads: t.Any, tmp_path_factory: pytest.TempPathFactory) -> t.Any:
    """gunicorn with the plain log format; its stdout and stderr go to ``server.log_file``."""
    log_file = tmp_path_factory.mktemp("gunicorn") / "server.log"
    with log_file.open("wb") as out, Gunicorn({"LOG_FORMAT": "plain", "GUNICORN_TIMEOUT": str(GUNICORN_TIMEOUT)},
                                              overrides=_overrides(app, server_uploads), output=out) as running:
        running.log_file = log_file  # type: ignore[attr-defined]
        yield running


@pytest.fixture
def signed_in_cookie(app: t.Any, committed_db: t.Any, create_user: t.Any) -> tuple[str, t.Any]:
    """A candidate signed in for real (committed), as a ``Cookie`` header value."""
    user = create_user(role="candidate")
    committed_db.commit()
    client = app.test_client()
    with client.session_transaction() as session:
        put_signed_in(session, user)
    cookie = client.get_cookie(app.config["SESSION_COOKIE_NAME"])
    return f"{cookie.key}={cookie.value}", user


def _chunked_upload(size: int, cookie: str) -> t.Iterator[bytes]:
    boundary = b"b0undary"
    head = (b"--" + boundary + b'\r\nContent-Disposition: form-data; name="consent"\r\n\r\ny\r\n--' + boundary
            + b'\r\nContent-Disposition: form-data; name="file"; filename="cv.pdf"\r\n'
            b"Content-Type: application/pdf\r\n\r\n%PDF-1.7\n")
    yield (b"POST /me/resumes HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: " + cookie.encode()
           + b"\r\nContent-Type: multipart/form-data; boundary=" + boundary
           + b"\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n")
    body = head
    remaining = size
    while remaining > 0 or body:
        piece = b"x" * min(remaining, 256 * 1024)
        remaining -= len(piece)
        body += piece
        if remaining <= 0:
            body += b"\r\n--" + boundary + b"--\r\n"
        yield b"%x\r\n%s\r\n" % (len(body), body)
        body = b""
    yield b"0\r\n\r\n"


def _send_chunked(server: Gunicorn, parts: t.Iterator[bytes]) -> bytes:
    with server.connect(timeout=20) as sock:
        try:
            for part in parts:
                sock.sendall(part)
        except OSError:  # the server answered 413 and closed while we were still sending
            pass
        return read_response(sock)


def test_chunked_upload_over_the_limit_is_413_and_stores_nothing(app, server, server_uploads, signed_in_cookie):
    from resumes.models import Resume

    cookie, user = signed_in_cookie
    # Control: a small chunked body is read and reaches the upload view (no PDF in it: 400).
    small = _send_chunked(server, _chunked_upload(1000, cookie))
    assert status_of(small) == 400, small[:200]
    big = _send_chunked(server, _chunked_upload(app.config["MAX_CONTENT_LENGTH"] + 1024, cookie))
    assert status_of(big) == 413, big[:200]
    assert b"File too large" in big or "文件过大".encode() in big
    from core.db import db

    assert db.session.scalar(select(func.count()).select_from(Resume).where(Resume.user_id == user.id)) == 0
    assert [p for p in server_uploads.rglob("*") if p.is_file()] == []


def test_content_length_larger_than_the_body_ends_with_400_within_the_timeout(server):
    """The client announces 1,000 bytes, sends 3 and waits: without a bound, the gthread
    worker's thread waits as long as the client does (gunicorn's worker timeout does not
    apply to a thread); with ``BoundedBodyReads`` the request ends with 400."""
    with server.connect(timeout=GUNICORN_TIMEOUT + 20) as sock:
        started = time.monotonic()
        sock.sendall(b"POST /auth/staff/login HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                     b"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\na=b")
        response = read_response(sock)
        elapsed = time.monotonic() - started
    assert status_of(response) == 400, response[:200]
    assert BODY_TIMEOUT - 0.5 < elapsed < GUNICORN_TIMEOUT, elapsed
    assert server.alive()


def test_content_length_smaller_than_the_body_leaves_the_rest_as_a_bad_request(server):
    """The announced 3 bytes are the body (the sign-in form, incomplete: 400); the rest is
    never joined to it nor served as a request: gunicorn refuses it as the next request on
    the connection (logged as invalid) and closes, at once."""
    with server.connect(timeout=10) as sock:
        started = time.monotonic()
        sock.sendall(b"POST /auth/staff/login HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                     b"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 3\r\n\r\n"
                     b"a=bEXTRA-BYTES-THAT-ARE-NOT-A-REQUEST\r\n\r\n")
        response = read_response(sock)
    assert time.monotonic() - started < GUNICORN_TIMEOUT
    statuses = [int(s) for s in re.findall(rb"^HTTP/1\.1 (\d{3})", response, re.M)]
    assert statuses and set(statuses) == {400} and len(statuses) <= 2, response[:300]
    assert server.alive()


FORGED = "2026-01-01 00:00:00,000 WARNING auth.views [-]: forged"


def _forging_request(server: Gunicorn) -> bytes:
    """A path and a User-Agent holding CR/LF and a whole forged log line."""
    path = "/no-such-page%0D%0A" + FORGED.replace(" ", "%20")
    with server.connect() as sock:
        sock.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: x\r\nConnection: close\r\n\r\n".encode())
        return read_response(sock)


def _wait_for(log_file: t.Any, needle: str) -> str:
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        text = log_file.read_text(encoding="utf-8", errors="replace")
        if needle in text:
            return text
        time.sleep(0.05)
    raise AssertionError(f"{needle!r} not in the server log")


def test_a_path_with_crlf_cannot_forge_an_access_log_line(server):
    """gunicorn's own access format writes the decoded path as it is: a path holding
    ``%0D%0A`` became two lines.  gunicorn.conf.py now uses core/logs.py's PlainFormatter."""
    response = _forging_request(server)
    assert status_of(response) == 404
    request_id = re.search(rb"X-Request-ID: (\w+)", response).group(1).decode()
    text = _wait_for(server.log_file, request_id)
    lines = [line for line in text.splitlines() if request_id in line or "forged" in line]
    assert len(lines) == 1, lines
    assert "/no-such-page\\r\\n2026-01-01" in lines[0] and lines[0].endswith(f"id={request_id}")
    assert not any(line.startswith("2026-01-01 00:00:00") for line in text.splitlines())


def test_json_access_log_escapes_the_path(app, database, tmp_path):
    log_file = tmp_path / "server.log"
    with log_file.open("wb") as out, Gunicorn({"LOG_FORMAT": "json"}, overrides=_overrides(app, tmp_path / "up"),
                                              output=out) as running:
        response = _forging_request(running)
        request_id = re.search(rb"X-Request-ID: (\w+)", response).group(1).decode()
        text = _wait_for(log_file, request_id)
    records = [json.loads(line) for line in text.splitlines() if line.startswith("{")]
    assert len(records) == len(text.splitlines())
    access = [r for r in records if request_id in r["message"]]
    assert len(access) == 1 and "\r\n" + FORGED in access[0]["message"]


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full on this system")
def test_server_keeps_answering_when_its_log_device_is_full(app, database, tmp_path):
    """5.K, disk full on the log volume: stdout and stderr on /dev/full (every write fails
    with ENOSPC).  Requests, a 404 and a 500-free page, still answer."""
    with open("/dev/full", "wb") as full, Gunicorn({"LOG_FORMAT": "plain", "APP_ENV": "production"},
                                                    overrides=_overrides(app, tmp_path / "up") | {"APP_ENV": "testing"},
                                                    output=full) as running:
        for _ in range(3):
            with running.connect() as sock:
                sock.sendall(b"GET /no-such-page HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                assert status_of(read_response(sock)) == 404
            with running.connect() as sock:
                sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                assert status_of(read_response(sock)) == 200
        assert running.alive()
