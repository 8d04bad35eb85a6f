"""Withdrawal of consent, and re-consent after a material policy version."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from core.db import db
from core.processing import ProcessingRefused, check_can_process
from privacy import consents
from privacy.operations import withdraw_consent


def test_consents_withdrawing_resume_processing_stops_processing(make_person, recruiter):
    from careers.models import Application, CandidateSearch
    from resumes import operations as resume_ops

    person = make_person(recruiter=recruiter)
    assert db.session.get(CandidateSearch, person.user.id) is not None  # recruiters can find them
    before = list(db.session.scalars(select(consents.Consent).where(consents.Consent.user_id == person.user.id)))

    result = withdraw_consent(person.user, consents.RESUME_PROCESSING)
    db.session.commit()

    assert result.withdrawn == 1 and result.applications_withdrawn == 1
    stages = set(db.session.scalars(select(Application.stage).where(Application.candidate_id == person.user.id)))
    assert stages == {"withdrawn"}
    assert db.session.get(CandidateSearch, person.user.id) is None  # no longer seen by recruiters
    with pytest.raises(ProcessingRefused) as refused:
        resume_ops.upload_resume(person.user, (b"another resume\n" * 5, "cv.txt"))
    assert refused.value.code == "resume_consent_withdrawn"
    # Earlier processing stays as it was: the profile, the history and the earlier consents.
    assert resume_ops.export_candidate_profile(person.user.id)["name"] == person.name
    assert {c.id for c in before} <= {c.id for c in consents.history(person.user.id)}
    assert all(c.given_dt for c in consents.history(person.user.id))
    # Giving it again lifts the stop.
    from privacy.operations import give_consent

    give_consent(person.user, consents.RESUME_PROCESSING)
    check_can_process(person.user, "upload_resume")


def test_consents_withdrawing_sharing_withdraws_that_application_only(make_person, create_job):
    from careers import operations as careers_ops
    from careers.models import Application

    person = make_person()
    second = create_job()
    careers_ops.submit_application(person.user, second, resume_id=person.resume_id, consent=True)
    db.session.commit()
    result = withdraw_consent(person.user, f"share_with_job:{second.id}")
    assert result.applications_withdrawn == 1
    by_job = dict(db.session.execute(select(Application.job_id, Application.stage)
                                     .where(Application.candidate_id == person.user.id)).all())
    assert by_job[second.id] == "withdrawn"
    assert sorted(by_job.values()) == ["applied", "withdrawn"]


def test_consents_withdraw_view_says_so_plainly(client, login, make_person):
    person = make_person()
    login(person.user)
    response = client.post("/privacy/consents/withdraw", data={"purpose": "resume_processing"},
                           follow_redirects=True)
    text = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "no longer see your profile" in text or "不再" in text
    bad = client.post("/privacy/consents/withdraw", data={"purpose": "privacy_policy"}, follow_redirects=True)
    assert bad.status_code == 200 and consents.is_active(person.user.id, consents.PRIVACY_POLICY)


def test_consents_material_policy_version_asks_again(app, client, login, make_person, runner, create_job):
    from careers import operations as careers_ops

    person = make_person(apply=False)
    # A new version whose text exists: the current one, re-published as material under its name
    # would be refused ("exists" only for published rows), so use the initial version's text.
    result = runner.invoke(args=["privacy", "publish-policy", "2026-12-01", "--material", "--summary", "Test"])
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    # The candidate consented to 2026-12-01 at sign-up, before it was published as material:
    # that consent counts (same version).
    check_can_process(person.user, "apply")

    # Now a candidate whose consent was to an older version.
    old = make_person(apply=False)
    for c in consents.history(old.user.id):
        if c.purpose == consents.PRIVACY_POLICY:
            c.policy_version = "2026-06-01"
    db.session.commit()
    with pytest.raises(ProcessingRefused) as refused:
        careers_ops.submit_application(old.user, create_job(), resume_id=None, consent=True)
    assert refused.value.code == "reconsent_required"

    login(old.user)
    visit = client.get("/me/applications")
    assert visit.status_code == 302 and "/privacy/consent" in visit.headers["Location"]
    page = client.get(visit.headers["Location"])
    assert page.status_code == 200 and "2026-12-01" in page.get_data(as_text=True)
    refused_form = client.post("/privacy/consent", data={})
    assert refused_form.status_code == 200  # the box must be ticked
    agreed = client.post("/privacy/consent?next=/me/applications", data={"agree": "y"})
    assert agreed.status_code == 302 and agreed.headers["Location"].endswith("/me/applications")
    assert client.get("/me/applications").status_code == 200
    check_can_process(old.user, "apply")


def test_consents_publish_policy_refuses_missing_text(runner):
    result = runner.invoke(args=["privacy", "publish-policy", "2099-01-01"])
    assert result.exit_code != 0 and "templates/privacy/policies/2099-01-01" in result.output


def test_consents_retention_notice_reaches_the_candidate(app, make_person, sms_outbox, client):
    import datetime as dt

    from notifications.models import Notification
    from privacy.retention import purge
    from resumes.models import Profile

    person = make_person(apply=False)
    long_ago = dt.datetime.now(dt.UTC) - dt.timedelta(days=800)
    person.user.created_dt = person.user.last_sign_in_dt = long_ago
    db.session.execute(Profile.__table__.update().where(Profile.user_id == person.user.id)
                       .values(updated_dt=long_ago))
    db.session.commit()
    report = purge()
    db.session.commit()
    assert report.notified == [person.user.id]
    note = db.session.scalars(select(Notification).where(Notification.user_id == person.user.id,
                                                         Notification.kind == "privacy_retention_notice")).one()
    assert note.link.startswith("/privacy/keep/")
    sms = [m for m in sms_outbox.outbox if m.phone == person.phone]
    assert sms and sms[-1].template == "privacy_retention_notice" and "/privacy/keep/" in sms[-1].params["link"]
    # Following the link keeps the profile: the next purge neither notifies nor erases.
    assert client.get(note.link).status_code == 200
    later = purge(now=dt.datetime.now(dt.UTC) + dt.timedelta(days=31))
    assert later.erased == [] and later.notified == []


def test_consents_upload_records_resume_processing_consent_once(app, create_user):
    from auth import operations as auth_ops
    from resumes import operations as resume_ops

    login_data = type("L", (), {"appid": "wxstandinweb0001", "openid": "oOPENuploadconsent01",
                                "unionid": "oUNIONuploadconsent01"})()
    user = auth_ops.create_candidate(channel="wechat", policy_version="2026-12-01", wechat=login_data)
    assert not consents.is_active(user.id, consents.RESUME_PROCESSING)
    # The upload form's box is the source of the consent: ticked on the first upload, shown as
    # given on the next one (not asked again while it is live).
    resume_ops.upload_resume(user, (b"first resume text\n" * 5, "a.txt"), consent=True)
    resume_ops.upload_resume(user, (b"second resume text\n" * 5, "b.txt"))
    resume_ops.upload_resume(user, (b"third resume text\n" * 5, "c.txt"), consent=True)
    rows = [c for c in consents.history(user.id) if c.purpose == consents.RESUME_PROCESSING]
    assert len(rows) == 1 and rows[0].withdrawn_dt is None


def test_consents_sign_ups_after_publishing_consent_to_the_newest_version(app, client, runner, sms_outbox,
                                                                           monkeypatch, tmp_path):
    """After ``flask privacy publish-policy V --material`` (and no configuration change) a new
    account consents to V, so it is not sent to re-consent on its first page, and its
    uploads and applications are not refused."""
    import shutil

    from privacy import policy

    policies = tmp_path / "policies"
    shutil.copytree(policy._policy_dir(), policies)
    for loc in policy.LOCALES:
        (policies / f"2027-03-01.{loc}.html").write_text("<p>2027-03-01</p>", encoding="utf-8")
    monkeypatch.setattr(policy, "_policy_dir", lambda: policies)
    configured = app.config["PRIVACY_POLICY_VERSION"]
    assert configured != "2027-03-01"

    result = runner.invoke(args=["privacy", "publish-policy", "2027-03-01", "--material"])
    assert result.exit_code == 0, result.output
    assert "PRIVACY_POLICY_VERSION=" not in result.output  # nothing left for the operator to align

    assert client.post("/auth/sms/send", data={"phone": "13800138077"}).status_code == 302
    code = [m for m in sms_outbox.outbox if m.phone == "+8613800138077"][-1].params["code"]
    assert client.post("/auth/sms/verify", data={"phone": "13800138077", "code": code}).status_code == 302
    consent_page = client.get("/auth/consent").get_data(as_text=True)
    assert "2027-03-01" in consent_page and configured not in consent_page
    assert client.post("/auth/consent", data={"agree": "y"}).status_code == 302

    from auth.models import Consent, PhoneIdentity, User

    user = db.session.scalar(select(User).join(PhoneIdentity))
    [consent] = consents.history(user.id)
    assert (consent.purpose, consent.policy_version) == (consents.PRIVACY_POLICY, "2027-03-01")
    assert not policy.needs_reconsent(user)
    check_can_process(user, "apply")
    page = client.get("/me/applications")
    assert page.status_code == 200  # not sent to /privacy/consent
    assert db.session.scalar(select(db.func.count(Consent.id)).where(Consent.user_id == user.id)) == 1
