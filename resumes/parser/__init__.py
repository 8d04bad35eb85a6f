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

This placeholder is replaced by the real implementation.
"""

from __future__ import annotations

import typing as t


class ParseFailure(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def parse_bytes(data: bytes, filename: str = "", on_stage: t.Callable[[str], None] | None = None) -> dict[str, t.Any]:
    raise ParseFailure("unsupported_type", "The parser is not installed yet.")
