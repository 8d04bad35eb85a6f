"""State-changing operations on resumes and profiles.

Each takes the acting user, flushes but never commits (the view, CLI command or job
commits), and writes the audit log.  Files are written before the row and removed again
if the transaction rolls back; parse jobs start only after the commit
(``resumes/txn.py``).

Public entry points for other packages:

* ``get_resume_for_download(actor, resume)`` (owner) and
  ``get_resume_for_staff(actor, resume, purpose=...)`` (recruiters and admins, once the
  caller has decided they may see this candidate): the file, decrypted, with a safe name;
  serve it with ``resumes.downloads.send_resume``.
* ``erase_candidate_resumes(user_id)`` / ``erase_candidate_profile(user_id)``: erasure.
* ``export_candidate_resumes(user_id)`` / ``export_candidate_profile(user_id)``: export.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import logging
import typing as t

from flask import current_app
from sqlalchemy import delete, func, select, update
from werkzeug.datastructures import FileStorage

from auth import operations as auth_ops
from core import audit
from core.crypto import InvalidToken, blind_index, decrypt, encrypt
from core.db import db, utcnow
from core.processing import check_can_process  # privacy gate
from resumes import txn
from resumes.errors import FileUnreadable, ProfileInvalid, UploadRejected
from resumes.filetypes import KINDS, detect
from resumes.models import (
    ENCRYPTED_PROFILE_FIELDS,
    RUNNING_STATES,
    Profile,
    ProfileEducation,
    ProfileSkill,
    ProfileWork,
    Resume,
    Unreadable,
)
from resumes.names import display_name
from resumes.profiledata import ProfileData, from_profile, validate
from resumes.queries import RESUME_PROCESSING, processing_consent
from resumes.settings import setting, stuck_after_seconds
from resumes.storage import get_storage, new_key

logger = logging.getLogger(__name__)

STAFF_ROLES = ("recruiter", "admin")
MAX_RESUMES_PER_USER = 20  # ASVS 12.1.3: a per-user file count (each file is at most 10 MB),
# and RESUME_BYTES_QUOTA bytes in all


class Actor(t.Protocol):
    id: int
    role: str


class NotAllowed(Exception):
    """The actor may not do this to this object (views answer 404)."""


# --- upload ------------------------------------------------------------------------

def _read_upload(file: FileStorage | tuple[bytes, str]) -> tuple[bytes, str]:
    limit = int(current_app.config.get("MAX_CONTENT_LENGTH") or 10 * 1024 * 1024)
    if isinstance(file, tuple):
        data, name = file
    else:
        if file is None or not (file.filename or file.stream):
            raise UploadRejected("no_file")
        data = file.stream.read(limit + 1)
        name = file.filename or ""
    if len(data) > limit:
        raise UploadRejected("too_large")
    return data, name


def content_digest(data: bytes) -> str:
    return blind_index(hashlib.sha256(data).hexdigest(), "resume-file")


def upload_resume(user: Actor, file: FileStorage | tuple[bytes, str], *, consent: bool = False) -> Resume:
    """Check, encrypt and store an uploaded resume, add its row (``queued``) and start
    its parse job once the transaction commits.

    ``consent``: the candidate ticked the upload form's own box agreeing to the processing
    of the resume; it is recorded in auth's consent ledger (again, after a withdrawal).
    Without it the upload needs a live consent given earlier to a policy version that still
    counts (``processing_consent``), else ``UploadRejected`` (``consent_required``).

    Raises ``UploadRejected`` (nothing stored) or ``StorageUnavailable`` (nothing stored,
    no row); the caller rolls back, which takes a consent just recorded with it.  The same
    file uploaded again (a double click) gives back the existing row.  At most
    ``MAX_RESUMES_PER_USER`` files and ``RESUME_BYTES_QUOTA`` bytes per candidate
    (``too_many_files``, ``over_quota``), also under concurrent uploads (``auth.operations.lock_account``).
    """
    auth_ops.lock_account(user.id)  # first: the checks below (duplicate, count, bytes) are then race-free
    has_consent = processing_consent(user.id).is_live
    if consent and not has_consent:
        _record_processing_consent(user)
    check_can_process(user, "upload_resume")  # privacy: policy consent, withdrawn consent
    if not consent and not has_consent:
        raise UploadRejected("consent_required")
    data, raw_name = _read_upload(file)
    kind = detect(data, max_bytes=int(current_app.config.get("MAX_CONTENT_LENGTH") or 10 * 1024 * 1024))
    digest = content_digest(data)
    existing = db.session.scalar(
        select(Resume).where(Resume.user_id == user.id, Resume.content_digest == digest,
                             Resume.status != "failed").order_by(Resume.id.desc()).limit(1))
    if existing is not None:
        return existing
    count, used = db.session.execute(
        select(func.count(), func.coalesce(func.sum(Resume.size_bytes), 0)).where(Resume.user_id == user.id)).one()
    if count >= MAX_RESUMES_PER_USER:
        raise UploadRejected("too_many_files")
    quota = int(setting("RESUME_BYTES_QUOTA"))
    if used + len(data) > quota:
        raise UploadRejected("over_quota", megabytes=quota // (1024 * 1024))

    storage = get_storage()
    key = new_key()
    storage.put(key, encrypt(data))  # StorageUnavailable: nothing was written
    txn.after_rollback(lambda: storage.delete(key))

    resume = Resume(user_id=user.id, storage_key=key, original_name=display_name(raw_name, kind.extension),
                    kind=kind.kind, size_bytes=len(data), content_digest=digest, status="queued")
    db.session.add(resume)
    db.session.flush()
    audit.record("resume.upload", user, subject_id=user.id, object_type="resume", object_id=resume.id,
                 details={"kind": kind.kind, "bytes": len(data)})
    resume_id = resume.id

    def start_job() -> None:
        from resumes.jobs import dispatch

        dispatch(resume_id)

    txn.after_commit(start_job)
    return resume


def _record_processing_consent(user: Actor) -> None:
    """The upload form's box was ticked: put the consent to the processing of the resume in
    auth's consent ledger (to the current policy version), where the privacy centre shows it
    and can withdraw it."""
    from auth.policy import current_version

    auth_ops.give_consent(t.cast(t.Any, user), RESUME_PROCESSING, policy_version=current_version(), channel="web")


def retry_parse(user: Actor, resume: Resume) -> Resume:
    """Parse a failed resume again (the file is kept)."""
    _check_owner(user, resume)
    if resume.status != "failed":
        return resume
    resume.status, resume.error_code, resume.attempts, resume.status_dt = "queued", None, 0, utcnow()
    audit.record("resume.reparse", user, subject_id=resume.user_id, object_type="resume", object_id=resume.id)
    resume_id = resume.id

    def start_job() -> None:
        from resumes.jobs import dispatch

        dispatch(resume_id)

    txn.after_commit(start_job)
    return resume


def _check_owner(actor: Actor, resume: Resume) -> None:
    if resume.user_id != actor.id:
        raise NotAllowed()


def delete_resume(actor: Actor, resume: Resume) -> None:
    """Delete one of the actor's resumes; its file goes once the deletion commits.
    A profile built from it stays (its link is cleared)."""
    _check_owner(actor, resume)
    key = resume.storage_key
    db.session.execute(update(Profile).where(Profile.source_resume_id == resume.id).values(source_resume_id=None))
    db.session.delete(resume)
    db.session.flush()
    audit.record("resume.delete", actor, subject_id=resume.user_id, object_type="resume", object_id=resume.id)
    storage = get_storage()
    txn.after_commit(lambda: storage.delete(key))


# --- download -----------------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class ResumeFile:
    data: bytes
    download_name: str
    mimetype: str


def _read_file(resume: Resume) -> ResumeFile:
    """The decrypted file; ``FileUnreadable`` (a ``StorageUnavailable``) when the stored
    bytes cannot be decrypted (logged by id: the bytes are never logged)."""
    try:
        data = decrypt(get_storage().get(resume.storage_key))
    except InvalidToken:
        logger.warning("resume %s: the stored file cannot be decrypted (damaged, or under an unknown key)",
                       resume.id)
        raise FileUnreadable() from None
    kind = KINDS[resume.kind]
    return ResumeFile(data=data, download_name=display_name(resume.original_name, kind.extension),
                      mimetype=kind.mimetype)


def get_resume_for_download(actor: Actor, resume: Resume) -> ResumeFile:
    """The owner's own file (``NotAllowed`` for anyone else)."""
    _check_owner(actor, resume)
    audit.record("resume.download", actor, subject_id=resume.user_id, object_type="resume", object_id=resume.id)
    return _read_file(resume)


