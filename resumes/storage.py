"""Where resume files live: a local directory or S3-compatible object storage.

Chosen by ``RESUME_STORAGE_URL``:

* ``file:///srv/careers/uploads`` (default: ``instance/uploads``): one file per key,
  written atomically, readable by the service account only;
* ``s3://bucket/prefix``: through boto3, with ``S3_ENDPOINT_URL`` for MinIO, Aliyun OSS,
  Tencent COS or any S3-compatible service, and ``AWS_ACCESS_KEY_ID`` /
  ``AWS_SECRET_ACCESS_KEY`` / ``AWS_REGION`` (else boto3's usual credential chain).

Keys are random strings made here (``new_key``), never a user's file name.  What is stored
is already encrypted (``core.crypto``); the backends only move bytes.  Every backend
failure surfaces as ``StorageUnavailable``; a missing key as ``BlobMissing``.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import secrets
import tempfile
import typing as t
from pathlib import Path
from urllib.parse import unquote, urlsplit

from flask import current_app

from resumes.errors import StorageUnavailable
from resumes.settings import setting, storage_url

logger = logging.getLogger(__name__)

_KEY = re.compile(r"^[a-z0-9]{16,80}$")


class BlobMissing(Exception):
    """No object is stored under this key."""


def new_key() -> str:
    return secrets.token_hex(20)


def _check_key(key: str) -> str:
    if not _KEY.match(key):
        raise ValueError("invalid storage key")
    return key


class Storage(t.Protocol):
    def put(self, key: str, data: bytes) -> None: ...
    def get(self, key: str) -> bytes: ...
    def delete(self, key: str) -> None: ...
    def exists(self, key: str) -> bool: ...
    def list_keys(self) -> t.Iterator[tuple[str, dt.datetime]]: ...  # (key, last modified), for the orphan sweep


class LocalStorage:
    """Files under ``root``: ``root/ab/abcdef...`` (mode 0600, directories 0700)."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)

    def _path(self, key: str) -> Path:
        key = _check_key(key)
        return self.root / key[:2] / key

    def put(self, key: str, data: bytes) -> None:
        path = self._path(key)
        try:
            path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(data)
                    fh.flush()
                    os.fsync(fh.fileno())
                os.chmod(tmp, 0o600)
                os.replace(tmp, path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except OSError as exc:  # disk full, permissions, read-only volume
            logger.error("local storage write failed: %s", type(exc).__name__)
            raise StorageUnavailable() from exc

    def get(self, key: str) -> bytes:
        try:
            return self._path(key).read_bytes()
        except FileNotFoundError:
            raise BlobMissing(key) from None
        except OSError as exc:
            raise StorageUnavailable() from exc

    def delete(self, key: str) -> None:
        try:
            self._path(key).unlink(missing_ok=True)
        except OSError as exc:
            raise StorageUnavailable() from exc

    def exists(self, key: str) -> bool:
        return self._path(key).is_file()

    def list_keys(self) -> t.Iterator[tuple[str, dt.datetime]]:
        if not self.root.is_dir():
            return
        for path in self.root.glob("*/*"):
            if path.is_file() and _KEY.match(path.name):
                yield path.name, dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC)


class S3Storage:
    """Objects ``<prefix>/<key>`` in ``bucket`` through boto3."""

    def __init__(self, bucket: str, prefix: str = "", *, endpoint_url: str | None = None,
                 region: str | None = None, access_key: str | None = None, secret_key: str | None = None) -> None:
        import boto3
        from botocore.config import Config

        self.bucket = bucket
        self.prefix = prefix.strip("/")
        self.client = boto3.session.Session().client(
            "s3", endpoint_url=endpoint_url or None, region_name=region or None,
            aws_access_key_id=access_key or None, aws_secret_access_key=secret_key or None,
            # Bounded well under gunicorn's 30 s request timeout, so a hung endpoint gives the
            # app's 503 page, not the proxy's 502 (docs/reliability.md).
            config=Config(connect_timeout=3, read_timeout=5, retries={"max_attempts": 2, "mode": "standard"}),
        )

    def _key(self, key: str) -> str:
        key = _check_key(key)
        return f"{self.prefix}/{key}" if self.prefix else key

    def _call(self, method: str, key: str, **kwargs: t.Any) -> t.Any:
        from botocore.exceptions import BotoCoreError, ClientError

        try:
            return getattr(self.client, method)(Bucket=self.bucket, Key=self._key(key), **kwargs)
        except ClientError as exc:
            code = str(exc.response.get("Error", {}).get("Code", ""))
            if code in ("NoSuchKey", "404", "NotFound"):
                raise BlobMissing(key) from None
            logger.error("S3 %s failed: %s", method, code)
            raise StorageUnavailable() from exc
        except BotoCoreError as exc:
            logger.error("S3 %s failed: %s", method, type(exc).__name__)
            raise StorageUnavailable() from exc

    def put(self, key: str, data: bytes) -> None:
        self._call("put_object", key, Body=data, ContentType="application/octet-stream")

    def get(self, key: str) -> bytes:
        response = self._call("get_object", key)
        try:
            return t.cast(bytes, response["Body"].read())
        except Exception as exc:  # noqa: BLE001 - a broken stream is an outage, whatever its type
            raise StorageUnavailable() from exc

    def delete(self, key: str) -> None:
        self._call("delete_object", key)

    def exists(self, key: str) -> bool:
        try:
            self._call("head_object", key)
        except BlobMissing:
            return False
        return True

    def list_keys(self) -> t.Iterator[tuple[str, dt.datetime]]:
        from botocore.exceptions import BotoCoreError, ClientError

        prefix = f"{self.prefix}/" if self.prefix else ""
        try:
            for page in self.client.get_paginator("list_objects_v2").paginate(Bucket=self.bucket, Prefix=prefix):
                for item in page.get("Contents", []):
                    key = item["Key"][len(prefix):]
                    if _KEY.match(key):
                        yield key, item["LastModified"]
        except (BotoCoreError, ClientError) as exc:
            raise StorageUnavailable() from exc


def storage_from_url(url: str, config: t.Mapping[str, t.Any]) -> Storage:
    parts = urlsplit(url)
    if parts.scheme == "file":
        return LocalStorage(unquote(parts.path))
    if parts.scheme == "s3":
        if not parts.netloc:
            raise ValueError("RESUME_STORAGE_URL s3:// needs a bucket: s3://bucket/prefix")
        return S3Storage(
            parts.netloc, unquote(parts.path),
            endpoint_url=setting("S3_ENDPOINT_URL", config), region=setting("AWS_REGION", config),
            access_key=setting("AWS_ACCESS_KEY_ID", config), secret_key=setting("AWS_SECRET_ACCESS_KEY", config),
        )
    raise ValueError(f"RESUME_STORAGE_URL must start with file:// or s3://, not {parts.scheme!r}")


def get_storage() -> Storage:
    """The configured backend (one per app and URL, created on first use)."""
    url = storage_url()
    cache = current_app.extensions.setdefault("resumes.storage", {})
    key = (url, current_app.config.get("S3_ENDPOINT_URL"))
    if key not in cache:
        cache[key] = storage_from_url(url, current_app.config)
    return t.cast(Storage, cache[key])
