"""Reads of openings shared by the job board, the recruiter pages and the benchmark."""

from __future__ import annotations

import dataclasses
import functools
import math
import operator
import re
import typing as t
from collections import Counter

from sqlalchemy import ColumnElement, and_, case, column, func, literal, or_, select, table, text, union_all
from sqlalchemy.dialects.postgresql import REGCONFIG
from sqlalchemy.orm import defer

from careers.catalog import CATEGORIES, CITIES, DEPARTMENTS
from careers.jobindex import Term, fts5_match, parse_query, tsquery
from careers.models import Job
from core.db import db

MAX_QUERY_LENGTH = 100
FACETS = {"category": CATEGORIES, "department": DEPARTMENTS, "city": CITIES}
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclasses.dataclass(frozen=True)
class JobFilters:
    q: str = ""
    category: str | None = None
    department: str | None = None
    city: str | None = None
    page: int = 1

    @classmethod
    def from_args(cls, args: t.Mapping[str, str]) -> JobFilters:
        """Read filters from query-string arguments; unknown or malformed values are dropped."""
        # Control characters (NUL: PostgreSQL refuses it in text) become spaces.
        q = " ".join(_CONTROL.sub(" ", args.get("q") or "").split())[:MAX_QUERY_LENGTH]
        values: dict[str, str | None] = {}
        for name, vocabulary in FACETS.items():
            value = args.get(name)
            values[name] = value if value in vocabulary else None
        try:
            page = int(args.get("page", "1"))
        except ValueError:
            page = 1
        return cls(q=q, page=max(1, min(page, 100_000)), **values)

    def terms(self) -> list[Term]:
        return parse_query(self.q)

    def as_args(self, **changes: t.Any) -> dict[str, t.Any]:
        """Query-string arguments for a link to these filters with ``changes`` applied."""
        # (A shallow copy: dataclasses.asdict deep-copies, and a page builds about 30 links.)
        data = {field.name: getattr(self, field.name) for field in dataclasses.fields(self)} | changes
        if data.get("page") == 1:
            data.pop("page")
        return {k: v for k, v in data.items() if v}


@dataclasses.dataclass
class JobPage:
    items: list[Job]
    total: int
    page: int
    pages: int
    facets: dict[str, list[tuple[str, int]]]


def _escape_like(term: str) -> str:
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _contains(text: ColumnElement[str], term: str, dialect: str) -> ColumnElement[bool]:
    """``text`` contains ``term`` as a plain substring (both already lower-cased).

    PostgreSQL: ``strpos(...) > 0``, about 40 % cheaper per row than ``LIKE '%...%'``
    (measured, see docs/benchmarks.md).  Elsewhere ``LIKE`` with the wildcards escaped:
    SQLite's LIKE is as fast as its ``instr``.
    """
    if dialect == "postgresql":
        return func.strpos(text, term) > 0
    return text.like(f"%{_escape_like(term)}%", escape="\\")


# The SQLite FTS5 table of the keyword index (created by the core migration; not in the models' metadata).
FTS_JOBS = table("fts_jobs", column("rowid"), column("fts_jobs"))


def _fts_ids(match: str) -> t.Any:
    """Ids of the openings whose FTS5 row matches ``match`` (a bound parameter)."""
    return select(FTS_JOBS.c.rowid).where(FTS_JOBS.c.fts_jobs.op("MATCH")(match))


def _keyword_clause(terms: list[Term], dialect: str) -> tuple[ColumnElement[bool] | None, bool]:
    """Every term matches: through the keyword index, plus the substring check on
    ``search_text`` for the terms the index alone cannot decide (``Term.needs_text_check``).
    Also returns whether the keyword index is used."""
    if not terms:
        return None, False
    conditions: list[ColumnElement[bool]] = []
    if dialect == "sqlite" and (match := fts5_match(terms)):
        conditions.append(Job.id.in_(_fts_ids(match)))
    elif dialect == "postgresql" and (query := tsquery(terms)):
        conditions.append(Job.search_vector.op("@@")(func.to_tsquery(literal("simple", REGCONFIG), query)))
    indexed = bool(conditions)
    conditions += [_contains(Job.search_text, term.text, dialect)
                   for term in terms if not indexed or term.needs_text_check(dialect)]
    return and_(*conditions), indexed


