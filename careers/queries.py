"""Reads of openings shared by the job board, the recruiter pages and the benchmark."""

from __future__ import annotations

import dataclasses
import math
import typing as t
from collections import Counter

from sqlalchemy import ColumnElement, and_, func, select

from careers.catalog import CATEGORIES, CITIES, DEPARTMENTS
from careers.models import Job
from core.db import db

MAX_QUERY_LENGTH = 100
MAX_TERMS = 8
FACETS = {"category": CATEGORIES, "department": DEPARTMENTS, "city": CITIES}


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
        q = " ".join((args.get("q") or "").split())[:MAX_QUERY_LENGTH]
        values: dict[str, str | None] = {}
        for name, vocabulary in FACETS.items():
            value = args.get(name)
            values[name] = value if value in vocabulary else None
        try:
            page = int(args.get("page", "1"))
        except ValueError:
            page = 1
        return cls(q=q, page=max(1, min(page, 100_000)), **values)

    def terms(self) -> list[str]:
        return self.q.lower().split()[:MAX_TERMS]

    def as_args(self, **changes: t.Any) -> dict[str, t.Any]:
        """Query-string arguments for a link to these filters with ``changes`` applied."""
        data = dataclasses.asdict(self) | changes
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


def _keyword_clause(terms: list[str]) -> ColumnElement[bool] | None:
    if not terms:
        return None
    return and_(*(Job.search_text.like(f"%{_escape_like(term)}%", escape="\\") for term in terms))


def search_jobs(filters: JobFilters, per_page: int = 20, statuses: tuple[str, ...] = ("published",)) -> JobPage:
    """Openings matching ``filters``, one page of them, and counts per filter value.

    Facet counts follow the usual rule: the count shown next to a city is the number
    of results one would get by choosing that city with the other filters kept.
    """
    base = [Job.status.in_(statuses)]
    keyword = _keyword_clause(filters.terms())
    if keyword is not None:
        base.append(keyword)

    # One pass over the matching rows' three short columns gives every facet count.
    rows = db.session.execute(select(Job.category, Job.department, Job.city).where(*base)).all()
    chosen = {"category": filters.category, "department": filters.department, "city": filters.city}
    names = list(FACETS)
    facets: dict[str, list[tuple[str, int]]] = {}
    for index, name in enumerate(names):
        counts: Counter[str] = Counter()
        for row in rows:
            if all(chosen[other] in (None, row[j]) for j, other in enumerate(names) if other != name):
                counts[row[index]] += 1
        facets[name] = [(code, counts[code]) for code in FACETS[name] if counts[code] or chosen[name] == code]
    total = sum(1 for row in rows if all(chosen[n] in (None, row[j]) for j, n in enumerate(names)))

    pages = max(1, math.ceil(total / per_page))
    page = min(filters.page, pages)
    where = list(base)
    for name in names:
        if chosen[name]:
            where.append(getattr(Job, name) == chosen[name])
    items = list(db.session.scalars(
        select(Job).where(*where)
        .order_by(Job.published_dt.desc(), Job.id.desc())
        .limit(per_page).offset((page - 1) * per_page)
    ))
    return JobPage(items=items, total=total, page=page, pages=pages, facets=facets)


def count_public_jobs() -> int:
    return db.session.scalar(select(func.count()).select_from(Job).where(Job.status == "published")) or 0
