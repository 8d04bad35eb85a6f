"""The sns endpoints, from the reference: answers, quirks and every error code."""

from __future__ import annotations

import json
import re

import pytest

from wechat_standin.store import STORE

pytestmark = pytest.mark.no_db

DAY = 86400


# -- the shape of every answer -------------------------------------------------------------


def test_answers_are_utf8_json_served_as_text_plain(wechat, client):
    token = wechat.token("web")
    response = client.get("/_wechat/sns/userinfo", query_string={
        "access_token": token["access_token"], "openid": token["openid"]})
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/plain"  # no charset, like WeChat
    assert "张三🙂".encode() in response.data  # raw UTF-8 bytes, not \u escapes
    assert json.loads(response.data.decode("utf-8"))["nickname"] == "张三🙂"
    # Decoding as requests would for text/plain without a charset garbles the nickname.
    assert json.loads(response.data.decode("iso-8859-1"))["nickname"] != "张三🙂"


def test_slashes_are_escaped_as_wechat_does(wechat, client):
    token = wechat.token("web")
    response = client.get("/_wechat/sns/userinfo", query_string={
        "access_token": token["access_token"], "openid": token["openid"]})
    assert b'"headimgurl":"http:\\/\\/' in response.data


def test_errors_are_http_200_with_errcode_and_a_changing_rid(wechat, client):
    first = client.get("/_wechat/sns/oauth2/access_token", query_string={"appid": wechat.web_appid})
    second = client.get("/_wechat/sns/oauth2/access_token", query_string={"appid": wechat.web_appid})
    assert first.status_code == second.status_code == 200
    assert first.headers["Content-Type"] == "text/plain"
    a, b = (json.loads(r.data.decode()) for r in (first, second))
    assert a["errcode"] == b["errcode"] == 41008
    assert re.fullmatch(r"missing code, rid: [0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}", a["errmsg"])
    assert a["errmsg"] != b["errmsg"]
    assert "error" not in a


def test_content_type_knob_gives_json_with_encoding(wechat, client):
    STORE.knobs.content_type = "application/json; encoding=utf-8"
    response = client.get("/_wechat/sns/auth")
    assert response.headers["Content-Type"] == "application/json; encoding=utf-8"


def test_sns_endpoints_are_get_only(wechat, client):
    code = wechat.code("web")
    response = client.post("/_wechat/sns/oauth2/access_token", data={
        "appid": wechat.web_appid, "secret": wechat.web_secret, "code": code, "grant_type": "authorization_code"})
    assert response.status_code == 405


def test_system_error_can_be_injected_once(wechat):
    STORE.knobs.fail_next.append(-1)
    _, body = wechat.get("/sns/auth", access_token="x", openid="y")
    assert body["errcode"] == -1 and body["errmsg"].startswith("system error")
    _, body = wechat.get("/sns/auth", access_token="x", openid="y")
    assert body["errcode"] == 40001


# -- sns/oauth2/access_token ----------------------------------------------------------------


def test_token_answer_has_the_documented_fields(wechat):
    token = wechat.token("web")
    assert set(token) == {"access_token", "expires_in", "refresh_token", "openid", "scope", "unionid"}
    assert token["expires_in"] == 7200
    assert token["scope"] == "snsapi_login"
    assert "token_type" not in token and "is_snapshotuser" not in token
    assert len(token["openid"]) == 28


def test_snapshot_user_token_carries_is_snapshotuser(wechat):
    token = wechat.token("mp", persona="snapshot", scope="snsapi_userinfo")
    assert token["is_snapshotuser"] == 1


def test_openid_differs_per_app_and_unionid_is_shared(wechat):
    web = wechat.token("web", persona="zhangsan")
    mp = wechat.token("mp", persona="zhangsan", scope="snsapi_userinfo")
    assert web["openid"] != mp["openid"]
    assert web["unionid"] == mp["unionid"]
    again = wechat.token("web", persona="zhangsan")
    assert again["openid"] == web["openid"]
    other = wechat.token("web", persona="lina")
    assert other["unionid"] != web["unionid"]


def test_snsapi_base_token_has_no_unionid(wechat):
    token = wechat.token("mp", persona="zhangsan", scope="snsapi_base")
    assert "unionid" not in token and token["scope"] == "snsapi_base"


