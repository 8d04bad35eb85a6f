"""Accounts: binding and its conflicts, unbinding the last identity, sessions (new id at
sign-in, sign out, sign out everywhere, idle timeout), erasure cascades, open redirects."""

from __future__ import annotations

import time
from urllib.parse import urlencode, urlsplit

import pytest
from sqlalchemy import func, select

from auth import operations
from auth.errors import IdentityConflict, LastIdentity
from auth.models import Consent, PhoneIdentity, SmsCode, User, WeChatIdentity, WeChatOpenId
from core.db import db
from tests.auth.conftest import last_code, sign_in_by_sms

HTML = {"Accept": "text/html"}
EN = {"Accept-Language": "en"}


class Login:
    def __init__(self, appid="wxapp", openid="o1", unionid="u1", scope=("snsapi_login",)):
        self.appid, self.openid, self.unionid, self.scope = appid, openid, unionid, scope


def _candidate(**identities):
    return operations.create_candidate(channel="web", policy_version="2026-12-01", **identities)


def _signed_in(client) -> bool:
    return client.get("/auth/account", headers=HTML).status_code == 200


# --- binding --------------------------------------------------------------------------------

def test_wechat_user_binds_a_phone_with_a_code(client, wechat, sms_outbox):
    wechat.sign_in("绑定者")
    assert client.post("/auth/account/phone/send", data={"phone": "13800138000"}).status_code == 302
    response = client.post("/auth/account/phone/verify",
                           data={"phone": "13800138000", "code": last_code(sms_outbox)}, headers=EN)
    assert response.status_code == 302
    user = db.session.scalar(select(User))
    assert user.phone.phone == "+8613800138000" and user.wechat is not None
    # and can now sign in with the number: the same account
    client.post("/auth/logout")
    db.session.execute(SmsCode.__table__.delete())
    sign_in_by_sms(client, sms_outbox)
    assert db.session.scalar(select(func.count(User.id))) == 1


def test_binding_needs_the_code_from_that_number(client, wechat, sms_outbox):
    wechat.sign_in()
    client.post("/auth/account/phone/send", data={"phone": "13800138000"})
    code = last_code(sms_outbox)
    client.post("/auth/account/phone/verify", data={"phone": "13900139000", "code": code})
    assert db.session.scalar(select(func.count(PhoneIdentity.id))) == 0
    # a sign-in code is not a binding code
    db.session.execute(SmsCode.__table__.delete())
    client.post("/auth/sms/send", data={"phone": "13900139000"})
    client.post("/auth/account/phone/verify", data={"phone": "13900139000", "code": last_code(sms_outbox, "+8613900139000")})
    assert db.session.scalar(select(func.count(PhoneIdentity.id))) == 0


def test_binding_a_number_of_another_account_is_refused_and_not_merged(app, client, wechat, sms_outbox):
    other = app.test_client()
    sign_in_by_sms(other, sms_outbox)  # the number belongs to account 1
    wechat.sign_in()                    # account 2 (WeChat)
    db.session.execute(SmsCode.__table__.delete())  # past the number's 60 s cooldown
    client.post("/auth/account/phone/send", data={"phone": "13800138000"})
    response = client.post("/auth/account/phone/verify",
                           data={"phone": "13800138000", "code": last_code(sms_outbox)}, headers=EN)
    page = client.get(response.headers["Location"], headers=EN).get_data(as_text=True)
    assert "already bound to another account" in page
    users = db.session.scalars(select(User).order_by(User.id)).all()
    assert len(users) == 2
    assert users[0].phone is not None and users[1].phone is None


def test_mobile_user_binds_wechat_through_the_standin(client, wechat, sms_outbox):
    sign_in_by_sms(client, sms_outbox)
    start = client.post("/auth/account/wechat")
    flow, csrf = wechat.authorize_page(start.headers["Location"])
    back = client.post("/_wechat/connect/confirm", data={"flow": flow, "persona": "new", "nickname": "赵六",
                                                           "sex": "0", "approve": "Allow", "csrf_token": csrf})
    response = wechat.callback(back.headers["Location"])
    assert response.headers["Location"].endswith("/auth/account")
    user = db.session.scalar(select(User))
    assert user.wechat is not None and user.phone is not None
    assert db.session.scalar(select(func.count(User.id))) == 1


