"""The acceptance journey, as a person would go through it (through the test client):
sign in with WeChat, upload a resume, apply; a recruiter views the profile; the candidate
sees that view, downloads the zip, cancels the account (re-authenticating with WeChat)
and gets a receipt; the same WeChat user can then sign up again as a new candidate."""

from __future__ import annotations

import io
import re
import zipfile
from urllib.parse import urlsplit

import pytest

from core.db import db
from tests.conftest import put_signed_in


@pytest.fixture(autouse=True)
def _standin_reset(app):
    from wechat_standin.store import STORE

    STORE.reset()
    yield
    STORE.reset()


def _authorize(client, location):
    parts = urlsplit(location)
    html = client.get(parts.path + "?" + parts.query).get_data(as_text=True)
    flow = re.search(r'name="flow"[^>]*value="([^"]+)"', html) or re.search(r'value="([^"]+)"[^>]*name="flow"', html)
    back = client.post("/_wechat/connect/confirm", data={"flow": flow.group(1), "persona": "lina",
                                                         "nickname": "Li Na 李娜", "sex": "0", "approve": "Allow"})
    assert back.status_code == 302, back.get_data(as_text=True)[:300]
    parts = urlsplit(back.headers["Location"])
    return client.get(parts.path + "?" + parts.query)


def _sign_in_with_wechat(client):
    response = _authorize(client, client.get("/auth/wechat/start").headers["Location"])
    if response.headers.get("Location", "").endswith("/auth/consent"):
        response = client.post("/auth/consent", data={"agree": "y"})
    assert response.status_code == 302


def _me(client):
    from auth.models import User

    with client.session_transaction() as session:
        token = session["_user_id"]
    return db.session.query(User).filter_by(session_token=token).one()


def test_journey_apply_see_access_download_cancel(app, client, create_job, create_user, monkeypatch, dispatchers):
    from careers import operations as careers_ops
    from privacy.export import build_export
    from resumes import operations as resume_ops
    from resumes import tasks
    from resumes.profiledata import ProfileData
    from tests.privacy.conftest import TEXT_RESUME, fake_sandbox

    _sign_in_with_wechat(client)
    me = _me(client)
    uploaded = client.post("/me/resumes", data={"file": (io.BytesIO(TEXT_RESUME), "简历.txt"), "consent": "y"},
                           content_type="multipart/form-data")  # the upload form's own consent box, ticked
    assert uploaded.status_code in (200, 302, 303)
    resume_id = dispatchers["resumes"].dispatched[-1]
    fields = {"name": "隐私测试员", "email": "privacy.tester@example.org", "phone": "+8613912345678",
              "birth_date": "1990-05-17", "company": "Quokkasoft", "marker": "ZephyrMarkerQ"}
    monkeypatch.setattr(tasks, "_sandbox", lambda: fake_sandbox(fields))
    assert tasks.run_parse(resume_id) == "done"
    resume_ops.confirm_profile(me, ProfileData(name="隐私测试员", birth_date="1990-05-17", phone="+8613912345678"))
    db.session.commit()
    job = create_job()
    db.session.commit()
    applied = client.post(f"/jobs/{job.id}/apply", data={"resume_id": resume_id, "consent": "y"})
    assert applied.status_code in (302, 303), applied.get_data(as_text=True)[:500]

    recruiter = create_user(role="recruiter", email="rec@example.com")
    careers_ops.record_profile_view(recruiter, me.id, blind=False)
    db.session.commit()

    with client.session_transaction() as session:
        session["lang"] = "en"
    assert "viewed your profile" in client.get("/privacy/access").get_data(as_text=True)

    client.post("/privacy/exports")
    export_id = dispatchers["privacy"].dispatched[-1]
    build_export(export_id)
    db.session.commit()
    from privacy.models import DataExport

    export = db.session.get(DataExport, export_id)
    archive = zipfile.ZipFile(io.BytesIO(client.post(f"/privacy/exports/{export.public_id}/download").data))
    assert "profile.json" in archive.namelist() and "account.json" in archive.namelist()
    assert any(n.startswith("resumes/") and n.endswith(".txt") for n in archive.namelist())

    # Cancel, re-authenticating with WeChat.
    start = client.post("/privacy/cancel/wechat")
    assert start.status_code == 302
    back = _authorize(client, start.headers["Location"])
    assert back.status_code == 302 and back.headers["Location"].endswith("/privacy/cancel/confirm")
    done = client.post("/privacy/cancel/confirm", data={"confirm": "y"})
    assert done.headers["Location"].endswith("/privacy/cancelled")
    receipt = client.get("/privacy/cancelled").get_data(as_text=True)
    assert re.search(r"ER-[0-9A-F]{16}", receipt)

    old_id = me.id
    db.session.expire_all()
    _sign_in_with_wechat(client)
    assert _me(client).id != old_id  # a new, unrelated candidate


def test_journey_wechat_reauth_refuses_another_wechat_user(app, client, make_person):
    from auth.models import User

    person = make_person(apply=False)
    with client.session_transaction() as session:
        put_signed_in(session, person.user)
    start = client.post("/privacy/cancel/wechat")
    back = _authorize(client, start.headers["Location"])  # "lina" is not this account's WeChat
    assert back.status_code == 302 and back.headers["Location"].endswith("/privacy/cancel")
    assert client.get("/privacy/cancel/confirm").status_code == 302
    assert db.session.get(User, person.user.id) is not None
