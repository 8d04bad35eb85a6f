"""The erasure is real: after a cancellation, or a purge for inactivity, no table and no
stored file holds any of the candidate's identifiers (raw or decrypted)."""

from __future__ import annotations

import datetime as dt
import socket
import typing as t

import pytest
from sqlalchemy import select

from core.db import db, utcnow
from privacy.erasure import erase_account, retry_pending
from privacy.models import ErasureRecord, Suppression
from privacy.operations import cancel_account
from tests.privacy.scan import local_blobs, s3_blobs, scan_blobs, scan_database


def _make_export(person: t.Any) -> None:
    from privacy.export import build_export, request_export

    export, _ = request_export(person.user)
    assert build_export(export.id) == "ready"
    db.session.commit()


def _assert_erased(person: t.Any, blobs: t.Callable[[], list[tuple[str, bytes]]]) -> None:
    ids = person.identifiers()
    hits = scan_database(ids)
    assert hits == [], hits
    files = scan_blobs(blobs(), ids)
    assert files == [], files


def _assert_present(person: t.Any, blobs: t.Callable[[], list[tuple[str, bytes]]]) -> None:
    ids = person.identifiers()
    found = {label for _, _, label in scan_database(ids)}
    # The scanner sees every kind of identifier before the erasure (it is not blind).
    assert {"name", "phone", "email", "unionid", "openid", "birth_date", "resume_text",
            "file_digest", "phone_blind_index"} <= found, found
    assert {label for _, label in scan_blobs(blobs(), ids)} >= {"name", "phone_national", "resume_text", "email"}


def test_erasure_cancellation_leaves_no_identifier(make_person, recruiter, upload_dir):
    person = make_person(recruiter=recruiter)
    other = make_person()
    _make_export(person)
    blobs = lambda: local_blobs(upload_dir)  # noqa: E731
    _assert_present(person, blobs)

    record = cancel_account(person.user, reauthenticated_at=utcnow())
    db.session.commit()

    _assert_erased(person, blobs)
    assert record.status == "done" and record.receipt_id.startswith("ER-")
    assert {"profile", "resumes", "resume_files", "applications", "recruiter_notes_and_ratings", "notifications",
            "wechat_identity", "phone_identity", "sms_codes", "sessions", "consents", "exports"} <= set(
        record.categories)
    assert "user_id" not in ErasureRecord.__table__.columns
    assert db.session.get(Suppression, person.user.id) is not None
    # The other candidate is untouched.
    assert {label for _, _, label in scan_database(other.identifiers())} >= {"name", "phone", "unionid"}


def test_erasure_keeps_anonymous_application_counts(make_person):
    from privacy.models import ApplicationCount

    person = make_person()
    erase_account(person.user.id, reason="admin")
    db.session.commit()
    counts = list(db.session.scalars(select(ApplicationCount)))
    assert [(c.stage, c.count) for c in counts] == [("applied", 1)]


def test_erasure_is_idempotent_and_the_identity_can_register_again(app, make_person):
    from auth import operations as auth_ops

    person = make_person()
    old_id = person.user.id
    assert erase_account(old_id, reason="cancellation") is not None
    db.session.commit()
    assert erase_account(old_id, reason="cancellation") is None
    login = type("Login", (), {"appid": "wxstandinweb0001", "openid": person.openid, "unionid": person.unionid})()
    assert auth_ops.find_by_wechat(login) is None
    assert auth_ops.find_by_phone(person.phone) is None
    again = auth_ops.create_candidate(channel="wechat", policy_version="2026-12-01", wechat=login)
    db.session.flush()
    assert again.id != old_id


def test_erasure_suppression_file_written_after_commit(make_person, suppression_path):
    person = make_person()
    erase_account(person.user.id, reason="cancellation")
    assert not suppression_path.exists()  # not before the commit
    db.session.commit()
    assert suppression_path.read_text().split() == [str(person.user.id)]


def test_erasure_storage_outage_is_queued_then_finished(app, make_person, upload_dir, monkeypatch, client,
                                                        create_user, login):
    from resumes.errors import StorageUnavailable
    from resumes.storage import LocalStorage

    person = make_person()
    original = LocalStorage.delete

    def down(self, key):
        raise StorageUnavailable()

    monkeypatch.setattr(LocalStorage, "delete", down)
    now = utcnow()
    record = erase_account(person.user.id, reason="cancellation", now=now)
    db.session.commit()
    assert record.status == "pending" and record.pending_keys
    assert record.deadline_dt - now >= dt.timedelta(days=19)  # 15 working days: at least 3 weekends
    # The database no longer identifies the candidate even while files wait.
    assert scan_database(person.identifiers()) == []

    login(create_user(role="admin"))
    page = client.get("/privacy/admin/erasures")
    assert page.status_code == 200 and record.receipt_id in page.get_data(as_text=True)

    assert retry_pending(now=now, force=True) == (0, 1)
    monkeypatch.setattr(LocalStorage, "delete", original)
    assert retry_pending(now=now + dt.timedelta(days=1)) == (1, 0)
    db.session.commit()
    assert record.status == "done" and record.pending_keys == []
    _assert_erased(person, lambda: local_blobs(upload_dir))


