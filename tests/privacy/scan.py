"""Scan every table of the database and every stored object for a person's identifiers:
raw column values, and the plaintext of every value that decrypts (EncryptedText, files)."""

from __future__ import annotations

import io
import json
import typing as t
import zipfile

from sqlalchemy import inspect, text

from core.crypto import InvalidToken, decrypt
from core.db import db


def _texts(value: t.Any) -> list[str]:
    """The value as text, plus its decryption and the members of a zip, when it has them."""
    if value is None:
        return []
    if isinstance(value, memoryview):
        value = value.tobytes()
    if isinstance(value, (dict, list)):
        value = json.dumps(value, ensure_ascii=False)
    raw = value if isinstance(value, bytes) else str(value).encode("utf-8", "surrogatepass")
    out = [raw.decode("utf-8", "replace")]
    try:
        plain = decrypt(raw.strip())
    except (InvalidToken, ValueError, TypeError):
        plain = None
    if plain is not None:
        out += _texts(plain)
    if raw[:2] == b"PK":
        try:
            with zipfile.ZipFile(io.BytesIO(raw)) as archive:
                for name in archive.namelist():
                    out.append(name)
                    out += _texts(archive.read(name))
        except zipfile.BadZipFile:
            pass
    return out


def table_names() -> list[str]:
    """Every table in the database: the models' and raw ones (SQLite FTS5 shadow tables)."""
    names = set(inspect(db.session.get_bind()).get_table_names())
    names |= {t.name for t in db.metadata.sorted_tables}
    return sorted(n for n in names if n != "alembic_version")


def scan_database(identifiers: t.Mapping[str, str]) -> list[tuple[str, str, str]]:
    """(table, column, identifier name) for every hit."""
    hits = []
    for name in table_names():
        try:
            result = db.session.execute(text(f'SELECT * FROM "{name}"'))
        except Exception:  # noqa: BLE001 - e.g. an FTS5 config table that cannot be read directly
            db.session.rollback()
            raise
        columns = list(result.keys())
        for row in result:
            for column, value in zip(columns, row, strict=True):
                for content in _texts(value):
                    for label, needle in identifiers.items():
                        if needle and needle in content:
                            hits.append((name, column, label))
    return sorted(set(hits))


def scan_blobs(blobs: t.Iterable[tuple[str, bytes]], identifiers: t.Mapping[str, str]) -> list[tuple[str, str]]:
    hits = []
    for key, data in blobs:
        for content in _texts(data):
            for label, needle in identifiers.items():
                if needle and needle in content:
                    hits.append((key, label))
    return sorted(set(hits))


def local_blobs(root: t.Any) -> list[tuple[str, bytes]]:
    return [(str(p), p.read_bytes()) for p in root.rglob("*") if p.is_file()] if root.exists() else []


def s3_blobs(client: t.Any, bucket: str) -> list[tuple[str, bytes]]:
    out = []
    for page in client.get_paginator("list_objects_v2").paginate(Bucket=bucket):
        for item in page.get("Contents", []):
            out.append((item["Key"], client.get_object(Bucket=bucket, Key=item["Key"])["Body"].read()))
    return out
