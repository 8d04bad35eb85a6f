"""Candidate search: one query interface over SQLite FTS5 and PostgreSQL full-text search.

Text is folded (``fold``: NFKC, case-folded, Cyrillic/Greek look-alikes of Latin letters
made Latin), tokenised in Python with jieba (``cut_for_search``: 机器学习 -> 机器 学习 机器学习)
and stored space-separated in ``candidate_search.body``.  SQLite indexes it
in the FTS5 table ``fts_candidates`` (unicode61 splits on the spaces); PostgreSQL in
``search_vector = to_tsvector('simple', body)`` with a GIN index.  A query is tokenised
the same way and every term must match.  Terms are reduced to word characters and
quoted, so no input can reach FTS5 or tsquery syntax (``"``, ``*``, ``NEAR(``, ``OR``,
``-``, ``&``, ``!``, ``:*``).

The index row of a candidate is rebuilt by ``reindex_candidate`` whenever they apply,
withdraw, or their profile changes (a session hook below), and for everyone by
``flask careers reindex``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import math
import re
import typing as t
import unicodedata

from sqlalchemy import column, delete, event, exists, func, literal_column, or_, select, table, text
from sqlalchemy.orm import Session

from careers.models import Application, CandidateSearch, Job
from core.db import db, utcnow
from resumes.models import DEGREES, Profile, ProfileEducation, ProfileSkill, ProfileWork

logger = logging.getLogger(__name__)

MAX_QUERY_LENGTH = 200
MAX_TERMS = 10
PER_PAGE = 20
SORTS = ("relevance", "recent")
_WORD = re.compile(r"[^\W_]+")
_YEAR = re.compile(r"(19|20)\d\d")
# The FTS5 table on SQLite (created by the migration; not part of the models' metadata).
FTS = table("fts_candidates", column("rowid"), column("body"))
# Name words are indexed with this prefix ("zznamealice"), so that a search matches them
# only where the candidate's identity is visible to the recruiter (blind screening): see
# ``search_candidates``.  Typed query terms never carry it (``query_terms`` strips it).
NAME_PREFIX = "zzname"


# Terms of the trade that jieba's general dictionary splits; kept whole as well as in parts.
DOMAIN_WORDS = (
    "机器学习", "深度学习", "强化学习", "迁移学习", "联邦学习", "自然语言处理", "计算机视觉", "语音识别", "图像识别",
    "目标检测", "语义分割", "知识图谱", "推荐系统", "大模型", "大语言模型", "数据挖掘", "数据分析", "数据仓库",
    "分布式系统", "云计算", "边缘计算", "自动驾驶", "高精地图", "路径规划", "嵌入式", "前端开发", "后端开发",
    "算法工程师", "产品经理", "测试开发", "运维开发", "医学影像", "增强现实", "虚拟现实",
)


# Cyrillic and Greek letters that look like Latin ones (the common entries of Unicode's
# confusables list), in their case-folded form: "Аlice" typed with a Cyrillic А, or pasted
# from a document that mixed scripts, must find "Alice" and the other way round.  Both the
# index and the query are folded, so a real Russian or Greek word still matches itself.
CONFUSABLES = str.maketrans({
    # Cyrillic
    "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p", "с": "c",
    "т": "t", "у": "y", "х": "x", "ѕ": "s", "і": "i", "ї": "i", "ј": "j", "ԁ": "d", "ԛ": "q", "ԝ": "w",
    "ӏ": "l", "һ": "h",
    # Greek
    "α": "a", "β": "b", "ε": "e", "ζ": "z", "η": "h", "ι": "i", "κ": "k", "μ": "m", "ν": "n", "ο": "o",
    "ρ": "p", "τ": "t", "υ": "y", "χ": "x",
})


def fold(value: str) -> str:
    """The form of text in the index and in queries: NFKC (full-width ``Ａｌｉｃｅ`` and
    ligatures become plain letters), case-folded, and look-alike letters made Latin."""
    return unicodedata.normalize("NFKC", value).casefold().translate(CONFUSABLES)


def _city(value: str | None) -> str:
    """The city filter's form: NFKC and lower case only (it is shown in the results, so the
    look-alike folding that only the hidden index gets would garble it)."""
    return unicodedata.normalize("NFKC", value or "").strip().lower()


def _jieba() -> t.Any:
    import jieba

    if not getattr(_jieba, "ready", False):
        jieba.setLogLevel(logging.WARNING)
        jieba.initialize()
        for word in DOMAIN_WORDS:
            jieba.add_word(word, freq=20000)
        _jieba.ready = True  # type: ignore[attr-defined]
    return jieba


def tokens(value: str, *, for_index: bool = True) -> list[str]:
    """Folded word tokens of ``value`` (see ``fold``); Chinese is cut by jieba.

    For the index every sub-word is kept (机器学习 -> 机器, 学习, 机器学习) so that a search
    for a part of a compound finds it; a query keeps the words as typed.
    """
    if not value:
        return []
    jieba = _jieba()
    value = fold(value)
    cut = jieba.cut_for_search(value) if for_index else jieba.cut(value)
    out: list[str] = []
    for piece in cut:
        out += _WORD.findall(piece)
    return out


def query_terms(q: str) -> list[str]:
    seen: list[str] = []
    for term in tokens(q[:MAX_QUERY_LENGTH], for_index=False):
        while term.startswith(NAME_PREFIX):  # nobody may query the name words directly
            term = term[len(NAME_PREFIX):]
        if term and term not in seen:
            seen.append(term)
    return seen[:MAX_TERMS]


# --- building an index row -----------------------------------------------------------

def _year(value: str | None) -> int | None:
    match = _YEAR.search(value or "")
    return int(match.group(0)) if match else None


def _months(value: str | None, default: dt.date | None = None) -> int | None:
    if not value:
        return None if default is None else default.year * 12 + default.month - 1
    parts = value.split("-")
    try:
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else 1
    except ValueError:
        return None
    return year * 12 + month - 1


def profile_facts(profile: Profile, today: dt.date | None = None) -> dict[str, t.Any]:
    """Degree rank, graduation year and years of experience derived from a profile."""
    today = today or dt.date.today()
    ranked = [(DEGREES.index(e.study_type) + 1 if e.study_type in DEGREES else 0, e) for e in profile.education]
    degree_rank = max((r for r, _ in ranked), default=0) or None
    graduation_year = None
    if ranked:
        top = max(ranked, key=lambda pair: (pair[0], _year(pair[1].end_date) or 0))[1]
        graduation_year = _year(top.end_date)
    months = 0
    for work in profile.work:
        start, end = _months(work.start_date), _months(work.end_date, today)
        if start is not None and end is not None and end > start:
            months += end - start
    return {"degree_rank": degree_rank, "graduation_year": graduation_year,
            "experience_years": months // 12 if profile.work else 0}


def profile_text(profile: Profile) -> list[str]:
    parts: list[str] = [s.name for s in profile.skills]
    for e in profile.education:
        parts += [e.institution, e.area or ""]
    for w in profile.work:
        parts += [w.name, w.title or "", w.summary or ""]
    parts.append(profile.summary or "")
    return [p for p in parts if p]


def _strings(value: t.Any) -> t.Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


# What of a parsed resume's ``basics`` is searchable as text: the candidate's own headline.
# The name is indexed apart (``NAME_PREFIX``).  Not searchable: contact details (encrypted
# on the profile; a plain copy in the index would undo that) and what nobody may screen on
# and blind screening hides (gender, date of birth, native place, photo); nor other
# people's details (``references``).
SEARCHABLE_BASICS = ("label", "summary")
UNSEARCHABLE_SECTIONS = ("basics", "references")


def searchable_resume(resume: t.Any) -> dict[str, t.Any]:
    """The part of a parsed resume (JSON Resume + extras) that goes into the search index."""
    if not isinstance(resume, dict):
        return {}
    kept = {key: value for key, value in resume.items() if key not in UNSEARCHABLE_SECTIONS}
    basics = resume.get("basics")
    if isinstance(basics, dict):
        kept["basics"] = {key: basics[key] for key in SEARCHABLE_BASICS if key in basics}
    return kept


def _resume_text(candidate_id: int) -> tuple[str, str]:
    """The searchable text of the candidate's latest parsed resume (the resumes package's
    stored parse result), beyond what the profile already holds; and the name read there."""
    from resumes.operations import parsed_result
    from resumes.queries import latest_parsed_resume

    resume = latest_parsed_resume(candidate_id)
    if resume is None:
        return "", ""
    data = parsed_result(resume).get("resume")
    basics = data.get("basics") if isinstance(data, dict) else None
    name = basics.get("name") if isinstance(basics, dict) and isinstance(basics.get("name"), str) else ""
    return "\n".join(_strings(searchable_resume(data)))[:100_000], name[:200]


def name_words(*names: str) -> list[str]:
    """The index words of a candidate's names (the profile's and the resume's), prefixed."""
    out: list[str] = []
    for word in tokens(" ".join(name for name in names if name)):
        if NAME_PREFIX + word not in out:
            out.append(NAME_PREFIX + word)
    return out


