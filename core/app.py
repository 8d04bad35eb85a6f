"""The application factory."""

from __future__ import annotations

import contextlib
import logging
import typing as t

from flask import Flask, g, jsonify, render_template, request, session
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from redis.exceptions import RedisError
from sqlalchemy import text
from sqlalchemy.exc import DataError, InternalError, OperationalError
from werkzeug.exceptions import ClientDisconnected, HTTPException
from werkzeug.middleware.proxy_fix import ProxyFix

from core import access
from core import config as config_mod
from core.db import db
from core.extensions import babel, csrf, limiter, login_manager, migrate
from core.logs import REQUEST_ID_HEADER, configure_logging, request_id

logger = logging.getLogger(__name__)

TRANSLATION_DIRECTORIES = ["core/translations", "careers/translations", "auth/translations",
                           "resumes/translations", "privacy/translations", "wechat_standin/translations",
                           "notifications/translations"]


def create_app(config_override: t.Mapping[str, t.Any] | None = None) -> Flask:
    root = config_mod.ROOT
    app = Flask(
        "careers",
        root_path=str(root),
        instance_path=str(root / "instance"),
        instance_relative_config=True,
        static_folder=str(root / "static"),
        template_folder=str(root / "templates"),
    )
    app.config.update(config_mod.load(root / "instance", config_override))
    config_mod.validate(app.config)
    if app.config["APP_ENV"] == "testing":
        app.config["TESTING"] = True
    configure_logging(app.config["LOG_LEVEL"], app.config["LOG_FORMAT"],
                      raise_exceptions=app.config["APP_ENV"] != "production")
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite:///"):
        (root / "instance").mkdir(exist_ok=True)

    app.wsgi_app = BoundedBodyReads(app.wsgi_app, app.config.get("REQUEST_BODY_TIMEOUT", BODY_TIMEOUT))  # type: ignore[method-assign]
    hops = int(app.config.get("PROXY_FIX_HOPS") or 0)
    if hops:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops, x_port=hops)  # type: ignore[method-assign]

    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", ";".join(str(root / d) for d in TRANSLATION_DIRECTORIES))
    if app.config.get("REDIS_URL") and not app.config.get("RATELIMIT_STORAGE_URI"):
        app.config["RATELIMIT_STORAGE_URI"] = app.config["REDIS_URL"]
    app.config.setdefault("RATELIMIT_STORAGE_URI", "memory://")

    db.init_app(app)
    migrate.init_app(app, db, directory=str(root / "migrations"))
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Please sign in to continue.")
    # "basic", not "strong": mobile users change IP addresses often (WeChat on 4G/Wi-Fi).
    login_manager.session_protection = "basic"
    csrf.init_app(app)
    babel.init_app(app, locale_selector=select_locale, timezone_selector=lambda: app.config["BABEL_DEFAULT_TIMEZONE"])
    limiter.init_app(app)

    register_blueprints(app)
    register_handlers(app)
    return app


# Seconds a request body may stall before the request ends with 400 (gunicorn's default
# worker timeout).  See BoundedBodyReads.
BODY_TIMEOUT = 30


class _StallIsDisconnect:
    """``wsgi.input`` whose read timing out is a client disconnect (400), not a 500."""

    def __init__(self, stream: t.Any) -> None:
        self._stream = stream

    def _call(self, name: str, *args: t.Any) -> t.Any:
        try:
            return getattr(self._stream, name)(*args)
        except TimeoutError as exc:
            raise ClientDisconnected() from exc

    def read(self, *args: t.Any) -> bytes:
        return t.cast(bytes, self._call("read", *args))

    def readline(self, *args: t.Any) -> bytes:
        return t.cast(bytes, self._call("readline", *args))

    def readlines(self, *args: t.Any) -> list[bytes]:
        return t.cast(list[bytes], self._call("readlines", *args))

    def __iter__(self) -> t.Iterator[bytes]:
        return iter(self.readline, b"")


