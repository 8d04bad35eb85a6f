"""Resume files, their parse jobs, and candidate profiles (confirmed by the candidate),
built from a resume or by hand.

A ``Resume`` row describes one uploaded file: the file itself lives in the storage
backend (``resumes/storage.py``) under a random key, encrypted; the row keeps the
original name as data only, the detected type, and the parse job's state.  The parse
result (JSON Resume plus confidence and source snippets) is stored encrypted on the row
until the candidate turns it into their profile.

The profile is the contract between the resume side and the recruiting side:
``careers`` reads it to show and search candidates; only ``resumes.operations``
writes it.  Date of birth and contact details are encrypted at rest
(``core.crypto.EncryptedText``); blind indexes serve exact-match lookups on them.
Dates inside entries are strings as precise as the resume: ``YYYY``, ``YYYY-MM`` or
``YYYY-MM-DD``.
"""

from __future__ import annotations

import datetime as dt
import logging
import typing as t

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Integer, String, Text, event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.crypto import EncryptedText, InvalidToken
from core.db import db, utcnow

logger = logging.getLogger(__name__)

DEGREES = ("HighSchool", "Associate", "Bachelor", "Master", "Doctorate")
GENDERS = ("male", "female")

# Parse states, in the order a job goes through them.
PARSE_STATES = ("queued", "reading", "sections", "fields", "done", "failed")
RUNNING_STATES = ("reading", "sections", "fields")
FILE_KINDS = ("pdf", "docx", "txt")


class Unreadable(str):
    """The value of an encrypted profile field that cannot be decrypted (the ciphertext is
    damaged, or was made under a key no longer in ``ENCRYPTION_KEYS``).  It reads as an
    empty string, so every reader shows the field as empty instead of failing the whole
    row; ``Profile.unreadable_fields`` names such fields, and the candidate enters them
    again (a parse result that cannot be read is treated as none)."""


class SafeEncryptedText(EncryptedText):
    """``EncryptedText`` whose value, if it cannot be decrypted, loads as ``Unreadable``
    (logged by ``_log_unreadable`` with the row's id, never the value)."""

    cache_ok = True

    def process_result_value(self, value: str | None, dialect: t.Any) -> str | None:
        try:
            return super().process_result_value(value, dialect)
        except (InvalidToken, UnicodeError):
            return Unreadable("")


