"""Security reference 5.N "the old session ID is rejected after logout".

Sessions are signed cookies naming a server-side record (``auth_sessions``).  A plain
sign-out deletes this browser's record, so a copy of the cookie taken before (a shared
computer, a stolen cookie) stops working too; sign out everywhere deletes every record of
the account and rotates its ``session_token``.

Also "recruiters: 30 min idle, 12 h absolute": staff sessions end after STAFF_IDLE_TIMEOUT
without a request and STAFF_SESSION_MAX_AGE after the sign-in, on a controlled clock
(``auth.sessions.now``); candidates keep SESSION_IDLE_MINUTES and no absolute limit."""

from __future__ import annotations

import time
from urllib.parse import parse_qs, urlsplit

import pyotp
import pytest
from sqlalchemy import func, select

from auth import sessions
from auth.models import AuthSession
from core.db import db
from tests.auth.conftest import sign_in_by_sms
from tests.auth.test_staff import SECRET, _password_step

HTML = {"Accept": "text/html"}
EN_HTML = {"Accept": "text/html", "Accept-Language": "en"}
ZH_HTML = {"Accept": "text/html", "Accept-Language": "zh-CN"}


def _copy_session(source, target) -> None:
    with source.session_transaction() as s:
        saved = dict(s)
    with target.session_transaction() as s:
        s.update(saved)


def test_sign_out_everywhere_kills_a_copied_cookie(app, client, sms_outbox):
    sign_in_by_sms(client, sms_outbox)
    thief = app.test_client()
    _copy_session(client, thief)
    client.post("/auth/account/sign-out-everywhere")
    assert thief.get("/auth/account", headers=HTML).status_code == 302


def test_plain_sign_out_kills_a_copied_cookie(app, client, sms_outbox):
    sign_in_by_sms(client, sms_outbox)
    thief = app.test_client()
    _copy_session(client, thief)
    client.post("/auth/logout")
    assert client.get("/auth/account", headers=HTML).status_code == 302  # this browser is signed out
    assert thief.get("/auth/account", headers=HTML).status_code == 302


# --- staff: 30 minutes idle, 12 hours absolute --------------------------------------------------


class Clock:
    """``auth.sessions.now``, moved by hand."""

    def __init__(self) -> None:
        self.value = int(time.time())

    def __call__(self) -> int:
        return self.value

    def advance(self, minutes: float) -> None:
        self.value += int(minutes * 60)


@pytest.fixture
def clock(monkeypatch) -> Clock:
    fake = Clock()
    monkeypatch.setattr(sessions, "now", fake)
    return fake


def _staff_sign_in(client, create_staff, role="recruiter"):
    user = create_staff(role=role)
    _password_step(client)
    assert client.post("/auth/staff/totp", data={"code": pyotp.TOTP(SECRET).now()}).status_code == 302
    assert client.get("/auth/account", headers=HTML).status_code == 200
    return user


def _records(user) -> int:
    return db.session.scalar(select(func.count()).select_from(AuthSession).where(AuthSession.user_id == user.id))


def _assert_sent_to_staff_sign_in(client, response, headers):
    """Redirected to the staff sign-in with ``next``, shown the "session expired" notice."""
    assert response.status_code == 302
    location = urlsplit(response.headers["Location"])
    assert location.path == "/auth/staff/login"
    assert parse_qs(location.query)["next"] == ["/auth/account"]
    return client.get(response.headers["Location"], headers=headers).get_data(as_text=True)


@pytest.mark.parametrize("role", ["recruiter", "admin"])
def test_staff_session_ends_after_30_idle_minutes(app, client, create_staff, clock, role):
    assert app.config["STAFF_IDLE_TIMEOUT"] == 30
    user = _staff_sign_in(client, create_staff, role)
    clock.advance(29)
    assert client.get("/auth/account", headers=HTML).status_code == 200  # 29 minutes idle: still in
    clock.advance(31)
    page = _assert_sent_to_staff_sign_in(client, client.get("/auth/account", headers=EN_HTML), EN_HTML)
    assert "Your session has expired. Please sign in again." in page
    assert _records(user) == 0  # the server-side record is ended: a copy of the cookie is dead too
    assert client.get("/auth/account", headers=HTML).status_code == 302


def test_staff_session_ends_12_hours_after_sign_in_even_when_active(app, client, create_staff, clock):
    assert app.config["STAFF_SESSION_MAX_AGE"] == 12 * 60
    user = _staff_sign_in(client, create_staff)
    for _ in range(24):  # a request every 29 minutes: never idle, 11 h 36 min in all
        clock.advance(29)
        assert client.get("/auth/account", headers=HTML).status_code == 200
    clock.advance(25)  # 12 h 01 min after the sign-in
    page = _assert_sent_to_staff_sign_in(client, client.get("/auth/account", headers=ZH_HTML), ZH_HTML)
    assert "您的会话已过期，请重新登录。" in page
    assert _records(user) == 0


def test_staff_record_idle_on_the_server_ends_the_session(app, client, create_staff, clock):
    """A cookie whose own ``last_active`` is fresh (a replayed copy) is judged by the record too."""
    user = _staff_sign_in(client, create_staff)
    clock.advance(40)
    with client.session_transaction() as s:
        s["last_active"] = clock()
    _assert_sent_to_staff_sign_in(client, client.get("/auth/account", headers=EN_HTML), EN_HTML)
    assert _records(user) == 0


def test_staff_limits_follow_the_settings(app, client, create_staff, clock, monkeypatch):
    monkeypatch.setitem(app.config, "STAFF_IDLE_TIMEOUT", 10)
    monkeypatch.setitem(app.config, "STAFF_SESSION_MAX_AGE", 60)
    _staff_sign_in(client, create_staff)
    clock.advance(11)
    assert client.get("/auth/account", headers=HTML).headers["Location"].startswith("/auth/staff/login")


def test_candidates_keep_their_idle_limit_and_have_no_absolute_limit(app, client, sms_outbox, clock):
    sign_in_by_sms(client, sms_outbox)
    for _ in range(8):  # 100 minutes idle each time (a recruiter would be out), 13 h 20 min in all
        clock.advance(100)
        assert client.get("/auth/account", headers=HTML).status_code == 200
    clock.advance(app.config["SESSION_IDLE_MINUTES"] + 1)
    response = client.get("/auth/account", headers=HTML)
    assert response.status_code == 302
    assert urlsplit(response.headers["Location"]).path == "/auth/login"  # the candidates' page, as before
