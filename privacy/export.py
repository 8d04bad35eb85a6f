"""Download a copy: one zip with ``profile.json`` (JSON Resume with our extensions),
``account.json`` (everything else held, documented in docs/privacy.md) and the original
resume files.

Built by a job (``privacy.tasks``) that reports progress; the zip is stored encrypted
(``core.crypto``) in the resume storage under a random key, downloadable **once** by its
owner until ``EXPORT_TTL_HOURS`` (24 h) after it was made; then the stored copy is deleted.
One export is live at a time per account, and at most ``EXPORT_REQUESTS_PER_HOUR`` (3) are
started in an hour; parallel requests are serialised on the account's row.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import logging
import math
import secrets
import typing as t
import zipfile

from sqlalchemy import inspect as sa_inspect
from sqlalchemy import select

from auth import operations as auth_ops
from core import audit
from core.crypto import decrypt, encrypt
from core.db import db, utcnow
from privacy import adapters
from privacy.errors import ExportRateLimited, ExportUnavailable
from privacy.models import DataExport, GuardianConsent, RetentionNotice
from privacy.settings import setting

logger = logging.getLogger(__name__)

FORMAT_VERSION = "1"


def _ttl() -> dt.timedelta:
    return dt.timedelta(hours=int(setting("EXPORT_TTL_HOURS")))


def _iso(value: t.Any) -> str | None:
    return value.isoformat() if value is not None else None


def _retry_after_minutes(user_id: int, now: dt.datetime) -> int | None:
    """Minutes until the account may start another export, or None if it may now.

    ``EXPORT_REQUESTS_PER_HOUR`` exports started in the last hour is the limit; the time left
    is until the oldest of them leaves the hour."""
    limit = max(1, int(setting("EXPORT_REQUESTS_PER_HOUR")))
    window = dt.timedelta(hours=1)
    started = list(db.session.scalars(select(DataExport.created_dt).where(
        DataExport.user_id == user_id, DataExport.created_dt > now - window)
        .order_by(DataExport.created_dt.desc()).limit(limit)))
    if len(started) < limit:
        return None
    return max(1, math.ceil((started[-1] + window - now).total_seconds() / 60))


def request_export(user: t.Any, *, now: dt.datetime | None = None) -> tuple[DataExport, bool]:
    """Start an export, or return the one still being made or waiting to be downloaded.
    Returns (export, created).

    Raises ``ExportRateLimited`` (with ``retry_after_minutes``) when the account already
    started ``EXPORT_REQUESTS_PER_HOUR`` exports in the last hour and none is live."""
    now = now or utcnow()
    # The id from the identity map: reading ``user.id`` could reload the row and start the
    # transaction with a read, which SQLite cannot turn into a write once another one committed.
    identity = sa_inspect(user).identity
    user_id = identity[0] if identity else user.id
    auth_ops.lock_account(user_id)  # parallel requests: the second sees the first's export
    live = db.session.scalar(select(DataExport).where(
        DataExport.user_id == user_id, DataExport.status.in_(("queued", "running", "ready")),
        DataExport.expires_dt > now).order_by(DataExport.id.desc()).limit(1))
    if live is not None:
        return live, False
    retry_after = _retry_after_minutes(user_id, now)
    if retry_after is not None:
        logger.warning("export request refused for user %s: rate limit, retry in %s min", user_id, retry_after)
        raise ExportRateLimited("rate_limited", retry_after_minutes=retry_after)
    export = DataExport(public_id=secrets.token_urlsafe(24), user_id=user_id, status="queued", progress=0,
                        created_dt=now, expires_dt=now + _ttl())
    db.session.add(export)
    db.session.flush()
    audit.record("privacy.export_requested", user, subject_id=user_id, object_type="export", object_id=export.id)
    return export, True


# --- the contents ----------------------------------------------------------------------------

def json_resume(user_id: int) -> dict[str, t.Any]:
    """The profile as JSON Resume (v1.0.0) plus ``x-careers`` for the fields it lacks."""
    from resumes import operations as resume_ops

    data = resume_ops.export_candidate_profile(user_id)
    if data is None:
        return {"$schema": "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json",
                "basics": {}, "x-careers": {"status": None}}
    return {
        "$schema": "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json",
        "basics": {k: v for k, v in {
            "name": data.get("name"), "email": data.get("email"), "phone": data.get("phone"),
            "summary": data.get("summary"), "location": {"city": data["city"]} if data.get("city") else None,
        }.items() if v},
        "education": [{k: v for k, v in {
            "institution": e.get("institution"), "area": e.get("area"), "studyType": e.get("study_type"),
            "startDate": e.get("start_date"), "endDate": e.get("end_date")}.items() if v}
            for e in data.get("education", [])],
        "work": [{k: v for k, v in {
            "name": w.get("name"), "position": w.get("title"), "startDate": w.get("start_date"),
            "endDate": w.get("end_date"), "summary": w.get("summary")}.items() if v}
            for w in data.get("work", [])],
        "skills": [{"name": s} for s in data.get("skills", [])],
        "x-careers": {"gender": data.get("gender"), "birthDate": data.get("birth_date"),
                      "nativePlace": data.get("native_place"), "status": data.get("status"),
                      "confirmedAt": data.get("confirmed_at")},
    }


def account_data(user_id: int) -> dict[str, t.Any]:
    """Everything else held on the account (the layout is documented in docs/privacy.md)."""
    from auth.models import User
    from privacy import consents, queries
    from resumes.operations import parsed_result
    from resumes.queries import resumes_of

    user = db.session.get(User, user_id)
    if user is None:
        return {}
    careers = (adapters.package_op("careers", "export_user_data") or adapters.export_careers_data)(user_id)
    wechat = None
    if user.wechat is not None:
        wechat = {"unionid": user.wechat.unionid, "linked_at": _iso(user.wechat.created_dt),
                  "openids": [{"appid": o.appid, "openid": o.openid, "linked_at": _iso(o.created_dt)}
                              for o in user.wechat.openids]}
    notice = db.session.get(RetentionNotice, user_id)
    return {
        "format_version": FORMAT_VERSION,
        "generated_at": _iso(utcnow()),
        "account": {"id": user.id, "role": user.role, "created_at": _iso(user.created_dt),
                    "last_sign_in_at": _iso(user.last_sign_in_dt)},
        "identities": {
            "wechat": wechat,
            "phone": {"number": user.phone.phone, "verified_at": _iso(user.phone.verified_dt)} if user.phone else None,
        },
        "consents": [{"purpose": c.purpose, "policy_version": c.policy_version, "channel": c.channel,
                      "given_at": _iso(c.given_dt), "withdrawn_at": _iso(c.withdrawn_dt)}
                     for c in consents.history(user_id)],
        "guardian_consents": [{"verified_at": _iso(g.verified_dt)} for g in db.session.scalars(
            select(GuardianConsent).where(GuardianConsent.user_id == user_id))],
        "resumes": [{"id": r.id, "file": r.original_name, "type": r.kind, "bytes": r.size_bytes,
                     "uploaded_at": _iso(r.created_dt), "parse_status": r.status,
                     "parsed": parsed_result(r).get("resume") or {}} for r in resumes_of(user_id)],
        "applications": careers["applications"],
        "recruiter_notes": careers["recruiter_notes"],
        "notifications": adapters.export_notifications(user_id),
        "access_log": [{"at": _iso(e.when), "role": e.role, "who": e.who, "action": e.action}
                       for e in queries.access_log(user_id, limit=1000)],
        "sign_ins": [{"at": _iso(e.created_dt), "method": (e.details or {}).get("method")}
                     for e in queries.own_events(user_id, ("auth.sign_in",))],
        "retention": {"notified_at": _iso(notice.notified_dt), "erase_after": _iso(notice.purge_after_dt),
                      "kept_at": _iso(notice.kept_dt)} if notice else None,
    }


def build_zip(user_id: int, progress: t.Callable[[int], None] = lambda p: None) -> bytes:
    from resumes.operations import export_candidate_resumes

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("profile.json", json.dumps(json_resume(user_id), ensure_ascii=False, indent=2))
        progress(30)
        archive.writestr("account.json", json.dumps(account_data(user_id), ensure_ascii=False, indent=2))
        progress(50)
        for name, data in export_candidate_resumes(user_id):
            archive.writestr(f"resumes/{name}", data)
        progress(85)
        archive.writestr("README.txt", README)
    return buffer.getvalue()


README = """Your data from the Horizon AI careers site.