class BoundedBodyReads:
    """Under gunicorn, bound each wait for request body bytes to ``timeout`` seconds.

    gunicorn's gthread worker reads a body with a blocking socket and no timeout, and its
    worker timeout does not apply (the worker's main loop keeps notifying the arbiter): a
    client that announces a ``Content-Length`` larger than what it sends holds a thread
    until it gives up.  With a socket timeout the read fails and the request ends with 400.
    """

    def __init__(self, wsgi_app: t.Any, timeout: float | None) -> None:
        self.wsgi_app = wsgi_app
        self.timeout = timeout

    def __call__(self, environ: dict[str, t.Any], start_response: t.Any) -> t.Any:
        sock = environ.get("gunicorn.socket")
        if sock is not None and self.timeout:
            with contextlib.suppress(OSError, AttributeError):
                sock.settimeout(self.timeout)
            environ["wsgi.input"] = _StallIsDisconnect(environ["wsgi.input"])
        return self.wsgi_app(environ, start_response)


def register_blueprints(app: Flask) -> None:
    from auth.cli import cli as auth_cli
    from auth.views import bp as auth_bp
    from careers.cli import cli as careers_cli
    from careers.cli import demo_cli
    from careers.recruit import bp as recruit_bp
    from careers.views import bp as careers_bp
    from core.views import bp as core_bp
    from notifications.views import bp as notifications_bp
    from privacy.cli import cli as privacy_cli  # privacy
    from privacy.views import bp as privacy_bp  # privacy
    from resumes.cli import cli as resumes_cli
    from resumes.views import bp as resumes_bp

    app.register_blueprint(core_bp)
    app.register_blueprint(careers_bp)
    app.register_blueprint(recruit_bp)
    app.register_blueprint(notifications_bp)
    app.register_blueprint(auth_bp)
    app.register_blueprint(resumes_bp)
    app.cli.add_command(careers_cli)
    app.cli.add_command(auth_cli)
    app.cli.add_command(demo_cli)
    app.register_blueprint(privacy_bp)  # privacy
    app.cli.add_command(privacy_cli)  # privacy
    app.cli.add_command(resumes_cli)
    if app.config.get("WECHAT_STANDIN"):
        # Development and tests only: config.validate refuses it in production.
        from wechat_standin.views import bp as wechat_standin_bp

        app.register_blueprint(wechat_standin_bp)


def select_locale() -> str:
    """The user's choice (session), else the browser's Accept-Language, else Chinese."""
    languages = list(current_app_languages())
    chosen = session.get("lang")
    if chosen in languages:
        return chosen
    from core.locale import locale_from_accept_languages

    return locale_from_accept_languages(request.accept_languages)


def current_app_languages() -> t.Iterable[str]:
    from flask import current_app

    return current_app.config["LANGUAGES"].keys()


ERROR_TEXT = {
    400: (_l("Bad request"), _l("The request could not be understood. Please go back and try again.")),
    401: (_l("Please sign in"), _l("You need to sign in to see this page.")),
    403: (_l("Not allowed"), _l("Your account does not have access to this page.")),
    404: (_l("Page not found"), _l("The page you asked for does not exist or has moved.")),
    405: (_l("Not allowed"), _l("This action is not available here.")),
    413: (_l("File too large"), _l("The file is larger than the site accepts (10 MB).")),
    429: (_l("Too many requests"), _l("You have tried too often. Please wait a moment and try again.")),
    500: (_l("Something went wrong"), _l("An unexpected error occurred. Nothing you entered was saved half-way; please try again.")),
    503: (_l("Temporarily unavailable"), _l("The service is briefly unavailable. Please try again in a minute.")),
}


# Pages that show the request id as an "error id": the user can quote it, and it finds the
# log lines of their request.  Other errors are the user's own doing and need no support.
ERROR_ID_CODES = frozenset({500, 503})
# A read-only transaction (SQLSTATE 25006): a PostgreSQL standby after a failover, or a
# primary switched to read-only for maintenance.  Temporary, like a connection refused.
READ_ONLY_SQLSTATE = "25006"


def render_error(code: int, message: str | None = None) -> t.Any:
    title, default = ERROR_TEXT.get(code, ERROR_TEXT[500])
    body = message or str(default)
    error_id = request_id() if code in ERROR_ID_CODES else None
    if request.path.startswith("/api/") or request.path == "/healthz" or (
        request.accept_mimetypes.best == "application/json"
    ):
        extra = {"error_id": error_id} if error_id else {}
        return jsonify(error=str(title), message=body, **extra), code
    return render_template("core/error.html", code=code, title=title, message=body, error_id=error_id), code


