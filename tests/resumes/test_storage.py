"""Storage backends: local directory and S3 (against moto's server over HTTP)."""

import io
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from sqlalchemy import select

from core.crypto import decrypt
from core.db import db
from resumes.errors import StorageUnavailable
from resumes.models import Resume
from resumes.storage import BlobMissing, LocalStorage, S3Storage, new_key, storage_from_url
from tests.resumes import samples


def _exercise(storage):
    key = new_key()
    assert not storage.exists(key)
    storage.put(key, b"secret bytes")
    assert storage.exists(key)
    assert storage.get(key) == b"secret bytes"
    storage.put(key, b"replaced")
    assert storage.get(key) == b"replaced"
    storage.delete(key)
    assert not storage.exists(key)
    with pytest.raises(BlobMissing):
        storage.get(key)
    storage.delete(key)  # deleting twice is fine


def test_local_storage_roundtrip_and_permissions(tmp_path):
    storage = LocalStorage(tmp_path / "files")
    _exercise(storage)
    key = new_key()
    storage.put(key, b"x")
    path = tmp_path / "files" / key[:2] / key
    assert path.stat().st_mode & 0o777 == 0o600
    assert not any(p.name.startswith(".tmp-") for p in path.parent.iterdir())


@pytest.mark.parametrize("key", ["../../etc/passwd", "ABC", "", "a/b", "x" * 100])
def test_storage_refuses_keys_it_did_not_make(tmp_path, key):
    with pytest.raises(ValueError):
        LocalStorage(tmp_path).put(key, b"x")


def test_storage_url_selects_the_backend(tmp_path):
    assert isinstance(storage_from_url(tmp_path.as_uri(), {}), LocalStorage)
    s3 = storage_from_url("s3://bucket/some/prefix", {"S3_ENDPOINT_URL": "http://127.0.0.1:9", "AWS_REGION": "us-east-1",
                                                      "AWS_ACCESS_KEY_ID": "k", "AWS_SECRET_ACCESS_KEY": "s"})
    assert isinstance(s3, S3Storage) and (s3.bucket, s3.prefix) == ("bucket", "some/prefix")
    with pytest.raises(ValueError):
        storage_from_url("ftp://host/x", {})


# --- S3 through moto's server -------------------------------------------------------------

def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def moto_endpoint():
    executable = shutil.which("moto_server") or os.path.join(os.path.dirname(sys.executable), "moto_server")
    if not os.path.exists(executable):
        pytest.skip("moto_server is not installed")
    port = _free_port()
    process = subprocess.Popen([executable, "-H", "127.0.0.1", "-p", str(port)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(url + "/moto-api/", timeout=1)  # noqa: S310 - loopback only
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.skip("moto_server did not start")
            time.sleep(0.2)
    yield url
    process.terminate()
    process.wait(10)


@pytest.fixture
def s3_config(app, moto_endpoint, monkeypatch):
    import boto3

    bucket = f"resumes-{new_key()[:12]}"
    boto3.client("s3", endpoint_url=moto_endpoint, region_name="us-east-1", aws_access_key_id="test",
                 aws_secret_access_key="test").create_bucket(Bucket=bucket)
    for name, value in {"RESUME_STORAGE_URL": f"s3://{bucket}/cv", "S3_ENDPOINT_URL": moto_endpoint,
                        "AWS_REGION": "us-east-1", "AWS_ACCESS_KEY_ID": "test", "AWS_SECRET_ACCESS_KEY": "test"}.items():
        monkeypatch.setitem(app.config, name, value)
    monkeypatch.setitem(app.extensions, "resumes.storage", {})
    return bucket


def test_s3_storage_roundtrip_over_http(app, s3_config):
    from resumes.storage import get_storage

    storage = get_storage()
    assert isinstance(storage, S3Storage)
    _exercise(storage)


def test_upload_and_download_through_s3_encrypted_at_rest(app, client, candidate, s3_config, moto_endpoint):
    import boto3

    data = samples.pdf_resume()
    response = client.post("/me/resumes", data={"file": (io.BytesIO(data), "cv.pdf"), "consent": "y"},
                           content_type="multipart/form-data")
    assert response.status_code == 302
    resume = db.session.scalars(select(Resume)).one()
    s3 = boto3.client("s3", endpoint_url=moto_endpoint, region_name="us-east-1", aws_access_key_id="test",
                      aws_secret_access_key="test")
    stored = s3.get_object(Bucket=s3_config, Key=f"cv/{resume.storage_key}")["Body"].read()
    assert stored != data and decrypt(stored) == data
    assert client.get(f"/me/resumes/{resume.id}/download").data == data


def test_s3_unreachable_is_storage_unavailable(app, client, candidate, monkeypatch):
    monkeypatch.setitem(app.config, "RESUME_STORAGE_URL", "s3://bucket/cv")
    monkeypatch.setitem(app.config, "S3_ENDPOINT_URL", f"http://127.0.0.1:{_free_port()}")
    monkeypatch.setitem(app.config, "AWS_ACCESS_KEY_ID", "test")
    monkeypatch.setitem(app.config, "AWS_SECRET_ACCESS_KEY", "test")
    monkeypatch.setitem(app.config, "AWS_REGION", "us-east-1")
    monkeypatch.setitem(app.extensions, "resumes.storage", {})
    from resumes.storage import get_storage

    with pytest.raises(StorageUnavailable):
        get_storage().put(new_key(), b"x")
    response = client.post("/me/resumes", data={"file": (io.BytesIO(samples.pdf_resume()), "cv.pdf"), "consent": "y"},
                           content_type="multipart/form-data", headers={"Accept-Language": "en"})
    assert response.status_code == 503
    assert "your file was not saved" in response.get_data(as_text=True)
    assert db.session.scalars(select(Resume)).first() is None


def test_sweep_orphans_deletes_only_old_unreferenced_files(app, client, candidate, runner, upload_dir):
    from core.crypto import encrypt
    from resumes.storage import get_storage

    client.post("/me/resumes", data={"file": (io.BytesIO(samples.pdf_resume()), "cv.pdf"), "consent": "y"},
                content_type="multipart/form-data")
    storage = get_storage()
    old_orphan, new_orphan = new_key(), new_key()
    storage.put(old_orphan, encrypt(b"left behind"))
    storage.put(new_orphan, encrypt(b"still committing"))
    os.utime(upload_dir / old_orphan[:2] / old_orphan, (time.time() - 7200, time.time() - 7200))
    result = runner.invoke(args=["resumes", "sweep-orphans"])
    assert result.exit_code == 0 and "Deleted 1 orphan file(s)." in result.output
    assert not storage.exists(old_orphan) and storage.exists(new_orphan)
    assert storage.exists(db.session.scalars(select(Resume)).one().storage_key)


def test_s3_keys_list_what_is_stored(app, s3_config):
    from resumes.storage import get_storage

    storage = get_storage()
    key = new_key()
    storage.put(key, b"x")
    assert key in {k for k, _ in storage.list_keys()}
