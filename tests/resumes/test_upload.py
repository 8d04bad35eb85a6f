"""Uploading: type by content, clear messages, encryption at rest, nothing half-saved."""

import io
import re
import time

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from core.crypto import decrypt
from core.db import db
from resumes.models import Resume
from tests.resumes import samples
from tests.resumes.conftest import stored_files


def _upload(client, data, name="resume.pdf", content_type="application/pdf", lang="en", consent=True):
    """Post the upload form; ``consent``: tick its box agreeing to the processing of the resume."""
    form = {"file": (io.BytesIO(data), name, content_type)} | ({"consent": "y"} if consent else {})
    return client.post("/me/resumes", data=form, content_type="multipart/form-data",
                       headers={"Accept-Language": lang})


def _consents(user_id=None):
    from auth.models import Consent

    query = select(Consent).where(Consent.purpose == "resume_processing")
    if user_id is not None:
        query = query.where(Consent.user_id == user_id)
    return list(db.session.scalars(query.order_by(Consent.id)))


def _count():
    return db.session.scalar(select(func.count()).select_from(Resume))


def test_upload_stores_encrypted_file_and_queues_job_after_commit(client, candidate, dispatcher, upload_dir):
    data = samples.pdf_resume()
    response = _upload(client, data, name="我的简历.pdf")
    assert response.status_code == 302
    resume = db.session.scalars(select(Resume)).one()
    assert response.headers["Location"].endswith(f"/me/resumes/{resume.id}")
    assert (resume.status, resume.kind, resume.original_name, resume.user_id) == ("queued", "pdf", "我的简历.pdf", candidate.id)
    assert dispatcher.dispatched == [resume.id]
    (path,) = stored_files(upload_dir)
    assert path.name == resume.storage_key and "简历" not in str(path)
    stored = path.read_bytes()
    assert stored != data and b"%PDF" not in stored and b"Jane Doe" not in stored
    assert decrypt(stored) == data


@pytest.mark.parametrize(("data", "name", "content_type", "text"), [
    (samples.png_bytes(), "resume.pdf", "application/pdf", "This type of file is not accepted"),
    (b"", "resume.pdf", "application/pdf", "The file is empty"),
    (samples.pdf_resume()[:700], "resume.pdf", "application/pdf", "damaged or incomplete"),
    (samples.docx_zip_bomb(), "resume.docx", "application/octet-stream", "unpacks to far more data"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 100, "cv.docx",
     "application/octet-stream", "protected by a password"),
    (b"<html><script>alert(1)</script></html>", "cv.pdf", "application/pdf", "This type of file is not accepted"),
])
def test_upload_rejects_bad_files_with_a_clear_message_and_saves_nothing(
        client, candidate, dispatcher, upload_dir, data, name, content_type, text):
    response = _upload(client, data, name, content_type)
    assert response.status_code == 400
    assert text in response.get_data(as_text=True)
    assert _count() == 0
    assert stored_files(upload_dir) == []
    assert dispatcher.dispatched == []
    assert _consents() == []  # the ticked box went with the refused upload


def test_upload_over_ten_megabytes_gets_the_friendly_413_page(client, candidate, upload_dir):
    response = _upload(client, b"%PDF-1.7\n" + b"0" * (11 * 1024 * 1024))
    assert response.status_code == 413
    assert "10 MB" in response.get_data(as_text=True)
    assert _count() == 0 and stored_files(upload_dir) == []


def test_upload_without_a_file_asks_for_one(client, candidate):
    response = client.post("/me/resumes", data={}, content_type="multipart/form-data",
                           headers={"Accept-Language": "en"})
    assert response.status_code == 400
    assert "Please choose a file" in response.get_data(as_text=True)


@pytest.mark.parametrize("make", [samples.pdf_flate_bomb, samples.pdf_deeply_nested, samples.pdf_xobject_loop,
                                  samples.pdf_pages_loop])
def test_hostile_pdfs_are_accepted_fast_and_left_to_the_sandboxed_job(client, candidate, dispatcher, make):
    data = make()
    started = time.monotonic()
    response = _upload(client, data)
    assert time.monotonic() - started < 2.0  # the web worker never parses
    assert response.status_code == 302
    assert dispatcher.dispatched and _count() == 1


