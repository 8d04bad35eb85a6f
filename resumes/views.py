"""Candidate pages: my resumes (upload, progress, download), my profile (view, edit,
confirm, update from a newer resume).  Everything here is the signed-in candidate's own
data; another candidate's ids give 404."""

from __future__ import annotations

import time
import typing as t

from flask import Blueprint, abort, current_app, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy.exc import OperationalError

from core.access import roles
from core.db import db
from resumes import operations as ops
from resumes.downloads import send_resume
from resumes.errors import FileUnreadable, ProfileInvalid, StorageUnavailable, UploadRejected, message_for
from resumes.forms import (
    ConfirmForm,
    ProfileForm,
    UploadForm,
    apply_editor_op,
    data_to_formdata,
    form_to_data,
    make_update_form,
)
from resumes.jobs import get_dispatcher
from resumes.models import Resume
from resumes.profiledata import ProfileData, differences, from_parsed, from_profile, merge, source_for
from resumes.queries import (
    STEP_OF,
    STEPS,
    latest_parsed_resume,
    latest_resume,
    own_resume_or_404,
    pending_update_offer,
    processing_consent,
    profile_of,
    resumes_of,
)

bp = Blueprint("resumes", __name__, url_prefix="/me")

UPLOAD_ATTEMPTS = 5  # SQLite only: concurrent uploads of one candidate are run again (upload())

STAGE_LABELS = {
    "queued": _l("Waiting to start"),
    "reading": _l("Reading the file"),
    "sections": _l("Finding sections"),
    "fields": _l("Reading fields"),
    "done": _l("Done"),
    "failed": _l("Could not read the file"),
}
FIELD_LABELS = {
    "name": _l("Name"), "gender": _l("Gender"), "birth_date": _l("Date of birth"),
    "native_place": _l("Native place (籍贯)"), "email": _l("E-mail"), "phone": _l("Phone"),
    "city": _l("Current city"), "summary": _l("About you"), "education": _l("Education"),
    "work": _l("Work experience"), "skills": _l("Skills"),
}
SOURCE_KEYS = {
    "name": ("basics.name",), "gender": ("basics.gender",), "birth_date": ("basics.birthDate",),
    "native_place": ("basics.nativePlace",), "email": ("basics.email",), "phone": ("basics.phone",),
    "city": ("basics.location.city", "basics.city"), "summary": ("basics.summary",),
    "skills": ("skills", "skills[0].name", "skills[0]"),
}


@bp.before_request
def _start_jobs() -> None:
    # The local runner picks up parses left waiting by a previous run, the first time
    # these pages are used in this process (never at start-up).
    get_dispatcher().start()


def _status_payload(resume: Resume) -> dict[str, t.Any]:
    step = STEP_OF.get(resume.status, 0)
    return {
        "id": resume.id,
        "status": resume.status,
        "label": str(STAGE_LABELS.get(resume.status, resume.status)),
        "step": step,
        "steps": STEPS,
        "percent": int(100 * step / STEPS) if resume.status != "queued" else 5,
        "finished": resume.is_finished,
        "failed": resume.status == "failed",
        "message": message_for(resume.error_code) if resume.status == "failed" else None,
        "next_url": _next_url(resume) if resume.status == "done" else None,
    }


def _next_url(resume: Resume) -> str:
    """After a parse: the editor, or, when there is a profile already, the update offer."""
    if profile_of(resume.user_id) is not None:
        return url_for("resumes.profile_update", resume_id=resume.id)
    return url_for("resumes.profile_edit")


# --- resumes ---------------------------------------------------------------------------

def _optional_url(endpoint: str) -> str | None:
    """A link into a package this one does not depend on (the privacy centre), if installed."""
    return url_for(endpoint) if endpoint in current_app.view_functions else None


def _render_list(form: UploadForm, error: str | None = None, status: int = 200) -> t.Any:
    return render_template("resumes/list.html", form=form, resumes=resumes_of(current_user.id),
                           profile=profile_of(current_user.id), error=error, status_payload=_status_payload,
                           labels=STAGE_LABELS, confirm_form=ConfirmForm(),
                           consent=processing_consent(current_user.id),
                           privacy_url=_optional_url("privacy.centre"),
                           policy_url=url_for("auth.policy")), status


