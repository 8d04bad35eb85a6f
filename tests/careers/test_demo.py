"""careers/demo_jobs.py and careers/demo.py: the demo openings a newcomer sees first."""

import pytest

from careers.catalog import CATEGORIES, CITIES, DEPARTMENTS
from careers.demo import load_demo_jobs
from careers.demo_jobs import DEMO_JOBS
from careers.queries import JobFilters, search_jobs


def test_demo_jobs_cover_every_category_department_and_city():
    assert len(DEMO_JOBS) >= 64
    assert {job["category"] for job in DEMO_JOBS} == set(CATEGORIES)
    assert {job["department"] for job in DEMO_JOBS} == set(DEPARTMENTS)
    assert {job["city"] for job in DEMO_JOBS} == set(CITIES)


@pytest.mark.parametrize("job", DEMO_JOBS, ids=lambda job: job["title_en"])
def test_demo_job_is_complete_in_both_languages(job):
    for field in ("title", "description"):
        assert job[f"{field}_zh"].strip() and job[f"{field}_en"].strip()
    for field in ("responsibilities", "requirements"):
        zh, en = job[f"{field}_zh"].splitlines(), job[f"{field}_en"].splitlines()
        assert 4 <= len(zh) <= 6 and len(zh) == len(en)
    assert "。 " not in job["description_zh"]  # lines joined without stray spaces
    assert job["headcount"] is None or job["headcount"] > 0


def test_demo_jobs_are_not_templated_filler():
    lines = [line for job in DEMO_JOBS for line in job["responsibilities_en"].splitlines()]
    assert len(set(lines)) == len(lines)
    assert len({job["description_en"] for job in DEMO_JOBS}) == len(DEMO_JOBS)


@pytest.fixture
def demo():
    assert load_demo_jobs() == len(DEMO_JOBS)
    assert load_demo_jobs() == 0


@pytest.mark.parametrize(("query", "expected_in_title"), [
    ("算法", "算法"), ("engineer", "Engineer"), ("intern", "Intern"), ("实习", "实习"), ("自动驾驶", "自动驾驶"),
])
def test_demo_search_lists_the_roles_a_person_means_first(demo, query, expected_in_title):
    result = search_jobs(JobFilters(q=query), per_page=100)
    with_title = [job for job in DEMO_JOBS if expected_in_title in job["title_zh"] + job["title_en"]]
    first = result.items[:len(with_title)]
    assert {job.title_en for job in first} == {job["title_en"] for job in with_title}


def test_demo_search_intern_finds_every_internship_and_no_experienced_role(demo):
    result = search_jobs(JobFilters(q="intern"), per_page=100)
    categories = [job.category for job in result.items]
    assert categories.count("internship") == sum(job["category"] == "internship" for job in DEMO_JOBS)
    assert "experienced" not in categories


def test_demo_search_python_and_machine_learning(demo):
    python = {job.title_en for job in search_jobs(JobFilters(q="Python"), per_page=100).items}
    assert {"Backend Engineer (Python)", "Data Engineer", "Software Engineer in Test"} <= python
    ml = [job.title_en for job in search_jobs(JobFilters(q="机器学习"), per_page=100).items]
    assert ml[0] == "Machine Learning Algorithm Intern"


def test_job_detail_shows_headcount_in_both_languages(client, create_job):
    job = create_job(headcount=3)
    assert "Headcount 3" in client.get(f"/jobs/{job.id}", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "招聘人数 3" in client.get(f"/jobs/{job.id}", headers={"Accept-Language": "zh-CN"}).get_data(as_text=True)
    other = create_job(headcount=None)
    assert "Headcount" not in client.get(f"/jobs/{other.id}", headers={"Accept-Language": "en"}).get_data(as_text=True)