def _is_postgres() -> bool:
    return db.session.get_bind().dialect.name == "postgresql"


def visible_application_clause() -> t.Any:
    """Applications recruiters may see: everything the candidate has not withdrawn."""
    return Application.stage != "withdrawn"


def department_bit(code: str) -> int:
    """The bit of a department in ``CandidateSearch.department_mask`` (0 for an unknown code).
    Codes keep their position in ``careers.catalog.DEPARTMENTS``: append new ones at the end,
    then ``flask careers reindex``."""
    from careers.catalog import DEPARTMENTS

    codes = list(DEPARTMENTS)
    return 1 << codes.index(code) if code in DEPARTMENTS else 0


def department_mask(codes: t.Iterable[str]) -> int:
    mask = 0
    for code in codes:
        mask |= department_bit(code)
    return mask


def reindex_candidate(candidate_id: int) -> bool:
    """Rebuild the search row of one candidate; returns whether they are searchable."""
    profile = db.session.scalar(select(Profile).where(Profile.user_id == candidate_id))
    last_applied = db.session.scalar(select(func.max(Application.created_dt)).where(
        Application.candidate_id == candidate_id, visible_application_clause()))
    postgres = _is_postgres()
    if profile is None or not profile.is_confirmed or last_applied is None:
        db.session.execute(delete(CandidateSearch).where(CandidateSearch.candidate_id == candidate_id))
        if not postgres:
            db.session.execute(text("DELETE FROM fts_candidates WHERE rowid = :id"), {"id": candidate_id})
        return False
    resume_text, resume_name = _resume_text(candidate_id)
    words = tokens("\n".join([*profile_text(profile), resume_text]))
    body = " ".join([*words, *name_words(profile.name or "", resume_name)])
    facts = profile_facts(profile)
    row = db.session.get(CandidateSearch, candidate_id) or CandidateSearch(candidate_id=candidate_id)
    row.body = body
    row.city = _city(profile.city) or None
    row.department_mask = department_mask(db.session.scalars(
        select(Job.department).join(Application, Application.job_id == Job.id)
        .where(Application.candidate_id == candidate_id, visible_application_clause()).distinct()))
    row.last_applied_dt = last_applied
    row.updated_dt = utcnow()
    for key, value in facts.items():
        setattr(row, key, value)
    if postgres:
        row.search_vector = func.to_tsvector("simple", body)
    db.session.add(row)
    db.session.flush()
    if not postgres:
        db.session.execute(text("DELETE FROM fts_candidates WHERE rowid = :id"), {"id": candidate_id})
        db.session.execute(text("INSERT INTO fts_candidates (rowid, body) VALUES (:id, :body)"),
                           {"id": candidate_id, "body": body})
    return True


