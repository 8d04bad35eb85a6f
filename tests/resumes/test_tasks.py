"""The parse job: claims, stages, results, failures, retries and the stuck-job sweep.

The hostile files of the security catalogue go through the real sandbox here: each ends
``failed`` with a code that has a clear message, and the test process (standing in for the
web worker) is unaffected.
"""

import datetime as dt
import json

import pytest
from sqlalchemy import select

from core.crypto import encrypt
from core.db import db, utcnow
from resumes import tasks
from resumes.errors import MESSAGES
from resumes.models import Resume
from resumes.operations import requeue_stuck
from resumes.parser import ParseFailure
from resumes.storage import get_storage, new_key
from tests.resumes import samples


@pytest.fixture
def make_resume(create_user):
    def _make(data=None, kind="txt", **fields):
        user = fields.pop("user", None) or create_user(role="candidate")
        key = new_key()
        get_storage().put(key, encrypt(data if data is not None else samples.text_resume()))
        resume = Resume(user_id=user.id, storage_key=key, original_name=f"cv.{kind}", kind=kind, size_bytes=1,
                        content_digest=key[:64], **fields)
        db.session.add(resume)
        db.session.commit()
        return resume

    return _make


def _fake_sandbox(monkeypatch, fn):
    monkeypatch.setattr(tasks, "_sandbox", lambda: fn)


PARSED = {"resume": {"basics": {"name": "张小明"}}, "confidence": {"basics.name": 0.9},
          "sources": {"basics.name": "张小明"}, "text": "张小明 ..."}


def test_run_parse_stores_the_result_encrypted_and_ends_done(make_resume, monkeypatch):
    seen = {}

    def sandbox(data, filename, timeout, memory_mb, **kw):
        seen.update(data=data, filename=filename, timeout=timeout, memory_mb=memory_mb, **kw)
        return PARSED

    _fake_sandbox(monkeypatch, sandbox)
    resume = make_resume()
    assert tasks.run_parse(resume.id) == "done"
    db.session.refresh(resume)
    assert (resume.status, resume.attempts, resume.error_code) == ("done", 1, None)
    assert json.loads(resume.parsed_data)["resume"]["basics"]["name"] == "张小明"
    assert "text" not in json.loads(resume.parsed_data)  # the full text is not kept
    raw = db.session.execute(db.text("SELECT parsed_data FROM resumes WHERE id = :id"), {"id": resume.id}).scalar()
    assert "张小明" not in raw
    assert seen["data"] == samples.text_resume() and seen["filename"] == "resume.txt"
    assert (seen["timeout"], seen["memory_mb"]) == (30, 512)


def test_run_parse_is_idempotent_a_second_delivery_is_skipped(make_resume, monkeypatch):
    _fake_sandbox(monkeypatch, lambda *a, **k: PARSED)
    resume = make_resume()
    assert tasks.run_parse(resume.id) == "done"
    assert tasks.run_parse(resume.id) == "skipped"
    db.session.refresh(resume)
    assert resume.attempts == 1


def test_parse_failure_is_final_with_its_code(make_resume, monkeypatch):
    def sandbox(*a, **k):
        raise ParseFailure("encrypted", "password")

    _fake_sandbox(monkeypatch, sandbox)
    resume = make_resume()
    assert tasks.run_parse(resume.id) == "failed"
    db.session.refresh(resume)
    assert (resume.status, resume.error_code, resume.attempts) == ("failed", "encrypted", 1)
    assert get_storage().exists(resume.storage_key)  # the file is kept


def test_unexpected_error_releases_the_row_for_a_retry_then_gives_up(make_resume, monkeypatch):
    def sandbox(*a, **k):
        raise ConnectionError("storage hiccup")

    _fake_sandbox(monkeypatch, sandbox)
    resume = make_resume()
    for attempt in range(1, tasks.max_attempts()):
        with pytest.raises(ConnectionError):
            tasks.run_parse(resume.id)
        db.session.refresh(resume)
        assert (resume.status, resume.attempts) == ("queued", attempt)
    assert tasks.run_parse(resume.id) == "failed"
    db.session.refresh(resume)
    assert (resume.status, resume.error_code) == ("failed", "internal")


