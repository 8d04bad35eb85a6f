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
