"""Logging configuration: one line per record, ids only (never personal data).

``LOG_FORMAT=plain`` (default) writes text lines; ``LOG_FORMAT=json`` writes one JSON
object per line (time, level, logger, message, request id, and the exception type and
traceback when there is one) for log collectors.  gunicorn's error and access logs use
the same formatters (gunicorn.conf.py).

Every record carries ``request_id``: the id of the request being served (``-`` outside
a request).  The id is the proxy's ``X-Request-ID`` when it is a plain token
(``REQUEST_ID_PATTERN``), else a new random one; it is sent back in the ``X-Request-ID``
response header and shown on the 500 and 503 pages, so that a user's "error id" finds
the log lines of their request.

A record can never forge another line: the plain format escapes CR, LF and every other
control or line-separator character (``\\r``, ``\\n``, ``\\x1b``, ``\\u2028``...), and
indents the lines of a traceback (``  | ``), so that only a record's first line starts at
the beginning of a line; JSON escapes them in strings (U+2028, U+2029 and U+0085 too).
A log stream that cannot be written (a full disk) never fails the request: the standard
handlers pass the error to ``Handler.handleError``, which is silent in production
(``logging.raiseExceptions = False``) and otherwise prints one traceback to stderr.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import logging.config
import re
import secrets
import typing as t

_configured = False
FORMATS = ("plain", "json")

REQUEST_ID_HEADER = "X-Request-ID"
# A proxy's id is kept only when it is a plain token: letters, digits, "-" and "_", 8 to 64
# characters (a UUID, nginx's $request_id, a ULID).  Anything else (CR/LF, spaces, quotes,
# markup, a 10 kB value) is replaced by our own id, so it never reaches a log line or a page.
REQUEST_ID_PATTERN = re.compile(r"[A-Za-z0-9_-]{8,64}")
_ENVIRON_KEY = "careers.request_id"
PLAIN_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(request_id)s]: %(message)s"
_CONTINUATION = "\n  | "

# C0 controls, DEL, C1 controls and the Unicode line and paragraph separators, each
# written as a visible escape.  The backslash itself is left alone: an escape only has to
# be unable to end a line, not to be reversible.
_NAMED = {"\r": "\\r", "\n": "\\n", "\t": "\\t"}
_ESCAPES = {
    code: _NAMED.get(chr(code), f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
    for code in [*range(0x20), *range(0x7F, 0xA0), 0x2028, 0x2029]
}
_JSON_LINE_BREAKS = {0x85: "\\u0085", 0x2028: "\\u2028", 0x2029: "\\u2029"}


# Terminal colour codes (SGR: ESC [ ... m), as the development server writes them: dropped
# before escaping, so its lines stay readable.  Any other escape sequence is escaped.
_COLOURS = re.compile(r"\x1b\[[0-9;]*m")


def escape_line(text: str) -> str:
    """``text`` on one line: control and line-separator characters become escapes."""
    return _COLOURS.sub("", text).translate(_ESCAPES)


def accepted_request_id(value: str | None) -> str | None:
    """``value`` if it is an acceptable request id (``REQUEST_ID_PATTERN``), else ``None``."""
    if value and REQUEST_ID_PATTERN.fullmatch(value):
        return value
    return None


def new_request_id() -> str:
    return secrets.token_hex(16)


def request_id() -> str | None:
    """The id of the request being served (set on first use), ``None`` outside a request."""
    from flask import has_request_context, request

    if not has_request_context():
        return None
    environ = request.environ
    value = environ.get(_ENVIRON_KEY)
    if value is None:
        value = accepted_request_id(environ.get("HTTP_X_REQUEST_ID")) or new_request_id()
        environ[_ENVIRON_KEY] = value
    return t.cast(str, value)


def _install_record_factory() -> None:
    """Give every log record a ``request_id`` attribute (``-`` outside a request)."""
    previous = logging.getLogRecordFactory()
    if getattr(previous, "adds_request_id", False):
        return

    def factory(*args: t.Any, **kwargs: t.Any) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        try:
            record.request_id = request_id() or "-"
        except Exception:  # noqa: BLE001 - a log call must never fail because of the id
            record.request_id = "-"
        return record

    factory.adds_request_id = True  # type: ignore[attr-defined]
    logging.setLogRecordFactory(factory)


class PlainFormatter(logging.Formatter):
    """Text lines (``PLAIN_FORMAT``) that logged data cannot break: the first line is
    escaped (``escape_line``) and each further line of a traceback starts with ``  | ``."""

    def __init__(self, fmt: str | None = None, datefmt: str | None = None) -> None:
        super().__init__(fmt or PLAIN_FORMAT, datefmt, defaults={"request_id": "-"})

    def format(self, record: logging.LogRecord) -> str:
        record.message = record.getMessage()
        if self.usesTime():
            record.asctime = self.formatTime(record, self.datefmt)
        lines = [escape_line(self.formatMessage(record))]
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        extra = [text for text in (record.exc_text, record.stack_info and self.formatStack(record.stack_info))
                 if text]
        lines += [escape_line(line) for text in extra for line in text.split("\n")]
        return _CONTINUATION.join(lines)


class JsonFormatter(logging.Formatter):
    """One JSON object per record.  The message is the formatted message alone: callers
    log ids, never personal data, and request arguments are not added here."""

    def format(self, record: logging.LogRecord) -> str:
        data = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "process": record.process,
            "request_id": getattr(record, "request_id", "-"),
        }
        if record.exc_info and record.exc_info[0] is not None:
            data["exc_type"] = record.exc_info[0].__name__
            data["traceback"] = self.formatException(record.exc_info)
        # json.dumps escapes control characters but, with ensure_ascii off, keeps the
        # characters that some line readers (str.splitlines, JavaScript) also break on.
        return json.dumps(data, ensure_ascii=False).translate(_JSON_LINE_BREAKS)


def configure_logging(level: str = "INFO", fmt: str = "plain", *, raise_exceptions: bool = True) -> None:
    """Configure the root logger once per process.

    :param raise_exceptions: ``logging.raiseExceptions``: whether a record that cannot be
        written (a full disk, a closed pipe) prints a traceback to stderr.  Off in
        production (Python's advice); a failed write never reaches the caller either way.
    """
    global _configured
    _install_record_factory()
    logging.raiseExceptions = raise_exceptions
    if _configured:
        return
    logging.config.dictConfig({
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"plain": {"()": PlainFormatter}, "json": {"()": JsonFormatter}},
        "handlers": {"console": {"class": "logging.StreamHandler",
                                 "formatter": "json" if fmt == "json" else "plain"}},
        "root": {"level": level.upper(), "handlers": ["console"]},
        "loggers": {"jieba": {"level": "WARNING"}, "pdfminer": {"level": "WARNING"},
                    "botocore": {"level": "WARNING"}, "urllib3": {"level": "WARNING"}},
    })
    _configured = True
