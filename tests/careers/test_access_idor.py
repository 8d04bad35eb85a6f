"""No IDOR: every object route against another candidate, another department's
recruiter and an anonymous visitor.  Objects one may not see answer 404 (or the sign-in
redirect for anonymous visitors), exactly like objects that do not exist."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from careers.models import Application, CandidateNote
from core.db import db


@pytest.fixture
def world(create_job, make_candidate, apply_to, recruiter, create_user):
    job = create_job(department="research")
    owner = make_candidate(name="甲")
    apply_to(owner, job)
    application = db.session.scalar(select(Application).where(Application.candidate_id == owner.id))
    from tests.careers.conftest import resume_of

    return {
        "job": job, "owner": owner, "application": application, "resume_id": resume_of(owner),
        "other_candidate": make_candidate(name="乙"),
        "own_recruiter": recruiter("research"),
        "other_recruiter": recruiter("engineering"),
        "admin": create_user(role="admin"),
    }


def _routes(w):
    job, app_, owner = w["job"], w["application"], w["owner"]
    return [
        ("POST", f"/me/applications/{app_.id}/withdraw", {}, "candidate"),
        ("GET", f"/recruit/jobs/{job.id}", None, "staff"),
        ("GET", f"/recruit/jobs/{job.id}/edit", None, "staff"),
        ("POST", f"/recruit/jobs/{job.id}/edit", {"title_en": "Hijacked", "category": "campus",
                                                   "department": "engineering", "city": "beijing"}, "staff"),
        ("POST", f"/recruit/jobs/{job.id}/status", {"action": "close"}, "staff"),
        ("POST", f"/recruit/jobs/{job.id}/move", {"application_ids": [str(app_.id)], "to_stage": "interview"}, "staff"),
        ("GET", f"/recruit/jobs/{job.id}/export.csv", None, "staff"),
        ("GET", f"/recruit/candidates/{owner.id}", None, "staff"),
        ("POST", f"/recruit/candidates/{owner.id}/notes", {"body": "x", "rating": "5"}, "staff"),
        ("GET", f"/recruit/applications/{app_.id}/resume", None, "staff"),
    ]


def _unchanged(w):
    db.session.expire_all()
    app_ = db.session.get(Application, w["application"].id)
    job = w["job"]
    db.session.refresh(job)
    notes = db.session.scalar(select(func.count()).select_from(CandidateNote))
    return app_.stage == "applied" and job.status == "published" and job.title_en != "Hijacked" and notes == 0


def test_idor_other_candidate_gets_404_or_403_everywhere(world, client, login):
    login(world["other_candidate"])
    for method, path, data, kind in _routes(world):
        response = client.open(path, method=method, data=data)
        expected = (404,) if kind == "candidate" else (403,)
        assert response.status_code in expected, (method, path, response.status_code)
    assert _unchanged(world)


def test_idor_other_departments_recruiter_gets_404_everywhere(world, client, login):
    login(world["other_recruiter"])
    for method, path, data, kind in _routes(world):
        response = client.open(path, method=method, data=data)
        expected = (403,) if kind == "candidate" else (404,)
        assert response.status_code in expected, (method, path, response.status_code)
    assert _unchanged(world)


def test_idor_anonymous_is_sent_to_sign_in(world, app):
    client = app.test_client()  # not signed in (the fixture's client signed the owner in)
    for method, path, data, _kind in _routes(world):
        response = client.open(path, method=method, data=data, headers={"Accept": "text/html"})
        assert response.status_code in (302, 401), (method, path, response.status_code)
        if response.status_code == 302:
            assert "/auth/login" in response.headers["Location"]
    assert _unchanged(world)


def test_own_department_recruiter_and_admin_can_see(world, client, login):
    for who in ("own_recruiter", "admin"):
        login(world[who])
        assert client.get(f"/recruit/jobs/{world['job'].id}").status_code == 200
        assert client.get(f"/recruit/candidates/{world['owner'].id}").status_code == 200


def test_candidate_cannot_withdraw_another_candidates_application_nor_see_it(world, client, login):
    login(world["other_candidate"])
    page = client.get("/me/applications").get_data(as_text=True)
    assert f"application-{world['application'].id}" not in page
    assert client.post(f"/me/applications/{world['application'].id}/withdraw").status_code == 404


def test_withdrawn_candidate_disappears_from_the_recruiter(world, client, login):
    login(world["owner"])
    client.post(f"/me/applications/{world['application'].id}/withdraw")
    login(world["own_recruiter"])
    assert client.get(f"/recruit/candidates/{world['owner'].id}").status_code == 404


def test_recruiter_cannot_create_an_opening_outside_their_departments(world, client, login):
    login(world["other_recruiter"])
    response = client.post("/recruit/jobs/new", data={"title_en": "X", "category": "campus",
                                                      "department": "research", "city": "beijing"})
    assert response.status_code == 200  # the form again, with an error
    from careers.models import Job

    assert db.session.scalar(select(func.count()).select_from(Job).where(Job.title_en == "X")) == 0


def test_search_only_reveals_candidates_of_own_departments(world, client, login):
    login(world["other_recruiter"])
    page = client.get("/recruit/candidates?q=python").get_data(as_text=True)
    assert f"/recruit/candidates/{world['owner'].id}" not in page
    login(world["own_recruiter"])
    page = client.get("/recruit/candidates?q=python").get_data(as_text=True)
    assert f"/recruit/candidates/{world['owner'].id}" in page


def test_recruiter_with_no_departments_sees_nothing(world, client, login, recruiter):
    login(recruiter())
    assert client.get(f"/recruit/jobs/{world['job'].id}").status_code == 404
    page = client.get("/recruit/candidates").get_data(as_text=True)
    assert f"/recruit/candidates/{world['owner'].id}" not in page


def test_admin_pages_are_admin_only(world, client, login):
    for who in ("own_recruiter", "owner"):
        login(world[who])
        for path in ("/recruit/audit", "/recruit/recruiters"):
            assert client.get(path).status_code == 403
        assert client.post(f"/recruit/recruiters/{world['own_recruiter'].id}",
                           data={f"r{world['own_recruiter'].id}-departments": ["engineering"]}).status_code == 403
    db.session.refresh(world["own_recruiter"])
    assert world["own_recruiter"].departments == ["research"]


def test_admin_assigns_departments_and_it_takes_effect_at_once(world, client, login):
    login(world["admin"])
    rid = world["other_recruiter"].id
    assert client.get("/recruit/recruiters").status_code == 200
    bad = client.post(f"/recruit/recruiters/{rid}", data={f"r{rid}-departments": ["research", "nonsense"]})
    assert bad.status_code == 400
    response = client.post(f"/recruit/recruiters/{rid}", data={f"r{rid}-departments": ["research"]})
    assert response.status_code == 302
    db.session.refresh(world["other_recruiter"])
    assert world["other_recruiter"].departments == ["research"]
    login(world["other_recruiter"])
    assert client.get(f"/recruit/jobs/{world['job'].id}").status_code == 200
