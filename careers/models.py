"""Job openings, applications, their stage history, recruiters' notes and the search index."""

from __future__ import annotations

import datetime as dt
import typing as t

from sqlalchemy import CheckConstraint, Connection, ForeignKey, Index, Integer, String, Text, event, inspect, text
from sqlalchemy.dialects.postgresql import TSVECTOR
from sqlalchemy.orm import Mapped, mapped_column, relationship

from careers.jobindex import job_tokens, title_part
from core.db import db, utcnow


class Job(db.Model):
    """An opening.  Text comes in Chinese and English; either may be empty, not both titles."""

    __tablename__ = "jobs"
    __table_args__ = (
        CheckConstraint("category IN ('campus', 'experienced', 'internship')", name="category_valid"),
        CheckConstraint("status IN ('draft', 'published', 'closed')", name="status_valid"),
        CheckConstraint("title_zh <> '' OR title_en <> ''", name="has_title"),
        # The list's pages in order, id included: PostgreSQL reads a deep page index-only.
        Index("ix_jobs_status_published_dt", "status", "published_dt", "id"),
        # The list's facet counts and filtered pages read only this index (no row reads).
        Index("ix_jobs_status_facets", "status", "category", "department", "city", "published_dt"),
        Index("ix_jobs_search_vector", "search_vector", postgresql_using="gin"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(32), unique=True)
    title_zh: Mapped[str] = mapped_column(String(200), default="")
    title_en: Mapped[str] = mapped_column(String(200), default="")
    description_zh: Mapped[str] = mapped_column(Text, default="")
    description_en: Mapped[str] = mapped_column(Text, default="")
    responsibilities_zh: Mapped[str] = mapped_column(Text, default="")
    responsibilities_en: Mapped[str] = mapped_column(Text, default="")
    requirements_zh: Mapped[str] = mapped_column(Text, default="")
    requirements_en: Mapped[str] = mapped_column(Text, default="")
    category: Mapped[str] = mapped_column(String(20))
    department: Mapped[str] = mapped_column(String(40), index=True)
    city: Mapped[str] = mapped_column(String(40), index=True)
    headcount: Mapped[int | None]
    status: Mapped[str] = mapped_column(String(20), default="draft")
    # Lower-cased text of both languages, for keyword search (kept by ``update_search_text``).
    search_text: Mapped[str] = mapped_column(Text, default="")
    # The keyword index's tokens (careers.jobindex.job_tokens): copied into the SQLite FTS5
    # table fts_jobs (mapper events below) or, on PostgreSQL, into search_vector (GIN) and
    # title_vector by a trigger.
    search_tokens: Mapped[str] = mapped_column(Text, default="", server_default="", deferred=True)
    search_vector: Mapped[t.Any] = mapped_column(Text().with_variant(TSVECTOR(), "postgresql"), nullable=True,
                                                 deferred=True)
    # PostgreSQL: the titles' tokens (first line of search_tokens), small and kept in the row,
    # to rank title matches first without reading or lower-casing the titles.
    title_vector: Mapped[t.Any] = mapped_column(Text().with_variant(TSVECTOR(), "postgresql"), nullable=True,
                                                deferred=True)
    created_dt: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_dt: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    published_dt: Mapped[dt.datetime | None]
    # Blind first screening: name, gender, date of birth, native place and photo stay
    # hidden from recruiters until the candidate passes screening for this opening.
    is_blind_screening: Mapped[bool] = mapped_column(default=False, server_default=text("false"))

    TEXT_FIELDS = ("title", "description", "responsibilities", "requirements")

    def text(self, field: str, locale: str) -> str:
        """The field in ``locale`` ("en" or "zh_Hans"), falling back to the other language."""
        first, second = ("en", "zh") if locale == "en" else ("zh", "en")
        return getattr(self, f"{field}_{first}") or getattr(self, f"{field}_{second}")

    def update_search_text(self) -> None:
        """Rebuild the search text and the keyword index's tokens (call after changing the text)."""
        parts = [self.reference]
        for field in self.TEXT_FIELDS:
            parts += [getattr(self, f"{field}_zh") or "", getattr(self, f"{field}_en") or ""]
        self.search_text = "\n".join(parts).lower()
        self.search_tokens = job_tokens(self.title_zh or "", self.title_en or "", self.search_text)

    @property
    def is_public(self) -> bool:
        return self.status == "published"


# The SQLite keyword index (FTS5 table fts_jobs: title and body tokens, rowid = jobs.id)
# follows every job written through the ORM.  PostgreSQL's search_vector is kept by a
# trigger instead; writes that bypass the ORM on SQLite (bulk inserts) call
# careers.jobindex.rebuild.
_UNINDEX = text("DELETE FROM fts_jobs WHERE rowid = :id")
_INDEX = text("INSERT INTO fts_jobs (rowid, title, body) VALUES (:id, :title, :body)")


def _fts_row(job: Job) -> dict[str, t.Any]:
    return {"id": job.id, "title": title_part(job.search_tokens), "body": job.search_tokens}


@event.listens_for(Job, "after_insert")
def _index_new_job(mapper: t.Any, connection: Connection, job: Job) -> None:
    if connection.dialect.name == "sqlite":
        # A row left by a delete that bypassed the ORM (SQLite reuses the highest ids) goes first.
        connection.execute(_UNINDEX, {"id": job.id})
        connection.execute(_INDEX, _fts_row(job))


@event.listens_for(Job, "after_update")
def _index_changed_job(mapper: t.Any, connection: Connection, job: Job) -> None:
    # update_search_text runs after every change of the text (titles included).
    if connection.dialect.name == "sqlite" and inspect(job).attrs.search_tokens.history.has_changes():
        connection.execute(_UNINDEX, {"id": job.id})
        connection.execute(_INDEX, _fts_row(job))


@event.listens_for(Job, "after_delete")
def _unindex_deleted_job(mapper: t.Any, connection: Connection, job: Job) -> None:
    if connection.dialect.name == "sqlite":
        connection.execute(_UNINDEX, {"id": job.id})


# Stages of an application.  Recruiters move applications along PIPELINE or to
# "rejected"; only the candidate can withdraw.
PIPELINE = ("applied", "screening", "interview", "offer", "hired")
STAGES = (*PIPELINE, "rejected", "withdrawn")
CLOSED_STAGES = ("rejected", "withdrawn")
# Stages at which a candidate has passed screening (blind screening lifts).
PASSED_SCREENING = ("interview", "offer", "hired")
# What the candidate reads for each internal stage: honest, plain language.
CANDIDATE_LABELS = {
    "applied": "received",
    "screening": "under review",
    "interview": "interviewing",
    "offer": "offer",
    "hired": "hired",
    "rejected": "not selected",
    "withdrawn": "withdrawn",
}
REJECTION_REASONS = ("skills", "experience", "position_filled", "candidate_declined", "other")
_ACTIVE = "stage NOT IN ('rejected', 'withdrawn')"


class Application(db.Model):
    """A candidate's application to an opening.  At most one active one per opening
    (a partial unique index, so a double click or two tabs never make two)."""

    __tablename__ = "applications"
    __table_args__ = (
        CheckConstraint(
            "stage IN ('applied', 'screening', 'interview', 'offer', 'hired', 'rejected', 'withdrawn')",
            name="stage_valid"),
        Index("uq_applications_job_id_candidate_id_active", "job_id", "candidate_id", unique=True,
              sqlite_where=text(_ACTIVE), postgresql_where=text(_ACTIVE)),
        Index("ix_applications_job_id_stage", "job_id", "stage"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    job_id: Mapped[int] = mapped_column(ForeignKey("jobs.id", ondelete="CASCADE"))
    candidate_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    # The uploaded resume chosen at apply time (resumes' Resume; an id, read through resumes.operations).
    resume_id: Mapped[int | None] = mapped_column(ForeignKey("resumes.id", ondelete="SET NULL"))
    note: Mapped[str] = mapped_column(Text, default="")
    # When the candidate agreed to share their profile with this opening's team (the
    # consent itself is also recorded in auth's consent ledger).
    consent_dt: Mapped[dt.datetime] = mapped_column(default=utcnow)
    stage: Mapped[str] = mapped_column(String(20), default="applied")
    rejection_reason: Mapped[str | None] = mapped_column(String(40))
    created_dt: Mapped[dt.datetime] = mapped_column(default=utcnow)
    stage_dt: Mapped[dt.datetime] = mapped_column(default=utcnow)
    passed_screening_dt: Mapped[dt.datetime | None]

    job: Mapped[Job] = relationship()
    events: Mapped[list[ApplicationEvent]] = relationship(
        back_populates="application", order_by="ApplicationEvent.id", cascade="all, delete-orphan",
        passive_deletes=True)

    @property
    def is_active(self) -> bool:
        return self.stage not in CLOSED_STAGES

    @property
    def candidate_label(self) -> str:
        return CANDIDATE_LABELS[self.stage]


class ApplicationEvent(db.Model):
    """One step in an application's history: submitted, moved, rejected, withdrawn."""

    __tablename__ = "application_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"), index=True)
    created_dt: Mapped[dt.datetime] = mapped_column(default=utcnow)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    from_stage: Mapped[str | None] = mapped_column(String(20))
    to_stage: Mapped[str] = mapped_column(String(20))
    # Shown to the candidate (optional).
    message: Mapped[str] = mapped_column(Text, default="")
    # Internal: why a candidate was rejected (a code from REJECTION_REASONS).
    reason: Mapped[str | None] = mapped_column(String(40))

    application: Mapped[Application] = relationship(back_populates="events")


class CandidateNote(db.Model):
    """A recruiter's note on a candidate, with an optional 1-5 rating."""

    __tablename__ = "candidate_notes"
    __table_args__ = (CheckConstraint("rating IS NULL OR (rating >= 1 AND rating <= 5)", name="rating_range"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    application_id: Mapped[int | None] = mapped_column(ForeignKey("applications.id", ondelete="SET NULL"))
    body: Mapped[str] = mapped_column(Text, default="")
    rating: Mapped[int | None]
    created_dt: Mapped[dt.datetime] = mapped_column(default=utcnow)


class CandidateSearch(db.Model):
    """The candidate search index: one row per applicant with a confirmed profile.

    ``body`` is the pre-tokenised (jieba) lower-case text of skills, schools, companies,
    titles and the resume; SQLite indexes it in the FTS5 table ``fts_candidates``
    (created by the migration, rowid = candidate_id), PostgreSQL in ``search_vector``
    (``to_tsvector('simple', body)``, GIN).  Kept by ``careers.search.reindex_candidate``.
    """

    __tablename__ = "candidate_search"
    __table_args__ = (
        Index("ix_candidate_search_search_vector", "search_vector", postgresql_using="gin"),
        Index("ix_candidate_search_last_applied_dt", "last_applied_dt"),
    )

    candidate_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    body: Mapped[str] = mapped_column(Text, default="")
    search_vector: Mapped[t.Any] = mapped_column(Text().with_variant(TSVECTOR(), "postgresql"), nullable=True)
    degree_rank: Mapped[int | None] = mapped_column(Integer)
    graduation_year: Mapped[int | None] = mapped_column(Integer, index=True)
    experience_years: Mapped[int | None] = mapped_column(Integer)
    city: Mapped[str | None] = mapped_column(String(100), index=True)
    # Bit i set: the candidate has a visible application to an opening of the i-th
    # department of careers.catalog.DEPARTMENTS (the recruiter scope, without a join).
    department_mask: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))
    last_applied_dt: Mapped[dt.datetime | None]
    updated_dt: Mapped[dt.datetime] = mapped_column(default=utcnow)


import notifications.models  # noqa: E402,F401  (the inbox table belongs to the same schema)
import resumes.models  # noqa: E402,F401  (applications refer to resumes)
