import pytest

from core.app import create_app
from core.config import ConfigError, load, validate


def test_config_refuses_production_without_secret_key(tmp_path):
    with pytest.raises(ConfigError, match="SECRET_KEY"):
        validate(load(tmp_path, environ={"APP_ENV": "production"}))


def test_config_refuses_production_with_short_secret_key(tmp_path):
    with pytest.raises(ConfigError, match="SECRET_KEY"):
        validate(load(tmp_path, environ={"APP_ENV": "production", "SECRET_KEY": "dev"}))


def test_config_refuses_production_without_encryption_keys(tmp_path):
    environ = {"APP_ENV": "production", "SECRET_KEY": "x" * 40}
    with pytest.raises(ConfigError, match="ENCRYPTION_KEYS"):
        validate(load(tmp_path, environ=environ))


def test_config_production_turns_on_secure_cookies(tmp_path):
    environ = {"APP_ENV": "production", "SECRET_KEY": "x" * 40, "ENCRYPTION_KEYS": "k", "BLIND_INDEX_KEY": "b" * 32}
    config = load(tmp_path, environ=environ)
    validate(config)
    assert config["SESSION_COOKIE_SECURE"] is True
    assert config["REMEMBER_COOKIE_SECURE"] is True
    assert config["SESSION_COOKIE_SAMESITE"] == "Lax"


def test_config_reads_database_url_from_environment(tmp_path):
    config = load(tmp_path, environ={"DATABASE_URL": "postgresql://u@h/db"})
    assert config["SQLALCHEMY_DATABASE_URI"] == "postgresql://u@h/db"


def test_config_default_database_is_sqlite_in_instance(tmp_path):
    config = load(tmp_path, environ={})
    assert config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path / 'careers.db'}"
    assert config["SESSION_COOKIE_SECURE"] is False


def test_config_rejects_unknown_environment(tmp_path):
    with pytest.raises(ConfigError, match="APP_ENV"):
        load(tmp_path, environ={"APP_ENV": "staging-ish"})


def test_create_app_refuses_production_without_secret(monkeypatch):
    monkeypatch.setenv("APP_ENV", "production")
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(ConfigError):
        create_app()


def test_board_cache_and_body_timeout_come_from_the_environment(tmp_path):
    config = load(tmp_path, environ={"BOARD_CACHE_SECONDS": "5", "REQUEST_BODY_TIMEOUT": "12"})
    assert config["BOARD_CACHE_SECONDS"] == 5 and config["REQUEST_BODY_TIMEOUT"] == 12
    assert load(tmp_path, environ={"APP_ENV": "development"})["BOARD_CACHE_SECONDS"] == 0
    assert load(tmp_path, environ={"APP_ENV": "testing"})["BOARD_CACHE_SECONDS"] == 0
    production = load(tmp_path, environ={"APP_ENV": "production"})  # not validated: only the default matters
    assert production["BOARD_CACHE_SECONDS"] == 60
