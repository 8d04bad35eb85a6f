"""auth/wechat.py: the WeChat client, against the stand-in and against canned raw answers.

A small app (the portal's factory plus two test routes that call ``begin_login`` and
``complete_login``) plays the sign-in views, so these tests need nothing of auth/views.py.
"""

from __future__ import annotations

import ast
import dataclasses
import re
import threading
import time
import typing as t
from pathlib import Path
from urllib.parse import parse_qs, parse_qsl, urlsplit

import pytest
import requests
import responses
from flask import Blueprint, Flask, jsonify, request, url_for
from werkzeug.serving import WSGIRequestHandler, make_server

from auth import wechat
from auth.wechat import (
    WeChatCancelled,
    WeChatError,
    WeChatLoginError,
    WeChatSnapshotUser,
    WeChatStateError,
    WeChatUnavailable,
    begin_login,
    check_token,
    complete_login,
    is_wechat_browser,
)
from core.access import public
from core.app import create_app
from wechat_standin.store import STORE

CANNED_API = "https://api.wechat.test"  # a host that is not WeChat's: canned answers only
STATE_RE = r"[A-Za-z0-9]{30}"

routes = Blueprint("wechat_client_test", __name__)
# What the last callback raised, for assertions on the exception object itself.
LAST: dict[str, t.Any] = {}


@routes.get("/t/begin/<kind>")
@public
def begin(kind: str) -> t.Any:
    return begin_login(kind, url_for(".callback", kind=kind, _external=True),  # type: ignore[arg-type]
                       silent=request.args.get("silent") == "1")


@routes.get("/t/callback/<kind>")
@public
def callback(kind: str) -> t.Any:
    LAST.clear()
    try:
        user = complete_login(kind)  # type: ignore[arg-type]
    except WeChatLoginError as exc:
        LAST["error"] = exc
        return jsonify(error=type(exc).__name__, errcode=getattr(exc, "errcode", None)), 400
    LAST["user"] = user
    return jsonify({k: v for k, v in dataclasses.asdict(user).items() if k != "token"})


@pytest.fixture(scope="module")
def mini(app_config: dict[str, t.Any]) -> Flask:
    """The portal's app with the stand-in on and the two test routes."""
    mini_app = create_app(app_config)
    mini_app.register_blueprint(routes)
    return mini_app


@pytest.fixture
def web(mini: Flask) -> t.Any:
    return mini.test_client()


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> t.Any:
    now = [1_790_000_000.0]
    STORE.reset()
    monkeypatch.setattr(STORE, "clock", lambda: now[0])
    yield now
    STORE.reset()


def follow_to_standin(client: t.Any, location: str) -> str:
    """The stand-in's page for a redirect to it (the #wechat_redirect fragment stays in the browser)."""
    parts = urlsplit(location)
    page = client.get(parts.path + "?" + parts.query)
    assert page.status_code == 200, page.get_data(as_text=True)[:300]
    return re.search(r'name="flow" type="hidden" value="([^"]+)"', page.get_data(as_text=True)).group(1)


def sign_in(client: t.Any, kind: str = "web", persona: str = "zhangsan", *, silent: bool = False,
            deny: bool = False) -> str:
    """Begin, act on the stand-in's page; return the callback path (not yet visited)."""
    start = client.get(f"/t/begin/{kind}" + ("?silent=1" if silent else ""))
    assert start.status_code == 302
    location = start.headers["Location"]
    if "/_wechat/" in location and "code=" not in location:
        parts = urlsplit(location)
        answer = client.get(parts.path + "?" + parts.query)
        if answer.status_code == 302:  # snsapi_base is silent for a known persona
            back = answer.headers["Location"]
        else:
            flow = re.search(r'name="flow" type="hidden" value="([^"]+)"', answer.get_data(as_text=True)).group(1)
            data = {"flow": flow, "persona": persona, ("deny" if deny else "approve"): "x"}
            back = client.post("/_wechat/connect/confirm", data=data).headers["Location"]
        parts = urlsplit(back)
        return parts.path + "?" + parts.query
    raise AssertionError(location)


# -- is_wechat_browser ------------------------------------------------------------------------


@pytest.mark.parametrize(("agent", "expected"), [
    ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
     "Mobile/15E148 MicroMessenger/8.0.47(0x18002f2c) NetType/WIFI Language/zh_CN", True),
    ("Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/120 Mobile Safari/537.36 "
     "MMWEBID/1234 MicroMessenger/8.0.44.2502(0x28002C51) WeChat/arm64 Weixin", True),
    ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/120 Safari/537.36", False),
    ("", False),
    (None, False),
])
def test_is_wechat_browser(agent, expected):
    assert is_wechat_browser(agent) is expected