def test_unbound_app_gets_no_unionid(wechat):
    STORE.knobs.unbound_appids.add(wechat.web_appid)
    assert "unionid" not in wechat.token("web")


@pytest.mark.parametrize(("overrides", "errcode"), [
    ({"code": None}, 41008),
    ({"code": ""}, 41008),
    ({"code": None, "appid": "wx0000000000000000"}, 41008),  # missing code is checked first
    ({"appid": None}, 41002),
    ({"appid": "wx0000000000000000"}, 40013),
    ({"secret": None}, 41004),
    ({"secret": "wrong"}, 40125),
    ({"grant_type": "client_credentials"}, 40002),
    ({"code": "no-such-code"}, 40029),
])
def test_token_errors(wechat, overrides, errcode):
    code = overrides.pop("code", wechat.code("web"))
    assert wechat.exchange(code, "web", **overrides)["errcode"] == errcode


def test_a_client_secret_under_another_name_is_missing(wechat):
    # authentik's bug (reference §4): the secret sent under the wrong key must fail loudly.
    code = wechat.code("web")
    body = wechat.exchange(code, "web", secret=None, client_secret=wechat.web_secret, client_id=wechat.web_appid)
    assert body["errcode"] == 41004


def test_a_code_works_once(wechat):
    code = wechat.code("web")
    assert "access_token" in wechat.exchange(code)
    assert wechat.exchange(code)["errcode"] == 40163


def test_a_failed_exchange_does_not_use_the_code(wechat):
    code = wechat.code("web")
    assert wechat.exchange(code, secret="wrong")["errcode"] == 40125
    assert "access_token" in wechat.exchange(code)


def test_a_code_expires_after_five_minutes(wechat, clock):
    fresh, stale = wechat.code("web"), wechat.code("web")
    clock.advance(299)
    assert "access_token" in wechat.exchange(fresh)
    clock.advance(2)
    assert wechat.exchange(stale)["errcode"] == 42003


def test_expired_code_errcode_is_a_knob(wechat, clock):
    STORE.knobs.expired_code_errcode = 40029
    code = wechat.code("web")
    clock.advance(301)
    assert wechat.exchange(code)["errcode"] == 40029


def test_a_code_of_another_app_is_invalid(wechat):
    code = wechat.code("mp", scope="snsapi_userinfo")
    assert wechat.exchange(code, "web")["errcode"] == 40029


# -- sns/oauth2/refresh_token ---------------------------------------------------------------


def refresh(wechat, kind="web", **params):
    values = {"appid": wechat.appid(kind), "grant_type": "refresh_token"} | params
    return wechat.get("/sns/oauth2/refresh_token", **{k: v for k, v in values.items() if v is not None})[1]


def test_refresh_extends_a_valid_access_token(wechat, clock):
    token = wechat.token("web")
    clock.advance(3600)
    body = refresh(wechat, refresh_token=token["refresh_token"])
    assert set(body) == {"access_token", "expires_in", "refresh_token", "openid", "scope"}
    assert body["access_token"] == token["access_token"]
    assert body["expires_in"] == 7200
    assert body["refresh_token"] == token["refresh_token"]
    assert body["openid"] == token["openid"] and body["scope"] == "snsapi_login"
    clock.advance(7000)  # past the first expiry, within the extended one
    _, auth = wechat.get("/sns/auth", access_token=token["access_token"], openid=token["openid"])
    assert auth == {"errcode": 0, "errmsg": "ok"}


def test_refresh_replaces_an_expired_access_token(wechat, clock):
    token = wechat.token("web")
    clock.advance(7201)
    body = refresh(wechat, refresh_token=token["refresh_token"])
    assert body["access_token"] != token["access_token"] and body["expires_in"] == 7200
    _, auth = wechat.get("/sns/auth", access_token=body["access_token"], openid=token["openid"])
    assert auth["errcode"] == 0


def test_refresh_token_lasts_thirty_days(wechat, clock):
    token = wechat.token("web")
    clock.advance(30 * DAY - 10)
    assert "access_token" in refresh(wechat, refresh_token=token["refresh_token"])
    clock.advance(11)
    assert refresh(wechat, refresh_token=token["refresh_token"])["errcode"] == 42002


