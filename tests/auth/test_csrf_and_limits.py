"""CSRF on every auth form, and the per-IP limits (Flask-Limiter: memory, and Redis)."""

from __future__ import annotations

import pytest
from flask import Flask

from core.extensions import limiter

POST_FORMS = [
    "/auth/sms/send", "/auth/sms/verify", "/auth/consent", "/auth/staff/login", "/auth/staff/totp",
    "/auth/staff/enrol",
]
SIGNED_IN_FORMS = [
    "/auth/logout", "/auth/account/sign-out-everywhere", "/auth/account/phone/send", "/auth/account/phone/verify",
    "/auth/account/wechat", "/auth/account/unbind/phone", "/auth/reauth/send", "/auth/reauth/verify",
    "/auth/reauth/wechat",
]


@pytest.mark.parametrize("path", POST_FORMS)
def test_public_forms_refuse_a_post_without_csrf_token(client, csrf_enabled, path):
    response = client.post(path, data={"phone": "13800138000", "code": "123456", "email": "a@example.com",
                                       "password": "x", "agree": "y"})
    assert response.status_code == 400


@pytest.mark.parametrize("path", SIGNED_IN_FORMS)
def test_signed_in_forms_refuse_a_post_without_csrf_token(client, csrf_enabled, create_user, login, path):
    user = create_user()
    login(user)
    session_token = user.session_token
    response = client.post(path, data={"phone": "13800138000", "code": "123456"})
    assert response.status_code == 400
    assert user.session_token == session_token  # sign-out-everywhere did not happen


def test_csrf_token_from_another_session_is_refused(app, client, csrf_enabled):
    other = app.test_client()
    page = other.get("/auth/login").get_data(as_text=True)
    token = page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    response = client.post("/auth/sms/send", data={"phone": "13800138000", "csrf_token": token})
    assert response.status_code == 400


def test_forms_work_with_their_csrf_token(client, csrf_enabled, sms_outbox):
    page = client.get("/auth/login").get_data(as_text=True)
    token = page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    response = client.post("/auth/sms/send", data={"phone": "13800138000", "csrf_token": token})
    assert response.status_code == 302 and len(sms_outbox.outbox) == 1


def test_session_cookie_is_secure_in_production_config(tmp_path):
    from core.config import load

    config = load(tmp_path, environ={"APP_ENV": "production", "SECRET_KEY": "x" * 40})
    assert config["SESSION_COOKIE_SECURE"] and config["SESSION_COOKIE_SAMESITE"] == "Lax"


# --- per-IP limits: a second app with the limiter on --------------------------------------------

@pytest.fixture
def limited_app(app_config):
    """An app with Flask-Limiter enabled (the suite's app has it off); the shared limiter is
    switched off again afterwards."""
    from core.app import create_app

    def _make(storage: str = "memory://", **overrides) -> Flask:
        config = {**app_config, "RATELIMIT_ENABLED": True, "RATELIMIT_STORAGE_URI": storage,
                  "RATELIMIT_SMS_SEND": "3/hour", "RATELIMIT_SMS_VERIFY": "4/hour",
                  "RATELIMIT_STAFF_LOGIN": "3/minute", **overrides}
        new = create_app(config)
        with new.app_context():
            limiter.reset()
        return new

    yield _make
    limiter.enabled = False


def _sends_from_one_ip(app: Flask, count: int) -> list[int]:
    statuses = []
    for i in range(count):
        client = app.test_client()  # a new browser each time, same IP
        statuses.append(client.post("/auth/sms/send", data={"phone": f"1380013800{i}"},
                                    environ_base={"REMOTE_ADDR": "203.0.113.7"}).status_code)
    return statuses


def test_per_ip_send_limit_in_memory(limited_app, sms_outbox):
    app = limited_app()
    with app.app_context():
        statuses = _sends_from_one_ip(app, 5)
        assert statuses == [302, 302, 302, 429, 429]
        other_ip = app.test_client().post("/auth/sms/send", data={"phone": "13900139000"},
                                          environ_base={"REMOTE_ADDR": "198.51.100.9"})
        assert other_ip.status_code == 302


def test_per_ip_limit_on_staff_sign_in(limited_app, create_staff):
    app = limited_app()
    create_staff()
    with app.app_context():
        client = app.test_client()
        statuses = [client.post("/auth/staff/login", data={"email": "rec@example.com", "password": "x"}).status_code
                    for _ in range(4)]
        assert statuses == [400, 400, 400, 429]
        assert client.get("/auth/staff/login").status_code == 200  # only POSTs count


@pytest.mark.redis
def test_per_ip_send_limit_in_redis(limited_app, redis_url, sms_outbox):
    import redis

    app = limited_app(redis_url)
    with app.app_context():
        assert type(limiter.storage).__name__.lower().startswith("redis")
        statuses = _sends_from_one_ip(app, 4)
        assert statuses == [302, 302, 302, 429]
        keys = redis.Redis.from_url(redis_url).keys("*sms_send*")
        assert keys  # the counters live in Redis, shared by every web node
        limiter.reset()
