"""Applying, following and withdrawing (the applicant's side)."""

from __future__ import annotations

from sqlalchemy import func, select

from careers.models import Application, ApplicationEvent
from core.audit import AuditEvent
from core.db import db
from notifications.models import Notification
from tests.careers.conftest import resume_of


def _count(model, *where):
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def test_apply_creates_application_event_consent_audit_and_inbox(create_job, make_candidate, apply_to, client):
    from auth.models import Consent

    job = create_job()
    candidate = make_candidate(email="cand@example.test", phone="+8613800000001")
    response = apply_to(candidate, job, note="I can start in March")
    assert response.status_code == 302
    assert "/me/applications" in response.headers["Location"]
    application = db.session.scalar(select(Application).where(Application.candidate_id == candidate.id))
    assert application.stage == "applied" and application.note == "I can start in March"
    assert application.resume_id == resume_of(candidate)
    assert [e.to_stage for e in application.events] == ["applied"]
    assert _count(Consent, Consent.user_id == candidate.id, Consent.purpose == f"share_with_job:{job.id}") == 1
    assert _count(AuditEvent, AuditEvent.action == "application.submit", AuditEvent.subject_id == candidate.id) == 1
    assert _count(Notification, Notification.user_id == candidate.id) == 1
    page = client.get("/me/applications")
    assert page.status_code == 200
    assert "Received" in page.get_data(as_text=True) or "已收到" in page.get_data(as_text=True)


def test_apply_twice_shows_the_existing_application(create_job, make_candidate, apply_to):
    job = create_job()
    candidate = make_candidate()
    first = apply_to(candidate, job)
    second = apply_to(candidate, job)
    assert first.status_code == second.status_code == 302
    assert first.headers["Location"] == second.headers["Location"]
    assert _count(Application, Application.candidate_id == candidate.id) == 1


def test_apply_without_consent_is_refused(create_job, make_candidate, apply_to):
    job = create_job()
    candidate = make_candidate()
    response = apply_to(candidate, job, consent=False)
    assert response.status_code == 400
    assert _count(Application, Application.candidate_id == candidate.id) == 0


def test_apply_without_confirmed_profile_explains_and_links_to_profile(create_job, make_candidate, client, login):
    job = create_job()
    candidate = make_candidate(confirmed=False)
    login(candidate)
    page = client.get(f"/jobs/{job.id}/apply")
    assert page.status_code == 200
    assert "profile" in page.get_data(as_text=True).lower() or "简历" in page.get_data(as_text=True)
    response = client.post(f"/jobs/{job.id}/apply", data={"resume_id": "1", "consent": "y"})
    assert _count(Application, Application.candidate_id == candidate.id) == 0
    assert response.status_code == 200


def test_apply_with_someone_elses_resume_is_refused(create_job, make_candidate, client, login):
    job = create_job()
    alice, bob = make_candidate(), make_candidate()
    login(alice)
    response = client.post(f"/jobs/{job.id}/apply", data={"resume_id": str(resume_of(bob)), "consent": "y"})
    assert response.status_code == 400
    assert _count(Application, Application.candidate_id == alice.id) == 0


def test_apply_to_a_draft_or_closed_opening_is_404(create_job, make_candidate, apply_to):
    candidate = make_candidate()
    for status in ("draft", "closed"):
        job = create_job(status=status)
        assert apply_to(candidate, job).status_code == 404


def test_withdraw_then_apply_again(create_job, make_candidate, apply_to, client):
    job = create_job()
    candidate = make_candidate()
    apply_to(candidate, job)
    application = db.session.scalar(select(Application).where(Application.candidate_id == candidate.id))
    response = client.post(f"/me/applications/{application.id}/withdraw")
    assert response.status_code == 302
    db.session.refresh(application)
    assert application.stage == "withdrawn"
    assert [e.to_stage for e in application.events] == ["applied", "withdrawn"]
    assert apply_to(candidate, job).status_code == 302
    assert _count(Application, Application.candidate_id == candidate.id) == 2
    assert _count(ApplicationEvent, ApplicationEvent.application_id == application.id) == 2


def test_one_active_application_is_a_database_constraint(create_job, make_candidate):
    import pytest
    from sqlalchemy.exc import IntegrityError

    job = create_job()
    candidate = make_candidate()
    db.session.add(Application(job_id=job.id, candidate_id=candidate.id, stage="applied"))
    db.session.flush()
    with pytest.raises(IntegrityError), db.session.begin_nested():
        db.session.add(Application(job_id=job.id, candidate_id=candidate.id, stage="screening"))
        db.session.flush()
    # A closed (rejected or withdrawn) one does not count.
    with db.session.begin_nested():
        db.session.add(Application(job_id=job.id, candidate_id=candidate.id, stage="rejected"))
        db.session.flush()


def test_apply_share_consent_is_to_the_current_policy_version(create_job, make_candidate, apply_to, monkeypatch):
    """The share consent names the policy version a consent given now is to (the newest
    published one), not the configured first version."""
    import auth.policy
    from auth.models import Consent

    monkeypatch.setattr(auth.policy, "current_version", lambda: "2030-01-01")
    job = create_job()
    candidate = make_candidate(email="v@example.test", phone="+8613800000077")
    assert apply_to(candidate, job).status_code == 302
    consent = db.session.scalar(select(Consent).where(
        Consent.user_id == candidate.id, Consent.purpose == f"share_with_job:{job.id}"))
    assert consent.policy_version == "2030-01-01"


def test_a_profile_holding_only_a_name_can_apply_and_be_reviewed(create_job, create_user, login, client, recruiter):
    """Security reference 5.M (PIPL art. 16): declining the optional fields (gender, birth
    date, native place, contact, schools, jobs, skills) still allows applying."""
    from resumes.models import Profile, Resume

    job = create_job(department="research")
    candidate = create_user(role="candidate")
    db.session.add(Resume(user_id=candidate.id, storage_key=f"only-name-{candidate.id}", original_name="cv.pdf",
                          kind="pdf", size_bytes=1000, content_digest="e" * 64, status="failed"))
    db.session.commit()
    login(candidate)
    confirmed = client.post("/me/profile/edit", data={"op": "confirm", "name": "王小明"})
    assert confirmed.status_code == 302
    profile = db.session.scalars(select(Profile).where(Profile.user_id == candidate.id)).one()
    assert profile.is_confirmed and profile.name == "王小明"
    assert (profile.gender, profile.birth_date, profile.native_place, profile.email, profile.phone, profile.city,
            profile.summary) == (None, None, None, None, None, None, None)
    assert not profile.education and not profile.work and not profile.skills
    assert client.get(f"/jobs/{job.id}/apply").status_code == 200
    response = client.post(f"/jobs/{job.id}/apply", data={"resume_id": str(resume_of(candidate)), "consent": "y"})
    assert response.status_code == 302 and "/me/applications" in response.headers["Location"]
    application = db.session.scalars(select(Application).where(Application.candidate_id == candidate.id)).one()
    assert application.stage == "applied"
    # The recruiter's pages cope with the empty fields.
    login(recruiter("research"))
    assert client.get(f"/recruit/jobs/{job.id}").status_code == 200
    page = client.get(f"/recruit/candidates/{candidate.id}")
    assert page.status_code == 200 and "王小明" in page.get_data(as_text=True)
