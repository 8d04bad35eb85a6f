"""Security reference 5.D/5.E: the per-IP limit on verifying codes (the send limit is in
test_csrf_and_limits.py), the site-wide daily cap on codes, and the resend wait shown to
the second."""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import uuid

import pytest
from sqlalchemy import func, select

from auth import operations, sms
from auth.models import SmsCode
from core.db import db, utcnow
from core.extensions import limiter
from tests.auth.test_csrf_and_limits import limited_app  # noqa: F401 - the fixture


def test_per_ip_verify_limit(limited_app, sms_outbox):  # noqa: F811
    app = limited_app()
    with app.app_context():
        statuses = []
        for i in range(5):
            client = app.test_client()  # a new browser each time, same IP
            statuses.append(client.post("/auth/sms/verify", data={"phone": f"1380013800{i}", "code": "123456"},
                                        environ_base={"REMOTE_ADDR": "203.0.113.8"}).status_code)
        assert statuses == [400, 400, 400, 400, 429]  # RATELIMIT_SMS_VERIFY = "4/hour" in that fixture
        other_ip = app.test_client().post("/auth/sms/verify", data={"phone": "13900139000", "code": "123456"},
                                          environ_base={"REMOTE_ADDR": "198.51.100.10"})
        assert other_ip.status_code == 400


# --- the site-wide daily cap on codes (SMS_DAILY_GLOBAL_LIMIT) ---------------------------------

EN = {"Accept-Language": "en"}
ZH = {"Accept-Language": "zh-CN"}
CAPPED_EN = "Sign-in by SMS is temporarily unavailable. Please sign in with WeChat, or try again later."
CAPPED_ZH = "短信登录暂时不可用。请使用微信登录，或稍后再试。"


def _send_from(app, phone: str, ip: str, headers=None):
    """A new browser at a new address asks for a code (per-number and per-IP limits stay clear)."""
    return app.test_client().post("/auth/sms/send", data={"phone": phone}, headers=headers or EN,
                                  environ_base={"REMOTE_ADDR": ip})


def _code_rows() -> int:
    return db.session.scalar(select(func.count(SmsCode.id)))


@contextlib.contextmanager
def capped_app(limited_app, *args, **config):  # noqa: F811
    """An app with the limits on (``limited_app(*args, **config)``), inside its context,
    and its SMS outbox, emptied before and after."""
    app = limited_app(*args, **config)
    with app.app_context():
        outbox = sms.backend()
        outbox.clear()
        try:
            yield app, outbox
        finally:
            outbox.clear()


def test_global_daily_cap_refuses_with_a_message_and_sends_nothing(limited_app, caplog):  # noqa: F811
    with capped_app(limited_app, SMS_DAILY_GLOBAL_LIMIT=3) as (app, outbox):
        statuses = [_send_from(app, f"1380013800{i}", f"203.0.113.{10 + i}").status_code for i in range(3)]
        assert statuses == [302, 302, 302]  # up to the cap, codes go out
        assert len(outbox.outbox) == 3 and _code_rows() == 3
        with caplog.at_level(logging.INFO):
            refused_en = _send_from(app, "13800138003", "198.51.100.20")
            refused_zh = _send_from(app, "13800138004", "198.51.100.21", headers=ZH)
        assert refused_en.status_code == refused_zh.status_code == 400
        assert CAPPED_EN in refused_en.get_data(as_text=True)
        assert CAPPED_ZH in refused_zh.get_data(as_text=True)
        assert len(outbox.outbox) == 3  # nothing more was sent
        assert _code_rows() == 3  # and no code was kept for the refused numbers
        capped = [r for r in caplog.records if r.name == "auth.sms" and "global cap" in r.getMessage()]
        assert len(capped) == 2 and capped[0].levelno == logging.WARNING
        assert "3800138003" not in caplog.text and "3800138004" not in caplog.text


def test_global_daily_cap_also_holds_for_binding_a_number(limited_app):  # noqa: F811
    from auth.models import User
    from tests.conftest import put_signed_in

    with capped_app(limited_app, SMS_DAILY_GLOBAL_LIMIT=1) as (app, outbox):
        assert _send_from(app, "13800138000", "203.0.113.30").status_code == 302
        user = User(role="candidate")
        db.session.add(user)
        db.session.flush()
        client = app.test_client()
        with client.session_transaction() as s:
            put_signed_in(s, user)
        client.post("/auth/account/phone/send", data={"phone": "13900139000"}, headers=EN)
        page = client.get("/auth/account", headers=EN).get_data(as_text=True)
        assert "SMS codes are temporarily unavailable. Please use WeChat, or try again later." in page
        assert [m.phone for m in outbox.outbox] == ["+8613800138000"]


def test_global_daily_cap_zero_means_no_cap(limited_app):  # noqa: F811
    with capped_app(limited_app, SMS_DAILY_GLOBAL_LIMIT=0) as (app, outbox):
        statuses = [_send_from(app, f"1380013800{i}", f"203.0.113.{40 + i}").status_code for i in range(4)]
        assert statuses == [302] * 4 and len(outbox.outbox) == 4


@pytest.mark.redis
def test_global_daily_cap_in_redis(limited_app, redis_url):  # noqa: F811
    import redis

    prefix = f"h-auth-{uuid.uuid4().hex[:8]}"
    server = redis.Redis.from_url(redis_url)
    try:
        with capped_app(limited_app, redis_url, SMS_DAILY_GLOBAL_LIMIT=2, RATELIMIT_KEY_PREFIX=prefix) as (app, outbox):
            assert type(limiter.storage).__name__.lower().startswith("redis")
            statuses = [_send_from(app, f"1380013800{i}", f"203.0.113.{50 + i}").status_code for i in range(3)]
            assert statuses == [302, 302, 400]
            assert len(outbox.outbox) == 2
            keys = server.keys(f"*{prefix}*sms_codes_global*")
            assert len(keys) == 1  # one counter for the whole site, shared by every web node
            assert int(server.get(keys[0])) == 3  # two codes sent, one refused
    finally:
        for key in server.keys(f"*{prefix}*"):
            server.delete(key)


# --- the resend wait, exact to the second in the page ----------------------------------------------


@pytest.mark.parametrize(("headers", "expected"), [
    (EN, "Please wait 43 seconds before asking for a new code."),
    (ZH, "请在 43 秒后再获取新的验证码。"),
], ids=["en", "zh"])
def test_resend_wait_shows_the_exact_remaining_seconds(client, sms_outbox, monkeypatch, headers, expected):
    start = utcnow().replace(microsecond=0)
    clock = [start]
    monkeypatch.setattr(operations, "utcnow", lambda: clock[0])
    assert client.post("/auth/sms/send", data={"phone": "13800138000"}).status_code == 302
    clock[0] = start + dt.timedelta(seconds=17)
    response = client.post("/auth/sms/send", data={"phone": "13800138000"}, headers=headers)
    assert response.status_code == 400
    assert expected in response.get_data(as_text=True)
    assert len(sms_outbox.outbox) == 1
