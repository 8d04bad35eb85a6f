"""What a file is, decided by its content (never by its name or declared type)."""

from __future__ import annotations

import codecs

from resumes.parser.errors import ParseFailure

MAX_BYTES = 10 * 1024 * 1024
MAX_PAGES = 20

_BINARY = {
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\xd0\xcf\x11\xe0": "an old Word/Excel file (.doc/.xls); save it as DOCX or PDF",
    b"MZ": "a program",
    b"\x7fELF": "a program",
    b"{\\rtf": "an RTF file; save it as DOCX or PDF",
    b"Rar!": "a RAR archive",
    b"\x1f\x8b": "a gzip archive",
}


def detect(data: bytes, max_bytes: int = MAX_BYTES) -> str:
    """Return "pdf", "docx" or "text", or raise ParseFailure."""
    if not data or not data.strip():
        raise ParseFailure("empty", "the file is empty")
    if len(data) > max_bytes:
        raise ParseFailure("too_large", f"the file is larger than {max_bytes // (1024 * 1024)} MB")
    head = data[:1024]
    if b"%PDF-" in head:
        tail = data[-2048:]
        if b"%%EOF" not in tail and b"startxref" not in tail:
            raise ParseFailure("corrupt", "the PDF is incomplete (it may have been cut off while uploading)")
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return "docx"   # the archive check says whether it is a Word document
    for magic, what in _BINARY.items():
        if data.startswith(magic):
            raise ParseFailure("unsupported_type", f"the file is {what}, not a PDF, DOCX or text resume")
    if decode_text(data) is None:
        raise ParseFailure("unsupported_type", "the file is not a PDF, DOCX or text resume")
    return "text"


def decode_text(data: bytes) -> str | None:
    """UTF-8 (with or without BOM), UTF-16 with a BOM, or GB18030; None for binary data."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            return None
    else:
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            return None
    controls = sum(1 for ch in text[:20000] if ord(ch) < 32 and ch not in "\r\n\t\f")
    if "\x00" in text or controls > max(2, len(text[:20000]) // 200):
        return None
    return text
