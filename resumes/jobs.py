"""Running parse jobs: RQ when ``REDIS_URL`` is set, else a local background runner.

``dispatch(resume_id)`` is called after the upload's transaction has committed.

* ``RQDispatcher`` enqueues ``resumes.tasks.parse_resume`` on the ``parsing`` queue
  (``PARSE_QUEUE``) with a job timeout longer than the sandbox's and ``Retry(max=3)``;
  ``flask resumes worker`` runs the worker (with the app) and first re-queues rows a dead
  worker left behind.
* ``LocalRunner`` is a small thread pool inside the web process (``PARSE_WORKERS``
  threads).  The threads only wait: the parse itself runs in the sandbox's child process.
  The first time it is used in a process it also picks up rows left queued or stuck by a
  previous run (lazily, never in ``create_app``).

Tests replace the dispatcher through ``app.extensions["resumes.dispatcher"]``.
"""

from __future__ import annotations

import logging
import threading
import time
import typing as t
from concurrent.futures import Future, ThreadPoolExecutor

from flask import Flask, current_app

from resumes.settings import job_timeout, setting

logger = logging.getLogger(__name__)

EXTENSION = "resumes.dispatcher"
RETRY_INTERVALS = [5, 30, 120]


class Dispatcher(t.Protocol):
    def dispatch(self, resume_id: int) -> None: ...
    def start(self) -> None: ...


class RQDispatcher:
    def __init__(self, redis_url: str, queue_name: str) -> None:
        self.redis_url = redis_url
        self.queue_name = queue_name
        self._queue: t.Any = None

    @property
    def queue(self) -> t.Any:
        if self._queue is None:
            from redis import Redis
            from rq import Queue

            connection = Redis.from_url(self.redis_url, socket_connect_timeout=5, socket_timeout=10)
            self._queue = Queue(self.queue_name, connection=connection)
        return self._queue

    def dispatch(self, resume_id: int) -> None:
        from rq import Retry

        self.queue.enqueue(
            "resumes.tasks.parse_resume", resume_id,
            job_timeout=job_timeout(), retry=Retry(max=3, interval=RETRY_INTERVALS),
            result_ttl=3600, failure_ttl=7 * 24 * 3600, description=f"parse resume {resume_id}",
        )
        logger.info("resume %s parse enqueued on %s", resume_id, self.queue_name)

    def start(self) -> None:
        """Nothing to do in the web process: workers sweep stuck rows when they start."""


class LocalRunner:
    """Parse jobs on background threads of this process."""

    def __init__(self, app: Flask, workers: int) -> None:
        self.app = app
        self.pool = ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix="resume-parse")
        self._started = False
        self._lock = threading.Lock()

    def dispatch(self, resume_id: int) -> Future[str]:
        future = self.pool.submit(self._run, resume_id)
        future.add_done_callback(_log_crash)
        return future

    def start(self) -> None:
        with self._lock:
            if self._started:
                return
            self._started = True
        self.pool.submit(self._pick_up)

    def _run(self, resume_id: int) -> str:
        from core.db import db
        from resumes.tasks import max_attempts, run_parse

        attempt = 0
        while True:
            with self.app.app_context():
                try:
                    return run_parse(resume_id)
                except Exception:  # noqa: BLE001 - run_parse logged it and released the row
                    attempt += 1
                    if attempt >= max_attempts():
                        logger.error("resume %s parse: giving up after %s attempts", resume_id, attempt)
                        return "failed"
                    logger.info("resume %s parse will be retried", resume_id)
                finally:
                    db.session.remove()
            time.sleep(min(2 ** attempt, 30))

    def _pick_up(self) -> None:
        from core.db import db
        from resumes.operations import requeue_stuck

        with self.app.app_context():
            try:
                ids = requeue_stuck(include_all_queued=True)
                db.session.commit()
            except Exception:  # noqa: BLE001 - the next start tries again
                logger.exception("picking up waiting resume parses failed")
                db.session.rollback()
                return
            finally:
                db.session.remove()
        for resume_id in ids:
            self.dispatch(resume_id)
        if ids:
            logger.info("picked up %s waiting resume parses", len(ids))

    def shutdown(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


def _log_crash(future: Future[t.Any]) -> None:
    if not future.cancelled() and future.exception() is not None:
        logger.error("resume parse runner crashed: %r", future.exception())


def get_dispatcher() -> Dispatcher:
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    dispatcher = app.extensions.get(EXTENSION)
    if dispatcher is None:
        with _create_lock:
            dispatcher = app.extensions.get(EXTENSION)
            if dispatcher is None:
                if app.config.get("REDIS_URL"):
                    dispatcher = RQDispatcher(app.config["REDIS_URL"], setting("PARSE_QUEUE"))
                else:
                    dispatcher = LocalRunner(app, int(setting("PARSE_WORKERS")))
                app.extensions[EXTENSION] = dispatcher
    return t.cast(Dispatcher, dispatcher)


_create_lock = threading.Lock()


def dispatch(resume_id: int) -> None:
    """Start the parse job of ``resume_id`` (call only after the row is committed)."""
    dispatcher = get_dispatcher()
    dispatcher.start()
    dispatcher.dispatch(resume_id)
