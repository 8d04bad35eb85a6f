"""Security reference N under the production configuration: headers on every route,
cookie flags, debug off.  One parametrised pass over every GET route of the app."""

from __future__ import annotations

import re

import pytest

PRODUCTION = {
    "APP_ENV": "production",
    "SECRET_KEY": "p" * 48,
    "ENCRYPTION_KEYS": ["D4_ON6gwgwgdkh5hhODBmJ8FEidPI-qB_ASzVcjb_N8="],  # a test key, nothing real
    "BLIND_INDEX_KEY": "b" * 40,
    "SMS_BACKEND": "aliyun", "ALIYUN_ACCESS_KEY_ID": "k", "ALIYUN_ACCESS_KEY_SECRET": "s",
    "ALIYUN_SMS_SIGN_NAME": "HorizonAI", "ALIYUN_SMS_TEMPLATES": ["verification_code=SMS_1"],
    "WECHAT_STANDIN": False, "WECHAT_OPEN_BASE_URL": "https://open.example.test",
    "WECHAT_API_BASE_URL": "https://api.example.test",
    "WECHAT_WEB_APPID": "wxheaders0001", "WECHAT_WEB_SECRET": "w" * 32,
    "WECHAT_MP_APPID": "wxheaders0002", "WECHAT_MP_SECRET": "m" * 32,
    "PREFERRED_URL_SCHEME": "https",
}


@pytest.fixture(scope="module")
def prod_app(tmp_path_factory):
    from flask_migrate import upgrade

    from core.app import create_app
    from core.db import db

    url = f"sqlite:///{tmp_path_factory.mktemp('prod') / 'prod.db'}"
    app = create_app(PRODUCTION | {"SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        upgrade(revision="head")
        db.session.remove()
    yield app
    with app.app_context():
        db.engine.dispose()


def get_routes():
    """Every GET route, path arguments filled with 1 (a 404 page must carry the headers too)."""
    from core.app import create_app

    app = create_app(PRODUCTION | {"SQLALCHEMY_DATABASE_URI": "sqlite://"})
    paths = set()
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint == "static":
            continue
        paths.add(re.sub(r"<(?:[^:>]+:)?([^>]+)>", "1", rule.rule))
    return sorted(paths)


@pytest.mark.parametrize("path", get_routes())
def test_every_route_carries_the_security_headers(prod_app, path):
    response = prod_app.test_client().get(path, base_url="https://careers.example.test")
    assert response.status_code < 500, f"{path} answered {response.status_code}"
    headers = response.headers
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"]
    max_age = int(re.search(r"max-age=(\d+)", headers["Strict-Transport-Security"]).group(1))
    assert max_age >= 31_536_000


def test_production_cookies_are_secure_httponly_lax_and_debug_is_off(prod_app):
    assert not prod_app.debug and not prod_app.config.get("DEBUG")
    client = prod_app.test_client()
    response = client.get("/lang/en", base_url="https://careers.example.test")  # sets the session cookie
    cookies = [c for c in response.headers.getlist("Set-Cookie") if c.startswith(prod_app.config["SESSION_COOKIE_NAME"])]
    assert cookies, "no session cookie was set"
    flags = cookies[0].lower()
    assert "secure" in flags and "httponly" in flags and "samesite=lax" in flags and "path=/" in flags


def test_production_session_cookie_has_the_host_prefix(prod_app):
    """``__Host-`` binds the cookie to this host over HTTPS with Path=/ (no Domain), so a
    sibling subdomain cannot set or shadow it."""
    response = prod_app.test_client().get("/lang/en", base_url="https://careers.example.test")
    cookie = next(c for c in response.headers.getlist("Set-Cookie") if "session" in c.split("=", 1)[0])
    assert cookie.startswith("__Host-")
    assert "domain=" not in cookie.lower() and "path=/" in cookie.lower() and "secure" in cookie.lower()


def test_development_session_cookie_has_no_host_prefix(app):
    """Over plain HTTP in development a ``__Host-`` cookie would be refused by browsers."""
    assert not app.config["SESSION_COOKIE_NAME"].startswith("__Host-")
