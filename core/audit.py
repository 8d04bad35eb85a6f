"""The audit log: one mechanism for every access to personal data and every state change
that matters (sign-ins, views of a profile or resume, downloads, searches that reveal a
candidate, stage changes, erasures).

Events hold ids, roles and action names only, never names, phone numbers, emails or
resume text.  ``subject_id`` is the candidate whose data was touched; it is a plain
integer, not a foreign key, so that the log outlives what it describes.
"""

from __future__ import annotations

import datetime as dt
import logging
import typing as t

from flask import has_request_context, request
from sqlalchemy import JSON, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from core.db import db, utcnow

logger = logging.getLogger(__name__)


class AuditEvent(db.Model):
    __tablename__ = "audit_events"
    __table_args__ = (
        Index("ix_audit_events_subject_id_created_dt", "subject_id", "created_dt"),
        Index("ix_audit_events_actor_id_created_dt", "actor_id", "created_dt"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    created_dt: Mapped[dt.datetime] = mapped_column(default=utcnow, index=True)
    actor_id: Mapped[int | None]
    actor_role: Mapped[str] = mapped_column(String(20))
    action: Mapped[str] = mapped_column(String(60), index=True)
    subject_id: Mapped[int | None]
    object_type: Mapped[str | None] = mapped_column(String(40))
    object_id: Mapped[str | None] = mapped_column(String(64))
    ip: Mapped[str | None] = mapped_column(String(45))
    details: Mapped[dict[str, t.Any]] = mapped_column(JSON, default=dict)


class Actor(t.Protocol):
    id: int
    role: str


def record(action: str, actor: Actor | None, *, subject_id: int | None = None,
           object_type: str | None = None, object_id: t.Any = None,
           details: dict[str, t.Any] | None = None) -> AuditEvent:
    """Add an audit event to the session (the caller's unit of work commits it)."""
    event = AuditEvent(
        actor_id=getattr(actor, "id", None),
        actor_role=getattr(actor, "role", None) or "system",
        action=action,
        subject_id=subject_id,
        object_type=object_type,
        object_id=None if object_id is None else str(object_id),
        ip=request.remote_addr if has_request_context() else None,
        details=details or {},
    )
    db.session.add(event)
    logger.info("audit %s actor=%s subject=%s %s=%s", action, event.actor_id, subject_id, object_type, object_id)
    return event