def test_binding_a_wechat_of_another_account_is_refused(client, wechat, sms_outbox):
    wechat.sign_in("甲")  # account 1 owns this WeChat user
    from wechat_standin.store import STORE

    persona = STORE.persona_list()[-1].id
    client.post("/auth/logout")
    db.session.execute(SmsCode.__table__.delete())
    sign_in_by_sms(client, sms_outbox)  # account 2
    start = client.post("/auth/account/wechat")
    flow, csrf = wechat.authorize_page(start.headers["Location"])
    back = client.post("/_wechat/connect/confirm", data={"flow": flow, "persona": persona, "approve": "Allow",
                                                           "csrf_token": csrf})
    response = wechat.callback(back.headers["Location"], headers=EN)
    page = client.get(response.headers["Location"], headers=EN).get_data(as_text=True)
    assert "already bound to another account" in page
    assert db.session.scalar(select(func.count(WeChatIdentity.id))) == 1


def test_operations_refuse_conflicts():
    a = _candidate(phone="+8613800138000")
    b = _candidate(wechat=Login())
    with pytest.raises(IdentityConflict):
        operations.bind_phone(b, "+8613800138000")
    with pytest.raises(IdentityConflict):
        operations.bind_wechat(a, Login(openid="o-other", unionid="u1"))  # same unionid, other app
    with pytest.raises(IdentityConflict):
        operations.bind_wechat(b, Login(openid="o2", unionid="u2"))  # b already has a WeChat
    with pytest.raises(IdentityConflict):
        _candidate(phone="+8613800138000")


def test_unbinding_the_last_identity_is_refused(client, sms_outbox):
    sign_in_by_sms(client, sms_outbox)
    response = client.post("/auth/account/unbind/phone", headers=EN)
    page = client.get(response.headers["Location"], headers=EN).get_data(as_text=True)
    assert "only way you can sign in" in page
    assert db.session.scalar(select(func.count(PhoneIdentity.id))) == 1
    with pytest.raises(LastIdentity):
        operations.unbind(db.session.scalar(select(User)), "phone")


def test_unbinding_one_of_two_identities_works():
    user = _candidate(phone="+8613800138000")
    operations.bind_wechat(user, Login())
    operations.unbind(user, "wechat")
    assert user.wechat is None and db.session.scalar(select(func.count(WeChatOpenId.id))) == 0
    assert operations.find_by_wechat(Login()) is None


def test_erasing_an_account_cascades_and_the_identities_can_register_again():
    user = _candidate(phone="+8613800138000")
    operations.bind_wechat(user, Login())
    user_id = user.id
    db.session.execute(User.__table__.delete().where(User.id == user_id))  # ON DELETE CASCADE in the DB
    db.session.expire_all()
    for model in (PhoneIdentity, WeChatIdentity, WeChatOpenId, Consent):
        assert db.session.scalar(select(func.count(model.id))) == 0, model
    again = _candidate(phone="+8613800138000")
    assert again.phone is not None and again.wechat is None
    operations.bind_wechat(again, Login())
    assert operations.find_by_wechat(Login()).id == again.id


def test_phone_is_encrypted_at_rest_and_found_by_blind_index():
    _candidate(phone="+8613800138000")
    from sqlalchemy import text

    raw = db.session.execute(text("SELECT phone, phone_index FROM phone_identities")).one()
    assert "13800138000" not in raw[0] and "13800138000" not in raw[1]
    assert operations.find_by_phone("+8613800138000") is not None


# --- sessions ------------------------------------------------------------------------------------

def test_sign_in_starts_a_new_session(client, sms_outbox):
    with client.session_transaction() as s:
        s["planted"] = "attacker-chosen"
        s["sid"] = "fixed-by-attacker"
    sign_in_by_sms(client, sms_outbox)
    with client.session_transaction() as s:
        assert "planted" not in s and s["sid"] != "fixed-by-attacker"


def test_sign_out_is_a_post_and_ends_the_session(client, sms_outbox):
    sign_in_by_sms(client, sms_outbox)
    assert client.get("/auth/logout").status_code == 405
    assert _signed_in(client)
    client.post("/auth/logout")
    assert not _signed_in(client)


