"""The bad-input catalogue (security reference §5.A/B): each file ends in the right
ParseFailure code inside the sandbox's limits, and the test process is unaffected."""

from __future__ import annotations

import multiprocessing
import time
import zipfile
from io import BytesIO

import pytest

from resumes.parser import ParseFailure, parse_bytes
from resumes.parser.sandbox import run_sandboxed
from tests.resumes.parser.conftest import BAD, CORPUS

EXPECTED = {
    "wrong_type.pdf": "unsupported_type",   # a PNG renamed .pdf
    "empty.pdf": "empty",                   # zero bytes
    "truncated.pdf": "corrupt",             # a real resume cut in half
    "encrypted.pdf": "encrypted",           # user password
    "bomb.pdf": "memory",                   # Flate twice, inflates to 1 GiB: dies under RLIMIT_AS
    "nested.pdf": "no_text",                # 50,000-deep arrays: pdfminer survives, nothing to read
    "pages_loop.pdf": "corrupt",            # /Pages contains itself, xref /Prev points at itself
    "zip_bomb.docx": "too_large",           # document.xml declares 200 MB
    "image_only.pdf": "no_text",            # a scan: one image, no text
    "cid_garbage.pdf": "no_text",           # a CID font without ToUnicode: only (cid:N)
    "not_word.docx": "unsupported_type",    # a ZIP that is not a Word document
}


def test_the_catalogue_is_complete() -> None:
    assert sorted(p.name for p in BAD.iterdir()) == sorted(EXPECTED)
    assert all(p.stat().st_size < 300_000 for p in BAD.iterdir())


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_file_in_the_sandbox(name: str) -> None:
    started = time.monotonic()
    with pytest.raises(ParseFailure) as info:
        run_sandboxed((BAD / name).read_bytes(), name, timeout=20, memory_mb=512)
    assert info.value.code == EXPECTED[name]
    assert info.value.message
    assert time.monotonic() - started < 20
    assert not multiprocessing.active_children()   # the child is gone


@pytest.mark.parametrize("name", sorted(n for n in EXPECTED if n not in ("bomb.pdf", "nested.pdf", "pages_loop.pdf")))
def test_small_bad_files_in_process(name: str) -> None:
    """The cheap gates also hold without the sandbox (the bomb and the loops only run sandboxed)."""
    with pytest.raises(ParseFailure) as info:
        parse_bytes((BAD / name).read_bytes(), name)
    assert info.value.code == EXPECTED[name]


def test_eleven_megabytes_is_too_large() -> None:
    data = b"%PDF-1.7\n" + b"0" * (11 * 1024 * 1024) + b"\n%%EOF\n"
    with pytest.raises(ParseFailure) as info:
        run_sandboxed(data, "big.pdf", timeout=20)
    assert info.value.code == "too_large"


def test_too_many_pages() -> None:
    from reportlab.pdfgen import canvas

    buf = BytesIO()
    c = canvas.Canvas(buf)
    for n in range(21):
        c.drawString(72, 720, f"Jane Doe, page {n + 1}, jane@example.com")
        c.showPage()
    c.save()
    with pytest.raises(ParseFailure) as info:
        parse_bytes(buf.getvalue(), "long.pdf")
    assert info.value.code == "too_many_pages"
    assert parse_bytes(buf.getvalue(), "long.pdf", max_pages=25)["resume"]["basics"]["email"] == "jane@example.com"


def test_zip_bomb_is_refused_before_decompressing() -> None:
    buf = BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"<" * (60 * 1024 * 1024))
    started = time.monotonic()
    with pytest.raises(ParseFailure) as info:
        parse_bytes(buf.getvalue(), "bomb.docx")
    assert info.value.code == "too_large"
    assert time.monotonic() - started < 1


def test_timeout_kills_the_child() -> None:
    data = (CORPUS / "en-01-single.pdf").read_bytes()
    with pytest.raises(ParseFailure) as info:
        run_sandboxed(data, "x.pdf", timeout=0.001)
    assert info.value.code == "timeout"
    assert not multiprocessing.active_children()


def test_sandbox_returns_the_parse_and_relays_stages() -> None:
    stages: list[str] = []
    result = run_sandboxed((CORPUS / "zh-01-single.pdf").read_bytes(), "zh.pdf", timeout=20, on_stage=stages.append)
    assert stages == ["reading", "sections", "fields"]
    assert set(result) == {"resume", "confidence", "sources", "text"}
    assert result["resume"]["basics"]["name"]


@pytest.mark.parametrize("name", ["../../etc/passwd.pdf", "简历 (最终版).pdf", "resume\u202efdp.exe", "CON.pdf", "a\nb.pdf"])
def test_the_file_name_is_only_data(name: str) -> None:
    data = (CORPUS / "en-21-text.txt").read_bytes()
    assert parse_bytes(data, name)["resume"] == parse_bytes(data, "plain.txt")["resume"]
