"""Candidate profiles (confirmed by the candidate), built from a resume or by hand.

The profile is the contract between the resume side and the recruiting side:
``careers`` reads it to show and search candidates; only ``resumes.operations``
writes it.  Date of birth and contact details are encrypted at rest
(``core.crypto.EncryptedText``); blind indexes serve exact-match lookups on them.
Dates inside entries are strings as precise as the resume: ``YYYY``, ``YYYY-MM`` or
``YYYY-MM-DD``.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.crypto import EncryptedText
from core.db import db, utcnow

DEGREES = ("HighSchool", "Associate", "Bachelor", "Master", "Doctorate")
GENDERS = ("male", "female")


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
    birth_date: Mapped[str | None] = mapped_column(EncryptedText)  # YYYY, YYYY-MM or YYYY-MM-DD
    native_place: Mapped[str | None] = mapped_column(String(100))
    email: Mapped[str | None] = mapped_column(EncryptedText)
    email_index: Mapped[str | None] = mapped_column(String(64), index=True)
    phone: Mapped[str | None] = mapped_column(EncryptedText)  # E.164
    phone_index: Mapped[str | None] = mapped_column(String(64), index=True)
    city: Mapped[str | None] = mapped_column(String(100))
    summary: Mapped[str | None] = mapped_column(Text)
    created_dt: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_dt: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    confirmed_dt: Mapped[dt.datetime | None]

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
