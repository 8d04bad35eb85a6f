"""The issue's acceptance story, end to end through HTTP: a candidate applies to two
openings; a recruiter finds them by a Chinese skill and an English school, opens the
profile, rates, moves one application to interview and rejects the other with a
message; the candidate sees both changes and messages; the audit log shows each access."""

from __future__ import annotations

from sqlalchemy import select

from careers.models import Application
from core.audit import AuditEvent
from core.db import db


def test_acceptance_story(create_job, make_candidate, apply_to, recruiter, create_user, login, client):
    first = create_job(department="research", title_zh="机器学习研究员", title_en="ML Researcher")
    second = create_job(department="research", title_zh="数据科学家", title_en="Data Scientist")
    person = make_candidate(name="测试者", skills=["机器学习", "Python"],
                            schools=[("Zhejiang University", "Master", "2022")])
    assert apply_to(person, first, note="可尽快入职").status_code == 302
    assert apply_to(person, second).status_code == 302

    staff = recruiter("research")
    login(staff)
    for path in ("/recruit/", "/recruit/jobs/new", "/recruit/stats", f"/recruit/jobs/{first.id}"):
        assert client.get(path).status_code == 200, path
    by_skill = client.get("/recruit/candidates", query_string={"q": "机器学习"}).get_data(as_text=True)
    by_school = client.get("/recruit/candidates", query_string={"q": "zhejiang university"}).get_data(as_text=True)
    assert f"/recruit/candidates/{person.id}" in by_skill and f"/recruit/candidates/{person.id}" in by_school
    assert "测试者" in client.get(f"/recruit/candidates/{person.id}").get_data(as_text=True)
    client.post(f"/recruit/candidates/{person.id}/notes", data={"body": "扎实", "rating": "5"})
    apps = {a.job_id: a for a in db.session.scalars(select(Application).where(Application.candidate_id == person.id))}
    client.post(f"/recruit/jobs/{first.id}/move", data={"application_ids": [str(apps[first.id].id)],
                                                        "to_stage": "interview", "message": "周三下午面试",
                                                        "back": f"/recruit/candidates/{person.id}"})
    client.post(f"/recruit/jobs/{second.id}/move", data={"application_ids": [str(apps[second.id].id)],
                                                         "to_stage": "rejected", "reason": "experience",
                                                         "message": "感谢关注，期待再次合作"})

    login(person)
    mine = client.get("/me/applications").get_data(as_text=True)
    assert "面试中" in mine and "未通过" in mine
    assert "周三下午面试" in mine and "感谢关注，期待再次合作" in mine
    inbox = client.get("/me/inbox").get_data(as_text=True)
    assert inbox.count("inbox-item unread") == 4  # two received, two changes

    login(create_user(role="admin"))
    log = client.get("/recruit/audit", query_string={"subject_id": person.id}).get_data(as_text=True)
    for action in ("application.submit", "candidate.search", "candidate.view", "candidate.note", "application.stage"):
        assert action in log.split("<tbody>")[1], action
    actions = [e.action for e in db.session.scalars(select(AuditEvent).where(AuditEvent.subject_id == person.id))]
    assert actions.count("application.stage") == 2 and actions.count("candidate.search") == 2
