"""Security reference 5.A, the items the bad-file catalogue (test_bad_files.py) does not
hold: a broken ``startxref``, an owner-password-only PDF, text that is markup, a Flate stream
cut mid-stream, 150 k text objects on a page, unknown encryption, and a name in /Author."""

from __future__ import annotations

import io
import json
import multiprocessing
import random
import re
import time
import zlib

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


# --- the rest of 5.A: a Flate stream cut mid-stream, a crowded page, unknown encryption, /Author -----

def _one_page_pdf(content: bytes, *, author: bytes | None = None) -> bytes:
    """A one-page PDF (Helvetica as /F1) whose content stream is ``content`` as given (the
    caller compresses it and says so in the stream's dictionary)."""
    from tests.resumes.samples import _pdf, _stream

    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        _stream(content, b"/Filter /FlateDecode"),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    data = _pdf(objects)
    if author is not None:
        data = data.replace(b"/Root 1 0 R", b"/Root 1 0 R /Info << /Author (" + author + b") >>")
    return data


LEAD_TEXT = (b"BT /F1 12 Tf 72 740 Td (Jane Truncated) Tj 0 -16 Td (jane.truncated@example.com) Tj "
             b"0 -16 Td (Experience: Python developer, Acme Ltd) Tj ET\n")


def _flate_cut_mid_stream(megabytes: int = 4) -> bytes:
    """A well-formed file (xref, trailer, %%EOF) whose Flate content stream, ``megabytes``
    MB of hard-to-compress data after a few lines of text, is cut in the middle: zlib
    refuses it, and pdfminer falls back to ``decompress_corrupted``."""
    filler = random.Random(5).randbytes(megabytes * 1024 * 1024).hex().encode()
    stream = zlib.compress(LEAD_TEXT + b"% " + filler + b"\n", 6)
    return _one_page_pdf(stream[: len(stream) // 2])


def test_multi_megabyte_flate_stream_cut_mid_stream_ends_quickly_with_the_text_before_the_cut():
    # pdfminer's own decompress_corrupted (byte by byte, bytes +=) ran past the 30 s limit on
    # this file (2.4 MB stream) and the job ended "timeout"; ours reads it in about a second.
    data = _flate_cut_mid_stream()
    assert len(data) > 2 * 1024 * 1024
    started = time.monotonic()
    try:
        result = run_sandboxed(data, "cut.pdf", timeout=30)
    except ParseFailure as failure:
        pytest.fail(f"ended {failure.code}: {failure.message}")
    assert result["resume"]["basics"]["email"] == "jane.truncated@example.com"
    assert time.monotonic() - started < 15
    assert not multiprocessing.active_children()


def test_the_file_cut_mid_stream_is_refused_at_once():
    whole = _flate_cut_mid_stream(2)
    data = whole[: whole.index(b"endstream") - 1000]   # an upload cut off inside the stream
    started = time.monotonic()
    with pytest.raises(ParseFailure) as info:
        run_sandboxed(data, "cut.pdf", timeout=30)
    assert info.value.code == "corrupt"
    assert time.monotonic() - started < 10


def test_linear_decompress_corrupted_keeps_pdfminer_semantics():
    from resumes.parser.pdf import _decompress_corrupted

    raw = random.Random(7).randbytes(200_000).hex().encode()
    stream = zlib.compress(raw)
    cut = stream[: len(stream) // 2]
    assert _decompress_corrupted(cut) == zlib.decompressobj().decompress(cut)   # all that was there
    assert raw.startswith(_decompress_corrupted(cut)) and len(_decompress_corrupted(cut)) > len(raw) // 3
    assert _decompress_corrupted(stream[:-2] + b"\0\0") == raw   # a bad checksum only: the data is kept
    with pytest.raises(zlib.error):
        _decompress_corrupted(b"\x78\x9c" + b"\xff" * 5000)    # damaged before the checksum: an error


CROWD = 150_000


def _crowded_page(objects: int = CROWD) -> bytes:
    """One page with ``objects`` text objects of one tiny glyph each, in a grid
    (400 per row, so thousands of separate text boxes)."""
    ops = [b"BT /F1 1 Tf"]
    for i in range(objects):
        ops.append(b"1 0 0 1 %.1f %d Tm (%c) Tj" % (10 + (i % 400) * 1.5, 780 - (i // 400) * 2, 97 + i % 26))
    ops.append(b"ET")
    return _one_page_pdf(zlib.compress(b"\n".join(ops)))


@pytest.mark.slow
def test_150k_text_objects_on_a_page_end_parsed_or_stopped_within_the_cap():
    cap = 8   # the job's cap is PARSE_TIMEOUT_SECONDS (30); a lower one keeps the suite fast
    data = _crowded_page()
    assert data.count(b"Tj") == 0 and len(data) < 1024 * 1024   # compressed: the count is in the stream
    started = time.monotonic()
    try:
        result = run_sandboxed(data, "crowd.pdf", timeout=cap, memory_mb=512)
        assert len(result["text"]) > 2000
    except ParseFailure as failure:
        assert failure.code in ("timeout", "memory")
    assert time.monotonic() - started < cap + 5
    assert not multiprocessing.active_children()   # the child is gone, this process carries on
    assert run_sandboxed(_reportlab_pdf(["Jane After", "jane.after@example.com"]), "next.pdf",
                         timeout=20)["resume"]["basics"]["email"] == "jane.after@example.com"


@pytest.mark.parametrize(("standard", "unknown"), [(b"/Filter /Standard", b"/Filter /AcmeLock"),   # handler
                                                   (b"/V 2", b"/V 9")])                          # algorithm
def test_unknown_encryption_handler_or_algorithm_is_encrypted_not_a_crash(standard, unknown):
    from tests.resumes import samples

    locked = samples.pdf_encrypted()
    assert standard in locked and len(standard) == len(unknown)   # same length: the xref stays right
    data = locked.replace(standard, unknown)
    with pytest.raises(ParseFailure) as info:
        parse_bytes(data, "locked.pdf")
    assert info.value.code == "encrypted"
    with pytest.raises(ParseFailure) as info:
        run_sandboxed(data, "locked.pdf", timeout=20)
    assert info.value.code == "encrypted"


def test_the_author_in_the_document_info_is_not_read():
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, invariant=1)
    pdf.setAuthor("Zebulon Quartermaine")
    pdf.setTitle("Zebulon Quartermaine CV")
    for i, line in enumerate(["Jane Doe", "jane.doe@example.com", "Education", "University of Leeds, BSc, 2014 - 2017"]):
        pdf.drawString(72, 800 - 14 * i, line)
    pdf.showPage()
    pdf.save()
    data = buffer.getvalue()
    assert b"Zebulon Quartermaine" in data
    result = parse_bytes(data, "cv.pdf")
    assert result["resume"]["basics"]["email"] == "jane.doe@example.com"
    assert "Zebulon" not in json.dumps(result, ensure_ascii=False)
