"""gunicorn settings for the production profile (docs/deployment.md).

gunicorn reads this file from the working directory: ``gunicorn wsgi:app`` in the repo
root.  Every value can be changed from the environment without editing the file.

* Workers: ``2 * cores + 1``, capped at ``GUNICORN_MAX_WORKERS`` (default 8), or exactly
  ``WEB_CONCURRENCY``.  Each worker runs ``GUNICORN_THREADS`` threads (gthread): requests
  mostly wait on PostgreSQL, Redis or storage, so threads overlap that waiting.
* No preload: each worker builds its own app, database pool and Redis connections
  after the fork (nothing shared across processes), and a deploy restarts cleanly.
* The access log carries method, path *without the query string* (search terms and
  tokens can be personal data), status, size and duration -- never the query string,
  the Referer (which holds query strings too), the User-Agent or the client address --
  and the request id (``id=``, the ``X-Request-ID`` the app answers with).
* Both logs go through the app's formatters (core/logs.py): ``LOG_FORMAT=json`` or the
  plain one, which escapes CR/LF (gunicorn's own format would write a path holding
  ``%0D%0A`` as two lines: a forged log line).
"""

from __future__ import annotations

import multiprocessing
import os


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def default_workers(cores: int | None = None, cap: int | None = None) -> int:
    cores = cores or multiprocessing.cpu_count()
    cap = cap or _int("GUNICORN_MAX_WORKERS", 8)
    return max(1, min(2 * cores + 1, cap))


wsgi_app = "wsgi:app"
bind = [os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")]
workers = _int("WEB_CONCURRENCY", default_workers())
worker_class = "gthread"
threads = _int("GUNICORN_THREADS", 4)
# A request running longer than this is killed with its worker (parsing never runs in a
# request: it is an RQ job), so 30 s is generous.
timeout = _int("GUNICORN_TIMEOUT", 30)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = _int("GUNICORN_KEEPALIVE", 5)
preload_app = False
# No control socket: it defaults to one path per user ($HOME/.gunicorn/gunicorn.ctl),
# which two gunicorns on one machine (the app and the load run's ceiling) would share.
control_socket_disable = True
# Recycle workers now and then: bounds the damage of a slow leak in a dependency.
max_requests = _int("GUNICORN_MAX_REQUESTS", 5000)
max_requests_jitter = max_requests // 10
# Only the TLS proxy on this machine may set X-Forwarded-*; the app applies ProxyFix
# (PROXY_FIX_HOPS) itself, so gunicorn's own forwarded-header handling stays narrow.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
proxy_allow_ips = forwarded_allow_ips

accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = os.environ.get("GUNICORN_ERROR_LOG", "-")
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
# %(U)s is the path alone; %(M)s the duration in milliseconds; the last atom is the
# response's X-Request-ID header (the id on the 500 and 503 pages).
access_log_format = "%(m)s %(U)s %(s)s %(B)s %(M)sms id=%({x-request-id}o)s"

_formatter = "json" if os.environ.get("LOG_FORMAT", "plain").strip().lower() == "json" else "plain"
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "core.logs.JsonFormatter"}, "plain": {"()": "core.logs.PlainFormatter"}},
    "handlers": {
        "error_console": {"class": "logging.StreamHandler", "formatter": _formatter, "stream": "ext://sys.stderr"},
        "console": {"class": "logging.StreamHandler", "formatter": _formatter, "stream": "ext://sys.stdout"},
    },
    "loggers": {
        "gunicorn.error": {"level": loglevel.upper(), "handlers": ["error_console"], "propagate": False},
        "gunicorn.access": {"level": "INFO", "handlers": ["console"], "propagate": False},
    },
}
