"""Reads for the privacy centre: everything held on a candidate, and who accessed it."""

from __future__ import annotations

import dataclasses
import datetime as dt
import typing as t

from flask_babel import lazy_gettext as _l
from sqlalchemy import or_, select

from core.audit import AuditEvent
from core.crypto import blind_index
from core.db import db

# What the candidate reads for each audited action on their data.
ACTION_LABELS: dict[str, t.Any] = {
    "candidate.view": _l("viewed your profile"),
    "candidate.search": _l("saw you in a candidate search"),
    "pipeline.export": _l("included you in a list of applicants"),
    "resume.download": _l("downloaded your resume"),
    "application.stage": _l("moved your application to another stage"),
    "candidate.note": _l("added a note or rating about you"),
    "resume.erase": _l("erased your resumes"),
    "profile.erase": _l("erased your profile"),
}
ROLE_LABELS: dict[str, t.Any] = {
    "recruiter": _l("Recruiter"),
    "admin": _l("Administrator"),
    "system": _l("The system"),
    "candidate": _l("Candidate"),
}
# Listings that name many candidates at once: scanned in Python over recent events.
LISTING_ACTIONS = ("candidate.search", "pipeline.export")
LISTING_SCAN_LIMIT = 5000


@dataclasses.dataclass(frozen=True)
class AccessEntry:
    when: dt.datetime
    role: str
    who: str  # a pseudonym ("R-3F9A1C"), never a name or email; "" for the system
    action: str
    what: t.Any  # a lazy string: translated when shown

    @property
    def role_label(self) -> t.Any:
        return ROLE_LABELS.get(self.role, self.role)


def pseudonym(actor_id: int | None, role: str) -> str:
    """A stable pseudonym for a staff member: a short keyed digest of the id (no name)."""
    if actor_id is None:
        return ""
    return f"{role[:1].upper()}-{blind_index(str(actor_id), 'privacy-pseudonym')[:6].upper()}"


def access_log(user_id: int, limit: int = 200) -> list[AccessEntry]:
    """Who accessed the candidate's data: other people's (and the system's) audited actions
    whose subject is the candidate, and the searches and lists they appeared in."""
    direct = list(db.session.scalars(
        select(AuditEvent).where(AuditEvent.subject_id == user_id,
                                 or_(AuditEvent.actor_id.is_(None), AuditEvent.actor_id != user_id))
        .order_by(AuditEvent.created_dt.desc(), AuditEvent.id.desc()).limit(limit)))
    listings = [
        e for e in db.session.scalars(
            select(AuditEvent).where(AuditEvent.action.in_(LISTING_ACTIONS))
            .order_by(AuditEvent.id.desc()).limit(LISTING_SCAN_LIMIT))
        if user_id in ((e.details or {}).get("candidate_ids") or []) and e.actor_id != user_id
    ]
    events = sorted({e.id: e for e in direct + listings}.values(), key=lambda e: (e.created_dt, e.id),
                    reverse=True)[:limit]
    return [AccessEntry(when=e.created_dt, role=e.actor_role, who=pseudonym(e.actor_id, e.actor_role),
                        action=e.action, what=ACTION_LABELS.get(e.action, e.action)) for e in events]


def own_events(user_id: int, actions: t.Sequence[str], limit: int = 1000) -> list[AuditEvent]:
    """The candidate's own audited actions of these kinds (sign-ins), newest first."""
    return list(db.session.scalars(
        select(AuditEvent).where(AuditEvent.actor_id == user_id, AuditEvent.action.in_(list(actions)))
        .order_by(AuditEvent.created_dt.desc(), AuditEvent.id.desc()).limit(limit)))


def summary(user: t.Any) -> dict[str, t.Any]:
    """Everything the site holds on ``user``, for the privacy centre's overview page."""
    from privacy import adapters, consents
    from privacy.models import DataExport, GuardianConsent, RetentionNotice
    from resumes.queries import profile_of, resumes_of

    careers = (adapters.package_op("careers", "export_user_data") or adapters.export_careers_data)(user.id)
    return {
        "user": user,
        "wechat": user.wechat,
        "phone": user.phone,
        "profile": profile_of(user.id),
        "resumes": resumes_of(user.id),
        "applications": careers["applications"],
        "recruiter_notes": careers["recruiter_notes"],
        "consents": consents.history(user.id),
        "guardians": list(db.session.scalars(select(GuardianConsent).where(GuardianConsent.user_id == user.id))),
        "notifications": adapters.list_notifications(user.id),
        "exports": list(db.session.scalars(select(DataExport).where(DataExport.user_id == user.id)
                                           .order_by(DataExport.id.desc()).limit(5))),
        "retention": db.session.get(RetentionNotice, user.id),
    }