def test_only_the_configuration_names_wechats_hosts():
    root = Path(__file__).resolve().parents[2]
    offenders = []
    for path in root.rglob("*.py"):
        rel = path.relative_to(root)
        if rel.parts[0].startswith(".") or rel.parts[0] in ("tests", "instance") or rel == Path("core/config.py"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                      if isinstance(node, ast.Module | ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
                      and node.body and isinstance(node.body[0], ast.Expr)}
        offenders += [str(rel) for node in ast.walk(tree)
                      if isinstance(node, ast.Constant) and isinstance(node.value, str)
                      and "weixin.qq.com" in node.value and id(node) not in docstrings]
    assert offenders == []


# -- the authorize URL ------------------------------------------------------------------------


def test_begin_web_builds_the_documented_qrconnect_url(web, mini):
    location = web.get("/t/begin/web").headers["Location"]
    appid = mini.config["WECHAT_WEB_APPID"]
    assert re.fullmatch(
        rf"http://localhost/_wechat/connect/qrconnect\?appid={appid}"
        rf"&redirect_uri=http%3A%2F%2Flocalhost%2Ft%2Fcallback%2Fweb&response_type=code&scope=snsapi_login"
        rf"&state={STATE_RE}#wechat_redirect", location), location


def test_begin_mp_builds_the_documented_authorize_url(web, mini):
    location = web.get("/t/begin/mp").headers["Location"]
    query = urlsplit(location).query
    assert urlsplit(location).path == "/_wechat/connect/oauth2/authorize"
    assert [k for k, _ in parse_qsl(query)] == ["appid", "redirect_uri", "response_type", "scope", "state"]
    assert dict(parse_qsl(query))["appid"] == mini.config["WECHAT_MP_APPID"]
    assert dict(parse_qsl(query))["scope"] == "snsapi_userinfo"
    assert location.endswith("#wechat_redirect")
    silent = web.get("/t/begin/mp?silent=1").headers["Location"]
    assert dict(parse_qsl(urlsplit(silent).query))["scope"] == "snsapi_base"


def test_begin_web_has_no_silent_mode(mini):
    with mini.test_request_context("/"), pytest.raises(ValueError, match="silent"):
        begin_login("web", "http://localhost/cb", silent=True)


def test_begin_web_asks_for_an_english_page_in_english(web):
    web.get("/lang/en")
    query = parse_qsl(urlsplit(web.get("/t/begin/web").headers["Location"]).query)
    assert query[-1] == ("lang", "en") and [k for k, _ in query][:5] == [
        "appid", "redirect_uri", "response_type", "scope", "state"]


def test_base_urls_are_read_at_request_time(web, mini, monkeypatch):
    monkeypatch.setitem(mini.config, "WECHAT_OPEN_BASE_URL", "https://open.example.test/")
    location = web.get("/t/begin/web").headers["Location"]
    assert location.startswith("https://open.example.test/connect/qrconnect?appid=")


def test_begin_without_credentials_is_unavailable(mini, monkeypatch):
    monkeypatch.setitem(mini.config, "WECHAT_MP_APPID", None)
    with mini.test_request_context("/"), pytest.raises(WeChatUnavailable):
        begin_login("mp", "http://localhost/cb")


# -- complete_login against the stand-in (served by the app itself) ---------------------------


def test_web_sign_in_returns_the_wechat_user(web, mini, clock):
    response = web.get(sign_in(web, "web", "zhangsan"))
    assert response.status_code == 200, response.get_json()
    user = LAST["user"]
    assert user.appid == mini.config["WECHAT_WEB_APPID"]
    assert user.openid == STORE.openid(user.appid, "zhangsan")
    assert user.unionid == STORE.unionid("zhangsan")
    assert user.nickname == "张三🙂"  # text/plain JSON decoded as UTF-8
    assert user.headimgurl and user.headimgurl.endswith("/132")
    assert user.scope == ("snsapi_login",)
    assert user.is_snapshot is False
    assert user.token["refresh_token"] and "secret" not in user.token


def test_same_person_in_both_apps_has_one_unionid_and_two_openids(web, clock):
    web.get(sign_in(web, "web", "lina"))
    on_pc = LAST["user"]
    web.get(sign_in(web, "mp", "lina"))
    in_wechat = LAST["user"]
    assert on_pc.unionid == in_wechat.unionid
    assert on_pc.openid != in_wechat.openid and on_pc.appid != in_wechat.appid


def test_silent_mp_sign_in_gives_openid_only(web, clock):
    web.get(sign_in(web, "mp", "lina"))  # first time: snsapi_userinfo, and the "phone" remembers lina
    first = LAST["user"]
    web.get(sign_in(web, "mp", silent=True))
    silent = LAST["user"]
    assert silent.openid == first.openid and silent.appid == first.appid
    assert silent.scope == ("snsapi_base",)
    assert silent.unionid is None and silent.nickname is None and silent.headimgurl is None


def test_denied_sign_in_is_cancelled_without_a_token_call(web, clock):
    STORE.knobs.fail_next.append(-1)  # any sns call would use this up
    response = web.get(sign_in(web, "web", deny=True))
    assert response.get_json()["error"] == "WeChatCancelled"
    assert isinstance(LAST["error"], WeChatCancelled)
    assert STORE.knobs.fail_next == [-1]


def test_replayed_callback_is_a_state_error(web, clock):
    path = sign_in(web, "web")
    assert web.get(path).status_code == 200
    STORE.knobs.fail_next.append(-1)
    assert web.get(path).get_json()["error"] == "WeChatStateError"
    assert isinstance(LAST["error"], WeChatStateError)
    assert STORE.knobs.fail_next == [-1]  # refused before any call to WeChat


def test_forged_or_missing_state_is_a_state_error(web, clock):
    path = sign_in(web, "web")
    code = parse_qs(urlsplit(path).query)["code"][0]
    assert web.get(f"/t/callback/web?code={code}&state=forged0000").get_json()["error"] == "WeChatStateError"
    assert web.get(f"/t/callback/web?code={code}").get_json()["error"] == "WeChatStateError"
    assert web.get("/t/callback/web").get_json()["error"] == "WeChatStateError"


def test_state_from_another_browser_is_refused(mini, web, clock):
    path = sign_in(web, "web")  # the attacker's own flow...
    victim = mini.test_client()
    assert victim.get(path).get_json()["error"] == "WeChatStateError"  # ...replayed in the victim's browser


def test_state_of_the_other_app_is_refused(web, clock):
    path = sign_in(web, "web")
    assert web.get(path.replace("/t/callback/web", "/t/callback/mp")).get_json()["error"] == "WeChatStateError"


def test_code_replayed_with_a_fresh_state_is_40163(mini, web, clock):
    path = sign_in(web, "web")
    assert web.get(path).status_code == 200
    code = parse_qs(urlsplit(path).query)["code"][0]
    attacker = mini.test_client()
    state = dict(parse_qsl(urlsplit(attacker.get("/t/begin/web").headers["Location"]).query))["state"]
    response = attacker.get(f"/t/callback/web?code={code}&state={state}")
    assert response.get_json() == {"error": "WeChatError", "errcode": 40163}


def test_expired_code_is_42003(web, clock):
    path = sign_in(web, "web")
    clock[0] += 301
    assert web.get(path).get_json() == {"error": "WeChatError", "errcode": 42003}


def test_snapshot_user_is_refused(web, clock):
    response = web.get(sign_in(web, "mp", "snapshot"))
    assert response.get_json()["error"] == "WeChatSnapshotUser"
    exc = LAST["error"]
    assert isinstance(exc, WeChatSnapshotUser) and exc.user.is_snapshot is True


def test_wrong_secret_is_40125(web, mini, clock, monkeypatch):
    from wechat_standin import views as standin_views

    path = sign_in(web, "web")
    # The in-app stand-in reads the same settings as the client: give it another secret.
    appid = mini.config["WECHAT_WEB_APPID"]
    monkeypatch.setattr(standin_views, "known_apps", lambda: {
        appid: standin_views.WeChatApp(appid=appid, secret="the-secret-wechat-knows", kind="web")})
    assert web.get(path).get_json() == {"error": "WeChatError", "errcode": 40125}


def test_system_error_is_unavailable(web, clock):
    path = sign_in(web, "web")
    STORE.knobs.fail_next.append(-1)
    assert web.get(path).get_json() == {"error": "WeChatUnavailable", "errcode": -1}


def test_refresh_and_check_token(web, mini, clock):
    web.get(sign_in(web, "web"))
    token = LAST["user"].token
    with mini.test_request_context("/"):
        assert check_token(token["access_token"], token["openid"]) is True
        assert check_token(token["access_token"], STORE.openid(mini.config["WECHAT_MP_APPID"], "zhangsan")) is False
        clock[0] += 3600
        refreshed = wechat.refresh("web", token["refresh_token"])
        assert refreshed["access_token"] == token["access_token"] and refreshed["expires_in"] == 7200
        assert refreshed["expires_at"] >= int(time.time()) + 7100
        clock[0] += 7200
        assert check_token(token["access_token"], token["openid"]) is False  # 42001
        with pytest.raises(WeChatError) as exc:
            wechat.refresh("web", "no-such-refresh-token")
        assert exc.value.errcode == 40030
        clock[0] += 30 * 86400
        with pytest.raises(WeChatError) as exc:
            wechat.refresh("web", token["refresh_token"])
        assert exc.value.errcode == 42002
        with pytest.raises(WeChatError) as exc:
            check_token("", token["openid"])
        assert exc.value.errcode == 41001


# -- another server that speaks WeChat's protocol, over real HTTP -----------------------------


class QuietHandler(WSGIRequestHandler):
    """No access log: the server thread would log a request line (with the stand-in's
    development secret in its query) after the test that made it has ended, into the
    captured log of whichever test runs next."""

    def log_request(self, *args: t.Any, **kwargs: t.Any) -> None:
        pass


@pytest.fixture
def http_server() -> t.Iterator[t.Callable[[t.Any], str]]:
    """Serve a WSGI app on 127.0.0.1:<free port> in a thread; return its base URL."""
    servers = []

    def serve(wsgi_app: t.Any) -> str:
        server = make_server("127.0.0.1", 0, wsgi_app, threaded=True, request_handler=QuietHandler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_port}"

    yield serve
    for server in servers:
        server.shutdown()
        server.server_close()


def test_a_standin_on_another_server_works_without_code_changes(web, mini, clock, http_server, monkeypatch):
    from wechat_standin.server import create_app as create_standin

    base = http_server(create_standin(environ={})) + "/_wechat"
    monkeypatch.setitem(mini.config, "WECHAT_OPEN_BASE_URL", base)
    monkeypatch.setitem(mini.config, "WECHAT_API_BASE_URL", base)
    location = web.get("/t/begin/web").headers["Location"]
    assert location.startswith(base + "/connect/qrconnect?appid=") and location.endswith("#wechat_redirect")
    with requests.Session() as browser:  # the person's browser, on the other server
        page = browser.get(location.split("#")[0], timeout=5)
        assert page.status_code == 200
        flow = re.search(r'name="flow" type="hidden" value="([^"]+)"', page.text).group(1)
        csrf = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page.text).group(1)
        back = browser.post(base + "/connect/confirm", allow_redirects=False, timeout=5,
                            data={"flow": flow, "csrf_token": csrf, "persona": "zhangsan", "approve": "Allow"})
    assert back.status_code == 302
    parts = urlsplit(back.headers["Location"])
    response = web.get(parts.path + "?" + parts.query)
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["nickname"] == "张三🙂"
    assert LAST["user"].unionid == STORE.unionid("zhangsan")


