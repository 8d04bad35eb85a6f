"""Sign-in journeys: mobile number + SMS code, and WeChat through the in-app stand-in."""

from __future__ import annotations

import itertools
import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.no_db]

_numbers = itertools.count(1)


def new_phone() -> str:
    return f"139{next(_numbers):04d}{abs(hash('e2e')) % 10000:04d}"


def signed_in(page) -> bool:
    return page.locator("form.nav-signout button").count() > 0


def agree_to_policy(journey) -> None:
    page = journey.page
    page.wait_for_url(re.compile(r"/auth/consent"))
    journey.fits_screen()
    journey.shot("consent")
    page.check("input[name=agree]")
    page.locator("form button[type=submit]:not([name=decline])").first.click()
    page.wait_for_load_state()


def sign_in_by_sms(journey, live_server, shots: bool = False) -> None:
    """A new candidate signs in with a mobile number (code from the server's console log)."""
    page = journey.page
    page.goto("/auth/login")
    page.fill("#phone", new_phone())
    log_mark = live_server.log_size()
    page.locator("form[action$='/auth/sms/send'] button[type=submit]").click()
    page.wait_for_load_state()
    errors = page.locator(".field-error").all_inner_texts()
    assert not errors, f"code not sent: {errors}"
    page.fill("#code", live_server.sms_code(log_mark))
    page.locator("button.auth-submit").click()
    if shots:
        agree_to_policy(journey)
    else:
        page.wait_for_url(re.compile(r"/auth/consent"))
        page.check("input[name=agree]")
        page.locator("form button[type=submit]:not([name=decline])").first.click()
        page.wait_for_load_state()
    assert signed_in(page)


def test_mobile_number_sign_in(journey, live_server):
    page = journey.page
    page.goto("/jobs")
    page.locator(".job-card .job-title").first.click()
    page.wait_for_url(re.compile(r"/jobs/\d+$"))
    journey.shot("opening")

    page.goto("/auth/login")
    assert not signed_in(page)
    journey.fits_screen()
    journey.shot("sign-in-page")
    phone = new_phone()
    page.fill("#phone", phone)
    log_mark = live_server.log_size()
    page.locator("form[action$='/auth/sms/send'] button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".flash").count() > 0
    journey.shot("code-sent")

    page.fill("#code", "000000" if live_server.sms_code(log_mark) != "000000" else "111111")
    page.locator("button.auth-submit").click()
    page.wait_for_load_state()
    assert page.locator(".field-error").count() > 0  # a wrong code is refused, in Chinese
    journey.shot("wrong-code")

    page.fill("#code", live_server.sms_code(log_mark))
    page.locator("button.auth-submit").click()
    agree_to_policy(journey)
    assert signed_in(page)
    journey.fits_screen()
    journey.shot("signed-in")

    page.locator("form.nav-signout button").click()
    page.wait_for_load_state()
    assert not signed_in(page)
    journey.shot("signed-out")


def test_wechat_stand_in_sign_in(journey, device):
    page = journey.page
    page.goto("/auth/login")
    page.locator("a.wechat").click()
    page.wait_for_url(re.compile(r"/_wechat/"))
    journey.fits_screen()
    journey.shot("wechat-authorize")
    # One of the stand-in's ready-made WeChat users per device: each is a new account here.
    page.locator("input[name=persona]").nth(0 if device == "phone" else 1).check()
    page.locator("[name=approve]").click()
    page.wait_for_url(re.compile(r"/auth/consent"))
    agree_to_policy(journey)
    assert signed_in(page)
    journey.fits_screen()
    journey.shot("signed-in")