class Resume(db.Model):
    __tablename__ = "resumes"
    __table_args__ = (
        CheckConstraint("status IN ('queued', 'reading', 'sections', 'fields', 'done', 'failed')",
                        name="status_valid"),
        CheckConstraint("kind IN ('pdf', 'docx', 'txt')", name="kind_valid"),
        CheckConstraint("attempts >= 0", name="attempts_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    storage_key: Mapped[str] = mapped_column(String(80), unique=True)  # random, never the uploaded name
    original_name: Mapped[str] = mapped_column(String(255))  # sanitised, for display only
    kind: Mapped[str] = mapped_column(String(10))  # detected by content
    size_bytes: Mapped[int] = mapped_column(Integer)
    content_digest: Mapped[str] = mapped_column(String(64), index=True)  # keyed HMAC of the SHA-256
    status: Mapped[str] = mapped_column(String(20), default="queued", index=True)
    error_code: Mapped[str | None] = mapped_column(String(40))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    parsed_data: Mapped[str | None] = mapped_column(SafeEncryptedText)  # JSON: resume, confidence, sources
    is_offer_dismissed: Mapped[bool] = mapped_column(Boolean, default=False)
    created_dt: Mapped[dt.datetime] = mapped_column(default=utcnow)
    status_dt: Mapped[dt.datetime] = mapped_column(default=utcnow)  # last status change (stuck-job sweep)
    parsed_dt: Mapped[dt.datetime | None]

    @property
    def is_finished(self) -> bool:
        return self.status in ("done", "failed")

    @property
    def is_running(self) -> bool:
        return self.status in RUNNING_STATES


class Profile(db.Model):
    __tablename__ = "profiles"
    __table_args__ = (
        CheckConstraint("gender IS NULL OR gender IN ('male', 'female')", name="gender_valid"),
        CheckConstraint("status IN ('draft', 'confirmed')", name="status_valid"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    status: Mapped[str] = mapped_column(String(20), default="draft")
    name: Mapped[str | None] = mapped_column(String(100))
    gender: Mapped[str | None] = mapped_column(String(10))
    birth_date: Mapped[str | None] = mapped_column(SafeEncryptedText)  # YYYY, YYYY-MM or YYYY-MM-DD
    native_place: Mapped[str | None] = mapped_column(String(100))
    email: Mapped[str | None] = mapped_column(SafeEncryptedText)
    email_index: Mapped[str | None] = mapped_column(String(64), index=True)
    phone: Mapped[str | None] = mapped_column(SafeEncryptedText)  # E.164
    phone_index: Mapped[str | None] = mapped_column(String(64), index=True)
    city: Mapped[str | None] = mapped_column(String(100))
    summary: Mapped[str | None] = mapped_column(Text)
    created_dt: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_dt: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    confirmed_dt: Mapped[dt.datetime | None]
    source_resume_id: Mapped[int | None] = mapped_column(
        ForeignKey("resumes.id", ondelete="SET NULL"), index=True)

    education: Mapped[list[ProfileEducation]] = relationship(
        back_populates="profile", cascade="all, delete-orphan", order_by="ProfileEducation.position",
        passive_deletes=True)
    work: Mapped[list[ProfileWork]] = relationship(
        back_populates="profile", cascade="all, delete-orphan", order_by="ProfileWork.position",
        passive_deletes=True)
    skills: Mapped[list[ProfileSkill]] = relationship(
        back_populates="profile", cascade="all, delete-orphan", order_by="ProfileSkill.position",
        passive_deletes=True)

    @property
    def is_confirmed(self) -> bool:
        return self.status == "confirmed"

    @property
    def unreadable_fields(self) -> list[str]:
        """The encrypted fields whose stored value cannot be decrypted."""
        return [name for name in ENCRYPTED_PROFILE_FIELDS if isinstance(getattr(self, name), Unreadable)]


ENCRYPTED_PROFILE_FIELDS = ("birth_date", "email", "phone")


@event.listens_for(Profile, "load")
@event.listens_for(Profile, "refresh")
@event.listens_for(Resume, "load")
@event.listens_for(Resume, "refresh")
def _log_unreadable(row: Profile | Resume, *args: t.Any) -> None:
    fields = [name for name in (*ENCRYPTED_PROFILE_FIELDS, "parsed_data")
              if isinstance(row.__dict__.get(name), Unreadable)]
    if fields:
        logger.warning("%s %s: %s cannot be decrypted (damaged, or under an unknown key)",
                       type(row).__tablename__, row.id, ", ".join(fields))


class ProfileEducation(db.Model):
    __tablename__ = "profile_education"
    __table_args__ = (
        CheckConstraint(
            "study_type IS NULL OR study_type IN ('HighSchool', 'Associate', 'Bachelor', 'Master', 'Doctorate')",
            name="study_type_valid"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    profile_id: Mapped[int] = mapped_column(ForeignKey("profiles.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    institution: Mapped[str] = mapped_column(String(200))
    study_type: Mapped[str | None] = mapped_column(String(20))
    area: Mapped[str | None] = mapped_column(String(200))
    start_date: Mapped[str | None] = mapped_column(String(10))
    end_date: Mapped[str | None] = mapped_column(String(10))

    profile: Mapped[Profile] = relationship(back_populates="education")


class ProfileWork(db.Model):
    __tablename__ = "profile_work"

    id: Mapped[int] = mapped_column(primary_key=True)
    profile_id: Mapped[int] = mapped_column(ForeignKey("profiles.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(String(200))  # the company
    title: Mapped[str | None] = mapped_column(String(200))  # the job title ("position" in JSON Resume)
    start_date: Mapped[str | None] = mapped_column(String(10))
    end_date: Mapped[str | None] = mapped_column(String(10))  # None while current
    summary: Mapped[str | None] = mapped_column(Text)

    profile: Mapped[Profile] = relationship(back_populates="work")


class ProfileSkill(db.Model):
    __tablename__ = "profile_skills"

    id: Mapped[int] = mapped_column(primary_key=True)
    profile_id: Mapped[int] = mapped_column(ForeignKey("profiles.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(String(100))

    profile: Mapped[Profile] = relationship(back_populates="skills")
