"""Logging configuration: one line per record, ids only (never personal data)."""

from __future__ import annotations

import logging.config

_configured = False


def configure_logging(level: str = "INFO") -> None:
    global _configured
    if _configured:
        return
    logging.config.dictConfig({
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
        "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
        "root": {"level": level.upper(), "handlers": ["console"]},
        "loggers": {"jieba": {"level": "WARNING"}, "pdfminer": {"level": "WARNING"},
                    "botocore": {"level": "WARNING"}, "urllib3": {"level": "WARNING"}},
    })
    _configured = True
