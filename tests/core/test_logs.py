import json
import logging

import pytest

from core.config import ConfigError, load, validate
from core.logs import JsonFormatter


def _record(msg: str, *args, exc_info=None) -> logging.LogRecord:
    return logging.LogRecord("careers.test", logging.WARNING, __file__, 1, msg, args, exc_info)


def test_json_formatter_writes_one_parseable_line_per_record():
    line = JsonFormatter().format(_record('resume %s "quoted"\nnext', 42))
    assert "\n" not in line
    data = json.loads(line)
    assert data["level"] == "WARNING" and data["logger"] == "careers.test"
    assert data["message"] == 'resume 42 "quoted"\nnext'
    assert data["time"].endswith("+00:00")


def test_json_formatter_carries_exception_type_and_traceback():
    try:
        raise ValueError("bad")
    except ValueError:
        import sys

        data = json.loads(JsonFormatter().format(_record("failed", exc_info=sys.exc_info())))
    assert data["exc_type"] == "ValueError" and "Traceback" in data["traceback"]


def test_log_format_comes_from_the_environment_and_is_checked(tmp_path):
    config = load(tmp_path, environ={"LOG_FORMAT": "JSON"})
    assert config["LOG_FORMAT"] == "json"
    validate(config)
    with pytest.raises(ConfigError, match="LOG_FORMAT"):
        validate(load(tmp_path, environ={"LOG_FORMAT": "xml"}))


def test_plain_formatter_keeps_every_record_on_its_own_lines():
    from core.logs import PlainFormatter

    forged = "2026-01-01 00:00:00,000 INFO x [-]: forged"
    line = PlainFormatter().format(_record("ua=%s", f"a\r\n{forged}\u2028{forged}\x1b[2J"))
    assert "\n" not in line and "\r" not in line and "\u2028" not in line and "\x1b" not in line
    assert line.endswith(f"ua=a\\r\\n{forged}\\u2028{forged}\\x1b[2J")
    assert " WARNING careers.test [-]: " in line  # no request: the id is "-"
    try:
        raise ValueError(f"bad\n{forged}")
    except ValueError:
        import sys

        text = PlainFormatter().format(_record("failed", exc_info=sys.exc_info()))
    first, *rest = text.split("\n")
    assert first.endswith("failed") and rest and all(line.startswith("  | ") for line in rest)
    assert f"  | {forged}" in rest


def test_plain_formatter_drops_terminal_colours_and_escapes_other_sequences():
    """The development server colours its lines (ESC [ 31 m ...): the colours go, the text
    stays readable; any other escape sequence (clear screen, cursor moves) is escaped."""
    from core.logs import PlainFormatter

    line = PlainFormatter().format(_record("%s", "\x1b[31m\x1b[1mWARNING: dev server\x1b[0m \x1b[2J\x1b]0;title\x07"))
    assert line.endswith("WARNING: dev server \\x1b[2J\\x1b]0;title\\x07")
    assert "\x1b" not in line


def test_json_formatter_escapes_unicode_line_separators():
    line = JsonFormatter().format(_record("x%s", "\u2028y\u2029z\x85"))
    assert line.splitlines() == [line]
    assert json.loads(line)["message"] == "x\u2028y\u2029z\x85" and json.loads(line)["request_id"] == "-"