def get_resume_for_staff(actor: Actor, resume: Resume, *, purpose: str) -> ResumeFile:
    """A candidate's file for a recruiter or admin.

    The caller (the recruiting side) decides first whether this recruiter may see this
    candidate (e.g. the candidate applied to one of their openings) and says why in
    ``purpose`` (``"application:42"``), which goes to the audit log.
    """
    if getattr(actor, "role", None) not in STAFF_ROLES or not purpose:
        raise NotAllowed()
    audit.record("resume.download", actor, subject_id=resume.user_id, object_type="resume", object_id=resume.id,
                 details={"purpose": purpose[:100]})
    return _read_file(resume)


def parsed_result(resume: Resume) -> dict[str, t.Any]:
    """The stored parse result: ``{"resume": ..., "confidence": ..., "sources": ...}``."""
    if not resume.parsed_data:
        return {"resume": {}, "confidence": {}, "sources": {}}
    try:
        value = json.loads(resume.parsed_data)
    except ValueError:
        return {"resume": {}, "confidence": {}, "sources": {}}
    return value if isinstance(value, dict) else {"resume": {}, "confidence": {}, "sources": {}}


# --- profile ------------------------------------------------------------------------

def save_profile(user: Actor, data: ProfileData, *, confirm: bool, source_resume: Resume | None = None) -> Profile:
    """Replace the user's profile with ``data`` (validated here too): a draft, or the
    confirmed profile when ``confirm``.  Raises ``ProfileInvalid`` with field errors."""
    clean, errors = validate(data)
    if errors:
        raise ProfileInvalid(errors)
    if source_resume is not None:
        _check_owner(user, source_resume)
    profile = db.session.scalar(select(Profile).where(Profile.user_id == user.id))
    created = profile is None
    if profile is None:
        profile = Profile(user_id=user.id)
        db.session.add(profile)
    profile.name, profile.gender, profile.birth_date = clean.name, clean.gender, clean.birth_date
    profile.native_place, profile.city, profile.summary = clean.native_place, clean.city, clean.summary
    profile.email = clean.email
    profile.email_index = blind_index(clean.email.lower(), "email") if clean.email else None
    profile.phone = clean.phone
    profile.phone_index = blind_index(clean.phone, "phone") if clean.phone else None
    profile.education = [
        ProfileEducation(position=i, institution=e.institution, study_type=e.study_type, area=e.area,
                         start_date=e.start_date, end_date=e.end_date)
        for i, e in enumerate(clean.education)]
    profile.work = [
        ProfileWork(position=i, name=w.name, title=w.title, start_date=w.start_date, end_date=w.end_date,
                    summary=w.summary)
        for i, w in enumerate(clean.work)]
    profile.skills = [ProfileSkill(position=i, name=s) for i, s in enumerate(clean.skills)]
    if source_resume is not None:
        profile.source_resume_id = source_resume.id
        source_resume.is_offer_dismissed = True  # its offer is answered
    profile.updated_dt = utcnow()
    if confirm:
        check_can_process(user, "confirm_profile")  # privacy: sees the new date of birth (autoflush)
        profile.status = "confirmed"
        profile.confirmed_dt = profile.updated_dt
    elif created:
        profile.status = "draft"
    db.session.flush()
    audit.record("profile.confirm" if confirm else "profile.save", user, subject_id=user.id,
                 object_type="profile", object_id=profile.id,
                 details={"source_resume_id": source_resume.id if source_resume else None})
    return profile


