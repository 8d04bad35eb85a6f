"""A new user, as a person would: WeChat through the stand-in, and a mobile number with the
code from the SMS backend; sign out; sign in again -> the same account."""

from __future__ import annotations

from sqlalchemy import select

from auth.models import Consent, User, WeChatIdentity
from core.db import db
from tests.auth.conftest import sign_in_by_sms


def _me(client):
    page = client.get("/auth/account", headers={"Accept": "text/html"})
    assert page.status_code == 200, page.status_code
    return page


def _sign_out(client):
    with client.session_transaction() as s:
        token = s.get("csrf_token")
    response = client.post("/auth/logout", data={"csrf_token": token or ""})
    assert response.status_code == 302
    assert client.get("/auth/account", headers={"Accept": "text/html"}).status_code == 302


def test_wechat_sign_in_through_the_standin_creates_one_account_and_finds_it_again(client, wechat):
    board = client.get("/jobs")
    assert "Sign in" in board.get_data(as_text=True) or "登录" in board.get_data(as_text=True)
    callback = wechat.approve("张三🙂")
    assert "/auth/wechat/callback/web?" in callback
    response = wechat.callback(callback)
    assert response.headers["Location"].endswith("/auth/consent")
    assert db.session.scalar(select(User).where(User.role == "candidate")) is None  # nothing before consent
    response = client.post("/auth/consent", data={"agree": "y"})
    assert response.status_code == 302
    _me(client)
    users = db.session.scalars(select(User)).all()
    assert len(users) == 1
    first = users[0]
    assert first.wechat is not None and first.wechat.unionid
    consent = db.session.scalar(select(Consent).where(Consent.user_id == first.id))
    assert consent.purpose == "privacy_policy" and consent.channel == "wechat"
    assert consent.policy_version == "2026-12-01" and consent.given_dt is not None
    _sign_out(client)

    # Again with the same persona (the stand-in remembers the device): the same account, no consent page.
    persona = first.wechat.openids[0].openid
    assert persona
    from wechat_standin.store import STORE

    persona_id = STORE.persona_list()[-1].id
    response = wechat.sign_in(persona=persona_id, consent=False)
    assert response.status_code == 302 and not response.headers["Location"].endswith("/auth/consent")
    _me(client)
    assert db.session.scalar(select(db.func.count(User.id))) == 1
    assert db.session.scalar(select(db.func.count(WeChatIdentity.id))) == 1


def test_sms_sign_in_creates_account_then_signs_into_the_same_one(client, sms_outbox):
    response = sign_in_by_sms(client, sms_outbox, "138 0013 8000")
    assert response.status_code == 302
    _me(client)
    user = db.session.scalar(select(User))
    assert user.phone.phone == "+8613800138000"
    consent = db.session.scalar(select(Consent).where(Consent.user_id == user.id))
    assert consent.channel == "sms"
    _sign_out(client)
    client.post("/auth/sms/send", data={"phone": "+86 138-0013-8000"})
    # The cooldown refuses a second code within 60 s
    assert len(sms_outbox.outbox) == 1
