"""Domain errors of the privacy package (views turn them into messages)."""

from __future__ import annotations


class PrivacyError(Exception):
    """Base class; ``code`` is stable and machine-readable."""

    def __init__(self, code: str = "") -> None:
        super().__init__(code)
        self.code = code


class ExportUnavailable(PrivacyError):
    """``expired``, ``downloaded``, ``not_ready`` or ``failed``."""


class ExportRateLimited(PrivacyError):
    """Too many exports started in the last hour; ``retry_after_minutes`` says when to ask again."""

    def __init__(self, code: str = "rate_limited", *, retry_after_minutes: int = 60) -> None:
        super().__init__(code)
        self.retry_after_minutes = retry_after_minutes


class ReauthRequired(PrivacyError):
    """Cancelling the account needs a fresh re-authentication."""


class UnknownPurpose(PrivacyError):
    """Not a consent purpose this site records."""


class PolicyError(PrivacyError):
    """``exists``, ``no_text`` (the version's templates are missing) or ``invalid``."""
