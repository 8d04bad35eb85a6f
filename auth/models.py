"""Accounts.  One ``User`` per person; candidates, recruiters and admins differ by role.

A candidate account has one or more identities: a WeChat identity (``WeChatIdentity``,
keyed by ``unionid``, with the ``(appid, openid)`` pairs WeChat gave us in
``WeChatOpenId``) and/or a mobile number (``PhoneIdentity``, encrypted, found through a
blind index).  Staff (recruiters, admins) sign in with email + password + TOTP.

Every row that belongs to an account references ``users.id`` with ``ON DELETE CASCADE``,
so erasing an account removes its identities, and the same WeChat user or number can
later register again as a new account.
"""

from __future__ import annotations

import datetime as dt
import secrets

from flask_login import UserMixin
from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.crypto import EncryptedText
from core.db import db, utcnow

ROLES = ("candidate", "recruiter", "admin")
STAFF_ROLES = ("recruiter", "admin")
CONSENT_CHANNELS = ("wechat", "sms", "web")
SMS_PURPOSES = ("sign_in", "bind", "reauth", "guardian")
PRIVACY_POLICY = "privacy_policy"


def new_session_token() -> str:
    """A fresh alternative id for Flask-Login (changing it signs out every session)."""
    return secrets.token_urlsafe(32)


