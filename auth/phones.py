"""Mobile numbers: parse whatever people type into E.164, accept only valid mobile numbers.

``138 0013 8000``, ``+86 138-0013-8000``, ``008613800138000`` and full-width digits all
become ``+8613800138000``.  The default region is CN; other regions are accepted where
the number is a valid mobile number and the region is on the allow-list
(``SMS_ALLOWED_REGIONS``: Hong Kong, Macau, Taiwan, Singapore, ... by default).
"""

from __future__ import annotations

import re
import typing as t
import unicodedata

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberFormat, PhoneNumberType

DEFAULT_REGION = "CN"
# Types that can receive an SMS.  FIXED_LINE_OR_MOBILE: regions (US, CA...) whose numbering
# plan does not tell the two apart.
_SMS_TYPES = {PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE}
_MAX_INPUT = 40
# What people type around the digits; letters (vanity numbers such as 138abc00000) are refused.
_ALLOWED_CHARS = re.compile(r"^[0-9+\-()./ ]+$")


class InvalidPhone(ValueError):
    """The input is not a mobile number we can send a code to; ``reason`` says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason  # "empty", "invalid", "not_mobile", "region"


def normalize(raw: str | None, allowed_regions: t.Iterable[str] | None = None) -> str:
    """Return the E.164 form of ``raw`` or raise ``InvalidPhone``.

    ``allowed_regions``: ISO region codes accepted; ``None`` or containing ``"*"`` means any.
    """
    text = unicodedata.normalize("NFKC", raw or "").strip()
    if not text:
        raise InvalidPhone("empty")
    if len(text) > _MAX_INPUT or not _ALLOWED_CHARS.match(text):
        raise InvalidPhone("invalid")
    if text.startswith("00"):  # international call prefix from mainland China: 00 86 ...
        text = "+" + text[2:]
    try:
        number = phonenumbers.parse(text, DEFAULT_REGION)
    except NumberParseException:
        raise InvalidPhone("invalid") from None
    if not phonenumbers.is_valid_number(number):
        raise InvalidPhone("invalid")
    if phonenumbers.number_type(number) not in _SMS_TYPES:
        raise InvalidPhone("not_mobile")
    region = phonenumbers.region_code_for_number(number)
    allowed = {r.upper() for r in allowed_regions} if allowed_regions is not None else None
    if allowed is not None and "*" not in allowed and region not in allowed:
        raise InvalidPhone("region")
    return phonenumbers.format_number(number, PhoneNumberFormat.E164)


def masked(e164: str) -> str:
    """A display form that hides the middle digits: ``+86 138****8000``."""
    try:
        number = phonenumbers.parse(e164, None)
    except NumberParseException:
        return "****"
    national = str(number.national_number)
    if len(national) <= 4:
        return f"+{number.country_code} ****"
    keep_start = 3 if len(national) >= 10 else 2
    hidden = "*" * (len(national) - keep_start - 4)
    return f"+{number.country_code} {national[:keep_start]}{hidden}{national[-4:]}"


def national_number(e164: str) -> str:
    """The national significant number (what Aliyun expects for a mainland number)."""
    number = phonenumbers.parse(e164, None)
    return str(number.national_number)


def is_mainland(e164: str) -> bool:
    return e164.startswith("+86")
