"""The site inbox: one row per notification to a user (always written, whatever the channels)."""

from __future__ import annotations

import datetime as dt
import typing as t

from sqlalchemy import JSON, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from core.db import db, utcnow


class Notification(db.Model):
    __tablename__ = "notifications"
    __table_args__ = (Index("ix_notifications_user_id_read_dt", "user_id", "read_dt"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    # What happened ("application_received", "application_stage"); the text is rendered at
    # display time in the reader's language from ``kind`` and ``params``.
    kind: Mapped[str] = mapped_column(String(40))
    params: Mapped[dict[str, t.Any]] = mapped_column(JSON, default=dict)
    link: Mapped[str | None] = mapped_column(String(200))
    created_dt: Mapped[dt.datetime] = mapped_column(default=utcnow)
    read_dt: Mapped[dt.datetime | None]

    @property
    def is_read(self) -> bool:
        return self.read_dt is not None
