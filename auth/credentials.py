"""Staff credentials: argon2 passwords, TOTP (RFC 6238) and the enrolment QR code.

Pure helpers: no database, no request.  ``operations.py`` applies them to accounts.
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import io
import re
import time

import pyotp
import qrcode
import qrcode.image.svg
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

_hasher = PasswordHasher()
# Verified against when the email is unknown, so that both answers take the same time.


@functools.cache
def _dummy_hash() -> str:
    """A hash to verify against when there is no account, so timing does not tell (made on first use)."""
    return _hasher.hash("not-a-real-password-used-only-for-timing")

MIN_PASSWORD_LENGTH = 12
TOTP_ISSUER = "Horizon AI Careers"


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """Constant-time check; an unknown account still costs one argon2 verification."""
    try:
        return _hasher.verify(password_hash or _dummy_hash(), password) and password_hash is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def password_problem(password: str) -> str | None:
    """Why ``password`` is not acceptable (an English message id), or None."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return "too_short"
    if len(set(password)) < 4:
        return "too_simple"
    return None


def new_totp_secret() -> str:
    return pyotp.random_base32()


def totp_uri(secret: str, account_name: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=account_name, issuer_name=TOTP_ISSUER)


def totp_counter(secret: str, code: str, *, last_counter: int | None = None, at: float | None = None) -> int | None:
    """The time step ``code`` is valid for (now, or one step either side), or None.

    A step at or before ``last_counter`` is refused, so a code works once.
    """
    code = re.sub(r"\s+", "", code or "")
    if not re.fullmatch(r"[0-9]{6}", code):
        return None
    totp = pyotp.TOTP(secret)
    now = time.time() if at is None else at
    current = totp.timecode(dt.datetime.fromtimestamp(now, dt.UTC))
    for step in (current, current - 1, current + 1):
        if last_counter is not None and step <= last_counter:
            continue
        if pyotp.utils.strings_equal(totp.generate_otp(step), code):
            return step
    return None


def current_totp(secret: str) -> str:
    return pyotp.TOTP(secret).now()


def qr_svg_data_uri(text: str) -> str:
    """An inline SVG QR code as a ``data:`` URI (CSP allows ``img-src data:``; no external service)."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")