def test_a_server_that_does_not_answer_in_time_is_unavailable(web, mini, clock, http_server, monkeypatch):
    def slow(environ: t.Any, start_response: t.Any) -> list[bytes]:
        time.sleep(1.0)
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b'{"errcode":0}']

    path = sign_in(web, "web")
    monkeypatch.setitem(mini.config, "WECHAT_API_BASE_URL", http_server(slow))
    monkeypatch.setitem(mini.config, "WECHAT_HTTP_TIMEOUT", 0.2)
    started = time.monotonic()
    assert web.get(path).get_json()["error"] == "WeChatUnavailable"
    assert time.monotonic() - started < 0.9


# -- canned raw answers -----------------------------------------------------------------------


@pytest.fixture
def canned(web, mini, monkeypatch) -> t.Iterator[responses.RequestsMock]:
    """WECHAT_API_BASE_URL points at a fake host whose answers each test writes."""
    monkeypatch.setitem(mini.config, "WECHAT_API_BASE_URL", CANNED_API)
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        yield mock


def callback_path(client: t.Any, kind: str = "web", code: str = "CODE123") -> str:
    state = dict(parse_qsl(urlsplit(client.get(f"/t/begin/{kind}").headers["Location"]).query))["state"]
    return f"/t/callback/{kind}?code={code}&state={state}"


