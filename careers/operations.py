"""Applications, the pipeline, openings, notes: the state-changing operations.

Each takes the acting user, flushes but never commits, and writes the audit log
(``core.audit.record``).  Notifications to candidates go into the inbox in the same
transaction; SMS and email leave after the commit (``notifications.operations``).
"""

from __future__ import annotations

import typing as t

from sqlalchemy import inspect as sa_inspect
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from auth.operations import lock_account
from careers import errors
from careers.models import (
    CLOSED_STAGES,
    PASSED_SCREENING,
    PIPELINE,
    REJECTION_REASONS,
    Application,
    ApplicationEvent,
    CandidateNote,
    Job,
)
from careers.search import reindex_candidate
from core import audit
from core.db import db, utcnow
from core.processing import check_can_process  # privacy gate
from notifications.operations import notify
from resumes.models import Profile

MAX_NOTE = 2000
MAX_MESSAGE = 2000


class User(t.Protocol):
    id: int
    role: str


# --- applying ------------------------------------------------------------------------

def confirmed_profile(candidate_id: int) -> Profile | None:
    profile = db.session.scalar(select(Profile).where(Profile.user_id == candidate_id))
    return profile if profile is not None and profile.is_confirmed else None


def active_application(candidate_id: int, job_id: int) -> Application | None:
    return db.session.scalar(select(Application).where(
        Application.candidate_id == candidate_id, Application.job_id == job_id,
        Application.stage.not_in(CLOSED_STAGES)))


def record_share_consent(candidate: User, job: Job) -> None:
    """The candidate agreed to share their profile with this opening's team: the one place
    that writes it to auth's consent ledger (which also audits it)."""
    from auth.operations import give_consent
    from auth.policy import current_version

    give_consent(candidate, f"share_with_job:{job.id}",  # type: ignore[arg-type]
                 policy_version=current_version(), channel="web")


def _contact(profile: Profile | None) -> dict[str, str | None]:
    if profile is None:
        return {"phone": None, "email": None}
    return {"phone": profile.phone, "email": profile.email}


def _job_params(job: Job) -> dict[str, t.Any]:
    return {"job_id": job.id, "job_title_zh": job.title_zh, "job_title_en": job.title_en}


def submit_application(candidate: User, job: Job, *, resume_id: int | None, note: str = "",
                       consent: bool) -> tuple[Application, bool]:
    """Apply ``candidate`` to ``job``; returns (application, created).

    A second submission (double click, two tabs, a race) returns the existing active
    application: the partial unique index decides, not a check in Python.
    """
    # First of all, before any read: wait for a concurrent submission of this candidate
    # (double click, two tabs) to commit, so that the check below sees it.  (The id from the
    # identity map: reading ``candidate.id`` could reload the row, and a transaction begun
    # with a read cannot become SQLite's writer once another one has committed.)
    lock_account(sa_inspect(candidate).identity[0])
    check_can_process(candidate, "apply")  # privacy: policy consent, withdrawn consent, minors
    if not job.is_public:
        raise errors.OpeningNotOpen()
    profile = confirmed_profile(candidate.id)
    if profile is None:
        raise errors.NoConfirmedProfile()
    if not consent:
        raise errors.ConsentRequired()
    existing = active_application(candidate.id, job.id)
    if existing is not None:
        return existing, False
    application = Application(job=job, candidate_id=candidate.id, resume_id=resume_id,
                              note=(note or "").strip()[:MAX_NOTE], stage="applied")
    try:
        with db.session.begin_nested():
            db.session.add(application)
            db.session.flush()
    except IntegrityError:
        existing = active_application(candidate.id, job.id)
        if existing is None:
            raise
        return existing, False
    db.session.add(ApplicationEvent(application_id=application.id, actor_id=candidate.id,
                                    from_stage=None, to_stage="applied"))
    record_share_consent(candidate, job)
    audit.record("application.submit", candidate, subject_id=candidate.id, object_type="application",
                 object_id=application.id, details={"job_id": job.id})
    notify(candidate.id, "application_received", _job_params(job) | {"label": "received"},
           link="/me/applications", **_contact(profile))
    reindex_candidate(candidate.id)
    return application, True


