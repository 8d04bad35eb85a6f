"""The candidate page: profile, notes and ratings, blind screening, duplicates, resume,
audit; the CSV export; statistics; the audit-log page."""

from __future__ import annotations

import csv
import io

import pytest
from sqlalchemy import select

from careers.models import Application
from core.audit import AuditEvent
from core.db import db


def _application(candidate):
    return db.session.scalar(select(Application).where(Application.candidate_id == candidate.id))


@pytest.fixture
def blind(create_job, make_candidate, apply_to, recruiter, login):
    job = create_job(department="research", is_blind_screening=True)
    person = make_candidate(name="赵六", gender="male", birth_date="1990-02-03", native_place="四川成都",
                            skills=["机器学习"])
    apply_to(person, job)
    staff = recruiter("research")
    login(staff)
    return job, person, staff


def test_blind_screening_hides_identity_until_interview(blind, client):
    job, person, staff = blind
    page = client.get(f"/recruit/candidates/{person.id}").get_data(as_text=True)
    for secret in ("赵六", "1990-02-03", "四川成都"):
        assert secret not in page
    assert "机器学习" in page  # skills stay visible
    pipeline = client.get(f"/recruit/jobs/{job.id}").get_data(as_text=True)
    assert "赵六" not in pipeline
    search = client.get("/recruit/candidates", query_string={"q": "机器学习"}).get_data(as_text=True)
    assert "赵六" not in search and f"/recruit/candidates/{person.id}" in search
    export = client.get(f"/recruit/jobs/{job.id}/export.csv").get_data(as_text=True)
    assert "赵六" not in export
    app_ = _application(person)
    assert client.get(f"/recruit/applications/{app_.id}/resume").status_code == 404
    # Screening passed: moved to interview.
    client.post(f"/recruit/jobs/{job.id}/move", data={"application_ids": [str(app_.id)], "to_stage": "screening"})
    assert "赵六" not in client.get(f"/recruit/candidates/{person.id}").get_data(as_text=True)
    client.post(f"/recruit/jobs/{job.id}/move", data={"application_ids": [str(app_.id)], "to_stage": "interview"})
    page = client.get(f"/recruit/candidates/{person.id}").get_data(as_text=True)
    assert "赵六" in page and "1990-02-03" in page and "四川成都" in page


def test_candidate_view_is_audited_with_blind_flag(blind, client):
    job, person, staff = blind
    client.get(f"/recruit/candidates/{person.id}")
    event = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "candidate.view")).one()
    assert (event.actor_id, event.actor_role, event.subject_id) == (staff.id, "recruiter", person.id)
    assert event.details == {"blind": True}


def test_notes_and_ratings(create_job, make_candidate, apply_to, recruiter, login, client):
    job = create_job(department="research")
    person = make_candidate()
    apply_to(person, job)
    login(recruiter("research"))
    assert client.post(f"/recruit/candidates/{person.id}/notes", data={"body": "Strong on ML", "rating": "4"}).status_code == 302
    assert client.post(f"/recruit/candidates/{person.id}/notes", data={"body": "", "rating": "2"}).status_code == 302
    client.post(f"/recruit/candidates/{person.id}/notes", data={"body": "", "rating": "9"})  # refused
    client.post(f"/recruit/candidates/{person.id}/notes", data={"body": "", "rating": ""})  # refused
    page = client.get(f"/recruit/candidates/{person.id}").get_data(as_text=True)
    assert "Strong on ML" in page and "3.0" in page
    from careers.models import CandidateNote

    assert [n.rating for n in db.session.scalars(select(CandidateNote).order_by(CandidateNote.id))] == [4, 2]


def test_duplicates_same_contact_and_similar_person(create_job, make_candidate, apply_to, recruiter, login, client):
    job = create_job(department="research")
    first = make_candidate(name="陈七", phone="+8613900000001", schools=[("复旦大学", "Bachelor", "2018")],
                           birth_date="1995-01-01")
    same_phone = make_candidate(name="Chen Qi", phone="+8613900000001")
    similar = make_candidate(name="陈七", schools=[("复旦大学", "Master", "2021")], birth_date="1995-01-01")
    namesake = make_candidate(name="陈七", schools=[("浙江大学", "Bachelor", "2018")], birth_date="1995-01-01")
    hidden = make_candidate(name="陈七", schools=[("复旦大学", "Bachelor", "2018")], birth_date="1995-01-01")
    for person in (first, same_phone, similar, namesake):
        apply_to(person, job)
    apply_to(hidden, create_job(department="engineering"))  # not visible to this recruiter
    login(recruiter("research"))
    from careers.workspace import candidate_card

    staff = recruiter("research")
    card = candidate_card(staff, first.id)
    assert card.duplicates == [(same_phone.id, "same_contact"), (similar.id, "similar")]
    page = client.get(f"/recruit/candidates/{first.id}").get_data(as_text=True)
    assert f"/recruit/candidates/{similar.id}" in page and f"/recruit/candidates/{hidden.id}" not in page


