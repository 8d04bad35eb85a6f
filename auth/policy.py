"""Which version of the privacy policy a sign-up consents to, and which consents still count.

Without a policy publisher both come from configuration: ``PRIVACY_POLICY_VERSION`` is the
version new accounts consent to, and only a consent to it counts (raising it asks every
user again at their next sign-in).

A package that publishes policy versions (``privacy``: ``flask privacy publish-policy``)
registers a ``source`` when its blueprint is registered; from then on the newest published
version is the one sign-ups consent to, and the publisher says which earlier consents still
count.  ``auth`` imports nothing from that package (the dependency arrow points to auth).
"""

from __future__ import annotations

import dataclasses
import typing as t

from flask import current_app

_KEY = "auth_policy_source"


@dataclasses.dataclass(frozen=True)
class PolicyVersions:
    current: str  # the version a new consent is given to
    accepted: tuple[str, ...]  # versions whose live consent lets a candidate sign in without asking again


Source = t.Callable[[], PolicyVersions]


def register_source(app: t.Any, source: Source) -> None:
    app.extensions[_KEY] = source


def versions() -> PolicyVersions:
    source: Source | None = current_app.extensions.get(_KEY)
    if source is not None:
        return source()
    configured = str(current_app.config["PRIVACY_POLICY_VERSION"])
    return PolicyVersions(current=configured, accepted=(configured,))


def current_version() -> str:
    """The version a consent given now is to (sign-up, re-consent, resume processing)."""
    return versions().current