def withdraw_application(candidate: User, application: Application) -> bool:
    """The candidate withdraws; returns False if it was already closed."""
    if application.candidate_id != candidate.id:
        raise PermissionError("not the candidate's application")
    if application.stage in CLOSED_STAGES:
        return False
    previous = application.stage
    application.stage = "withdrawn"
    application.stage_dt = utcnow()
    db.session.add(ApplicationEvent(application_id=application.id, actor_id=candidate.id,
                                    from_stage=previous, to_stage="withdrawn"))
    audit.record("application.withdraw", candidate, subject_id=candidate.id, object_type="application",
                 object_id=application.id, details={"from": previous})
    notify(candidate.id, "application_withdrawn", _job_params(application.job) | {"label": "withdrawn"},
           link="/me/applications")
    db.session.flush()
    reindex_candidate(candidate.id)
    return True


# --- the pipeline --------------------------------------------------------------------

def can_move(application: Application, to_stage: str) -> bool:
    if application.stage in CLOSED_STAGES or to_stage == application.stage:
        return False
    return to_stage in PIPELINE or to_stage == "rejected"


def move_applications(actor: User, applications: t.Sequence[Application], to_stage: str, *,
                      message: str = "", reason: str | None = None) -> list[Application]:
    """Move one or many applications to ``to_stage`` (a pipeline stage or "rejected"),
    with an optional message to the candidates; returns those that moved.

    Applications that cannot move (closed, or already there) are skipped, not errors,
    so that a bulk move does what it can.
    """
    if to_stage not in PIPELINE and to_stage != "rejected":
        raise errors.InvalidTransition(to_stage)
    if to_stage == "rejected" and reason not in REJECTION_REASONS:
        raise errors.ReasonRequired()
    message = (message or "").strip()[:MAX_MESSAGE]
    now = utcnow()
    moved: list[Application] = []
    for application in applications:
        if not can_move(application, to_stage):
            continue
        previous = application.stage
        application.stage = to_stage
        application.stage_dt = now
        application.rejection_reason = reason if to_stage == "rejected" else None
        if to_stage in PASSED_SCREENING and application.passed_screening_dt is None:
            application.passed_screening_dt = now
        db.session.add(ApplicationEvent(application_id=application.id, actor_id=actor.id, from_stage=previous,
                                        to_stage=to_stage, message=message,
                                        reason=reason if to_stage == "rejected" else None))
        audit.record("application.stage", actor, subject_id=application.candidate_id, object_type="application",
                     object_id=application.id, details={"from": previous, "to": to_stage, "bulk": len(applications) > 1})
        profile = db.session.scalar(select(Profile).where(Profile.user_id == application.candidate_id))
        from careers.models import CANDIDATE_LABELS

        notify(application.candidate_id, "application_stage",
               _job_params(application.job) | {"label": CANDIDATE_LABELS[to_stage], "message": message},
               link="/me/applications", **_contact(profile))
        moved.append(application)
    db.session.flush()
    return moved


# --- notes and ratings ---------------------------------------------------------------

def add_note(actor: User, candidate_id: int, *, body: str, rating: int | None,
             application_id: int | None = None) -> CandidateNote:
    body = (body or "").strip()[:MAX_NOTE]
    if rating is not None and not 1 <= rating <= 5:
        raise ValueError("rating must be 1-5")
    if not body and rating is None:
        raise ValueError("empty note")
    note = CandidateNote(candidate_id=candidate_id, author_id=actor.id, body=body, rating=rating,
                         application_id=application_id)
    db.session.add(note)
    db.session.flush()
    audit.record("candidate.note", actor, subject_id=candidate_id, object_type="candidate_note",
                 object_id=note.id, details={"rating": rating})
    return note


# --- reads that are audited ----------------------------------------------------------