def confirm_profile(user: Actor, data: ProfileData, source_resume: Resume | None = None) -> Profile:
    return save_profile(user, data, confirm=True, source_resume=source_resume)


def dismiss_profile_offer(user: Actor, resume: Resume) -> None:
    """Keep the profile as it is: stop offering to update it from ``resume``."""
    _check_owner(user, resume)
    resume.is_offer_dismissed = True
    audit.record("profile.update_dismissed", user, subject_id=user.id, object_type="resume", object_id=resume.id)
    db.session.flush()


# --- jobs ---------------------------------------------------------------------------

def requeue_stuck(*, older_than_seconds: int | None = None, include_all_queued: bool = False) -> list[int]:
    """Put parses whose worker died back in the queue and return the ids to dispatch.

    A row still in a running state ``older_than_seconds`` (default: longer than any job
    can run) after its last change lost its worker: back to ``queued``, or ``failed``
    (``internal``) once it used all its attempts.  Queued rows that old were never
    picked up (a queue outage at upload time) and are returned too; with
    ``include_all_queued`` every queued row is (the local runner at start-up).
    """
    from resumes.tasks import max_attempts

    limit = stuck_after_seconds() if older_than_seconds is None else older_than_seconds
    now = utcnow()
    stale = now - dt.timedelta(seconds=limit)
    stuck = Resume.status.in_(RUNNING_STATES) & (Resume.status_dt <= stale)
    rows = db.session.execute(select(Resume.id, Resume.attempts).where(stuck)).all()
    spent = [row.id for row in rows if row.attempts >= max_attempts()]
    retry = [row.id for row in rows if row.attempts < max_attempts()]
    if spent:
        db.session.execute(update(Resume).where(Resume.id.in_(spent), stuck)
                           .values(status="failed", error_code="internal", status_dt=now)
                           .execution_options(synchronize_session=False))
    if retry:
        db.session.execute(update(Resume).where(Resume.id.in_(retry), stuck).values(status="queued", status_dt=now)
                           .execution_options(synchronize_session=False))
    waiting = Resume.status == "queued"
    if not include_all_queued:
        waiting = waiting & (Resume.status_dt <= stale)
    ids = sorted(set(retry) | set(db.session.scalars(select(Resume.id).where(waiting))))
    if rows or ids:
        logger.info("requeue: %s stuck (%s out of attempts), %s to dispatch", len(rows), len(spent), len(ids))
    return ids


