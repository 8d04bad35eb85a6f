"""``flask resumes worker``: an RQ worker for parse jobs, running with the app.

Before it starts taking jobs it sweeps the rows a dead worker left behind (still in a
running state long after their last change) back into the queue, so that a worker killed
mid-parse leaves its job retried, not lost.  (RQ itself also moves an abandoned job back
to its queue when its heartbeat expires, while retries are left; the job claims its row
atomically, so a job delivered twice runs once.)
"""

from __future__ import annotations

import logging
import typing as t

from flask import current_app

from core.db import db
from resumes.jobs import RQDispatcher
from resumes.operations import requeue_stuck
from resumes.settings import setting

logger = logging.getLogger(__name__)


def sweep_and_requeue(dispatcher: RQDispatcher, older_than_seconds: int | None = None) -> list[int]:
    ids = requeue_stuck(older_than_seconds=older_than_seconds)
    db.session.commit()
    for resume_id in ids:
        dispatcher.dispatch(resume_id)
    return ids


def run_worker(*, queue_name: str | None = None, burst: bool = False, with_scheduler: bool = True,
               worker_name: str | None = None) -> bool:
    from rq import Worker

    url = current_app.config.get("REDIS_URL")
    if not url:
        raise RuntimeError("REDIS_URL is not set: without Redis the web process parses resumes itself.")
    dispatcher = RQDispatcher(url, queue_name or setting("PARSE_QUEUE"))
    ids = sweep_and_requeue(dispatcher)
    if ids:
        logger.info("worker start: %s resume parses re-queued", len(ids))
    # Work horses are forked from this process: they must not share its database connections.
    db.session.remove()
    db.engine.dispose()
    worker = Worker([dispatcher.queue], connection=dispatcher.queue.connection, name=worker_name)
    return t.cast(bool, worker.work(burst=burst, with_scheduler=with_scheduler, logging_level="INFO"))
