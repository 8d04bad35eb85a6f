"""Resume storage unavailable and the upload disk full (security reference K).

The user gets a 503 page in their language, nothing is recorded half-way (no resume row,
no file, no temporary file), and the next upload works once storage is back.
"""

from __future__ import annotations

import errno
import io
import os
import subprocess
import time
from pathlib import Path

import pytest

from tests.faults.netfaults import closed_port

pytestmark = [pytest.mark.no_db]

ZH = {"Accept-Language": "zh-CN,zh;q=0.9"}
EN = {"Accept-Language": "en"}
CORPUS = Path(__file__).resolve().parents[1] / "resume_corpus"


def resume_pdf() -> bytes:
    return sorted(CORPUS.glob("*.pdf"))[0].read_bytes()


def sign_in_candidate(app, phone: str = "13800138010"):
    """A new candidate signed in through the real SMS flow (memory backend) and consent."""
    from auth import sms

    client = app.test_client()
    assert client.post("/auth/sms/send", data={"phone": phone}).status_code == 302
    with app.app_context():
        code = sms.backend().outbox[-1].params["code"]  # type: ignore[attr-defined]
    verified = client.post("/auth/sms/verify", data={"phone": phone, "code": code})
    assert verified.status_code == 302, verified.get_data(as_text=True)[:500]
    consent = client.post("/auth/consent", data={"agree": "y"})
    assert consent.status_code == 302
    return client


def upload(client, headers):
    return client.post("/me/resumes", data={"file": (io.BytesIO(resume_pdf()), "resume.pdf"), "consent": "y"},
                       headers=headers, content_type="multipart/form-data")


def resume_count(app) -> int:
    from sqlalchemy import func, select

    from core.db import db
    from resumes.models import Resume

    with app.app_context():
        return int(db.session.scalar(select(func.count()).select_from(Resume)) or 0)


@pytest.fixture
def app_factory(make_app, tmp_path):
    from flask_migrate import upgrade

    from core.db import db

    def _make(**override):
        url = f"sqlite:///{tmp_path / 'storage.db'}"
        app = make_app(SQLALCHEMY_DATABASE_URI=url, PARSE_WORKERS=0, **override)
        with app.app_context():
            upgrade(revision="head")
            db.session.remove()
        return app

    return _make


@pytest.fixture
def small_disk(tmp_path):
    """A 256 KB tmpfs (root and mount allowed), else None: the test then fakes ENOSPC."""
    folder = tmp_path / "small-disk"
    folder.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k,mode=0700", "tmpfs", str(folder)],
                             capture_output=True).returncode == 0
    yield folder if mounted else None
    if mounted:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def fill(folder: Path) -> Path:
    filler = folder / "filler"
    with filler.open("wb", buffering=0) as fh:
        try:
            while True:
                fh.write(b"\0" * 4096)
        except OSError as exc:
            assert exc.errno == errno.ENOSPC
    return filler


def test_upload_disk_full_gives_503_and_leaves_nothing(app_factory, tmp_path, small_disk, monkeypatch):
    uploads = (small_disk or tmp_path) / "uploads"
    app = app_factory(RESUME_STORAGE_URL=uploads.as_uri())
    client = sign_in_candidate(app)

    if small_disk is not None:
        filler = fill(small_disk)  # the volume is really full
    else:
        def no_space(fd):
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(os, "fsync", no_space)
    zh = upload(client, ZH)
    en = upload(client, EN)

    assert zh.status_code == 503 and en.status_code == 503
    assert "Traceback" not in zh.get_data(as_text=True)
    assert zh.get_data(as_text=True) != en.get_data(as_text=True)  # each in its own language
    assert resume_count(app) == 0
    assert [p for p in uploads.rglob("*") if p.is_file()] == []  # no file, no temporary file

    if small_disk is not None:
        filler.unlink()  # space again
    else:
        monkeypatch.undo()
    ok = upload(client, EN)  # works without a restart
    assert ok.status_code == 302 and resume_count(app) == 1
    assert len([p for p in uploads.rglob("*") if p.is_file()]) == 1


def test_s3_storage_refusing_connections_gives_503_quickly(app_factory):
    app = app_factory(RESUME_STORAGE_URL="s3://careers-resumes/resumes",
                      S3_ENDPOINT_URL=f"http://127.0.0.1:{closed_port()}",
                      AWS_ACCESS_KEY_ID="faults", AWS_SECRET_ACCESS_KEY="faults", AWS_REGION="us-east-1")
    client = sign_in_candidate(app, "13800138011")
    started = time.monotonic()
    response = upload(client, ZH)
    elapsed = time.monotonic() - started
    assert response.status_code == 503
    assert "Traceback" not in response.get_data(as_text=True)
    assert resume_count(app) == 0
    assert elapsed < 25, f"an upload against a dead S3 endpoint took {elapsed:.1f} s"


@pytest.mark.slow
def test_s3_storage_that_never_answers_is_bounded(app_factory, black_hole):
    """A hung S3 endpoint (accepts, never answers) must end before gunicorn's 30 s timeout,
    or the proxy answers 502 instead of the app's 503 page."""
    app = app_factory(RESUME_STORAGE_URL="s3://careers-resumes/resumes", S3_ENDPOINT_URL=black_hole.url,
                      AWS_ACCESS_KEY_ID="faults", AWS_SECRET_ACCESS_KEY="faults", AWS_REGION="us-east-1")
    client = sign_in_candidate(app, "13800138012")
    started = time.monotonic()
    response = upload(client, EN)
    elapsed = time.monotonic() - started
    assert response.status_code == 503 and resume_count(app) == 0
    assert elapsed < 30, f"the upload waited {elapsed:.0f} s for a hung S3 endpoint (gunicorn kills at 30 s)"
