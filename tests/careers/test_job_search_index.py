"""careers/jobindex.py and the keyword index behind search_jobs (SQLite FTS5, PostgreSQL tsvector)."""

import pytest
from sqlalchemy import insert, select, text

from careers import jobindex
from careers.jobindex import Term, index_tokens, job_tokens, parse_query
from careers.models import Job
from careers.queries import JobFilters, search_jobs
from core.db import db


def dialect() -> str:
    return db.session.get_bind().dialect.name


def found(q: str, **filters) -> list[str]:
    return sorted(job.reference for job in search_jobs(JobFilters(q=q, **filters), per_page=100).items)


# ------------------------------------------------------------------ tokens and terms


def test_index_tokens_cut_chinese_runs_into_bigrams_and_keep_the_last_character():
    assert index_tokens("计算机视觉") == "计算 算机 机视 视觉 觉"
    # Runs are cut at punctuation and at Latin words; Latin words are lower-cased whole.
    assert index_tokens("Python后端，C 算法") == "python 后端 端 c 算法 法"
    assert index_tokens("单") == "单"
    assert index_tokens("") == ""


def test_job_tokens_put_the_titles_on_the_first_line():
    tokens = job_tokens("算法工程师", "Algorithm Engineer", "t-1\n算法工程师\nalgorithm engineer\n负责训练")
    title, body = tokens.split("\n")
    assert title == "算法 法工 工程 程师 师 algorithm engineer"
    assert "负责 责训 训练 练" in body and "algorithm" in body


def test_parse_query_chinese_latin_and_mixed_words():
    assert parse_query("算法") == [Term("算法", (("算法", True),), exact=True)]
    assert parse_query("Engineer") == [Term("engineer", (("engineer", False),), exact=True)]
    # A word of both scripts typed together is two terms, each must match.
    assert [t.text for t in parse_query("Python后端")] == ["python", "后端"]
    # Repeated terms count once.
    assert [t.text for t in parse_query("算法 算法 ALGORITHM algorithm")] == ["算法", "algorithm"]


def test_parse_query_cuts_long_chinese_runs_with_jieba():
    assert [t.text for t in parse_query("机器学习平台工程师")] == ["机器学习", "平台", "工程师"]
    # Up to four characters stay one word, matched exactly.
    assert [t.text for t in parse_query("机器学习")] == ["机器学习"]
    # Single characters stay with a neighbour: the words still cover the whole query.
    assert "".join(t.text for t in parse_query("负责的算法工程师")) == "负责的算法工程师"


def test_parse_query_keeps_characters_the_index_drops_for_the_substring_check():
    (term,) = parse_query("1+1")
    assert term == Term("1+1", (("1", False), ("1", False)), exact=False)
    assert term.fts5() == ['"1"', '"1"'] and term.tsquery() == ["'1'", "'1'"]  # the word 1, not every 1...
    assert parse_query("%") == [Term("%", (), exact=False)]
    (term,) = parse_query("node.js")
    assert term.parts == (("node", False), ("js", False)) and not term.exact
    assert term.needs_text_check("sqlite") and term.needs_text_check("postgresql")


def test_fts5_and_tsquery_syntax_only_quoted_word_characters():
    terms = parse_query('"engineer* NEAR( OR -backend 算法" \' \\ :* & | ! (')
    match = jobindex.fts5_match(terms)
    assert match == '"engineer"* AND "near"* AND "or"* AND "backend"* AND "算法"'
    assert jobindex.tsquery(terms) == "'engineer':* & 'near':* & 'or':* & 'backend':* & '算法'"


def test_tsquery_of_a_longer_chinese_word_is_its_bigrams_confirmed_on_the_text():
    (term,) = parse_query("机器学习")
    assert term.fts5() == ['"机器 器学 学习"']  # an FTS5 phrase: exact
    assert term.tsquery() == ["'机器' & '器学' & '学习'"]  # no positions in the vector...
    assert not term.needs_text_check("sqlite") and term.needs_text_check("postgresql")  # ...so strpos confirms


# ------------------------------------------------------------------ what a search finds


@pytest.fixture
def openings(create_job):
    specs = {
        "cv": ("计算机视觉算法工程师", "Computer Vision Algorithm Engineer", "负责检测与分割，熟悉 C++ 与 Python"),
        "ml": ("机器学习平台工程师", "Machine Learning Platform Engineers", "建设机器学习平台；Node.js 服务"),
        "apart": ("机器人工程师", "Robotics engineering lead", "机器视觉；深度学习"),
        "budget": ("财务分析", "Financial Analyst", "负责预算"),
        "c": ("数据工程师", "Data Engineer", "熟悉 C 语言，100% 远程"),
    }
    return {key: create_job(reference=key, title_zh=zh, title_en=en, description_zh=desc)
            for key, (zh, en, desc) in specs.items()}


