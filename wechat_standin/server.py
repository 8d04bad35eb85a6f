"""Serve the WeChat stand-in alone, as its own process.

    flask --app wechat_standin.server run --port 5099
    python -m wechat_standin --port 5099

Then point the portal at it: ``WECHAT_OPEN_BASE_URL=http://127.0.0.1:5099/_wechat`` and
``WECHAT_API_BASE_URL=http://127.0.0.1:5099/_wechat``.  The apps it knows come from the same
``WECHAT_WEB_APPID``/``WECHAT_WEB_SECRET``/``WECHAT_MP_APPID``/``WECHAT_MP_SECRET`` variables
as the portal's (the stand-in's development values when unset), and the domains it
redirects to from ``WECHAT_STANDIN_REDIRECT_DOMAINS``.  It has no database.
"""

from __future__ import annotations

import os
import secrets
import typing as t

from flask import Flask, request
from flask_babel import Babel
from flask_wtf.csrf import CSRFProtect

from core import config as config_mod

SETTINGS = ("WECHAT_WEB_APPID", "WECHAT_WEB_SECRET", "WECHAT_MP_APPID", "WECHAT_MP_SECRET",
            "WECHAT_STANDIN_REDIRECT_DOMAINS")


def create_app(config_override: t.Mapping[str, t.Any] | None = None,
               environ: t.Mapping[str, str] | None = None) -> Flask:
    """An app that serves only the stand-in, under ``/_wechat``."""
    from wechat_standin.views import bp

    environ = os.environ if environ is None else environ
    root = config_mod.ROOT
    app = Flask("wechat_standin", root_path=str(root), static_folder=str(root / "static"),
                template_folder=str(root / "templates"))
    config: dict[str, t.Any] = {
        # Sessions only carry the CSRF token of the consent form; a restart forgets them.
        "SECRET_KEY": environ.get("WECHAT_STANDIN_SECRET_KEY") or secrets.token_urlsafe(32),
        "SESSION_COOKIE_NAME": "wechat_standin_session",
        "SESSION_COOKIE_SAMESITE": "Lax",
        "BABEL_TRANSLATION_DIRECTORIES": str(root / "wechat_standin" / "translations"),
        "BABEL_DEFAULT_LOCALE": "zh_Hans",
        **config_mod.WECHAT_STANDIN_CREDENTIALS,
        "WECHAT_STANDIN_REDIRECT_DOMAINS": ["localhost", "127.0.0.1", "::1"],
    }
    for name in SETTINGS:
        var, coercer = config_mod.ENV_SETTINGS[name]
        if environ.get(var):
            config[name] = coercer(environ[var]) if coercer else environ[var]
    config.update(config_override or {})
    app.config.update(config)

    CSRFProtect(app)
    Babel(app, locale_selector=_locale)
    app.register_blueprint(bp)

    @app.after_request
    def _headers(response: t.Any) -> t.Any:
        # Like the portal's, minus form-action: Allow/Deny redirect to the portal, another origin.
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'",
        )
        return response

    return app


def _locale() -> str:
    best = request.accept_languages.best_match(["zh", "zh-CN", "zh-Hans", "en"])
    return "en" if best == "en" else "zh_Hans"
