"""Job openings."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from core.db import db, utcnow


class Job(db.Model):
    """An opening.  Text comes in Chinese and English; either may be empty, not both titles."""

    __tablename__ = "jobs"
    __table_args__ = (
        CheckConstraint("category IN ('campus', 'experienced', 'internship')", name="category_valid"),
        CheckConstraint("status IN ('draft', 'published', 'closed')", name="status_valid"),
        CheckConstraint("title_zh <> '' OR title_en <> ''", name="has_title"),
        Index("ix_jobs_status_published_dt", "status", "published_dt"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(32), unique=True)
    title_zh: Mapped[str] = mapped_column(String(200), default="")
    title_en: Mapped[str] = mapped_column(String(200), default="")
    description_zh: Mapped[str] = mapped_column(Text, default="")
    description_en: Mapped[str] = mapped_column(Text, default="")
    responsibilities_zh: Mapped[str] = mapped_column(Text, default="")
    responsibilities_en: Mapped[str] = mapped_column(Text, default="")
    requirements_zh: Mapped[str] = mapped_column(Text, default="")
    requirements_en: Mapped[str] = mapped_column(Text, default="")
    category: Mapped[str] = mapped_column(String(20))
    department: Mapped[str] = mapped_column(String(40), index=True)
    city: Mapped[str] = mapped_column(String(40), index=True)
    headcount: Mapped[int | None]
    status: Mapped[str] = mapped_column(String(20), default="draft")
    # Lower-cased text of both languages, for keyword search (kept by ``update_search_text``).
    search_text: Mapped[str] = mapped_column(Text, default="")
    created_dt: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_dt: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    published_dt: Mapped[dt.datetime | None]

    TEXT_FIELDS = ("title", "description", "responsibilities", "requirements")

    def text(self, field: str, locale: str) -> str:
        """The field in ``locale`` ("en" or "zh_Hans"), falling back to the other language."""
        first, second = ("en", "zh") if locale == "en" else ("zh", "en")
        return getattr(self, f"{field}_{first}") or getattr(self, f"{field}_{second}")

    def update_search_text(self) -> None:
        parts = [self.reference]
        for field in self.TEXT_FIELDS:
            parts += [getattr(self, f"{field}_zh") or "", getattr(self, f"{field}_en") or ""]
        self.search_text = "\n".join(parts).lower()

    @property
    def is_public(self) -> bool:
        return self.status == "published"