def test_a_resume_deleted_during_the_parse_is_not_written_back(make_resume, monkeypatch):
    resume = make_resume()
    resume_id = resume.id

    def sandbox(*a, **k):
        db.session.execute(db.delete(Resume).where(Resume.id == resume_id))
        db.session.commit()
        return PARSED

    _fake_sandbox(monkeypatch, sandbox)
    assert tasks.run_parse(resume_id) == "gone"
    assert db.session.get(Resume, resume_id) is None


def test_requeue_stuck_puts_dead_workers_rows_back_and_fails_spent_ones(make_resume):
    old = utcnow() - dt.timedelta(hours=1)
    stuck = make_resume(status="sections", status_dt=old, attempts=1)
    spent = make_resume(status="reading", status_dt=old, attempts=tasks.max_attempts())
    running = make_resume(status="reading", status_dt=utcnow(), attempts=1)
    waiting = make_resume(status="queued", status_dt=old)
    fresh = make_resume(status="queued")
    ids = requeue_stuck()
    db.session.commit()
    assert ids == sorted([stuck.id, waiting.id])
    for row in (stuck, spent, running, waiting, fresh):
        db.session.refresh(row)
    assert stuck.status == "queued" and running.status == "reading"
    assert (spent.status, spent.error_code) == ("failed", "internal")
    assert requeue_stuck(include_all_queued=True) == sorted([stuck.id, waiting.id, fresh.id])


def test_a_stuck_row_can_be_claimed_again(make_resume, monkeypatch):
    _fake_sandbox(monkeypatch, lambda *a, **k: PARSED)
    resume = make_resume(status="fields", status_dt=utcnow() - dt.timedelta(hours=1), attempts=1)
    assert tasks.run_parse(resume.id) == "done"
    db.session.refresh(resume)
    assert resume.attempts == 2


# --- the catalogue's hostile files through the real sandbox ------------------------------

@pytest.mark.slow
@pytest.mark.parametrize(("make", "codes"), [
    (samples.pdf_flate_bomb, {"memory", "corrupt", "timeout", "no_text"}),
    (samples.pdf_deeply_nested, {"corrupt", "no_text"}),
    (samples.pdf_xobject_loop, {"corrupt", "no_text", "timeout"}),
    (samples.pdf_pages_loop, {"corrupt", "no_text"}),
    (samples.pdf_encrypted, {"encrypted"}),
    (lambda: b"%PDF-1.7\n" + b"1 0 obj << /Type /Catalog >> endobj\n" * 3 + b"%%EOF", {"corrupt", "no_text"}),
])
def test_hostile_files_end_failed_with_a_clear_message(app, make_resume, make, codes, monkeypatch):
    monkeypatch.setitem(app.config, "PARSE_TIMEOUT_SECONDS", 10)
    monkeypatch.setitem(app.config, "PARSE_MEMORY_MB", 400)
    resume = make_resume(make(), kind="pdf")
    assert tasks.run_parse(resume.id) == "failed"
    db.session.refresh(resume)
    assert resume.error_code in codes
    assert resume.error_code in MESSAGES  # each has its own clear message
    assert get_storage().exists(resume.storage_key)


@pytest.mark.slow
def test_a_parse_that_never_ends_is_stopped_by_the_wall_clock(app, make_resume, monkeypatch):
    from resumes.parser import sandbox

    monkeypatch.setitem(app.config, "PARSE_TIMEOUT_SECONDS", 2)
    monkeypatch.setattr(tasks, "_sandbox", lambda: sandbox.run_sandboxed)
    monkeypatch.setattr(sandbox, "_child", _sleep_forever)
    resume = make_resume()
    assert tasks.run_parse(resume.id) == "failed"
    db.session.refresh(resume)
    assert resume.error_code == "timeout"