def _in_title(term: Term, dialect: str) -> ColumnElement[bool]:
    """Whether the title has ``term``: through the index's title part where it decides."""
    if dialect == "sqlite" and term.exact:
        # The FTS5 title column: a set of ids, no title read per matching row.
        return Job.id.in_(_fts_ids(f"title : {term.fts5()[0]}"))
    if dialect == "postgresql" and term.exact:
        # The small title_vector in the row (a longer Chinese word: all its bigrams in the title).
        return Job.title_vector.op("@@")(func.to_tsquery(literal("simple", REGCONFIG), term.tsquery()[0]))
    return or_(_contains(func.lower(Job.title_zh), term.text, dialect),
               _contains(func.lower(Job.title_en), term.text, dialect))


def _title_rank(terms: list[Term], dialect: str) -> ColumnElement[int]:
    """How many of ``terms`` the title contains (either language): title matches are listed first."""
    if not terms:
        return literal(0)
    return functools.reduce(operator.add, [case((_in_title(term, dialect), 1), else_=0) for term in terms])


def _facet_counts(groups: t.Iterable[t.Sequence[t.Any]], chosen: dict[str, str | None]
                  ) -> tuple[dict[str, list[tuple[str, int]]], int]:
    """Facet counts and the total from ``(category, department, city, count)`` groups."""
    names = list(FACETS)
    counts: dict[str, Counter[str]] = {name: Counter() for name in names}
    total = 0
    for *values, count in groups:
        misses = [name for name, value in zip(names, values, strict=True) if chosen[name] not in (None, value)]
        if not misses:
            total += count
        # A value's count keeps the *other* filters: a group missing only this facet's filter counts too.
        for index, name in enumerate(names):
            if not misses or misses == [name]:
                counts[name][values[index]] += count
    facets = {
        name: [(code, counts[name][code]) for code in FACETS[name] if counts[name][code] or chosen[name] == code]
        for name in names
    }
    return facets, total


def _keyword_page(filters: JobFilters, keyword: ColumnElement[bool], indexed: bool, statuses: tuple[str, ...],
                  terms: list[Term], chosen: dict[str, str | None], per_page: int, dialect: str
                  ) -> tuple[dict[str, list[tuple[str, int]]], int, list[int], int, int]:
    """Counts and one page of ids for a keyword search: the matches, found once through the
    keyword index (a materialised CTE), feed both the counts and the page.

    The status is checked outside the CTE: with only the keyword condition inside, the keyword
    index is the one index PostgreSQL can use for it.  Given ``status`` as well, it may pick
    the (status, ...) index and test every published opening's tsvector, each read out of
    TOAST (10 times slower at 10,000 openings); the sequential scan is ruled out below for the
    same reason (when the index is used: a term with no word characters, such as ``%``,
    reads every row).
    """
    matches = select(
        Job.id, Job.status, Job.category, Job.department, Job.city, Job.published_dt,
        _title_rank(terms, dialect).label("rank"),
    ).where(keyword).cte("matches").prefix_with("MATERIALIZED")
    m = matches.c
    order = (m.rank.desc(), m.published_dt.desc(), m.id.desc())
    visible = m.status.in_(statuses)
    in_page = [visible] + [getattr(m, name) == value for name, value in chosen.items() if value]

    def page_of(page: int) -> t.Any:
        return select(m.id).where(*in_page).order_by(*order).limit(per_page).offset((page - 1) * per_page)

    # UNION ALL keeps no order: the page rows carry their position (numbered after the LIMIT,
    # so that the database sorts only for the top rows).
    limited = page_of(filters.page).add_columns(m.rank, m.published_dt).subquery()
    page_rows = select(limited.c.id, func.row_number().over(order_by=(
        limited.c.rank.desc(), limited.c.published_dt.desc(), limited.c.id.desc())).label("pos")).subquery()
    steer = dialect == "postgresql" and indexed
    if steer:
        # The planner prices a sequential scan's tsvector reads (out of line, in TOAST) as
        # nearly free: for a common word it would pick one, 10x slower than the GIN bitmap scan.
        db.session.execute(text("SET LOCAL enable_seqscan = off"))
    try:
        rows = db.session.execute(union_all(
            # (A FILTER, not a WHERE: PostgreSQL then knows how many rows it groups and hashes them.)
            select(literal(0).label("kind"), m.category, m.department, m.city,
                   func.count().filter(visible).label("n"), literal(None).label("pos"))
            .group_by(m.category, m.department, m.city),
            select(literal(1), literal(None), literal(None), literal(None), page_rows.c.id, page_rows.c.pos),
        )).all()
        facets, total = _facet_counts((row[1:5] for row in rows if row[0] == 0), chosen)
        ids = [row[4] for row in sorted((row for row in rows if row[0] == 1), key=operator.itemgetter(5))]
        pages = max(1, math.ceil(total / per_page))
        page = min(filters.page, pages)
        if page != filters.page:  # past the end: show the last page (rare; one more query)
            ids = list(db.session.scalars(page_of(page)))
    finally:
        if steer and db.session.is_active:
            db.session.execute(text("RESET enable_seqscan"))
    return facets, total, ids, page, pages


