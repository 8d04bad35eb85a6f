"""The candidate's journey: sign in, upload a resume, watch it parsed, confirm the profile, apply."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.e2e.test_sign_in import sign_in_by_sms

pytestmark = [pytest.mark.browser, pytest.mark.no_db]

CORPUS = Path(__file__).resolve().parents[1] / "resume_corpus"


def candidate_applies(journey, live_server, resume: Path, job_index: int) -> int:
    """Sign in, upload ``resume``, wait for parsing, confirm the profile, apply; return the job id."""
    page = journey.page
    sign_in_by_sms(journey, live_server)

    page.goto("/me/resumes")
    journey.fits_screen()
    journey.shot("upload-form")
    page.set_input_files("#file", str(resume))
    page.check("#consent")  # the upload form's own consent to the processing of the resume
    page.locator("form.upload-form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/me/resumes/\d+$"))
    journey.shot("progress")

    # The progress page polls its status URL (static/js) until parsing ends.
    page.locator("[data-done]").wait_for(state="visible", timeout=60_000)
    assert page.locator("[data-failed]").is_hidden()
    journey.fits_screen()
    journey.shot("parsed")

    page.locator("[data-done] a.button").click()
    page.wait_for_url(re.compile(r"/profile/edit"))
    journey.fits_screen()
    journey.shot("review-profile")
    page.locator("button[name=op][value=confirm]").click()
    page.wait_for_load_state()
    assert page.locator(".field-error").count() == 0, page.locator(".field-error").all_inner_texts()
    journey.shot("profile-confirmed")

    page.goto("/jobs?q=巡检")
    page.locator(".job-card .job-title").nth(job_index).click()
    page.wait_for_url(re.compile(r"/jobs/\d+$"))
    job_id = int(page.url.rsplit("/", 1)[1])
    page.locator(".apply-row a.button").click()
    page.wait_for_url(re.compile(r"/jobs/\d+/apply$"))
    journey.fits_screen()
    journey.shot("apply-form")
    page.check("form.apply-form input[type=checkbox]")
    page.locator("form.apply-form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/me/applications"))
    assert page.locator(".flash").count() > 0
    journey.fits_screen()
    journey.shot("applied")
    return job_id


def test_upload_parse_confirm_apply(journey, live_server, device):
    resume = sorted(CORPUS.glob("zh-*.pdf") if device == "phone" else CORPUS.glob("en-*.pdf"))[0]
    candidate_applies(journey, live_server, resume, 1 if device == "phone" else 2)
