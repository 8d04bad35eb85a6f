"""Security reference 5.B (upload mechanics): the size limit to the byte, Werkzeug's
form limits, two files in one field, an empty file name, a lying Content-Type, and the
display name of odd file names (the stored name is always random); the byte quota, and
the count cap, the byte quota and a double click under truly parallel uploads (threads,
``committed_db``; run them on PostgreSQL too: there the user's row lock decides)."""

from __future__ import annotations

import io

import pytest
from sqlalchemy import func, select
from werkzeug.test import EnvironBuilder

from core.db import db
from resumes.models import Resume
from resumes.names import display_name
from tests.conftest import post_in_parallel
from tests.resumes import samples
from tests.resumes.conftest import stored_files


def _count() -> int:
    return db.session.scalar(select(func.count()).select_from(Resume))


def _multipart(data: bytes) -> tuple[bytes, str]:
    builder = EnvironBuilder(method="POST", data={"file": (io.BytesIO(data), "cv.pdf"), "consent": "y"})
    try:
        request = builder.get_request()
        return request.get_data(), request.content_type
    finally:
        builder.close()


def test_size_at_the_limit_is_accepted_and_one_byte_more_is_413(app, client, candidate, monkeypatch):
    body, content_type = _multipart(samples.pdf_resume())
    monkeypatch.setitem(app.config, "MAX_CONTENT_LENGTH", len(body))
    assert client.post("/me/resumes", data=body, content_type=content_type).status_code == 302
    monkeypatch.setitem(app.config, "MAX_CONTENT_LENGTH", len(body) - 1)
    response = client.post("/me/resumes", data=body, content_type=content_type, headers={"Accept-Language": "en"})
    assert response.status_code == 413 and "File too large" in response.get_data(as_text=True)
    assert _count() == 1


def test_more_than_a_thousand_parts_is_413(client, candidate):
    data = {f"f{i}": "x" for i in range(1001)} | {"file": (io.BytesIO(samples.pdf_resume()), "cv.pdf")}
    assert client.post("/me/resumes", data=data, content_type="multipart/form-data").status_code == 413
    assert _count() == 0


def test_a_text_field_over_500_kb_is_413(client, candidate):
    data = {"consent": "y" * 600_000, "file": (io.BytesIO(samples.pdf_resume()), "cv.pdf")}
    assert client.post("/me/resumes", data=data, content_type="multipart/form-data").status_code == 413
    assert _count() == 0


def test_two_files_in_one_field_store_one(client, candidate, upload_dir):
    data = {"file": [(io.BytesIO(samples.pdf_resume()), "a.pdf"), (io.BytesIO(samples.text_resume()), "b.txt")],
            "consent": "y"}
    assert client.post("/me/resumes", data=data, content_type="multipart/form-data").status_code == 302
    assert _count() == 1 and len(stored_files(upload_dir)) == 1


def test_empty_file_name_is_asked_again(client, candidate, upload_dir):
    data = {"file": (io.BytesIO(samples.pdf_resume()), ""), "consent": "y"}
    response = client.post("/me/resumes", data=data, content_type="multipart/form-data",
                           headers={"Accept-Language": "en"})
    assert response.status_code == 400 and "Please choose a file" in response.get_data(as_text=True)
    assert _count() == 0 and stored_files(upload_dir) == []


def test_content_type_is_ignored_the_content_decides(client, candidate):
    data = {"file": (io.BytesIO(samples.pdf_resume()), "cv.html", "text/html"), "consent": "y"}
    assert client.post("/me/resumes", data=data, content_type="multipart/form-data").status_code == 302
    assert db.session.scalars(select(Resume)).one().kind == "pdf"


@pytest.mark.parametrize(("raw", "shown"), [
    ("resume.pdf.php", "resume.pdf.php.pdf"), ("CON.pdf", "CON.pdf"), ("NUL.pdf", "NUL.pdf"),
    ("＜script＞.pdf", "＜script＞.pdf"), ("简历🙂.pdf", "简历🙂.pdf"), ("resume.PDF", "resume.pdf"),
])
def test_odd_names_are_only_a_display_name(raw, shown):
    assert display_name(raw, "pdf") == shown


def test_a_255_byte_name_is_shortened_with_its_extension(client, candidate):
    data = {"file": (io.BytesIO(samples.pdf_resume()), "简" * 85 + ".pdf"), "consent": "y"}  # 259 bytes
    assert client.post("/me/resumes", data=data, content_type="multipart/form-data").status_code == 302
    name = db.session.scalars(select(Resume)).one().original_name
    assert len(name) <= 120 and name.endswith(".pdf")


