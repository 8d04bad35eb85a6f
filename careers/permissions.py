"""Who may see what in the recruiter workspace (data-level rules; the function-level rule
of each view is its ``core.access`` decorator).

* An admin sees every opening and candidate.
* A recruiter sees the openings of the departments assigned to them, and the candidates
  with a (not withdrawn) application to one of those openings.
* A candidate sees only their own applications.

Objects outside these rules raise ``core.access.NotYours``: answered with 404, the same as
objects that do not exist, and logged as a refusal (ids only).
"""

from __future__ import annotations

import typing as t

from sqlalchemy import exists, select

from careers.models import Application, Job
from core.access import NotYours
from core.db import db


def _refuse(user: t.Any, kind: str, object_id: int) -> t.NoReturn:
    """404, and a log line (ids only) so that refused attempts can be reviewed."""
    raise NotYours(kind, object_id)


def recruiter_departments(user: t.Any) -> set[str] | None:
    """The department codes ``user`` may see; ``None`` means all (admins)."""
    if getattr(user, "role", None) == "admin":
        return None
    if getattr(user, "role", None) != "recruiter":
        return set()
    for name in ("department_codes", "departments"):
        value = getattr(user, name, None)
        if value is not None:
            if isinstance(value, str):
                return {v.strip() for v in value.split(",") if v.strip()}
            return {getattr(v, "code", v) for v in value}
    return set()


def can_see_job(user: t.Any, job: Job) -> bool:
    departments = recruiter_departments(user)
    return departments is None or job.department in departments


def can_see_application(user: t.Any, application: Application) -> bool:
    if getattr(user, "role", None) == "candidate":
        return application.candidate_id == user.id
    if application.stage == "withdrawn":
        return False
    return can_see_job(user, application.job)


def can_see_candidate(user: t.Any, candidate_id: int) -> bool:
    if getattr(user, "role", None) == "candidate":
        return candidate_id == user.id
    departments = recruiter_departments(user)
    conditions = [Application.candidate_id == candidate_id, Application.stage != "withdrawn"]
    if departments is not None:
        if not departments:
            return False
        conditions.append(Job.department.in_(sorted(departments)))
    return bool(db.session.scalar(select(exists(
        select(Application.id).join(Job, Job.id == Application.job_id).where(*conditions)))))


def job_or_404(user: t.Any, job_id: int) -> Job:
    job = db.get_or_404(Job, job_id)
    if not can_see_job(user, job):
        _refuse(user, "job", job_id)
    return job


def application_or_404(user: t.Any, application_id: int) -> Application:
    application = db.get_or_404(Application, application_id)
    if not can_see_application(user, application):
        _refuse(user, "application", application_id)
    return application


def candidate_or_404(user: t.Any, candidate_id: int) -> int:
    if not can_see_candidate(user, candidate_id):
        _refuse(user, "candidate", candidate_id)
    return candidate_id