def text_plain(mock: responses.RequestsMock, path: str, body: str | bytes, *, status: int = 200,
               content_type: str = "text/plain") -> None:
    mock.add(responses.GET, CANNED_API + path, body=body.encode() if isinstance(body, str) else body,
             status=status, content_type=content_type)


TOKEN = ('{"access_token":"ACCESS","expires_in":7200,"refresh_token":"REFRESH","openid":"oOPENID",'
         '"scope":"snsapi_login","unionid":"oUNION"}')
USERINFO = ('{"openid":"oOPENID","nickname":"张三🙂","sex":1,"province":"","city":"","country":"",'
            '"headimgurl":"https:\\/\\/thirdwx.example\\/mmopen\\/x\\/132","privilege":[],"unionid":"oUNION"}')


def test_token_request_is_a_get_with_appid_and_secret_in_the_documented_order(web, mini, canned):
    text_plain(canned, "/sns/oauth2/access_token", TOKEN)
    text_plain(canned, "/sns/userinfo", USERINFO)
    assert web.get(callback_path(web, code="THECODE")).status_code == 200
    token_call = canned.calls[0].request
    assert token_call.method == "GET" and not token_call.body
    assert "Authorization" not in token_call.headers
    assert parse_qsl(urlsplit(token_call.url).query) == [
        ("appid", mini.config["WECHAT_WEB_APPID"]), ("secret", mini.config["WECHAT_WEB_SECRET"]),
        ("code", "THECODE"), ("grant_type", "authorization_code")]
    info_call = canned.calls[1].request
    assert "Authorization" not in info_call.headers
    assert dict(parse_qsl(urlsplit(info_call.url).query)) == {"access_token": "ACCESS", "openid": "oOPENID",
                                                              "lang": "zh_CN"}