def test_search_short_chinese_word_inside_a_longer_one(openings):
    assert found("算法") == ["cv"]
    assert found("视觉") == ["apart", "cv"]


def test_search_longer_chinese_word_needs_it_whole(openings):
    # 机器 and 学习 both appear in "apart", but not as 机器学习.
    assert found("机器学习") == ["ml"]
    # One character: wherever it is in a run, at its end too (预算).
    assert found("算") == ["budget", "cv"]


def test_search_single_letter_is_a_word(openings, create_job):
    create_job(reference="a", title_en="Art director", description_en="A team")
    assert found("a") == ["a"]  # the word a, not every word starting with a


def test_search_latin_words_match_by_prefix_case_insensitively(openings):
    assert found("engineer") == ["apart", "c", "cv", "ml"]  # Engineers, engineering, Engineer
    assert found("ENGINEERS") == ["ml"]
    # Decided: a word is matched from its start, not inside another word.
    assert found("gineer") == []


def test_search_every_term_must_match(openings):
    assert found("machine learning") == ["ml"]
    assert found("python 分割") == ["cv"]
    assert found("python 预算") == []
    assert found("机器学习平台工程师") == ["ml"]


def test_c_plus_plus_and_c_sharp_are_words():
    assert index_tokens("C++、C# 与 C") == "cplusplus csharp 与 c"
    assert [t.text for t in parse_query("C++ c#")] == ["cplusplus", "csharp"]


def test_search_terms_with_dropped_characters_check_the_text(openings):
    assert found("c++") == ["cv"]  # "C 语言" alone does not count
    assert found("C") == ["c"]  # nor C++ for C
    assert found("node.js") == ["ml"]
    assert found("100%") == ["c"]
    assert found("%") == ["c"]
    assert found("_") == []


@pytest.mark.parametrize("q", [
    '"', '""', '"算法', "算法\"", "*", "engineer*", "NEAR(", "NEAR(算法 工程师, 2)", "OR", "算法 OR 预算", "AND",
    "NOT 算法", "-算法", "算法 -engineer", "title:算法", "{title}: 算法", "^算法", "算法:*", "!算法", "a & b | c",
    "(((", "' OR 1=1--", "\\", "\x00", "算法\x00工程师",
])
def test_search_operators_are_plain_text(openings, q):
    result = search_jobs(JobFilters.from_args({"q": q}))
    assert result.total == len(result.items) <= 5


def test_search_or_is_a_word_not_an_operator(openings):
    assert found("算法 OR 预算") == []


def test_search_10000_character_query_is_a_normal_page(client, openings):
    for q in ("算" * 10_000, "engineer " * 1_200, '"' * 10_000):
        response = client.get("/jobs", query_string={"q": q}, headers={"Accept-Language": "en"})
        assert response.status_code == 200


def test_search_ranks_title_matches_first(create_job):
    import datetime as dt

    from core.db import utcnow

    now = utcnow()
    create_job(reference="text", title_en="Data Analyst", description_en="works with engineers",
               published_dt=now)
    create_job(reference="title", title_en="Backend Engineer", published_dt=now - dt.timedelta(days=3))
    assert [job.reference for job in search_jobs(JobFilters(q="engineer")).items] == ["title", "text"]


# ------------------------------------------------------------------ keeping the index


def test_editing_an_opening_reindexes_it(openings, create_user):
    from careers.operations import save_job

    recruiter = create_user(role="recruiter")
    save_job(recruiter, openings["budget"], {"title_zh": "强化学习研究员", "description_zh": "策略优化"})
    assert found("预算") == []
    assert found("强化学习") == ["budget"]
    assert found("策略") == ["budget"]


def test_deleting_an_opening_removes_it_from_the_index(openings):
    db.session.delete(openings["budget"])
    db.session.flush()
    assert found("预算") == []
    if dialect() == "sqlite":
        assert db.session.scalar(text("SELECT count(*) FROM fts_jobs WHERE rowid = :id"),
                                 {"id": openings["budget"].id}) == 0


def test_new_opening_replaces_a_row_left_by_a_bulk_delete(create_job):
    job = create_job(reference="old", title_zh="预算专员")
    db.session.execute(Job.__table__.delete().where(Job.id == job.id))  # bypasses the ORM
    db.session.expunge(job)
    new = create_job(reference="new", id=job.id, title_zh="招聘专员")
    assert new.id == job.id
    assert found("预算") == [] and found("招聘") == ["new"]


