"""Demo accounts for `make run` (the sign-in issue adds the recruiter and admin)."""

from __future__ import annotations


def ensure_demo_accounts() -> None:
    """Create the demo accounts that do not exist yet."""


def sign_in_instructions() -> list[str]:
    return ["Candidates: sign in with WeChat (local stand-in) or a mobile number (code printed in this console)."]