def test_text_plain_utf8_nickname_survives(web, canned):
    text_plain(canned, "/sns/oauth2/access_token", TOKEN)
    text_plain(canned, "/sns/userinfo", USERINFO)
    body = web.get(callback_path(web)).get_json()
    assert body["nickname"] == "张三🙂"
    assert body["headimgurl"] == "https://thirdwx.example/mmopen/x/132"
    assert body["unionid"] == "oUNION"


def test_json_with_encoding_header_is_read_too(web, canned):
    text_plain(canned, "/sns/oauth2/access_token", TOKEN, content_type="application/json; encoding=utf-8")
    text_plain(canned, "/sns/userinfo", USERINFO, content_type="application/json; encoding=utf-8")
    assert web.get(callback_path(web)).get_json()["nickname"] == "张三🙂"


@pytest.mark.parametrize("errcode", [40029, 40163, 42003, 40013, 40125, 41004, 41008])
def test_token_errcodes_become_wechat_errors(web, canned, errcode):
    text_plain(canned, "/sns/oauth2/access_token", f'{{"errcode":{errcode},"errmsg":"x, rid: 1-2-3"}}')
    assert web.get(callback_path(web)).get_json() == {"error": "WeChatError", "errcode": errcode}
    assert LAST["error"].errmsg == "x, rid: 1-2-3"


def test_errcode_is_matched_by_number_not_message(web, canned):
    # A message that reads like success does not make an errcode one.
    text_plain(canned, "/sns/oauth2/access_token", '{"errcode":40029,"errmsg":"ok"}')
    assert web.get(callback_path(web)).get_json()["errcode"] == 40029


def test_errcode_zero_is_success(web, canned):
    text_plain(canned, "/sns/oauth2/access_token", TOKEN[:-1] + ',"errcode":0,"errmsg":"ok"}')
    text_plain(canned, "/sns/userinfo", USERINFO)
    assert web.get(callback_path(web)).status_code == 200


def test_userinfo_48001_is_a_wechat_error(web, canned):
    text_plain(canned, "/sns/oauth2/access_token", TOKEN)
    text_plain(canned, "/sns/userinfo", '{"errcode":48001,"errmsg":"api unauthorized, rid: a-b-c"}')
    assert web.get(callback_path(web)).get_json() == {"error": "WeChatError", "errcode": 48001}


def test_scope_with_a_trailing_comma_is_read(web, canned):
    text_plain(canned, "/sns/oauth2/access_token", TOKEN.replace('"snsapi_login"', '"snsapi_userinfo,"'))
    text_plain(canned, "/sns/userinfo", USERINFO)
    assert web.get(callback_path(web)).get_json()["scope"] == ["snsapi_userinfo"]


