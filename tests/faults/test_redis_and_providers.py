"""Redis down; the SMS provider and WeChat time out (security reference K).

Redis holds the rate limits (and the RQ queue).  Decision, tested here: the job board
and other pages without a limit keep serving; the limited endpoints -- SMS code send and
verify, staff sign-in -- fail closed with a 503 page in the user's language, and no
code is sent that could not be counted against the limits.
"""

from __future__ import annotations

import re
import time
import uuid
from urllib.parse import parse_qs, urlsplit

import pytest

pytestmark = [pytest.mark.no_db]

ZH = {"Accept-Language": "zh-CN,zh;q=0.9"}
EN = {"Accept-Language": "en"}


@pytest.fixture
def sqlite_url(tmp_path_factory):
    """A migrated SQLite database for the tests that fault something else."""
    from flask_migrate import upgrade

    from core.app import create_app
    from core.db import db
    from tests.faults.conftest import base_config

    url = f"sqlite:///{tmp_path_factory.mktemp('faults') / 'faults.db'}"
    app = create_app(base_config(SQLALCHEMY_DATABASE_URI=url))
    with app.app_context():
        upgrade(revision="head")
        db.engine.dispose()
    return url


@pytest.mark.redis
def test_redis_down_board_keeps_serving_sms_fails_closed_then_recovers(make_app, redis_proxy, sqlite_url):
    from auth import sms

    app = make_app(SQLALCHEMY_DATABASE_URI=sqlite_url, RATELIMIT_ENABLED=True,
                   REDIS_URL=f"redis://127.0.0.1:{redis_proxy.port}/8",
                   RATELIMIT_STORAGE_URI=f"redis://127.0.0.1:{redis_proxy.port}/8",
                   RATELIMIT_STORAGE_OPTIONS={"socket_connect_timeout": 1, "socket_timeout": 1},
                   # Counters live in the shared Redis db: a fresh prefix per run, and limits
                   # high enough that this test measures the outage, not the limit.
                   RATELIMIT_KEY_PREFIX=f"faults-{uuid.uuid4().hex[:8]}", RATELIMIT_SMS_SEND="1000/hour")
    client = app.test_client()
    assert client.post("/auth/sms/send", data={"phone": "13800138001"}).status_code == 302

    redis_proxy.cut()
    board = client.get("/jobs", headers=ZH)
    assert board.status_code == 200
    started = time.monotonic()
    sent = client.post("/auth/sms/send", data={"phone": "13800138002"}, headers=ZH)
    elapsed = time.monotonic() - started
    body = sent.get_data(as_text=True)
    assert sent.status_code == 503, f"SMS send with Redis down answered {sent.status_code}"
    assert "不可用" in body and "Traceback" not in body
    assert elapsed < 5
    with app.app_context():
        assert [m.phone for m in sms.backend().outbox] == ["+8613800138001"]  # type: ignore[attr-defined]

    redis_proxy.restore()
    assert client.post("/auth/sms/send", data={"phone": "13800138002"}).status_code == 302


def test_sms_provider_timeout_gives_a_retry_message_and_voids_the_code(make_app, black_hole, sqlite_url):
    app = make_app(SQLALCHEMY_DATABASE_URI=sqlite_url, SMS_BACKEND="aliyun", SMS_TIMEOUT_SECONDS=1,
                   ALIYUN_ACCESS_KEY_ID="k", ALIYUN_ACCESS_KEY_SECRET="s", ALIYUN_SMS_SIGN_NAME="HorizonAI",
                   ALIYUN_SMS_TEMPLATES=["verification_code=SMS_1"], ALIYUN_SMS_ENDPOINT=black_hole.url + "/")
    client = app.test_client()
    started = time.monotonic()
    zh = client.post("/auth/sms/send", data={"phone": "13800138003"}, headers=ZH)
    elapsed = time.monotonic() - started
    assert elapsed < 4, f"the SMS send waited {elapsed:.1f} s for a provider that never answers"
    assert zh.status_code in (400, 503)
    assert "短信服务暂时不可用" in zh.get_data(as_text=True)
    en = client.post("/auth/sms/send", data={"phone": "13800138004"}, headers=EN)
    assert "SMS is temporarily unavailable" in en.get_data(as_text=True)

    from sqlalchemy import select

    from auth.models import SmsCode
    from core.db import db

    with app.app_context():  # the codes that never left were forgotten: none can be used
        assert db.session.scalars(select(SmsCode)).all() == []


def test_wechat_timeout_gives_a_503_page_with_a_way_back(make_app, black_hole, sqlite_url):
    base = black_hole.url + "/_wechat"
    app = make_app(SQLALCHEMY_DATABASE_URI=sqlite_url, WECHAT_STANDIN=False, WECHAT_HTTP_TIMEOUT=1,
                   WECHAT_OPEN_BASE_URL=base, WECHAT_API_BASE_URL=base,
                   WECHAT_WEB_APPID="wxfaults0001", WECHAT_WEB_SECRET="s" * 32,
                   WECHAT_MP_APPID="wxfaults0002", WECHAT_MP_SECRET="t" * 32)
    client = app.test_client()
    for headers, title in ((ZH, "微信暂无响应"), (EN, "WeChat is not responding")):
        start = client.get("/auth/wechat/start", headers=headers)
        assert start.status_code in (302, 303)
        state = parse_qs(urlsplit(start.headers["Location"]).query)["state"][0]
        started = time.monotonic()
        callback = client.get(f"/auth/wechat/callback/web?code=abc&state={state}", headers=headers)
        elapsed = time.monotonic() - started
        body = callback.get_data(as_text=True)
        assert callback.status_code == 503 and title in body
        assert elapsed < 5, f"the callback waited {elapsed:.1f} s for WeChat"
        assert re.search(r'href="/auth/login', body), "the error page offers no way to try again"