def test_sign_out_everywhere_ends_other_sessions(app, client, sms_outbox):
    sign_in_by_sms(client, sms_outbox)
    user = db.session.scalar(select(User))
    other_device = app.test_client()
    with client.session_transaction() as s:
        cookie = dict(s)
    with other_device.session_transaction() as s:
        s.update(cookie)
    assert _signed_in(other_device)
    client.post("/auth/account/sign-out-everywhere")
    assert not _signed_in(other_device)
    assert not _signed_in(client)
    old = cookie["_user_id"]
    assert user.session_token != old


def test_idle_session_times_out(client, sms_outbox, app, monkeypatch):
    sign_in_by_sms(client, sms_outbox)
    with client.session_transaction() as s:
        s["last_active"] = int(time.time()) - app.config["SESSION_IDLE_MINUTES"] * 60 - 5
    response = client.get("/auth/account", headers=HTML)
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]
    assert not _signed_in(client)


def test_active_session_stays(client, sms_outbox, app):
    sign_in_by_sms(client, sms_outbox)
    with client.session_transaction() as s:
        s["last_active"] = int(time.time()) - app.config["SESSION_IDLE_MINUTES"] * 60 + 60
    assert _signed_in(client)


def test_session_cookie_is_httponly_and_lax(client, sms_outbox):
    response = sign_in_by_sms(client, sms_outbox)
    cookie = response.headers.get("Set-Cookie", "")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_nav_shows_sign_in_or_account_and_a_post_sign_out(client, sms_outbox):
    anonymous = client.get("/jobs", headers=EN).get_data(as_text=True)
    assert "/auth/login?next=" in anonymous
    sign_in_by_sms(client, sms_outbox)
    page = client.get("/jobs", headers=EN).get_data(as_text=True)
    assert 'action="/auth/logout"' in page and "/auth/account" in page


# --- open redirects (security reference section G) --------------------------------------------------

BAD_NEXT = [
    "http://example.com", "https://example.com", "ftp://example.com", "http:///example.com", "//example.com",
    "\\\\example.com", "\\\\\\example.com", "/\\\\/example.com", "\\\\//example.com", "/\\/example.com",
    "\\/example.com", "/\\example.com", "http:/\\//example.com", "http:\\/example.com", "http:/\\example.com",
    'javascript:alert("XSS")', "\njavascript:alert(x)", "java\nscript:alert(x)", "\x08//example.com",
    "http://otherserver\\@example.com", "http:\\\\testserver\\@example.com",
    "http://testserver\\me:pass@example.com", "http:\\\\testserver\\confirm\\me@example.com",
    "http:999999999", "ftp:9999999999", "\n", "http://[2001:cdba:0000:0000:0000:0000:3257:9652/",
    "http://2001:cdba:0000:0000:0000:0000:3257:9652]/", "%2F%2Fexample.com", "/%09/example.com",
    "https:example.com", "／／example.com", "/%0d%0aSet-Cookie:x=1",
]


@pytest.mark.parametrize("target", BAD_NEXT)
def test_open_redirects_are_refused_after_sign_in(client, sms_outbox, target):
    client.get("/auth/login?" + urlencode({"next": target}))
    response = sign_in_by_sms(client, sms_outbox)
    location = response.headers["Location"]
    parts = urlsplit(location)
    assert parts.netloc in ("", "localhost") and parts.path == "/", location


@pytest.mark.parametrize("target", ["/jobs?page=2", "/view/?param=http://example.com", "/url%20with%20spaces/"])
def test_local_next_is_followed_after_sign_in(client, sms_outbox, target):
    client.get("/auth/login?" + urlencode({"next": target}))
    location = sign_in_by_sms(client, sms_outbox).headers["Location"]
    parts = urlsplit(location)
    assert parts.path + ("?" + parts.query if parts.query else "") == target


def test_double_submitted_consent_creates_one_account(app, client, sms_outbox):
    client.post("/auth/sms/send", data={"phone": "13800138000"})
    client.post("/auth/sms/verify", data={"phone": "13800138000", "code": last_code(sms_outbox)})
    twin = app.test_client()
    with client.session_transaction() as s:
        state = dict(s)
    with twin.session_transaction() as s:
        s.update(state)
    first = client.post("/auth/consent", data={"agree": "y"})
    second = twin.post("/auth/consent", data={"agree": "y"}, headers=EN)
    assert first.status_code == second.status_code == 302
    assert second.headers["Location"].endswith("/auth/login")
    assert db.session.scalar(select(func.count(User.id))) == 1
    assert db.session.scalar(select(func.count(Consent.id))) == 1
