"""The privacy package's tables: policy versions, data exports, erasure records and the
suppression list, guardian consents, retention notices, and the anonymous application
counts that survive an erasure.

None of these rows holds a name, number, email or resume text.  The consent ledger itself
is ``auth.models.Consent``; this package adds to it through ``privacy.consents``.
"""

from __future__ import annotations

import datetime as dt
import typing as t

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from core.db import db, utcnow

EXPORT_STATES = ("queued", "running", "ready", "failed", "downloaded", "expired")
ERASURE_REASONS = ("cancellation", "retention", "reapply", "admin")
ERASURE_STATES = ("pending", "done")


class PolicyVersion(db.Model):
    """A published version of the privacy policy; its text is the pair of templates
    ``templates/privacy/policies/<version>.<locale>.html``."""

    __tablename__ = "privacy_policy_versions"

    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[str] = mapped_column(String(20), unique=True)
    # A material change asks every candidate to consent again before anything new is processed.
    is_material: Mapped[bool] = mapped_column(default=False)
    summary: Mapped[str] = mapped_column(Text, default="")  # what changed (operator's words, no personal data)
    published_dt: Mapped[dt.datetime] = mapped_column(default=utcnow, index=True)


class DataExport(db.Model):
    """A "download a copy of my data" job: a zip, stored encrypted, downloadable once by
    its owner until ``expires_dt``."""

    __tablename__ = "privacy_exports"
    __table_args__ = (
        CheckConstraint("status IN ('queued', 'running', 'ready', 'failed', 'downloaded', 'expired')",
                        name="status_valid"),
        CheckConstraint("progress >= 0 AND progress <= 100", name="progress_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(43), unique=True)  # random; the URL's id
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(20), default="queued")
    progress: Mapped[int] = mapped_column(Integer, default=0)
    storage_key: Mapped[str | None] = mapped_column(String(80), unique=True)
    size_bytes: Mapped[int | None] = mapped_column(Integer)
    error_code: Mapped[str | None] = mapped_column(String(40))
    created_dt: Mapped[dt.datetime] = mapped_column(default=utcnow)
    finished_dt: Mapped[dt.datetime | None]
    expires_dt: Mapped[dt.datetime]
    downloaded_dt: Mapped[dt.datetime | None]

    @property
    def is_finished(self) -> bool:
        return self.status not in ("queued", "running")


class ErasureRecord(db.Model):
    """The receipt of one erasure: no user id, no personal data -- a receipt id, when it was
    asked for and done, why, the categories erased, and (while storage could not be
    reached) the random storage keys still to delete."""

    __tablename__ = "privacy_erasures"
    __table_args__ = (
        CheckConstraint("reason IN ('cancellation', 'retention', 'reapply', 'admin')", name="reason_valid"),
        CheckConstraint("status IN ('pending', 'done')", name="status_valid"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    receipt_id: Mapped[str] = mapped_column(String(32), unique=True)
    reason: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20), default="pending", index=True)
    requested_dt: Mapped[dt.datetime] = mapped_column(default=utcnow)
    # The policy's promise: done within 15 working days of the request.
    deadline_dt: Mapped[dt.datetime]
    completed_dt: Mapped[dt.datetime | None]
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(String(40))
    next_attempt_dt: Mapped[dt.datetime | None]
    categories: Mapped[list[str]] = mapped_column(JSON, default=list)
    # Storage keys (random strings, not personal data) whose objects are still to be deleted.
    pending_keys: Mapped[list[str]] = mapped_column(JSON, default=list)


class Suppression(db.Model):
    """The suppression list: ids of erased accounts (ids only).  Re-applied after a backup
    restore by ``flask privacy reapply-erasures``; also mirrored to a file outside the
    database (``PRIVACY_SUPPRESSION_FILE``), see docs/privacy.md."""

    __tablename__ = "privacy_suppressions"

    user_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    erased_dt: Mapped[dt.datetime] = mapped_column(default=utcnow)


class GuardianConsent(db.Model):
    """A guardian's consent for a candidate under the minimum age: the guardian's own number,
    verified by SMS code, kept only as its blind index; the consent itself is in the ledger."""

    __tablename__ = "privacy_guardian_consents"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    consent_id: Mapped[int | None] = mapped_column(ForeignKey("consents.id", ondelete="CASCADE"))
    phone_index: Mapped[str] = mapped_column(String(64))
    verified_dt: Mapped[dt.datetime] = mapped_column(default=utcnow)


class RetentionNotice(db.Model):
    """A candidate told that their data will be erased for inactivity on ``purge_after_dt``;
    ``kept_dt`` when they chose to keep it."""

    __tablename__ = "privacy_retention_notices"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True,
                                         autoincrement=False)
    notified_dt: Mapped[dt.datetime] = mapped_column(default=utcnow)
    purge_after_dt: Mapped[dt.datetime]
    kept_dt: Mapped[dt.datetime | None]


class ApplicationCount(db.Model):
    """What is left of erased applications: anonymous counts per opening, stage and month,
    for the statistics."""

    __tablename__ = "privacy_application_counts"
    __table_args__ = (UniqueConstraint("job_id", "stage", "period", name="uq_privacy_application_counts_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    job_id: Mapped[int] = mapped_column(ForeignKey("jobs.id", ondelete="CASCADE"), index=True)
    stage: Mapped[str] = mapped_column(String(20))
    period: Mapped[str] = mapped_column(String(7))  # YYYY-MM of the application
    count: Mapped[int] = mapped_column(Integer, default=0)


__all__: t.Sequence[str] = (
    "ApplicationCount", "DataExport", "ErasureRecord", "GuardianConsent", "PolicyVersion", "RetentionNotice",
    "Suppression",
)
