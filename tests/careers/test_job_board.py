import pytest

from careers.queries import JobFilters, search_jobs


@pytest.fixture
def jobs(create_job):
    return [
        create_job(title_zh="计算机视觉算法工程师", title_en="Computer Vision Engineer", city="beijing",
                   department="research", category="campus", description_zh="研发视觉算法", description_en="vision"),
        create_job(title_zh="后端开发工程师", title_en="Backend Engineer", city="shanghai",
                   department="engineering", category="experienced"),
        create_job(title_zh="产品经理实习生", title_en="Product Manager Intern", city="shanghai",
                   department="product", category="internship"),
        create_job(title_zh="草稿职位", title_en="Draft role", status="draft"),
    ]


def test_search_jobs_keyword_in_chinese_finds_title_and_description(jobs):
    result = search_jobs(JobFilters(q="算法"))
    assert [j.title_en for j in result.items] == ["Computer Vision Engineer"]


def test_search_jobs_keyword_in_english_is_case_insensitive(jobs):
    result = search_jobs(JobFilters(q="ENGINEER"))
    assert {j.title_en for j in result.items} == {"Computer Vision Engineer", "Backend Engineer"}


def test_search_jobs_all_terms_must_match(jobs):
    assert search_jobs(JobFilters(q="engineer backend")).total == 1


def test_search_jobs_hides_drafts(jobs):
    assert search_jobs(JobFilters()).total == 3
    assert search_jobs(JobFilters(q="draft")).total == 0


def test_search_jobs_filters_and_facet_counts(jobs):
    result = search_jobs(JobFilters(city="shanghai"))
    assert result.total == 2
    assert dict(result.facets["city"]) == {"beijing": 1, "shanghai": 2}
    assert dict(result.facets["category"]) == {"experienced": 1, "internship": 1}


def test_search_jobs_page_past_end_shows_last_page(jobs):
    result = search_jobs(JobFilters(page=99), per_page=2)
    assert result.page == 2 and len(result.items) == 1


def test_search_jobs_like_metacharacters_are_literal(jobs):
    assert search_jobs(JobFilters(q="%")).total == 0
    assert search_jobs(JobFilters(q="_")).total == 0


def test_filters_from_args_drop_unknown_values():
    filters = JobFilters.from_args({"city": "atlantis", "category": "campus", "page": "abc", "q": "x" * 10_000})
    assert filters.city is None and filters.category == "campus" and filters.page == 1
    assert len(filters.q) == 100


def test_job_list_page_shows_openings_and_counts(client, jobs):
    body = client.get("/jobs?city=shanghai", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Backend Engineer" in body and "Product Manager Intern" in body
    assert "Computer Vision Engineer" not in body
    assert "2 openings" in body


@pytest.mark.parametrize("query", [
    "city=nowhere", "category=%27%3B--", "page=999999", "page=-5", "page=1e9", "q=" + "x" * 10_000,
    "q=%27%20OR%201%3D1--", "q=%3Cscript%3Ealert(1)%3C%2Fscript%3E", "q=%00", "department=..%2F..%2Fetc",
])
def test_job_list_bad_input_gives_normal_page(client, jobs, query):
    response = client.get(f"/jobs?{query}")
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert "<script>alert(1)</script>" not in body


def test_job_list_query_is_escaped_in_empty_result(client, jobs):
    body = client.get("/jobs?q=<b>bold</b>", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "&lt;b&gt;bold&lt;/b&gt;" in body and "<b>bold</b>" not in body
    assert "No openings match" in body


def test_job_detail_shows_language_of_choice(client, jobs):
    job = jobs[0]
    assert "Computer Vision Engineer" in client.get(f"/jobs/{job.id}", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "计算机视觉算法工程师" in client.get(f"/jobs/{job.id}", headers={"Accept-Language": "zh-CN"}).get_data(as_text=True)


def test_job_detail_of_draft_is_404(client, jobs):
    assert client.get(f"/jobs/{jobs[3].id}").status_code == 404


def test_language_switch_is_remembered(client, jobs):
    response = client.get("/lang/en?next=/jobs", headers={"Accept-Language": "zh-CN"})
    assert response.status_code == 302 and response.headers["Location"] == "/jobs"
    body = client.get("/jobs", headers={"Accept-Language": "zh-CN"}).get_data(as_text=True)
    assert "Openings" in body and 'lang="en"' in body
    client.get("/lang/zh_Hans")
    body = client.get("/jobs", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert 'lang="zh-Hans"' in body and "职位" in body


def test_language_switch_refuses_open_redirect(client):
    response = client.get("/lang/en?next=//evil.example/x")
    assert response.headers["Location"] == "/"


def test_seed_demo_is_idempotent(runner):
    from careers.queries import count_public_jobs

    first = runner.invoke(args=["careers", "seed-demo"])
    assert first.exit_code == 0, first.output
    count = count_public_jobs()
    assert count >= 60
    second = runner.invoke(args=["careers", "seed-demo"])
    assert "already" in second.output
    assert count_public_jobs() == count