@pytest.mark.parametrize(("name", "shown"), [
    ("../../etc/passwd", "passwd.pdf"),
    ("..\\..\\win.ini", "win.ini.pdf"),
    ("resume\u202efdp.exe", "resumefdp.exe.pdf"),
    ("简历", "简历.pdf"),
])
def test_upload_names_never_reach_the_file_system(client, candidate, upload_dir, name, shown):
    assert _upload(client, samples.pdf_resume(), name=name).status_code == 302
    resume = db.session.scalars(select(Resume)).one()
    assert resume.original_name == shown
    (path,) = stored_files(upload_dir)
    assert path.parent.parent == upload_dir and path.name == resume.storage_key
    assert not (upload_dir.parent / "etc").exists()


def test_upload_with_storage_down_says_so_and_writes_no_row(app, client, candidate, dispatcher, tmp_path,
                                                           monkeypatch):
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("x")
    monkeypatch.setitem(app.config, "RESUME_STORAGE_URL", (blocker / "uploads").as_uri())
    response = _upload(client, samples.pdf_resume())
    assert response.status_code == 503
    assert "your file was not saved" in response.get_data(as_text=True)
    assert _count() == 0 and dispatcher.dispatched == []


def test_upload_removes_the_stored_file_when_the_commit_fails(client, candidate, dispatcher, upload_dir,
                                                              monkeypatch):
    def broken_commit():
        raise OperationalError("COMMIT", {}, Exception("database went away"))

    with monkeypatch.context() as patch:
        patch.setattr(db.session, "commit", broken_commit)
        response = _upload(client, samples.pdf_resume())
    assert response.status_code == 503
    assert stored_files(upload_dir) == []
    assert dispatcher.dispatched == []
    assert _count() == 0


def test_double_submitted_upload_stores_one_file(client, candidate, upload_dir):
    data = samples.pdf_resume()
    first, second = _upload(client, data), _upload(client, data)
    assert first.headers["Location"] == second.headers["Location"]
    assert _count() == 1 and len(stored_files(upload_dir)) == 1


def test_upload_page_lists_only_my_resumes(client, create_user, login):
    other = create_user(role="candidate")
    login(other)
    _upload(client, samples.pdf_resume(), name="others-cv.pdf")
    me = create_user(role="candidate")
    login(me)
    page = client.get("/me/resumes").get_data(as_text=True)
    assert "others-cv.pdf" not in page


def test_messages_come_in_the_users_language(client, candidate):
    response = _upload(client, samples.png_bytes(), lang="zh-CN")
    assert "不接受此类文件" in response.get_data(as_text=True)
    response = _upload(client, b"", lang="zh-CN")
    assert "文件是空的" in response.get_data(as_text=True)
    page = client.get("/me/resumes", headers={"Accept-Language": "zh-CN"}).get_data(as_text=True)
    assert "上传简历" in page


def test_upload_count_per_candidate_is_capped(client, candidate, upload_dir, monkeypatch):
    from resumes import operations

    monkeypatch.setattr(operations, "MAX_RESUMES_PER_USER", 2)
    assert _upload(client, samples.text_resume(), "a.txt").status_code == 302
    assert _upload(client, samples.pdf_resume(), "b.pdf").status_code == 302
    response = _upload(client, samples.docx_resume(), "c.docx")
    assert response.status_code == 400
    assert "Please delete one" in response.get_data(as_text=True)
    assert _count() == 2 and len(stored_files(upload_dir)) == 2


# --- the upload form's own consent to the processing of the resume (PIPL art. 14, 29) -----------

def test_upload_form_has_its_own_unticked_consent_box_with_what_and_why(client, candidate):
    page = client.get("/me/resumes", headers={"Accept-Language": "en"}).get_data(as_text=True)
    box = re.search(r'<input[^>]*name="consent"[^>]*>', page).group(0)
    assert 'type="checkbox"' in box and "checked" not in box and "required" in box
    assert "Your consent to the processing of your resume" in page
    for part in ("date of birth", "fill in your profile", "stored encrypted", "separate from the privacy policy",
                 "withdraw it at any time"):
        assert part in page
    assert 'href="/auth/policy"' in page
    zh = client.get("/me/resumes", headers={"Accept-Language": "zh-CN"}).get_data(as_text=True)
    assert "简历处理" in zh and "出生日期" in zh


