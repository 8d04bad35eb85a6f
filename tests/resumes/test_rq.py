"""Parse jobs through RQ with a real Redis (TEST_REDIS_URL; this package uses db 3) and real
worker processes: burst mode, and a worker killed mid-parse whose job is retried."""

import io
import os
import signal
import subprocess
import sys
import time

import pytest
from sqlalchemy import select

from core.config import ROOT
from core.db import db
from resumes.jobs import EXTENSION, RQDispatcher
from resumes.models import Resume
from tests.conftest import TEST_SECRET
from tests.resumes import samples

pytestmark = [pytest.mark.redis, pytest.mark.slow]

QUEUE = "parsing-test"


@pytest.fixture
def rq_app(app, redis_url, committed_db, upload_dir, monkeypatch):
    from redis import Redis

    connection = Redis.from_url(redis_url)
    connection.flushdb()
    monkeypatch.setitem(app.config, "REDIS_URL", redis_url)
    monkeypatch.setitem(app.config, "PARSE_QUEUE", QUEUE)
    dispatcher = RQDispatcher(redis_url, QUEUE)
    monkeypatch.setitem(app.extensions, EXTENSION, dispatcher)
    env = dict(os.environ, APP_ENV="development", SECRET_KEY=TEST_SECRET, FLASK_APP="wsgi",
               DATABASE_URL=app.config["SQLALCHEMY_DATABASE_URI"], REDIS_URL=redis_url, PARSE_QUEUE=QUEUE,
               RESUME_STORAGE_URL=upload_dir.as_uri(), PARSE_TIMEOUT_SECONDS="20", LOG_LEVEL="WARNING")
    env.pop("ENCRYPTION_KEYS", None)
    env.pop("BLIND_INDEX_KEY", None)
    yield dispatcher, env
    connection.flushdb()


def _upload(client, create_user, login, data=None):
    user = create_user(role="candidate")
    db.session.commit()
    login(user)
    response = client.post("/me/resumes", data={"file": (io.BytesIO(data or samples.text_resume()), "cv.txt"), "consent": "y"},
                           content_type="multipart/form-data")
    assert response.status_code == 302
    return int(response.headers["Location"].rsplit("/", 1)[1])


def _row(resume_id):
    db.session.remove()
    return db.session.get(Resume, resume_id)


def _burst_worker(env):
    return subprocess.run([sys.executable, "-m", "flask", "resumes", "worker", "--burst", "--without-scheduler"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


def test_upload_enqueues_and_a_burst_worker_parses(client, create_user, login, rq_app):
    dispatcher, env = rq_app
    resume_id = _upload(client, create_user, login)
    assert dispatcher.queue.count == 1
    assert _row(resume_id).status == "queued"
    result = _burst_worker(env)
    assert result.returncode == 0, result.stderr[-3000:]
    row = _row(resume_id)
    assert (row.status, row.attempts) == ("done", 1), result.stderr[-3000:]
    assert dispatcher.queue.count == 0


def test_a_worker_killed_mid_parse_leaves_the_job_to_be_retried(client, create_user, login, rq_app):
    dispatcher, env = rq_app
    resume_id = _upload(client, create_user, login)
    worker = subprocess.Popen([sys.executable, "-m", "tests.resumes.slow_worker"], cwd=ROOT, env=env,
                              start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while _row(resume_id).status not in ("reading", "sections", "fields"):
            assert time.monotonic() < deadline, "the slow worker never started the job"
            assert worker.poll() is None, worker.stderr.read().decode()[-3000:]
            time.sleep(0.2)
    finally:
        os.killpg(worker.pid, signal.SIGKILL)  # the worker and its work horse, mid-parse
        worker.wait(10)
    time.sleep(0.5)
    row = _row(resume_id)
    assert row.status in ("reading", "sections", "fields") and row.attempts == 1  # stuck, not lost

    # The sweep (run by every worker at start, and by cron through this command) re-queues it.
    swept = subprocess.run([sys.executable, "-m", "flask", "resumes", "requeue-stuck", "--older-than", "0"],
                           cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert swept.returncode == 0, swept.stderr[-3000:]
    assert "Re-queued 1" in swept.stdout
    assert _row(resume_id).status == "queued"

    result = _burst_worker(env)
    assert result.returncode == 0, result.stderr[-3000:]
    row = _row(resume_id)
    assert (row.status, row.attempts) == ("done", 2), result.stderr[-3000:]
    assert db.session.scalar(select(Resume.id).where(Resume.id != resume_id)) is None
