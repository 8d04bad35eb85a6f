"""What kind of file was uploaded, decided by its content (never its name or declared type).

Cheap checks that run in the web process before anything is stored: magic bytes and the
container's real structure (a PDF's header, trailer and catalogue; an OOXML package's
parts, read from the ZIP directory without decompressing anything).  The full parse, with
its own checks, runs later in a sandboxed child process.
"""

from __future__ import annotations

import dataclasses
import io
import zipfile

from resumes.errors import UploadRejected

PDF_MAGIC = b"%PDF-"
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word 97-2003, and encrypted OOXML packages

# DOCX limits: a resume's package is a few hundred kB unpacked and a few dozen parts.
DOCX_MAX_UNPACKED = 100 * 1024 * 1024
DOCX_MAX_PARTS = 2000
DOCX_MAX_RATIO = 200  # uncompressed / compressed, for parts above 1 MB

OTHER_MAGICS = (
    b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"MZ", b"\x7fELF", b"Rar!", b"7z\xbc\xaf", b"\x1f\x8b",
    b"BM", b"II*\x00", b"MM\x00*", b"RIFF", b"{\\rtf",
)


@dataclasses.dataclass(frozen=True)
class FileKind:
    kind: str  # "pdf", "docx" or "txt"
    extension: str
    mimetype: str


KINDS = {
    "pdf": FileKind("pdf", "pdf", "application/pdf"),
    "docx": FileKind("docx", "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "txt": FileKind("txt", "txt", "text/plain; charset=utf-8"),
}


def detect(data: bytes, max_bytes: int | None = None) -> FileKind:
    """Return the kind of ``data`` or raise ``UploadRejected`` with the reason's code."""
    if not data or not data.strip():
        raise UploadRejected("empty")
    if max_bytes is not None and len(data) > max_bytes:
        raise UploadRejected("too_large")
    head = data[:1024]
    if PDF_MAGIC in head:
        _check_pdf(data)
        return KINDS["pdf"]
    if data.startswith(ZIP_MAGIC):
        _check_docx(data)
        return KINDS["docx"]
    if data.startswith(OLE_MAGIC):
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise UploadRejected("encrypted")
        raise UploadRejected("legacy_doc")
    if data.startswith(OTHER_MAGICS) or data.lstrip()[:5].lower() in (b"<!doc", b"<html", b"<?xml", b"<svg "):
        raise UploadRejected("unsupported_type")
    if decode_text(data) is None:
        raise UploadRejected("unsupported_type")
    return KINDS["txt"]


def _check_pdf(data: bytes) -> None:
    # A PDF ends with a trailer ("startxref ... %%EOF"); a cut-off upload has none near its end.
    tail = data[-32 * 1024:]
    if b"%%EOF" not in tail or b"startxref" not in data[-64 * 1024:]:
        raise UploadRejected("corrupt")
    if b"/Root" not in data:
        raise UploadRejected("corrupt")


def _check_docx(data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            names = {info.filename for info in infos}
            if "[Content_Types].xml" not in names or "word/document.xml" not in names:
                raise UploadRejected("unsupported_type")
            if len(infos) > DOCX_MAX_PARTS:
                raise UploadRejected("archive_too_large")
            total = 0
            for info in infos:
                if info.flag_bits & 0x1:
                    raise UploadRejected("encrypted")
                total += info.file_size
                if info.file_size > 1024 * 1024 and info.file_size > DOCX_MAX_RATIO * max(info.compress_size, 1):
                    raise UploadRejected("archive_too_large")
            if total > DOCX_MAX_UNPACKED:
                raise UploadRejected("archive_too_large")
    except (zipfile.BadZipFile, EOFError, ValueError, NotImplementedError, OSError):
        raise UploadRejected("corrupt") from None


def decode_text(data: bytes) -> str | None:
    """Plain text in UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030; else None."""
    candidates = ("utf-16",) if data.startswith((b"\xff\xfe", b"\xfe\xff")) else ("utf-8-sig", "gb18030")
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        if _looks_like_text(text):
            return text
        return None
    return None


def _looks_like_text(text: str) -> bool:
    if "\x00" in text or not text.strip():
        return False
    control = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f")
    return control <= max(2, len(text) // 200)
