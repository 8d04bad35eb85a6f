"""Export jobs: the local runner (a thread, its own session) and the RQ queue."""

from __future__ import annotations

from core.db import db
from privacy.export import request_export
from privacy.models import DataExport
from privacy.tasks import LocalRunner, RQDispatcher


def test_tasks_local_runner_builds_the_export_in_a_thread(app, committed_db, make_person):
    person = make_person(apply=False)
    export, _ = request_export(person.user)
    db.session.commit()
    runner = LocalRunner(app)
    try:
        assert runner.dispatch(export.id).result(timeout=60) == "ready"
    finally:
        runner.pool.shutdown(wait=True)
    db.session.rollback()  # end this session's read snapshot: the thread committed in another
    row = db.session.get(DataExport, export.id)
    assert row.status == "ready" and row.progress == 100 and row.storage_key


def test_tasks_rq_dispatcher_enqueues_the_export(redis_url):
    from redis import Redis
    from rq import Queue

    queue_name = "privacy-test"
    Queue(queue_name, connection=Redis.from_url(redis_url)).empty()
    RQDispatcher(redis_url, queue_name).dispatch(42)
    queue = Queue(queue_name, connection=Redis.from_url(redis_url))
    jobs = queue.get_jobs()
    assert [(j.func_name, j.args) for j in jobs] == [("privacy.tasks.rq_run_export", (42,))]
    queue.empty()
