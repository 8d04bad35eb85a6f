"""The authorize pages: qrconnect (PC) and oauth2/authorize (inside WeChat)."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest

from tests.wechat_standin.conftest import REDIRECT_URI, flow_id
from wechat_standin.store import STORE

pytestmark = pytest.mark.no_db


def test_qrconnect_shows_qr_panel_and_personas(wechat):
    response, _ = wechat.open_page("web")
    html = response.get_data(as_text=True)
    assert 'src="data:image/svg+xml;base64,' in html
    assert "张三🙂" in html  # seeded persona, emoji intact
    assert response.headers["Content-Type"].startswith("text/html")


def test_qrconnect_approve_redirects_with_code_and_state(wechat):
    query = wechat.approve("web", state="Abc123xyz")
    assert query["state"] == ["Abc123xyz"]
    assert len(query["code"][0]) >= 16


def test_approve_keeps_the_redirect_uris_own_query(wechat, client):
    _, flow = wechat.open_page("web", redirect_uri="http://localhost/cb?next=%2Fjobs")
    response = client.post("/_wechat/connect/confirm", data={"flow": flow, "persona": "lina", "approve": "Allow"})
    parts = urlsplit(response.headers["Location"])
    assert (parts.scheme, parts.netloc, parts.path) == ("http", "localhost", "/cb")
    query = parse_qs(parts.query)
    assert query["next"] == ["/jobs"] and query["state"] == ["st4te"] and "code" in query


def test_deny_redirects_with_state_and_no_code(wechat, client):
    _, flow = wechat.open_page("web", state="keepme")
    response = client.post("/_wechat/connect/confirm", data={"flow": flow, "persona": "zhangsan", "deny": "Deny"})
    assert response.status_code == 302
    query = parse_qs(urlsplit(response.headers["Location"]).query)
    assert query == {"state": ["keepme"]}


def test_a_page_is_answered_once(wechat, client):
    _, flow = wechat.open_page("web")
    data = {"flow": flow, "persona": "zhangsan", "approve": "Allow"}
    assert client.post("/_wechat/connect/confirm", data=data).status_code == 302
    again = client.post("/_wechat/connect/confirm", data=data)
    assert again.status_code == 400 and "Location" not in again.headers


def test_an_old_page_expires(wechat, client, clock):
    _, flow = wechat.open_page("web")
    clock.advance(STORE.knobs.flow_ttl + 1)
    response = client.post("/_wechat/connect/confirm", data={"flow": flow, "persona": "zhangsan", "approve": "Allow"})
    assert response.status_code == 400 and "Location" not in response.headers


def test_a_new_persona_with_emoji_nickname_can_approve(wechat, client):
    _, flow = wechat.open_page("web")
    response = client.post("/_wechat/connect/confirm", data={
        "flow": flow, "persona": "new", "nickname": "王小明🙂", "sex": "2", "approve": "Allow"})
    code = parse_qs(urlsplit(response.headers["Location"]).query)["code"][0]
    token = wechat.exchange(code)
    _, info = wechat.get("/sns/userinfo", access_token=token["access_token"], openid=token["openid"])
    assert info["nickname"] == "王小明🙂" and info["sex"] == 2
    assert "is_snapshotuser" not in token


def test_a_new_persona_needs_a_nickname(wechat, client):
    _, flow = wechat.open_page("web")
    response = client.post("/_wechat/connect/confirm", data={"flow": flow, "persona": "new", "approve": "Allow"})
    assert response.status_code == 400 and "Location" not in response.headers
    assert 'class="field-error"' in response.get_data(as_text=True)


def test_an_unknown_persona_is_refused(wechat, client):
    _, flow = wechat.open_page("web")
    response = client.post("/_wechat/connect/confirm", data={"flow": flow, "persona": "nobody", "approve": "Allow"})
    assert response.status_code == 400 and "Location" not in response.headers


@pytest.mark.parametrize(("params", "errcode"), [
    ({"appid": ""}, "10012"),
    ({"appid": "wx0000000000000000"}, "40013"),
    ({"redirect_uri": ""}, "10011"),
    ({"redirect_uri": "https://evil.example.com/cb"}, "10003"),
    ({"redirect_uri": "javascript:alert(1)"}, "10003"),
    ({"redirect_uri": "http://[bad/cb"}, "10003"),
    ({"redirect_uri": "//localhost/cb"}, "10003"),
    ({"scope": "snsapi_userinfo"}, "10005"),  # a website app may only ask snsapi_login
])
def test_qrconnect_bad_parameters_show_an_error_page_and_never_redirect(wechat, client, params, errcode):
    values = {"appid": wechat.web_appid, "redirect_uri": REDIRECT_URI, "response_type": "code",
              "scope": "snsapi_login", "state": "s1"} | params
    response = client.get("/_wechat/connect/qrconnect?" + urlencode(values))
    assert response.status_code == 400
    assert "Location" not in response.headers
    assert errcode in response.get_data(as_text=True)


def test_qrconnect_requires_response_type_code(wechat, client):
    path = wechat.authorize_path("web").replace("response_type=code", "response_type=token")
    response = client.get(path)
    assert response.status_code == 400 and "response_type" in response.get_data(as_text=True)


def test_qrconnect_requires_a_scope(wechat, client):
    response = client.get(wechat.authorize_path("web", scope=",").replace("scope=%2C", "scope="))
    assert response.status_code == 400 and "10010" in response.get_data(as_text=True)


def test_qrconnect_refuses_the_official_accounts_appid(wechat, client):
    response = client.get(wechat.authorize_path("web", appid=wechat.mp_appid))
    assert response.status_code == 400 and "10005" in response.get_data(as_text=True)


def test_state_longer_than_128_bytes_is_refused(wechat, client):
    response = client.get(wechat.authorize_path("web", state="a" * 129))
    assert response.status_code == 400


def test_authorize_requires_the_documented_parameter_order(wechat, client):
    shuffled = urlencode([("redirect_uri", REDIRECT_URI), ("appid", wechat.mp_appid), ("response_type", "code"),
                          ("scope", "snsapi_userinfo"), ("state", "s1")])
    response = client.get("/_wechat/connect/oauth2/authorize?" + shuffled)
    assert response.status_code == 400 and "Location" not in response.headers
    assert client.get(wechat.authorize_path("mp")).status_code == 200


def test_authorize_refuses_the_website_apps_appid(wechat, client):
    response = client.get(wechat.authorize_path("mp", appid=wechat.web_appid))
    assert response.status_code == 400 and "10016" in response.get_data(as_text=True)


def test_authorize_refuses_snsapi_login(wechat, client):
    response = client.get(wechat.authorize_path("mp", scope="snsapi_login"))
    assert response.status_code == 400 and "10005" in response.get_data(as_text=True)


def test_authorize_userinfo_asks_for_consent(wechat, client):
    response = client.get(wechat.authorize_path("mp", scope="snsapi_userinfo"))
    assert response.status_code == 200
    assert 'name="approve"' in response.get_data(as_text=True)


def test_authorize_base_is_silent_for_the_persona_on_this_phone(wechat, client):
    wechat.approve("mp", persona="lina", scope="snsapi_userinfo")  # remembers lina on this "phone"
    response = client.get(wechat.authorize_path("mp", scope="snsapi_base", state="silent1"))
    assert response.status_code == 302
    query = parse_qs(urlsplit(response.headers["Location"]).query)
    assert query["state"] == ["silent1"]
    token = wechat.exchange(query["code"][0], "mp")
    assert token["openid"] == STORE.openid(wechat.mp_appid, "lina")
    assert token["scope"] == "snsapi_base"


def test_authorize_base_asks_who_is_on_the_phone_when_unknown(wechat, client):
    response = client.get(wechat.authorize_path("mp", scope="snsapi_base"))
    assert response.status_code == 200
    assert flow_id(response.get_data(as_text=True))


def test_pages_are_translated(wechat, client):
    english = client.get(wechat.authorize_path("web", lang="en")).get_data(as_text=True)
    chinese = client.get(wechat.authorize_path("web", lang="cn")).get_data(as_text=True)
    assert "Sign in with WeChat" in english and "Allow" in english
    assert "微信登录" in chinese and "允许" in chinese
    by_browser = client.get(wechat.authorize_path("mp"), headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "WeChat authorization" in by_browser


def test_error_page_is_translated(wechat, client):
    response = client.get(wechat.authorize_path("web", appid="wx0000000000000000", lang="en"))
    assert "No WeChat app has this appid." in response.get_data(as_text=True)
    response = client.get(wechat.authorize_path("web", appid="wx0000000000000000", lang="cn"))
    assert "没有使用此 appid 的微信应用。" in response.get_data(as_text=True)


def test_pages_are_mobile_friendly(wechat, client):
    html = client.get(wechat.authorize_path("mp")).get_data(as_text=True)
    assert 'name="viewport" content="width=device-width, initial-scale=1"' in html
    assert "<script" not in html  # CSP: script-src 'self', and no script is needed


def test_confirm_form_is_csrf_protected(wechat, client, csrf_enabled):
    response = client.get(wechat.authorize_path("web"))
    html = response.get_data(as_text=True)
    flow = flow_id(html)
    refused = client.post("/_wechat/connect/confirm", data={"flow": flow, "persona": "zhangsan", "approve": "Allow"})
    assert refused.status_code == 400 and "Location" not in refused.headers
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)
    accepted = client.post("/_wechat/connect/confirm", data={
        "flow": flow, "persona": "zhangsan", "approve": "Allow", "csrf_token": token})
    assert accepted.status_code == 302


def test_avatar_is_served_for_headimgurl(wechat, client):
    token = wechat.token("web")
    _, info = wechat.get("/sns/userinfo", access_token=token["access_token"], openid=token["openid"])
    path = urlsplit(info["headimgurl"]).path
    assert path.endswith("/132")
    response = client.get(path)
    assert response.status_code == 200 and response.headers["Content-Type"].startswith("image/svg+xml")
    assert client.get("/_wechat/mmopen/nobody/132").status_code == 404


@pytest.mark.parametrize("path", [
    "/_wechat/connect/qrconnect?state=%ff%fe&appid=%00",
    "/_wechat/connect/qrconnect?appid=wxstandinweb0001&redirect_uri=http%3A%2F%2F%5Bbad&response_type=code"
    "&scope=snsapi_login",
    "/_wechat/connect/oauth2/authorize?appid=wxstandinmp00001&appid=x&redirect_uri=http://localhost/"
    "&response_type=code&scope=snsapi_base",
    "/_wechat/connect/oauth2/authorize?%ff=1",
    "/_wechat/sns/userinfo?access_token=%ff%00&openid=%00",
    "/_wechat/sns/auth?access_token=" + "a" * 5000 + "&openid=x",
    "/_wechat/sns/oauth2/refresh_token?appid=wxstandinweb0001&grant_type=refresh_token&refresh_token=%00",
    "/_wechat/sns/oauth2/access_token?appid=wxstandinweb0001&secret=%ff&code=x&grant_type=authorization_code",
    "/_wechat/mmopen/zhangsan/99999999999999999999",
])
def test_odd_requests_never_give_a_500(client, path):
    assert client.get(path).status_code < 500


@pytest.mark.parametrize("data", [{}, {"flow": "x"}, {"flow": "x", "sex": "9"},
                                  {"flow": "", "persona": "new", "nickname": "a" * 100, "approve": "1"}])
def test_odd_confirm_posts_never_give_a_500(client, data):
    response = client.post("/_wechat/connect/confirm", data=data)
    assert response.status_code == 400 and "Location" not in response.headers
