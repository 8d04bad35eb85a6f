"""Server-side session records (``auth_sessions``): one per sign-in, stored hashed, refused
when missing or idle, touched at most once a minute, gone with the account."""

from __future__ import annotations

import datetime as dt
import hashlib

import pyotp
from sqlalchemy import delete, func, select, update

from auth.models import AuthSession, SmsCode, User
from core.db import db, utcnow
from tests.auth.conftest import sign_in_by_sms
from tests.auth.test_staff import SECRET, _password_step

HTML = {"Accept": "text/html"}


def _sid(client) -> str:
    with client.session_transaction() as s:
        return s["sid"]


def _row(client) -> AuthSession | None:
    return db.session.get(AuthSession, hashlib.sha256(_sid(client).encode()).hexdigest())


def _count() -> int:
    return db.session.scalar(select(func.count()).select_from(AuthSession))


def test_sms_sign_in_records_a_hashed_session(client, sms_outbox):
    sign_in_by_sms(client, sms_outbox)
    user = db.session.scalar(select(User))
    row = _row(client)
    assert row is not None and row.user_id == user.id
    assert db.session.get(AuthSession, _sid(client)) is None  # the raw id is never stored
    assert len(_sid(client)) >= 43


def test_staff_sign_in_records_a_session_only_after_totp(client, create_staff):
    create_staff()
    _password_step(client)
    assert _count() == 0
    client.post("/auth/staff/totp", data={"code": pyotp.TOTP(SECRET).now()})
    assert _row(client) is not None


def test_a_session_whose_record_is_gone_is_refused(client, sms_outbox):
    sign_in_by_sms(client, sms_outbox)
    db.session.execute(delete(AuthSession))
    assert client.get("/auth/account", headers=HTML).status_code == 302


def test_a_session_idle_on_the_server_is_refused(app, client, sms_outbox):
    """Even when the cookie's own ``last_active`` is fresh (a replayed cookie)."""
    sign_in_by_sms(client, sms_outbox)
    row = _row(client)
    row.last_seen_dt = utcnow() - dt.timedelta(minutes=app.config["SESSION_IDLE_MINUTES"] + 2)
    db.session.flush()
    assert client.get("/auth/account", headers=HTML).status_code == 302


def test_last_seen_is_written_at_most_once_a_minute(client, sms_outbox):
    sign_in_by_sms(client, sms_outbox)
    row = _row(client)
    recent = utcnow() - dt.timedelta(seconds=20)
    row.last_seen_dt = recent
    db.session.flush()
    assert client.get("/auth/account", headers=HTML).status_code == 200
    db.session.refresh(row)
    assert row.last_seen_dt == recent
    row.last_seen_dt = old = utcnow() - dt.timedelta(minutes=5)
    db.session.flush()
    assert client.get("/auth/account", headers=HTML).status_code == 200
    db.session.refresh(row)
    assert row.last_seen_dt > old + dt.timedelta(minutes=4)


def _allow_another_code() -> None:
    db.session.execute(update(SmsCode).values(created_dt=utcnow() - dt.timedelta(minutes=2)))


def test_signing_in_again_replaces_this_browsers_record(client, sms_outbox):
    sign_in_by_sms(client, sms_outbox)
    first = _sid(client)
    _allow_another_code()
    sign_in_by_sms(client, sms_outbox)
    assert _sid(client) != first and _count() == 1


def test_sign_out_everywhere_deletes_every_record(app, client, sms_outbox):
    sign_in_by_sms(client, sms_outbox)
    _allow_another_code()
    other = app.test_client()
    sign_in_by_sms(other, sms_outbox)
    assert _count() == 2
    client.post("/auth/account/sign-out-everywhere")
    assert _count() == 0
    assert other.get("/auth/account", headers=HTML).status_code == 302


def test_session_records_go_with_the_account(client, sms_outbox):
    sign_in_by_sms(client, sms_outbox)
    user = db.session.scalar(select(User))
    db.session.delete(user)
    db.session.flush()
    db.session.expire_all()
    assert _count() == 0