@pytest.mark.parametrize(("params", "errcode"), [
    ({"appid": None}, 41002),
    ({"appid": "wx0000000000000000"}, 40013),
    ({"grant_type": "authorization_code"}, 40002),
    ({"refresh_token": None}, 41003),
    ({"refresh_token": "no-such-token"}, 40030),
])
def test_refresh_errors(wechat, params, errcode):
    token = wechat.token("web")
    assert refresh(wechat, **({"refresh_token": token["refresh_token"]} | params))["errcode"] == errcode


def test_refresh_token_of_another_app_is_invalid(wechat):
    token = wechat.token("web")
    assert refresh(wechat, "mp", refresh_token=token["refresh_token"])["errcode"] == 40030


def test_refresh_takes_no_secret(wechat):
    token = wechat.token("web")
    assert "access_token" in refresh(wechat, refresh_token=token["refresh_token"])


# -- sns/userinfo ---------------------------------------------------------------------------


def test_userinfo_fields(wechat):
    token = wechat.token("web")
    _, info = wechat.get("/sns/userinfo", access_token=token["access_token"], openid=token["openid"])
    assert info["openid"] == token["openid"] and info["unionid"] == token["unionid"]
    assert info["nickname"] == "张三🙂"
    assert info["sex"] == 1 and isinstance(info["sex"], int)
    assert info["privilege"] == []
    assert info["headimgurl"].endswith("/132")
    assert "errcode" not in info


@pytest.mark.parametrize(("lang", "expected"), [
    (None, ("中国", "广东", "深圳")),
    ("zh_CN", ("中国", "广东", "深圳")),
    ("zh_TW", ("中國", "廣東", "深圳")),
    ("en", ("China", "Guangdong", "Shenzhen")),
])
def test_userinfo_lang(wechat, lang, expected):
    token = wechat.token("web")
    params = {"access_token": token["access_token"], "openid": token["openid"]}
    if lang:
        params["lang"] = lang
    _, info = wechat.get("/sns/userinfo", **params)
    assert (info["country"], info["province"], info["city"]) == expected
    assert info["nickname"] == "张三🙂"  # the nickname is the user's own, in every lang


def test_userinfo_with_a_snsapi_base_token_is_unauthorized(wechat):
    token = wechat.token("mp", scope="snsapi_base")
    _, body = wechat.get("/sns/userinfo", access_token=token["access_token"], openid=token["openid"])
    assert body["errcode"] == 48001


def test_userinfo_of_a_snapshot_user_is_virtual(wechat):
    token = wechat.token("mp", persona="snapshot", scope="snsapi_userinfo")
    _, info = wechat.get("/sns/userinfo", access_token=token["access_token"], openid=token["openid"])
    assert info["nickname"] == "微信用户" and info["headimgurl"] == ""


@pytest.mark.parametrize("path", ["/sns/userinfo", "/sns/auth"])
def test_token_checks(wechat, clock, path):
    token = wechat.token("web")
    other = wechat.token("mp", persona="zhangsan", scope="snsapi_userinfo")

    def errcode(**params):
        return wechat.get(path, **params)[1].get("errcode")

    assert errcode(openid=token["openid"]) == 41001
    assert errcode(access_token=token["access_token"]) == 41009
    assert errcode(access_token="not a token!", openid=token["openid"]) == 40014
    assert errcode(access_token="A" * 86, openid=token["openid"]) == 40001
    assert errcode(access_token=token["access_token"], openid=other["openid"]) == 40003
    clock.advance(7200)
    assert errcode(access_token=token["access_token"], openid=token["openid"]) == 42001


# -- sns/auth ---------------------------------------------------------------------------------


def test_auth_success_carries_errcode_zero(wechat, client):
    token = wechat.token("web")
    response = client.get("/_wechat/sns/auth", query_string={
        "access_token": token["access_token"], "openid": token["openid"]})
    assert response.status_code == 200 and response.headers["Content-Type"] == "text/plain"
    assert json.loads(response.data.decode()) == {"errcode": 0, "errmsg": "ok"}


def test_auth_is_valid_until_the_token_expires(wechat, clock):
    token = wechat.token("web")
    clock.advance(7199)
    assert wechat.get("/sns/auth", access_token=token["access_token"], openid=token["openid"])[1]["errcode"] == 0
    clock.advance(1)
    assert wechat.get("/sns/auth", access_token=token["access_token"], openid=token["openid"])[1]["errcode"] == 42001
