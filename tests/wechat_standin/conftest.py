"""Fixtures for the WeChat stand-in's conformance tests.

These tests speak raw HTTP to the stand-in through the Flask test client, written from
``../shared/reference/wechat-and-sms.md`` §1-5, and never use our WeChat client.
"""

from __future__ import annotations

import json
import re
import typing as t
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest

from wechat_standin.store import STORE

REDIRECT_URI = "http://localhost/auth/wechat/callback"



class FakeClock:
    """``STORE.clock`` for tests: time moves only when told."""

    def __init__(self) -> None:
        self.now = 1_790_000_000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture(autouse=True)
def clock(monkeypatch: pytest.MonkeyPatch) -> t.Iterator[FakeClock]:
    """A fresh stand-in (seeded personas, default knobs) on a fake clock for every test."""
    STORE.reset()
    fake = FakeClock()
    monkeypatch.setattr(STORE, "clock", fake)
    yield fake
    STORE.reset()


class WeChat:
    """Raw HTTP helpers against the stand-in served by the test app."""

    def __init__(self, app: t.Any, client: t.Any) -> None:
        self.client = client
        self.web_appid = app.config["WECHAT_WEB_APPID"]
        self.web_secret = app.config["WECHAT_WEB_SECRET"]
        self.mp_appid = app.config["WECHAT_MP_APPID"]
        self.mp_secret = app.config["WECHAT_MP_SECRET"]

    def appid(self, kind: str) -> str:
        return self.web_appid if kind == "web" else self.mp_appid

    def secret(self, kind: str) -> str:
        return self.web_secret if kind == "web" else self.mp_secret

    def authorize_path(self, kind: str = "web", *, scope: str | None = None, state: str = "st4te",
                       redirect_uri: str = REDIRECT_URI, appid: str | None = None, **extra: str) -> str:
        """The authorize URL path with the parameters in WeChat's documented order."""
        path = "/_wechat/connect/qrconnect" if kind == "web" else "/_wechat/connect/oauth2/authorize"
        params = [("appid", appid if appid is not None else self.appid(kind)), ("redirect_uri", redirect_uri),
                  ("response_type", "code"),
                  ("scope", scope or ("snsapi_login" if kind == "web" else "snsapi_userinfo")), ("state", state)]
        return path + "?" + urlencode(params + list(extra.items()))

    def open_page(self, kind: str = "web", **kwargs: t.Any) -> tuple[t.Any, str]:
        response = self.client.get(self.authorize_path(kind, **kwargs))
        assert response.status_code == 200, response.get_data(as_text=True)
        return response, flow_id(response.get_data(as_text=True))

    def approve(self, kind: str = "web", persona: str = "zhangsan", **kwargs: t.Any) -> dict[str, list[str]]:
        """Open the page, approve as ``persona``; return the callback's query."""
        _, flow = self.open_page(kind, **kwargs)
        response = self.client.post("/_wechat/connect/confirm", data={"flow": flow, "persona": persona,
                                                                      "approve": "Allow"})
        assert response.status_code == 302, response.get_data(as_text=True)
        return parse_qs(urlsplit(response.headers["Location"]).query)

    def code(self, kind: str = "web", persona: str = "zhangsan", **kwargs: t.Any) -> str:
        return self.approve(kind, persona, **kwargs)["code"][0]

    def get(self, path: str, **params: t.Any) -> tuple[t.Any, dict[str, t.Any]]:
        """GET an sns endpoint; return the response and its body decoded as UTF-8 JSON."""
        response = self.client.get("/_wechat" + path, query_string=params)
        return response, json.loads(response.data.decode("utf-8"))

    def exchange(self, code: str | None, kind: str = "web", **overrides: t.Any) -> dict[str, t.Any]:
        params = {"appid": self.appid(kind), "secret": self.secret(kind), "code": code,
                  "grant_type": "authorization_code"} | overrides
        return self.get("/sns/oauth2/access_token", **{k: v for k, v in params.items() if v is not None})[1]

    def token(self, kind: str = "web", persona: str = "zhangsan", **kwargs: t.Any) -> dict[str, t.Any]:
        body = self.exchange(self.code(kind, persona, **kwargs), kind)
        assert "access_token" in body, body
        return body


def flow_id(html: str) -> str:
    match = re.search(r'name="flow" type="hidden" value="([^"]+)"', html)
    assert match, "no consent form on the page"
    return match.group(1)


@pytest.fixture
def wechat(app: t.Any, client: t.Any) -> WeChat:
    return WeChat(app, client)
