"""The consent ledger, seen from the privacy centre.

The ledger is auth's ``Consent`` table (one row per consent given, ``withdrawn_dt`` when
withdrawn).  Consents are given through ``auth.operations.give_consent`` and withdrawn
through ``auth.operations.withdraw_consent``; reading is here.  Purposes:
``privacy_policy``, ``resume_processing``, ``share_with_job:<id>``, ``guardian``.

Withdrawal is never retroactive: it stamps ``withdrawn_dt`` on the live rows and leaves the
history as it was.
"""

from __future__ import annotations

import re
import typing as t

from sqlalchemy import select

from auth import operations as auth_ops
from auth.models import Consent
from core.db import db
from privacy.errors import UnknownPurpose
from privacy.policy import current_version

PRIVACY_POLICY = "privacy_policy"
RESUME_PROCESSING = "resume_processing"
GUARDIAN = "guardian"
SHARE_PREFIX = "share_with_job:"
_SHARE = re.compile(r"^share_with_job:[1-9][0-9]{0,11}$")
# Purposes a candidate may withdraw from the privacy centre (the policy itself is
# "withdrawn" by cancelling the account: without it there is no service to give).
WITHDRAWABLE = (RESUME_PROCESSING, GUARDIAN)


class Actor(t.Protocol):
    id: int
    role: str


def is_valid_purpose(purpose: str) -> bool:
    return purpose in (PRIVACY_POLICY, RESUME_PROCESSING, GUARDIAN) or bool(_SHARE.match(purpose))


def share_job_id(purpose: str) -> int | None:
    return int(purpose[len(SHARE_PREFIX):]) if _SHARE.match(purpose) else None


def give(user: t.Any, purpose: str, *, channel: str = "web", policy_version: str | None = None) -> Consent:
    """Record a consent (through auth's ledger operation)."""
    if not is_valid_purpose(purpose):
        raise UnknownPurpose(purpose)
    return auth_ops.give_consent(user, purpose, policy_version=policy_version or current_version(),
                                 channel=channel)


def withdraw(user: t.Any, purpose: str, *, channel: str = "web") -> int:
    """Stamp every live consent of ``purpose`` as withdrawn (auth's ledger operation);
    returns how many."""
    if not is_valid_purpose(purpose):
        raise UnknownPurpose(purpose)
    return auth_ops.withdraw_consent(user, purpose, channel=channel)


def history(user_id: int) -> list[Consent]:
    return list(db.session.scalars(select(Consent).where(Consent.user_id == user_id)
                                   .order_by(Consent.given_dt, Consent.id)))


def is_active(user_id: int, purpose: str, versions: t.Collection[str] | None = None) -> bool:
    query = select(Consent.id).where(Consent.user_id == user_id, Consent.purpose == purpose,
                                     Consent.withdrawn_dt.is_(None))
    if versions is not None:
        query = query.where(Consent.policy_version.in_(list(versions)))
    return db.session.scalar(query.limit(1)) is not None


def is_withdrawn(user_id: int, purpose: str) -> bool:
    """Given once and withdrawn since, with no live consent after it."""
    rows = history(user_id)
    relevant = [c for c in rows if c.purpose == purpose]
    return bool(relevant) and all(c.withdrawn_dt is not None for c in relevant)


def active_purposes(user_id: int) -> set[str]:
    return {c.purpose for c in history(user_id) if c.withdrawn_dt is None}