def search_jobs(filters: JobFilters, per_page: int = 20, statuses: tuple[str, ...] = ("published",)) -> JobPage:
    """Openings matching ``filters``, one page of them, and counts per filter value.

    Facet counts follow the usual rule: the count shown next to a city is the number
    of results one would get by choosing that city with the other filters kept.
    Keyword results list openings whose title contains the words first, then the rest,
    newest first; without keywords, newest first.

    The database does the counting (a GROUP BY over at most 3 x 10 x 8 groups) and the
    paging; only the openings of the page are loaded, without their long texts.  Without
    keywords both read the (status, category, department, city, published_dt) index; with
    keywords the matches come from the keyword index (careers/jobindex.py) once, in a
    materialised CTE that feeds both the counts and the page.
    """
    terms = filters.terms()
    dialect = db.session.get_bind().dialect.name
    base = [Job.status.in_(statuses)]
    keyword, indexed = _keyword_clause(terms, dialect)
    chosen = {"category": filters.category, "department": filters.department, "city": filters.city}
    names = list(FACETS)

    if keyword is None:
        # Counts: one GROUP BY; the page: the (status, published_dt) index.
        groups = db.session.execute(
            select(Job.category, Job.department, Job.city, func.count())
            .where(*base).group_by(Job.category, Job.department, Job.city)
        ).all()
        facets, total = _facet_counts(groups, chosen)
        pages = max(1, math.ceil(total / per_page))
        page = min(filters.page, pages)
        where = base + [getattr(Job, name) == chosen[name] for name in names if chosen[name]]
        ids = list(db.session.scalars(
            select(Job.id).where(*where).order_by(Job.published_dt.desc(), Job.id.desc())
            .limit(per_page).offset((page - 1) * per_page)
        ))
    else:
        facets, total, ids, page, pages = _keyword_page(filters, keyword, indexed, statuses, terms, chosen, per_page,
                                                        dialect)

    # A job card shows the title and description: the long texts stay in the database.
    lean = defer(Job.responsibilities_zh), defer(Job.responsibilities_en), defer(Job.requirements_zh), \
        defer(Job.requirements_en), defer(Job.search_text)
    by_id = {job.id: job for job in db.session.scalars(select(Job).options(*lean).where(Job.id.in_(ids)))} if ids else {}
    items = [by_id[job_id] for job_id in ids if job_id in by_id]
    return JobPage(items=items, total=total, page=page, pages=pages, facets=facets)


def count_public_jobs() -> int:
    return db.session.scalar(select(func.count()).select_from(Job).where(Job.status == "published")) or 0