def reindex_all(batch: int = 500) -> int:
    """Rebuild every row (``flask careers reindex``); returns how many candidates are searchable."""
    if not _is_postgres():
        db.session.execute(text("DELETE FROM fts_candidates"))
    db.session.execute(delete(CandidateSearch))
    ids = list(db.session.scalars(select(Application.candidate_id).distinct()))
    count = 0
    for i, candidate_id in enumerate(ids):
        count += reindex_candidate(candidate_id)
        if i % batch == batch - 1:
            db.session.flush()
            db.session.expunge_all()
    return count


# Profiles are written by the resumes package, which knows nothing of careers: watch the
# session for changed profiles and rebuild their candidates' rows before the commit.
_PENDING = "careers_reindex"


@event.listens_for(Session, "before_flush")
def _collect_profile_changes(session: Session, flush_context: t.Any, instances: t.Any) -> None:
    pending: set[tuple[str, int]] = session.info.setdefault(_PENDING, set())
    for obj in (*session.new, *session.dirty, *session.deleted):
        if isinstance(obj, Profile) and obj.user_id:
            pending.add(("user", obj.user_id))
        elif isinstance(obj, (ProfileEducation, ProfileWork, ProfileSkill)):
            parent = obj.__dict__.get("profile")
            if parent is not None and parent.user_id:
                pending.add(("user", parent.user_id))
            elif obj.profile_id:
                pending.add(("profile", obj.profile_id))
    if not pending:
        session.info.pop(_PENDING, None)


