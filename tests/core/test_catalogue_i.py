"""Security reference 5.I, the parts that are about the signed-in account rather than an
object: revocation takes effect on the next request, and stored files are not reachable
by URL."""

from __future__ import annotations

import pytest

from core.db import db

HTML = {"Accept": "text/html"}


def test_deactivated_recruiter_is_refused_on_the_next_request(client, create_user, login):
    staff = create_user(role="recruiter", departments=["research"])
    login(staff)
    assert client.get("/recruit/", headers=HTML).status_code == 200
    staff.is_active = False
    db.session.flush()
    response = client.get("/recruit/", headers=HTML)
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]


def test_demoted_recruiter_is_refused_on_the_next_request(client, create_user, login):
    staff = create_user(role="admin")
    login(staff)
    assert client.get("/recruit/audit").status_code == 200
    staff.role = "recruiter"
    db.session.flush()
    assert client.get("/recruit/audit").status_code == 403
    staff.role = "candidate"
    db.session.flush()
    assert client.get("/recruit/").status_code == 403


def test_stored_files_are_not_reachable_by_url(app, client, create_user, login):
    login(create_user(role="candidate"))
    for path in ("/instance/uploads/x", "/uploads/x", "/static/../instance/config.py", "/static/..%2finstance/x",
                 "/static/%2e%2e/instance/x", "/instance/test.db"):
        assert client.get(path).status_code == 404, path
    assert app.static_folder.endswith("/static") and "instance" not in app.static_folder


def test_a_refusal_is_logged_by_id_and_role(client, create_user, login, caplog):
    user = create_user(role="candidate")
    login(user)
    with caplog.at_level("WARNING", logger="core.access"):
        assert client.get("/recruit/audit").status_code == 403
    lines = [r.getMessage() for r in caplog.records if r.name == "core.access"]
    assert lines == [f"access refused: recruit.audit_log for user {user.id} (role candidate)"]


@pytest.mark.parametrize(("role", "rules"), [("candidate", (("candidate",), "signed_in")),
                                            ("admin", (("admin", "recruiter"), ("admin",)))])
def test_signed_in_pages_are_not_cached(app, client, create_user, login, role, rules):
    """5.N: every page a signed-in user sees may show personal data: ``no-store``."""
    from tests.core.test_access import EXPECTED_RULES, _example_path

    login(create_user(role=role))
    checked = 0
    for endpoint, rule in EXPECTED_RULES.items():
        if rule not in rules:
            continue
        path, methods = _example_path(app, endpoint)
        if "GET" not in methods:
            continue
        response = client.get(path)
        assert response.headers.get("Cache-Control", "").startswith("no-store"), (endpoint, response.status_code)
        checked += 1
    assert checked >= 10


# --- object refusals (IDOR) are logged ------------------------------------------------------------

def test_someone_elses_object_is_the_plain_404_and_a_logged_refusal(client, create_user, login, caplog):
    """``core.access.NotYours``: another candidate's resume gives the very page a missing one
    gives, and one warning with the user, endpoint and object ids (no personal data)."""
    from resumes.models import Resume

    owner = create_user(role="candidate")
    resume = Resume(user_id=owner.id, storage_key="k" * 32, original_name="cv.pdf", kind="pdf", size_bytes=10,
                    content_digest="0" * 64, status="done")
    db.session.add(resume)
    db.session.flush()
    intruder = create_user(role="candidate")
    login(intruder)
    with caplog.at_level("WARNING", logger="core.access"):
        theirs = client.get(f"/me/resumes/{resume.id}", headers={"Accept-Language": "en"})
        missing = client.get(f"/me/resumes/{resume.id + 1000}", headers={"Accept-Language": "en"})
    assert theirs.status_code == missing.status_code == 404
    other_path = f"/me/resumes/{resume.id + 1000}"  # the page links to itself (language switch)
    assert theirs.get_data(as_text=True) == missing.get_data(as_text=True).replace(other_path, f"/me/resumes/{resume.id}")
    records = [r for r in caplog.records if r.name == "core.access"]
    assert [r.getMessage() for r in records] == [
        f"object refused: resumes.resume_detail resume={resume.id} for user {intruder.id} (role candidate)"]
    assert records[0].request_id == theirs.headers["X-Request-ID"]


def test_another_candidates_application_and_export_refusals_are_logged(client, create_user, login, create_job,
                                                                        caplog):
    from careers.models import Application
    from privacy.export import request_export

    owner = create_user(role="candidate")
    application = Application(job_id=create_job().id, candidate_id=owner.id)
    db.session.add(application)
    export, _ = request_export(owner)
    db.session.flush()
    intruder = create_user(role="candidate")
    login(intruder)
    with caplog.at_level("WARNING", logger="core.access"):
        assert client.post(f"/me/applications/{application.id}/withdraw").status_code == 404
        assert client.get(f"/privacy/exports/{export.public_id}").status_code == 404
    messages = [r.getMessage() for r in caplog.records if r.name == "core.access"]
    assert messages == [
        f"object refused: careers.withdraw application={application.id} for user {intruder.id} (role candidate)",
        f"object refused: privacy.export_status export={export.id} for user {intruder.id} (role candidate)"]
    assert all(export.public_id not in m for m in messages)
