"""Logging configuration: one line per record, ids only (never personal data).

``LOG_FORMAT=plain`` (default) writes text lines; ``LOG_FORMAT=json`` writes one JSON
object per line (time, level, logger, message, and the exception type and traceback
when there is one) for log collectors.  gunicorn's access log uses the same formatter
in JSON mode (gunicorn.conf.py).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import logging.config

_configured = False
FORMATS = ("plain", "json")


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
        }
        if record.exc_info and record.exc_info[0] is not None:
            data["exc_type"] = record.exc_info[0].__name__
            data["traceback"] = self.formatException(record.exc_info)
        return json.dumps(data, ensure_ascii=False)


def configure_logging(level: str = "INFO", fmt: str = "plain") -> None:
    global _configured
    if _configured:
        return
    logging.config.dictConfig({
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
                       "json": {"()": JsonFormatter}},
        "handlers": {"console": {"class": "logging.StreamHandler",
                                 "formatter": "json" if fmt == "json" else "plain"}},
        "root": {"level": level.upper(), "handlers": ["console"]},
        "loggers": {"jieba": {"level": "WARNING"}, "pdfminer": {"level": "WARNING"},
                    "botocore": {"level": "WARNING"}, "urllib3": {"level": "WARNING"}},
    })
    _configured = True
