"""The one exception the parser raises, and its codes."""

from __future__ import annotations

CODES = ("empty", "too_large", "too_many_pages", "encrypted", "corrupt", "unsupported_type", "no_text",
         "timeout", "memory")


class ParseFailure(Exception):
    """A file that cannot be parsed.  ``code`` is stable (the web side translates by code);
    ``message`` is English, for logs and the CLI."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message

    def __reduce__(self) -> tuple[type, tuple[str, str]]:  # picklable across processes
        return (type(self), (self.code, self.message))


NO_TEXT = "this file has no readable text; upload a text PDF or fill in the form"