profile.json  your profile, in the JSON Resume format (jsonresume.org) plus "x-careers"
              for gender, date of birth, native place and the profile's status.
account.json  everything else we hold: account, WeChat and phone identities, consents,
              resumes (with what we read from them), applications and their history,
              notifications, and who accessed your data.
resumes/      the resume files you uploaded, as you uploaded them.

您在 Horizon AI 招聘网站的数据：profile.json 为简历资料（JSON Resume 格式），
account.json 为其他全部数据，resumes/ 为您上传的原始简历文件。
"""


def build_export(export_id: int, *, checkpoint: t.Callable[[], None] = lambda: None) -> str:
    """Make the zip of ``export_id`` and store it; returns the final status.

    ``checkpoint`` commits between steps so that the progress shows (the job passes
    ``db.session.commit``)."""
    from resumes.errors import StorageUnavailable
    from resumes.storage import get_storage, new_key

    export = db.session.get(DataExport, export_id)
    if export is None or export.status not in ("queued", "running"):
        return export.status if export is not None else "missing"
    export.status, export.progress = "running", 5
    checkpoint()

    def progress(value: int) -> None:
        export.progress = value
        checkpoint()

    try:
        blob = encrypt(build_zip(export.user_id, progress))
        key = new_key()
        get_storage().put(key, blob)
    except StorageUnavailable:
        export.status, export.error_code, export.finished_dt = "failed", "storage_unavailable", utcnow()
        db.session.flush()
        logger.warning("export %s failed: storage unavailable", export.id)
        return export.status
    now = utcnow()
    export.storage_key, export.size_bytes = key, len(blob)
    export.status, export.progress, export.finished_dt, export.expires_dt = "ready", 100, now, now + _ttl()
    db.session.flush()
    logger.info("export %s ready", export.id)
    return export.status


def take_download(user: t.Any, export: DataExport, *, now: dt.datetime | None = None) -> bytes:
    """The owner's zip, once: the stored copy is deleted as it is handed over."""
    from resumes.storage import BlobMissing, get_storage

    now = now or utcnow()
    if export.user_id != user.id:
        raise PermissionError("not the owner's export")
    if export.status == "downloaded":
        raise ExportUnavailable("downloaded")
    if export.status == "expired" or export.expires_dt <= now:
        expire(export)
        raise ExportUnavailable("expired")
    if export.status != "ready" or not export.storage_key:
        raise ExportUnavailable("failed" if export.status == "failed" else "not_ready")
    storage = get_storage()
    try:
        data = decrypt(storage.get(export.storage_key))
    except BlobMissing:
        raise ExportUnavailable("expired") from None
    storage.delete(export.storage_key)
    export.storage_key, export.status, export.downloaded_dt = None, "downloaded", now
    db.session.flush()
    audit.record("privacy.export_downloaded", user, subject_id=user.id, object_type="export", object_id=export.id)
    return data


def expire(export: DataExport) -> None:
    from resumes.errors import StorageUnavailable
    from resumes.storage import BlobMissing, get_storage

    if export.storage_key:
        try:
            get_storage().delete(export.storage_key)
        except BlobMissing:
            pass
        except StorageUnavailable:
            return  # tried again by the next purge
        export.storage_key = None
    if export.status in ("ready", "queued", "running"):
        export.status = "expired"
    db.session.flush()


def expire_exports(*, now: dt.datetime | None = None) -> int:
    """Delete every stored export past its expiry; returns how many."""
    now = now or utcnow()
    rows = list(db.session.scalars(select(DataExport).where(
        DataExport.expires_dt <= now, DataExport.storage_key.is_not(None) | DataExport.status.in_(
            ("queued", "running", "ready")))))
    for export in rows:
        expire(export)
    return len(rows)
