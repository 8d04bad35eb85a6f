"""WeChat sign-in views against the real stand-in: state mismatch and reuse, code replay,
callback without code (denied), snapshot users, WeChat errors and outages -- each a clear
page with a retry link, never a 500, never an account."""

from __future__ import annotations

from urllib.parse import urlencode, urlsplit

import pytest
from sqlalchemy import func, select

from auth.models import User, WeChatIdentity, WeChatOpenId
from core.db import db
from tests.auth.conftest import query

WECHAT_UA = {"User-Agent": "Mozilla/5.0 (iPhone) AppleWebKit/605 MicroMessenger/8.0.47 NetType/WIFI"}
EN = {"Accept-Language": "en"}


def _accounts() -> int:
    return db.session.scalar(select(func.count(User.id)))


def _assert_failure_page(response, status, text, *, lang="en"):
    assert response.status_code == status, response.status_code
    html = response.get_data(as_text=True)
    assert text in html, html[:2000]
    assert 'href="/auth/login"' in html or 'href="/auth/account"' in html  # a retry link
    assert _accounts() == 0


def test_pc_browser_gets_the_qr_login_in_wechat_the_official_account(client):
    pc = client.get("/auth/wechat/start")
    assert "/_wechat/connect/qrconnect?" in pc.headers["Location"]
    assert query(pc.headers["Location"])["scope"] == ["snsapi_login"]
    inside = client.get("/auth/wechat/start", headers=WECHAT_UA)
    assert "/_wechat/connect/oauth2/authorize?" in inside.headers["Location"]
    assert query(inside.headers["Location"])["scope"] == ["snsapi_userinfo"]
    assert inside.headers["Location"].endswith("#wechat_redirect")


def test_denied_login_says_cancelled_and_creates_nothing(client, wechat):
    back = wechat.deny()
    assert "code" not in query(back)
    _assert_failure_page(wechat.callback(back, headers=EN), 200, "cancelled")


def test_callback_without_code_or_state_is_refused(client):
    _assert_failure_page(client.get("/auth/wechat/callback/web", headers=EN), 400, "expired")


def test_callback_with_a_forged_state_is_refused(client, wechat):
    back = wechat.approve()
    params = query(back)
    forged = urlencode({"code": params["code"][0], "state": "A" * 30})
    _assert_failure_page(client.get(f"/auth/wechat/callback/web?{forged}", headers=EN), 400, "expired")


def test_state_from_another_browser_is_refused(app, wechat):
    back = wechat.approve()  # the victim's browser started this login
    attacker = app.test_client()
    parts = urlsplit(back)
    _assert_failure_page(attacker.get(f"{parts.path}?{parts.query}", headers=EN), 400, "expired")


def test_replayed_callback_is_refused_and_makes_no_second_account(client, wechat):
    back = wechat.approve()
    first = wechat.callback(back)
    assert first.headers["Location"].endswith("/auth/consent")
    replay = wechat.callback(back, headers=EN)
    assert replay.status_code == 400
    assert "expired" in replay.get_data(as_text=True)
    assert _accounts() == 0


def test_code_replay_with_a_fresh_state_is_refused_by_wechat(client, wechat):
    """The same code with a new, valid state: WeChat answers 40163 (code been used)."""
    back = wechat.approve()
    client.post("/auth/consent")  # nothing pending yet
    wechat.callback(back)
    client.post("/auth/consent", data={"agree": "y"})
    assert _accounts() == 1
    client.post("/auth/logout")
    fresh = wechat.start()
    state = query(fresh.headers["Location"])["state"][0]
    replay = client.get("/auth/wechat/callback/web?" + urlencode({"code": query(back)["code"][0], "state": state}),
                        headers=EN)
    assert replay.status_code == 502
    assert "WeChat refused" in replay.get_data(as_text=True)
    assert _accounts() == 1