def test_bulk_insert_is_searchable_after_rebuild(db_session):
    rows = []
    for i, (zh, en) in enumerate([("算法工程师", "Algorithm Engineer"), ("产品经理", "Product Manager")]):
        row = {"reference": f"B-{i}", "title_zh": zh, "title_en": en, "category": "campus",
               "department": "research", "city": "beijing", "status": "published"}
        search_text = f"{row['reference']}\n{zh}\n{en}".lower()
        rows.append(row | {"search_text": search_text, "search_tokens": job_tokens(zh, en, search_text)})
    db.session.execute(insert(Job), rows)
    jobindex.rebuild(db.session)
    assert found("算法") == ["B-0"] and found("manager") == ["B-1"]


@pytest.mark.postgres
def test_postgresql_trigger_indexes_bulk_inserts_without_rebuild(db_session):
    if dialect() != "postgresql":
        pytest.skip("PostgreSQL only")
    search_text = "b-9\n算法工程师\nalgorithm engineer"
    db.session.execute(insert(Job), [{
        "reference": "B-9", "title_zh": "算法工程师", "title_en": "Algorithm Engineer", "category": "campus",
        "department": "research", "city": "beijing", "status": "published", "search_text": search_text,
        "search_tokens": job_tokens("算法工程师", "Algorithm Engineer", search_text)}])
    assert found("算法") == ["B-9"]
    vectors = db.session.execute(select(Job.search_vector, Job.title_vector)).one()
    assert "'算法'" in vectors[0] and "'algorithm'" in vectors[1]


def test_fts_table_survives_the_later_migrations_on_sqlite(db_session):
    if dialect() != "sqlite":
        pytest.skip("SQLite only")
    columns = [row[1] for row in db.session.execute(text("PRAGMA table_info(fts_jobs)"))]
    assert columns == ["title", "body"]


# ------------------------------------------------------------------ plans


def explain(statement: str, params: dict) -> str:
    prefix = "EXPLAIN QUERY PLAN " if dialect() == "sqlite" else "EXPLAIN "
    return "\n".join(str(row[-1]) for row in db.session.execute(text(prefix + statement), params))


@pytest.fixture
def many_openings(db_session):
    """2,000 openings from the benchmark's generator, analysed: plans as at scale."""
    from benchmarks.job_board import generate_jobs

    db.session.execute(insert(Job), generate_jobs(2_000, seed=7))
    jobindex.rebuild(db.session)
    db.session.execute(text("ANALYZE jobs" if dialect() == "postgresql" else "ANALYZE"))


def test_facet_counts_read_the_covering_index(many_openings):
    plan = explain("SELECT category, department, city, count(*) FROM jobs WHERE status IN ('published') "
                   "GROUP BY category, department, city", {})
    if dialect() == "sqlite":
        assert "COVERING INDEX ix_jobs_status_facets" in plan, plan
    else:
        # PostgreSQL reads it index-only once VACUUM has set the visibility map (the plan at
        # 10,000 openings is in docs/benchmarks.md); inside this test's transaction it cannot.
        definition = db.session.scalar(text("SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_jobs_status_facets'"))
        assert definition.endswith("(status, category, department, city, published_dt)")


def test_keyword_search_reads_the_index(many_openings):
    from sqlalchemy import event

    statements: list[tuple[str, object]] = []

    def capture(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().startswith("WITH"):
            statements.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", capture)
    try:
        assert search_jobs(JobFilters(q="算法")).total > 100
    finally:
        event.remove(db.engine, "before_cursor_execute", capture)
    (statement, parameters), = statements
    connection = db.session.connection()
    if dialect() == "sqlite":
        assert "fts_jobs" in statement and "LIKE" not in statement
        plan = "\n".join(str(row[-1]) for row in connection.exec_driver_sql(
            "EXPLAIN QUERY PLAN " + statement, parameters))
        assert "VIRTUAL TABLE INDEX" in plan and "SCAN jobs" not in plan
    else:
        assert "search_vector @@" in statement and "strpos(jobs.search_text" not in statement
        connection.exec_driver_sql("SET LOCAL enable_seqscan = off")  # as search_jobs does
        plan = "\n".join(row[0] for row in connection.exec_driver_sql("EXPLAIN " + statement, parameters))
        assert "Bitmap Index Scan on ix_jobs_search_vector" in plan, plan
