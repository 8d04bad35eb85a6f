"""The privacy centre's pages: who may open each, and the flows a candidate goes through."""

from __future__ import annotations

import pytest

from core.db import db

CANDIDATE_PAGES = ["/privacy/", "/privacy/access", "/privacy/guardian", "/privacy/cancel", "/privacy/consent"]
CANDIDATE_POSTS = ["/privacy/consents/withdraw", "/privacy/consents/resume-processing", "/privacy/exports",
                   "/privacy/cancel/wechat", "/privacy/cancel/confirm"]
PUBLIC_PAGES = ["/privacy/policy", "/privacy/policy/2026-12-01", "/privacy/cookies"]


@pytest.mark.parametrize("path", CANDIDATE_PAGES + ["/privacy/admin/erasures"])
def test_views_anonymous_is_sent_to_sign_in(client, path):
    response = client.get(path, headers={"Accept": "text/html"})
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]


@pytest.mark.parametrize("path", CANDIDATE_POSTS)
def test_views_anonymous_cannot_post(client, path):
    assert client.post(path).status_code in (401, 302)


@pytest.mark.parametrize("path", CANDIDATE_PAGES + CANDIDATE_POSTS)
@pytest.mark.parametrize("role", ["recruiter", "admin"])
def test_views_staff_cannot_use_the_candidate_centre(client, login, create_user, path, role):
    login(create_user(role=role))
    response = client.get(path) if path in CANDIDATE_PAGES else client.post(path)
    assert response.status_code == 403


@pytest.mark.parametrize("role", ["candidate", "recruiter"])
def test_views_admin_page_is_for_admins_only(client, login, create_user, role):
    login(create_user(role=role))
    assert client.get("/privacy/admin/erasures").status_code == 403
    login(create_user(role="admin"))
    assert client.get("/privacy/admin/erasures").status_code == 200


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_views_public_pages(client, path):
    for lang in ("en", "zh_Hans"):
        with client.session_transaction() as session:
            session["lang"] = lang
        response = client.get(path)
        assert response.status_code == 200
    assert client.get("/privacy/policy/../../etc").status_code == 404
    assert client.get("/privacy/policy/1999-01-01").status_code == 404


def test_views_policy_covers_what_is_collected(client):
    with client.session_transaction() as session:
        session["lang"] = "en"
    text = client.get("/privacy/policy").get_data(as_text=True)
    for words in ("WeChat", "mobile number", "date of birth", "gender", "native place", "education",
                  "work experience", "How long", "Where", "rights", "Contact", "under 14"):
        assert words in text, words
    with client.session_transaction() as session:
        session["lang"] = "zh_Hans"
    zh = client.get("/privacy/policy").get_data(as_text=True)
    for words in ("微信", "手机号", "出生日期", "性别", "籍贯", "教育经历", "工作经历", "保存期限", "您的权利", "联系我们"):
        assert words in zh, words


def test_views_centre_shows_only_my_data(client, login, make_person):
    person = make_person()
    other = make_person()
    login(other.user)
    text = client.get("/privacy/").get_data(as_text=True)
    assert other.name in text and person.name not in text
    assert other.phone not in text  # masked on screen; in full in the download


def test_views_who_accessed_my_data_shows_roles_not_names(client, login, make_person, create_user):
    recruiter = create_user(role="recruiter", email="rec.person@example.com")
    person = make_person(recruiter=recruiter)
    login(person.user)
    with client.session_transaction() as session:
        session["lang"] = "en"
    text = client.get("/privacy/access").get_data(as_text=True)
    assert "viewed your profile" in text and "Recruiter R-" in text
    assert "added a note or rating about you" in text
    assert "rec.person@example.com" not in text


def test_views_footer_links_to_privacy(client, login, make_person):
    text = client.get("/jobs").get_data(as_text=True)
    assert "/privacy/policy" in text and "/privacy/cookies" in text and 'href="/privacy/"' not in text
    login(make_person(apply=False).user)
    assert 'href="/privacy/"' in client.get("/jobs").get_data(as_text=True)


def test_views_keep_profile_link(client, make_person):
    from privacy.models import RetentionNotice
    from privacy.retention import keep_token

    person = make_person(apply=False)
    assert client.get("/privacy/keep/not-a-token").status_code == 400
    assert client.get(f"/privacy/keep/{keep_token(person.user.id)}").status_code == 200
    assert db.session.get(RetentionNotice, person.user.id).kept_dt is not None


def test_views_cancel_needs_reauthentication(client, login, make_person):
    person = make_person(apply=False)
    login(person.user)
    response = client.get("/privacy/cancel/confirm")
    assert response.status_code == 302 and response.headers["Location"].endswith("/privacy/cancel")
    assert client.post("/privacy/cancel/confirm", data={"confirm": "y"}).status_code == 302
    from auth.models import User

    assert db.session.get(User, person.user.id) is not None


def test_views_cancel_account_by_sms_code_end_to_end(client, login, make_person, sms_outbox):
    from auth.models import User
    from privacy.models import ErasureRecord

    person = make_person()
    login(person.user)
    assert client.get("/privacy/cancel").status_code == 200
    assert client.post("/privacy/cancel", data={"step": "send"}).status_code == 302
    code = [m for m in sms_outbox.outbox if m.phone == person.phone][-1].params["code"]
    wrong = client.post("/privacy/cancel", data={"step": "verify", "c-code": "000000" if code != "000000" else "1"})
    assert wrong.status_code == 200
    ok = client.post("/privacy/cancel", data={"step": "verify", "c-code": code})
    assert ok.status_code == 302 and ok.headers["Location"].endswith("/privacy/cancel/confirm")
    with client.session_transaction() as session:
        session["lang"] = "en"
    page = client.get("/privacy/cancel/confirm").get_data(as_text=True)
    assert "What will be erased" in page and "What is kept" in page
    unticked = client.post("/privacy/cancel/confirm", data={})
    assert unticked.status_code == 200 and db.session.get(User, person.user.id) is not None
    done = client.post("/privacy/cancel/confirm", data={"confirm": "y"})
    assert done.status_code == 302 and done.headers["Location"].endswith("/privacy/cancelled")
    receipt = client.get("/privacy/cancelled").get_data(as_text=True)
    record = db.session.query(ErasureRecord).one()
    assert record.receipt_id in receipt
    db.session.expire_all()
    assert db.session.get(User, person.user.id) is None
    # Signed out: the centre asks to sign in.
    assert client.get("/privacy/", headers={"Accept": "text/html"}).status_code == 302


def test_views_auth_policy_link_leads_to_the_versioned_policy(client):
    response = client.get("/auth/policy")
    assert response.status_code == 302 and response.headers["Location"].endswith("/privacy/policy")
