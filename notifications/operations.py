"""Notify a user: the site inbox always (in the caller's transaction), SMS and email
after the transaction commits (never for work that was rolled back).

The caller hands over the contact details it already holds (``phone``, ``email``);
they stay in memory until the commit and are never logged.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import typing as t

from flask import current_app
from sqlalchemy import event, func, select, update
from sqlalchemy.orm import Session

from core.db import db, utcnow
from notifications.email import Email, send_email
from notifications.models import Notification
from notifications.texts import bilingual, sms_params

logger = logging.getLogger(__name__)

OUTBOX_KEY = "notifications_outbox"
CHANNELS = ("inbox", "sms", "email")
SMS_TEMPLATE = "application_update"


@dataclasses.dataclass(frozen=True)
class Outgoing:
    notification_id: int
    channel: str
    address: str
    kind: str
    params: dict[str, t.Any]


def enabled_channels() -> set[str]:
    configured = current_app.config.get("NOTIFICATION_CHANNELS") or list(CHANNELS)
    return {"inbox"} | {c for c in configured if c in CHANNELS}


def notify(user_id: int, kind: str, params: dict[str, t.Any], *, link: str | None = None,
           phone: str | None = None, email: str | None = None) -> Notification:
    """Write the inbox entry now; queue SMS/email for after the commit."""
    note = Notification(user_id=user_id, kind=kind, params=params, link=link)
    db.session.add(note)
    db.session.flush()  # the id, for the log lines of the outgoing messages
    channels = enabled_channels()
    outbox = db.session.info.setdefault(OUTBOX_KEY, [])
    if phone and "sms" in channels:
        outbox.append(Outgoing(note.id, "sms", phone, kind, params))
    if email and "email" in channels:
        outbox.append(Outgoing(note.id, "email", email, kind, params))
    return note


def _sms_send(phone: str, params: dict[str, str]) -> None:
    """Through auth's SMS backend (``SMS_BACKEND``), the one that sends sign-in codes; the
    provider template is configured under the logical name ``application_update``."""
    from auth.sms import backend

    backend().send(phone, SMS_TEMPLATE, params)


def deliver(items: list[Outgoing]) -> None:
    """Send queued messages; a failing channel is logged (ids only) and does not stop the others."""
    for item in items:
        text = bilingual(item.kind, item.params)
        try:
            if item.channel == "sms":
                _sms_send(item.address, sms_params(item.kind, item.params))
            elif item.channel == "email":
                subject = text.splitlines()[0][:120]
                send_email(Email(to=item.address, subject=subject, body=text + "\n"))
            logger.info("notification %s sent by %s", item.notification_id, item.channel)
        except Exception:  # noqa: BLE001 - a provider outage must not break the request
            logger.warning("notification %s: %s delivery failed", item.notification_id, item.channel, exc_info=True)


@event.listens_for(Session, "after_commit")
def _after_commit(session: Session) -> None:
    items = session.info.pop(OUTBOX_KEY, None)
    if items:
        deliver(items)


@event.listens_for(Session, "after_soft_rollback")
def _after_rollback(session: Session, previous_transaction: t.Any) -> None:
    if previous_transaction.parent is None:  # the whole unit of work, not a savepoint inside it
        session.info.pop(OUTBOX_KEY, None)


# --- the inbox -----------------------------------------------------------------------

def unread_count(user_id: int) -> int:
    return db.session.scalar(select(func.count()).select_from(Notification).where(
        Notification.user_id == user_id, Notification.read_dt.is_(None))) or 0


def inbox(user_id: int, limit: int = 100) -> list[Notification]:
    return list(db.session.scalars(select(Notification).where(Notification.user_id == user_id)
                                   .order_by(Notification.id.desc()).limit(limit)))


def mark_all_read(user_id: int, now: dt.datetime | None = None) -> int:
    result = db.session.execute(update(Notification).where(
        Notification.user_id == user_id, Notification.read_dt.is_(None)).values(read_dt=now or utcnow()))
    return result.rowcount or 0
