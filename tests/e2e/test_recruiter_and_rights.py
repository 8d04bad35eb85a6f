"""A candidate (phone, WeChat browser) applies; a recruiter (desktop) signs in with a password
and TOTP, finds the application and moves it; the candidate sees the new stage, downloads a
copy of their data and cancels the account."""

from __future__ import annotations

import re
import zipfile

import pyotp
import pytest

from tests.e2e.conftest import DEVICES, Journey
from tests.e2e.test_apply import CORPUS, candidate_applies

pytestmark = [pytest.mark.browser, pytest.mark.no_db]
NAME = "recruiter_moves_candidate_export_cancel"


@pytest.fixture
def two_browsers(browser, live_server):
    contexts = [browser.new_context(base_url=live_server.url, locale="zh-CN", **DEVICES[d]) for d in ("phone", "desktop")]
    for ctx in contexts:
        ctx.set_default_timeout(15_000)
    candidate = Journey(contexts[0].new_page(), NAME, "phone")
    recruiter = Journey(contexts[1].new_page(), NAME, "desktop")
    yield candidate, recruiter
    for ctx in contexts:
        ctx.close()
    assert not candidate.errors and not recruiter.errors, candidate.errors + recruiter.errors


def test_recruiter_moves_candidate_then_export_and_cancel(two_browsers, live_server, tmp_path):
    from auth.demo import DEMO_PASSWORD, DEMO_RECRUITER, DEMO_TOTP_SECRET

    candidate, recruiter = two_browsers
    job_id = candidate_applies(candidate, live_server, sorted(CORPUS.glob("zh-*.pdf"))[1], 3)
    before = candidate.page.locator("main").inner_text()

    page = recruiter.page
    page.goto("/auth/staff/login")
    page.fill("input[name=email]", DEMO_RECRUITER)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.locator("button.auth-submit").click()
    page.wait_for_url(re.compile(r"/auth/staff/"))
    recruiter.shot("staff-totp")
    page.fill("input[name=code]", pyotp.TOTP(DEMO_TOTP_SECRET).now())
    page.locator("button.auth-submit").click()
    page.wait_for_url(lambda url: "/auth/staff" not in url)
    page.goto("/recruit/")
    assert page.locator("form.nav-signout").count() == 1
    recruiter.shot("workspace")

    page.goto(f"/recruit/jobs/{job_id}")
    boxes = page.locator("input[name=application_ids]:not([disabled])")
    assert boxes.count() == 1
    recruiter.shot("pipeline")
    boxes.first.check()
    page.select_option("select[name=to_stage]", "screening")
    page.locator("form.pipeline-form button[type=submit]").last.click()
    page.wait_for_load_state()
    assert page.locator(".flash-success").count() > 0
    recruiter.shot("moved")

    cpage = candidate.page
    cpage.goto("/me/applications")
    assert cpage.locator("main").inner_text() != before  # the new stage shows
    candidate.fits_screen()
    candidate.shot("sees-new-stage")

    cpage.goto("/privacy/")
    candidate.fits_screen()
    candidate.shot("privacy-centre")
    cpage.locator("form[action$='/privacy/exports'] button").click()
    cpage.wait_for_url(re.compile(r"/privacy/exports/"))
    download_button = cpage.locator("form[action$='/download'] button")
    download_button.wait_for(timeout=60_000)  # the page refreshes itself until the copy is ready
    candidate.shot("export-ready")
    with cpage.expect_download() as info:
        download_button.click()
    saved = tmp_path / "copy.zip"
    info.value.save_as(saved)
    with zipfile.ZipFile(saved) as zf:
        assert zf.namelist(), "the copy is an empty zip"

    cpage.goto("/privacy/cancel")
    code = None
    for _ in range(3):  # a new code for the same number waits out the resend cooldown (60 s)
        mark = live_server.log_size()
        cpage.locator("form:has(input[name=step][value=send]) button").click()
        cpage.wait_for_load_state()
        try:
            code = live_server.sms_code(mark, timeout=3)
            break
        except AssertionError:
            wait = re.findall(r"\d+", " ".join(cpage.locator(".flash").all_inner_texts()))
            cpage.wait_for_timeout(1000 * (int(wait[0]) + 2 if wait else 15))
    assert code, f"no re-authentication code was sent: {cpage.url} {cpage.locator('.flash').all_inner_texts()}"
    cpage.fill("form:has(input[name=step][value=verify]) input:not([type=hidden])", code)
    candidate.shot("cancel-reauth")
    cpage.locator("form:has(input[name=step][value=verify]) button").click()
    cpage.wait_for_url(re.compile(r"/privacy/cancel/confirm"))
    candidate.fits_screen()
    candidate.shot("cancel-confirm")
    cpage.check("form input[type=checkbox]")
    cpage.locator("form button.danger").click()
    cpage.wait_for_url(re.compile(r"/privacy/cancelled"))
    assert cpage.locator("form.nav-signout").count() == 0
    candidate.shot("cancelled")

    page.goto(f"/recruit/jobs/{job_id}")
    assert page.locator("input[name=application_ids]:not([disabled])").count() == 0
    recruiter.shot("candidate-gone")