@event.listens_for(Session, "before_commit")
def _reindex_changed_profiles(session: Session) -> None:
    session.flush()  # before_flush collects the changes still pending
    pending = session.info.pop(_PENDING, None)
    if not pending:
        return
    user_ids = {i for kind, i in pending if kind == "user"}
    profile_ids = [i for kind, i in pending if kind == "profile"]
    if profile_ids:
        user_ids |= set(session.scalars(select(Profile.user_id).where(Profile.id.in_(profile_ids))))
    searchable = set(session.scalars(select(Application.candidate_id).where(
        Application.candidate_id.in_(user_ids)).distinct())) if user_ids else set()
    for user_id in sorted(searchable):
        reindex_candidate(user_id)
    session.info.pop(_PENDING, None)


# --- searching -----------------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class CandidateQuery:
    q: str = ""
    degree: str | None = None  # the lowest degree accepted
    graduation_year: int | None = None
    min_experience: int | None = None
    city: str | None = None
    job_id: int | None = None
    stage: str | None = None
    sort: str = "relevance"
    page: int = 1

    @classmethod
    def from_args(cls, args: t.Mapping[str, str]) -> CandidateQuery:
        """Read the query from request arguments; malformed values are dropped, never an error."""
        from careers.models import STAGES

        def number(name: str, low: int, high: int) -> int | None:
            try:
                value = int((args.get(name) or "").strip())
            except ValueError:
                return None
            return value if low <= value <= high else None

        q = " ".join((args.get("q") or "").replace("\x00", " ").split())[:MAX_QUERY_LENGTH]
        degree = args.get("degree")
        stage = args.get("stage")
        sort = args.get("sort")
        city = _city(" ".join((args.get("city") or "").replace("\x00", " ").split())[:100]) or None
        return cls(q=q, degree=degree if degree in DEGREES else None,
                   graduation_year=number("graduation_year", 1950, 2100),
                   min_experience=number("min_experience", 0, 60), city=city,
                   job_id=number("job_id", 1, 2**31 - 1), stage=stage if stage in STAGES else None,
                   sort=sort if sort in SORTS else ("relevance" if q else "recent"),
                   page=number("page", 1, 10_000) or 1)

    def as_args(self, **changes: t.Any) -> dict[str, t.Any]:
        data = dataclasses.asdict(self) | changes
        if data.get("page") == 1:
            data.pop("page")
        return {k: v for k, v in data.items() if v not in (None, "")}


