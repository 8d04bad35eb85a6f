"""The privacy package's settings and their defaults (docs/configuration.md).

Read at request, CLI or job time through ``current_app.config``; environment variables
are mapped in ``core/config.py``.
"""

from __future__ import annotations

import typing as t
from pathlib import Path

from flask import current_app

DEFAULTS: dict[str, t.Any] = {
    "MINOR_AGE": 14,
    "AGE_TIMEZONE": "Asia/Shanghai",
    "RETENTION_INACTIVE_MONTHS": 24,
    "RETENTION_UNSUCCESSFUL_MONTHS": 12,
    "RETENTION_NOTICE_DAYS": 30,
    "EXPORT_TTL_HOURS": 24,
    "EXPORT_REQUESTS_PER_HOUR": 3,
    "ERASURE_DEADLINE_WORKING_DAYS": 15,
    "ERASURE_RETRY_MINUTES": 30,
    "PRIVACY_QUEUE": "privacy",
    "PRIVACY_SUPPRESSION_FILE": None,  # None: <instance>/erased_user_ids.txt
    "PRIVACY_CONTACT_EMAIL": "privacy@example.com",
}


def setting(name: str, config: t.Mapping[str, t.Any] | None = None) -> t.Any:
    config = config if config is not None else current_app.config
    value = config.get(name)
    return DEFAULTS[name] if value is None or value == "" else value


def suppression_file() -> Path:
    path = setting("PRIVACY_SUPPRESSION_FILE")
    if path:
        return Path(path)
    return Path(current_app.instance_path) / "erased_user_ids.txt"
