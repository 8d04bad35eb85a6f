"""Running export jobs, the same way resumes runs parse jobs (``resumes/jobs.py``): RQ when
``REDIS_URL`` is set (queue ``PRIVACY_QUEUE``, run by ``rq worker privacy`` or
``flask resumes worker``-style workers with the app), else a small thread pool in the web
process.  ``dispatch_export`` is called after the request's commit.

Tests replace the dispatcher through ``app.extensions["privacy.dispatcher"]``.
"""

from __future__ import annotations

import logging
import threading
import typing as t
from concurrent.futures import ThreadPoolExecutor

from flask import Flask, current_app

from privacy.settings import setting

logger = logging.getLogger(__name__)

EXTENSION = "privacy.dispatcher"


def run_export(export_id: int) -> str:
    """The job: build the export, committing as it goes (needs an app context)."""
    from core.db import db
    from privacy.export import build_export

    try:
        status = build_export(export_id, checkpoint=db.session.commit)
        db.session.commit()
        return status
    except Exception:
        db.session.rollback()
        logger.exception("export %s failed", export_id)
        from privacy.models import DataExport

        export = db.session.get(DataExport, export_id)
        if export is not None and export.status in ("queued", "running"):
            export.status, export.error_code = "failed", "internal"
            db.session.commit()
        raise


def rq_run_export(export_id: int) -> str:
    """Entry point for RQ workers (creates the app)."""
    from core.app import create_app

    app = create_app()
    with app.app_context():
        return run_export(export_id)


class RQDispatcher:
    def __init__(self, redis_url: str, queue_name: str) -> None:
        from redis import Redis
        from rq import Queue

        self.queue = Queue(queue_name, connection=Redis.from_url(redis_url, socket_connect_timeout=5))

    def dispatch(self, export_id: int) -> None:
        self.queue.enqueue("privacy.tasks.rq_run_export", export_id, job_timeout=600, result_ttl=3600,
                           description=f"privacy export {export_id}")


class LocalRunner:
    def __init__(self, app: Flask) -> None:
        self.app = app
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="privacy-export")

    def dispatch(self, export_id: int) -> t.Any:
        return self.pool.submit(self._run, export_id)

    def _run(self, export_id: int) -> str:
        from core.db import db

        with self.app.app_context():
            try:
                return run_export(export_id)
            except Exception:  # noqa: BLE001 - logged; the row says "failed"
                return "failed"
            finally:
                db.session.remove()


_lock = threading.Lock()


def get_dispatcher() -> t.Any:
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    with _lock:
        dispatcher = app.extensions.get(EXTENSION)
        if dispatcher is None:
            if app.config.get("REDIS_URL"):
                dispatcher = RQDispatcher(app.config["REDIS_URL"], str(setting("PRIVACY_QUEUE")))
            else:
                dispatcher = LocalRunner(app)
            app.extensions[EXTENSION] = dispatcher
    return dispatcher


def dispatch_export(export_id: int) -> None:
    """Start the export job (call only after the row is committed)."""
    try:
        get_dispatcher().dispatch(export_id)
    except Exception:  # noqa: BLE001 - a queue outage: the page offers to try again
        logger.warning("export %s could not be queued", export_id, exc_info=True)


def rq_run_purge() -> str:
    """Entry point for the RQ cron scheduler (``privacy/rq_cron.py``): ``flask privacy purge``."""
    from core.app import create_app
    from core.db import db
    from privacy.retention import purge

    app = create_app()
    with app.app_context():
        report = purge()
        db.session.commit()
        return (f"notified {len(report.notified)}, erased {len(report.erased)}, "
                f"applications {report.applications}, pending erasures {report.erasures_pending}")
