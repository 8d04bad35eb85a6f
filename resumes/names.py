"""Uploaded file names: kept as data for display, never used on the file system."""

from __future__ import annotations

import posixpath
import unicodedata

MAX_NAME = 120


def display_name(raw: str | None, extension: str) -> str:
    """A safe display name for an uploaded file.

    Path parts (``../../etc/passwd``, ``C:\\x.pdf``) are dropped, control and format
    characters (NUL, CR/LF, the right-to-left override U+202E, zero-width spaces) removed,
    Unicode normalised to NFC, the length capped, and the name made to end with the
    extension of the type detected by content (``resume.pdf.exe`` that is really a PDF
    becomes ``resume.pdf.exe.pdf``).  CJK names are kept as they are.
    """
    name = unicodedata.normalize("NFC", raw or "")
    name = name.replace("\\", "/")
    name = posixpath.basename(name)
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    name = " ".join(name.split()).strip(" .")
    stem, dot, ext = name.rpartition(".")
    if dot and ext.lower() == extension:
        name = stem.strip(" .")
    if not name:
        name = "resume"
    name = name[: MAX_NAME - len(extension) - 1].rstrip(" .") or "resume"
    return f"{name}.{extension}"
