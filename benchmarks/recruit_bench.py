"""Recruiter search benchmark: candidate search and the pipeline page with 100,000
candidate profiles and 10,000 openings.

Seeds a scratch database (SQLite in a temporary folder; PostgreSQL ``bench_recruit``
when it answers) built by the migrations, with bulk inserts: 10,000 openings (the job
board benchmark's generator), 100,000 candidates with confirmed profiles (education,
work, skills drawn from Chinese and English vocabularies), one to three applications
each, and the search index (jieba-tokenised text; FTS5 on SQLite, tsvector + GIN on
PostgreSQL).  Then it times each request server-side through the Flask test client,
signed in as a recruiter of three departments: candidate search (keyword + two
filters, which also writes the audit events of the candidates it reveals) and the
pipeline page of an opening.  Results go to the terminal and to the
"## Recruiter search" section of ``docs/benchmarks.md``.

Run: ``make bench`` or ``python -m benchmarks.run --only recruit``, or
``python -m benchmarks.recruit_bench --help``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
import random
import statistics
import sys
import tempfile
import time
import typing as t
from pathlib import Path

from benchmarks.job_board import (
    generate_jobs,
    measured_line,
    percentile,
    postgres_version,
    reset_postgres,
    write_section,
)

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "benchmarks.md"
SECTION = "## Recruiter search"
POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432/bench_recruit"
SEARCH_TARGET_MS = 100.0
PIPELINE_TARGET_MS = 50.0
COMMAND = "make bench   # or: .venv/bin/python -m benchmarks.run --only recruit"
RECRUITER_DEPARTMENTS = ["research", "engineering", "ai-infrastructure"]

SKILLS = [
    "机器学习", "深度学习", "强化学习", "计算机视觉", "自然语言处理", "推荐系统", "数据分析", "数据挖掘", "大模型",
    "分布式系统", "嵌入式", "前端开发", "后端开发", "产品设计", "用户研究", "项目管理", "自动驾驶", "医学影像",
    "Python", "Java", "Go", "C++", "Rust", "SQL", "Spark", "Kubernetes", "Docker", "PyTorch", "TensorFlow",
    "React", "Vue", "TypeScript", "Linux", "CUDA", "Figma", "Hadoop", "Kafka", "Redis", "PostgreSQL", "LLM",
]
SCHOOLS = [
    "清华大学", "北京大学", "浙江大学", "复旦大学", "上海交通大学", "南京大学", "中国科学技术大学", "哈尔滨工业大学",
    "武汉大学", "华中科技大学", "中山大学", "西安交通大学", "同济大学", "北京航空航天大学", "电子科技大学", "四川大学",
    "Tsinghua University", "Peking University", "Zhejiang University", "Stanford University",
    "Massachusetts Institute of Technology", "University of Cambridge", "National University of Singapore",
    "The University of Hong Kong", "Carnegie Mellon University", "University of Tokyo",
]
COMPANIES = [
    "字节跳动", "阿里巴巴", "腾讯", "百度", "美团", "京东", "华为", "小米", "网易", "拼多多", "快手", "蚂蚁集团",
    "商汤科技", "旷视科技", "大疆创新", "Microsoft", "Google", "Amazon", "Apple", "Meta", "NVIDIA", "Intel",
]
TITLES = [
    "算法工程师", "后端开发工程师", "前端开发工程师", "数据分析师", "产品经理", "测试开发工程师", "运维开发工程师",
    "研究员", "机器学习工程师", "Software Engineer", "Data Scientist", "Research Scientist", "Product Manager",
    "Machine Learning Engineer", "Site Reliability Engineer", "Frontend Engineer",
]
AREAS = ["计算机科学与技术", "软件工程", "人工智能", "电子信息工程", "自动化", "数学与应用数学", "统计学",
         "Computer Science", "Electrical Engineering", "Statistics", "Mathematics"]
CITIES = ["beijing", "shanghai", "shenzhen", "hangzhou", "chengdu", "nanjing", "wuhan", "guangzhou", "xian",
          "hong kong", "singapore"]
DEGREES = ["Bachelor", "Bachelor", "Bachelor", "Master", "Master", "Doctorate", "Associate"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚"

SEARCHES = [
    ("`机器学习` + degree ≥ Master + city", {"q": "机器学习", "degree": "Master", "city": "beijing"}),
    ("`学习` (part of compounds) + experience ≥ 3 + city", {"q": "学习", "min_experience": "3", "city": "shanghai"}),
    ("`Tsinghua` + degree ≥ Bachelor + graduation year", {"q": "tsinghua", "degree": "Bachelor", "graduation_year": "2020"}),
    ("`Python` + stage + city", {"q": "python", "stage": "applied", "city": "hangzhou"}),
    ("`阿里巴巴 后端` + experience ≥ 5 + degree", {"q": "阿里巴巴 后端", "min_experience": "5", "degree": "Bachelor"}),
    ("`PyTorch`, sorted by recency + city + degree", {"q": "pytorch", "sort": "recent", "city": "shenzhen", "degree": "Master"}),
    ("no keyword, two filters", {"degree": "Doctorate", "city": "beijing"}),
]


# ---------------------------------------------------------------- data

def _ym(rng: random.Random, year: int) -> str:
    return f"{year}-{rng.randint(1, 12):02d}"


def seed(candidates: int, jobs: int, seed_value: int = 20261201) -> dict[str, t.Any]:
    """Bulk-insert everything; return counts and seconds."""
    from sqlalchemy import func, insert, select, text

    from auth.models import User
    from careers.models import Application, ApplicationEvent, CandidateSearch, Job
    from careers.search import department_bit, tokens
    from core.db import db
    from resumes.models import Profile, ProfileEducation, ProfileSkill, ProfileWork

    rng = random.Random(seed_value)
    started = time.perf_counter()
    now = dt.datetime.now(dt.UTC)
    batch = 5000

    def bulk(model: t.Any, rows: list[dict[str, t.Any]]) -> None:
        for start in range(0, len(rows), batch):
            db.session.execute(insert(model), rows[start:start + batch])

    job_rows = generate_jobs(jobs)
    bulk(Job, job_rows)
    db.session.flush()
    job_info = db.session.execute(select(Job.id, Job.status, Job.department)).all()
    department_of = {j[0]: j[2] for j in job_info}
    open_jobs = [j for j in job_info if j[1] == "published"]
    in_scope = [j for j in open_jobs if j[2] in RECRUITER_DEPARTMENTS]

    first_user = (db.session.scalar(select(func.max(User.id))) or 0) + 1
    bulk(User, [{"id": first_user + i, "role": "candidate", "session_token": f"bench-{seed_value}-{i}",
                 "departments": []} for i in range(candidates)])
    recruiter_id = first_user + candidates
    db.session.execute(insert(User), [{"id": recruiter_id, "role": "recruiter", "session_token": "bench-recruiter",
                                       "departments": RECRUITER_DEPARTMENTS}])
    profiles, education, work, skills, applications, events, index_rows = [], [], [], [], [], [], []
    token_cache: dict[str, list[str]] = {}

    def cached_tokens(phrase: str) -> list[str]:
        if phrase not in token_cache:
            token_cache[phrase] = tokens(phrase)
        return token_cache[phrase]

    application_id = 0
    for i in range(candidates):
        user_id = first_user + i
        profile_id = i + 1
        city = rng.choice(CITIES)
        profiles.append({"id": profile_id, "user_id": user_id, "status": "confirmed",
                         "name": rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN), "city": city,
                         "created_dt": now, "updated_dt": now, "confirmed_dt": now})
        words: list[str] = []
        grad_year = rng.randint(2005, 2026)
        top_degree = rng.choice(DEGREES)
        schools = rng.sample(SCHOOLS, rng.randint(1, 2))
        for position, school in enumerate(schools):
            degree = top_degree if position == 0 else "Bachelor"
            end = grad_year if position == 0 else grad_year - 3
            area = rng.choice(AREAS)
            education.append({"profile_id": profile_id, "position": position, "institution": school,
                              "study_type": degree, "area": area, "start_date": str(end - 4), "end_date": str(end)})
            words += cached_tokens(school) + cached_tokens(area)
        months = 0
        year = grad_year
        for position in range(rng.randint(0, 3) if grad_year < 2025 else 0):
            length = rng.randint(1, 5)
            if year + length > 2026:
                break
            company, title = rng.choice(COMPANIES), rng.choice(TITLES)
            work.append({"profile_id": profile_id, "position": position, "name": company, "title": title,
                         "start_date": _ym(rng, year), "end_date": _ym(rng, year + length)})
            words += cached_tokens(company) + cached_tokens(title)
            months += 12 * length
            year += length
        for position, skill in enumerate(rng.sample(SKILLS, rng.randint(3, 6))):
            skills.append({"profile_id": profile_id, "position": position, "name": skill})
            words += cached_tokens(skill)
        rank = ("HighSchool", "Associate", "Bachelor", "Master", "Doctorate").index(top_degree) + 1
        last = None
        mask = 0
        pool = in_scope if rng.random() < 0.3 and in_scope else open_jobs
        for job_id, _status, _dept in rng.sample(pool, rng.randint(1, 3)):
            application_id += 1
            created = now - dt.timedelta(minutes=rng.randint(0, 180 * 24 * 60))
            stage = rng.choices(["applied", "screening", "interview", "offer", "hired", "rejected", "withdrawn"],
                                weights=[50, 20, 10, 3, 2, 12, 3])[0]
            applications.append({"id": application_id, "job_id": job_id, "candidate_id": user_id, "stage": stage,
                                 "note": "", "created_dt": created, "stage_dt": created, "consent_dt": created,
                                 "rejection_reason": "skills" if stage == "rejected" else None})
            events.append({"application_id": application_id, "created_dt": created, "from_stage": None,
                           "to_stage": "applied", "message": "", "actor_id": user_id})
            if stage != "withdrawn":
                last = max(last, created) if last else created
                mask |= department_bit(department_of[job_id])
        if last is not None:
            index_rows.append({"candidate_id": user_id, "body": " ".join(words), "degree_rank": rank,
                               "graduation_year": grad_year, "experience_years": months // 12, "city": city,
                               "department_mask": mask,
                               "last_applied_dt": last, "updated_dt": now})
    bulk(Profile, profiles)
    bulk(ProfileEducation, education)
    bulk(ProfileWork, work)
    bulk(ProfileSkill, skills)
    bulk(Application, applications)
    bulk(ApplicationEvent, events)
    bulk(CandidateSearch, index_rows)
    if db.engine.dialect.name == "postgresql":
        db.session.execute(text("UPDATE candidate_search SET search_vector = to_tsvector('simple', body)"))
        for table in ("users", "profiles", "profile_education", "profile_work", "profile_skills", "applications"):
            db.session.execute(text(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"))
    else:
        db.session.execute(text("INSERT INTO fts_candidates (rowid, body) SELECT candidate_id, body FROM candidate_search"))
    db.session.commit()
    if db.engine.dialect.name == "postgresql":
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM ANALYZE")
    else:
        db.session.execute(text("ANALYZE"))
        db.session.commit()
    busiest = db.session.execute(
        select(Application.job_id, func.count()).join(Job, Job.id == Application.job_id)
        .where(Job.department.in_(RECRUITER_DEPARTMENTS)).group_by(Application.job_id)
        .order_by(func.count().desc()).limit(1)).first()
    return {"seconds": time.perf_counter() - started, "candidates": candidates, "jobs": jobs,
            "applications": len(applications), "indexed": len(index_rows), "recruiter_id": recruiter_id,
            "pipeline_jobs": [j[0] for j in in_scope], "busiest": busiest}


# ---------------------------------------------------------------- measuring

def _time(client: t.Any, url: str, requests: int, warmup: int, query: dict[str, str] | None = None) -> list[float]:
    for _ in range(warmup):
        response = client.get(url, query_string=query)
        assert response.status_code == 200, (url, response.status_code)
    timings = []
    for _ in range(requests):
        started = time.perf_counter()
        response = client.get(url, query_string=query)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return timings


def _found(body: str) -> str:
    import re

    match = re.search(r'class="result-count">([^<]*)<', body)
    return match.group(1).strip() if match else "?"


def measure(app: t.Any, info: dict[str, t.Any], requests: int, warmup: int) -> list[dict[str, t.Any]]:
    rng = random.Random(7)
    client = app.test_client()
    from sqlalchemy import select

    from auth import operations as auth_ops
    from auth.models import User
    from core.db import db

    with app.app_context():
        recruiter = db.session.scalar(select(User).where(User.session_token == "bench-recruiter"))
        sid = auth_ops.open_session(recruiter)
        db.session.commit()
        db.session.remove()
    with client.session_transaction() as session:
        # A signed-in recruiter, as auth.sessions.start makes one (with its server-side record).
        session["_user_id"] = "bench-recruiter"
        session["_fresh"] = True
        session["sid"] = sid
    results = []
    for name, query in SEARCHES:
        timings = _time(client, "/recruit/candidates", requests, warmup, query)
        body = client.get("/recruit/candidates", query_string=query).get_data(as_text=True)
        results.append({"kind": "search", "name": name, "url": "/recruit/candidates?" + "&".join(
            f"{k}={v}" for k, v in query.items()), "n": len(timings), "p50": statistics.median(timings),
            "p95": percentile(timings, 0.95), "max": max(timings), "found": _found(body)})
    # Pipeline pages: a different opening of the recruiter's departments each time, and the busiest one.
    jobs = info["pipeline_jobs"]
    for _ in range(warmup):
        client.get(f"/recruit/jobs/{rng.choice(jobs)}")
    timings = []
    for _ in range(requests):
        url = f"/recruit/jobs/{rng.choice(jobs)}"
        started = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    results.append({"kind": "pipeline", "name": "pipeline page, random opening", "url": "/recruit/jobs/<id>",
                    "n": len(timings), "p50": statistics.median(timings), "p95": percentile(timings, 0.95),
                    "max": max(timings), "found": f"{len(jobs)} openings"})
    busiest_id, busiest_n = info["busiest"]
    timings = _time(client, f"/recruit/jobs/{busiest_id}", requests, warmup)
    results.append({"kind": "pipeline", "name": "pipeline page, busiest opening", "url": f"/recruit/jobs/{busiest_id}",
                    "n": len(timings), "p50": statistics.median(timings), "p95": percentile(timings, 0.95),
                    "max": max(timings), "found": f"{busiest_n} applications"})
    return results


def run_backend(label: str, url: str, candidates: int, jobs: int, requests: int, warmup: int) -> dict[str, t.Any]:
    from flask_migrate import upgrade

    from core.app import create_app
    from core.db import db

    app = create_app({
        "APP_ENV": "testing", "SECRET_KEY": "benchmark-secret-key-" + "x" * 32,
        "SQLALCHEMY_DATABASE_URI": url, "RATELIMIT_ENABLED": False, "WTF_CSRF_ENABLED": False,
        "LOG_LEVEL": "WARNING", "EMAIL_BACKEND": "memory", "SMS_BACKEND": "memory",
    })
    logging.getLogger("core.audit").setLevel(logging.WARNING)
    with app.app_context():
        upgrade(revision="head")
        info = seed(candidates, jobs)
        db.session.remove()
    print(f"  {label}: {info['candidates']:,} candidates, {info['jobs']:,} openings, "
          f"{info['applications']:,} applications seeded in {info['seconds']:.1f} s; measuring")
    load_before = os.getloadavg()[0]
    cpu_started = time.process_time()
    results = measure(app, info, requests, warmup)
    info["load"] = (load_before, os.getloadavg()[0])
    info["cpu_seconds"] = time.process_time() - cpu_started
    with app.app_context():
        db.session.remove()
        db.engine.dispose()
    return {"label": label, **info, "results": results}


# ---------------------------------------------------------------- report

def render_section(runs: list[dict[str, t.Any]], skipped: list[str], requests: int, warmup: int) -> str:
    lines = [
        SECTION, "",
        measured_line(runs), "",
        f"Command: `{COMMAND}`", "",
        "Synthetic data, bulk-inserted into a scratch database built by the migrations: 10,000 openings (the job "
        "board generator), 100,000 candidates with confirmed profiles (1-2 schools, 0-3 jobs, 3-6 skills from "
        "Chinese and English vocabularies), 1-3 applications each, and the search index (jieba-tokenised text; "
        "SQLite FTS5, PostgreSQL `to_tsvector('simple', …)` + GIN). Each figure is one `GET` through the Flask "
        "test client, signed in as a recruiter of three departments (research, engineering, AI infrastructure): "
        "routing, access checks, queries, the audit events a search writes for the candidates it reveals "
        "(20 per page, committed), template rendering; no network, one process. "
        f"{warmup} warm-up requests, then {requests} timed requests per scenario. "
        f"Targets (PostgreSQL): search p95 < {SEARCH_TARGET_MS:.0f} ms, pipeline page p95 < {PIPELINE_TARGET_MS:.0f} ms.", "",
    ]
    for run in runs:
        lines += [
            f"### {run['label']}", "",
            f"{run['candidates']:,} candidates ({run['indexed']:,} searchable), {run['jobs']:,} openings, "
            f"{run['applications']:,} applications; seeding took {run['seconds']:.0f} s. Load average (1 min) "
            f"while measuring: {run['load'][0]:.1f} at the start, {run['load'][1]:.1f} at the end (2 CPUs shared "
            "with other work: figures taken under load are higher than on an idle machine).", "",
            "| Scenario | Results | p50 (ms) | p95 (ms) | max (ms) | Target | Met |",
            "|---|---|---:|---:|---:|---:|---|",
        ]
        for r in run["results"]:
            target = SEARCH_TARGET_MS if r["kind"] == "search" else PIPELINE_TARGET_MS
            ok = "yes" if r["p95"] < target else "**no**"
            lines.append(f"| {r['name']} | {r['found']} | {r['p50']:.1f} | {r['p95']:.1f} | {r['max']:.1f} | "
                         f"{target:.0f} | {ok} |")
        lines.append("")
    for note in skipped:
        lines += [f"Skipped: {note}.", ""]
    return "\n".join(lines).rstrip() + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.recruit_bench", description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=100_000)
    parser.add_argument("--jobs", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=100, help="timed requests per scenario (default 100)")
    parser.add_argument("--warmup", type=int, default=10)
    parser.add_argument("--postgres-url", default=os.environ.get("BENCH_RECRUIT_POSTGRES_URL", POSTGRES_URL))
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--no-sqlite", action="store_true")
    parser.add_argument("--no-write", action="store_true", help=f"do not update {DOC.relative_to(ROOT)}")
    args = parser.parse_args(argv)
    logging.getLogger("alembic").setLevel(logging.WARNING)
    runs, skipped = [], []
    if not args.no_sqlite:
        with tempfile.TemporaryDirectory(prefix="bench-recruit-") as folder:
            runs.append(run_backend("SQLite", f"sqlite:///{Path(folder) / 'bench.db'}", args.candidates, args.jobs,
                                    args.requests, args.warmup))
    if args.no_postgres:
        skipped.append("PostgreSQL (--no-postgres)")
    else:
        problem = reset_postgres(args.postgres_url)
        if problem:
            print(f"  PostgreSQL skipped: {problem}")
            skipped.append(problem)
        else:
            run = run_backend("PostgreSQL", args.postgres_url, args.candidates, args.jobs, args.requests, args.warmup)
            run["pg_version"] = postgres_version(args.postgres_url)
            runs.append(run)
    for run in runs:
        print(f"\n  {run['label']}")
        for r in run["results"]:
            target = SEARCH_TARGET_MS if r["kind"] == "search" else PIPELINE_TARGET_MS
            flag = "" if r["p95"] < target else "  <-- over target"
            print(f"  {r['name']:52} {r['found']:>18} p50 {r['p50']:7.1f}  p95 {r['p95']:7.1f}  max {r['max']:7.1f}{flag}")
    if not args.no_write:
        write_section(render_section(runs, skipped, args.requests, args.warmup), DOC, SECTION)
        print(f"\n  Written to {DOC.relative_to(ROOT)} ({SECTION}).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
