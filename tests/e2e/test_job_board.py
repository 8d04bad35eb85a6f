"""Journeys on the public job board: browse, search, filter, paginate, switch language, 404."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.e2e.conftest import DEVICES

pytestmark = [pytest.mark.browser, pytest.mark.no_db]


def card_titles(page) -> list[str]:
    return [t.strip() for t in page.locator(".job-card .job-title").all_inner_texts()]


def query(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def test_board_browse_search_filter_paginate(journey, context):
    page = journey.page
    page.goto("/")
    assert journey.html_lang() == "zh-Hans"
    assert page.locator("h1").inner_text() == "加入我们"
    assert 0 < len(card_titles(page)) <= 10
    journey.fits_screen()
    journey.shot("board")

    page.fill("#q", "巡检")
    page.locator("form.search button[type=submit]").click()
    page.wait_for_url(re.compile(r"q="))
    titles = card_titles(page)
    assert len(titles) == 10 and all("巡检" in t for t in titles)
    assert "25" in page.locator(".result-count").inner_text()
    journey.fits_screen()
    journey.shot("search")

    page.locator("aside.filters a", has_text="上海").first.click()
    page.wait_for_url(re.compile(r"city=shanghai"))
    assert query(page)["q"] == ["巡检"]
    metas = page.locator(".job-card .job-meta").all_inner_texts()
    assert metas and all("上海" in m for m in metas)
    assert "5" in page.locator(".result-count").inner_text()
    journey.shot("filter-city")

    # The URL is the state: another visitor opening it sees the same list.
    other = context.new_page()
    other.goto(page.url)
    assert card_titles(other) == card_titles(page)
    other.close()

    page.goto("/jobs?q=巡检")
    first = card_titles(page)
    page.locator("nav.pager a[rel=next]").click()
    page.wait_for_url(re.compile(r"page=2"))
    second = card_titles(page)
    assert len(second) == 10 and not set(first) & set(second)
    journey.shot("page-2")
    page.locator("nav.pager a[rel=next]").click()
    page.wait_for_url(re.compile(r"page=3"))
    assert len(card_titles(page)) == 5
    assert page.locator("nav.pager a[rel=next]").count() == 0
    journey.shot("page-3")

    title = card_titles(page)[0]
    page.locator(".job-card .job-title").first.click()
    page.wait_for_url(re.compile(r"/jobs/\d+$"))
    assert title in page.locator("h1").inner_text()
    journey.fits_screen()
    journey.shot("detail")


def test_empty_and_hostile_search(journey):
    page = journey.page
    hostile = "<script>alert(1)</script>' OR 1=1 --%_" + "x" * 10_000
    response = page.goto(f"/jobs?q={hostile}&city=atlantis&page=99999")
    assert response.status == 200
    assert page.locator(".empty").is_visible()
    assert page.locator("#q").input_value().startswith("<script>")  # shown as text, not run
    journey.fits_screen()
    journey.shot("no-results")


def test_language_switch_is_remembered(journey, context, browser, live_server, device):
    page = journey.page
    page.goto("/jobs?q=engineer")
    assert journey.html_lang() == "zh-Hans"
    journey.shot("chinese-from-browser")

    page.locator(".lang-switch a", has_text="English").click()
    page.wait_for_load_state()
    assert journey.html_lang() == "en"
    assert urlsplit(page.url).path == "/jobs" and query(page)["q"] == ["engineer"]
    assert page.locator("h1").inner_text() == "Join us"
    journey.shot("switched-to-english")

    # Remembered across pages and tabs of the same browser, against Accept-Language.
    page.goto("/")
    assert journey.html_lang() == "en"
    tab = context.new_page()
    tab.goto("/no-such-page")
    assert tab.get_attribute("html", "lang") == "en"
    tab.close()

    page.locator(".lang-switch a", has_text="中文").click()
    page.wait_for_load_state()
    assert journey.html_lang() == "zh-Hans"
    journey.shot("back-to-chinese")

    # A browser that asks for English and has chosen nothing gets English.
    english = browser.new_context(base_url=live_server.url, locale="en-US", **DEVICES[device])
    try:
        fresh = english.new_page()
        fresh.goto("/")
        assert fresh.get_attribute("html", "lang") == "en"
    finally:
        english.close()


def test_not_found_page_in_both_languages(journey):
    page = journey.page
    response = page.goto("/no-such-page")
    assert response.status == 404
    assert journey.html_lang() == "zh-Hans"
    assert page.locator("h1").inner_text() == "页面不存在"
    journey.fits_screen()
    journey.shot("404-chinese")

    page.locator(".lang-switch a", has_text="English").click()
    page.wait_for_load_state()
    assert urlsplit(page.url).path == "/no-such-page"
    assert journey.html_lang() == "en"
    assert page.locator("h1").inner_text() == "Page not found"
    journey.shot("404-english")

    response = page.goto("/jobs/999999999")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "Page not found"
    page.locator(".error-page a.button").click()
    page.wait_for_load_state()
    assert page.locator(".job-card").count() > 0
    journey.shot("back-to-board")
