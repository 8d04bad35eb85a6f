"""Session handling for the sign-in views: new session at sign-in, idle timeout, the
encrypted "pending" state between the steps of a sign-in, and the browser's SMS flow id.

Flask's session is a signed cookie.  "A new session id at sign-in" means: everything the
browser carried before is dropped (``session.clear()``) and a fresh random ``sid`` is set.
``sid`` names a server-side record (``AuthSession``, stored as its SHA-256): the user loader
refuses a session whose record is gone or idle, so a plain sign-out (which deletes the
record) also ends a copy of the cookie.  The account's ``session_token`` (``User.get_id``)
and deleting all its records end every session (sign out everywhere).

``start`` and ``end`` write to the database: the caller commits.
"""

from __future__ import annotations

import json
import secrets
import time
import typing as t
from urllib.parse import unquote

from cryptography.fernet import InvalidToken
from flask import current_app, flash, g, request, session
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from auth import operations
from auth.models import User
from core.crypto import decrypt, encrypt
from core.db import db
from core.urls import safe_next

PENDING_MAX_AGE = 15 * 60
_KEEP_ACROSS_SIGN_IN = ("lang",)


def start(user: User) -> None:
    """Sign ``user`` in on a fresh session (no state of the previous one survives) and
    record it server-side (the caller commits)."""
    kept = {key: session[key] for key in _KEEP_ACROSS_SIGN_IN if key in session}
    operations.close_session(session.get("sid"))
    session.clear()
    session.update(kept)
    session["sid"] = operations.open_session(user)
    session["last_active"] = int(time.time())
    session.permanent = False
    login_user(user, remember=False, fresh=True)


def end() -> None:
    """Sign out this browser and delete its session record (the caller commits)."""
    kept = {key: session[key] for key in _KEEP_ACROSS_SIGN_IN if key in session}
    operations.close_session(session.get("sid"))
    logout_user()
    session.clear()
    session.update(kept)


def is_live(user: User) -> bool:
    """For the user loader: does this browser's ``sid`` name a live record of ``user``?"""
    row = operations.live_session(user, session.get("sid"))
    g.auth_session = row
    return row is not None


def enforce_idle_timeout() -> None:
    """``before_app_request``: sign out a session idle for more than SESSION_IDLE_MINUTES;
    otherwise note the activity (cookie, and the record's ``last_seen_dt`` once a minute)."""
    if request.endpoint == "static" or not current_user.is_authenticated:
        return
    now = int(time.time())
    last = session.get("last_active")
    limit = int(current_app.config["SESSION_IDLE_MINUTES"]) * 60
    if isinstance(last, int) and now - last > limit:
        end()
        db.session.commit()
        flash(_("You were signed out after a period of inactivity. Please sign in again."), "info")
        return
    if not isinstance(last, int) or now - last >= 30:
        session["last_active"] = now
    row = g.get("auth_session")
    if row is not None and operations.touch_session(row):
        db.session.commit()


def put(key: str, data: dict[str, t.Any]) -> None:
    """Keep ``data`` in the session, encrypted (it may hold a phone number or openid)."""
    payload = json.dumps({"t": int(time.time()), "d": data}, separators=(",", ":")).encode()
    session[key] = encrypt(payload).decode("ascii")


def get(key: str, *, max_age: int = PENDING_MAX_AGE) -> dict[str, t.Any] | None:
    token = session.get(key)
    if not isinstance(token, str):
        return None
    try:
        payload = json.loads(decrypt(token.encode("ascii")))
    except (InvalidToken, ValueError, UnicodeError):
        session.pop(key, None)
        return None
    if not isinstance(payload, dict) or int(time.time()) - int(payload.get("t", 0)) > max_age:
        session.pop(key, None)
        return None
    data = payload.get("d")
    return data if isinstance(data, dict) else None


def pop(key: str) -> dict[str, t.Any] | None:
    data = get(key)
    session.pop(key, None)
    return data


def sms_flow_id() -> str:
    """The browser's SMS flow: a code only works in the browser that asked for it."""
    flow = session.get("sms_flow")
    if not isinstance(flow, str) or len(flow) < 20:
        flow = session["sms_flow"] = secrets.token_urlsafe(24)
    return flow


def safe_target(target: str | None) -> str:
    """``core.urls.safe_next``, also applied to the percent-decoded form (``/%09/host``)."""
    first = safe_next(target, "")
    return first if first and safe_next(unquote(first), "") else ""


def remember_next(target: str | None) -> None:
    target = safe_target(target)
    if target:
        session["auth_next"] = target


def take_next(default: str = "/") -> str:
    return safe_target(session.pop("auth_next", None)) or default


REAUTH_MAX_AGE = 10 * 60


def mark_reauthenticated() -> None:
    session["reauth_at"] = int(time.time())


def recently_reauthenticated(max_age: int = REAUTH_MAX_AGE) -> bool:
    """Did the signed-in user prove their identity again in the last ``max_age`` seconds?"""
    at = session.get("reauth_at")
    return isinstance(at, int) and 0 <= int(time.time()) - at <= max_age
