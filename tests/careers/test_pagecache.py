"""The short cache of anonymous job-board pages (careers/pagecache.py)."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from careers import pagecache
from core.db import db


@pytest.fixture
def board_cache(app, monkeypatch):
    monkeypatch.setitem(app.config, "BOARD_CACHE_SECONDS", 30)
    clock = {"now": 1000.0}
    monkeypatch.setattr(pagecache.time, "monotonic", lambda: clock["now"])
    cache = pagecache.cache_for(app)
    cache.clear()
    yield clock
    cache.clear()


def _retitle_behind_the_orms_back(job, title):
    # A plain UPDATE: the unit of work does not see it, so only the TTL can refresh the page.
    db.session.execute(text("UPDATE jobs SET title_en = :t WHERE id = :id"), {"t": title, "id": job.id})
    db.session.expire_all()


def test_anonymous_board_page_is_served_from_the_cache_until_it_expires(client, create_job, board_cache):
    job = create_job(title_en="Cached Role Alpha")
    page = client.get(f"/jobs/{job.id}", headers={"Accept-Language": "en"})
    assert b"Cached Role Alpha" in page.data
    _retitle_behind_the_orms_back(job, "Renamed Role Beta")

    again = client.get(f"/jobs/{job.id}", headers={"Accept-Language": "en"})
    assert again.status_code == 200
    assert b"Cached Role Alpha" in again.data

    board_cache["now"] += 31
    fresh = client.get(f"/jobs/{job.id}", headers={"Accept-Language": "en"})
    assert b"Renamed Role Beta" in fresh.data


def test_cached_answers_keep_the_security_headers(client, create_job, board_cache):
    create_job(title_en="Header Role")
    client.get("/jobs", headers={"Accept-Language": "en"})
    hit = client.get("/jobs", headers={"Accept-Language": "en"})
    assert b"Header Role" in hit.data
    assert hit.mimetype == "text/html"
    assert "script-src 'self'" in hit.headers["Content-Security-Policy"]
    assert hit.headers["X-Content-Type-Options"] == "nosniff"


def test_each_language_and_query_has_its_own_page(client, create_job, board_cache):
    create_job(title_zh="缓存测试职位", title_en="Cache Test Role", city="shanghai")
    zh = client.get("/jobs", headers={"Accept-Language": "zh-CN"})
    en = client.get("/jobs", headers={"Accept-Language": "en"})
    assert "缓存测试职位" in zh.get_data(as_text=True)
    assert b"Cache Test Role" in en.data and "缓存测试职位" not in en.get_data(as_text=True)
    elsewhere = client.get("/jobs?city=beijing", headers={"Accept-Language": "en"})
    assert b"Cache Test Role" not in elsewhere.data


def test_signed_in_visitors_never_get_the_anonymous_page(client, create_job, create_user, login, board_cache):
    create_job(title_en="Member Role")
    anonymous = client.get("/jobs", headers={"Accept-Language": "en"})
    assert b"Sign out" not in anonymous.data
    login(create_user())
    signed_in = client.get("/jobs", headers={"Accept-Language": "en"})
    assert b"Sign out" in signed_in.data
    assert signed_in.headers["Cache-Control"] == "no-store"


def test_a_flashed_message_is_shown_even_when_the_page_is_cached(client, create_job, board_cache):
    create_job(title_en="Flash Role")
    client.get("/jobs", headers={"Accept-Language": "en"})
    with client.session_transaction() as session:
        session["_flashes"] = [("info", "You have been signed out.")]
    page = client.get("/jobs", headers={"Accept-Language": "en"})
    assert b"You have been signed out." in page.data
    # ... and the flash-bearing page was not kept for the next visitor.
    next_visitor = client.get("/jobs", headers={"Accept-Language": "en"})
    assert b"You have been signed out." not in next_visitor.data


def test_a_closed_opening_is_not_kept_and_a_404_is_not_cached(app, client, create_job, board_cache):
    job = create_job(title_en="Closing Role", status="closed")
    assert client.get(f"/jobs/{job.id}").status_code == 404
    assert len(pagecache.cache_for(app)) == 0


def test_committing_a_change_to_an_opening_empties_the_cache(app, client, create_job, board_cache):
    job = create_job(title_en="Before Edit")
    client.get(f"/jobs/{job.id}", headers={"Accept-Language": "en"})
    assert len(pagecache.cache_for(app)) == 2  # the view's entry and the cookie-less fast path's

    job.title_en = "After Edit"
    db.session.commit()

    assert len(pagecache.cache_for(app)) == 0
    assert b"After Edit" in client.get(f"/jobs/{job.id}", headers={"Accept-Language": "en"}).data


def test_committing_other_rows_keeps_the_cache(app, client, create_job, create_user, board_cache):
    job = create_job(title_en="Steady Role")
    db.session.commit()
    client.get(f"/jobs/{job.id}")
    assert len(pagecache.cache_for(app)) == 2
    create_user()
    db.session.commit()
    assert len(pagecache.cache_for(app)) == 2


def test_a_rolled_back_change_does_not_linger_as_a_pending_clear(app, client, create_job, board_cache):
    job = create_job(title_en="Rollback Role")
    db.session.commit()
    job.title_en = "Never Saved"
    db.session.flush()
    assert db.session.info.get("careers_jobs_changed") is True
    db.session.rollback()
    assert "careers_jobs_changed" not in db.session.info


def test_zero_seconds_turns_the_cache_off(app, client, create_job, monkeypatch):
    monkeypatch.setitem(app.config, "BOARD_CACHE_SECONDS", 0)
    pagecache.cache_for(app).clear()
    job = create_job(title_en="Uncached Role")
    client.get(f"/jobs/{job.id}", headers={"Accept-Language": "en"})
    assert len(pagecache.cache_for(app)) == 0
    _retitle_behind_the_orms_back(job, "Seen At Once")
    assert b"Seen At Once" in client.get(f"/jobs/{job.id}", headers={"Accept-Language": "en"}).data


def test_the_cache_is_bounded_and_drops_the_least_recently_used():
    cache = pagecache.PageCache(max_entries=2)
    cache.put(("en", "/a"), "page a", expires=100)
    cache.put(("en", "/b"), "page b", expires=100)
    assert cache.get(("en", "/a"), now=1) == "page a"  # /a is now the most recent
    cache.put(("en", "/c"), "page c", expires=100)
    assert cache.get(("en", "/b"), now=1) is None
    assert cache.get(("en", "/a"), now=1) is not None
    assert cache.get(("en", "/c"), now=101) is None  # expired entries are dropped on read
    assert len(cache) == 1



def _flask_dispatches(app, monkeypatch):
    calls = []
    original = app.full_dispatch_request
    monkeypatch.setattr(app, "full_dispatch_request", lambda: calls.append(1) or original())
    return calls


def test_a_cookieless_visitor_is_answered_whole_without_dispatching(app, client, create_job, board_cache, monkeypatch):
    create_job(title_en="Fast Role")
    first = client.get("/jobs?city=beijing", headers={"Accept-Language": "en"})
    assert ("wsgi", "en", "/jobs?city=beijing") in pagecache.cache_for(app).cached_keys()
    calls = _flask_dispatches(app, monkeypatch)

    replay = client.get("/jobs?city=beijing", headers={"Accept-Language": "en"})

    assert calls == []  # no session, no rate-limit check, no user lookup
    assert replay.data == first.data and b"Fast Role" in replay.data
    for header in ("Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options", "Vary", "Content-Type"):
        assert replay.headers[header] == first.headers[header]
    assert "Set-Cookie" not in replay.headers
    assert replay.headers["X-Request-ID"] != first.headers["X-Request-ID"]  # its own id, not the renderer's
    proxied = client.get("/jobs?city=beijing", headers={"Accept-Language": "en", "X-Request-ID": "proxy-id-0001"})
    assert proxied.headers["X-Request-ID"] == "proxy-id-0001" and calls == []
    assert replay.headers["Content-Length"] == str(len(first.data))


def test_a_visitor_with_a_session_cookie_goes_through_the_app(app, client, create_job, board_cache, monkeypatch):
    create_job(title_en="Cookie Role")
    client.get("/jobs", headers={"Accept-Language": "en"})
    with client.session_transaction() as session:
        session["lang"] = "zh_Hans"  # a chosen language lives in the session cookie
    calls = _flask_dispatches(app, monkeypatch)
    page = client.get("/jobs", headers={"Accept-Language": "en"})
    assert calls == [1]
    assert '<html lang="zh-Hans">' in page.get_data(as_text=True)


def test_the_fast_path_only_keeps_what_the_view_marked(app, client, create_job, board_cache):
    job = create_job(title_en="Hidden Role", status="draft")
    assert client.get(f"/jobs/{job.id}").status_code == 404
    assert client.get("/jobs/not-a-number").status_code == 404
    assert client.get("/jobsearch").status_code == 404
    assert not any(key[0] == "wsgi" for key in pagecache.cache_for(app).cached_keys())


def test_an_expired_page_is_re_rendered_by_one_caller_while_the_others_get_the_copy():
    cache = pagecache.PageCache()
    cache.put(("en", "/jobs?"), "old page", expires=100)
    assert cache.get(("en", "/jobs?"), now=100, stale_for=60) is None  # the first caller re-renders...
    assert cache.get(("en", "/jobs?"), now=101, stale_for=60) == "old page"  # ...the others get the copy
    cache.put(("en", "/jobs?"), "new page", expires=160)
    assert cache.get(("en", "/jobs?"), now=102, stale_for=60) == "new page"


def test_a_failed_re_render_releases_the_key_and_the_copy_does_not_outlive_its_window():
    cache = pagecache.PageCache()
    cache.put(("en", "/jobs?"), "old page", expires=100)
    assert cache.get(("en", "/jobs?"), now=100, stale_for=60) is None
    cache.release(("en", "/jobs?"))  # the renderer failed (a 500, a 404 now): the next caller tries
    assert cache.get(("en", "/jobs?"), now=101, stale_for=60) is None
    assert cache.get(("en", "/jobs?"), now=102, stale_for=60) == "old page"
    assert cache.get(("en", "/jobs?"), now=100 + 60, stale_for=60) is None  # too old to serve at all
    assert len(cache) == 0


def test_an_abandoned_claim_does_not_pin_the_old_copy():
    cache = pagecache.PageCache()
    cache.put(("en", "/jobs?"), "old page", expires=100)
    assert cache.get(("en", "/jobs?"), now=100, stale_for=120) is None
    later = 100 + pagecache.PageCache.CLAIM_SECONDS + 1
    assert cache.get(("en", "/jobs?"), now=later, stale_for=120) is None  # reclaimed by a new caller


def test_a_change_to_openings_drops_the_copies_too(app, client, create_job, board_cache):
    job = create_job(title_en="Old Title")
    client.get(f"/jobs/{job.id}", headers={"Accept-Language": "en"})
    board_cache["now"] += 31  # expired: only a stale copy is left
    job.title_en = "New Title"
    db.session.commit()
    assert b"New Title" in client.get(f"/jobs/{job.id}", headers={"Accept-Language": "en"}).data
