"""Domain exceptions of ``auth``; views turn each into a clear message."""

from __future__ import annotations


class AuthError(Exception):
    """Base class; ``reason`` is a stable machine-readable string."""

    def __init__(self, reason: str = "", *, retry_after: int | None = None, attempts_left: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retry_after = retry_after
        self.attempts_left = attempts_left


class CodeRefused(AuthError):
    """No new code now: ``cooldown``, ``hourly`` or ``daily`` (``retry_after`` seconds)."""


class CodeInvalid(AuthError):
    """``none``, ``expired``, ``wrong`` (``attempts_left``), ``dead`` or ``used``."""


class IdentityConflict(AuthError):
    """The identity (``phone``, ``wechat``, ``email``) belongs to another account, or
    (``wechat_other``) this account already has a different WeChat identity."""


class LastIdentity(AuthError):
    """Unbinding would leave the account with no way to sign in."""


class NotACandidate(AuthError):
    """WeChat and SMS sign-in are for candidates; staff sign in with password + TOTP."""


class StaffSignInFailed(AuthError):
    """``bad_credentials``, ``bad_code``, ``locked`` (``retry_after``) or ``not_enrolled``."""


class GuardianNumberRefused(AuthError):
    """``own_number``: a guardian's code must go to the guardian's number, not the candidate's."""