def test_resume_download_goes_through_resumes_and_is_audited(create_job, make_candidate, apply_to, recruiter,
                                                              login, client, monkeypatch):
    from resumes import operations as resume_ops

    monkeypatch.setattr(resume_ops, "_read_file", lambda resume: resume_ops.ResumeFile(
        data=b"%PDF-1.4 test", download_name="resume.pdf", mimetype="application/pdf"))
    job = create_job(department="research")
    person = make_candidate()
    apply_to(person, job)
    staff = recruiter("research")
    login(staff)
    app_ = _application(person)
    response = client.get(f"/recruit/applications/{app_.id}/resume")
    assert response.status_code == 200 and response.data == b"%PDF-1.4 test"
    assert "attachment" in response.headers["Content-Disposition"]
    assert response.headers["Cache-Control"].startswith("no-store")
    event = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "resume.download")).one()
    assert (event.actor_id, event.subject_id, event.details["purpose"]) == (staff.id, person.id, f"application:{app_.id}")


@pytest.mark.parametrize("dangerous", ["=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"])
def test_export_neutralises_formula_injection(create_job, make_candidate, apply_to, recruiter, login, client,
                                              dangerous):
    job = create_job(department="research")
    person = make_candidate(name=dangerous)
    apply_to(person, job, note=dangerous)
    login(recruiter("research"))
    response = client.get(f"/recruit/jobs/{job.id}/export.csv")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    name_cell, note_cell = rows[1][2], rows[1][9]
    assert name_cell == "'" + dangerous
    # (the note was stripped of surrounding whitespace when it was submitted)
    assert note_cell in ("'" + dangerous, dangerous.strip())
    assert not note_cell.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert db.session.scalars(select(AuditEvent).where(AuditEvent.action == "pipeline.export")).one()


def test_spreadsheet_safe_leaves_ordinary_values():
    from careers.recruit import spreadsheet_safe

    assert spreadsheet_safe("张三") == "张三" and spreadsheet_safe(42) == "42" and spreadsheet_safe(None) == ""
    assert spreadsheet_safe("a=b") == "a=b"


def test_statistics_are_counts_only(create_job, make_candidate, apply_to, recruiter, login, client):
    job = create_job(department="research", city="shanghai")
    people = [make_candidate(name=f"统计{i}") for i in range(4)]
    for p in people:
        apply_to(p, job)
    staff = recruiter("research")
    login(staff)
    apps = list(db.session.scalars(select(Application).where(Application.job_id == job.id).order_by(Application.id)))
    client.post(f"/recruit/jobs/{job.id}/move", data={"application_ids": [str(a.id) for a in apps[:2]], "to_stage": "screening"})
    client.post(f"/recruit/jobs/{job.id}/move", data={"application_ids": [str(apps[0].id)], "to_stage": "interview"})
    from careers.workspace import statistics

    stats = statistics(staff)
    assert stats.total == 4
    assert [(s, n) for s, n, _ in stats.funnel] == [("applied", 4), ("screening", 2), ("interview", 1), ("offer", 0), ("hired", 0)]
    assert stats.funnel[1][2] == 50.0
    assert stats.by_city == [("shanghai", 4)]
    page = client.get("/recruit/stats").get_data(as_text=True)
    assert all(f"统计{i}" not in page for i in range(4))


def test_audit_log_page_filters(create_job, make_candidate, apply_to, recruiter, create_user, login, client):
    job = create_job(department="research")
    person = make_candidate()
    apply_to(person, job)
    staff = recruiter("research")
    login(staff)
    client.get(f"/recruit/candidates/{person.id}")
    admin = create_user(role="admin")
    login(admin)
    def rows(**args):
        return client.get("/recruit/audit", query_string=args).get_data(as_text=True).split("<tbody>")[1]

    page = rows(actor_id=staff.id, action="candidate.view")
    assert "candidate.view" in page and "application.submit" not in page
    page = rows(subject_id=person.id)
    assert "application.submit" in page and "candidate.view" in page
    page = client.get("/recruit/audit", query_string={"date_from": "2999-01-01"}).get_data(as_text=True)
    assert "candidate.view" not in page.split("<tbody>")[1]
    for bad in ({"actor_id": "x"}, {"date_from": "not-a-date"}, {"page": "-5"}, {"action": "' or 1=1"}):
        assert client.get("/recruit/audit", query_string=bad).status_code == 200


def test_openings_create_edit_publish_close_reopen(recruiter, login, client):
    from careers.models import Job

    login(recruiter("design"))
    response = client.post("/recruit/jobs/new", data={"title_zh": "设计师", "title_en": "Designer", "category": "experienced",
                                                      "department": "design", "city": "shanghai",
                                                      "description_zh": "用户体验设计"})
    assert response.status_code == 302
    job = db.session.scalar(select(Job).where(Job.title_en == "Designer"))
    assert job.status == "draft" and "用户体验设计" in job.search_text
    assert client.get(f"/jobs/{job.id}").status_code == 404  # drafts are not public
    client.post(f"/recruit/jobs/{job.id}/edit", data={"title_zh": "交互设计师", "title_en": "Designer", "category": "experienced",
                                                       "department": "design", "city": "beijing"})
    db.session.refresh(job)
    assert job.title_zh == "交互设计师" and "交互设计师" in job.search_text and job.city == "beijing"
    for action, status in (("publish", "published"), ("close", "closed"), ("reopen", "published")):
        client.post(f"/recruit/jobs/{job.id}/status", data={"action": action})
        db.session.refresh(job)
        assert job.status == status
    assert client.get(f"/jobs/{job.id}").status_code == 200
    assert client.post(f"/recruit/jobs/{job.id}/status", data={"action": "explode"}).status_code == 400
