"""State-changing operations of accounts: SMS codes, identities, consent, staff sign-in.

Typed functions that take the acting user (when there is one), ``flush`` but never
commit, write the audit log, and raise the exceptions of ``auth.errors``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
import typing as t
from dataclasses import dataclass

from flask import current_app
from sqlalchemy import case, delete, select, text, update

from auth import credentials
from auth.errors import (
    CodeInvalid,
    CodeRefused,
    GuardianNumberRefused,
    IdentityConflict,
    LastIdentity,
    NotACandidate,
    StaffSignInFailed,
)
from auth.models import (
    CONSENT_CHANNELS,
    PRIVACY_POLICY,
    SMS_PURPOSES,
    STAFF_ROLES,
    AuthSession,
    Consent,
    PhoneIdentity,
    SmsCode,
    User,
    WeChatIdentity,
    WeChatOpenId,
    new_session_token,
)
from core.audit import record
from core.crypto import blind_index
from core.db import db, utcnow

SMS_CODE_TTL = dt.timedelta(minutes=5)
SMS_RESEND_AFTER = dt.timedelta(seconds=60)
SMS_MAX_ATTEMPTS = 5
GUARDIAN = "guardian"  # the SMS code purpose and the consent purpose of a guardian's consent


class WeChatLogin(t.Protocol):
    """What a completed WeChat login gives us (``auth.wechat.WeChatUser``)."""

    appid: str
    openid: str
    unionid: str | None
    scope: str


# --- SMS codes -------------------------------------------------------------------------


def lock_account(user_id: int) -> None:
    """Serialise one account's check-then-insert writes (an upload at the cap, an export
    request) until the transaction ends: two at once (a double click, two tabs) would both
    pass the check.

    PostgreSQL: the user's row is locked ``FOR NO KEY UPDATE`` (it does not wait on, or
    deadlock with, the key-share locks that inserts referencing the user take).  SQLite has
    no row locks: a no-op UPDATE takes the database's write lock before anything else is
    read, so the second request waits for the first to commit, then sees its rows.  (If
    the transaction already read, SQLite may refuse the upgrade with "database is locked";
    the callers' views retry.)
    """
    if db.session.get_bind().dialect.name == "sqlite":
        # Plain SQL: an ORM or Core UPDATE would also set any ``onupdate`` column.
        db.session.execute(text("UPDATE users SET id = id WHERE id = :id"), {"id": user_id})
    else:
        db.session.execute(select(User.id).where(User.id == user_id).with_for_update(key_share=True))


def phone_index(e164: str) -> str:
    return blind_index(e164, "phone")


def email_index(email: str) -> str:
    return blind_index(email.strip().lower(), "email")


def _code_key() -> bytes:
    return hashlib.sha256(f"sms-code:{current_app.config['SECRET_KEY']}".encode()).digest()


def code_hmac(e164: str, purpose: str, flow_id: str, code: str) -> str:
    """HMAC-SHA256 binding the code to the number, the purpose and the browser's flow."""
    message = "\x1f".join((e164, purpose, flow_id, code)).encode()
    return hmac.new(_code_key(), message, hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class IssuedCode:
    id: int
    code: str
    expires_dt: dt.datetime


def issue_code(e164: str, purpose: str, flow_id: str, *, now: dt.datetime | None = None) -> IssuedCode:
    """A new 6-digit code for ``e164``; the previous live code of this purpose dies.

    Raises ``CodeRefused`` during the 60 s cooldown and over the per-number limits
    (``SMS_MAX_PER_HOUR``, ``SMS_MAX_PER_DAY``).  The answer never depends on whether the
    number has an account.
    """
    _check_purpose(purpose)
    now = now or utcnow()
    config = current_app.config
    index = phone_index(e164)
    day_ago = now - dt.timedelta(days=1)
    hour_ago = now - dt.timedelta(hours=1)
    sent = list(db.session.scalars(
        select(SmsCode.created_dt).where(SmsCode.phone_index == index, SmsCode.created_dt > day_ago)
        .order_by(SmsCode.created_dt)
    ))
    if sent and now - sent[-1] < SMS_RESEND_AFTER:
        raise CodeRefused("cooldown", retry_after=_seconds(sent[-1] + SMS_RESEND_AFTER - now))
    in_hour = [s for s in sent if s > hour_ago]
    if len(in_hour) >= int(config["SMS_MAX_PER_HOUR"]):
        raise CodeRefused("hourly", retry_after=_seconds(in_hour[0] + dt.timedelta(hours=1) - now))
    if len(sent) >= int(config["SMS_MAX_PER_DAY"]):
        raise CodeRefused("daily", retry_after=_seconds(sent[0] + dt.timedelta(days=1) - now))
    db.session.execute(
        update(SmsCode)
        .where(SmsCode.phone_index == index, SmsCode.purpose == purpose, SmsCode.used_dt.is_(None),
               SmsCode.is_dead.is_(False))
        .values(is_dead=True)
    )
    code = f"{secrets.randbelow(10**6):06d}"
    row = SmsCode(phone_index=index, purpose=purpose, flow_id=hashlib.sha256(flow_id.encode()).hexdigest(),
                  code_hmac=code_hmac(e164, purpose, flow_id, code), created_dt=now,
                  expires_dt=now + SMS_CODE_TTL)
    db.session.add(row)
    db.session.flush()
    return IssuedCode(id=row.id, code=code, expires_dt=row.expires_dt)


def void_code(code_id: int) -> None:
    """The SMS could not be sent: forget the code, so that nothing counts as sent."""
    row = db.session.get(SmsCode, code_id)
    if row is not None:
        db.session.delete(row)
        db.session.flush()


def verify_code(e164: str, purpose: str, flow_id: str, code: str, *, now: dt.datetime | None = None) -> None:
    """Consume the live code of (number, purpose) if ``code`` matches; else raise ``CodeInvalid``.

    The comparison is constant-time on HMACs; a wrong code costs an attempt, the fifth
    kills the code; consumption is a conditional UPDATE, so of two concurrent correct
    verifications exactly one succeeds.
    """
    _check_purpose(purpose)
    now = now or utcnow()
    code = "".join(ch for ch in (code or "") if not ch.isspace())
    index = phone_index(e164)
    row = db.session.scalars(
        select(SmsCode).where(SmsCode.phone_index == index, SmsCode.purpose == purpose,
                              SmsCode.used_dt.is_(None), SmsCode.is_dead.is_(False))
        .order_by(SmsCode.created_dt.desc(), SmsCode.id.desc()).limit(1)
    ).first()
    if row is None:
        raise CodeInvalid("none")
    if row.expires_dt <= now:
        raise CodeInvalid("expired")
    given = code_hmac(e164, purpose, flow_id, code) if len(code) == 6 and code.isdigit() else "0" * 64
    if not hmac.compare_digest(row.code_hmac, given):
        db.session.execute(
            update(SmsCode).where(SmsCode.id == row.id)
            .values(attempts=SmsCode.attempts + 1,
                    is_dead=case((SmsCode.attempts + 1 >= SMS_MAX_ATTEMPTS, True), else_=SmsCode.is_dead))
            .execution_options(synchronize_session=False)
        )
        left = SMS_MAX_ATTEMPTS - row.attempts - 1
        db.session.expire(row)
        raise CodeInvalid("dead" if left <= 0 else "wrong", attempts_left=max(left, 0))
    result = db.session.execute(
        update(SmsCode)
        .where(SmsCode.id == row.id, SmsCode.used_dt.is_(None), SmsCode.is_dead.is_(False),
               SmsCode.attempts < SMS_MAX_ATTEMPTS, SmsCode.expires_dt > now)
        .values(used_dt=now)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        raise CodeInvalid("used")


def _check_purpose(purpose: str) -> None:
    if purpose not in SMS_PURPOSES:
        raise ValueError(f"SMS code purpose must be one of {SMS_PURPOSES}")


def _guardian_flow(candidate: User, flow_id: str) -> str:
    return f"guardian:{candidate.id}:{flow_id}"


def issue_guardian_code(guardian_e164: str, candidate: User, flow_id: str, *,
                        now: dt.datetime | None = None) -> IssuedCode:
    """A code for a minor's guardian: sent to the guardian's own number, valid only for this
    candidate in this browser flow (``flow_id``).  The limits are those of every code
    (``issue_code``: cooldown, per hour and per day, counted on the guardian's number).

    Raises ``GuardianNumberRefused`` for the candidate's own number, ``CodeRefused`` over a limit.
    """
    require_candidate(candidate)
    if candidate.phone is not None and candidate.phone.phone_index == phone_index(guardian_e164):
        raise GuardianNumberRefused("own_number")
    return issue_code(guardian_e164, GUARDIAN, _guardian_flow(candidate, flow_id), now=now)


def verify_guardian_code(guardian_e164: str, candidate: User, flow_id: str, code: str, *,
                         now: dt.datetime | None = None) -> None:
    """Consume the guardian's code (``CodeInvalid`` if wrong: another candidate, another
    browser, another number or another purpose's code never matches)."""
    verify_code(guardian_e164, GUARDIAN, _guardian_flow(candidate, flow_id), code, now=now)


def purge_sms_codes(*, now: dt.datetime | None = None) -> int:
    """Delete codes older than a day (the per-day limit no longer needs them)."""
    now = now or utcnow()
    result = db.session.execute(
        SmsCode.__table__.delete().where(SmsCode.created_dt < now - dt.timedelta(days=1, minutes=5))
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def _seconds(delta: dt.timedelta) -> int:
    return max(1, int(delta.total_seconds() + 0.999))


# --- finding accounts --------------------------------------------------------------------


def find_by_phone(e164: str) -> User | None:
    return db.session.scalar(
        select(User).join(PhoneIdentity, PhoneIdentity.user_id == User.id)
        .where(PhoneIdentity.phone_index == phone_index(e164))
    )


def _wechat_identity(login: WeChatLogin) -> WeChatIdentity | None:
    if login.unionid:
        identity = db.session.scalar(select(WeChatIdentity).where(WeChatIdentity.unionid == login.unionid))
        if identity is not None:
            return identity
    return db.session.scalar(
        select(WeChatIdentity).join(WeChatOpenId, WeChatOpenId.identity_id == WeChatIdentity.id)
        .where(WeChatOpenId.appid == login.appid, WeChatOpenId.openid == login.openid)
    )


def find_by_wechat(login: WeChatLogin) -> User | None:
    """The account of this WeChat user: by ``unionid``, else by the ``(appid, openid)`` pair.

    Never by nickname.  A pair seen for the first time is remembered, so that a later
    silent ``snsapi_base`` login (openid only) finds the account.
    """
    identity = _wechat_identity(login)
    if identity is None:
        return None
    _remember_openid(identity, login)
    if identity.unionid is None and login.unionid:
        identity.unionid = login.unionid
    db.session.flush()
    return identity.user


def _remember_openid(identity: WeChatIdentity, login: WeChatLogin) -> None:
    if not any(o.appid == login.appid and o.openid == login.openid for o in identity.openids):
        identity.openids.append(WeChatOpenId(appid=login.appid, openid=login.openid))


def require_candidate(user: User) -> None:
    """WeChat and SMS sign in candidates only: staff must use password + TOTP."""
    if user.role != "candidate" or not user.is_active:
        raise NotACandidate()


# --- creating accounts, consent, sign-in ---------------------------------------------------


def create_candidate(*, channel: str, policy_version: str, phone: str | None = None,
                     wechat: WeChatLogin | None = None) -> User:
    """A new candidate account with one identity and its privacy-policy consent.

    Raises ``IdentityConflict`` if the identity was bound to another account meanwhile.
    """
    if (phone is None) == (wechat is None):
        raise ValueError("exactly one identity")
    if phone is not None and find_by_phone(phone) is not None:
        raise IdentityConflict("phone")
    if wechat is not None and _wechat_identity(wechat) is not None:
        raise IdentityConflict("wechat")
    user = User(role="candidate")
    db.session.add(user)
    if phone is not None:
        user.phone = PhoneIdentity(phone=phone, phone_index=phone_index(phone))
    if wechat is not None:
        user.wechat = WeChatIdentity(unionid=wechat.unionid or None,
                                     openids=[WeChatOpenId(appid=wechat.appid, openid=wechat.openid)])
    db.session.flush()
    record("auth.account_created", user, subject_id=user.id, object_type="user", object_id=user.id,
           details={"method": channel})
    give_consent(user, PRIVACY_POLICY, policy_version=policy_version, channel=channel)
    return user


def give_consent(user: User, purpose: str, *, policy_version: str, channel: str) -> Consent:
    consent = Consent(user_id=user.id, purpose=purpose, policy_version=policy_version, channel=channel,
                      given_dt=utcnow())
    db.session.add(consent)
    db.session.flush()
    record("auth.consent_given", user, subject_id=user.id, object_type="consent", object_id=consent.id,
           details={"purpose": purpose, "policy_version": policy_version, "channel": channel})
    return consent


def withdraw_consent(user: User, purpose: str, *, channel: str) -> int:
    """Withdraw ``purpose``: stamp ``withdrawn_dt`` on every live consent of it and return
    how many.  The rows stay (the history is never rewritten; earlier processing stays
    lawful).  Idempotent: with nothing live, nothing changes and nothing is logged."""
    if channel not in CONSENT_CHANNELS:
        raise ValueError(f"channel must be one of {CONSENT_CHANNELS}")
    now = utcnow()
    live = list(db.session.scalars(select(Consent).where(
        Consent.user_id == user.id, Consent.purpose == purpose, Consent.withdrawn_dt.is_(None))
        .order_by(Consent.id)))
    for consent in live:
        consent.withdrawn_dt = now
    if live:
        db.session.flush()
        record("auth.consent_withdrawn", user, subject_id=user.id, object_type="consent",
               object_id=live[-1].id, details={"purpose": purpose, "channel": channel, "count": len(live),
                                                "consent_ids": [c.id for c in live]})
    return len(live)


def live_consent(user_id: int, purpose: str, versions: t.Collection[str] | None = None) -> Consent | None:
    """The latest consent of ``purpose`` not withdrawn (to one of ``versions`` if given)."""
    query = select(Consent).where(Consent.user_id == user_id, Consent.purpose == purpose,
                                  Consent.withdrawn_dt.is_(None))
    if versions is not None:
        query = query.where(Consent.policy_version.in_(list(versions)))
    return db.session.scalars(query.order_by(Consent.given_dt.desc(), Consent.id.desc()).limit(1)).first()


def record_sign_in(user: User, method: str) -> None:
    user.last_sign_in_dt = utcnow()
    record("auth.sign_in", user, subject_id=user.id, object_type="user", object_id=user.id,
           details={"method": method})
    db.session.flush()


def record_reauthentication(user: User, method: str) -> None:
    record("auth.reauthenticated", user, subject_id=user.id, object_type="user", object_id=user.id,
           details={"method": method})
    db.session.flush()


def sign_out_everywhere(user: User) -> None:
    """A new session token: every session signed in with the old one ends."""
    user.session_token = new_session_token()
    db.session.execute(delete(AuthSession).where(AuthSession.user_id == user.id))
    record("auth.sign_out_everywhere", user, subject_id=user.id, object_type="user", object_id=user.id)
    db.session.flush()


# --- server-side session records ------------------------------------------------------------

SESSION_TOUCH_INTERVAL = dt.timedelta(minutes=1)  # ``last_seen_dt`` is written at most this often


def _session_key(raw_id: str) -> str:
    return hashlib.sha256(raw_id.encode("utf-8")).hexdigest()


def idle_limit() -> dt.timedelta:
    return dt.timedelta(minutes=int(current_app.config["SESSION_IDLE_MINUTES"]))


def open_session(user: User, *, now: dt.datetime | None = None) -> str:
    """Record a new signed-in session of ``user``; return the raw id for the session cookie.

    The user's sessions that are already past the idle timeout are purged at the same time."""
    now = now or utcnow()
    raw_id = secrets.token_urlsafe(32)
    db.session.execute(delete(AuthSession).where(
        AuthSession.user_id == user.id, AuthSession.last_seen_dt < now - idle_limit() - SESSION_TOUCH_INTERVAL))
    db.session.add(AuthSession(id=_session_key(raw_id), user_id=user.id, created_dt=now, last_seen_dt=now))
    db.session.flush()
    return raw_id


def live_session(user: User, raw_id: object, *, now: dt.datetime | None = None) -> AuthSession | None:
    """``user``'s session record for ``raw_id``, if it exists and is not past the idle timeout.

    ``last_seen_dt`` may lag by up to ``SESSION_TOUCH_INTERVAL``, which the limit allows for."""
    if not isinstance(raw_id, str) or not raw_id:
        return None
    row = db.session.get(AuthSession, _session_key(raw_id))
    if row is None or row.user_id != user.id:
        return None
    if (now or utcnow()) - row.last_seen_dt > idle_limit() + SESSION_TOUCH_INTERVAL:
        return None
    return row


def touch_session(row: AuthSession, *, now: dt.datetime | None = None) -> bool:
    """Move ``last_seen_dt`` to now if it is more than a minute old; True if it was written."""
    now = now or utcnow()
    if now - row.last_seen_dt < SESSION_TOUCH_INTERVAL:
        return False
    row.last_seen_dt = now
    db.session.flush()
    return True


def close_session(raw_id: object) -> None:
    """Delete the session record (plain sign-out, idle timeout): a copy of the cookie stops working."""
    if isinstance(raw_id, str) and raw_id:
        db.session.execute(delete(AuthSession).where(AuthSession.id == _session_key(raw_id)))


# --- binding and unbinding identities ------------------------------------------------------


def bind_phone(user: User, e164: str) -> None:
    """Bind a verified number to ``user`` (replacing the user's previous number)."""
    require_candidate(user)
    owner = find_by_phone(e164)
    if owner is not None and owner.id != user.id:
        raise IdentityConflict("phone")
    if owner is not None:
        return
    if user.phone is not None:
        user.phone.phone = e164
        user.phone.phone_index = phone_index(e164)
        user.phone.verified_dt = utcnow()
    else:
        user.phone = PhoneIdentity(phone=e164, phone_index=phone_index(e164))
    db.session.flush()
    record("auth.identity_bound", user, subject_id=user.id, object_type="phone_identity",
           object_id=user.phone.id, details={"kind": "phone"})


def bind_wechat(user: User, login: WeChatLogin) -> None:
    """Bind a WeChat user to ``user``; refused if it belongs to another account, or if
    ``user`` already has a different WeChat identity."""
    require_candidate(user)
    identity = _wechat_identity(login)
    if identity is not None and identity.user_id != user.id:
        raise IdentityConflict("wechat")
    if identity is not None:
        _remember_openid(identity, login)
        db.session.flush()
        return
    if user.wechat is not None:
        raise IdentityConflict("wechat_other")
    user.wechat = WeChatIdentity(unionid=login.unionid or None,
                                 openids=[WeChatOpenId(appid=login.appid, openid=login.openid)])
    db.session.flush()
    record("auth.identity_bound", user, subject_id=user.id, object_type="wechat_identity",
           object_id=user.wechat.id, details={"kind": "wechat"})


def unbind(user: User, kind: str) -> None:
    """Remove the ``kind`` identity ("wechat" or "phone"); the last one cannot go."""
    identity: PhoneIdentity | WeChatIdentity | None = user.phone if kind == "phone" else user.wechat
    if kind not in ("phone", "wechat") or identity is None:
        return
    if user.identity_count <= 1:
        raise LastIdentity()
    identity_id = identity.id
    if kind == "phone":
        user.phone = None
    else:
        user.wechat = None
    db.session.flush()
    record("auth.identity_unbound", user, subject_id=user.id, object_type=f"{kind}_identity",
           object_id=identity_id, details={"kind": kind})


# --- staff -----------------------------------------------------------------------------------


def create_staff(email: str, password: str, *, role: str, departments: t.Sequence[str] = (),
                 actor: User | None = None) -> User:
    if role not in STAFF_ROLES:
        raise ValueError(f"role must be one of {STAFF_ROLES}")
    index = email_index(email)
    if db.session.scalar(select(User.id).where(User.email_index == index)) is not None:
        raise IdentityConflict("email")
    user = User(role=role, email=email.strip(), email_index=index,
                password_hash=credentials.hash_password(password),
                departments=sorted(set(departments)) if role == "recruiter" else [])
    db.session.add(user)
    db.session.flush()
    record("auth.staff_created", actor, subject_id=user.id, object_type="user", object_id=user.id,
           details={"role": role, "departments": user.departments})
    return user


def find_staff(email: str) -> User | None:
    return db.session.scalar(
        select(User).where(User.email_index == email_index(email), User.role.in_(STAFF_ROLES))
    )


def _register_failure(user: User, now: dt.datetime, step: str) -> None:
    config = current_app.config
    user.failed_sign_ins = (user.failed_sign_ins or 0) + 1
    details: dict[str, t.Any] = {"step": step, "failures": user.failed_sign_ins}
    if user.failed_sign_ins >= int(config["STAFF_LOCKOUT_THRESHOLD"]):
        user.locked_until_dt = now + dt.timedelta(minutes=int(config["STAFF_LOCKOUT_MINUTES"]))
        user.failed_sign_ins = 0
        details["locked"] = True
    record("auth.sign_in_failed", user, subject_id=user.id, object_type="user", object_id=user.id,
           details=details)
    db.session.flush()


def _check_lock(user: User, now: dt.datetime) -> None:
    if user.locked_until_dt is not None and user.locked_until_dt > now:
        raise StaffSignInFailed("locked", retry_after=_seconds(user.locked_until_dt - now))


def check_staff_password(email: str, password: str, *, now: dt.datetime | None = None) -> User:
    """First factor.  Unknown email and wrong password give the same error, in the same time."""
    now = now or utcnow()
    user = find_staff(email or "")
    ok = credentials.verify_password(user.password_hash if user else None, password or "")
    if user is None or not user.is_active:
        raise StaffSignInFailed("bad_credentials")
    _check_lock(user, now)
    if not ok:
        _register_failure(user, now, "password")
        _check_lock(user, now)
        raise StaffSignInFailed("bad_credentials")
    return user


def check_staff_totp(user: User, code: str, *, now: dt.datetime | None = None) -> None:
    """Second factor; a success resets the failure count.  A code works once."""
    now = now or utcnow()
    _check_lock(user, now)
    if not user.totp_secret:
        raise StaffSignInFailed("not_enrolled")
    step = credentials.totp_counter(user.totp_secret, code, last_counter=user.totp_last_counter,
                                    at=now.timestamp())
    if step is None:
        _register_failure(user, now, "totp")
        _check_lock(user, now)
        raise StaffSignInFailed("bad_code")
    user.totp_last_counter = step
    user.failed_sign_ins = 0
    user.locked_until_dt = None
    db.session.flush()


def enrol_totp(user: User, secret: str, code: str, *, now: dt.datetime | None = None) -> None:
    """Confirm enrolment: the first code from the authenticator app proves it has the secret."""
    now = now or utcnow()
    _check_lock(user, now)
    step = credentials.totp_counter(secret, code, at=now.timestamp())
    if step is None:
        _register_failure(user, now, "totp_enrol")
        _check_lock(user, now)
        raise StaffSignInFailed("bad_code")
    user.totp_secret = secret
    user.totp_enabled_dt = now
    user.totp_last_counter = step
    user.failed_sign_ins = 0
    record("auth.totp_enrolled", user, subject_id=user.id, object_type="user", object_id=user.id)
    db.session.flush()
