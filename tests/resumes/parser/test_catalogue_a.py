"""Security reference 5.A, the items the bad-file catalogue (test_bad_files.py) does not
hold: a broken ``startxref``, an owner-password-only PDF, and text that is markup."""

from __future__ import annotations

import io
import re
import time

import pytest

from resumes.parser import ParseFailure, parse_bytes
from resumes.parser.sandbox import run_sandboxed
from tests.resumes.parser.conftest import CORPUS

KNOWN = {"corrupt", "no_text", "empty", "timeout", "memory", "unsupported_type", "encrypted"}


def _with_startxref(value: bytes) -> bytes:
    data = (CORPUS / "en-01-single.pdf").read_bytes()
    return re.sub(rb"startxref\s+\d+", b"startxref\n" + value, data)


@pytest.mark.parametrize("value", [b"99999999999", b"-1", b"9" * 40, b"0"])
def test_startxref_past_the_end_negative_or_huge_ends_in_a_result_or_a_known_code(value):
    data = _with_startxref(value)
    assert data != (CORPUS / "en-01-single.pdf").read_bytes()
    started = time.monotonic()
    try:
        result = run_sandboxed(data, "x.pdf", timeout=20)
        assert result["resume"]["basics"]  # pdfminer fell back to scanning the file
    except ParseFailure as failure:
        assert failure.code in KNOWN
    assert time.monotonic() - started < 20


def _reportlab_pdf(lines, **canvas_kw) -> bytes:
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, invariant=1, **canvas_kw)
    for i, line in enumerate(lines):
        pdf.drawString(72, 800 - 14 * i, line)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def test_owner_password_only_pdf_parses():
    from reportlab.lib import pdfencrypt

    enc = pdfencrypt.StandardEncryption("", ownerPassword="ownersecret", canPrint=0, canCopy=0, strength=128)
    data = _reportlab_pdf(["Jane Doe", "jane.owner@example.com", "+86 138 0013 8000"], encrypt=enc)
    assert b"/Encrypt" in data
    assert parse_bytes(data, "owner.pdf")["resume"]["basics"]["email"] == "jane.owner@example.com"


def test_user_password_pdf_is_encrypted_not_a_crash():
    from tests.resumes import samples

    with pytest.raises(ParseFailure) as info:
        parse_bytes(samples.pdf_encrypted(), "locked.pdf")
    assert info.value.code == "encrypted"


def test_markup_in_the_text_is_returned_as_plain_text():
    lines = ["<script>alert(1)</script>", "{{7*7}}", '=HYPERLINK("http://x")', "jane.markup@example.com"]
    result = parse_bytes(_reportlab_pdf(lines), "markup.pdf")
    assert "<script>alert(1)</script>" in result["text"] and "{{7*7}}" in result["text"]  # data, kept verbatim


@pytest.mark.parametrize(("data", "code"), [(b"\x89", "unsupported_type"), (b"x", "no_text"), (b"%PDF-", "corrupt"),
                                            (b"%PDF-1.7\n%%EOF", "corrupt")])
def test_one_byte_and_header_only_files_end_in_a_known_code(data, code):
    with pytest.raises(ParseFailure) as info:
        parse_bytes(data, "tiny.pdf")
    assert info.value.code == code