@dataclasses.dataclass
class CandidatePage:
    # Rows with candidate_id, degree_rank, graduation_year, experience_years, city,
    # last_applied_dt (plain values, so that they outlive the audit commit), and the score.
    items: list[tuple[t.Any, float]]
    total: int
    page: int
    pages: int
    terms: list[str]


def _scope_clause(departments: t.Collection[str] | None, query: CandidateQuery) -> list[t.Any]:
    """Candidates with a visible application in the given departments (None = all) and the
    chosen opening and stage."""
    where: list[t.Any] = []
    if departments is not None:
        # The department mask (no join) for the recruiter's scope...
        where.append(CandidateSearch.department_mask.op("&")(department_mask(departments)) != 0)
    if query.job_id or query.stage:
        # ...and an application of the chosen opening/stage, itself in scope.
        conditions = [Application.candidate_id == CandidateSearch.candidate_id, visible_application_clause()]
        if departments is not None:
            conditions.append(Job.department.in_(sorted(departments)))
        if query.job_id:
            conditions.append(Application.job_id == query.job_id)
        if query.stage:
            conditions.append(Application.stage == query.stage)
        where.append(exists(select(Application.id).join(Job, Job.id == Application.job_id).where(*conditions)))
    return where


def _identity_visible(departments: t.Collection[str] | None) -> t.Any:
    """The candidate has an application in the recruiter's departments that shows who they
    are: to an opening without blind screening, or past its screening (as
    ``careers.workspace.display_names`` decides for the results)."""
    conditions = [Application.candidate_id == CandidateSearch.candidate_id, visible_application_clause(),
                  or_(Job.is_blind_screening.is_(False), Application.passed_screening_dt.is_not(None))]
    if departments is not None:
        conditions.append(Job.department.in_(sorted(departments)))
    return exists(select(Application.id).join(Job, Job.id == Application.job_id).where(*conditions))


def _any_name_word(terms: list[str]) -> bool:
    """Whether some indexed candidate has one of ``terms`` as a name word (one index lookup)."""
    if _is_postgres():
        # A count, not EXISTS: EXISTS lets the planner expect an early hit and scan the whole
        # table when there is none (most queries); a count goes through the GIN index.
        names = func.to_tsquery("simple", " | ".join(f"'{NAME_PREFIX}{term}'" for term in terms))
        return bool(db.session.scalar(select(func.count()).select_from(CandidateSearch)
                                      .where(CandidateSearch.search_vector.op("@@")(names))))
    names = " OR ".join(f'"{NAME_PREFIX}{term}"' for term in terms)
    return bool(db.session.scalar(text("SELECT EXISTS (SELECT 1 FROM fts_candidates WHERE fts_candidates MATCH :m)")
                                  .bindparams(m=names)))


