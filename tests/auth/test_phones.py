"""auth/phones.py: every written form of one number maps to one E.164 string; only valid
mobile numbers of allowed regions pass (security reference, catalogue D)."""

import pytest

from auth.phones import InvalidPhone, masked, normalize

ALLOWED = ["CN", "HK", "MO", "TW", "SG", "MY", "JP", "KR", "US", "CA", "GB", "AU"]


@pytest.mark.parametrize("raw", [
    "13800138000", "138 0013 8000", "+86 138-0013-8000", "008613800138000", "8613800138000",
    "+8613800138000", "86 138 0013 8000", "(+86)138-0013-8000", "１３８００１３８０００", "  13800138000 ",
    "１３８　００１３　８０００",
])
def test_normalize_every_form_of_one_cn_mobile_gives_one_e164(raw):
    assert normalize(raw, ALLOWED) == "+8613800138000"


@pytest.mark.parametrize(("raw", "expected"), [
    ("+852 6123 4567", "+85261234567"),     # Hong Kong
    ("+853 6612 3456", "+85366123456"),     # Macau
    ("+886 912 345 678", "+886912345678"),  # Taiwan
    ("+65 8123 4567", "+6581234567"),       # Singapore
    ("+1 650 253 0000", "+16502530000"),    # US: fixed line or mobile, SMS-capable
])
def test_normalize_accepts_valid_mobiles_of_other_regions(raw, expected):
    assert normalize(raw, ALLOWED) == expected


@pytest.mark.parametrize(("raw", "reason"), [
    ("", "empty"), ("   ", "empty"), (None, "empty"),
    ("1380013800", "invalid"),          # 10 digits
    ("138001380001", "invalid"),        # 12 digits
    ("12345678901", "invalid"),         # 12... prefix
    ("138abc00000", "invalid"),         # letters
    ("abc", "invalid"),
    ("+999 1234 5678", "invalid"),      # no such country code
    ("+86 1380013800012345678", "invalid"),  # more than 15 digits
    ("010-12345678", "not_mobile"),     # Beijing landline: valid, cannot receive SMS
    ("+44 20 8366 1177", "not_mobile"),  # UK landline
    ("+1 555 0100", "invalid"),         # fictional
    ("<script>alert(1)</script>", "invalid"),
])
def test_normalize_refuses_invalid_numbers_with_a_reason(raw, reason):
    with pytest.raises(InvalidPhone) as info:
        normalize(raw, ALLOWED)
    assert info.value.reason == reason


def test_normalize_refuses_regions_outside_the_allow_list():
    with pytest.raises(InvalidPhone) as info:
        normalize("+91 98765 43210", ALLOWED)  # a valid Indian mobile
    assert info.value.reason == "region"
    assert normalize("+91 98765 43210", ["*"]) == "+919876543210"


def test_masked_hides_the_middle_digits():
    assert masked("+8613800138000") == "+86 138****8000"
    assert "4567" in masked("+85261234567") and "6123" not in masked("+85261234567")
