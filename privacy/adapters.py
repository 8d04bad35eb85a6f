"""Thin adapters for the erasure and export of data owned by packages that do not (yet)
expose ``erase_user_data(user_id)`` / ``export_user_data(user_id)`` themselves.

PRIVACY ADAPTER: each function below is marked with the package whose owner is asked to
take it over (see the privacy report); once a package exposes the operation, the
orchestration in ``privacy.erasure`` calls that instead (``_package_op``).  Nothing here
decides *what* is erased: ``privacy.erasure`` does.
"""

from __future__ import annotations

import importlib
import typing as t

from sqlalchemy import delete, select, update

from core.audit import AuditEvent
from core.db import db
from privacy.models import ApplicationCount


def package_op(package: str, name: str) -> t.Callable[..., t.Any] | None:
    """``<package>.operations.<name>`` when the package provides it."""
    try:
        module = importlib.import_module(f"{package}.operations")
    except ImportError:
        return None
    return getattr(module, name, None)


# --- careers (owner: careers) -----------------------------------------------------------------

def count_applications(applications: t.Iterable[t.Any]) -> None:
    """Add ``applications`` to the anonymous counts (opening, stage, month)."""
    totals: dict[tuple[int, str, str], int] = {}
    for application in applications:
        key = (application.job_id, application.stage, application.created_dt.strftime("%Y-%m"))
        totals[key] = totals.get(key, 0) + 1
    for (job_id, stage, period), count in totals.items():
        row = db.session.scalar(select(ApplicationCount).where(
            ApplicationCount.job_id == job_id, ApplicationCount.stage == stage, ApplicationCount.period == period))
        if row is None:
            row = ApplicationCount(job_id=job_id, stage=stage, period=period, count=0)
            db.session.add(row)
        row.count += count
    db.session.flush()


def erase_applications(application_ids: t.Sequence[int]) -> int:
    """Reduce applications to anonymous counts and delete them (their history goes with
    them, ``ON DELETE CASCADE``); the candidates' search rows are rebuilt."""
    from careers.models import Application, CandidateNote
    from careers.search import reindex_candidate

    if not application_ids:
        return 0
    applications = list(db.session.scalars(select(Application).where(Application.id.in_(list(application_ids)))))
    count_applications(applications)
    candidate_ids = {a.candidate_id for a in applications}
    db.session.execute(update(CandidateNote).where(CandidateNote.application_id.in_(list(application_ids)))
                       .values(application_id=None).execution_options(synchronize_session=False))
    for application in applications:
        db.session.delete(application)
    db.session.flush()
    for candidate_id in candidate_ids:
        reindex_candidate(candidate_id)
    return len(applications)


def erase_careers_data(user_id: int) -> list[str]:
    """Applications (to anonymous counts) and their history, recruiters' notes and ratings
    about the candidate, and the candidate's search-index rows."""
    from careers.models import Application, CandidateNote
    from careers.search import reindex_candidate

    ids = list(db.session.scalars(select(Application.id).where(Application.candidate_id == user_id)))
    erase_applications(ids)
    notes = db.session.execute(delete(CandidateNote).where(CandidateNote.candidate_id == user_id)
                               .execution_options(synchronize_session=False))
    reindex_candidate(user_id)  # no application left: the search rows (and FTS entry) go
    compact_search_index()
    db.session.flush()
    categories = ["applications", "application_history", "search_index"]
    if ids or notes.rowcount:  # type: ignore[attr-defined]
        categories.append("recruiter_notes_and_ratings")
    return categories


def compact_search_index() -> None:
    """SQLite FTS5 keeps a deleted row's tokens in its index blocks until segments merge:
    ``optimize`` merges them now, so that no token of an erased candidate survives."""
    from sqlalchemy import text

    if db.session.get_bind().dialect.name == "sqlite":
        db.session.execute(text("INSERT INTO fts_candidates(fts_candidates) VALUES ('optimize')"))


def export_careers_data(user_id: int) -> dict[str, t.Any]:
    from careers.models import CANDIDATE_LABELS, Application, CandidateNote

    applications = []
    for a in db.session.scalars(select(Application).where(Application.candidate_id == user_id)
                                .order_by(Application.id)):
        applications.append({
            "id": a.id,
            "job": {"id": a.job_id, "reference": a.job.reference, "title_zh": a.job.title_zh,
                    "title_en": a.job.title_en},
            "status": CANDIDATE_LABELS.get(a.stage, a.stage),
            "note": a.note,
            "consent_to_share_at": _iso(a.consent_dt),
            "applied_at": _iso(a.created_dt),
            "status_since": _iso(a.stage_dt),
            "history": [{"at": _iso(e.created_dt), "from": CANDIDATE_LABELS.get(e.from_stage or "", e.from_stage),
                         "to": CANDIDATE_LABELS.get(e.to_stage, e.to_stage), "message": e.message}
                        for e in a.events],
        })
    notes = db.session.scalar(select(db.func.count(CandidateNote.id)).where(CandidateNote.candidate_id == user_id))
    return {"applications": applications, "recruiter_notes": {"count": int(notes or 0)}}


# --- notifications (owner: notifications) ---------------------------------------------------------

def erase_notifications(user_id: int) -> list[str]:
    from notifications.models import Notification

    db.session.execute(delete(Notification).where(Notification.user_id == user_id)
                       .execution_options(synchronize_session=False))
    return ["notifications"]


def list_notifications(user_id: int) -> list[t.Any]:
    from notifications.models import Notification

    return list(db.session.scalars(select(Notification).where(Notification.user_id == user_id)
                                   .order_by(Notification.id.desc())))


def export_notifications(user_id: int) -> list[dict[str, t.Any]]:
    return [{"kind": n.kind, "params": n.params, "link": n.link, "created_at": _iso(n.created_dt),
             "read_at": _iso(n.read_dt)} for n in list_notifications(user_id)]


# --- auth (owner: auth) ---------------------------------------------------------------------

def erase_account_rows(user_id: int, extra_phone_indexes: t.Iterable[str] = ()) -> list[str]:
    """SMS codes sent to the account's number (and the guardian's), then the account with
    its identities, sessions (the session token) and consents (``ON DELETE CASCADE``)."""
    from auth.models import SmsCode, User

    user = db.session.get(User, user_id)
    if user is None:
        return []
    indexes = {*extra_phone_indexes}
    if user.phone is not None:
        indexes.add(user.phone.phone_index)
    if indexes:
        db.session.execute(delete(SmsCode).where(SmsCode.phone_index.in_(sorted(indexes)))
                           .execution_options(synchronize_session=False))
    db.session.delete(user)
    db.session.flush()
    return ["sms_codes", "wechat_identity", "phone_identity", "sessions", "consents", "account"]


# --- core audit (owner: core) -------------------------------------------------------------------

def forget_addresses(user_id: int) -> None:
    """The IP addresses of the candidate's own actions; the events stay (security log, ids only)."""
    db.session.execute(update(AuditEvent).where(AuditEvent.actor_id == user_id, AuditEvent.ip.is_not(None))
                       .values(ip=None).execution_options(synchronize_session=False))


def _iso(value: t.Any) -> str | None:
    return value.isoformat() if value is not None else None
