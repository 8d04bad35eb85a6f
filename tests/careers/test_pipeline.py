"""The pipeline: stage moves, bulk moves, messages, notifications, history, audit."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from careers import errors
from careers.models import Application
from careers.operations import move_applications
from core.audit import AuditEvent
from core.db import db
from notifications.models import Notification


@pytest.fixture
def setup(create_job, make_candidate, apply_to, recruiter, client, login):
    job = create_job(department="research")
    people = [make_candidate(email=f"c{i}@example.test", phone=f"+861380000010{i}") for i in range(3)]
    for person in people:
        apply_to(person, job)
    staff = recruiter("research")
    login(staff)
    applications = list(db.session.scalars(select(Application).where(Application.job_id == job.id)
                                           .order_by(Application.id)))
    return job, people, staff, applications


def test_move_one_to_interview_with_message_notifies_by_inbox_sms_and_email(setup, client, memory_channels,
                                                                              sms_messages):
    job, people, staff, apps = setup
    memory_channels["email"].clear()
    before = len(sms_messages())
    response = client.post(f"/recruit/jobs/{job.id}/move", data={
        "application_ids": [str(apps[0].id)], "to_stage": "interview", "message": "请周五来面试"})
    assert response.status_code == 302
    db.session.refresh(apps[0])
    assert apps[0].stage == "interview"
    assert apps[0].passed_screening_dt is not None
    assert [e.to_stage for e in apps[0].events] == ["applied", "interview"]
    assert apps[0].events[-1].message == "请周五来面试" and apps[0].events[-1].actor_id == staff.id
    note = db.session.scalars(select(Notification).where(Notification.user_id == people[0].id)
                              .order_by(Notification.id.desc())).first()
    assert note.kind == "application_stage" and note.params["message"] == "请周五来面试"
    assert note.params["label"] == "interviewing"
    # SMS and email left after the commit, to the candidate's own contact details.
    assert [m.to for m in memory_channels["email"]] == ["c0@example.test"]
    sent = sms_messages()[before:]
    assert [m.phone for m in sent] == ["+8613800000100"]
    assert sent[0].template == "application_update"
    audit = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "application.stage")).all()
    assert [(a.subject_id, a.actor_id, a.details["to"]) for a in audit] == [(people[0].id, staff.id, "interview")]


def test_candidate_sees_stage_and_message(setup, client, login):
    job, people, staff, apps = setup
    client.post(f"/recruit/jobs/{job.id}/move", data={
        "application_ids": [str(apps[1].id)], "to_stage": "rejected", "reason": "position_filled",
        "message": "Thank you, the position has been filled."})
    login(people[1])
    page = client.get("/me/applications", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Not selected" in page
    assert "Thank you, the position has been filled." in page
    assert "position_filled" not in page  # the internal reason is not shown to the candidate
    inbox = client.get("/me/inbox", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Not selected" in inbox


def test_bulk_move_moves_all_selected_and_skips_closed(setup, client):
    job, people, staff, apps = setup
    apps[2].stage = "rejected"
    db.session.flush()
    response = client.post(f"/recruit/jobs/{job.id}/move", data={
        "application_ids": [str(a.id) for a in apps], "to_stage": "screening"})
    assert response.status_code == 302
    for a in apps:
        db.session.refresh(a)
    assert [a.stage for a in apps] == ["screening", "screening", "rejected"]
    assert db.session.scalar(select(func.count()).select_from(AuditEvent).where(
        AuditEvent.action == "application.stage")) == 2


def test_reject_needs_a_reason(setup, client):
    job, people, staff, apps = setup
    client.post(f"/recruit/jobs/{job.id}/move", data={"application_ids": [str(apps[0].id)], "to_stage": "rejected"})
    db.session.refresh(apps[0])
    assert apps[0].stage == "applied"
    with pytest.raises(errors.ReasonRequired):
        move_applications(staff, [apps[0]], "rejected")


def test_invalid_stage_is_refused(setup, client):
    job, people, staff, apps = setup
    response = client.post(f"/recruit/jobs/{job.id}/move", data={"application_ids": [str(apps[0].id)],
                                                                 "to_stage": "withdrawn"})
    assert response.status_code == 302
    db.session.refresh(apps[0])
    assert apps[0].stage == "applied"
    with pytest.raises(errors.InvalidTransition):
        move_applications(staff, [apps[0]], "withdrawn")


def test_withdrawn_application_cannot_be_moved(setup, client):
    job, people, staff, apps = setup
    apps[0].stage = "withdrawn"
    db.session.flush()
    response = client.post(f"/recruit/jobs/{job.id}/move", data={"application_ids": [str(apps[0].id)],
                                                                 "to_stage": "interview"})
    assert response.status_code == 404
    db.session.refresh(apps[0])
    assert apps[0].stage == "withdrawn"


def test_move_ignores_nothing_silently_for_other_openings_applications(setup, client, create_job, make_candidate,
                                                                       apply_to, login):
    job, people, staff, apps = setup
    other_job = create_job(department="research")
    other = make_candidate()
    apply_to(other, other_job)
    other_app = db.session.scalar(select(Application).where(Application.job_id == other_job.id))
    login(staff)
    response = client.post(f"/recruit/jobs/{job.id}/move", data={
        "application_ids": [str(apps[0].id), str(other_app.id)], "to_stage": "interview"})
    assert response.status_code == 404
    db.session.refresh(other_app)
    db.session.refresh(apps[0])
    assert other_app.stage == "applied" and apps[0].stage == "applied"


def test_notifications_are_not_sent_when_the_transaction_rolls_back(setup, memory_channels, sms_messages):
    job, people, staff, apps = setup
    memory_channels["email"].clear()
    before = len(sms_messages())
    with db.session.begin_nested() as nested:
        move_applications(staff, [apps[0]], "interview", message="x")
        nested.rollback()
    db.session.rollback()
    assert memory_channels["email"] == []
    assert len(sms_messages()) == before


def test_pipeline_page_lists_stages_and_counts(setup, client):
    job, people, staff, apps = setup
    page = client.get(f"/recruit/jobs/{job.id}")
    assert page.status_code == 200
    body = page.get_data(as_text=True)
    assert body.count('name="application_ids"') == 3


def test_pipeline_page_speaks_chinese_throughout(setup, client):
    """The stage is 已投递 (not the date column's 投递时间, a message the privacy centre also
    uses) and the degree is 硕士, not the code "Master"."""
    job, people, staff, apps = setup
    body = client.get(f"/recruit/jobs/{job.id}", headers={"Accept-Language": "zh-CN"}).get_data(as_text=True)
    assert "<th>投递时间</th>" in body and "<td>已投递</td>" in body
    assert "硕士 (2020)" in body and "Master" not in body