def record_profile_view(actor: User, candidate_id: int, *, blind: bool) -> None:
    audit.record("candidate.view", actor, subject_id=candidate_id, object_type="profile",
                 object_id=candidate_id, details={"blind": blind})


def record_search(actor: User, candidate_ids: list[int], filters: dict[str, t.Any]) -> None:
    """A search that showed candidates: which ones, and the filters (not the keywords,
    which may name a person)."""
    for candidate_id in candidate_ids:
        audit.record("candidate.search", actor, subject_id=candidate_id, object_type="search",
                     details={"filters": filters})


def record_export(actor: User, job: Job, candidate_ids: list[int]) -> None:
    audit.record("pipeline.export", actor, object_type="job", object_id=job.id,
                 details={"candidate_ids": candidate_ids})


# --- openings ------------------------------------------------------------------------

JOB_FIELDS = ("title_zh", "title_en", "description_zh", "description_en", "responsibilities_zh",
              "responsibilities_en", "requirements_zh", "requirements_en", "category", "department", "city",
              "headcount", "is_blind_screening")


def _next_reference() -> str:
    last = db.session.scalar(select(Job.id).order_by(Job.id.desc()).limit(1)) or 0
    return f"HZ-{last + 1:06d}"


def save_job(actor: User, job: Job | None, data: t.Mapping[str, t.Any]) -> Job:
    """Create (``job`` None, as a draft) or edit an opening from validated form data."""
    created = job is None
    old_department = None if job is None else job.department
    if job is None:
        job = Job(reference=_next_reference(), status="draft")
        db.session.add(job)
    for name in JOB_FIELDS:
        if name in data:
            value = data[name]
            setattr(job, name, value.strip() if isinstance(value, str) else value)
    job.update_search_text()
    db.session.flush()
    if old_department is not None and old_department != job.department:
        # The recruiter scope of this opening's candidates changed with it.
        for candidate_id in db.session.scalars(select(Application.candidate_id).where(Application.job_id == job.id)
                                               .distinct()):
            reindex_candidate(candidate_id)
    audit.record("job.create" if created else "job.edit", actor, object_type="job", object_id=job.id)
    return job


JOB_ACTIONS = {"publish": ("draft", "closed"), "close": ("published",), "reopen": ("closed",)}


def change_job_status(actor: User, job: Job, action: str) -> bool:
    allowed_from = JOB_ACTIONS.get(action)
    if allowed_from is None or job.status not in allowed_from:
        return False
    if action in ("publish", "reopen"):
        job.status = "published"
        job.published_dt = job.published_dt or utcnow()
        if action == "reopen":
            job.published_dt = utcnow()
    else:
        job.status = "closed"
    db.session.flush()
    audit.record(f"job.{action}", actor, object_type="job", object_id=job.id)
    return True


# --- resumes and recruiters (through the owning packages' operations) ----------------

def open_resume(actor: User, application: Application) -> t.Any:
    """The resume file sent with ``application``, from the resumes package (which audits
    the download with the purpose ``application:<id>``)."""
    from resumes.models import Resume
    from resumes.operations import get_resume_for_staff

    resume = db.session.get(Resume, application.resume_id) if application.resume_id else None
    if resume is None or resume.user_id != application.candidate_id:
        return None
    return get_resume_for_staff(actor, resume, purpose=f"application:{application.id}")


def set_recruiter_departments(actor: User, recruiter: t.Any, departments: t.Sequence[str]) -> None:
    """An admin assigns a recruiter's departments (auth's operation when it has one)."""
    from careers.catalog import DEPARTMENTS

    codes = sorted({d for d in departments if d in DEPARTMENTS})
    try:
        from auth import operations as auth_ops  # type: ignore[attr-defined]
    except ImportError:
        auth_ops = None
    setter = getattr(auth_ops, "set_recruiter_departments", None)
    if setter is not None:
        setter(actor, recruiter, codes)
        return
    previous = list(recruiter.departments or [])
    recruiter.departments = codes
    db.session.flush()
    audit.record("recruiter.departments", actor, object_type="user", object_id=recruiter.id,
                 details={"from": previous, "to": codes})