def test_upload_without_the_consent_box_is_refused_and_stores_nothing(client, candidate, dispatcher, upload_dir):
    response = _upload(client, samples.pdf_resume(), consent=False)
    assert response.status_code == 400
    assert "Please tick the box to agree to the processing of your resume" in response.get_data(as_text=True)
    assert _count() == 0 and stored_files(upload_dir) == [] and dispatcher.dispatched == []
    assert _consents() == []
    zh = _upload(client, samples.pdf_resume(), lang="zh-CN", consent=False)
    assert zh.status_code == 400 and "请勾选" in zh.get_data(as_text=True)


def test_upload_operation_refuses_without_consent(candidate, upload_dir):
    from resumes import operations
    from resumes.errors import UploadRejected

    with pytest.raises(UploadRejected) as refused:
        operations.upload_resume(candidate, (samples.text_resume(), "cv.txt"))
    assert refused.value.code == "consent_required"
    assert _count() == 0 and stored_files(upload_dir) == [] and _consents() == []


def test_upload_with_the_box_records_the_consent_then_shows_it_given(client, candidate, app, monkeypatch):
    from auth import policy as auth_policy

    monkeypatch.setitem(app.extensions, auth_policy._KEY,
                        lambda: auth_policy.PolicyVersions("2027-05-01", ("2027-05-01",)))
    assert _upload(client, samples.pdf_resume()).status_code == 302
    [consent] = _consents(candidate.id)
    assert (consent.policy_version, consent.channel, consent.withdrawn_dt) == ("2027-05-01", "web", None)

    # Later uploads: the consent is shown as given (with its date and where to withdraw it), not asked again.
    page = client.get("/me/resumes", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert 'name="consent"' not in page
    with app.test_request_context(headers={"Accept-Language": "en"}):
        from flask_babel import format_date

        given_on = format_date(consent.given_dt)  # e.g. "Dec 1, 2026", in the site's time zone
    assert given_on[:3].isalpha() and str(consent.given_dt.year) in given_on
    assert f"You agreed on {given_on} that your resumes are processed" in page
    assert 'href="/privacy/#consents"' in page and "withdraw this consent in the privacy centre" in page
    assert _upload(client, samples.text_resume(), "b.txt", "text/plain", consent=False).status_code == 302
    assert _upload(client, samples.docx_resume(), "c.docx", "application/octet-stream").status_code == 302
    assert _count() == 3
    assert [c.id for c in _consents(candidate.id)] == [consent.id]  # one consent while it is live


def test_upload_after_withdrawal_asks_again_and_the_box_gives_it_again(client, candidate, upload_dir):
    from auth import operations as auth_ops

    assert _upload(client, samples.pdf_resume()).status_code == 302
    auth_ops.withdraw_consent(candidate, "resume_processing", channel="web")
    db.session.commit()
    page = client.get("/me/resumes", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert 'name="consent"' in page and "You withdrew this consent on" in page

    refused = _upload(client, samples.text_resume(), "b.txt", "text/plain", consent=False)
    assert refused.status_code == 403 and "withdrew your consent" in refused.get_data(as_text=True)
    assert _count() == 1 and len(stored_files(upload_dir)) == 1

    assert _upload(client, samples.text_resume(), "b.txt", "text/plain").status_code == 302
    old, new = _consents(candidate.id)
    assert old.withdrawn_dt is not None and new.withdrawn_dt is None  # the history stays
    assert _count() == 2


def test_upload_asks_again_when_the_consent_is_to_a_policy_version_that_no_longer_counts(
        client, candidate, app, monkeypatch):
    from auth import policy as auth_policy

    assert _upload(client, samples.pdf_resume()).status_code == 302
    [old] = _consents(candidate.id)
    # A material policy version: consents to earlier versions no longer count.
    monkeypatch.setitem(app.extensions, auth_policy._KEY,
                        lambda: auth_policy.PolicyVersions("2027-05-01", ("2027-05-01",)))
    page = client.get("/me/resumes", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert 'name="consent"' in page and "You agreed on" not in page and "You withdrew" not in page
    refused = _upload(client, samples.text_resume(), "b.txt", "text/plain", consent=False)
    assert refused.status_code == 400 and "Please tick the box" in refused.get_data(as_text=True)
    assert _upload(client, samples.text_resume(), "b.txt", "text/plain").status_code == 302
    assert [(c.id == old.id, c.policy_version) for c in _consents(candidate.id)] == [
        (True, old.policy_version), (False, "2027-05-01")]