def sqlstate(exc: Exception) -> str | None:
    """The SQLSTATE of a database error (psycopg 3 ``sqlstate``, psycopg2 ``pgcode``)."""
    orig = getattr(exc, "orig", None)
    return getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None)


def register_handlers(app: Flask) -> None:
    app.before_request(access.enforce)

    @app.errorhandler(HTTPException)
    def handle_http(exc: HTTPException) -> t.Any:
        code = exc.code or 500
        if code == 400 and isinstance(exc, CSRFError):
            return render_error(400, _("Your form expired or was sent from another page. Please reload the page and try again."))
        return render_error(code if code in ERROR_TEXT else 500)

    @app.errorhandler(OperationalError)
    def handle_db_down(exc: OperationalError) -> t.Any:
        logger.error("database unavailable: %s", type(exc.orig).__name__)
        db.session.rollback()
        return render_error(503)

    @app.errorhandler(InternalError)
    def handle_db_internal(exc: InternalError) -> t.Any:
        if sqlstate(exc) != READ_ONLY_SQLSTATE:
            return handle_unexpected(exc)
        # A write reached a read-only database (failover to a standby, maintenance):
        # nothing was written, and a retry in a minute may succeed, so 503, not 500.
        logger.error("database is read-only on %s: %s", request.endpoint, type(exc.orig).__name__)
        with contextlib.suppress(Exception):
            db.session.rollback()
        return render_error(503)

    @app.errorhandler(access.NotYours)
    def handle_not_yours(exc: access.NotYours) -> t.Any:
        # Someone else's object: logged as a refusal (ids only), answered exactly like a
        # missing object so that its existence is not revealed.
        access.log_not_yours(exc)
        return handle_http(exc)

    @app.errorhandler(DataError)
    def handle_bad_data(exc: DataError) -> t.Any:
        # The database refused a value the request carried: PostgreSQL rejects NUL in text
        # ("\x00" in a form field, query or path), out-of-range numbers and the like.  That is
        # bad input (security reference 5.J), not a server fault: 400, never a 500.
        logger.warning("database refused a value on %s: %s", request.endpoint, type(exc.orig).__name__)
        db.session.rollback()
        return render_error(400)

    @app.errorhandler(RedisError)
    def handle_redis_down(exc: RedisError) -> t.Any:
        # Rate limits live in Redis: the limited endpoints (SMS codes, staff sign-in) fail
        # closed with a 503; pages without a limit never touch Redis and keep serving.
        logger.error("redis unavailable: %s", type(exc).__name__)
        db.session.rollback()
        return render_error(503)

    @app.errorhandler(Exception)
    def handle_unexpected(exc: Exception) -> t.Any:
        logger.error("unhandled error on %s", request.endpoint, exc_info=exc)
        with contextlib.suppress(Exception):  # the session itself may be unusable
            db.session.rollback()
        return render_error(500)

    @app.after_request
    def security_headers(response: t.Any) -> t.Any:
        headers = response.headers
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("X-Frame-Options", "DENY")
        headers.setdefault("Referrer-Policy", "same-origin")
        headers.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
            "frame-ancestors 'none'; form-action 'self'; base-uri 'self'",
        )
        if app.config["APP_ENV"] == "production":
            headers.setdefault("Strict-Transport-Security", "max-age=31536000")
        if current_user and current_user.is_authenticated:
            headers.setdefault("Cache-Control", "no-store")
        headers.add("Vary", "Cookie")
        headers[REQUEST_ID_HEADER] = request_id() or ""
        return response

    @app.context_processor
    def inject_globals() -> dict[str, t.Any]:
        from flask_babel import get_locale

        return {"languages": app.config["LANGUAGES"], "current_locale": str(get_locale()),
                "access_rule": access.rule_for}

    @app.teardown_request
    def _clear_request_state(exc: BaseException | None) -> None:
        # Per-request caches (signed-in user, CSRF token, locale) live on the app context;
        # clear them so that a context shared by several requests (tests, CLI) never
        # carries one request's user or language into the next.
        for key in list(g):
            g.pop(key, None)
        from flask_babel import refresh

        refresh()

    @app.shell_context_processor
    def shell() -> dict[str, t.Any]:
        return {"db": db}


def database_ok() -> bool:
    try:
        db.session.execute(text("SELECT 1"))
        return True
    except Exception:  # noqa: BLE001 - any failure means "down"
        db.session.rollback()
        return False
