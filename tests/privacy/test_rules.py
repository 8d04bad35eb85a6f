"""The minimum age (Asia/Shanghai), the guardian path, and the processing gate."""

from __future__ import annotations

import contextlib
import datetime as dt

import pytest

from core.db import db
from core.processing import ProcessingRefused, check_can_process
from privacy import rules
from tests.conftest import put_signed_in

SHANGHAI = dt.timezone(dt.timedelta(hours=8))


def at_shanghai(y: int, m: int, d: int, hour: int = 12) -> dt.datetime:
    return dt.datetime(y, m, d, hour, tzinfo=SHANGHAI).astimezone(dt.UTC)


@pytest.mark.parametrize(("birth", "now", "minor"), [
    ("2012-06-15", at_shanghai(2026, 6, 15), False),   # the 14th birthday exactly
    ("2012-06-15", at_shanghai(2026, 6, 14), True),    # the day before
    ("2012-02-29", at_shanghai(2026, 2, 28), True),    # 29 Feb: not yet 14 on 28 Feb
    ("2012-02-29", at_shanghai(2026, 3, 1), False),    # ... 14 on 1 March
    ("2012-02-29", at_shanghai(2028, 2, 29), False),
    ("2030-01-01", at_shanghai(2026, 6, 1), True),     # a future date counts as under age
    ("2012", at_shanghai(2026, 6, 1), True),           # a year alone: read at its last day
    ("2011", at_shanghai(2026, 1, 1), False),
    ("2012-06", at_shanghai(2026, 6, 30), False),
    ("2012-06", at_shanghai(2026, 6, 29), True),
    ("not a date", at_shanghai(2026, 6, 1), False),
    (None, at_shanghai(2026, 6, 1), False),
])
def test_rules_minor_boundaries(app, birth, now, minor):
    with app.app_context():
        assert rules.is_minor(birth, now=now) is minor


def test_rules_age_is_computed_in_shanghai(app):
    # 16:00 UTC on 14 June is already 15 June (00:00) in Shanghai: the birthday.
    now = dt.datetime(2026, 6, 14, 16, 0, tzinfo=dt.UTC)
    with app.app_context():
        assert rules.is_minor("2012-06-15", now=now) is False
        assert rules.is_minor("2012-06-15", now=now - dt.timedelta(minutes=1)) is True


def test_rules_minimum_age_comes_from_config(app, monkeypatch):
    monkeypatch.setitem(app.config, "MINOR_AGE", 18)
    with app.app_context():
        assert rules.is_minor("2010-01-01", now=at_shanghai(2026, 6, 1)) is True


def test_rules_minor_cannot_confirm_profile_or_apply_without_guardian(make_person, create_job):
    from careers import operations as careers_ops
    from resumes import operations as resume_ops
    from resumes.profiledata import ProfileData

    person = make_person(apply=False)
    # The candidate corrects the date of birth to a child's: processing stops.
    with pytest.raises(ProcessingRefused) as refused:
        resume_ops.save_profile(person.user, ProfileData(name=person.name, birth_date="2015-03-01"), confirm=True)
    assert refused.value.code == "guardian_consent_required"
    db.session.rollback()
    # A draft may still be saved.
    resume_ops.save_profile(person.user, ProfileData(name=person.name, birth_date="2015-03-01"), confirm=False)
    with pytest.raises(ProcessingRefused):
        careers_ops.submit_application(person.user, create_job(), resume_id=None, consent=True)


def test_rules_guardian_consent_unblocks(make_person):
    from privacy.operations import record_guardian_consent
    from resumes import operations as resume_ops
    from resumes.profiledata import ProfileData

    person = make_person(apply=False)
    resume_ops.save_profile(person.user, ProfileData(name=person.name, birth_date="2015-03-01"), confirm=False)
    with pytest.raises(ProcessingRefused):
        check_can_process(person.user, "apply")
    record_guardian_consent(person.user, "+8613700000001")
    check_can_process(person.user, "apply")
    profile = resume_ops.save_profile(person.user, ProfileData(name=person.name, birth_date="2015-03-01"),
                                      confirm=True)
    assert profile.is_confirmed


