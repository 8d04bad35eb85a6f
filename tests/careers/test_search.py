"""Candidate search: Chinese and English keywords, filters, sorting, injection."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select, text

from careers.search import CandidateQuery, query_terms, reindex_all, search_candidates, tokens
from core.audit import AuditEvent
from core.db import db


@pytest.fixture
def pool(create_job, make_candidate, apply_to, recruiter, login):
    research = create_job(department="research")
    infra = create_job(department="ai-infrastructure")
    people = {
        "ml": make_candidate(name="王一", skills=["机器学习", "Python"],
                             schools=[("清华大学", "Master", "2021")],
                             work=[("字节跳动", "算法工程师", "2021-07", None)], city="Beijing"),
        "study": make_candidate(name="李二", skills=["深度学习", "C++"], schools=[("Peking University", "Bachelor", "2023")],
                                work=[], city="Shanghai"),
        "ops": make_candidate(name="张三", skills=["Kubernetes", "Go"], schools=[("Tsinghua University", "Doctorate", "2015")],
                              work=[("Alibaba", "SRE", "2015-07", "2018-06"), ("Tencent", "Staff SRE", "2018-07", None)],
                              city="Hangzhou"),
    }
    apply_to(people["ml"], research)
    apply_to(people["study"], research)
    apply_to(people["ops"], infra)
    admin_like = recruiter("research", "ai-infrastructure")
    login(admin_like)
    return people, research, infra, admin_like


def _ids(result):
    return [row.candidate_id for row, _ in result.items]


def test_tokens_cut_chinese_compounds_into_searchable_words():
    words = tokens("机器学习工程师")
    assert "机器" in words and "学习" in words and "机器学习" in words
    assert query_terms("机器学习") == ["机器学习"]


def test_search_chinese_skill_and_part_of_a_compound(pool):
    people = pool[0]
    assert _ids(search_candidates(CandidateQuery(q="机器学习"), None)) == [people["ml"].id]
    # 学习 is part of both 机器学习 and 深度学习
    assert set(_ids(search_candidates(CandidateQuery(q="学习"), None))) == {people["ml"].id, people["study"].id}


def test_search_english_school_company_and_title_case_insensitive(pool):
    people = pool[0]
    assert _ids(search_candidates(CandidateQuery(q="tsinghua"), None)) == [people["ops"].id]
    assert _ids(search_candidates(CandidateQuery(q="TENCENT sre"), None)) == [people["ops"].id]
    assert _ids(search_candidates(CandidateQuery(q="清华大学"), None)) == [people["ml"].id]
    assert _ids(search_candidates(CandidateQuery(q="字节跳动 算法"), None)) == [people["ml"].id]


def test_search_filters(pool):
    people, research, infra, _ = pool
    assert _ids(search_candidates(CandidateQuery(degree="Master"), None)) and \
        set(_ids(search_candidates(CandidateQuery(degree="Master"), None))) == {people["ml"].id, people["ops"].id}
    assert _ids(search_candidates(CandidateQuery(graduation_year=2023), None)) == [people["study"].id]
    assert _ids(search_candidates(CandidateQuery(min_experience=8), None)) == [people["ops"].id]
    assert _ids(search_candidates(CandidateQuery(city="hangzhou"), None)) == [people["ops"].id]
    assert set(_ids(search_candidates(CandidateQuery(job_id=research.id), None))) == {people["ml"].id, people["study"].id}
    assert _ids(search_candidates(CandidateQuery(stage="interview"), None)) == []
    assert _ids(search_candidates(CandidateQuery(q="python", degree="Master", city="beijing"), None)) == [people["ml"].id]


def test_search_scope_by_department(pool):
    people = pool[0]
    assert set(_ids(search_candidates(CandidateQuery(), {"research"}))) == {people["ml"].id, people["study"].id}
    assert _ids(search_candidates(CandidateQuery(), set())) == []


def test_search_sort_by_recency_and_relevance(pool):
    people = pool[0]
    recent = _ids(search_candidates(CandidateQuery(sort="recent"), None))
    assert recent == [people["ops"].id, people["study"].id, people["ml"].id]
    assert len(_ids(search_candidates(CandidateQuery(q="学习", sort="relevance"), None))) == 2


INJECTIONS = ['"', '""', "'", "*", "python*", "NEAR(python go)", "python OR go", "python AND", "-python", "- -",
              '"unbalanced', "(python", "python)", "^python", "body:python", "python:*", "!python", "python & go",
              "python | go", "'' OR 1=1 --", "1; DROP TABLE candidate_search", "\\", "ʼ", "%", "_", "\x00",
              "a" * 5000, "机器学习 OR", "{python}", "NOT", ":", "&&", "<->", "python <-> go", "@@"]


@pytest.mark.parametrize("q", INJECTIONS)
def test_search_injection_never_errors(pool, client, q):
    result = search_candidates(CandidateQuery.from_args({"q": q}), None)
    assert result.total >= 0
    response = client.get("/recruit/candidates", query_string={"q": q, "sort": "'; drop", "degree": "x' or 1=1",
                                                                 "graduation_year": "abc", "page": "-1"})
    assert response.status_code == 200


def test_search_percent_is_not_a_wildcard(pool):
    assert search_candidates(CandidateQuery(q="%"), None).total == 0
    assert search_candidates(CandidateQuery(q="_"), None).total == 0


def test_search_page_writes_one_audit_event_per_revealed_candidate(pool, client):
    people = pool[0]
    before = db.session.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "candidate.search"))
    client.get("/recruit/candidates", query_string={"q": "学习"})
    events = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "candidate.search")).all()
    assert len(events) - before == 2
    assert {e.subject_id for e in events[-2:]} == {people["ml"].id, people["study"].id}
    assert all("q" not in e.details["filters"] for e in events)


def test_profile_change_updates_the_index(pool):
    from resumes.models import ProfileSkill

    people = pool[0]
    from resumes.models import Profile

    profile = db.session.scalar(select(Profile).where(Profile.user_id == people["study"].id))
    profile.skills.append(ProfileSkill(position=5, name="强化学习"))
    db.session.commit()
    assert _ids(search_candidates(CandidateQuery(q="强化学习"), None)) == [people["study"].id]


def test_reindex_command_rebuilds_everything(pool, runner):
    from careers.models import CandidateSearch

    db.session.execute(CandidateSearch.__table__.delete())
    assert search_candidates(CandidateQuery(q="学习"), None).total == 0
    assert reindex_all() == 3
    assert search_candidates(CandidateQuery(q="学习"), None).total == 2


def test_demo_load_is_idempotent_and_makes_searchable_candidates(runner):
    first = runner.invoke(args=["demo", "load"])
    assert first.exit_code == 0, first.output
    second = runner.invoke(args=["demo", "load"])
    assert "already loaded" in second.output
    from careers.demo_candidates import DEMO_CANDIDATES

    result = search_candidates(CandidateQuery(q="机器学习"), None)
    assert result.total >= 1
    assert search_candidates(CandidateQuery(), None).total == len(DEMO_CANDIDATES)


def test_reindex_cli(pool, runner):
    result = runner.invoke(args=["careers", "reindex"])
    assert result.exit_code == 0 and "3 searchable" in result.output


def test_moving_an_opening_to_another_department_moves_its_candidates(pool, client, login, recruiter):
    people, research, infra, _ = pool
    design = recruiter("design")
    assert _ids(search_candidates(CandidateQuery(), {"design"})) == []
    login(recruiter("research"))
    client.post(f"/recruit/jobs/{research.id}/edit", data={"title_zh": "测试职位", "title_en": "Test opening",
                                                            "category": "experienced", "department": "research",
                                                            "city": "beijing"})
    from careers.operations import save_job

    save_job(design, research, {"department": "design"})
    assert set(_ids(search_candidates(CandidateQuery(), {"design"}))) == {people["ml"].id, people["study"].id}
    assert _ids(search_candidates(CandidateQuery(), {"research"})) == []


def test_department_bits_are_stable_and_unknown_codes_see_nothing():
    from careers.search import department_bit, department_mask

    assert department_bit("research") == 1 and department_bit("engineering") == 2
    assert department_bit("nonexistent") == 0
    assert department_mask(["research", "engineering"]) == 3
    assert search_candidates(CandidateQuery(), {"nonexistent"}).total == 0


# Security reference 5.C: look-alike letters from other scripts and full-width forms.  The
# index and the query are both folded (NFKC, case-folded, Cyrillic/Greek look-alikes made
# Latin); names reach the index through the text of the parsed resume.
@pytest.mark.parametrize(("indexed", "typed"), [
    ("\u0410lice Wong", "Alice"),             # Cyrillic А indexed, Latin typed
    ("Alice Wong", "\u0410lice"),             # Latin indexed, Cyrillic А typed
    ("Alice Wong", "\uff21\uff4c\uff49\uff43\uff45"),  # full-width Ａｌｉｃｅ typed
    ("\uff21\uff4c\uff49\uff43\uff45 Wong", "alice"),  # full-width indexed
    ("\u0391LICE WONG", "alice"),             # Greek capital Alpha, upper case
    ("Al\u0456c\u0435 Wong", "ALICE"),        # Cyrillic і and е inside the word
    ("Alice Wong", "\u0430\u04cf\u0456\u0441\u0435"),  # a name typed entirely in look-alikes
])
def test_search_finds_names_across_homoglyphs_and_full_width(create_job, make_candidate, apply_to, indexed, typed):
    import json

    from resumes.models import Resume

    job = create_job(department="research")
    alice = make_candidate(name=indexed, skills=["Go"], work=[])
    other = make_candidate(name="Alicia Wang", skills=["Go"], work=[])  # a near miss, not a match
    resume = db.session.scalars(select(Resume).where(Resume.user_id == alice.id)).one()
    resume.parsed_data = json.dumps({"resume": {"basics": {"name": indexed}}})
    db.session.flush()
    apply_to(alice, job)
    apply_to(other, job)
    assert _ids(search_candidates(CandidateQuery.from_args({"q": typed}), None)) == [alice.id]


def test_search_folding_keeps_other_scripts_and_chinese_searchable(create_job, make_candidate, apply_to):
    job = create_job(department="research")
    moscow = make_candidate(skills=["Москва", "机器学习"], work=[], city="Ｂｅｉｊｉｎｇ")
    apply_to(moscow, job)
    assert _ids(search_candidates(CandidateQuery(q="москва"), None)) == [moscow.id]  # a Russian word finds itself
    assert _ids(search_candidates(CandidateQuery(q="机器学习"), None)) == [moscow.id]
    # The city filter is NFKC'd and lower-cased only: it is shown in the results as stored.
    result = search_candidates(CandidateQuery.from_args({"city": "BEIJING"}), None)
    assert _ids(result) == [moscow.id] and result.items[0][0].city == "beijing"


def test_reindex_folds_rows_indexed_before_folding(create_job, make_candidate, apply_to):
    """Rows written before the folding hold raw text; ``flask careers reindex`` folds them."""
    from careers.models import CandidateSearch

    job = create_job(department="research")
    alice = make_candidate(skills=["\u0410lice"], work=[])
    apply_to(alice, job)
    row = db.session.get(CandidateSearch, alice.id)
    row.body = "\u0430lice"  # as an older version stored it (lower-cased only)
    if db.session.get_bind().dialect.name == "postgresql":
        row.search_vector = func.to_tsvector("simple", row.body)
    else:
        db.session.execute(text("UPDATE fts_candidates SET body = :b WHERE rowid = :id"),
                           {"b": row.body, "id": alice.id})
    db.session.flush()
    assert _ids(search_candidates(CandidateQuery(q="alice"), None)) == []
    reindex_all()
    assert _ids(search_candidates(CandidateQuery(q="alice"), None)) == [alice.id]


def test_contact_details_and_protected_fields_are_not_searchable(create_job, make_candidate, apply_to):
    """The index holds what recruiters screen on and the name; never the contact details
    (encrypted on the profile), nor gender, birth date, native place or references."""
    import json

    from careers.models import CandidateSearch
    from resumes.models import Resume

    job = create_job(department="research")
    person = make_candidate(name="索引测试", skills=["Rust"], work=[])
    resume = db.session.scalars(select(Resume).where(Resume.user_id == person.id)).one()
    resume.parsed_data = json.dumps({"resume": {
        "basics": {"name": "Quentin Searchable", "label": "Compiler engineer", "email": "quentin.hidden@example.org",
                   "phone": "+8613712345678", "gender": "male", "birthDate": "1991-04-05", "nativePlace": "浙江绍兴",
                   "location": {"city": "杭州"}},
        "references": [{"name": "Referee Person", "reference": "call 13898765432"}],
        "work": [{"name": "Lighthouse Compilers", "position": "Engineer"}]}})
    db.session.flush()
    apply_to(person, job)

    def found(q):
        return _ids(search_candidates(CandidateQuery.from_args({"q": q}), None))

    assert found("Quentin") == [person.id] and found("compiler") == [person.id]
    assert found("Lighthouse") == [person.id]
    for hidden in ("quentin.hidden", "13712345678", "8613712345678", "绍兴", "1991", "Referee", "13898765432"):
        assert found(hidden) == [], hidden
    body = db.session.get(CandidateSearch, person.id).body
    assert "13712345678" not in body and "hidden" not in body and "绍兴" not in body


def test_a_name_finds_a_candidate_only_where_blind_screening_shows_who_they_are(create_job, make_candidate,
                                                                               apply_to):
    """Blind first screening hides the name in the results; a name typed in the search box
    must not point at the candidate either.  The text (skills...) still finds them."""
    from careers.models import Application

    blind = create_job(department="research", is_blind_screening=True)
    other_department = create_job(department="product")
    person = make_candidate(name="Ottoline Quarrie", skills=["Haskell"], work=[])
    apply_to(person, blind)
    research = {"research"}

    def found(q, departments):
        return _ids(search_candidates(CandidateQuery.from_args({"q": q}), departments))

    assert found("Haskell", research) == [person.id]  # screened on what they can do
    assert found("Ottoline", research) == [] and found("Ottoline Quarrie", None) == []
    assert found("Ottoline Haskell", research) == []  # a name word in a mixed query does not count either
    assert found("zznameottoline", research) == []  # nor the index's own spelling of it
    # A word that is someone's name and the blind candidate's skill finds both, each for
    # what the recruiter may see.
    namesake = make_candidate(name="Haskell Brooks", skills=["Erlang"], work=[])
    apply_to(namesake, create_job(department="research"))
    assert set(found("Haskell", research)) == {person.id, namesake.id}
    assert found("Brooks", research) == [namesake.id]

    # An application elsewhere that shows the identity reveals it there only.
    apply_to(person, other_department)
    assert found("Ottoline", {"product"}) == [person.id]
    assert found("Ottoline", research) == [] and found("Ottoline", None) == [person.id]

    # Past the screening, the blind opening's recruiters see (and can search) the name.
    application = db.session.scalars(select(Application).where(Application.job_id == blind.id)).one()
    application.passed_screening_dt = application.created_dt
    db.session.flush()
    assert found("Ottoline Haskell", research) == [person.id]


def test_the_name_is_indexed_apart_from_the_text(create_job, make_candidate, apply_to):
    from careers.models import CandidateSearch
    from careers.search import NAME_PREFIX

    person = make_candidate(name="Primrose Vale", skills=["OCaml"], work=[])
    apply_to(person, create_job(department="research"))
    words = db.session.get(CandidateSearch, person.id).body.split()
    assert f"{NAME_PREFIX}primrose" in words and "primrose" not in words and "ocaml" in words
    assert query_terms(f"{NAME_PREFIX}primrose") == ["primrose"]
