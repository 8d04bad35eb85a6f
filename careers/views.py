"""The public job board and the applicant's pages (apply, my applications, withdraw)."""

from __future__ import annotations

import time
import typing as t

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.exc import OperationalError

from careers import errors, pagecache
from careers.catalog import CATEGORIES, CITIES, DEPARTMENTS
from careers.forms import EmptyForm
from careers.models import Job
from careers.queries import JobFilters, search_jobs
from core.access import public, roles
from core.db import db

bp = Blueprint("careers", __name__)
bp.record_once(lambda state: pagecache.init_app(state.app))
APPLY_ATTEMPTS = 8


@bp.get("/")
@public
def index() -> t.Any:
    return job_list()


@bp.get("/jobs")
@public
@pagecache.anonymous_page
def job_list() -> t.Any:
    filters = JobFilters.from_args(request.args)
    result = search_jobs(filters, per_page=current_app.config["JOBS_PER_PAGE"])
    # Labels translated once per page, not once per mention (20 cards and 3 facets).
    return render_template(
        "careers/job_list.html", filters=filters, result=result, locale=str(get_locale()),
        categories=_translated(CATEGORIES), departments=_translated(DEPARTMENTS), cities=_translated(CITIES),
    )


def _translated(vocabulary: t.Mapping[str, t.Any]) -> dict[str, str]:
    return {code: str(label) for code, label in vocabulary.items()}


def _public_job(job_id: int) -> Job:
    job = db.get_or_404(Job, job_id)
    if not job.is_public:
        abort(404)
    return job


@bp.get("/jobs/<int:job_id>")
@public
@pagecache.anonymous_page
def job_detail(job_id: int) -> t.Any:
    job = _public_job(job_id)
    return render_template("careers/job_detail.html", job=job, locale=str(get_locale()),
                           categories=CATEGORIES, departments=DEPARTMENTS, cities=CITIES)


@bp.route("/jobs/<int:job_id>/apply", methods=["GET", "POST"])
@roles("candidate")
def apply(job_id: int) -> t.Any:
    from careers.forms import ApplyForm, choices
    from careers.operations import active_application, confirmed_profile, submit_application
    from careers.workspace import candidate_resumes

    job = _public_job(job_id)
    existing = active_application(current_user.id, job.id)
    if existing is not None:
        flash(_("You have already applied to this opening. Here is where your application stands."), "info")
        return redirect(url_for("careers.my_applications", _anchor=f"application-{existing.id}"))
    profile = confirmed_profile(current_user.id)
    resumes = candidate_resumes(current_user.id)
    form = ApplyForm()
    form.resume_id.choices = choices((r.id, r.original_name) for r in resumes)
    if profile is None or not resumes:
        return render_template("careers/apply.html", job=job, form=None, profile=profile, resumes=resumes,
                               locale=str(get_locale()))
    if form.validate_on_submit():
        for attempt in range(APPLY_ATTEMPTS):
            try:
                application, created = submit_application(
                    current_user, job, resume_id=form.resume_id.data, note=form.note.data or "",
                    consent=bool(form.consent.data))
                db.session.commit()
                break
            except OperationalError:
                # SQLite: a concurrent submission (double click, two tabs) held the write
                # lock, or committed after this transaction's first read ("database is
                # locked"); start again: the next attempt finds it.
                db.session.rollback()
                if attempt == APPLY_ATTEMPTS - 1 or db.engine.dialect.name != "sqlite":
                    raise
                time.sleep(0.02 * (attempt + 1))
            except errors.CareersError:
                abort(409)
        if created:
            flash(_("Your application was sent. You can follow it here."), "success")
        else:
            flash(_("You have already applied to this opening. Here is where your application stands."), "info")
        return redirect(url_for("careers.my_applications", _anchor=f"application-{application.id}"))
    return render_template("careers/apply.html", job=job, form=form, profile=profile, resumes=resumes,
                           locale=str(get_locale())), (400 if request.method == "POST" else 200)


@bp.get("/me/applications")
@roles("candidate")
def my_applications() -> t.Any:
    from careers.forms import REASON_NAMES, STAGE_NAMES
    from careers.workspace import my_applications as load

    return render_template("careers/my_applications.html", applications=load(current_user.id), form=EmptyForm(),
                           locale=str(get_locale()), stage_names=STAGE_NAMES, reason_names=REASON_NAMES)


@bp.post("/me/applications/<int:application_id>/withdraw")
@roles("candidate")
def withdraw(application_id: int) -> t.Any:
    from careers.operations import withdraw_application
    from careers.permissions import application_or_404

    application = application_or_404(current_user, application_id)
    form = EmptyForm()
    if not form.validate_on_submit():
        abort(400)
    if withdraw_application(current_user, application):
        db.session.commit()
        flash(_("Your application was withdrawn."), "success")
    return redirect(url_for("careers.my_applications", _anchor=f"application-{application.id}"))


@bp.app_template_filter("localdate")
def localdate(value: t.Any) -> str:
    """The date (ISO, YYYY-MM-DD) of a UTC datetime in the site's time zone: the same in
    both languages, and cheap enough for long lists."""
    if not value:
        return ""
    from zoneinfo import ZoneInfo

    zone = ZoneInfo(current_app.config.get("BABEL_DEFAULT_TIMEZONE") or "Asia/Shanghai")
    return value.astimezone(zone).date().isoformat() if hasattr(value, "astimezone") else str(value)


@bp.app_template_global()
def candidate_stage_name(stage: str) -> str:
    """A stage in the plain words the candidate reads (received, under review, ...)."""
    from careers.models import CANDIDATE_LABELS
    from notifications.texts import STAGE_LABELS

    return str(STAGE_LABELS[CANDIDATE_LABELS[stage]])


@bp.app_template_global()
def stage_label(application: t.Any) -> str:
    return candidate_stage_name(application.stage)


@bp.app_template_global()
def profile_url() -> str:
    """The candidate's profile page (the resumes package), or its planned path."""
    from werkzeug.routing import BuildError

    for endpoint in ("resumes.profile", "resumes.profile_edit", "resumes.index"):
        try:
            return url_for(endpoint)
        except BuildError:
            continue
    return "/me/profile"
