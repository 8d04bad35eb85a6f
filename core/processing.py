"""The processing gate: may the site process new data for this person now?

Feature packages that start new processing of a candidate's data (confirming a profile,
uploading a resume, applying) call ``check_can_process(user, action)`` first.  The rules
themselves (policy re-consent, withdrawn consent, the minimum age and guardian consent)
belong to the ``privacy`` package, which registers them here when its blueprint is
registered; core imports no feature, and the callers need not know who decides.
"""

from __future__ import annotations

import typing as t

from flask import current_app

ACTIONS = ("upload_resume", "confirm_profile", "apply")
_KEY = "processing_checks"


class ProcessingRefused(Exception):
    """New processing is refused; ``code`` says why and ``message`` says so to the user."""

    def __init__(self, code: str, message: t.Any = None, link: str | None = None) -> None:
        super().__init__(code)
        self.code = code
        # May be a lazy string: translated when shown, in the reader's language.
        self.message = code if message is None else message
        self.link = link  # where the user can fix it (consent page, guardian form)


Check = t.Callable[[t.Any, str], None]


def register_check(app: t.Any, check: Check) -> None:
    """Add a rule; it raises ``ProcessingRefused`` to refuse."""
    checks: list[Check] = app.extensions.setdefault(_KEY, [])
    if check not in checks:
        checks.append(check)


def check_can_process(user: t.Any, action: str) -> None:
    """Raise ``ProcessingRefused`` if ``user``'s data may not be processed for ``action``."""
    for check in current_app.extensions.get(_KEY, []):
        check(user, action)


def can_process(user: t.Any, action: str) -> bool:
    try:
        check_can_process(user, action)
    except ProcessingRefused:
        return False
    return True
