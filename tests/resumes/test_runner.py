"""The local background runner end to end (no Redis): upload -> job -> done -> profile."""

import io
import time

import pytest
from sqlalchemy import select

from core.crypto import encrypt
from core.db import db
from resumes.jobs import EXTENSION, LocalRunner
from resumes.models import Resume
from resumes.storage import get_storage, new_key
from tests.resumes import samples


@pytest.fixture
def runner_app(app, monkeypatch):
    runner = LocalRunner(app, 2)
    monkeypatch.setitem(app.extensions, EXTENSION, runner)
    yield runner
    runner.shutdown()


def _wait_finished(client, resume_id, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        db.session.remove()  # the test shares one app context; a real request starts with a new session
        state = client.get(f"/me/resumes/{resume_id}/status").get_json()
        if state["finished"]:
            return state
        time.sleep(0.2)
    raise AssertionError("the parse did not finish")


@pytest.mark.slow
def test_local_runner_parses_an_upload_and_the_profile_is_filled(client, committed_db, runner_app, create_user, login):
    user = create_user(role="candidate")
    db.session.commit()
    login(user)
    started = time.monotonic()
    response = client.post("/me/resumes", data={"file": (io.BytesIO(samples.text_resume()), "简历.txt"), "consent": "y"},
                           content_type="multipart/form-data")
    assert response.status_code == 302
    assert time.monotonic() - started < 2.0  # the request does not wait for the parse
    resume_id = int(response.headers["Location"].rsplit("/", 1)[1])
    page = client.get(f"/me/resumes/{resume_id}").get_data(as_text=True)
    assert "resume_progress.js" in page and 'data-status-url="/me/resumes/' in page
    state = _wait_finished(client, resume_id)
    assert state["status"] == "done", state
    editor = client.get("/me/profile/edit").get_data(as_text=True)
    assert "xiaoming.zhang@example.com" in editor
    assert "From your resume" in editor or "来自您的简历" in editor


@pytest.mark.slow
def test_local_runner_picks_up_rows_left_queued_by_a_previous_run(app, committed_db, runner_app, create_user):
    user = create_user(role="candidate")
    key = new_key()
    get_storage().put(key, encrypt(samples.text_resume()))
    resume = Resume(user_id=user.id, storage_key=key, original_name="cv.txt", kind="txt", size_bytes=10,
                    content_digest=key[:64], status="queued")
    db.session.add(resume)
    db.session.commit()
    resume_id = resume.id
    runner_app.start()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        db.session.remove()
        status = db.session.scalar(select(Resume.status).where(Resume.id == resume_id))
        if status in ("done", "failed"):
            break
        time.sleep(0.2)
    assert status == "done"


def test_the_runner_is_started_lazily_by_the_pages_not_by_create_app(app, client, candidate, dispatcher):
    assert dispatcher.started == 0
    client.get("/me/resumes")
    assert dispatcher.started >= 1
