"""Security reference 5.J: a NUL byte anywhere in a request (path, query, form) is bad
input, never a 500.  PostgreSQL refuses NUL in text ("PostgreSQL text fields cannot
contain NUL (0x00) bytes", a DataError): before core.app's DataError handler the export,
consent-withdrawal, audit-log, new-opening and profile pages answered 500 on PostgreSQL.
SQLite stores NUL, so there these requests simply succeed or are refused as usual."""

from __future__ import annotations

import pytest

from core.db import db

NUL_REQUESTS = [
    ("candidate", "GET", "/privacy/exports/a%00b", None),
    ("candidate", "POST", "/privacy/exports/a%00b/download", {}),
    ("candidate", "GET", "/privacy/policy/a%00b", None),
    ("candidate", "GET", "/privacy/keep/a%00b", None),
    ("candidate", "POST", "/privacy/consents/withdraw", {"purpose": "a\x00"}),
    ("candidate", "POST", "/me/inbox/read", {"id": "1\x00"}),
    ("candidate", "POST", "/me/profile/edit", {"op": "save", "name": "\x00", "work-0-name": "a\x00"}),
    ("recruiter", "GET", "/recruit/candidates?q=a%00&degree=%00&city=%00&stage=%00&sort=%00", None),
    ("recruiter", "POST", "/recruit/jobs/new", {"title_en": "a\x00", "title_zh": "b\x00", "category": "campus",
                                                "department": "research", "city": "beijing"}),
    ("admin", "GET", "/recruit/audit?action=%00&actor=%00", None),
    ("admin", "GET", "/privacy/admin/erasures?q=%00", None),
    ("anon", "POST", "/auth/staff/login", {"email": "a\x00@example.com", "password": "x\x00"}),
    ("anon", "POST", "/auth/sms/send", {"phone": "138\x0000138000"}),
    ("anon", "GET", "/auth/wechat/callback/web?code=%00&state=%00", None),
    ("anon", "GET", "/lang/%00?next=%00", None),
    ("anon", "GET", "/jobs/1%00", None),
]


@pytest.mark.parametrize(("role", "method", "path", "data"), NUL_REQUESTS)
def test_nul_byte_anywhere_is_never_a_500(client, create_user, login, role, method, path, data):
    if role != "anon":
        login(create_user(role=role, **({"departments": ["research"]} if role == "recruiter" else {})))
        db.session.commit()  # the error handler rolls back: the account must outlive that
    response = client.open(path, method=method, data=data, headers={"Accept-Language": "en"})
    assert response.status_code < 500, (path, response.status_code)
    assert "Traceback" not in response.get_data(as_text=True)


# --- log injection: CR/LF in request data ---------------------------------------------------------

FORGED = "2026-01-01 00:00:00,000 WARNING auth.views [-]: user 1 signed in"
CRLF_REQUESTS = [
    pytest.param("/lang/x%0D%0A" + FORGED.replace(" ", "%20"), {}, id="path"),
    pytest.param("/lang/en", {"HTTP_USER_AGENT": "Mozilla\r\n" + FORGED}, id="user-agent"),
    pytest.param("/lang/en", {"HTTP_X_REQUEST_ID": "abcdefgh\r\n" + FORGED}, id="request-id"),
]


def _capture(fmt: str):
    import io
    import logging

    from core.logs import JsonFormatter, PlainFormatter

    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter() if fmt == "json" else PlainFormatter())
    return stream, handler


@pytest.mark.parametrize("fmt", ["plain", "json"])
@pytest.mark.parametrize(("path", "environ"), CRLF_REQUESTS)
def test_crlf_in_request_data_cannot_forge_a_log_line(client, monkeypatch, fmt, path, environ):
    """Each request logs records that carry request data (the request id from the header,
    and here the path and User-Agent, as a careless log call would): every record stays
    one line (plain: escaped, JSON: one object), so the forged line never starts a line."""
    import json
    import logging

    from flask import request

    import core.views

    stream, handler = _capture(fmt)
    real = core.views.safe_next

    def logging_safe_next(*args, **kwargs):
        logging.getLogger("core.views").warning("language %s ua=%s", request.path, request.user_agent.string)
        return real(*args, **kwargs)

    monkeypatch.setattr(core.views, "safe_next", logging_safe_next)
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        response = client.get(path, environ_base=environ)
    finally:
        root.removeHandler(handler)
    assert response.status_code == 302
    lines = stream.getvalue().splitlines()
    assert lines, "nothing was logged"
    assert not any(line.startswith("2026-01-01") for line in lines)
    if fmt == "json":
        records = [json.loads(line) for line in lines]
        assert all(r["request_id"] == response.headers["X-Request-ID"] for r in records)
    else:
        assert all(f"[{response.headers['X-Request-ID']}]" in line for line in lines)
    if fmt == "plain" and "HTTP_X_REQUEST_ID" not in environ:  # the data is kept, escaped
        assert any(("\\r\\n" + FORGED) in line for line in lines)