def sweep_orphans(*, older_than_seconds: int = 3600) -> int:
    """Delete stored files that no resume row points at (a process that died between
    storing a file and committing its row, or a deletion whose file removal failed).
    Files younger than ``older_than_seconds`` are left alone: their upload may still be
    committing.  Returns the number deleted."""
    storage = get_storage()
    known = set(db.session.scalars(select(Resume.storage_key)))
    cutoff = utcnow() - dt.timedelta(seconds=older_than_seconds)
    deleted = 0
    for key, modified in list(storage.list_keys()):
        if key not in known and modified <= cutoff:
            storage.delete(key)
            deleted += 1
    if deleted:
        logger.info("orphan sweep: %s stored files without a resume deleted", deleted)
    return deleted


# --- erasure and export (called by the privacy centre) -------------------------------

def erase_candidate_resumes(user_id: int) -> int:
    """Delete every resume of ``user_id``: the stored files now, the rows with the
    caller's commit.  Raises ``StorageUnavailable`` if a file cannot be deleted (retry
    the erasure).  Returns the number of resumes erased."""
    storage = get_storage()
    resumes = list(db.session.scalars(select(Resume).where(Resume.user_id == user_id)))
    for resume in resumes:
        storage.delete(resume.storage_key)
    db.session.execute(update(Profile).where(Profile.user_id == user_id).values(source_resume_id=None))
    db.session.execute(delete(Resume).where(Resume.user_id == user_id).execution_options(synchronize_session=False))
    db.session.flush()
    audit.record("resume.erase", None, subject_id=user_id, object_type="resume", details={"count": len(resumes)})
    return len(resumes)


def erase_candidate_profile(user_id: int) -> bool:
    """Delete the profile of ``user_id`` (with its entries)."""
    profile = db.session.scalar(select(Profile).where(Profile.user_id == user_id))
    if profile is None:
        return False
    db.session.delete(profile)
    db.session.flush()
    audit.record("profile.erase", None, subject_id=user_id, object_type="profile", object_id=profile.id)
    return True


def export_candidate_resumes(user_id: int) -> t.Iterator[tuple[str, bytes]]:
    """Yield ``(file name, bytes)`` for every resume of ``user_id``, decrypted; names are
    the uploaded names made safe, and unique within the export."""
    seen: set[str] = set()
    for resume in db.session.scalars(select(Resume).where(Resume.user_id == user_id).order_by(Resume.id)):
        name = display_name(resume.original_name, KINDS[resume.kind].extension)
        if name in seen:
            stem, _, ext = name.rpartition(".")
            name = f"{stem}-{resume.id}.{ext}"
        seen.add(name)
        yield name, _read_file(resume).data


def export_candidate_profile(user_id: int) -> dict[str, t.Any] | None:
    """The profile of ``user_id`` as plain data (JSON-ready), or None."""
    profile = db.session.scalar(select(Profile).where(Profile.user_id == user_id))
    if profile is None:
        return None
    data = from_profile(profile).as_dict()
    for entry in data["education"] + data["work"]:
        entry.pop("source_ref", None)
    data["status"] = profile.status
    data["confirmed_at"] = profile.confirmed_dt.isoformat() if profile.confirmed_dt else None
    return data


# --- key rotation -------------------------------------------------------------------

@dataclasses.dataclass
class RotationReport:
    files: int = 0
    file_errors: int = 0
    resume_rows: int = 0
    profile_rows: int = 0


def rotate_keys() -> RotationReport:
    """Re-encrypt every stored file and every encrypted field of this package under the
    first key of ``ENCRYPTION_KEYS`` (the caller commits)."""
    from sqlalchemy.orm.attributes import flag_modified

    from core.crypto import rotate

    report = RotationReport()
    storage = get_storage()
    for resume in db.session.scalars(select(Resume).order_by(Resume.id)):
        try:
            storage.put(resume.storage_key, rotate(storage.get(resume.storage_key)))
            report.files += 1
        except Exception:  # noqa: BLE001 - count and go on; the command reports it
            logger.exception("rotating resume file %s failed", resume.id)
            report.file_errors += 1
        # A value that cannot be decrypted is left as stored (an old key may still read it).
        if resume.parsed_data is not None and not isinstance(resume.parsed_data, Unreadable):
            flag_modified(resume, "parsed_data")
            report.resume_rows += 1
    for profile in db.session.scalars(select(Profile).order_by(Profile.id)):
        for column in ENCRYPTED_PROFILE_FIELDS:
            value = getattr(profile, column)
            if value is not None and not isinstance(value, Unreadable):
                flag_modified(profile, column)
        report.profile_rows += 1
    db.session.flush()
    return report