def search_candidates(query: CandidateQuery, departments: t.Collection[str] | None,
                      per_page: int = PER_PAGE) -> CandidatePage:
    """Candidates matching ``query`` among those the recruiter may see.

    ``departments`` is the recruiter's departments (``None``: an admin, everyone).
    """
    terms = query_terms(query.q)
    where: list[t.Any] = []
    if departments is not None and not departments:
        return CandidatePage(items=[], total=0, page=1, pages=1, terms=terms)
    if departments is not None and not department_mask(departments):
        return CandidatePage(items=[], total=0, page=1, pages=1, terms=terms)
    where += _scope_clause(departments, query)
    if query.degree:
        where.append(CandidateSearch.degree_rank >= DEGREES.index(query.degree) + 1)
    if query.graduation_year:
        where.append(CandidateSearch.graduation_year == query.graduation_year)
    if query.min_experience is not None:
        where.append(CandidateSearch.experience_years >= query.min_experience)
    if query.city:
        where.append(CandidateSearch.city == query.city)

    score: t.Any = literal_column("0.0")
    stmt = select(CandidateSearch.candidate_id, CandidateSearch.degree_rank, CandidateSearch.graduation_year,
                  CandidateSearch.experience_years, CandidateSearch.city, CandidateSearch.last_applied_dt)
    if query.q and not terms:
        return CandidatePage(items=[], total=0, page=1, pages=1, terms=terms)
    if terms:
        # Every term must match a word of the text or, where this recruiter may see who the
        # candidate is (``_identity_visible``), of the name: so a name typed in the search box
        # never points at a candidate that blind screening keeps anonymous.  A query none of
        # whose terms is anybody's name word (most: skills, schools...) skips the name branch.
        with_names = _any_name_word(terms)
        if _is_postgres():
            def tsquery(names: bool) -> t.Any:
                return func.to_tsquery("simple", " & ".join(
                    f"('{term}' | '{NAME_PREFIX}{term}')" if names else f"'{term}'" for term in terms))

            where.append(CandidateSearch.search_vector.op("@@")(tsquery(with_names)))
            if with_names:
                where.append(or_(CandidateSearch.search_vector.op("@@")(tsquery(False)),
                                 _identity_visible(departments)))
            score = func.ts_rank(CandidateSearch.search_vector, tsquery(with_names))
        else:
            def match(names: bool) -> str:
                return " AND ".join(
                    f'("{term}" OR "{NAME_PREFIX}{term}")' if names else f'"{term}"' for term in terms)

            stmt = stmt.join(FTS, FTS.c.rowid == CandidateSearch.candidate_id)
            where.append(text("fts_candidates MATCH :named").bindparams(named=match(with_names)))
            if with_names:
                where.append(or_(_identity_visible(departments), CandidateSearch.candidate_id.in_(
                    text("SELECT rowid FROM fts_candidates WHERE fts_candidates MATCH :plain")
                    .bindparams(plain=match(False)).columns(column("rowid")))))
            score = -literal_column("bm25(fts_candidates)")  # bm25: lower is better
    stmt = stmt.add_columns(score.label("score")).where(*where)
    if _is_postgres():
        # Short queries: parallel workers cost more to start than they save here.
        db.session.execute(text("SET LOCAL max_parallel_workers_per_gather = 0"))
    if query.sort == "relevance" and terms:
        order = [literal_column("score").desc(), CandidateSearch.last_applied_dt.desc()]
    else:
        order = [CandidateSearch.last_applied_dt.desc(), CandidateSearch.candidate_id.desc()]
    page = query.page
    if _is_postgres() and query.sort == "relevance" and terms:
        # The total comes with the page (a window count: the ranking reads every match anyway;
        # a recency sort can stop early along its index, so it counts separately).
        paged = stmt.add_columns(func.count().over().label("total")).order_by(*order).limit(per_page)
        rows = db.session.execute(paged.offset((page - 1) * per_page)).all()
        total = int(rows[0].total) if rows else None
    else:  # (and FTS5's bm25() cannot run inside a window query)
        paged = stmt.order_by(*order).limit(per_page)
        rows, total = [], None
    if total is None:
        total = db.session.scalar(select(func.count()).select_from(
            stmt.with_only_columns(CandidateSearch.candidate_id).subquery())) or 0
        page = max(1, min(page, math.ceil(total / per_page)))
        rows = db.session.execute(paged.offset((page - 1) * per_page)).all() if total else []
    pages = max(1, math.ceil(total / per_page))
    return CandidatePage(items=[(row, float(row.score or 0)) for row in rows], total=total,
                         page=page, pages=pages, terms=terms)
