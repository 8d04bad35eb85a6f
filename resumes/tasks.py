"""The parse job: ``parse_resume(resume_id)``.

It runs in an RQ worker (``flask resumes worker``) or in the web process's local runner
(``resumes/jobs.py``); either way the parser itself runs in a sandboxed child process
with a wall-clock and memory limit (``resumes.parser.sandbox.run_sandboxed``).

The job takes an id, claims the row (``queued`` -> ``reading``, atomically, so a job
delivered twice runs once), reads and decrypts the file, parses it, and stores the result
(encrypted JSON) and the final state, committing its own work.  A parse failure is
final (``failed`` with the parser's code: poison files are not retried).  Anything else
(storage or database trouble) puts the row back to ``queued`` and re-raises so that the
queue retries it, until ``PARSE_MAX_ATTEMPTS``; then the row ends ``failed``/``internal``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import inspect
import json
import logging
import typing as t

from flask import has_app_context
from sqlalchemy import and_, or_, update

from core.crypto import InvalidToken, decrypt
from core.db import db, utcnow
from resumes.models import RUNNING_STATES, Resume
from resumes.settings import setting, stuck_after_seconds
from resumes.storage import BlobMissing, get_storage

logger = logging.getLogger(__name__)

STAGES = ("reading", "sections", "fields")

_standalone_app: t.Any = None


@contextlib.contextmanager
def _app_context() -> t.Iterator[None]:
    """The job needs the app; a plain ``rq worker`` has none, so make one (once)."""
    global _standalone_app
    if has_app_context():
        yield
        return
    if _standalone_app is None:
        from core.app import create_app

        _standalone_app = create_app()
    with _standalone_app.app_context():
        yield


def parse_resume(resume_id: int) -> str:
    """RQ entry point: run the parse job for ``resume_id``; returns the final status."""
    with _app_context():
        try:
            return run_parse(resume_id)
        finally:
            db.session.remove()


def max_attempts() -> int:
    return int(setting("PARSE_MAX_ATTEMPTS"))


def claim(resume_id: int) -> bool:
    """Move the row to ``reading`` if it is waiting (or stuck), counting the attempt."""
    now = utcnow()
    stale = now - dt.timedelta(seconds=stuck_after_seconds())
    result = db.session.execute(
        update(Resume)
        .where(Resume.id == resume_id,
               or_(Resume.status == "queued", and_(Resume.status.in_(RUNNING_STATES), Resume.status_dt < stale)))
        .values(status="reading", attempts=Resume.attempts + 1, status_dt=now, error_code=None)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    return bool(t.cast(t.Any, result).rowcount)


def set_stage(resume_id: int, stage: str) -> None:
    """Record progress (only forward, only while running)."""
    if stage not in STAGES:
        return
    db.session.execute(
        update(Resume)
        .where(Resume.id == resume_id, Resume.status.in_(STAGES[:STAGES.index(stage)] or (stage,)))
        .values(status=stage, status_dt=utcnow())
        .execution_options(synchronize_session=False)
    )
    db.session.commit()


def _finish(resume_id: int, status: str, *, error_code: str | None = None,
            parsed: dict[str, t.Any] | None = None) -> str:
    # The final check, under a row lock (PostgreSQL): an erasure or deletion that committed
    # first leaves no row, and one that comes later waits for this commit, then deletes it.
    resume = db.session.get(Resume, resume_id, populate_existing=True, with_for_update=True)
    if resume is None:  # deleted (or the account erased) while it was being parsed: keep nothing
        db.session.rollback()
        return "gone"
    resume.status = status
    resume.error_code = error_code
    resume.status_dt = utcnow()
    if parsed is not None:
        resume.parsed_data = json.dumps(parsed, ensure_ascii=False)
        resume.parsed_dt = resume.status_dt
    db.session.commit()
    logger.info("resume %s parse %s%s", resume_id, status, f" ({error_code})" if error_code else "")
    return status


def _sandbox() -> t.Callable[..., dict[str, t.Any]]:
    from resumes.parser.sandbox import run_sandboxed

    return run_sandboxed


def _call_sandbox(data: bytes, filename: str, on_stage: t.Callable[[str], None]) -> dict[str, t.Any]:
    run = _sandbox()
    kwargs: dict[str, t.Any] = {"timeout": setting("PARSE_TIMEOUT_SECONDS"), "memory_mb": setting("PARSE_MEMORY_MB")}
    try:
        params = inspect.signature(run).parameters
    except (TypeError, ValueError):
        params = {}  # type: ignore[assignment]
    open_kwargs = any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params.values())
    if "on_stage" in params:
        kwargs["on_stage"] = on_stage
    else:  # coarse stages from here: the file is read, the parser runs
        on_stage("sections")
    if "max_pages" in params or open_kwargs:
        kwargs["max_pages"] = setting("PARSE_MAX_PAGES")
    return run(data, filename, **kwargs)


def run_parse(resume_id: int) -> str:
    """The job's body, inside an app context.  Returns ``done``, ``failed``, ``skipped``
    (not waiting: another delivery has it) or ``gone`` (deleted meanwhile)."""
    from resumes.parser import ParseFailure

    if not claim(resume_id):
        db.session.rollback()
        return "skipped"
    resume = db.session.get(Resume, resume_id, populate_existing=True)
    if resume is None:
        return "gone"
    attempts, kind, key = resume.attempts, resume.kind, resume.storage_key
    db.session.commit()
    if attempts > max_attempts():
        return _finish(resume_id, "failed", error_code="internal")
    try:
        data = decrypt(get_storage().get(key))
        result = _call_sandbox(data, f"resume.{kind}", lambda stage: set_stage(resume_id, stage))
    except ParseFailure as failure:
        db.session.rollback()
        return _finish(resume_id, "failed", error_code=str(failure.code))
    except BlobMissing:
        db.session.rollback()
        return _finish(resume_id, "failed", error_code="internal")
    except InvalidToken:  # damaged at rest: no retry reads it (logged by id only)
        db.session.rollback()
        logger.warning("resume %s: the stored file cannot be decrypted", resume_id)
        return _finish(resume_id, "failed", error_code="file_unreadable")
    except Exception:
        db.session.rollback()
        logger.exception("resume %s parse attempt %s failed", resume_id, attempts)
        if attempts >= max_attempts():
            _finish(resume_id, "failed", error_code="internal")
            return "failed"
        release(resume_id)
        raise
    set_stage(resume_id, "fields")
    parsed = {key: result.get(key) or {} for key in ("resume", "confidence", "sources")}
    return _finish(resume_id, "done", parsed=parsed)


def release(resume_id: int) -> None:
    """Give the row back to the queue after a failed attempt, for a retry."""
    db.session.execute(
        update(Resume).where(Resume.id == resume_id, Resume.status.in_(RUNNING_STATES))
        .values(status="queued", status_dt=utcnow())
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
