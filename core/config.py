"""Configuration: defaults, environment variables, validation.

Every setting an operator can change is read here from the environment, once, when
the app is created; code reads it later through ``current_app.config``.  All of them
are documented in ``docs/configuration.md``.
"""

from __future__ import annotations

import os
import typing as t
from pathlib import Path
from urllib.parse import urlsplit

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
    "LOG_FORMAT": ("LOG_FORMAT", str.lower),
    "ENCRYPTION_KEYS": ("ENCRYPTION_KEYS", _list),
    "BLIND_INDEX_KEY": ("BLIND_INDEX_KEY", None),
    "JOBS_PER_PAGE": ("JOBS_PER_PAGE", _int),
    "BOARD_CACHE_SECONDS": ("BOARD_CACHE_SECONDS", _int),
    "REQUEST_BODY_TIMEOUT": ("REQUEST_BODY_TIMEOUT", _int),
    # auth: sign-in, SMS codes, sessions (docs/auth.md)
    "SESSION_IDLE_MINUTES": ("SESSION_IDLE_MINUTES", _int),
    "STAFF_IDLE_TIMEOUT": ("STAFF_IDLE_TIMEOUT", _int),
    "STAFF_SESSION_MAX_AGE": ("STAFF_SESSION_MAX_AGE", _int),
    "PRIVACY_POLICY_VERSION": ("PRIVACY_POLICY_VERSION", None),
    "SMS_BACKEND": ("SMS_BACKEND", None),
    "SMS_TIMEOUT_SECONDS": ("SMS_TIMEOUT_SECONDS", _int),
    "SMS_ALLOWED_REGIONS": ("SMS_ALLOWED_REGIONS", _list),
    "SMS_MAX_PER_HOUR": ("SMS_MAX_PER_HOUR", _int),
    "SMS_MAX_PER_DAY": ("SMS_MAX_PER_DAY", _int),
    "SMS_DAILY_GLOBAL_LIMIT": ("SMS_DAILY_GLOBAL_LIMIT", _int),
    "RATELIMIT_SMS_SEND": ("RATELIMIT_SMS_SEND", None),
    "RATELIMIT_SMS_VERIFY": ("RATELIMIT_SMS_VERIFY", None),
    "RATELIMIT_STAFF_LOGIN": ("RATELIMIT_STAFF_LOGIN", None),
    "STAFF_LOCKOUT_THRESHOLD": ("STAFF_LOCKOUT_THRESHOLD", _int),
    "STAFF_LOCKOUT_MINUTES": ("STAFF_LOCKOUT_MINUTES", _int),
    "ALIYUN_ACCESS_KEY_ID": ("ALIYUN_ACCESS_KEY_ID", None),
    "ALIYUN_ACCESS_KEY_SECRET": ("ALIYUN_ACCESS_KEY_SECRET", None),
    "ALIYUN_SMS_SIGN_NAME": ("ALIYUN_SMS_SIGN_NAME", None),
    "ALIYUN_SMS_TEMPLATES": ("ALIYUN_SMS_TEMPLATES", _list),
    "ALIYUN_SMS_ENDPOINT": ("ALIYUN_SMS_ENDPOINT", None),
    "TENCENT_SECRET_ID": ("TENCENT_SECRET_ID", None),
    "TENCENT_SECRET_KEY": ("TENCENT_SECRET_KEY", None),
    "TENCENT_SMS_SDK_APP_ID": ("TENCENT_SMS_SDK_APP_ID", None),
    "TENCENT_SMS_SIGN_NAME": ("TENCENT_SMS_SIGN_NAME", None),
    "TENCENT_SMS_TEMPLATES": ("TENCENT_SMS_TEMPLATES", _list),
    "TENCENT_SMS_REGION": ("TENCENT_SMS_REGION", None),
    "TENCENT_SMS_ENDPOINT": ("TENCENT_SMS_ENDPOINT", None),
    # WeChat sign-in (auth/wechat.py) and the bundled stand-in (wechat_standin/)
    "WECHAT_STANDIN": ("WECHAT_STANDIN", _bool),
    "WECHAT_OPEN_BASE_URL": ("WECHAT_OPEN_BASE_URL", None),
    "WECHAT_API_BASE_URL": ("WECHAT_API_BASE_URL", None),
    "WECHAT_WEB_APPID": ("WECHAT_WEB_APPID", None),
    "WECHAT_WEB_SECRET": ("WECHAT_WEB_SECRET", None),
    "WECHAT_MP_APPID": ("WECHAT_MP_APPID", None),
    "WECHAT_MP_SECRET": ("WECHAT_MP_SECRET", None),
    "WECHAT_HTTP_TIMEOUT": ("WECHAT_HTTP_TIMEOUT", float),
    "WECHAT_STANDIN_REDIRECT_DOMAINS": ("WECHAT_STANDIN_REDIRECT_DOMAINS", _list),
    # resumes: storage and parse jobs (defaults in resumes/settings.py)
    "RESUME_STORAGE_URL": ("RESUME_STORAGE_URL", None),
    "S3_ENDPOINT_URL": ("S3_ENDPOINT_URL", None),
    "AWS_ACCESS_KEY_ID": ("AWS_ACCESS_KEY_ID", None),
    "AWS_SECRET_ACCESS_KEY": ("AWS_SECRET_ACCESS_KEY", None),
    "AWS_REGION": ("AWS_REGION", None),
    "PARSE_TIMEOUT_SECONDS": ("PARSE_TIMEOUT_SECONDS", _int),
    "PARSE_MEMORY_MB": ("PARSE_MEMORY_MB", _int),
    "PARSE_MAX_PAGES": ("PARSE_MAX_PAGES", _int),
    "PARSE_WORKERS": ("PARSE_WORKERS", _int),
    "PARSE_QUEUE": ("PARSE_QUEUE", None),
    "RESUME_BYTES_QUOTA": ("RESUME_BYTES_QUOTA", _int),
    # privacy: minors, retention, exports, erasure (defaults in privacy/settings.py)
    "MINOR_AGE": ("MINOR_AGE", _int),
    "RETENTION_INACTIVE_MONTHS": ("RETENTION_INACTIVE_MONTHS", _int),
    "RETENTION_UNSUCCESSFUL_MONTHS": ("RETENTION_UNSUCCESSFUL_MONTHS", _int),
    "RETENTION_NOTICE_DAYS": ("RETENTION_NOTICE_DAYS", _int),
    "EXPORT_TTL_HOURS": ("EXPORT_TTL_HOURS", _int),
    "EXPORT_REQUESTS_PER_HOUR": ("EXPORT_REQUESTS_PER_HOUR", _int),
    "PRIVACY_QUEUE": ("PRIVACY_QUEUE", None),
    "PRIVACY_SUPPRESSION_FILE": ("PRIVACY_SUPPRESSION_FILE", None),
    "PRIVACY_CONTACT_EMAIL": ("PRIVACY_CONTACT_EMAIL", None),
    # Notifications (notifications/): channels, email over SMTP.
    "NOTIFICATION_CHANNELS": ("NOTIFICATION_CHANNELS", _list),
    "EMAIL_BACKEND": ("EMAIL_BACKEND", None),
    "EMAIL_FROM": ("EMAIL_FROM", None),
    "SMTP_HOST": ("SMTP_HOST", None),
    "SMTP_PORT": ("SMTP_PORT", _int),
    "SMTP_USER": ("SMTP_USER", None),
    "SMTP_PASSWORD": ("SMTP_PASSWORD", None),
    "SMTP_STARTTLS": ("SMTP_STARTTLS", _bool),
    "SMTP_TIMEOUT": ("SMTP_TIMEOUT", _int),
}

