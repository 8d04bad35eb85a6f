"""The privacy centre's state-changing operations.  Each takes the acting user, flushes but
never commits, and writes the audit log."""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import typing as t

from sqlalchemy import select

from auth import operations as auth_ops
from core import audit
from core.db import db, utcnow
from privacy import consents
from privacy.erasure import erase_account
from privacy.errors import UnknownPurpose
from privacy.models import ErasureRecord, GuardianConsent
from privacy.policy import current_version

logger = logging.getLogger(__name__)

# The SMS code purpose of auth's code machinery for re-authentication (guardian codes have
# their own operations in auth: ``issue_guardian_code`` / ``verify_guardian_code``).
REAUTH_PURPOSE = "reauth"


class Actor(t.Protocol):
    id: int
    role: str


@dataclasses.dataclass(frozen=True)
class WithdrawalResult:
    purpose: str
    withdrawn: int
    applications_withdrawn: int


def accept_policy(user: t.Any, *, channel: str = "web") -> None:
    """The candidate agrees to the current policy version (re-consent)."""
    consents.give(user, consents.PRIVACY_POLICY, channel=channel, policy_version=current_version())


def give_consent(user: t.Any, purpose: str) -> None:
    if purpose not in (consents.RESUME_PROCESSING,):
        raise UnknownPurpose(purpose)
    consents.give(user, purpose, channel="web")


def withdraw_consent(user: t.Any, purpose: str) -> WithdrawalResult:
    """Withdraw ``purpose``; processing that depends on it stops now.

    * ``resume_processing``: every active application is withdrawn (recruiters no longer see
      the profile) and no new upload, profile or application is accepted;
    * ``share_with_job:<id>``: the application to that opening is withdrawn;
    * ``guardian``: the candidate (a minor) can no longer submit a profile or apply.
    Earlier processing stays as it was.
    """
    from careers.models import Application
    from careers.operations import withdraw_application

    if not consents.is_valid_purpose(purpose) or purpose == consents.PRIVACY_POLICY:
        raise UnknownPurpose(purpose)
    count = consents.withdraw(user, purpose)
    query = select(Application).where(Application.candidate_id == user.id,
                                      Application.stage.not_in(("rejected", "withdrawn")))
    job_id = consents.share_job_id(purpose)
    if job_id is not None:
        query = query.where(Application.job_id == job_id)
    elif purpose != consents.RESUME_PROCESSING:
        return WithdrawalResult(purpose, count, 0)
    withdrawn = sum(1 for application in db.session.scalars(query).all() if withdraw_application(user, application))
    return WithdrawalResult(purpose, count, withdrawn)


def confirm_guardian(user: t.Any, guardian_e164: str, flow_id: str, code: str) -> GuardianConsent:
    """Check the code sent to the guardian's number for this candidate in this browser flow
    (``auth.errors.CodeInvalid`` if wrong), then record the guardian's consent."""
    auth_ops.verify_guardian_code(guardian_e164, user, flow_id, code)
    return record_guardian_consent(user, guardian_e164)


def verify_reauth(user: t.Any, flow_id: str, code: str) -> None:
    """Re-authentication by an SMS code to the account's own number (``CodeInvalid`` if wrong)."""
    if user.phone is None:
        from auth.errors import CodeInvalid

        raise CodeInvalid("none")
    auth_ops.verify_code(user.phone.phone, REAUTH_PURPOSE, flow_id, code)
    audit.record("privacy.reauthenticated", user, subject_id=user.id, object_type="user", object_id=user.id,
                 details={"method": "sms"})


def record_guardian_consent(user: t.Any, guardian_e164: str) -> GuardianConsent:
    """A guardian's number was verified by SMS code: record the consent in the ledger."""
    consent = consents.give(user, consents.GUARDIAN, channel="sms")
    row = GuardianConsent(user_id=user.id, consent_id=consent.id, phone_index=auth_ops.phone_index(guardian_e164),
                          verified_dt=utcnow())
    db.session.add(row)
    db.session.flush()
    audit.record("privacy.guardian_consent", user, subject_id=user.id, object_type="guardian_consent",
                 object_id=row.id)
    return row


def cancel_account(user: t.Any, *, reauthenticated_at: dt.datetime | None,
                   now: dt.datetime | None = None, max_age_minutes: int = 10) -> ErasureRecord:
    """Erase the account of ``user`` (who re-authenticated within ``max_age_minutes``)."""
    from privacy.errors import ReauthRequired

    now = now or utcnow()
    if reauthenticated_at is None or now - reauthenticated_at > dt.timedelta(minutes=max_age_minutes):
        raise ReauthRequired("stale")
    if user.role != "candidate":
        raise UnknownPurpose("not_a_candidate")
    audit.record("privacy.cancel_requested", None, object_type="erasure")
    record = erase_account(user.id, reason="cancellation", now=now)
    assert record is not None  # the user exists: we are acting for them
    return record
