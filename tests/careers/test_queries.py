"""careers/queries.py: keyword ranking, facet counts computed by the database, paging."""

import datetime as dt

import pytest

from careers.queries import JobFilters, _facet_counts, search_jobs
from core.db import utcnow


@pytest.fixture
def board(create_job):
    """Seven published openings (newest first in this list) and one closed one."""
    now = utcnow()
    specs = [
        ("后端开发工程师", "Backend Engineer", "研发 API 服务", "engineering", "shanghai", "experienced"),
        ("产品经理", "Product Manager", "与算法团队合作定义产品", "product", "beijing", "experienced"),
        ("计算机视觉算法工程师", "Computer Vision Algorithm Engineer", "检测与分割", "research", "beijing", "experienced"),
        ("算法实习生", "Algorithm Intern", "训练模型", "research", "shanghai", "internship"),
        ("数据分析师", "Data Analyst", "熟悉 SQL；了解推荐算法", "product", "hangzhou", "campus"),
        ("自动驾驶规划算法工程师", "Planning Algorithm Engineer", "规划与控制", "autonomous-driving", "shenzhen", "campus"),
        ("招聘专员", "Recruiter", "负责校园招聘", "corporate", "beijing", "experienced"),
    ]
    jobs = [
        create_job(title_zh=zh, title_en=en, description_zh=desc, department=dep, city=city, category=cat,
                   published_dt=now - dt.timedelta(hours=index))
        for index, (zh, en, desc, dep, city, cat) in enumerate(specs)
    ]
    create_job(title_zh="已关闭的算法岗位", title_en="Closed algorithm role", status="closed")
    return jobs


def titles(result):
    return [job.title_en for job in result.items]


def test_search_jobs_lists_title_matches_first_then_newest(board):
    result = search_jobs(JobFilters(q="算法"))
    # Title matches (newest first), then openings that only mention the word in their text.
    assert titles(result) == [
        "Computer Vision Algorithm Engineer", "Algorithm Intern", "Planning Algorithm Engineer",
        "Product Manager", "Data Analyst",
    ]
    assert result.total == 5


def test_search_jobs_ranks_english_title_matches_case_insensitively(board):
    result = search_jobs(JobFilters(q="ALGORITHM"))
    assert titles(result)[:3] == ["Computer Vision Algorithm Engineer", "Algorithm Intern",
                                  "Planning Algorithm Engineer"]


def test_search_jobs_without_keyword_is_newest_first(board):
    assert titles(search_jobs(JobFilters()))[:3] == ["Backend Engineer", "Product Manager",
                                                     "Computer Vision Algorithm Engineer"]


def test_search_jobs_keyword_with_filters_counts_each_facet_with_the_other_filters(board):
    result = search_jobs(JobFilters(q="算法", city="beijing"))
    assert titles(result) == ["Computer Vision Algorithm Engineer", "Product Manager"]
    assert result.total == 2
    # City counts ignore the chosen city but keep the keyword.
    assert dict(result.facets["city"]) == {"beijing": 2, "shanghai": 1, "hangzhou": 1, "shenzhen": 1}
    # Department and category counts keep the city.
    assert dict(result.facets["department"]) == {"research": 1, "product": 1}
    assert dict(result.facets["category"]) == {"experienced": 2}


def test_search_jobs_chosen_value_without_results_is_still_listed(board):
    result = search_jobs(JobFilters(q="算法", city="chengdu"))
    assert result.total == 0 and result.items == []
    assert ("chengdu", 0) in result.facets["city"]


def test_search_jobs_keyword_pages_cover_every_match_once(board):
    seen = []
    for page in (1, 2, 3):
        result = search_jobs(JobFilters(q="算法", page=page), per_page=2)
        assert result.pages == 3 and result.page == page
        seen += titles(result)
    assert len(seen) == 5 and len(set(seen)) == 5
    assert seen[:3] == ["Computer Vision Algorithm Engineer", "Algorithm Intern", "Planning Algorithm Engineer"]


def test_search_jobs_keyword_page_past_end_shows_last_page(board):
    result = search_jobs(JobFilters(q="算法", page=50), per_page=2)
    assert result.page == 3 and titles(result) == ["Data Analyst"]


def test_search_jobs_filters_page_past_end_shows_last_page(board):
    result = search_jobs(JobFilters(city="beijing", page=9), per_page=2)
    assert result.page == 2 and titles(result) == ["Recruiter"]


def test_search_jobs_statuses_argument_includes_closed(board):
    assert search_jobs(JobFilters(q="算法"), statuses=("published", "closed")).total == 6


def test_search_jobs_every_term_must_match_and_like_wildcards_are_literal(board):
    assert titles(search_jobs(JobFilters(q="算法 shanghai"))) == []  # city names are not in the text
    assert titles(search_jobs(JobFilters(q="algorithm intern"))) == ["Algorithm Intern"]
    assert search_jobs(JobFilters(q="算_")).total == 0
    assert search_jobs(JobFilters(q="100%")).total == 0


def test_facet_counts_from_groups():
    groups = [("campus", "research", "beijing", 3), ("experienced", "research", "shanghai", 2),
              ("campus", "product", "shanghai", 1)]
    facets, total = _facet_counts(groups, {"category": "campus", "department": None, "city": "shanghai"})
    assert total == 1
    assert dict(facets["category"]) == {"campus": 1, "experienced": 2}
    assert dict(facets["city"]) == {"beijing": 3, "shanghai": 1}
    assert dict(facets["department"]) == {"product": 1}


def test_filters_from_args_turn_control_characters_into_spaces():
    assert JobFilters.from_args({"q": "python\x00后端\x1b"}).q == "python 后端"


def test_job_list_with_nul_in_query_is_a_normal_page(client, board):
    response = client.get("/jobs?q=%00%E7%AE%97%E6%B3%95", headers={"Accept-Language": "en"})
    assert response.status_code == 200
    assert "5 openings" in response.get_data(as_text=True)


def test_search_jobs_title_rank_reads_latin_words_in_chinese_titles(create_job):
    now = utcnow()
    create_job(title_zh="数据工程师", title_en="Data Engineer", description_zh="熟悉 Python", published_dt=now)
    create_job(title_zh="后端开发工程师（Python）", title_en="Backend Engineer", published_dt=now - dt.timedelta(days=1))
    assert titles(search_jobs(JobFilters(q="python"))) == ["Backend Engineer", "Data Engineer"]


@pytest.mark.postgres
def test_migration_keeps_short_rows_with_titles_inline_on_postgresql(db_session):
    from core.db import db

    if db.engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL only")
    storage = dict(db.session.execute(db.text(
        "SELECT attname, attstorage FROM pg_attribute WHERE attrelid = 'jobs'::regclass "
        "AND attname IN ('title_zh', 'title_en', 'title_vector', 'search_text')")).all())
    # What a keyword search reads for every match stays in the row; the long texts do not.
    assert storage == {"title_zh": "m", "title_en": "m", "title_vector": "m", "search_text": "x"}
    options = db.session.execute(db.text("SELECT reloptions FROM pg_class WHERE relname = 'jobs'")).scalar()
    assert "toast_tuple_target=1024" in options
