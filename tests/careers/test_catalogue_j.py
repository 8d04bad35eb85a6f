"""Security reference 5.J "stored XSS": hostile text in a candidate's name, work history,
skills and application note is shown escaped on every recruiter page that shows it."""

from __future__ import annotations

import pytest

PROBES = ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "{{7*7}}"]


@pytest.mark.parametrize("probe", PROBES)
def test_recruiter_pages_escape_candidate_text(create_job, make_candidate, apply_to, recruiter, login, client, probe):
    job = create_job(department="research")
    person = make_candidate(name=probe, skills=[probe], work=((probe, probe, "2020-07", None),), city=probe,
                            summary=probe)
    apply_to(person, job, note=probe)
    login(recruiter("research"))
    pages = {path: client.get(path, headers={"Accept-Language": "en"}) for path in (
        f"/recruit/candidates/{person.id}", f"/recruit/jobs/{job.id}", "/recruit/candidates?q=python")}
    for path, response in pages.items():
        assert response.status_code == 200, path
        html = response.get_data(as_text=True)
        assert "<script>alert(1)</script>" not in html and "<img src=x" not in html, path
    candidate_page = pages[f"/recruit/candidates/{person.id}"].get_data(as_text=True)
    if probe == "{{7*7}}":
        assert "{{7*7}}" in candidate_page  # text, not a template
    else:
        assert "&lt;" in candidate_page  # it is there, escaped
