"""Erasing a candidate: one operation for account cancellation, retention and re-application
after a backup restore.

``erase_account`` removes, in the caller's transaction: applications (reduced to anonymous
counts) and their history, recruiters' notes and ratings, the search index rows,
notifications, the profile, resume rows and their stored files, exports and their files,
guardian consents, retention notices, SMS codes, identities (WeChat ids, phone), sessions,
consents and the account row itself.  It keeps an ``ErasureRecord`` (receipt id, times,
categories; no personal data) and adds the id to the suppression list.

Files are deleted before the commit.  When the storage does not answer, the database part
still happens; the record stays ``pending`` with the (random) storage keys left to delete,
and ``retry_pending`` (``flask privacy retry-erasures``, also run by ``flask privacy purge``)
finishes it before the deadline: 15 working days from the request.
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets
import typing as t

from sqlalchemy import select

from core import audit
from core.db import db, utcnow
from privacy import adapters
from privacy.models import DataExport, ErasureRecord, GuardianConsent, RetentionNotice, Suppression
from privacy.settings import setting, suppression_file

logger = logging.getLogger(__name__)

KEPT = ("erasure_receipt", "anonymous_application_counts", "security_log_ids", "suppressed_id")


def add_working_days(start: dt.datetime, days: int) -> dt.datetime:
    """``days`` working days (Monday to Friday) after ``start``.  Public holidays are not
    modelled: the deadline shown is the latest safe reading only when none falls inside."""
    current = start
    added = 0
    while added < days:
        current += dt.timedelta(days=1)
        if current.weekday() < 5:
            added += 1
    return current


def new_receipt_id() -> str:
    return "ER-" + secrets.token_hex(8).upper()


def is_suppressed(user_id: int) -> bool:
    return db.session.get(Suppression, user_id) is not None


def _delete_blobs(keys: t.Iterable[str]) -> list[str]:
    """Delete stored objects; returns the keys that could not be deleted now."""
    from resumes.errors import StorageUnavailable
    from resumes.storage import BlobMissing, get_storage

    left: list[str] = []
    storage = get_storage()
    for key in keys:
        try:
            storage.delete(key)
        except BlobMissing:
            continue
        except (StorageUnavailable, OSError):
            left.append(key)
    return left


def erase_account(user_id: int, *, reason: str, actor: t.Any = None,
                  now: dt.datetime | None = None) -> ErasureRecord | None:
    """Erase everything held on ``user_id``; returns the receipt (None: nothing to erase).

    Idempotent: a second call for an erased id finds no account and does nothing.
    """
    from auth.models import User
    from resumes import operations as resume_ops
    from resumes.errors import StorageUnavailable
    from resumes.queries import resumes_of

    user = db.session.get(User, user_id)
    if user is None or user.role != "candidate":
        return None
    now = now or utcnow()
    record = ErasureRecord(receipt_id=new_receipt_id(), reason=reason, status="pending", requested_dt=now,
                           deadline_dt=add_working_days(now, int(setting("ERASURE_DEADLINE_WORKING_DAYS"))),
                           categories=[], pending_keys=[])
    categories: list[str] = []
    pending: list[str] = []

    # Other packages first, each through its own operation where it has one.
    erase_careers = adapters.package_op("careers", "erase_user_data") or adapters.erase_careers_data
    categories += erase_careers(user_id)
    erase_notes = adapters.package_op("notifications", "erase_user_data") or adapters.erase_notifications
    categories += erase_notes(user_id)

    resume_keys = [r.storage_key for r in resumes_of(user_id)]
    try:
        with db.session.begin_nested():
            resume_ops.erase_candidate_resumes(user_id)
    except StorageUnavailable:
        # The rows go with the account below; the files are deleted by the retry.
        pending += resume_keys
    categories += ["resumes", "resume_files", "parsed_resume_text"]
    resume_ops.erase_candidate_profile(user_id)
    categories.append("profile")

    exports = list(db.session.scalars(select(DataExport).where(DataExport.user_id == user_id)))
    pending += _delete_blobs([e.storage_key for e in exports if e.storage_key])
    guardian_indexes = list(db.session.scalars(
        select(GuardianConsent.phone_index).where(GuardianConsent.user_id == user_id)))
    for model in (DataExport, GuardianConsent, RetentionNotice):
        db.session.execute(model.__table__.delete().where(model.__table__.c.user_id == user_id))
    categories += ["exports", "guardian_consents", "retention_notices"]

    adapters.forget_addresses(user_id)
    categories += adapters.erase_account_rows(user_id, guardian_indexes)

    if db.session.get(Suppression, user_id) is None:
        db.session.add(Suppression(user_id=user_id, erased_dt=now))
    _mirror_suppression(user_id)

    record.categories = sorted(set(categories))
    record.attempts = 1
    record.pending_keys = pending
    if pending:
        record.last_error = "storage_unavailable"
        record.next_attempt_dt = now + dt.timedelta(minutes=int(setting("ERASURE_RETRY_MINUTES")))
    else:
        record.status = "done"
        record.completed_dt = now
    db.session.add(record)
    db.session.flush()
    # No subject id: the receipt must not lead back to the erased account.
    audit.record("privacy.erasure", actor if getattr(actor, "id", None) != user_id else None,
                 object_type="erasure", object_id=record.receipt_id,
                 details={"reason": reason, "status": record.status})
    logger.info("erasure %s (%s): %s", record.receipt_id, reason, record.status)
    return record


def _mirror_suppression(user_id: int) -> None:
    """Append the id to the suppression file once the erasure has committed (a rolled-back
    erasure must never be re-applied to a live account)."""
    from resumes import txn

    path = suppression_file()

    def append() -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="ascii") as fh:
            fh.write(f"{user_id}\n")

    txn.after_commit(append)


def retry_pending(*, now: dt.datetime | None = None, force: bool = False) -> tuple[int, int]:
    """Try again the erasures whose files could not be deleted; returns (done, still pending)."""
    now = now or utcnow()
    query = select(ErasureRecord).where(ErasureRecord.status == "pending")
    done = waiting = 0
    for record in db.session.scalars(query).all():
        if not force and record.next_attempt_dt is not None and record.next_attempt_dt > now:
            waiting += 1
            continue
        left = _delete_blobs(list(record.pending_keys or []))
        record.attempts += 1
        record.pending_keys = left
        if left:
            record.last_error = "storage_unavailable"
            backoff = min(int(setting("ERASURE_RETRY_MINUTES")) * 2 ** min(record.attempts, 6), 24 * 60)
            record.next_attempt_dt = now + dt.timedelta(minutes=backoff)
            waiting += 1
        else:
            record.status, record.completed_dt, record.last_error, record.next_attempt_dt = "done", now, None, None
            done += 1
            audit.record("privacy.erasure_completed", None, object_type="erasure", object_id=record.receipt_id)
    db.session.flush()
    return done, waiting


def suppressed_ids() -> set[int]:
    """The suppression list: the table and the file kept outside the database."""
    ids = set(db.session.scalars(select(Suppression.user_id)))
    path = suppression_file()
    if path.is_file():
        for line in path.read_text(encoding="ascii", errors="ignore").splitlines():
            if line.strip().isdigit():
                ids.add(int(line.strip()))
    return ids


def reapply_erasures(*, now: dt.datetime | None = None) -> list[str]:
    """After a backup restore: erase again every suppressed id that is back in the database;
    returns the new receipt ids."""
    from auth.models import User

    receipts = []
    ids = suppressed_ids()
    present = set(db.session.scalars(select(User.id).where(User.id.in_(sorted(ids))))) if ids else set()
    for user_id in sorted(present):
        record = erase_account(user_id, reason="reapply", now=now)
        if record is not None:
            receipts.append(record.receipt_id)
    for user_id in sorted(ids):
        if db.session.get(Suppression, user_id) is None:
            db.session.add(Suppression(user_id=user_id, erased_dt=now or utcnow()))
    db.session.flush()
    return receipts


def erasure_preview(user_id: int) -> dict[str, list[str]]:
    """What cancelling erases and what is kept (the confirmation page)."""
    return {"erased": ["account", "identities", "profile", "resumes", "applications", "notes", "notifications",
                       "consents", "exports", "codes_and_sessions"],
            "kept": list(KEPT)}
