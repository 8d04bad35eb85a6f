"""A short cache of the public job board's pages as anonymous visitors see them.

Rendering a board page (twenty cards, three facets, two languages) costs far more than
the queries behind it; most visitors are anonymous and see the same page for the same
URL and language.  So the rendered body of ``/``, ``/jobs`` and ``/jobs/<id>`` is kept
for ``BOARD_CACHE_SECONDS`` per worker process, keyed by language and full path.

Kept out of the cache, always rendered fresh:

* signed-in visitors (their header shows their inbox and account links and a CSRF token);
* a request whose session holds flashed messages (the page must show and consume them);
* anything but a 200 answer (a closed opening's 404 is never kept).

A change to openings made through this process (publish, close, edit) empties the cache
when its transaction commits; other worker processes see it within ``BOARD_CACHE_SECONDS``.
``0`` turns the cache off (the default under ``APP_ENV=testing``).
"""

from __future__ import annotations

import functools
import threading
import time
import typing as t
import weakref
from collections import OrderedDict

from flask import Response, current_app, request, session
from flask_babel import get_locale
from flask_login import current_user
from sqlalchemy import event
from sqlalchemy.orm import Session

MAX_ENTRIES = 512  # bounds memory whatever query strings visitors invent


class PageCache:
    """A bounded, thread-safe map of key -> (expiry, status, headers, body)."""

    def __init__(self, max_entries: int = MAX_ENTRIES) -> None:
        self.max_entries = max_entries
        self._entries: OrderedDict[tuple[str, ...], tuple[float, bytes, str]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple[str, ...], now: float) -> tuple[bytes, str] | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None
            expires, body, mimetype = entry
            if expires <= now:
                del self._entries[key]
                return None
            self._entries.move_to_end(key)
            return body, mimetype

    def put(self, key: tuple[str, ...], body: bytes, mimetype: str, expires: float) -> None:
        with self._lock:
            self._entries[key] = (expires, body, mimetype)
            self._entries.move_to_end(key)
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)


_ALL_CACHES: weakref.WeakSet[PageCache] = weakref.WeakSet()


def cache_for(app: t.Any) -> PageCache:
    return app.extensions["careers_page_cache"]


def init_app(app: t.Any) -> None:
    cache = PageCache()
    app.extensions["careers_page_cache"] = cache
    _ALL_CACHES.add(cache)


def _cacheable_request() -> bool:
    if current_app.config.get("BOARD_CACHE_SECONDS", 0) <= 0 or request.method not in ("GET", "HEAD"):
        return False
    if "_flashes" in session:
        return False
    return not current_user.is_authenticated


def anonymous_page(view: t.Callable[..., t.Any]) -> t.Callable[..., t.Any]:
    """Serve ``view`` from the cache for anonymous visitors (see the module's docstring)."""

    @functools.wraps(view)
    def wrapper(*args: t.Any, **kwargs: t.Any) -> t.Any:
        if not _cacheable_request():
            return view(*args, **kwargs)
        cache = cache_for(current_app)
        key = (str(get_locale()), request.full_path)
        now = time.monotonic()
        hit = cache.get(key, now)
        if hit is not None:
            body, mimetype = hit
            return Response(body, mimetype=mimetype)
        response = current_app.make_response(view(*args, **kwargs))
        if response.status_code == 200 and not response.direct_passthrough:
            cache.put(key, response.get_data(), response.mimetype or "text/html",
                      now + current_app.config["BOARD_CACHE_SECONDS"])
        return response

    return wrapper


# A change to openings committed in this process empties the caches (one per app; one app
# per worker process in production).  Bulk UPDATEs bypass the unit of work, so the few
# that touch ``jobs`` call :func:`forget_pages` themselves.

def forget_pages() -> None:
    for cache in list(_ALL_CACHES):
        cache.clear()


@event.listens_for(Session, "before_flush")
def _note_job_changes(session: Session, flush_context: t.Any, instances: t.Any) -> None:
    from careers.models import Job

    if any(isinstance(obj, Job) for obj in (*session.new, *session.dirty, *session.deleted)):
        session.info["careers_jobs_changed"] = True


@event.listens_for(Session, "after_commit")
def _clear_after_commit(session: Session) -> None:
    if session.info.pop("careers_jobs_changed", False):
        forget_pages()


@event.listens_for(Session, "after_rollback")
def _forget_on_rollback(session: Session) -> None:
    session.info.pop("careers_jobs_changed", None)