# --- quotas: the byte quota, and both caps under two parallel uploads --------------------------

def _distinct_text_resume(n: int) -> bytes:
    return samples.text_resume() + f"\n作品编号 {n}\n".encode()


def test_the_byte_quota_refuses_the_file_that_would_pass_it(app, client, candidate, monkeypatch, upload_dir):
    first, second = _distinct_text_resume(1), _distinct_text_resume(2)
    monkeypatch.setitem(app.config, "RESUME_BYTES_QUOTA", len(first) + len(second) - 1)
    post = {"consent": "y"}
    assert client.post("/me/resumes", data={**post, "file": (io.BytesIO(first), "a.txt")}).status_code == 302
    response = client.post("/me/resumes", data={**post, "file": (io.BytesIO(second), "b.txt")},
                           headers={"Accept-Language": "en"})
    assert response.status_code == 400
    assert "at most 0 MB together" in response.get_data(as_text=True)   # the quota, in whole MB
    assert _count() == 1 and len(stored_files(upload_dir)) == 1
    response = client.post("/me/resumes", data={**post, "file": (io.BytesIO(second), "b.txt")},
                           headers={"Accept-Language": "zh-CN"})
    assert response.status_code == 400 and "简历文件合计最多" in response.get_data(as_text=True)
    monkeypatch.setitem(app.config, "RESUME_BYTES_QUOTA", len(first) + len(second))   # exactly full: accepted
    assert client.post("/me/resumes", data={**post, "file": (io.BytesIO(second), "b.txt")}).status_code == 302
    assert _count() == 2


def test_the_byte_quota_defaults_to_50_mb(app):
    from resumes.settings import setting

    assert setting("RESUME_BYTES_QUOTA", {}) == 50 * 1024 * 1024


def _parallel_uploads(app, user, files: list[bytes]) -> list[tuple[int, str]]:
    """POST each file from its own thread and client, all released at once."""

    def upload(data: bytes):
        return lambda client: client.post("/me/resumes", data={"file": (io.BytesIO(data), "cv.txt"), "consent": "y"},
                                          headers={"Accept-Language": "en"})

    return [(response.status_code, response.get_data(as_text=True))
            for response in post_in_parallel(app, user, [upload(data) for data in files])]


@pytest.mark.parametrize("cap", ["count", "bytes"])
def test_two_parallel_uploads_at_the_cap_store_only_one(app, committed_db, monkeypatch, upload_dir, cap):
    from auth.models import User
    from resumes.operations import MAX_RESUMES_PER_USER

    monkeypatch.setitem(app.config, "EMAIL_BACKEND", "memory")
    monkeypatch.setitem(app.config, "SMS_BACKEND", "memory")
    user = User(role="candidate")
    db.session.add(user)
    db.session.flush()
    files = [_distinct_text_resume(100), _distinct_text_resume(101)]
    if cap == "count":   # one place left
        db.session.add_all(Resume(user_id=user.id, storage_key=f"old-{n}", original_name="old.txt", kind="txt",
                                  size_bytes=10, content_digest=f"{n:064d}", status="done")
                           for n in range(MAX_RESUMES_PER_USER - 1))
        refusal = "You have 20 resumes here already"
    else:                # room for one of the two files
        monkeypatch.setitem(app.config, "RESUME_BYTES_QUOTA", len(files[0]) + len(files[1]) - 1)
        refusal = "MB together"
    db.session.commit()
    user_id = user.id

    answers = _parallel_uploads(app, user, files)

    assert sorted(status for status, _ in answers) == [302, 400], [status for status, _ in answers]
    assert refusal in next(page for status, page in answers if status == 400)
    db.session.remove()
    new = db.session.scalars(select(Resume).where(Resume.user_id == user_id, Resume.storage_key.notlike("old-%")))
    assert len(new.all()) == 1
    assert len(stored_files(upload_dir)) == 1   # the refused upload's file was removed again


def test_a_truly_parallel_double_click_stores_one_file(app, committed_db, monkeypatch, upload_dir):
    from auth.models import User

    monkeypatch.setitem(app.config, "EMAIL_BACKEND", "memory")
    monkeypatch.setitem(app.config, "SMS_BACKEND", "memory")
    user = User(role="candidate")
    db.session.add(user)
    db.session.commit()
    user_id = user.id
    same = _distinct_text_resume(200)

    answers = _parallel_uploads(app, user, [same, same])

    assert [status for status, _ in answers] == [302, 302]   # both see "your resume", neither an error
    db.session.remove()
    assert db.session.scalar(select(func.count()).select_from(Resume).where(Resume.user_id == user_id)) == 1
    assert len(stored_files(upload_dir)) == 1
