"""The resume parser: a pure library (no Flask, no database).

Contract used by the parse job, the CLI (``flask resumes parse``) and the benchmark::

    from resumes.parser import parse_bytes, ParseFailure

    result = parse_bytes(data, filename, on_stage=callback)
    # result: {"resume": {...JSON Resume v1.0.0 + basics.gender/birthDate/nativePlace...},
    #          "confidence": {"basics.name": 0.98, ...},
    #          "sources": {"basics.name": "姓名：张三", ...},
    #          "text": "<the extracted plain text>"}
    # on_stage(stage) is called with "reading", "sections", "fields" as work proceeds.
    # Raises ParseFailure(code, message) for files that cannot be parsed; codes:
    #   "empty", "too_large", "too_many_pages", "encrypted", "corrupt", "unsupported_type",
    #   "no_text" (image-only scan or broken text layer).
    # resumes.parser.sandbox.run_sandboxed() adds "timeout" and "memory".

How it works: docs/parser.md.  Hostile input: run it through ``sandbox.run_sandboxed``.
"""

from __future__ import annotations

import typing as t

from resumes.parser.detect import MAX_BYTES, MAX_PAGES, decode_text, detect
from resumes.parser.errors import CODES, NO_TEXT, ParseFailure
from resumes.parser.layout import Line, clean_text

__all__ = ["CODES", "ParseFailure", "parse_bytes", "extract_lines"]


def extract_lines(data: bytes, max_bytes: int = MAX_BYTES, max_pages: int = MAX_PAGES) -> list[Line]:
    """The file's lines in reading order (stage "reading")."""
    kind = detect(data, max_bytes)
    if kind == "pdf":
        from resumes.parser import pdf

        return pdf.extract_lines(data, max_pages)
    if kind == "docx":
        from resumes.parser import docx

        return docx.extract_lines(data)
    text = decode_text(data) or ""
    lines = [Line(text=cleaned) for raw in text.splitlines() if (cleaned := clean_text(raw))]
    if sum(len(ln.text) for ln in lines) < 20:
        raise ParseFailure("no_text", NO_TEXT)
    return lines


def parse_bytes(data: bytes, filename: str = "", on_stage: t.Callable[[str], None] | None = None, *,
                max_bytes: int = MAX_BYTES, max_pages: int = MAX_PAGES) -> dict[str, t.Any]:
    """Parse one resume file.  ``filename`` is informational only: the type comes from the content."""
    from resumes.parser.fields import extract_all
    from resumes.parser.sections import split_sections

    def stage(name: str) -> None:
        if on_stage is not None:
            on_stage(name)

    stage("reading")
    lines = extract_lines(data, max_bytes, max_pages)
    stage("sections")
    sections = split_sections(lines)
    stage("fields")
    result = extract_all(lines, sections)
    return {
        "resume": result.resume,
        "confidence": result.confidence,
        "sources": result.sources,
        "text": "\n".join(ln.text for ln in lines),
    }
