"""Security reference 5.K, corrupted ciphertext: a damaged encrypted profile field and a
damaged stored file are handled by their readers (a clear message, never a 500), and the
log names the row by id without the value (neither the plaintext nor the ciphertext)."""

from __future__ import annotations

import io
import logging

import pytest
from sqlalchemy import select, text

from core.db import db
from resumes.errors import FileUnreadable, StorageUnavailable
from resumes.models import Profile, Resume
from tests.resumes import samples
from tests.resumes.conftest import stored_files

EMAIL = "kay.cipher@example.com"


def _damaged(token: str) -> str:
    """The token with one character in its middle changed: Fernet's HMAC refuses it."""
    middle = len(token) // 2
    return token[:middle] + ("A" if token[middle] != "A" else "B") + token[middle + 1:]


def test_a_damaged_profile_field_reads_as_empty_with_a_message_and_a_log_line_without_it(
        client, candidate, caplog):
    response = client.post("/me/profile/edit", data={"op": "confirm", "name": "Kay Cipher", "email": EMAIL,
                                                     "phone": "13800138000", "birth_date": "1990-05"})
    assert response.status_code == 302
    stored = db.session.execute(text("SELECT email FROM profiles")).scalar()
    damaged = _damaged(stored)
    db.session.execute(text("UPDATE profiles SET email = :value"), {"value": damaged})
    db.session.commit()
    db.session.expire_all()

    with caplog.at_level(logging.WARNING, logger="resumes"):
        page = client.get("/me/profile", headers={"Accept-Language": "en"})
    assert page.status_code == 200
    body = page.get_data(as_text=True)
    assert "Part of your profile was damaged in our storage and cannot be shown: E-mail." in body
    assert "Kay Cipher" in body and "+8613800138000" in body   # the rest of the profile is shown
    profile = db.session.scalars(select(Profile)).one()
    assert profile.unreadable_fields == ["email"] and not profile.email
    warnings = [r.getMessage() for r in caplog.records if "cannot be decrypted" in r.getMessage()]
    assert warnings and f"profiles {profile.id}: email" in warnings[0]
    assert EMAIL not in caplog.text and damaged not in caplog.text and stored not in caplog.text

    assert client.get("/me/profile/edit").status_code == 200   # the editor opens, the field empty
    response = client.post("/me/profile/edit", data={"op": "confirm", "name": "Kay Cipher", "email": EMAIL,
                                                     "phone": "13800138000", "birth_date": "1990-05"})
    assert response.status_code == 302   # entered again: readable again
    db.session.expire_all()
    assert db.session.scalars(select(Profile)).one().email == EMAIL


def test_rotate_keys_leaves_a_damaged_field_as_it_is(app, client, candidate, runner):
    client.post("/me/profile/edit", data={"op": "save", "name": "Kay Cipher", "email": EMAIL})
    damaged = _damaged(db.session.execute(text("SELECT email FROM profiles")).scalar())
    db.session.execute(text("UPDATE profiles SET email = :value"), {"value": damaged})
    db.session.commit()
    db.session.expire_all()
    assert runner.invoke(args=["resumes", "rotate-keys"]).exit_code == 0
    assert db.session.execute(text("SELECT email FROM profiles")).scalar() == damaged   # not overwritten by ""


def _upload_and_damage(client, upload_dir) -> tuple[int, bytes]:
    response = client.post("/me/resumes", data={"file": (io.BytesIO(samples.text_resume()), "cv.txt"),
                                                "consent": "y"})
    assert response.status_code == 302
    resume_id = int(response.headers["Location"].rsplit("/", 1)[1])
    (path,) = stored_files(upload_dir)
    token = path.read_bytes()
    path.write_bytes(_damaged(token.decode()).encode())
    return resume_id, token


def test_a_damaged_stored_file_gives_the_owner_a_message_not_a_500_and_is_logged_by_id(
        client, candidate, upload_dir, caplog):
    resume_id, token = _upload_and_damage(client, upload_dir)
    with caplog.at_level(logging.WARNING, logger="resumes"):
        response = client.get(f"/me/resumes/{resume_id}/download", headers={"Accept-Language": "en"})
    assert response.status_code == 410
    assert "This file is damaged in our storage and cannot be opened." in response.get_data(as_text=True)
    assert f"resume {resume_id}: the stored file cannot be decrypted" in caplog.text
    assert "张小明" not in caplog.text and token.decode()[:40] not in caplog.text


def test_a_damaged_stored_file_is_a_storage_error_for_recruiters_and_exports(client, candidate, upload_dir,
                                                                            create_user):
    from resumes.operations import export_candidate_resumes, get_resume_for_staff

    resume_id, _ = _upload_and_damage(client, upload_dir)
    resume = db.session.get(Resume, resume_id)
    recruiter = create_user(role="recruiter")
    with pytest.raises(FileUnreadable) as info:
        get_resume_for_staff(recruiter, resume, purpose="application:1")
    assert isinstance(info.value, StorageUnavailable)   # careers' resume view answers 503, not 500
    with pytest.raises(StorageUnavailable):
        list(export_candidate_resumes(candidate.id))


def test_a_damaged_stored_file_fails_its_parse_at_once_with_its_own_code(app, client, candidate, upload_dir,
                                                                        caplog):
    from resumes.tasks import run_parse

    resume_id, token = _upload_and_damage(client, upload_dir)
    with caplog.at_level(logging.WARNING, logger="resumes"):
        assert run_parse(resume_id) == "failed"
    db.session.expire_all()
    resume = db.session.get(Resume, resume_id)
    assert (resume.status, resume.error_code, resume.attempts) == ("failed", "file_unreadable", 1)   # no retries
    status = client.get(f"/me/resumes/{resume_id}/status", headers={"Accept-Language": "en"}).get_json()
    assert "damaged in our storage" in status["message"]
    assert token.decode()[:40] not in caplog.text
