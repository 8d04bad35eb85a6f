"""Reads for the applicant pages and the recruiter workspace (pipeline, candidate page,
duplicates, statistics, audit log).  Nothing here writes; the views audit through
``careers.operations``."""

from __future__ import annotations

import dataclasses
import datetime as dt
import typing as t
from collections import Counter, defaultdict

from sqlalchemy import func, or_, select
from sqlalchemy.orm import selectinload

from careers.models import (
    PASSED_SCREENING,
    PIPELINE,
    STAGES,
    Application,
    ApplicationEvent,
    CandidateNote,
    CandidateSearch,
    Job,
)
from careers.permissions import can_see_candidate, recruiter_departments
from core.audit import AuditEvent
from core.db import db
from resumes.models import Profile, Resume

PIPELINE_PAGE = 25


def my_applications(candidate_id: int) -> list[Application]:
    return list(db.session.scalars(
        select(Application).where(Application.candidate_id == candidate_id)
        .options(selectinload(Application.job), selectinload(Application.events))
        .order_by(Application.created_dt.desc(), Application.id.desc())))


def candidate_resumes(candidate_id: int) -> list[Resume]:
    return list(db.session.scalars(select(Resume).where(Resume.user_id == candidate_id)
                                   .order_by(Resume.created_dt.desc(), Resume.id.desc())))


def profile_of(candidate_id: int) -> Profile | None:
    return db.session.scalar(select(Profile).where(Profile.user_id == candidate_id))


# --- openings and the pipeline -------------------------------------------------------

def job_choices(user: t.Any, limit: int = 300) -> list[t.Any]:
    """(id, reference, title_zh, title_en) of the openings in the user's scope, newest first
    (the "opening" filter of the candidate search)."""
    departments = recruiter_departments(user)
    where = [] if departments is None else [Job.department.in_(sorted(departments))]
    return list(db.session.execute(select(Job.id, Job.reference, Job.title_zh, Job.title_en).where(*where)
                                   .order_by(Job.id.desc()).limit(limit)).all())


def jobs_in_scope(user: t.Any, status: str | None = None, limit: int = 200) -> list[tuple[Job, int]]:
    """Openings the user may manage, newest first, with their count of active applications."""
    departments = recruiter_departments(user)
    where = []
    if departments is not None:
        where.append(Job.department.in_(sorted(departments)))
    if status:
        where.append(Job.status == status)
    jobs = list(db.session.scalars(select(Job).where(*where).order_by(Job.updated_dt.desc(), Job.id.desc())
                                   .limit(limit)))
    counts = dict(db.session.execute(
        select(Application.job_id, func.count()).where(
            Application.job_id.in_([j.id for j in jobs]), Application.stage.not_in(("rejected", "withdrawn")))
        .group_by(Application.job_id)).all()) if jobs else {}
    return [(job, int(counts.get(job.id, 0))) for job in jobs]


@dataclasses.dataclass
class PipelineRow:
    application: Application
    name: str | None  # None while blind screening hides it
    degree_rank: int | None
    graduation_year: int | None
    experience_years: int | None
    rating: float | None


def identity_hidden(job: Job, application: Application) -> bool:
    return job.is_blind_screening and application.passed_screening_dt is None


