"""Security reference 5.B (upload mechanics): the size limit to the byte, Werkzeug's
form limits, two files in one field, an empty file name, a lying Content-Type, and the
display name of odd file names (the stored name is always random)."""

from __future__ import annotations

import io

import pytest
from sqlalchemy import func, select
from werkzeug.test import EnvironBuilder

from core.db import db
from resumes.models import Resume
from resumes.names import display_name
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
