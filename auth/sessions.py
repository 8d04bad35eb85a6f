"""Session handling for the sign-in views: new session at sign-in, idle timeout, the
encrypted "pending" state between the steps of a sign-in, and the browser's SMS flow id.

Flask's session is a signed cookie.  "A new session id at sign-in" means: everything the
browser carried before is dropped (``session.clear()``) and a fresh random ``sid`` is set.
``sid`` names a server-side record (``AuthSession``, stored as its SHA-256): the user loader
refuses a session whose record is gone or idle, so a plain sign-out (which deletes the
record) also ends a copy of the cookie.  The account's ``session_token`` (``User.get_id``)
and deleting all its records end every session (sign out everywhere).

Staff accounts (recruiters, administrators) have two more limits: ``STAFF_IDLE_TIMEOUT``
minutes without a request, and ``STAFF_SESSION_MAX_AGE`` minutes since the sign-in (the
record's ``created_dt``) whatever the activity.  Candidates keep ``SESSION_IDLE_MINUTES``.

Every time this module reads comes from ``now()``, so tests can move its clock.

``start`` and ``end`` write to the database: the caller commits.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import secrets
import time
import typing as t
from urllib.parse import unquote

from cryptography.fernet import InvalidToken
from flask import current_app, flash, g, redirect, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from auth import operations
from auth.models import User
from core.config import ConfigError
from core.crypto import decrypt, encrypt
from core.db import db
from core.urls import safe_next

logger = logging.getLogger(__name__)

PENDING_MAX_AGE = 15 * 60
# A pending state written "in the future" by at most this much still counts (web nodes'
# clocks differ a little); further ahead, the clock was wrong when it was written: refused.
PENDING_CLOCK_SKEW = 60
_KEEP_ACROSS_SIGN_IN = ("lang",)


def now() -> int:
    """The clock of this module, in Unix seconds (tests replace it)."""
    return int(time.time())


def _as_datetime(timestamp: int) -> dt.datetime:
    return dt.datetime.fromtimestamp(timestamp, dt.UTC)


def check_config(config: t.Mapping[str, t.Any]) -> None:
    """Fail fast on session limits that are not whole, positive numbers of minutes."""
    for name in ("SESSION_IDLE_MINUTES", "STAFF_IDLE_TIMEOUT", "STAFF_SESSION_MAX_AGE"):
        value = config.get(name)
        if not isinstance(value, int) or value <= 0:
            raise ConfigError(f"{name} must be a whole number of minutes above 0, not {value!r}.")


def start(user: User) -> None:
    """Sign ``user`` in on a fresh session (no state of the previous one survives) and
    record it server-side (the caller commits)."""
    kept = {key: session[key] for key in _KEEP_ACROSS_SIGN_IN if key in session}
    operations.close_session(session.get("sid"))
    session.clear()
    session.update(kept)
    started = now()
    session["sid"] = operations.open_session(user, now=_as_datetime(started))
    session["last_active"] = started
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
    row = operations.live_session(user, session.get("sid"), now=_as_datetime(now()))
    g.auth_session = row
    return row is not None


def enforce_idle_timeout() -> t.Any:
    """``before_app_request``: sign out a session past its limits; otherwise note the activity
    (cookie, and the record's ``last_seen_dt`` once a minute).

    Candidates: SESSION_IDLE_MINUTES without a request; they get a notice and continue
    signed out.  Staff: STAFF_IDLE_TIMEOUT without a request (on the cookie and on the
    server-side record) or STAFF_SESSION_MAX_AGE since the sign-in; they are sent to the
    staff sign-in page."""
    if request.endpoint == "static" or not current_user.is_authenticated:
        return None
    current = now()
    last = session.get("last_active")
    row = g.get("auth_session")
    if current_user.is_staff:
        expired = _staff_expiry(current, last, row)
        if expired:
            logger.info("staff session of user %s ended: %s", current_user.id, expired)
            end()
            db.session.commit()
            flash(_("Your session has expired. Please sign in again."), "info")
            target = request.full_path.rstrip("?") if request.method == "GET" else None
            return redirect(url_for("auth.staff_login", next=target))
    else:
        limit = int(current_app.config["SESSION_IDLE_MINUTES"]) * 60
        if isinstance(last, int) and current - last > limit:
            end()
            db.session.commit()
            flash(_("You were signed out after a period of inactivity. Please sign in again."), "info")
            return None
    if not isinstance(last, int) or current - last >= 30:
        session["last_active"] = current
    if row is not None and operations.touch_session(row, now=_as_datetime(current)):
        db.session.commit()
    return None


def _staff_expiry(current: int, last: object, row: t.Any) -> str | None:
    """Why a staff session is over ("idle", "max_age"), or None while it may go on."""
    config = current_app.config
    idle = dt.timedelta(minutes=int(config["STAFF_IDLE_TIMEOUT"]))
    max_age = dt.timedelta(minutes=int(config["STAFF_SESSION_MAX_AGE"]))
    moment = _as_datetime(current)
    if row is not None and moment - row.created_dt > max_age:
        return "max_age"
    if isinstance(last, int) and current - last > idle.total_seconds():
        return "idle"
    # The record's last_seen_dt lags by up to a touch interval; a copied cookie with a fresh
    # last_active is still caught here.
    if row is not None and moment - row.last_seen_dt > idle + operations.SESSION_TOUCH_INTERVAL:
        return "idle"
    return None


def put(key: str, data: dict[str, t.Any]) -> None:
    """Keep ``data`` in the session, encrypted (it may hold a phone number or openid)."""
    payload = json.dumps({"t": now(), "d": data}, separators=(",", ":")).encode()
    session[key] = encrypt(payload).decode("ascii")


def get(key: str, *, max_age: int = PENDING_MAX_AGE) -> dict[str, t.Any] | None:
    """The state ``put`` under ``key``, or None when it is absent, unreadable, older than
    ``max_age`` seconds or dated in the future (beyond ``PENDING_CLOCK_SKEW``); a state that
    is not returned is dropped."""
    token = session.get(key)
    if not isinstance(token, str):
        return None
    try:
        payload = json.loads(decrypt(token.encode("ascii")))
    except (InvalidToken, ValueError, UnicodeError):
        # The value itself is never logged: it may be a valid token under a retired key.
        logger.warning("session state %s could not be decrypted: dropped", key)
        session.pop(key, None)
        return None
    written = payload.get("t") if isinstance(payload, dict) else None
    if not isinstance(written, int) or not -PENDING_CLOCK_SKEW <= now() - written <= max_age:
        if isinstance(written, int) and written - now() > PENDING_CLOCK_SKEW:
            logger.warning("session state %s is dated %s s in the future: dropped", key, written - now())
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
    session["reauth_at"] = now()


def recently_reauthenticated(max_age: int = REAUTH_MAX_AGE) -> bool:
    """Did the signed-in user prove their identity again in the last ``max_age`` seconds?"""
    at = session.get("reauth_at")
    return isinstance(at, int) and 0 <= now() - at <= max_age
