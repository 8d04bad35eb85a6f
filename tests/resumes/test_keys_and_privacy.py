"""Encryption at rest with key rotation, and the erase/export operations for the privacy centre."""

import io

from cryptography.fernet import Fernet, InvalidToken
from sqlalchemy import select

from core.db import db
from resumes.models import Profile, Resume
from resumes.operations import (
    erase_candidate_profile,
    erase_candidate_resumes,
    export_candidate_profile,
    export_candidate_resumes,
)
from tests.resumes import samples
from tests.resumes.conftest import stored_files

KEY_A, KEY_B = Fernet.generate_key().decode(), Fernet.generate_key().decode()


def _upload(client, data, name):
    response = client.post("/me/resumes", data={"file": (io.BytesIO(data), name), "consent": "y"}, content_type="multipart/form-data")
    assert response.status_code == 302
    return int(response.headers["Location"].rsplit("/", 1)[1])


def test_rotate_keys_reencrypts_files_and_fields_under_the_first_key(app, client, candidate, runner, upload_dir,
                                                                    monkeypatch):
    monkeypatch.setitem(app.config, "ENCRYPTION_KEYS", [KEY_A])
    data = samples.pdf_resume()
    resume_id = _upload(client, data, "cv.pdf")
    client.post("/me/profile/edit", data={"op": "confirm", "name": "Jane", "email": "jane@example.com",
                                          "phone": "13800138000", "birth_date": "1990-01"})
    resume = db.session.get(Resume, resume_id)
    resume.parsed_data = '{"resume": {}}'
    db.session.commit()

    monkeypatch.setitem(app.config, "ENCRYPTION_KEYS", [KEY_B, KEY_A])
    result = runner.invoke(args=["resumes", "rotate-keys"])
    assert result.exit_code == 0, result.output
    assert "Re-encrypted 1 file(s), 1 parse result(s) and 1 profile(s); 0 file(s) failed." in result.output

    (path,) = stored_files(upload_dir)
    assert Fernet(KEY_B.encode()).decrypt(path.read_bytes()) == data
    raw = db.session.execute(db.text("SELECT email FROM profiles")).scalar()
    assert Fernet(KEY_B.encode()).decrypt(raw.encode()) == b"jane@example.com"
    try:
        Fernet(KEY_A.encode()).decrypt(path.read_bytes())
        raise AssertionError("still readable with the old key")
    except InvalidToken:
        pass

    monkeypatch.setitem(app.config, "ENCRYPTION_KEYS", [KEY_B])  # the old key is gone
    db.session.expire_all()
    assert client.get(f"/me/resumes/{resume_id}/download").data == data
    profile = db.session.scalars(select(Profile)).one()
    assert (profile.email, profile.phone, profile.birth_date) == ("jane@example.com", "+8613800138000", "1990-01")


def test_export_yields_every_file_decrypted_with_unique_names(client, candidate):
    _upload(client, samples.pdf_resume(), "简历.pdf")
    _upload(client, samples.text_resume(), "简历.pdf.txt")
    _upload(client, samples.docx_resume(), "简历.pdf")
    exported = list(export_candidate_resumes(candidate.id))
    names = [name for name, _ in exported]
    assert len(set(names)) == 3 and names[0] == "简历.pdf"
    assert exported[0][1] == samples.pdf_resume() and exported[1][1] == samples.text_resume()


def test_erase_deletes_rows_and_files_of_that_candidate_only(client, create_user, login, upload_dir):
    other = create_user(role="candidate")
    login(other)
    _upload(client, samples.text_resume(), "other.txt")
    me = create_user(role="candidate")
    login(me)
    _upload(client, samples.pdf_resume(), "mine.pdf")
    client.post("/me/profile/edit", data={"op": "confirm", "name": "Me"})
    assert len(stored_files(upload_dir)) == 2
    assert erase_candidate_resumes(me.id) == 1
    assert erase_candidate_profile(me.id) is True
    db.session.commit()
    assert len(stored_files(upload_dir)) == 1
    assert db.session.scalars(select(Resume.user_id)).all() == [other.id]
    assert db.session.scalar(select(Profile).where(Profile.user_id == me.id)) is None
    assert export_candidate_profile(me.id) is None


def test_export_profile_is_plain_data(client, candidate):
    client.post("/me/profile/edit", data={"op": "confirm", "name": "Jane", "education-0-institution": "Leeds",
                                          "education-0-start_date": "2014"})
    data = export_candidate_profile(candidate.id)
    assert data["name"] == "Jane" and data["status"] == "confirmed"
    assert data["education"][0]["institution"] == "Leeds" and "source_ref" not in data["education"][0]
