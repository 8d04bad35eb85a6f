"""Safe redirects: only to paths on this site."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

_CONTROL = re.compile(r"[\x00-\x1f\x7f\\]")


def safe_next(target: str | None, default: str = "/") -> str:
    """Return ``target`` if it is a local path (``/jobs?page=2``), else ``default``.

    Refuses absolute URLs, scheme-relative ``//host``, backslash tricks (``/\\host``),
    control characters, encoded CR/LF, and anything with a scheme or host.
    """
    if not target or len(target) > 2048:
        return default
    if _CONTROL.search(target) or "%0d" in target.lower() or "%0a" in target.lower():
        return default
    if not target.startswith("/") or target.startswith("//"):
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return default
    return target