def test_rules_guardian_path_by_sms_code(client, login, make_person, sms_outbox):
    from privacy.consents import GUARDIAN, is_active
    from privacy.models import GuardianConsent
    from resumes import operations as resume_ops
    from resumes.profiledata import ProfileData

    person = make_person(apply=False)
    resume_ops.save_profile(person.user, ProfileData(name=person.name, birth_date="2015-03-01"), confirm=False)
    db.session.commit()
    login(person.user)
    page = client.get("/privacy/guardian")
    assert page.status_code == 200 and "guardian" in page.get_data(as_text=True).lower()
    own = client.post("/privacy/guardian", data={"step": "send", "g-phone": person.phone[3:], "g-confirm": "y"},
                      follow_redirects=True)
    assert "not yours" in own.get_data(as_text=True) or "本人" in own.get_data(as_text=True)
    sent = client.post("/privacy/guardian", data={"step": "send", "g-phone": "13700000001", "g-confirm": "y"})
    assert sent.status_code == 302
    from auth import operations as auth_ops
    from auth.models import SmsCode

    # auth's own guardian code purpose, on the guardian's number (not "bind", not the candidate's)
    latest = db.session.query(SmsCode).order_by(SmsCode.id.desc()).first()
    assert latest.purpose == "guardian" and latest.phone_index == auth_ops.phone_index("+8613700000001")
    code = [m for m in sms_outbox.outbox if m.phone == "+8613700000001"][-1].params["code"]
    wrong = client.post("/privacy/guardian", data={"step": "verify", "c-code": "000000" if code != "000000" else "1"})
    assert wrong.status_code == 200 and not is_active(person.user.id, GUARDIAN)
    done = client.post("/privacy/guardian", data={"step": "verify", "c-code": code})
    assert done.status_code == 302
    assert is_active(person.user.id, GUARDIAN)
    row = db.session.query(GuardianConsent).filter_by(user_id=person.user.id).one()
    assert "13700000001" not in row.phone_index  # a blind index, not the number


def test_rules_apply_view_explains_a_refusal(client, login, make_person, create_job):
    from privacy.consents import RESUME_PROCESSING
    from privacy.operations import withdraw_consent

    person = make_person(apply=False)
    job = create_job()
    withdraw_consent(person.user, RESUME_PROCESSING)
    db.session.commit()
    login(person.user)
    response = client.post(f"/jobs/{job.id}/apply", data={"consent": "y", "resume_id": person.resume_id})
    assert response.status_code == 403
    assert "withdrew your consent" in response.get_data(as_text=True) or "撤回" in response.get_data(as_text=True)


def test_rules_refusal_as_json_for_scripts(client, login, make_person):
    from privacy.consents import RESUME_PROCESSING
    from privacy.operations import withdraw_consent

    person = make_person(apply=False)
    withdraw_consent(person.user, RESUME_PROCESSING)
    db.session.commit()
    login(person.user)
    import io

    response = client.post("/me/resumes", data={"file": (io.BytesIO(b"plain text resume\n" * 10), "cv.txt")},
                           content_type="multipart/form-data", headers={"Accept": "application/json"})
    assert response.status_code == 403
    assert response.get_json()["error"] == "resume_consent_withdrawn"


def test_rules_parsed_date_of_birth_counts_when_the_profile_has_none(make_person, monkeypatch):
    from resumes import operations as resume_ops
    from resumes import tasks
    from resumes.profiledata import ProfileData
    from tests.privacy.conftest import fake_sandbox

    person = make_person(apply=False)
    child = {"name": person.name, "email": person.email, "phone": person.phone, "birth_date": "2016-01-01",
             "company": "X", "marker": "Y"}
    resume = resume_ops.upload_resume(person.user, (b"another resume, a child's\n" * 5, "kid.txt"))
    db.session.commit()
    monkeypatch.setattr(tasks, "_sandbox", lambda: fake_sandbox(child))
    assert tasks.run_parse(resume.id) == "done"
    with pytest.raises(ProcessingRefused):
        resume_ops.save_profile(person.user, ProfileData(name=person.name), confirm=True)


