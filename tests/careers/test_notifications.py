"""Notifications: the inbox with its unread count, SMS through auth's backend, email
through SMTP (against a real SMTP server on loopback, aiosmtpd)."""

from __future__ import annotations

import socket
import time

import pytest
from sqlalchemy import select

from core.db import db
from notifications.email import Email, send_email
from notifications.models import Notification
from notifications.operations import deliver, notify


def test_inbox_unread_count_in_nav_and_mark_read(create_job, make_candidate, apply_to, client):
    job = create_job()
    person = make_candidate()
    apply_to(person, job)
    page = client.get("/me/inbox", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert 'class="badge"' in page and "We received your application" in page
    assert client.post("/me/inbox/read").status_code == 302
    page = client.get("/me/inbox").get_data(as_text=True)
    assert 'class="badge"' not in page
    assert all(n.read_dt for n in db.session.scalars(select(Notification).where(Notification.user_id == person.id)))


def test_inbox_shows_only_own_notifications(create_job, make_candidate, apply_to, client, login):
    job = create_job()
    a, b = make_candidate(), make_candidate()
    apply_to(a, job)
    login(b)
    page = client.get("/me/inbox").get_data(as_text=True)
    assert "inbox-item" not in page


def test_inbox_text_follows_the_readers_language(create_job, make_candidate, apply_to, client):
    job = create_job(title_zh="数据科学家", title_en="Data Scientist")
    apply_to(make_candidate(), job)
    assert "Data Scientist" in client.get("/me/inbox", headers={"Accept-Language": "en"}).get_data(as_text=True)
    zh = client.get("/me/inbox", headers={"Accept-Language": "zh-CN"}).get_data(as_text=True)
    assert "数据科学家" in zh


def test_failing_channel_does_not_break_the_others(app, monkeypatch, memory_channels, create_user):
    from auth.sms import SmsUnavailable, backend

    user = create_user()
    backend().fail_with = SmsUnavailable("down")  # type: ignore[attr-defined]
    note = notify(user.id, "application_stage", {"job_title_en": "X", "label": "offer"}, phone="+8613800000000",
                  email="x@example.test")
    items = db.session.info.pop("notifications_outbox")
    deliver(items)
    assert [m.to for m in memory_channels["email"]] == ["x@example.test"]
    assert note.id


@pytest.fixture
def smtp_server():
    aiosmtpd = pytest.importorskip("aiosmtpd.controller")
    from aiosmtpd.handlers import Message

    received = []

    class Collect(Message):
        def handle_message(self, message):  # noqa: ANN001
            received.append(message)

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    controller = aiosmtpd.Controller(Collect(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield port, received
    finally:
        controller.stop()


def test_email_over_smtp_reaches_a_real_server(app, monkeypatch, smtp_server):
    port, received = smtp_server
    monkeypatch.setitem(app.config, "EMAIL_BACKEND", "smtp")
    monkeypatch.setitem(app.config, "SMTP_HOST", "127.0.0.1")
    monkeypatch.setitem(app.config, "SMTP_PORT", port)
    monkeypatch.setitem(app.config, "SMTP_STARTTLS", False)
    monkeypatch.setitem(app.config, "EMAIL_FROM", "careers@example.test")
    send_email(Email(to="cand@example.test", subject="您的申请：面试", body="您的申请：面试\nYour application: Interviewing\n"))
    deadline = time.time() + 5
    while not received and time.time() < deadline:
        time.sleep(0.05)
    assert len(received) == 1
    message = received[0]
    assert message["To"] == "cand@example.test" and message["From"] == "careers@example.test"
    body = message.get_payload(decode=True).decode("utf-8")
    assert "Your application: Interviewing" in body and "面试" in body


def test_stage_change_email_goes_over_smtp_after_commit(app, monkeypatch, smtp_server, create_job, make_candidate,
                                                        apply_to, recruiter, login, client):
    port, received = smtp_server
    job = create_job(department="research", title_en="Robotics Engineer")
    person = make_candidate(email="robot@example.test")
    apply_to(person, job)
    monkeypatch.setitem(app.config, "EMAIL_BACKEND", "smtp")
    monkeypatch.setitem(app.config, "SMTP_HOST", "127.0.0.1")
    monkeypatch.setitem(app.config, "SMTP_PORT", port)
    from careers.models import Application

    application = db.session.scalar(select(Application).where(Application.candidate_id == person.id))
    login(recruiter("research"))
    client.post(f"/recruit/jobs/{job.id}/move", data={"application_ids": [str(application.id)], "to_stage": "offer",
                                                      "message": "Congratulations"})
    deadline = time.time() + 5
    while not received and time.time() < deadline:
        time.sleep(0.05)
    assert [m["To"] for m in received] == ["robot@example.test"]
    assert "Robotics Engineer" in received[0].get_payload(decode=True).decode("utf-8")


def test_smtp_down_does_not_break_the_stage_change(app, monkeypatch, create_job, make_candidate, apply_to,
                                                   recruiter, login, client):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed_port = s.getsockname()[1]
    monkeypatch.setitem(app.config, "EMAIL_BACKEND", "smtp")
    monkeypatch.setitem(app.config, "SMTP_HOST", "127.0.0.1")
    monkeypatch.setitem(app.config, "SMTP_PORT", closed_port)
    monkeypatch.setitem(app.config, "SMTP_TIMEOUT", 1)
    job = create_job(department="research")
    person = make_candidate(email="down@example.test")
    apply_to(person, job)
    from careers.models import Application

    application = db.session.scalar(select(Application).where(Application.candidate_id == person.id))
    login(recruiter("research"))
    response = client.post(f"/recruit/jobs/{job.id}/move", data={"application_ids": [str(application.id)],
                                                                 "to_stage": "screening"})
    assert response.status_code == 302
    db.session.refresh(application)
    assert application.stage == "screening"
