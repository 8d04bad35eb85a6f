"""WeChat settings: the stand-in is on in development and tests, never in production."""

from __future__ import annotations

import pytest

from core.app import create_app
from core.config import WECHAT_STANDIN_CREDENTIALS, ConfigError, load, validate

pytestmark = pytest.mark.no_db

PRODUCTION = {"APP_ENV": "production", "SECRET_KEY": "x" * 40, "ENCRYPTION_KEYS": "k", "BLIND_INDEX_KEY": "b" * 32}


def test_development_defaults_to_the_stand_in(tmp_path):
    config = load(tmp_path, environ={})
    validate(config)
    assert config["WECHAT_STANDIN"] is True
    assert config["WECHAT_OPEN_BASE_URL"] == config["WECHAT_API_BASE_URL"] == "/_wechat"
    assert config["WECHAT_WEB_APPID"] == WECHAT_STANDIN_CREDENTIALS["WECHAT_WEB_APPID"]
    assert config["WECHAT_MP_SECRET"] == WECHAT_STANDIN_CREDENTIALS["WECHAT_MP_SECRET"]
    assert config["WECHAT_HTTP_TIMEOUT"] == 5.0


def test_production_defaults_to_wechat_itself(tmp_path):
    config = load(tmp_path, environ=PRODUCTION)
    validate(config)
    assert config["WECHAT_STANDIN"] is False
    assert config["WECHAT_OPEN_BASE_URL"] == "https://open.weixin.qq.com"
    assert config["WECHAT_API_BASE_URL"] == "https://api.weixin.qq.com"
    assert config["WECHAT_WEB_APPID"] is None and config["WECHAT_MP_SECRET"] is None


def test_production_refuses_the_stand_in(tmp_path):
    with pytest.raises(ConfigError, match="WECHAT_STANDIN"):
        validate(load(tmp_path, environ=PRODUCTION | {"WECHAT_STANDIN": "1"}))


def test_production_refuses_the_stand_ins_credentials(tmp_path):
    environ = PRODUCTION | {"WECHAT_WEB_SECRET": WECHAT_STANDIN_CREDENTIALS["WECHAT_WEB_SECRET"]}
    with pytest.raises(ConfigError, match="WECHAT_WEB_SECRET"):
        validate(load(tmp_path, environ=environ))


@pytest.mark.parametrize("url", ["/_wechat", "http://wechat-proxy.internal", "ftp://x"])
def test_production_refuses_base_urls_that_are_not_https(tmp_path, url):
    with pytest.raises(ConfigError, match="WECHAT_API_BASE_URL"):
        validate(load(tmp_path, environ=PRODUCTION | {"WECHAT_API_BASE_URL": url}))


def test_production_accepts_a_stand_in_process_on_loopback(tmp_path):
    base = "http://127.0.0.1:5099/_wechat"
    config = load(tmp_path, environ=PRODUCTION | {"WECHAT_OPEN_BASE_URL": base, "WECHAT_API_BASE_URL": base,
                                                  "WECHAT_WEB_APPID": "wxprofile0000001", "WECHAT_WEB_SECRET": "s"})
    validate(config)
    assert config["WECHAT_API_BASE_URL"] == base


def test_environment_sets_wechat_settings(tmp_path):
    config = load(tmp_path, environ={"WECHAT_STANDIN": "0", "WECHAT_WEB_APPID": "wxreal", "WECHAT_HTTP_TIMEOUT": "2.5",
                                     "WECHAT_STANDIN_REDIRECT_DOMAINS": "a.test, b.test"})
    assert config["WECHAT_STANDIN"] is False
    assert config["WECHAT_OPEN_BASE_URL"] == "https://open.weixin.qq.com"
    assert config["WECHAT_WEB_APPID"] == "wxreal" and config["WECHAT_WEB_SECRET"] is None
    assert config["WECHAT_HTTP_TIMEOUT"] == 2.5
    assert config["WECHAT_STANDIN_REDIRECT_DOMAINS"] == ["a.test", "b.test"]


@pytest.mark.parametrize("timeout", [0, -1, 61, "5"])
def test_timeout_must_be_sensible(tmp_path, timeout):
    with pytest.raises(ConfigError, match="WECHAT_HTTP_TIMEOUT"):
        validate(load(tmp_path, {"WECHAT_HTTP_TIMEOUT": timeout}, environ={}))


def test_stand_in_routes_exist_only_when_it_is_on(app_config):
    off = create_app(app_config | {"WECHAT_STANDIN": False})
    assert not [r for r in off.url_map.iter_rules() if r.endpoint.startswith("wechat_standin.")]
    assert off.config["WECHAT_API_BASE_URL"] == "https://api.weixin.qq.com"
    on = create_app(app_config)
    assert {r.rule for r in on.url_map.iter_rules() if r.endpoint.startswith("wechat_standin.")} >= {
        "/_wechat/connect/qrconnect", "/_wechat/connect/oauth2/authorize", "/_wechat/sns/oauth2/access_token",
        "/_wechat/sns/oauth2/refresh_token", "/_wechat/sns/userinfo", "/_wechat/sns/auth"}