@contextlib.contextmanager
def limited_client(app_config, user, **overrides):
    """A test client signed in as ``user``, of an app whose per-IP limits are on (in memory):
    2 sends and 3 verifications an hour."""
    from core.app import create_app
    from core.extensions import limiter

    limited = create_app({**app_config, "RATELIMIT_ENABLED": True, "RATELIMIT_STORAGE_URI": "memory://",
                          "RATELIMIT_SMS_SEND": "2/hour", "RATELIMIT_SMS_VERIFY": "3/hour", **overrides})
    try:
        with limited.app_context():
            limiter.reset()
            client = limited.test_client()
            with client.session_transaction() as session:
                put_signed_in(session, user)
            yield client
    finally:
        limiter.enabled = False


def test_rules_guardian_codes_are_limited_per_ip(app_config, make_person):
    """The guardian form's POSTs have the per-IP limits of auth's SMS forms: sending and
    verifying each count on their own."""
    person = make_person(apply=False)
    with limited_client(app_config, person.user) as client:
        ip = {"REMOTE_ADDR": "203.0.113.8"}
        sends = [client.post("/privacy/guardian", data={"step": "send", "g-phone": f"1370000001{i}",
                                                        "g-confirm": "y"}, environ_base=ip).status_code
                 for i in range(3)]
        assert sends == [302, 302, 429]
        verifies = [client.post("/privacy/guardian", data={"step": "verify", "c-code": "000001"},
                                environ_base=ip).status_code for _ in range(4)]
        assert verifies == [200, 200, 200, 429]
        assert client.get("/privacy/guardian", environ_base=ip).status_code == 200  # only POSTs count


def test_rules_cancellation_reauth_codes_are_limited_per_ip(app_config, make_person):
    """The cancellation's re-authentication form has the same per-IP limits as the sign-in
    forms, so it cannot be used to flood a number or guess codes."""
    person = make_person(apply=False)
    with limited_client(app_config, person.user) as client:
        ip = {"REMOTE_ADDR": "203.0.113.9"}
        sends = [client.post("/privacy/cancel", data={"step": "send"}, environ_base=ip).status_code
                 for _ in range(3)]
        assert sends[-1] == 429 and 429 not in sends[:2]
        verifies = [client.post("/privacy/cancel", data={"step": "verify", "c-code": "000001"},
                                environ_base=ip).status_code for _ in range(4)]
        assert verifies[-1] == 429 and 429 not in verifies[:3]
        assert client.get("/privacy/cancel", environ_base=ip).status_code == 200


def test_rules_privacy_codes_count_against_the_sites_daily_sms_cap(app_config, make_person):
    """The cancellation and guardian codes are SMS like the sign-in codes: the site-wide
    daily cap (SMS_DAILY_GLOBAL_LIMIT, the spend bound) refuses them too, sending nothing."""
    from auth import sms

    person = make_person(apply=False)
    with limited_client(app_config, person.user, SMS_DAILY_GLOBAL_LIMIT=1) as client:
        outbox = sms.backend()
        outbox.clear()
        with client.session_transaction() as session:
            session["lang"] = "en"
        first = client.post("/privacy/guardian", data={"step": "send", "g-phone": "13700000098", "g-confirm": "y"},
                            environ_base={"REMOTE_ADDR": "203.0.113.21"})
        assert first.status_code == 302 and [m.phone for m in outbox.outbox] == ["+8613700000098"]

        cancel = client.post("/privacy/cancel", data={"step": "send"}, environ_base={"REMOTE_ADDR": "203.0.113.22"},
                             follow_redirects=True)
        assert "SMS codes are temporarily unavailable. Please try again later." in cancel.get_data(as_text=True)
        guardian = client.post("/privacy/guardian", data={"step": "send", "g-phone": "13700000099", "g-confirm": "y"},
                               environ_base={"REMOTE_ADDR": "203.0.113.23"}, follow_redirects=True)
        assert "SMS codes are temporarily unavailable. Please try again later." in guardian.get_data(as_text=True)
        assert [m.phone for m in outbox.outbox] == ["+8613700000098"]  # nothing more was sent
        outbox.clear()