def pipeline(job: Job, stage: str | None, page: int = 1) -> tuple[list[PipelineRow], dict[str, int], int]:
    """One page of the opening's applications (withdrawn ones excluded), counts per stage,
    and the number of pages."""
    counts = dict(db.session.execute(select(Application.stage, func.count()).where(
        Application.job_id == job.id).group_by(Application.stage)).all())
    where = [Application.job_id == job.id, Application.stage != "withdrawn"]
    if stage in STAGES:
        where.append(Application.stage == stage)
    total = sum(n for s, n in counts.items() if s != "withdrawn" and (stage not in STAGES or s == stage))
    pages = max(1, -(-total // PIPELINE_PAGE))
    page = max(1, min(page, pages))
    ratings = (select(CandidateNote.candidate_id, func.avg(CandidateNote.rating).label("rating"))
               .where(CandidateNote.rating.is_not(None), CandidateNote.candidate_id.in_(
                   select(Application.candidate_id).where(Application.job_id == job.id)))
               .group_by(CandidateNote.candidate_id).subquery())
    stmt = (select(Application, Profile.name, CandidateSearch.degree_rank, CandidateSearch.graduation_year,
                   CandidateSearch.experience_years, ratings.c.rating)
            .outerjoin(Profile, Profile.user_id == Application.candidate_id)
            .outerjoin(CandidateSearch, CandidateSearch.candidate_id == Application.candidate_id)
            .outerjoin(ratings, ratings.c.candidate_id == Application.candidate_id)
            .where(*where).order_by(Application.created_dt.desc(), Application.id.desc())
            .limit(PIPELINE_PAGE).offset((page - 1) * PIPELINE_PAGE))
    rows = []
    for app_, name, degree, year, years, rating in db.session.execute(stmt).all():
        app_.job = job
        rows.append(PipelineRow(app_, None if identity_hidden(job, app_) else name, degree, year, years,
                                float(rating) if rating is not None else None))
    return rows, counts, pages


def applications_by_ids(job: Job, ids: t.Iterable[int]) -> list[Application]:
    """The opening's applications among ``ids`` (ids of other openings are ignored)."""
    ids = [i for i in ids if isinstance(i, int)]
    if not ids:
        return []
    return list(db.session.scalars(select(Application).where(
        Application.job_id == job.id, Application.id.in_(ids), Application.stage != "withdrawn")))


# --- the candidate page --------------------------------------------------------------

@dataclasses.dataclass
class CandidateCard:
    candidate_id: int
    profile: Profile | None
    applications: list[Application]
    notes: list[CandidateNote]
    average_rating: float | None
    identity_visible: bool
    duplicates: list[tuple[int, str]]
    resumes: list[Resume]


def visible_applications(user: t.Any, candidate_id: int) -> list[Application]:
    departments = recruiter_departments(user)
    where = [Application.candidate_id == candidate_id, Application.stage != "withdrawn"]
    if departments is not None:
        where.append(Job.department.in_(sorted(departments)))
    return list(db.session.scalars(select(Application).join(Job, Job.id == Application.job_id).where(*where)
                                   .options(selectinload(Application.job), selectinload(Application.events))
                                   .order_by(Application.created_dt.desc())))


def candidate_card(user: t.Any, candidate_id: int) -> CandidateCard:
    applications = visible_applications(user, candidate_id)
    # Blind screening: the identity shows once one visible application is to an opening
    # without blind screening, or the candidate has passed screening for one.
    identity_visible = any(not a.job.is_blind_screening or a.passed_screening_dt is not None
                           or a.stage in PASSED_SCREENING for a in applications)
    profile = profile_of(candidate_id)
    notes = list(db.session.scalars(select(CandidateNote).where(CandidateNote.candidate_id == candidate_id)
                                    .order_by(CandidateNote.id.desc())))
    rated = [n.rating for n in notes if n.rating]
    resume_ids = {a.resume_id for a in applications if a.resume_id}
    resumes = list(db.session.scalars(select(Resume).where(Resume.id.in_(resume_ids)))) if resume_ids else []
    return CandidateCard(
        candidate_id=candidate_id, profile=profile, applications=applications, notes=notes,
        average_rating=round(sum(rated) / len(rated), 1) if rated else None,
        identity_visible=identity_visible,
        duplicates=possible_duplicates(user, candidate_id, profile) if identity_visible else [],
        resumes=resumes)


def _norm(value: str | None) -> str:
    return "".join((value or "").lower().split())


def possible_duplicates(user: t.Any, candidate_id: int, profile: Profile | None) -> list[tuple[int, str]]:
    """Other accounts that may be the same person, among the candidates ``user`` may see.

    * the same contact details (blind indexes of phone or email, on the profile or the
      account's verified phone): "same_contact" — the same person with two accounts;
    * the same name, a shared school and the same date of birth: "similar" — for a
      person to decide.
    (A WeChat identity belongs to exactly one account, so it cannot repeat.)
    """
    if profile is None:
        return []
    found: dict[int, str] = {}
    keys = [k for k in (profile.phone_index, profile.email_index) if k]
    if keys:
        for other in db.session.scalars(select(Profile.user_id).where(
                Profile.user_id != candidate_id,
                or_(Profile.phone_index.in_(keys), Profile.email_index.in_(keys)))):
            found[other] = "same_contact"
        try:
            from auth.models import PhoneIdentity

            for other in db.session.scalars(select(PhoneIdentity.user_id).where(
                    PhoneIdentity.user_id != candidate_id, PhoneIdentity.phone_index.in_(keys))):
                found[other] = "same_contact"
        except ImportError:
            pass
    name = _norm(profile.name)
    if name:
        schools = {_norm(e.institution) for e in profile.education}
        for other in db.session.scalars(select(Profile).where(
                Profile.user_id != candidate_id, func.lower(Profile.name) == (profile.name or "").strip().lower())
                .options(selectinload(Profile.education)).limit(50)):
            if other.user_id in found:
                continue
            same_school = bool(schools & {_norm(e.institution) for e in other.education})
            same_birth = bool(profile.birth_date) and profile.birth_date == other.birth_date
            if same_school and same_birth:
                found[other.user_id] = "similar"
    return [(cid, why) for cid, why in sorted(found.items()) if can_see_candidate(user, cid)]


# --- statistics (counts only) --------------------------------------------------------

@dataclasses.dataclass
class Stats:
    per_job: list[tuple[Job, int]]
    funnel: list[tuple[str, int, float | None]]  # stage, reached, conversion from previous
    time_in_stage: dict[str, float]  # average days
    by_city: list[tuple[str, int]]
    by_category: list[tuple[str, int]]
    total: int


def statistics(user: t.Any) -> Stats:
    """Aggregates over the applications in the user's scope: counts, no personal data."""
    departments = recruiter_departments(user)
    scope = [] if departments is None else [Job.department.in_(sorted(departments or {"-"}))]
    per_job = [(row[0], int(row[1])) for row in db.session.execute(
        select(Job, func.count(Application.id)).join(Application, Application.job_id == Job.id).where(*scope)
        .group_by(Job.id).order_by(func.count(Application.id).desc()).limit(50)).all()]
    total = db.session.scalar(select(func.count(Application.id)).join(Job, Job.id == Application.job_id)
                              .where(*scope)) or 0
    reached: Counter[str] = Counter()
    for stage, n in db.session.execute(
            select(ApplicationEvent.to_stage, func.count(func.distinct(ApplicationEvent.application_id)))
            .join(Application, Application.id == ApplicationEvent.application_id)
            .join(Job, Job.id == Application.job_id).where(*scope).group_by(ApplicationEvent.to_stage)).all():
        reached[stage] = int(n)
    # An application that reached a later stage also passed the earlier ones.
    funnel: list[tuple[str, int, float | None]] = []
    cumulative = 0
    counts = {}
    for stage in reversed(PIPELINE):
        cumulative = max(cumulative, reached[stage])
        counts[stage] = cumulative
    previous = None
    for stage in PIPELINE:
        n = counts[stage]
        funnel.append((stage, n, round(100 * n / previous, 1) if previous else None))
        previous = n
    # Time in stage: from entering a stage to the next event of the same application.
    events = db.session.execute(
        select(ApplicationEvent.application_id, ApplicationEvent.to_stage, ApplicationEvent.created_dt)
        .join(Application, Application.id == ApplicationEvent.application_id)
        .join(Job, Job.id == Application.job_id).where(*scope)
        .order_by(ApplicationEvent.application_id, ApplicationEvent.id).limit(200_000)).all()
    spans: dict[str, list[float]] = defaultdict(list)
    for (app_id, stage, when), nxt in zip(events, [*events[1:], None], strict=True):
        if nxt is not None and nxt[0] == app_id:
            spans[stage].append((nxt[2] - when) / dt.timedelta(days=1))
    time_in_stage = {s: round(sum(v) / len(v), 1) for s, v in spans.items() if v and s in PIPELINE}
    by_city = [(c, int(n)) for c, n in db.session.execute(
        select(Job.city, func.count(Application.id)).join(Application, Application.job_id == Job.id)
        .where(*scope).group_by(Job.city).order_by(func.count(Application.id).desc())).all()]
    by_category = [(c, int(n)) for c, n in db.session.execute(
        select(Job.category, func.count(Application.id)).join(Application, Application.job_id == Job.id)
        .where(*scope).group_by(Job.category).order_by(func.count(Application.id).desc())).all()]
    return Stats(per_job, funnel, time_in_stage, by_city, by_category, int(total))


# --- the audit log -------------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class AuditFilters:
    actor_id: int | None = None
    subject_id: int | None = None
    action: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    page: int = 1

    @classmethod
    def from_args(cls, args: t.Mapping[str, str]) -> AuditFilters:
        def number(name: str) -> int | None:
            try:
                value = int((args.get(name) or "").strip())
            except ValueError:
                return None
            return value if 0 < value < 2**31 else None

        def day(name: str) -> dt.date | None:
            try:
                return dt.date.fromisoformat((args.get(name) or "").strip())
            except ValueError:
                return None

        action = (args.get("action") or "").strip()[:60] or None
        return cls(number("actor_id"), number("subject_id"), action, day("date_from"), day("date_to"),
                   number("page") or 1)

    def as_args(self, **changes: t.Any) -> dict[str, t.Any]:
        data = dataclasses.asdict(self) | changes
        return {k: v for k, v in data.items() if v not in (None, "", 1) or (k == "page" and v != 1 and v)}


AUDIT_PAGE = 100


def audit_events(filters: AuditFilters) -> tuple[list[AuditEvent], bool]:
    where = []
    if filters.actor_id:
        where.append(AuditEvent.actor_id == filters.actor_id)
    if filters.subject_id:
        where.append(AuditEvent.subject_id == filters.subject_id)
    if filters.action:
        where.append(AuditEvent.action == filters.action)
    if filters.date_from:
        where.append(AuditEvent.created_dt >= dt.datetime.combine(filters.date_from, dt.time(), dt.UTC))
    if filters.date_to:
        where.append(AuditEvent.created_dt < dt.datetime.combine(filters.date_to + dt.timedelta(days=1), dt.time(), dt.UTC))
    rows = list(db.session.scalars(select(AuditEvent).where(*where)
                                   .order_by(AuditEvent.id.desc()).limit(AUDIT_PAGE + 1)
                                   .offset((filters.page - 1) * AUDIT_PAGE)))
    return rows[:AUDIT_PAGE], len(rows) > AUDIT_PAGE


def audit_actions() -> list[str]:
    return list(db.session.scalars(select(AuditEvent.action).distinct().order_by(AuditEvent.action)))


def recruiters() -> list[t.Any]:
    from auth.models import User

    return list(db.session.scalars(select(User).where(User.role == "recruiter").order_by(User.id)))


def display_names(user: t.Any, candidate_ids: list[int]) -> dict[int, str | None]:
    """Names for a list of candidates, ``None`` where blind screening hides the identity."""
    if not candidate_ids:
        return {}
    departments = recruiter_departments(user)
    where = [Application.candidate_id.in_(candidate_ids), Application.stage != "withdrawn",
             or_(Job.is_blind_screening.is_(False), Application.passed_screening_dt.is_not(None))]
    if departments is not None:
        where.append(Job.department.in_(sorted(departments)))
    revealed = set(db.session.scalars(select(Application.candidate_id).join(Job, Job.id == Application.job_id)
                                      .where(*where).distinct()))
    names = dict(db.session.execute(select(Profile.user_id, Profile.name).where(Profile.user_id.in_(revealed))).all())
    return {i: names.get(i) if i in revealed else None for i in candidate_ids}