def test_snapshot_page_user_is_refused_without_an_account(client, wechat):
    back = wechat.approve("快照用户", snapshot=True, headers=WECHAT_UA)
    _assert_failure_page(wechat.callback(back, headers={**WECHAT_UA, **EN}), 200, "full service")


def test_wechat_system_error_is_unavailable_not_500(client, wechat):
    from wechat_standin.store import STORE

    back = wechat.approve()
    STORE.knobs.fail_next = [-1]
    _assert_failure_page(wechat.callback(back, headers=EN), 503, "not responding")


@pytest.mark.parametrize("errcode", [40029, 40163, 42003, 40125])
def test_wechat_errcodes_show_a_clear_page(client, wechat, errcode):
    from wechat_standin.store import STORE

    back = wechat.approve()
    STORE.knobs.fail_next = [errcode]
    _assert_failure_page(wechat.callback(back, headers=EN), 502, "WeChat refused")


def test_failure_page_is_in_chinese_for_chinese_users(client, wechat):
    back = wechat.deny()
    html = wechat.callback(back, headers={"Accept-Language": "zh-CN"}).get_data(as_text=True)
    assert "取消" in html


def test_in_wechat_first_login_then_silent_login_finds_the_account(client, wechat):
    response = wechat.sign_in("李四", headers=WECHAT_UA)
    assert response.status_code == 302
    assert _accounts() == 1
    pairs = db.session.scalars(select(WeChatOpenId)).all()
    assert len(pairs) == 1
    client.post("/auth/logout")
    # A returning visitor in WeChat: snsapi_base, no page, openid only -> the same account
    start = client.get("/auth/wechat/start", headers=WECHAT_UA)
    assert query(start.headers["Location"])["scope"] == ["snsapi_base"]
    parts = urlsplit(start.headers["Location"])
    back = client.get(parts.path + "?" + parts.query, headers=WECHAT_UA)
    assert back.status_code == 302 and "code=" in back.headers["Location"]
    done = wechat.callback(back.headers["Location"], headers=WECHAT_UA)
    assert done.status_code == 302 and not done.headers["Location"].endswith("/auth/consent")
    assert client.get("/auth/account", headers={"Accept": "text/html"}).status_code == 200
    assert _accounts() == 1


def test_the_same_person_via_website_and_official_account_is_one_account(client, wechat):
    wechat.sign_in("王五")
    client.post("/auth/logout")
    from wechat_standin.store import STORE

    persona = STORE.persona_list()[-1].id
    response = wechat.sign_in(persona=persona, headers=WECHAT_UA, consent=False)
    assert not response.headers["Location"].endswith("/auth/consent")
    assert _accounts() == 1
    identity = db.session.scalar(select(WeChatIdentity))
    assert {o.appid for o in identity.openids} == {"wxstandinweb0001", "wxstandinmp00001"}


def test_never_merge_on_nickname(client, wechat):
    wechat.sign_in("同名")
    client.post("/auth/logout")
    wechat.sign_in("同名")  # a different persona with the same nickname
    assert _accounts() == 2


def test_staff_account_cannot_sign_in_with_wechat(client, wechat, create_staff):
    response = wechat.sign_in("招聘")
    user = db.session.scalar(select(User))
    user.role = "recruiter"
    db.session.flush()
    client.post("/auth/logout")
    from wechat_standin.store import STORE

    response = wechat.callback(wechat.approve(persona=STORE.persona_list()[-1].id), headers=EN)
    assert response.status_code == 403
    assert "staff sign-in" in response.get_data(as_text=True)


@pytest.mark.parametrize("target", ["/jobs?page=2", "/auth/account"])
def test_wechat_sign_in_returns_to_next(client, wechat, target):
    client.get("/auth/login?" + urlencode({"next": target}))
    response = wechat.sign_in()
    assert urlsplit(response.headers["Location"]).path + (
        "?" + urlsplit(response.headers["Location"]).query if urlsplit(response.headers["Location"]).query else ""
    ) == target
