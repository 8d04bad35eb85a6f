"""The recruiter workspace (/recruit): openings, pipelines, candidate search, candidate
pages, statistics; for admins also the audit log and recruiters' departments.

Every object is looked up through ``careers.permissions`` (404 outside the user's
departments); every look at a candidate's data is audited.
"""

from __future__ import annotations

import csv
import io
import typing as t

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale, ngettext
from flask_babel import gettext as _
from flask_login import current_user

from careers import errors, workspace
from careers import operations as ops
from careers.catalog import CATEGORIES, CITIES, DEPARTMENTS
from careers.forms import (
    DEGREE_NAMES,
    GENDER_NAMES,
    JOB_STATUS_NAMES,
    REASON_NAMES,
    STAGE_NAMES,
    DepartmentsForm,
    JobForm,
    JobStatusForm,
    MoveForm,
    NoteForm,
    choices,
)
from careers.models import PIPELINE, STAGES
from careers.permissions import application_or_404, candidate_or_404, job_or_404, recruiter_departments
from careers.search import CandidateQuery, search_candidates
from core.access import roles
from core.db import db
from core.urls import safe_next
from resumes.models import DEGREES

bp = Blueprint("recruit", __name__, url_prefix="/recruit")
STAFF = ("recruiter", "admin")


@bp.context_processor
def vocabularies() -> dict[str, t.Any]:
    # Labels translated once per request (lists show them on every row).
    return {"categories": CATEGORIES, "departments": DEPARTMENTS, "cities": CITIES,
            "stage_names": {k: str(v) for k, v in STAGE_NAMES.items()},
            "reason_names": {k: str(v) for k, v in REASON_NAMES.items()}, "pipeline_stages": PIPELINE, "locale": str(get_locale()),
            "degrees": DEGREES, "job_status_names": JOB_STATUS_NAMES,
            "degree_names": DEGREE_NAMES, "gender_names": GENDER_NAMES}


@bp.get("/")
@roles(*STAFF)
def index() -> t.Any:
    status = request.args.get("status")
    status = status if status in ("draft", "published", "closed") else None
    return render_template("careers/recruit/index.html", jobs=workspace.jobs_in_scope(current_user, status),
                           status=status, my_departments=recruiter_departments(current_user))


@bp.route("/jobs/new", methods=["GET", "POST"])
@roles(*STAFF)
def job_new() -> t.Any:
    form = JobForm(departments=recruiter_departments(current_user))
    if form.validate_on_submit():
        job = ops.save_job(current_user, None, form.data)
        db.session.commit()
        flash(_("The opening was saved as a draft."), "success")
        return redirect(url_for("recruit.pipeline", job_id=job.id))
    return render_template("careers/recruit/job_form.html", form=form, job=None)


@bp.route("/jobs/<int:job_id>/edit", methods=["GET", "POST"])
@roles(*STAFF)
def job_edit(job_id: int) -> t.Any:
    job = job_or_404(current_user, job_id)
    form = JobForm(obj=job, departments=recruiter_departments(current_user))
    if form.validate_on_submit():
        ops.save_job(current_user, job, form.data)
        db.session.commit()
        flash(_("The opening was saved."), "success")
        return redirect(url_for("recruit.pipeline", job_id=job.id))
    return render_template("careers/recruit/job_form.html", form=form, job=job)


@bp.post("/jobs/<int:job_id>/status")
@roles(*STAFF)
def job_status(job_id: int) -> t.Any:
    job = job_or_404(current_user, job_id)
    form = JobStatusForm()
    if not form.validate_on_submit():
        abort(400)
    if ops.change_job_status(current_user, job, form.action.data):
        db.session.commit()
        flash(_("The opening is now %(status)s.", status=JOB_STATUS_NAMES[job.status]), "success")
    else:
        flash(_("That change is not possible for this opening."), "error")
    return redirect(url_for("recruit.pipeline", job_id=job.id))


@bp.get("/jobs/<int:job_id>")
@roles(*STAFF)
def pipeline(job_id: int) -> t.Any:
    job = job_or_404(current_user, job_id)
    stage = request.args.get("stage")
    stage = stage if stage in STAGES else None
    try:
        page = max(1, int(request.args.get("page", "1")))
    except ValueError:
        page = 1
    rows, counts, pages = workspace.pipeline(job, stage, page)
    form = MoveForm()
    form.application_ids.choices = choices((r.application.id, str(r.application.id)) for r in rows)
    labels: dict[int, str] = {}

    def years_label(n: int) -> str:  # one translation per distinct value, not per row
        if n not in labels:
            labels[n] = ngettext("%(num)d year", "%(num)d years", n)
        return labels[n]

    return render_template("careers/recruit/pipeline.html", job=job, rows=rows, counts=counts, stage=stage,
                           page=min(page, pages), pages=pages, form=form, status_form=JobStatusForm(),
                           years_label=years_label)


@bp.post("/jobs/<int:job_id>/move")
@roles(*STAFF)
def move(job_id: int) -> t.Any:
    job = job_or_404(current_user, job_id)
    form = MoveForm()
    # Only this opening's applications can be chosen; ids from elsewhere are not choices.
    ids = []
    for raw in request.form.getlist("application_ids"):
        try:
            ids.append(int(raw))
        except ValueError:
            abort(400)
    applications = workspace.applications_by_ids(job, ids)
    form.application_ids.choices = choices((a.id, str(a.id)) for a in applications)
    if len(applications) != len(set(ids)):
        abort(404)
    if not form.validate_on_submit():
        for messages in form.errors.values():
            for message in messages:
                flash(message, "error")
        return redirect(url_for("recruit.pipeline", job_id=job.id))
    try:
        moved = ops.move_applications(current_user, applications, form.to_stage.data,
                                      message=form.message.data or "", reason=form.reason.data or None)
    except (errors.InvalidTransition, errors.ReasonRequired):
        abort(400)
    db.session.commit()
    skipped = len(applications) - len(moved)
    flash(_("%(moved)d moved to %(stage)s; %(skipped)d unchanged.", moved=len(moved),
            stage=STAGE_NAMES[form.to_stage.data], skipped=skipped), "success")
    back = safe_next(request.form.get("back"), "")
    return redirect(back if back.startswith("/recruit/") else url_for("recruit.pipeline", job_id=job.id))


FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: t.Any) -> str:
    """A cell that a spreadsheet will not run as a formula (OWASP CSV injection)."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


@bp.get("/jobs/<int:job_id>/export.csv")
@roles(*STAFF)
def export(job_id: int) -> t.Any:
    job = job_or_404(current_user, job_id)
    rows, _counts, pages = workspace.pipeline(job, None, 1)
    for page in range(2, pages + 1):
        rows += workspace.pipeline(job, None, page)[0]
    ops.record_export(current_user, job, [r.application.candidate_id for r in rows])
    db.session.commit()
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["application_id", "candidate_id", "name", "stage", "applied", "degree", "graduation_year",
                     "experience_years", "rating", "note"])
    for r in rows:
        a = r.application
        writer.writerow([spreadsheet_safe(v) for v in (
            a.id, a.candidate_id, r.name if r.name is not None else "", a.stage, a.created_dt.date().isoformat(),
            DEGREES[r.degree_rank - 1] if r.degree_rank else "", r.graduation_year or "",
            r.experience_years if r.experience_years is not None else "", r.rating or "", a.note)])
    return Response("\ufeff" + out.getvalue(), mimetype="text/csv", headers={
        "Content-Disposition": f"attachment; filename=pipeline-{job.id}.csv", "Cache-Control": "no-store"})


@bp.get("/candidates")
@roles(*STAFF)
def search() -> t.Any:
    query = CandidateQuery.from_args(request.args)
    departments = recruiter_departments(current_user)
    result = search_candidates(query, departments)
    ids = [row.candidate_id for row, _score in result.items]
    names = workspace.display_names(current_user, ids)
    ops.record_search(current_user, ids, {k: v for k, v in query.as_args().items() if k != "q"})
    db.session.commit()
    jobs = workspace.job_choices(current_user)
    return render_template("careers/recruit/search.html", query=query, result=result, names=names, jobs=jobs,
                           stages=STAGES)


@bp.get("/candidates/<int:candidate_id>")
@roles(*STAFF)
def candidate(candidate_id: int) -> t.Any:
    candidate_or_404(current_user, candidate_id)
    card = workspace.candidate_card(current_user, candidate_id)
    ops.record_profile_view(current_user, candidate_id, blind=not card.identity_visible)
    db.session.commit()
    move_form = MoveForm()
    return render_template("careers/recruit/candidate.html", card=card, note_form=NoteForm(), move_form=move_form)


@bp.post("/candidates/<int:candidate_id>/notes")
@roles(*STAFF)
def add_note(candidate_id: int) -> t.Any:
    candidate_or_404(current_user, candidate_id)
    form = NoteForm()
    if form.validate_on_submit():
        ops.add_note(current_user, candidate_id, body=form.body.data or "",
                     rating=int(form.rating.data) if form.rating.data else None)
        db.session.commit()
        flash(_("Your note was saved."), "success")
    else:
        for messages in form.errors.values():
            for message in messages:
                flash(message, "error")
    return redirect(url_for("recruit.candidate", candidate_id=candidate_id))


@bp.get("/applications/<int:application_id>/resume")
@roles(*STAFF)
def resume(application_id: int) -> t.Any:
    """The resume a candidate sent with an application the recruiter may see, served by
    the resumes package (always as a download, never rendered on this origin)."""
    from resumes.downloads import send_resume
    from resumes.errors import StorageUnavailable

    application = application_or_404(current_user, application_id)
    if workspace.identity_hidden(application.job, application):
        abort(404)  # blind screening: the file shows name, photo and the rest
    try:
        file = ops.open_resume(current_user, application)
    except StorageUnavailable:
        db.session.rollback()
        abort(503)
    if file is None:
        abort(404)
    db.session.commit()
    return send_resume(file)


@bp.get("/stats")
@roles(*STAFF)
def stats() -> t.Any:
    return render_template("careers/recruit/stats.html", stats=workspace.statistics(current_user))


@bp.get("/audit")
@roles("admin")
def audit_log() -> t.Any:
    filters = workspace.AuditFilters.from_args(request.args)
    events, more = workspace.audit_events(filters)
    return render_template("careers/recruit/audit.html", filters=filters, events=events, more=more,
                           actions=workspace.audit_actions())


@bp.get("/recruiters")
@roles("admin")
def recruiters() -> t.Any:
    people = workspace.recruiters()
    forms = {}
    for person in people:
        form = DepartmentsForm(prefix=f"r{person.id}")
        form.departments.data = list(person.departments or [])
        forms[person.id] = form
    return render_template("careers/recruit/recruiters.html", people=people, forms=forms)


@bp.post("/recruiters/<int:user_id>")
@roles("admin")
def set_departments(user_id: int) -> t.Any:
    from auth.models import User

    person = db.get_or_404(User, user_id)
    if person.role != "recruiter":
        abort(404)
    form = DepartmentsForm(prefix=f"r{person.id}")
    if not form.validate_on_submit():
        abort(400)
    ops.set_recruiter_departments(current_user, person, form.departments.data or [])
    db.session.commit()
    flash(_("Departments saved."), "success")
    return redirect(url_for("recruit.recruiters"))
