"""The resumes package's settings, with their defaults (see docs/configuration.md).

Read at request, CLI or job time through ``current_app.config``; the environment
variables are mapped in ``core/config.py``.
"""

from __future__ import annotations

import typing as t
from pathlib import Path

from flask import current_app

DEFAULTS: dict[str, t.Any] = {
    "RESUME_STORAGE_URL": None,  # None: file://<instance>/uploads
    "S3_ENDPOINT_URL": None,
    "AWS_ACCESS_KEY_ID": None,
    "AWS_SECRET_ACCESS_KEY": None,
    "AWS_REGION": None,
    "PARSE_TIMEOUT_SECONDS": 30,
    "PARSE_MEMORY_MB": 512,
    "PARSE_MAX_PAGES": 20,
    "PARSE_WORKERS": 2,
    "PARSE_QUEUE": "parsing",
    "PARSE_MAX_ATTEMPTS": 4,  # the first run and RQ's three retries
    "RESUME_BYTES_QUOTA": 50 * 1024 * 1024,  # all of one candidate's resume files together
}


def setting(name: str, config: t.Mapping[str, t.Any] | None = None) -> t.Any:
    config = config if config is not None else current_app.config
    value = config.get(name)
    return DEFAULTS[name] if value is None or value == "" else value


def storage_url(config: t.Mapping[str, t.Any] | None = None) -> str:
    url = setting("RESUME_STORAGE_URL", config)
    if url:
        return str(url)
    return (Path(current_app.instance_path) / "uploads").resolve().as_uri()


def job_timeout() -> int:
    """RQ's limit for one parse job: longer than the sandbox's, so the sandbox decides."""
    return int(setting("PARSE_TIMEOUT_SECONDS")) + 60


def stuck_after_seconds() -> int:
    """A job still 'running' this long after its last stage change has lost its worker."""
    return job_timeout() + 60