def test_erasure_reapply_after_restore(make_person, suppression_path, runner):
    """A restored backup brings an erased account back: reapply-erasures erases it again."""
    person = make_person()
    suppression_path.write_text(f"{person.user.id}\n")  # as if erased after the backup was taken
    result = runner.invoke(args=["privacy", "reapply-erasures"])
    assert result.exit_code == 0, result.output
    assert "re-erased: 1" in result.output
    assert scan_database(person.identifiers()) == []


def test_erasure_after_purge_of_an_inactive_candidate(app, make_person, upload_dir):
    from auth.models import User
    from careers.models import Application
    from privacy.retention import purge
    from resumes.models import Profile

    person = make_person()
    active = make_person()
    long_ago = utcnow() - dt.timedelta(days=800)
    user = db.session.get(User, person.user.id)
    user.created_dt = user.last_sign_in_dt = long_ago
    for application in db.session.scalars(select(Application).where(Application.candidate_id == user.id)):
        application.created_dt = application.stage_dt = long_ago
    db.session.flush()
    db.session.execute(Profile.__table__.update().where(Profile.user_id == user.id).values(updated_dt=long_ago))
    db.session.commit()

    notices: list[int] = []
    first = purge(notify=lambda uid, token: notices.append(uid))
    db.session.commit()
    assert first.notified == [person.user.id] and notices == [person.user.id] and first.erased == []
    _assert_present(person, lambda: local_blobs(upload_dir))

    later = purge(now=utcnow() + dt.timedelta(days=31), notify=lambda uid, token: None)
    db.session.commit()
    assert len(later.erased) == 1
    _assert_erased(person, lambda: local_blobs(upload_dir))
    assert db.session.get(User, active.user.id) is not None


# --- S3 (moto server) ------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def s3(app, monkeypatch):
    moto_server = pytest.importorskip("moto.server")
    import boto3

    port = _free_port()
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    for name, value in {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
                        "AWS_REGION": "us-east-1", "S3_ENDPOINT_URL": endpoint,
                        "RESUME_STORAGE_URL": "s3://privacy-test/uploads"}.items():
        monkeypatch.setitem(app.config, name, value)
    monkeypatch.setitem(app.extensions, "resumes.storage", {})
    client = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="testing",
                          aws_secret_access_key="testing")
    client.create_bucket(Bucket="privacy-test")
    yield client
    server.stop()


def test_erasure_cancellation_on_s3(make_person, recruiter, s3):
    person = make_person(recruiter=recruiter)
    _make_export(person)
    blobs = lambda: s3_blobs(s3, "privacy-test")  # noqa: E731
    _assert_present(person, blobs)
    cancel_account(person.user, reauthenticated_at=utcnow())
    db.session.commit()
    _assert_erased(person, blobs)
    assert blobs() == []


def test_erasure_purge_on_s3(make_person, s3):
    from auth.models import User
    from privacy.retention import purge

    person = make_person(apply=False)
    user = db.session.get(User, person.user.id)
    long_ago = utcnow() - dt.timedelta(days=900)
    user.created_dt = user.last_sign_in_dt = long_ago
    from resumes.models import Profile

    db.session.execute(Profile.__table__.update().where(Profile.user_id == user.id).values(updated_dt=long_ago))
    db.session.commit()
    purge(notify=lambda uid, token: None)
    db.session.commit()
    purge(now=utcnow() + dt.timedelta(days=31), notify=lambda uid, token: None)
    db.session.commit()
    _assert_erased(person, lambda: s3_blobs(s3, "privacy-test"))


def test_erasure_during_a_running_parse_writes_nothing_back(make_person, monkeypatch, upload_dir):
    """Security reference 5.L: the account is cancelled while a worker parses a second
    resume; the worker's final check finds no row and keeps nothing it read."""
    from resumes import operations as resume_ops
    from resumes import tasks
    from resumes.models import Resume
    from tests.privacy.conftest import TEXT_RESUME

    person = make_person()
    resume = resume_ops.upload_resume(person.user, (TEXT_RESUME.replace(b"ZephyrMarkerQ", person.resume_marker.encode()),
                                                    "second.txt"))
    db.session.commit()
    resume_id, user_id = resume.id, person.user.id
    parsed_while_erased = {"resume": {"basics": {"name": person.name, "email": person.email, "phone": person.phone},
                                      "work": [{"name": person.company, "summary": person.resume_marker}]},
                           "confidence": {}, "sources": {}}

    def sandbox(*args: t.Any, **kwargs: t.Any) -> dict[str, t.Any]:
        # The cancellation commits while the parse runs (a worker reads the file first).
        assert cancel_account(db.session.get(type(person.user), user_id), reauthenticated_at=utcnow()) is not None
        db.session.commit()
        return parsed_while_erased

    monkeypatch.setattr(tasks, "_sandbox", lambda: sandbox)
    assert tasks.run_parse(resume_id) == "gone"
    assert db.session.get(Resume, resume_id) is None
    _assert_erased(person, lambda: local_blobs(upload_dir))
