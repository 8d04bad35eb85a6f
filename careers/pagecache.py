"""A short cache of the public job board's pages as anonymous visitors see them.

Rendering a board page (twenty cards, three facets, two languages) costs far more than
the queries behind it; most visitors are anonymous and see the same page for the same
URL and language.  So the rendered body of ``/``, ``/jobs`` and ``/jobs/<id>`` is kept
for ``BOARD_CACHE_SECONDS`` per worker process, keyed by language and full path.

Kept out of the cache, always rendered fresh:

* signed-in visitors (their header shows their inbox and account links and a CSRF token);
* a request whose session holds flashed messages (the page must show and consume them);
* anything but a 200 answer (a closed opening's 404 is never kept).

A visitor without a session cookie (most first visits) is answered whole, headers
included, by :class:`CookielessFastPath` before Flask dispatches the request at all.

A change to openings made through this process (publish, close, edit) empties the cache
when its transaction commits; other worker processes see it within ``BOARD_CACHE_SECONDS``.
``0`` turns the cache off (the default outside ``APP_ENV=production``).
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
from werkzeug.wrappers import Request

from core.logs import REQUEST_ID_HEADER, accepted_request_id, new_request_id

MAX_ENTRIES = 512  # bounds memory whatever query strings visitors invent
ENVIRON_KEY = "careers.pagecache.key"
# Never replayed from a cached answer: they belong to one request (a hit gets its own id).
PER_REQUEST_HEADERS = frozenset({"set-cookie", REQUEST_ID_HEADER.lower(), "date"})


class PageCache:
    """A bounded, thread-safe map of key -> value, each with its expiry (``time.monotonic``).

    An entry that has just expired is re-rendered by one caller only: the first caller
    after the expiry gets ``None`` and claims the key; until it stores the new page (or
    releases the claim), the others are served the expired copy, for at most
    ``stale_for`` seconds.  Without this, every thread of every worker re-renders the
    same popular pages at the same moment each time they expire.
    """

    CLAIM_SECONDS = 30.0  # a claim older than this was abandoned (its renderer died)

    def __init__(self, max_entries: int = MAX_ENTRIES) -> None:
        self.max_entries = max_entries
        self._entries: OrderedDict[tuple[str, ...], tuple[float, t.Any]] = OrderedDict()
        self._claims: dict[tuple[str, ...], float] = {}
        self._lock = threading.Lock()

    def get(self, key: tuple[str, ...], now: float, stale_for: float = 0.0) -> t.Any:
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None
            expires, value = entry
            if now < expires:
                self._entries.move_to_end(key)
                return value
            if now >= expires + stale_for:
                del self._entries[key]
                return None
            claimed = self._claims.get(key)
            if claimed is not None and now - claimed < self.CLAIM_SECONDS:
                return value  # another caller is re-rendering it: the copy serves a moment longer
            self._claims[key] = now
            return None

    def release(self, key: tuple[str, ...]) -> None:
        """Drop the claim on ``key`` (the caller stored a new page, or could not)."""
        with self._lock:
            self._claims.pop(key, None)

    def put(self, key: tuple[str, ...], value: t.Any, expires: float) -> None:
        with self._lock:
            self._entries[key] = (expires, value)
            self._claims.pop(key, None)
            self._entries.move_to_end(key)
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._claims.clear()

    def __len__(self) -> int:
        return len(self._entries)

    def cached_keys(self) -> list[tuple[str, ...]]:
        with self._lock:
            return list(self._entries)


_ALL_CACHES: weakref.WeakSet[PageCache] = weakref.WeakSet()


def cache_for(app: t.Any) -> PageCache:
    return app.extensions["careers_page_cache"]


def init_app(app: t.Any) -> None:
    cache = PageCache()
    app.extensions["careers_page_cache"] = cache
    _ALL_CACHES.add(cache)
    app.wsgi_app = CookielessFastPath(app.wsgi_app, app, cache)


class CookielessFastPath:
    """Serve a first-time visitor's board page before Flask runs at all.

    A request without the session or remember-me cookie has no signed-in user, no
    flashed message and no chosen language: its page depends only on its URL and its
    ``Accept-Language``.  So once the view has rendered (or served) a page for such a
    request and marked it cacheable, the whole answer, headers included, is kept under
    the same key and replayed to the next cookie-less visitor without dispatching the
    request (no session, no rate-limit check, no user lookup).  Everything else goes
    through the app, where the cache in :func:`anonymous_page` still applies.
    """

    def __init__(self, wsgi_app: t.Any, app: t.Any, cache: PageCache) -> None:
        self.wsgi_app, self.app, self.cache = wsgi_app, app, cache
        self.cookie_names = (app.config["SESSION_COOKIE_NAME"], app.config.get("REMEMBER_COOKIE_NAME", "remember_token"))

    def _key(self, environ: dict[str, t.Any]) -> tuple[str, ...] | None:
        if environ.get("REQUEST_METHOD") != "GET" or self.app.config.get("BOARD_CACHE_SECONDS", 0) <= 0:
            return None
        path = environ.get("PATH_INFO", "")
        if path != "/" and not path.startswith("/jobs"):
            return None
        req = Request(environ, shallow=True)
        if any(name in req.cookies for name in self.cookie_names):
            return None
        from core.locale import locale_from_accept_languages

        return ("wsgi", locale_from_accept_languages(req.accept_languages), req.full_path)

    def __call__(self, environ: dict[str, t.Any], start_response: t.Callable[..., t.Any]) -> t.Any:
        key = self._key(environ)
        if key is None:
            return self.wsgi_app(environ, start_response)
        now = time.monotonic()
        ttl = self.app.config["BOARD_CACHE_SECONDS"]
        hit = self.cache.get(key, now, stale_for=ttl)
        if hit is not None:
            status, headers, body = hit
            # The id of this request, not of the one that rendered the page (core/logs.py).
            rid = accepted_request_id(environ.get("HTTP_X_REQUEST_ID")) or new_request_id()
            start_response(status, [*headers, ("Content-Length", str(len(body))), (REQUEST_ID_HEADER, rid)])
            return [body]
        try:
            return self._render_and_keep(key, environ, start_response, now + ttl)
        finally:
            self.cache.release(key)

    def _render_and_keep(self, key: tuple[str, ...], environ: dict[str, t.Any],
                         start_response: t.Callable[..., t.Any], expires: float) -> t.Any:
        captured: dict[str, t.Any] = {}

        def capture(status: str, headers: list[tuple[str, str]], exc_info: t.Any = None) -> t.Any:
            captured["status"], captured["headers"] = status, headers
            return start_response(status, headers, exc_info) if exc_info else start_response(status, headers)

        chunks = self.wsgi_app(environ, capture)
        if environ.get(ENVIRON_KEY) != key[1:] or not captured.get("status", "").startswith("200"):
            return chunks
        if any(name.lower() == "set-cookie" for name, _value in captured["headers"]):
            return chunks
        try:
            body = b"".join(chunks)
        finally:
            if hasattr(chunks, "close"):
                chunks.close()
        headers = [(n, v) for n, v in captured["headers"]
                   if n.lower() not in PER_REQUEST_HEADERS and n.lower() != "content-length"]
        self.cache.put(key, (captured["status"], headers, body), expires)
        return [body]


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
        ttl = current_app.config["BOARD_CACHE_SECONDS"]
        hit = cache.get(key, now, stale_for=ttl)
        if hit is not None:
            body, mimetype = hit
            response = Response(body, mimetype=mimetype)
        else:
            try:
                response = current_app.make_response(view(*args, **kwargs))
                if response.status_code != 200 or response.direct_passthrough:
                    return response
                cache.put(key, (response.get_data(), response.mimetype or "text/html"), now + ttl)
            finally:
                cache.release(key)
        # Tell the WSGI fast path (below) that this answer may be kept whole.
        request.environ[ENVIRON_KEY] = key
        return response

    return wrapper


# A change to openings committed in this process empties the caches (one per app; one app
# per worker process in production).  The hook sees changes made through the unit of work;
# nothing updates ``jobs`` in bulk today, and code that does must call :func:`forget_pages`.

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