def test_unionid_from_the_token_when_userinfo_has_none(web, canned):
    text_plain(canned, "/sns/oauth2/access_token", TOKEN)
    text_plain(canned, "/sns/userinfo", USERINFO.replace(',"unionid":"oUNION"', ""))
    assert web.get(callback_path(web)).get_json()["unionid"] == "oUNION"


def test_snapshot_token_is_refused_before_userinfo(web, canned):
    text_plain(canned, "/sns/oauth2/access_token", TOKEN[:-1] + ',"is_snapshotuser":1}')
    assert web.get(callback_path(web)).get_json()["error"] == "WeChatSnapshotUser"
    assert len(canned.calls) == 1


@pytest.mark.parametrize(("body", "status", "content_type"), [
    ("<html><body><h1>502 Bad Gateway</h1></body></html>", 502, "text/html"),
    ("<!DOCTYPE html><html><title>微信</title><body>系统繁忙</body></html>", 200, "text/html; charset=utf-8"),
    (b"", 200, "text/html; charset=gbk"),  # the gateway oddity in reference §2.10
    (b"\xb3\xc9\xb9\xa6", 200, "text/plain"),  # GBK bytes, not UTF-8
    ("[]", 200, "text/plain"),
    ('{"errcode":"x"}', 200, "text/plain"),
    ('{"expires_in":7200,"openid":"oOPENID"}', 200, "text/plain"),  # no access_token
    ('{"access_token":"A","expires_in":7200,"scope":"snsapi_login"}', 200, "text/plain"),  # no openid
    ('{"errcode":-1,"errmsg":"system error"}', 200, "text/plain"),
])
def test_unusable_token_answers_are_unavailable(web, canned, body, status, content_type):
    text_plain(canned, "/sns/oauth2/access_token", body, status=status, content_type=content_type)
    assert web.get(callback_path(web)).get_json()["error"] == "WeChatUnavailable"


def test_userinfo_for_another_openid_is_unavailable(web, canned):
    text_plain(canned, "/sns/oauth2/access_token", TOKEN)
    text_plain(canned, "/sns/userinfo", USERINFO.replace('"openid":"oOPENID"', '"openid":"oSOMEONEELSE"'))
    assert web.get(callback_path(web)).get_json()["error"] == "WeChatUnavailable"


@pytest.mark.parametrize("failure", [requests.exceptions.ConnectTimeout, requests.exceptions.ReadTimeout,
                                     requests.exceptions.ConnectionError])
def test_network_failures_are_unavailable_and_leak_no_secret(web, mini, canned, caplog, failure):
    canned.add(responses.GET, CANNED_API + "/sns/oauth2/access_token",
               body=failure(f"boom {CANNED_API}/sns/oauth2/access_token?secret={mini.config['WECHAT_WEB_SECRET']}"))
    assert web.get(callback_path(web)).get_json()["error"] == "WeChatUnavailable"
    exc = LAST["error"]
    assert exc.__cause__ is None and exc.__suppress_context__
    assert mini.config["WECHAT_WEB_SECRET"] not in str(exc)
    assert mini.config["WECHAT_WEB_SECRET"] not in caplog.text


def test_refresh_is_a_get_without_secret(web, mini, canned):
    text_plain(canned, "/sns/oauth2/refresh_token",
               '{"access_token":"A2","expires_in":7200,"refresh_token":"R","openid":"o","scope":"snsapi_login"}')
    with mini.test_request_context("/"):
        answer = wechat.refresh("web", "R")
    assert answer["access_token"] == "A2"
    call = canned.calls[0].request
    assert call.method == "GET" and parse_qsl(urlsplit(call.url).query) == [
        ("appid", mini.config["WECHAT_WEB_APPID"]), ("grant_type", "refresh_token"), ("refresh_token", "R")]


@pytest.mark.parametrize(("body", "expected"), [
    ('{"errcode":0,"errmsg":"ok"}', True),
    ('{"errcode":40003,"errmsg":"invalid openid"}', False),
    ('{"errcode":42001,"errmsg":"access_token expired, rid: 1-2-3"}', False),
])
def test_check_token_reads_errcode_zero_as_valid(mini, canned, body, expected):
    text_plain(canned, "/sns/auth", body)
    with mini.test_request_context("/"):
        assert check_token("ACCESS", "oOPENID") is expected
    assert parse_qsl(urlsplit(canned.calls[0].request.url).query) == [("access_token", "ACCESS"),
                                                                      ("openid", "oOPENID")]
