"""Encryption at rest for files and sensitive fields, and blind indexes.

* ``encrypt``/``decrypt``: Fernet (AES-128-CBC + HMAC-SHA256) through ``MultiFernet``
  so that keys can be rotated: the first key of ``ENCRYPTION_KEYS`` encrypts, every key
  decrypts, ``rotate`` re-encrypts a token under the first key.
* ``blind_index``: HMAC-SHA256 of a normalised value under ``BLIND_INDEX_KEY`` for
  exact-match lookups on encrypted columns (phone, email).
* ``EncryptedText``: a column type that stores a Fernet token of a text value.

In development and tests, when no keys are configured, keys are derived from
SECRET_KEY so that the embedded default needs no setup; production refuses to start
without explicit keys (core/config.py).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import typing as t

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from flask import current_app
from sqlalchemy import Text
from sqlalchemy.types import TypeDecorator

__all__ = ["InvalidToken", "EncryptedText", "blind_index", "decrypt", "encrypt", "rotate", "generate_key"]


def generate_key() -> str:
    return Fernet.generate_key().decode()


def _derived(secret: str, label: str) -> bytes:
    return hashlib.sha256(f"{label}:{secret}".encode()).digest()


def _fernet(config: t.Mapping[str, t.Any] | None = None) -> MultiFernet:
    config = config if config is not None else current_app.config
    keys = list(config.get("ENCRYPTION_KEYS") or [])
    if not keys:
        keys = [base64.urlsafe_b64encode(_derived(config["SECRET_KEY"], "encryption")).decode()]
    return MultiFernet([Fernet(k) for k in keys])


def encrypt(data: bytes, config: t.Mapping[str, t.Any] | None = None) -> bytes:
    return _fernet(config).encrypt(data)


def decrypt(token: bytes, config: t.Mapping[str, t.Any] | None = None) -> bytes:
    return _fernet(config).decrypt(token)


def rotate(token: bytes, config: t.Mapping[str, t.Any] | None = None) -> bytes:
    """Re-encrypt ``token`` under the first (current) key."""
    return _fernet(config).rotate(token)


def blind_index(value: str, purpose: str, config: t.Mapping[str, t.Any] | None = None) -> str:
    """A keyed, deterministic digest of ``value`` for exact-match lookups."""
    config = config if config is not None else current_app.config
    key = config.get("BLIND_INDEX_KEY")
    key_bytes = key.encode() if key else _derived(config["SECRET_KEY"], "blind-index")
    return hmac.new(key_bytes, f"{purpose}:{value}".encode(), hashlib.sha256).hexdigest()


class EncryptedText(TypeDecorator[str]):
    """Text encrypted with ``encrypt`` before it reaches the database."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect: t.Any) -> str | None:
        if value is None:
            return None
        return encrypt(value.encode("utf-8")).decode("ascii")

    def process_result_value(self, value: str | None, dialect: t.Any) -> str | None:
        if value is None:
            return None
        return decrypt(value.encode("ascii")).decode("utf-8")