LOOPBACK_HOSTS = {"localhost", "127.0.0.1", "::1"}

# WeChat's real hosts: the only place in the code that names them.
WECHAT_OPEN_HOST_URL = "https://open.weixin.qq.com"
WECHAT_API_HOST_URL = "https://api.weixin.qq.com"
# Where the app serves its WeChat stand-in; a base URL that is a path means "this app".
WECHAT_STANDIN_PATH = "/_wechat"
# Credentials the stand-in knows out of the box.  WeChat itself rejects them; production
# refuses to start with them.
WECHAT_STANDIN_CREDENTIALS = {
    "WECHAT_WEB_APPID": "wxstandinweb0001",
    "WECHAT_WEB_SECRET": "standin-dev-secret-web-not-for-production",
    "WECHAT_MP_APPID": "wxstandinmp00001",
    "WECHAT_MP_SECRET": "standin-dev-secret-mp-not-for-production",
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
        "LOG_FORMAT": "plain",  # or "json" (core/logs.py)
        # Sessions and cookies (ASVS V3): Lax, HttpOnly, Secure in production.
        # "__Host-" in production: Secure, Path=/ and no Domain, so no subdomain can shadow it.
        "SESSION_COOKIE_NAME": "careers_session" if dev else "__Host-careers_session",
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
        # careers/pagecache.py: anonymous board pages kept this long per worker (0 = off; off while
        # developing, so that an edited template shows at once).
        "BOARD_CACHE_SECONDS": 60 if env == "production" else 0,
        # Notifications: the site inbox always; SMS through SMS_BACKEND; email through EMAIL_BACKEND.
        "NOTIFICATION_CHANNELS": ["inbox", "sms", "email"],
        "EMAIL_BACKEND": "console",
        "EMAIL_FROM": "careers@example.com",
        "SMTP_HOST": "127.0.0.1",
        "SMTP_PORT": 25,
        "SMTP_USER": None,
        "SMTP_PASSWORD": None,
        "SMTP_STARTTLS": False,
        "SMTP_TIMEOUT": 10,
        # auth (docs/auth.md): sessions, consent, SMS codes, staff sign-in
        "SESSION_IDLE_MINUTES": 120,
        "STAFF_IDLE_TIMEOUT": 30,  # minutes without a request (recruiters, admins)
        "STAFF_SESSION_MAX_AGE": 12 * 60,  # minutes since the sign-in, whatever the activity
        "PRIVACY_POLICY_VERSION": "2026-12-01",
        "SMS_BACKEND": {"development": "console", "testing": "memory"}.get(env, ""),
        "SMS_TIMEOUT_SECONDS": 5,
        "SMS_ALLOWED_REGIONS": ["CN", "HK", "MO", "TW", "SG", "MY", "JP", "KR", "US", "CA", "GB", "AU"],
        "SMS_MAX_PER_HOUR": 5,
        "SMS_MAX_PER_DAY": 10,
        "SMS_DAILY_GLOBAL_LIMIT": 5000,  # codes per day over the whole site; 0 = no cap
        "RATELIMIT_SMS_SEND": "10/hour;30/day",
        "RATELIMIT_SMS_VERIFY": "30/hour",
        "RATELIMIT_STAFF_LOGIN": "10/minute;60/hour",
        "STAFF_LOCKOUT_THRESHOLD": 5,
        "STAFF_LOCKOUT_MINUTES": 15,
        "ALIYUN_ACCESS_KEY_ID": None,
        "ALIYUN_ACCESS_KEY_SECRET": None,
        "ALIYUN_SMS_SIGN_NAME": None,
        "ALIYUN_SMS_TEMPLATES": [],
        "ALIYUN_SMS_ENDPOINT": "https://dysmsapi.aliyuncs.com/",
        "TENCENT_SECRET_ID": None,
        "TENCENT_SECRET_KEY": None,
        "TENCENT_SMS_SDK_APP_ID": None,
        "TENCENT_SMS_SIGN_NAME": None,
        "TENCENT_SMS_TEMPLATES": [],
        "TENCENT_SMS_REGION": "ap-guangzhou",
        "TENCENT_SMS_ENDPOINT": "https://sms.tencentcloudapi.com/",
        # WeChat.  Outside production the bundled stand-in is on and the base URLs point
        # at it (resolved at the end of load()); production talks to WeChat itself.
        "WECHAT_STANDIN": dev,
        "WECHAT_OPEN_BASE_URL": None,
        "WECHAT_API_BASE_URL": None,
        "WECHAT_WEB_APPID": None,
        "WECHAT_WEB_SECRET": None,
        "WECHAT_MP_APPID": None,
        "WECHAT_MP_SECRET": None,
        "WECHAT_HTTP_TIMEOUT": 5.0,
        "WECHAT_STANDIN_REDIRECT_DOMAINS": ["localhost", "127.0.0.1", "::1"],
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
    _resolve_wechat(config)
    return config


def _resolve_wechat(config: dict[str, t.Any]) -> None:
    """Fill the WeChat settings left unset: the stand-in's when it is on, else WeChat's hosts.

    A base URL that is a path (``/_wechat``) means "this app": the browser is sent to the
    request's own host, and server-side calls go to the app in-process (auth/wechat.py).
    """
    standin = bool(config.get("WECHAT_STANDIN")) and config["APP_ENV"] != "production"
    if not config.get("WECHAT_OPEN_BASE_URL"):
        config["WECHAT_OPEN_BASE_URL"] = WECHAT_STANDIN_PATH if standin else WECHAT_OPEN_HOST_URL
    if not config.get("WECHAT_API_BASE_URL"):
        config["WECHAT_API_BASE_URL"] = WECHAT_STANDIN_PATH if standin else WECHAT_API_HOST_URL
    if standin:
        for name, value in WECHAT_STANDIN_CREDENTIALS.items():
            if not config.get(name):
                config[name] = value


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
        _validate_wechat_production(config)
    elif not secret:
        raise ConfigError("SECRET_KEY is empty.")
    if not config.get("SQLALCHEMY_DATABASE_URI"):
        raise ConfigError("DATABASE_URL is empty.")
    if config.get("LOG_FORMAT", "plain") not in ("plain", "json"):
        raise ConfigError("LOG_FORMAT must be plain or json.")
    timeout = config.get("WECHAT_HTTP_TIMEOUT")
    if not isinstance(timeout, int | float) or not 0 < timeout <= 60:
        raise ConfigError("WECHAT_HTTP_TIMEOUT must be a number of seconds between 0 and 60.")


def _validate_wechat_production(config: t.Mapping[str, t.Any]) -> None:
    """The stand-in, its credentials and in-app base URLs are development tools only."""
    if config.get("WECHAT_STANDIN"):
        raise ConfigError("WECHAT_STANDIN cannot be on in production: the stand-in signs anyone in.")
    for name in ("WECHAT_OPEN_BASE_URL", "WECHAT_API_BASE_URL"):
        parts = urlsplit(str(config.get(name) or ""))
        # http only to this machine: a stand-in run as its own process in production-profile tests.
        if not (parts.scheme == "https" or (parts.scheme == "http" and parts.hostname in LOOPBACK_HOSTS)):
            raise ConfigError(f"{name} must be an https:// URL in production.")
    for name, value in WECHAT_STANDIN_CREDENTIALS.items():
        if config.get(name) == value:
            raise ConfigError(f"{name} is the stand-in's development value; set the real one in production.")
