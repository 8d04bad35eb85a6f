"""Accounts.  One ``User`` per person; candidates, recruiters and admins differ by role."""

from __future__ import annotations

import datetime as dt

from flask_login import UserMixin
from sqlalchemy import CheckConstraint, String
from sqlalchemy.orm import Mapped, mapped_column

from core.db import db, utcnow

ROLES = ("candidate", "recruiter", "admin")


class User(UserMixin, db.Model):
    __tablename__ = "users"
    __table_args__ = (CheckConstraint("role IN ('candidate', 'recruiter', 'admin')", name="role_valid"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    role: Mapped[str] = mapped_column(String(20), default="candidate")
    is_active: Mapped[bool] = mapped_column(default=True)
    created_dt: Mapped[dt.datetime] = mapped_column(default=utcnow)

    @property
    def is_staff(self) -> bool:
        return self.role in ("recruiter", "admin")
