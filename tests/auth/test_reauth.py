"""Re-authentication (SMS purpose ``reauth``, or WeChat) before sensitive actions."""

from __future__ import annotations

from sqlalchemy import select

from auth import sessions
from auth.models import SmsCode
from core.db import db
from tests.auth.conftest import last_code, sign_in_by_sms


def _reauth_flag(client) -> bool:
    with client.session_transaction() as s:
        return isinstance(s.get("reauth_at"), int)


def test_reauth_with_an_sms_code_to_the_bound_number(client, sms_outbox):
    sign_in_by_sms(client, sms_outbox)
    db.session.execute(SmsCode.__table__.delete())  # past the cooldown
    client.get("/auth/reauth?next=/jobs")
    assert client.post("/auth/reauth/send").status_code == 302
    code = last_code(sms_outbox)
    assert db.session.scalar(select(SmsCode.purpose)) == "reauth"
    response = client.post("/auth/reauth/verify", data={"code": code})
    assert response.headers["Location"].endswith("/jobs")
    assert _reauth_flag(client)


def test_a_sign_in_code_does_not_reauthenticate(client, sms_outbox):
    sign_in_by_sms(client, sms_outbox)
    db.session.execute(SmsCode.__table__.delete())
    client.post("/auth/sms/send", data={"phone": "13800138000"})
    client.post("/auth/reauth/verify", data={"code": last_code(sms_outbox)})
    assert not _reauth_flag(client)


def test_reauth_with_wechat_must_be_the_bound_wechat(client, wechat):
    wechat.sign_in("本人")
    from wechat_standin.store import STORE

    me = STORE.persona_list()[-1].id
    start = client.post("/auth/reauth/wechat")
    flow, csrf = wechat.authorize_page(start.headers["Location"])
    back = client.post("/_wechat/connect/confirm", data={"flow": flow, "persona": "new", "nickname": "别人",
                                                           "sex": "0", "approve": "Allow", "csrf_token": csrf})
    wechat.callback(back.headers["Location"])
    assert not _reauth_flag(client)
    start = client.post("/auth/reauth/wechat")
    flow, csrf = wechat.authorize_page(start.headers["Location"])
    back = client.post("/_wechat/connect/confirm", data={"flow": flow, "persona": me, "approve": "Allow",
                                                           "csrf_token": csrf})
    wechat.callback(back.headers["Location"])
    assert _reauth_flag(client)


def test_recently_reauthenticated_expires(app):
    with app.test_request_context():
        assert not sessions.recently_reauthenticated()
        sessions.mark_reauthenticated()
        assert sessions.recently_reauthenticated()
        from flask import session

        session["reauth_at"] -= sessions.REAUTH_MAX_AGE + 1
        assert not sessions.recently_reauthenticated()
