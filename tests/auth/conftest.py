"""Fixtures of the sign-in tests: the SMS outbox, a WeChat stand-in driver, staff accounts."""

from __future__ import annotations

import re
import typing as t
from urllib.parse import parse_qs, urlsplit

import pytest
from flask import Flask

from auth import sms
from core.db import db


@pytest.fixture
def sms_outbox(app: Flask) -> t.Iterator[sms.MemoryBackend]:
    """The memory SMS backend (``SMS_BACKEND=memory`` in tests); emptied around each test."""
    backend = sms.backend()
    assert isinstance(backend, sms.MemoryBackend)
    backend.clear()
    yield backend
    backend.clear()


def last_code(outbox: sms.MemoryBackend, phone: str = "+8613800138000") -> str:
    messages = [m for m in outbox.outbox if m.phone == phone]
    assert messages, f"no SMS to {phone}"
    return messages[-1].params["code"]


def send_code(client: t.Any, phone: str = "13800138000", **kw: t.Any) -> t.Any:
    return client.post("/auth/sms/send", data={"phone": phone, **kw})


def sign_in_by_sms(client: t.Any, outbox: sms.MemoryBackend, phone: str = "13800138000",
                   e164: str = "+8613800138000", *, consent: bool = True) -> t.Any:
    assert send_code(client, phone).status_code == 302
    response = client.post("/auth/sms/verify", data={"phone": phone, "code": last_code(outbox, e164)})
    if consent and response.headers.get("Location", "").endswith("/auth/consent"):
        response = client.post("/auth/consent", data={"agree": "y"})
    return response


@pytest.fixture(autouse=True)
def _standin_reset(app: Flask) -> t.Iterator[None]:
    from wechat_standin.store import STORE

    STORE.reset()
    yield
    STORE.reset()


class WeChatDriver:
    """Plays the person in front of the WeChat stand-in: start, approve or deny, come back."""

    def __init__(self, client: t.Any) -> None:
        self.client = client

    def start(self, path: str = "/auth/wechat/start", **kw: t.Any) -> t.Any:
        response = self.client.get(path, **kw)
        assert response.status_code == 302, response.status_code
        return response

    def authorize_page(self, location: str, **kw: t.Any) -> tuple[str, str]:
        parts = urlsplit(location)
        page = self.client.get(parts.path + "?" + parts.query, **kw)
        assert page.status_code == 200, page.get_data(as_text=True)[:500]
        html = page.get_data(as_text=True)
        flow = re.search(r'name="flow"[^>]*value="([^"]+)"', html) or re.search(r'value="([^"]+)"[^>]*name="flow"', html)
        csrf = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html)
        assert flow, html[:1000]
        return flow.group(1), csrf.group(1) if csrf else ""

    def approve(self, nickname: str = "张三🙂", *, persona: str = "new", snapshot: bool = False,
                path: str = "/auth/wechat/start", headers: dict[str, str] | None = None) -> t.Any:
        """Start, approve on the stand-in; return the callback URL (not yet visited)."""
        start = self.start(path, headers=headers or {})
        flow, csrf = self.authorize_page(start.headers["Location"], headers=headers or {})
        data = {"flow": flow, "persona": persona, "nickname": nickname, "sex": "0", "approve": "Allow",
                "csrf_token": csrf}
        if snapshot:
            data["snapshot"] = "y"
        back = self.client.post("/_wechat/connect/confirm", data=data, headers=headers or {})
        assert back.status_code == 302, back.get_data(as_text=True)[:800]
        return back.headers["Location"]

    def deny(self) -> str:
        start = self.start()
        flow, csrf = self.authorize_page(start.headers["Location"])
        back = self.client.post("/_wechat/connect/confirm", data={"flow": flow, "deny": "Deny", "csrf_token": csrf})
        assert back.status_code == 302
        return back.headers["Location"]

    def callback(self, url: str, **kw: t.Any) -> t.Any:
        parts = urlsplit(url)
        return self.client.get(parts.path + "?" + parts.query, **kw)

    def sign_in(self, nickname: str = "张三🙂", *, consent: bool = True, **kw: t.Any) -> t.Any:
        response = self.callback(self.approve(nickname, **kw))
        if consent and response.headers.get("Location", "").endswith("/auth/consent"):
            response = self.client.post("/auth/consent", data={"agree": "y"})
        return response


@pytest.fixture
def wechat(client: t.Any) -> WeChatDriver:
    return WeChatDriver(client)


def query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


@pytest.fixture
def create_staff() -> t.Callable[..., t.Any]:
    from auth import operations

    def _create(email: str = "rec@example.com", password: str = "correct horse battery", *,
                role: str = "recruiter", totp_secret: str | None = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", departments=("engineering",)):
        from core.db import utcnow

        user = operations.create_staff(email, password, role=role, departments=departments)
        if totp_secret:
            user.totp_secret = totp_secret
            user.totp_enabled_dt = utcnow()
        db.session.flush()
        return user

    return _create


@pytest.fixture(autouse=True)
def _fast_argon2(monkeypatch: pytest.MonkeyPatch) -> None:
    """Cheap argon2 parameters in tests (production keeps argon2-cffi's defaults)."""
    from argon2 import PasswordHasher

    from auth import credentials

    fast = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    monkeypatch.setattr(credentials, "_hasher", fast)