def _sleep_forever(conn, *args):  # pragma: no cover - runs in the child
    import time

    time.sleep(3600)


def test_real_parse_of_a_text_resume_finds_the_fields(make_resume):
    resume = make_resume(samples.text_resume(), kind="txt")
    assert tasks.run_parse(resume.id) == "done"
    db.session.refresh(resume)
    parsed = json.loads(resume.parsed_data)
    assert parsed["resume"]["basics"]["email"] == "xiaoming.zhang@example.com"
    assert parsed["sources"]
    rows = list(db.session.scalars(select(Resume)))
    assert len(rows) == 1


def _pages_pdf(count):
    import io

    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, invariant=1)
    for page in range(count):
        pdf.drawString(72, 800, f"Jane Doe, page {page + 1}: experience and education in detail")
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


@pytest.mark.slow
def test_more_pages_than_the_limit_fail_with_their_message(app, make_resume, monkeypatch):
    resume = make_resume(_pages_pdf(21), kind="pdf")
    assert tasks.run_parse(resume.id) == "failed"
    db.session.refresh(resume)
    assert resume.error_code == "too_many_pages"
    monkeypatch.setitem(app.config, "PARSE_MAX_PAGES", 25)  # configurable
    resume = make_resume(_pages_pdf(21), kind="pdf")
    tasks.run_parse(resume.id)
    db.session.refresh(resume)
    assert resume.error_code != "too_many_pages"


@pytest.mark.parametrize("moment", ["while the file is parsed", "between the parse and the final write"])
def test_an_account_erased_during_a_parse_gets_nothing_written_back(app, committed_db, monkeypatch, upload_dir,
                                                                   moment):
    """Security reference 5.L: the privacy centre's erasure (another request, another
    connection) runs while the job works; the job's final check finds no row and writes
    nothing: no parse result, no resume, no profile, no file."""
    import threading

    from auth.models import User
    from privacy.erasure import erase_account
    from resumes.models import Profile

    user = User(role="candidate")
    db.session.add(user)
    db.session.flush()
    key = new_key()
    get_storage().put(key, encrypt(samples.text_resume()))
    db.session.add(Resume(user_id=user.id, storage_key=key, original_name="cv.txt", kind="txt", size_bytes=1,
                          content_digest=key[:64]))
    db.session.commit()
    user_id = user.id
    resume_id = db.session.scalar(select(Resume.id).where(Resume.user_id == user_id))

    def erase_in_another_request() -> None:
        def run() -> None:
            with app.app_context():
                try:
                    assert erase_account(user_id, reason="cancellation") is not None
                    db.session.commit()
                finally:
                    db.session.remove()

        thread = threading.Thread(target=run)
        thread.start()
        thread.join(timeout=30)
        assert not thread.is_alive()

    def sandbox(*args, **kwargs):
        if moment == "while the file is parsed":
            erase_in_another_request()
        return PARSED

    original_set_stage = tasks.set_stage

    def set_stage(rid, stage):
        original_set_stage(rid, stage)
        if stage == "fields" and moment != "while the file is parsed":
            erase_in_another_request()   # run_parse sets "fields" after the sandbox, before _finish

    _fake_sandbox(monkeypatch, sandbox)
    monkeypatch.setattr(tasks, "set_stage", set_stage)
    assert tasks.run_parse(resume_id) == "gone"

    db.session.remove()
    assert db.session.get(User, user_id) is None
    assert db.session.scalar(select(Resume).where(Resume.user_id == user_id)) is None
    assert db.session.scalar(select(Resume).where(Resume.id == resume_id)) is None
    assert db.session.scalar(select(Profile).where(Profile.user_id == user_id)) is None
    assert not [p for p in upload_dir.rglob("*") if p.is_file()]
