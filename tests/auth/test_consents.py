"""The consent ledger's operations (auth/operations.py) and the policy version a sign-up
consents to (auth/policy.py)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from auth import operations
from auth import policy as auth_policy
from auth.models import Consent
from core.audit import AuditEvent
from core.db import db
from tests.auth.conftest import sign_in_by_sms


def _candidate(phone: str = "+8613600136000"):
    return operations.create_candidate(channel="sms", policy_version="2026-12-01", phone=phone)


def _withdrawals(user_id: int) -> list[AuditEvent]:
    return list(db.session.scalars(select(AuditEvent).where(AuditEvent.subject_id == user_id,
                                                            AuditEvent.action == "auth.consent_withdrawn")))


def test_withdraw_consent_stamps_the_live_rows_of_that_purpose_only():
    user = _candidate()
    first = operations.give_consent(user, "resume_processing", policy_version="2026-12-01", channel="web")
    second = operations.give_consent(user, "resume_processing", policy_version="2026-12-01", channel="web")
    share = operations.give_consent(user, "share_with_job:7", policy_version="2026-12-01", channel="web")

    assert operations.withdraw_consent(user, "resume_processing", channel="web") == 2

    assert first.withdrawn_dt is not None and second.withdrawn_dt is not None
    assert share.withdrawn_dt is None
    policy = operations.live_consent(user.id, "privacy_policy")
    assert policy is not None and policy.withdrawn_dt is None
    assert operations.live_consent(user.id, "resume_processing") is None
    # The history stays: the rows are there, with the time they were given.
    rows = list(db.session.scalars(select(Consent).where(Consent.user_id == user.id,
                                                         Consent.purpose == "resume_processing")))
    assert {r.id for r in rows} == {first.id, second.id} and all(r.given_dt for r in rows)
    [event] = _withdrawals(user.id)
    assert event.actor_id == user.id
    assert event.details == {"purpose": "resume_processing", "channel": "web", "count": 2,
                             "consent_ids": [first.id, second.id]}


def test_withdraw_consent_is_idempotent():
    user = _candidate()
    consent = operations.give_consent(user, "guardian", policy_version="2026-12-01", channel="sms")
    assert operations.withdraw_consent(user, "guardian", channel="web") == 1
    stamped = consent.withdrawn_dt
    assert operations.withdraw_consent(user, "guardian", channel="web") == 0
    assert operations.withdraw_consent(user, "never_given", channel="web") == 0
    assert consent.withdrawn_dt == stamped  # not moved by the second call
    assert len(_withdrawals(user.id)) == 1  # nothing happened, nothing logged


def test_withdraw_consent_leaves_other_accounts_alone():
    user, other = _candidate(), _candidate("+8613600136001")
    mine = operations.give_consent(user, "resume_processing", policy_version="2026-12-01", channel="web")
    theirs = operations.give_consent(other, "resume_processing", policy_version="2026-12-01", channel="web")
    operations.withdraw_consent(user, "resume_processing", channel="web")
    assert mine.withdrawn_dt is not None and theirs.withdrawn_dt is None


def test_withdraw_consent_then_giving_again_is_a_new_live_row():
    user = _candidate()
    old = operations.give_consent(user, "resume_processing", policy_version="2026-12-01", channel="web")
    operations.withdraw_consent(user, "resume_processing", channel="wechat")
    new = operations.give_consent(user, "resume_processing", policy_version="2027-03-01", channel="web")
    assert operations.live_consent(user.id, "resume_processing") is new and new.id != old.id
    assert operations.live_consent(user.id, "resume_processing", versions=["2026-12-01"]) is None


def test_withdraw_consent_refuses_an_unknown_channel():
    user = _candidate()
    with pytest.raises(ValueError):
        operations.withdraw_consent(user, "resume_processing", channel="fax")


# --- which policy version a sign-up consents to ---------------------------------------------------

def test_policy_without_a_source_is_the_configured_version(app, monkeypatch):
    monkeypatch.setitem(app.extensions, auth_policy._KEY, None)
    monkeypatch.setitem(app.config, "PRIVACY_POLICY_VERSION", "2027-01-01")
    assert auth_policy.versions() == auth_policy.PolicyVersions("2027-01-01", ("2027-01-01",))


def test_sign_up_consents_to_the_version_the_source_names(app, client, sms_outbox, monkeypatch):
    monkeypatch.setitem(app.extensions, auth_policy._KEY,
                        lambda: auth_policy.PolicyVersions("2027-05-01", ("2027-05-01",)))
    sign_in_by_sms(client, sms_outbox)
    consent = db.session.scalar(select(Consent))
    assert (consent.purpose, consent.policy_version) == ("privacy_policy", "2027-05-01")


def test_sign_in_asks_again_only_when_the_consent_no_longer_counts(app, client, sms_outbox, monkeypatch):
    from auth.models import SmsCode
    from tests.auth.conftest import last_code

    sign_in_by_sms(client, sms_outbox)  # consents to the configured version
    client.post("/auth/logout")
    configured = str(app.config["PRIVACY_POLICY_VERSION"])

    def sign_in_again() -> str:
        db.session.execute(SmsCode.__table__.delete())  # past the cooldown
        client.post("/auth/sms/send", data={"phone": "13800138000"})
        response = client.post("/auth/sms/verify", data={"phone": "13800138000", "code": last_code(sms_outbox)})
        client.post("/auth/logout")
        return response.headers["Location"]

    # A newer version whose change is not material: the earlier consent still counts.
    monkeypatch.setitem(app.extensions, auth_policy._KEY,
                        lambda: auth_policy.PolicyVersions("2027-05-01", (configured, "2027-05-01")))
    assert not sign_in_again().endswith("/auth/consent")
    # A material one: asked again.
    monkeypatch.setitem(app.extensions, auth_policy._KEY,
                        lambda: auth_policy.PolicyVersions("2027-05-01", ("2027-05-01",)))
    assert sign_in_again().endswith("/auth/consent")
