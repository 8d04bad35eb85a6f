"""Reads shared by the resumes views (and by other packages)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import typing as t

from flask import abort
from sqlalchemy import select

from auth.models import Consent
from auth.operations import live_consent
from auth.policy import versions
from core.access import NotYours
from core.db import db
from resumes.models import Profile, Resume

RESUME_PROCESSING = "resume_processing"  # the consent purpose in auth's ledger

STEP_OF = {"queued": 0, "reading": 1, "sections": 2, "fields": 3, "done": 4, "failed": 4}
STEPS = 4


def resumes_of(user_id: int) -> list[Resume]:
    return list(db.session.scalars(select(Resume).where(Resume.user_id == user_id).order_by(Resume.id.desc())))


def own_resume_or_404(user: t.Any, resume_id: int) -> Resume:
    """The user's resume ``resume_id``; 404 for a missing one and for anyone else's
    (never reveal that another candidate's resume exists)."""
    resume = db.session.get(Resume, resume_id)
    if resume is None:
        abort(404)
    if resume.user_id != user.id:
        raise NotYours("resume", resume_id)  # the same 404, logged as a refusal
    return resume


@dataclasses.dataclass(frozen=True)
class ProcessingConsent:
    """The candidate's consent to the processing of resumes, as the upload form shows it."""

    given_dt: dt.datetime | None  # when the live consent was given; None: none is live
    withdrawn_dt: dt.datetime | None  # none live, and the latest one was withdrawn then

    @property
    def is_live(self) -> bool:
        return self.given_dt is not None


def processing_consent(user_id: int) -> ProcessingConsent:
    """Live: given, not withdrawn, and to a policy version that still counts (after a material
    policy version the box is asked again)."""
    live = live_consent(user_id, RESUME_PROCESSING, versions().accepted)
    if live is not None:
        return ProcessingConsent(given_dt=live.given_dt, withdrawn_dt=None)
    if live_consent(user_id, RESUME_PROCESSING) is not None:  # to a policy version that no longer counts
        return ProcessingConsent(given_dt=None, withdrawn_dt=None)
    withdrawn = db.session.scalar(select(Consent.withdrawn_dt).where(
        Consent.user_id == user_id, Consent.purpose == RESUME_PROCESSING, Consent.withdrawn_dt.is_not(None))
        .order_by(Consent.withdrawn_dt.desc()).limit(1))
    return ProcessingConsent(given_dt=None, withdrawn_dt=withdrawn)


def profile_of(user_id: int) -> Profile | None:
    return db.session.scalar(select(Profile).where(Profile.user_id == user_id))


def latest_parsed_resume(user_id: int) -> Resume | None:
    return db.session.scalar(select(Resume).where(Resume.user_id == user_id, Resume.status == "done")
                             .order_by(Resume.id.desc()).limit(1))


def latest_resume(user_id: int) -> Resume | None:
    return db.session.scalar(select(Resume).where(Resume.user_id == user_id).order_by(Resume.id.desc()).limit(1))


def pending_update_offer(user_id: int, profile: Profile | None) -> Resume | None:
    """A parsed resume newer than the one the profile came from, not yet answered:
    the profile page offers to update the profile from it (never silently)."""
    if profile is None:
        return None
    resume = latest_parsed_resume(user_id)
    if resume is None or resume.is_offer_dismissed or resume.id == profile.source_resume_id:
        return None
    if profile.source_resume_id is not None and resume.id < profile.source_resume_id:
        return None
    return resume
