"""Downloads (headers, names) and IDOR: another candidate gets 404 for everything of mine."""

import io

import pytest
from sqlalchemy import select

from core.audit import AuditEvent
from core.db import db
from resumes.models import Resume
from resumes.operations import NotAllowed, get_resume_for_staff
from tests.resumes import samples


def _upload(client, data, name):
    response = client.post("/me/resumes", data={"file": (io.BytesIO(data), name), "consent": "y"}, content_type="multipart/form-data")
    assert response.status_code == 302
    return db.session.scalars(select(Resume).order_by(Resume.id.desc())).first()


@pytest.mark.parametrize(("name", "ascii_name", "star"), [
    ("简历.pdf", None, "filename*=UTF-8''%E7%AE%80%E5%8E%86.pdf"),
    ('a"b\r\nc;d\\.pdf', None, None),
    ("resume.pdf", 'filename=resume.pdf', None),
])
def test_download_is_an_attachment_with_safe_headers(client, candidate, name, ascii_name, star):
    data = samples.pdf_resume()
    resume = _upload(client, data, name)
    response = client.get(f"/me/resumes/{resume.id}/download")
    assert response.status_code == 200
    assert response.data == data
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "\r" not in disposition and "\n" not in disposition
    if ascii_name:
        assert ascii_name in disposition
    if star:
        assert star in disposition
    assert response.headers["Content-Type"] == "application/pdf"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response.headers["Content-Security-Policy"]
    assert "no-store" in response.headers["Cache-Control"]
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "resume.download",
                                                      AuditEvent.object_id == str(resume.id))) is not None


def test_download_of_a_text_resume_gets_its_own_type(client, candidate):
    resume = _upload(client, samples.text_resume(), "cv.txt")
    response = client.get(f"/me/resumes/{resume.id}/download")
    assert response.headers["Content-Type"].startswith("text/plain")
    assert response.data == samples.text_resume()


@pytest.mark.parametrize(("method", "path"), [
    ("GET", "/me/resumes/{id}"),
    ("GET", "/me/resumes/{id}/status"),
    ("GET", "/me/resumes/{id}/download"),
    ("POST", "/me/resumes/{id}/delete"),
    ("POST", "/me/resumes/{id}/retry"),
    ("GET", "/me/profile/update/{id}"),
    ("POST", "/me/profile/update/{id}/dismiss"),
])
def test_another_candidate_gets_404_for_my_resume(client, create_user, login, method, path):
    owner = create_user(role="candidate")
    login(owner)
    resume = _upload(client, samples.pdf_resume(), "mine.pdf")
    intruder = create_user(role="candidate")
    login(intruder)
    response = client.open(path.format(id=resume.id), method=method)
    assert response.status_code == 404
    assert db.session.get(Resume, resume.id) is not None
    missing = client.open(path.format(id=resume.id + 1000), method=method)
    assert missing.status_code == 404  # the same answer as for a resume that does not exist


def test_another_candidate_never_sees_my_profile(client, create_user, login):
    owner = create_user(role="candidate")
    login(owner)
    client.post("/me/profile/edit", data={"op": "confirm", "name": "Owner Person", "email": "owner@example.com"})
    intruder = create_user(role="candidate")
    login(intruder)
    for path in ("/me/profile", "/me/profile/edit"):
        page = client.get(path).get_data(as_text=True)
        assert "Owner Person" not in page and "owner@example.com" not in page


def test_recruiters_download_only_through_the_staff_operation(client, create_user, login, candidate):
    resume = _upload(client, samples.pdf_resume(), "cv.pdf")
    recruiter = create_user(role="recruiter")
    login(recruiter)
    assert client.get(f"/me/resumes/{resume.id}/download").status_code == 403
    with pytest.raises(NotAllowed):
        get_resume_for_staff(recruiter, resume, purpose="")
    with pytest.raises(NotAllowed):
        get_resume_for_staff(candidate, resume, purpose="application:1")
    file = get_resume_for_staff(recruiter, resume, purpose="application:1")
    assert file.data == samples.pdf_resume() and file.download_name == "cv.pdf"


def test_status_endpoint_reports_progress_as_json(client, candidate):
    resume = _upload(client, samples.pdf_resume(), "cv.pdf")
    state = client.get(f"/me/resumes/{resume.id}/status").get_json()
    assert state["status"] == "queued" and state["finished"] is False
    resume.status, resume.error_code = "failed", "encrypted"
    db.session.commit()
    state = client.get(f"/me/resumes/{resume.id}/status", headers={"Accept-Language": "en"}).get_json()
    assert state["failed"] and "password" in state["message"]


def test_delete_removes_row_and_file(client, candidate, upload_dir):
    from tests.resumes.conftest import stored_files

    resume = _upload(client, samples.pdf_resume(), "cv.pdf")
    assert len(stored_files(upload_dir)) == 1
    assert client.post(f"/me/resumes/{resume.id}/delete").status_code == 302
    assert db.session.get(Resume, resume.id) is None
    assert stored_files(upload_dir) == []
