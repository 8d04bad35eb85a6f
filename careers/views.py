"""The public job board."""

from __future__ import annotations

import typing as t

from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for
from flask_babel import get_locale

from careers.catalog import CATEGORIES, CITIES, DEPARTMENTS
from careers.models import Job
from careers.queries import JobFilters, search_jobs
from core.access import public, signed_in
from core.db import db

bp = Blueprint("careers", __name__)


@bp.get("/")
@public
def index() -> t.Any:
    return job_list()


@bp.get("/jobs")
@public
def job_list() -> t.Any:
    filters = JobFilters.from_args(request.args)
    result = search_jobs(filters, per_page=current_app.config["JOBS_PER_PAGE"])
    return render_template(
        "careers/job_list.html", filters=filters, result=result, locale=str(get_locale()),
        categories=CATEGORIES, departments=DEPARTMENTS, cities=CITIES,
    )


def _public_job(job_id: int) -> Job:
    job = db.get_or_404(Job, job_id)
    if not job.is_public:
        abort(404)
    return job


@bp.get("/jobs/<int:job_id>")
@public
def job_detail(job_id: int) -> t.Any:
    job = _public_job(job_id)
    return render_template("careers/job_detail.html", job=job, locale=str(get_locale()),
                           categories=CATEGORIES, departments=DEPARTMENTS, cities=CITIES)


@bp.get("/jobs/<int:job_id>/apply")
@signed_in
def apply(job_id: int) -> t.Any:
    job = _public_job(job_id)
    return redirect(url_for("careers.job_detail", job_id=job.id))
