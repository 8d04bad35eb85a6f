"""Configuration: defaults, environment variables, validation.

Every setting an operator can change is read here from the environment, once, when
the app is created; code reads it later through ``current_app.config``.  All of them
are documented in ``docs/configuration.md``.
"""

from __future__ import annotations

import os
import typing as t
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

ENVIRONMENTS = ("development", "testing", "production")

# Values that must never be used outside development and testing.
INSECURE_SECRET_KEYS = {"", "dev", "change-me", "development-only-secret-key"}


class ConfigError(RuntimeError):
    """The configuration is unusable; the message says what to set."""


def _bool(value: str) -> bool:
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _int(value: str) -> int:
    return int(value.strip())


def _list(value: str) -> list[str]:
    return [item.strip() for item in value.split(",") if item.strip()]


# name -> (environment variable, coercer); the environment variable wins over the default.
ENV_SETTINGS: dict[str, tuple[str, t.Callable[[str], t.Any] | None]] = {
    "SECRET_KEY": ("SECRET_KEY", None),
    "SQLALCHEMY_DATABASE_URI": ("DATABASE_URL", None),
    "REDIS_URL": ("REDIS_URL", None),
    "SERVER_NAME": ("SERVER_NAME", None),
    "PREFERRED_URL_SCHEME": ("PREFERRED_URL_SCHEME", None),
    "PROXY_FIX_HOPS": ("PROXY_FIX_HOPS", _int),
    "LOG_LEVEL": ("LOG_LEVEL", None),
    "ENCRYPTION_KEYS": ("ENCRYPTION_KEYS", _list),
    "BLIND_INDEX_KEY": ("BLIND_INDEX_KEY", None),
    "JOBS_PER_PAGE": ("JOBS_PER_PAGE", _int),
}


def environment_name(environ: t.Mapping[str, str]) -> str:
    """The deployment environment: ``APP_ENV``, else ``FLASK_ENV``, else development."""
    name = (environ.get("APP_ENV") or environ.get("FLASK_ENV") or "development").strip().lower()
    if name not in ENVIRONMENTS:
        raise ConfigError(f"APP_ENV must be one of {', '.join(ENVIRONMENTS)}, not {name!r}.")
    return name


def defaults(instance_path: Path, env: str) -> dict[str, t.Any]:
    """Settings before the environment and overrides are applied."""
    dev = env != "production"
    return {
        "APP_ENV": env,
        "SECRET_KEY": "development-only-secret-key" if dev else None,
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{instance_path / 'careers.db'}",
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "REDIS_URL": None,
        "PROXY_FIX_HOPS": 0,
        "LOG_LEVEL": "INFO",
        # Sessions and cookies (ASVS V3): Lax, HttpOnly, Secure in production.
        "SESSION_COOKIE_NAME": "careers_session",
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": not dev,
        "REMEMBER_COOKIE_SECURE": not dev,
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "PERMANENT_SESSION_LIFETIME": 12 * 3600,
        "WTF_CSRF_TIME_LIMIT": 8 * 3600,
        "MAX_CONTENT_LENGTH": 10 * 1024 * 1024,
        # Field and file encryption (core/crypto.py).  Development keys are derived from
        # SECRET_KEY; production must set ENCRYPTION_KEYS and BLIND_INDEX_KEY.
        "ENCRYPTION_KEYS": [],
        "BLIND_INDEX_KEY": None,
        # i18n
        "BABEL_DEFAULT_LOCALE": "zh_Hans",
        "BABEL_DEFAULT_TIMEZONE": "Asia/Shanghai",
        "LANGUAGES": {"zh_Hans": "中文", "en": "English"},
        "JOBS_PER_PAGE": 20,
    }


def load(instance_path: Path, override: t.Mapping[str, t.Any] | None = None,
         environ: t.Mapping[str, str] | None = None) -> dict[str, t.Any]:
    """Merge defaults, the environment and ``override`` (tests), in that order."""
    environ = os.environ if environ is None else environ
    env = (override or {}).get("APP_ENV") or environment_name(environ)
    config = defaults(instance_path, env)
    if env != "testing":
        for name, (var, coercer) in ENV_SETTINGS.items():
            if environ.get(var, "") != "":
                raw = environ[var]
                try:
                    config[name] = coercer(raw) if coercer else raw
                except ValueError as exc:
                    raise ConfigError(f"{var} has an invalid value: {exc}") from None
    if override:
        config.update(override)
    return config


def validate(config: t.Mapping[str, t.Any]) -> None:
    """Fail fast on settings that are unusable or unsafe in this environment."""
    env = config["APP_ENV"]
    secret = config.get("SECRET_KEY") or ""
    if env == "production":
        if secret in INSECURE_SECRET_KEYS or len(secret) < 32:
            raise ConfigError(
                "SECRET_KEY must be set to a random value of at least 32 characters in production "
                "(for example: python -c 'import secrets; print(secrets.token_urlsafe(48))')."
            )
        if not config.get("ENCRYPTION_KEYS"):
            raise ConfigError("ENCRYPTION_KEYS must be set in production (see docs/configuration.md).")
        if not config.get("BLIND_INDEX_KEY"):
            raise ConfigError("BLIND_INDEX_KEY must be set in production (see docs/configuration.md).")
        if not config.get("SESSION_COOKIE_SECURE"):
            raise ConfigError("SESSION_COOKIE_SECURE cannot be off in production.")
    elif not secret:
        raise ConfigError("SECRET_KEY is empty.")
    if not config.get("SQLALCHEMY_DATABASE_URI"):
        raise ConfigError("DATABASE_URL is empty.")