class User(UserMixin, db.Model):
    __tablename__ = "users"
    __table_args__ = (CheckConstraint("role IN ('candidate', 'recruiter', 'admin')", name="role_valid"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    role: Mapped[str] = mapped_column(String(20), default="candidate")
    is_active: Mapped[bool] = mapped_column(default=True)
    created_dt: Mapped[dt.datetime] = mapped_column(default=utcnow)
    # Flask-Login's alternative id: rotating it ends every session of the account.
    session_token: Mapped[str] = mapped_column(String(64), unique=True, default=new_session_token)
    last_sign_in_dt: Mapped[dt.datetime | None]

    # Staff only (recruiter, admin): email + argon2 password + TOTP.
    email: Mapped[str | None] = mapped_column(EncryptedText)
    email_index: Mapped[str | None] = mapped_column(String(64), unique=True)
    password_hash: Mapped[str | None] = mapped_column(String(200))
    totp_secret: Mapped[str | None] = mapped_column(EncryptedText)
    totp_enabled_dt: Mapped[dt.datetime | None]
    totp_last_counter: Mapped[int | None]
    failed_sign_ins: Mapped[int] = mapped_column(default=0)
    locked_until_dt: Mapped[dt.datetime | None]
    # Department codes (careers/catalog.py DEPARTMENTS) a recruiter screens for, as strings.
    departments: Mapped[list[str]] = mapped_column(JSON, default=list)

    wechat: Mapped[WeChatIdentity | None] = relationship(back_populates="user", cascade="all, delete-orphan",
                                                          passive_deletes=True)
    phone: Mapped[PhoneIdentity | None] = relationship(back_populates="user", cascade="all, delete-orphan",
                                                        passive_deletes=True)
    consents: Mapped[list[Consent]] = relationship(back_populates="user", cascade="all, delete-orphan",
                                                   passive_deletes=True, order_by="Consent.given_dt")

    def get_id(self) -> str:
        return self.session_token

    @property
    def is_staff(self) -> bool:
        return self.role in STAFF_ROLES

    @property
    def identity_count(self) -> int:
        return int(self.wechat is not None) + int(self.phone is not None)


class AuthSession(db.Model):
    """One signed-in browser session: the server-side record a plain sign-out deletes.

    ``id`` is the SHA-256 hex of the random id kept in the (signed) session cookie, so the
    table alone cannot be used to forge a session.  A session whose row is missing, or whose
    ``last_seen_dt`` is older than the idle timeout, is refused (``auth.sessions``).
    """

    __tablename__ = "auth_sessions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_dt: Mapped[dt.datetime] = mapped_column(default=utcnow)
    last_seen_dt: Mapped[dt.datetime] = mapped_column(default=utcnow)


class WeChatIdentity(db.Model):
    """The account's WeChat identity: ``unionid`` when WeChat gives one.

    ``unionid`` is NULL only for an app not bound to an Open Platform account; then the
    ``(appid, openid)`` pairs are the identity.
    """

    __tablename__ = "wechat_identities"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    unionid: Mapped[str | None] = mapped_column(String(64), unique=True)
    created_dt: Mapped[dt.datetime] = mapped_column(default=utcnow)

    user: Mapped[User] = relationship(back_populates="wechat")
    openids: Mapped[list[WeChatOpenId]] = relationship(back_populates="identity", cascade="all, delete-orphan",
                                                       passive_deletes=True)


class WeChatOpenId(db.Model):
    """An ``(appid, openid)`` pair: finds the account on a silent ``snsapi_base`` login."""

    __tablename__ = "wechat_openids"
    __table_args__ = (UniqueConstraint("appid", "openid", name="uq_wechat_openids_appid_openid"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    identity_id: Mapped[int] = mapped_column(ForeignKey("wechat_identities.id", ondelete="CASCADE"), index=True)
    appid: Mapped[str] = mapped_column(String(64))
    openid: Mapped[str] = mapped_column(String(64))
    created_dt: Mapped[dt.datetime] = mapped_column(default=utcnow)

    identity: Mapped[WeChatIdentity] = relationship(back_populates="openids")


class PhoneIdentity(db.Model):
    """A verified mobile number: E.164, encrypted; ``phone_index`` is its blind index."""

    __tablename__ = "phone_identities"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    phone: Mapped[str] = mapped_column(EncryptedText)
    phone_index: Mapped[str] = mapped_column(String(64), unique=True)
    verified_dt: Mapped[dt.datetime] = mapped_column(default=utcnow)

    user: Mapped[User] = relationship(back_populates="phone")


class SmsCode(db.Model):
    """A one-time code: stored as an HMAC over (number, purpose, flow, code), never in clear.

    Purposes (``SMS_PURPOSES``): ``sign_in``, ``bind`` (a number to an account), ``reauth``
    (before cancelling the account), ``guardian`` (a minor's guardian consents: sent to the
    guardian's number, bound to the candidate and the candidate's browser flow).

    ``phone_index`` (the blind index) is what the per-number limits count on; rows are
    purged a day after they expire (``flask users purge-sms-codes``).
    """

    __tablename__ = "sms_codes"
    __table_args__ = (
        CheckConstraint("purpose IN ('sign_in', 'bind', 'reauth', 'guardian')", name="purpose_valid"),
        Index("ix_sms_codes_phone_index_created_dt", "phone_index", "created_dt"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    phone_index: Mapped[str] = mapped_column(String(64))
    purpose: Mapped[str] = mapped_column(String(20))
    flow_id: Mapped[str] = mapped_column(String(64))
    code_hmac: Mapped[str] = mapped_column(String(64))
    created_dt: Mapped[dt.datetime] = mapped_column(default=utcnow)
    expires_dt: Mapped[dt.datetime]
    attempts: Mapped[int] = mapped_column(default=0)
    used_dt: Mapped[dt.datetime | None]
    is_dead: Mapped[bool] = mapped_column(default=False)


class Consent(db.Model):
    """The consent ledger: one row per consent given; withdrawing sets ``withdrawn_dt``
    (``auth.operations.withdraw_consent``), the history is never rewritten.

    ``purpose``: ``privacy_policy`` (sign-in), ``resume_processing`` (the upload form's own
    box), ``share_with_job:<id>`` (each application), ``guardian`` (a minor's guardian).
    """

    __tablename__ = "consents"
    __table_args__ = (
        CheckConstraint("channel IN ('wechat', 'sms', 'web')", name="channel_valid"),
        Index("ix_consents_user_id_purpose", "user_id", "purpose"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    purpose: Mapped[str] = mapped_column(String(80))
    policy_version: Mapped[str] = mapped_column(String(20))
    channel: Mapped[str] = mapped_column(String(10))
    given_dt: Mapped[dt.datetime] = mapped_column(default=utcnow)
    withdrawn_dt: Mapped[dt.datetime | None]

    user: Mapped[User] = relationship(back_populates="consents")