@bp.get("/resumes")
@roles("candidate")
def resume_list() -> t.Any:
    return _render_list(UploadForm())


@bp.post("/resumes")
@roles("candidate")
def upload() -> t.Any:
    form = UploadForm()
    if not form.validate_on_submit():
        return _render_list(form, message_for("no_file"), 400)
    file = request.files.get("file")
    if file is None or not file.filename:
        return _render_list(form, message_for("no_file"), 400)
    for attempt in range(UPLOAD_ATTEMPTS):
        try:
            resume = ops.upload_resume(current_user, file, consent=bool(form.consent.data))
            db.session.commit()
            break
        except UploadRejected as exc:
            db.session.rollback()
            return _render_list(form, exc.message, 400)
        except StorageUnavailable:
            db.session.rollback()
            return _render_list(form, message_for("storage_unavailable"), 503)
        except OperationalError:
            # SQLite: another upload of this candidate wrote first (see auth.operations.lock_account);
            # start again from the file's first byte: this attempt sees that one's row.
            db.session.rollback()
            if db.engine.dialect.name != "sqlite":
                raise
            if attempt == UPLOAD_ATTEMPTS - 1:
                return _render_list(form, message_for("busy"), 503)
            file.stream.seek(0)
            time.sleep(0.05 * (attempt + 1))
    return redirect(url_for("resumes.resume_detail", resume_id=resume.id))


@bp.get("/resumes/<int:resume_id>")
@roles("candidate")
def resume_detail(resume_id: int) -> t.Any:
    resume = own_resume_or_404(current_user, resume_id)
    return render_template("resumes/progress.html", resume=resume, payload=_status_payload(resume),
                           labels=STAGE_LABELS, confirm_form=ConfirmForm())


@bp.get("/resumes/<int:resume_id>/status")
@roles("candidate")
def resume_status(resume_id: int) -> t.Any:
    resume = own_resume_or_404(current_user, resume_id)
    response = jsonify(_status_payload(resume))
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/resumes/<int:resume_id>/download")
@roles("candidate")
def download(resume_id: int) -> t.Any:
    resume = own_resume_or_404(current_user, resume_id)
    try:
        file = ops.get_resume_for_download(current_user, resume)
    except FileUnreadable as exc:
        db.session.rollback()
        return _render_list(UploadForm(), exc.message, 410)
    except StorageUnavailable:
        db.session.rollback()
        abort(503)
    db.session.commit()
    return send_resume(file)


@bp.post("/resumes/<int:resume_id>/delete")
@roles("candidate")
def delete(resume_id: int) -> t.Any:
    resume = own_resume_or_404(current_user, resume_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    ops.delete_resume(current_user, resume)
    db.session.commit()
    flash(_("The resume was deleted."), "success")
    return redirect(url_for("resumes.resume_list"))


@bp.post("/resumes/<int:resume_id>/retry")
@roles("candidate")
def retry(resume_id: int) -> t.Any:
    resume = own_resume_or_404(current_user, resume_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    ops.retry_parse(current_user, resume)
    db.session.commit()
    return redirect(url_for("resumes.resume_detail", resume_id=resume.id))


# --- profile ---------------------------------------------------------------------------

@bp.get("/profile")
@roles("candidate")
def profile() -> t.Any:
    profile = profile_of(current_user.id)
    return render_template("resumes/profile.html", profile=profile,
                           offer=pending_update_offer(current_user.id, profile),
                           latest=latest_resume(current_user.id), labels=FIELD_LABELS,
                           stage_labels=STAGE_LABELS, confirm_form=ConfirmForm())


def _sources(resume: Resume | None) -> dict[str, t.Any]:
    if resume is None:
        return {}
    sources = ops.parsed_result(resume).get("sources")
    return sources if isinstance(sources, dict) else {}


def _source_resume(raw: t.Any) -> Resume | None:
    try:
        resume_id = int(raw)
    except (TypeError, ValueError):
        return None
    resume = db.session.get(Resume, resume_id)
    return resume if resume is not None and resume.user_id == current_user.id else None


def _render_editor(data: ProfileData, source: Resume | None, *, errors: dict[str, str] | None = None,
                   notice: str | None = None, status: int = 200) -> t.Any:
    form = ProfileForm(formdata=None, data=data_to_formdata(data, source.id if source else None))
    sources = _sources(source)

    def snippet(field: str) -> str | None:
        return source_for(sources, *SOURCE_KEYS.get(field, ()))

    def entry_snippet(ref: str | None, *fields: str) -> str | None:
        if not ref:
            return None
        return source_for(sources, *[f"{ref}.{f}" for f in fields], ref)

    return render_template("resumes/profile_edit.html", form=form, errors=errors or {}, notice=notice,
                           source=source, snippet=snippet, entry_snippet=entry_snippet,
                           profile=profile_of(current_user.id)), status


@bp.get("/profile/edit")
@roles("candidate")
def profile_edit() -> t.Any:
    profile = profile_of(current_user.id)
    if profile is not None:
        source = _source_resume(profile.source_resume_id)
        return _render_editor(from_profile(profile), source)
    parsed = latest_parsed_resume(current_user.id)
    if parsed is not None:
        return _render_editor(from_parsed(ops.parsed_result(parsed).get("resume") or {}), parsed,
                              notice=_("We filled in what we read from your resume. Check each field "
                                       "against the text it came from, correct it, then confirm."))
    return _render_editor(ProfileData(), None)


@bp.post("/profile/edit")
@roles("candidate")
def profile_edit_post() -> t.Any:
    form = ProfileForm()
    source = _source_resume(form.source_resume_id.data)
    if not form.validate():
        return _render_editor(form_to_data(form), source, errors=_form_errors(form), status=400)
    data = form_to_data(form)
    op = request.form.get("op", "save")
    if op in ("save", "confirm"):
        try:
            ops.save_profile(current_user, data, confirm=op == "confirm", source_resume=source)
            db.session.commit()
        except ProfileInvalid as exc:
            db.session.rollback()
            return _render_editor(data, source, errors=exc.errors,
                                  notice=_("Some fields need your attention."), status=400)
        flash(_("Your profile is confirmed.") if op == "confirm" else _("Your profile was saved as a draft."),
              "success")
        return redirect(url_for("resumes.profile"))
    apply_editor_op(data, op)
    return _render_editor(data, source)


def _form_errors(form: ProfileForm) -> dict[str, str]:
    errors: dict[str, str] = {}
    for field in form:
        if field.id == "csrf_token":
            if field.errors:
                abort(400)
            continue
        subfields = [sub for entry in field for sub in entry.form] if field.type == "FieldList" else [field]
        for sub in subfields:
            if sub.errors:
                errors[sub.id] = str(sub.errors[0])
    return errors


def _update_parts(resume: Resume) -> tuple[ProfileData, ProfileData, list[str], list[str]]:
    profile = profile_of(current_user.id)
    mine = from_profile(profile) if profile is not None else ProfileData()
    new = from_parsed(ops.parsed_result(resume).get("resume") or {})
    fields, lists = differences(mine, new)
    return mine, new, fields, lists


@bp.route("/profile/update/<int:resume_id>", methods=["GET", "POST"])
@roles("candidate")
def profile_update(resume_id: int) -> t.Any:
    resume = own_resume_or_404(current_user, resume_id)
    if resume.status != "done":
        abort(404)
    mine, new, fields, lists = _update_parts(resume)
    defaults = {f: ("mine" if getattr(mine, f) else "new") for f in fields}
    defaults |= {name: ("mine" if getattr(mine, name) else "new") for name in lists}
    form = make_update_form(fields, lists, defaults)
    if request.method == "POST" and form.validate_on_submit():
        choices = {name: form[f"take_{name}"].data for name in fields + lists}
        merged = merge(mine, new, choices)
        return _render_editor(merged, resume, notice=_("Nothing is saved yet: check the result and confirm it."))
    return render_template("resumes/profile_update.html", resume=resume, form=form, fields=fields, lists=lists,
                           mine=mine, new=new, labels=FIELD_LABELS, dismiss_form=ConfirmForm())


@bp.post("/profile/update/<int:resume_id>/dismiss")
@roles("candidate")
def dismiss_update(resume_id: int) -> t.Any:
    resume = own_resume_or_404(current_user, resume_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    ops.dismiss_profile_offer(current_user, resume)
    db.session.commit()
    flash(_("Your profile stays as it is."), "success")
    return redirect(url_for("resumes.profile"))
