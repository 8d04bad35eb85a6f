"""The privacy centre (/privacy/...), the policy and cookie pages, the re-consent gate.

HTTP only: parse, authorise, call one operation, commit, render or redirect.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
import typing as t

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, send_file, session, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from auth import operations as auth_ops
from auth import policy as auth_policy
from auth import sessions, sms
from auth.errors import CodeInvalid, CodeRefused, GuardianNumberRefused
from auth.phones import InvalidPhone, normalize
from core.access import NotYours, public, roles
from core.db import db, utcnow
from core.extensions import limiter
from core.processing import ProcessingRefused, register_check
from privacy import consents, hooks, operations, policy, queries, rules  # noqa: F401 (hooks: listeners)
from privacy.erasure import erasure_preview
from privacy.errors import ExportRateLimited, ExportUnavailable, ReauthRequired, UnknownPurpose
from privacy.export import request_export, take_download
from privacy.forms import ActionForm, CancelForm, CodeForm, ConsentForm, PhoneForm, WithdrawForm
from privacy.models import DataExport, ErasureRecord
from privacy.settings import setting
from privacy.tasks import dispatch_export

logger = logging.getLogger(__name__)

bp = Blueprint("privacy", __name__, url_prefix="/privacy")

REAUTH_KEY = "privacy_reauth"
GUARDIAN_KEY = "privacy_guardian"
RECEIPT_KEY = "privacy_receipt"
REAUTH_MINUTES = 10
EXPORT_ATTEMPTS = 8  # SQLite only: tries when a parallel request holds the write lock
# Pages a candidate may still open while a new material policy version waits for consent.
RECONSENT_OPEN = ("privacy.", "auth.", "core.", "static", "wechat_standin.")


@bp.record_once
def _register(state: t.Any) -> None:
    register_check(state.app, rules.check_can_process)
    auth_policy.register_source(state.app, policy.versions_for_auth)  # sign-ups consent to the newest version


@bp.before_app_request
def ask_for_reconsent() -> t.Any:
    """At the next visit after a material policy change, the candidate is asked to agree."""
    endpoint = request.endpoint or ""
    if request.method != "GET" or endpoint.startswith(RECONSENT_OPEN) or endpoint == "static":
        return None
    if not current_user.is_authenticated or getattr(current_user, "role", None) != "candidate":
        return None
    if request.accept_mimetypes and not request.accept_mimetypes.accept_html:
        return None  # JSON polling: the operations refuse instead
    if policy.needs_reconsent(current_user):
        return redirect(url_for("privacy.consent", next=request.full_path.rstrip("?")))
    return None


def _user() -> t.Any:
    return current_user._get_current_object()  # type: ignore[attr-defined]


def _locale() -> str:
    return "en" if str(get_locale()) == "en" else "zh_Hans"


# --- public pages ------------------------------------------------------------------------------

@bp.get("/policy")
@public
def policy_page() -> t.Any:
    return _render_policy(policy.current_version())


@bp.get("/policy/<version>")
@public
def policy_version(version: str) -> t.Any:
    if version not in policy.all_versions():
        abort(404)
    return _render_policy(version)


def _render_policy(version: str) -> t.Any:
    template = policy.template_name(version, _locale())
    if template is None:
        abort(404)
    return render_template("privacy/policy.html", body_template=template, version=version,
                           current=policy.current_version(), versions=policy.published(),
                           all_versions=policy.all_versions(), settings=_policy_settings())


def _policy_settings() -> dict[str, t.Any]:
    return {name: setting(name) for name in (
        "MINOR_AGE", "RETENTION_INACTIVE_MONTHS", "RETENTION_UNSUCCESSFUL_MONTHS", "RETENTION_NOTICE_DAYS",
        "EXPORT_TTL_HOURS", "ERASURE_DEADLINE_WORKING_DAYS", "PRIVACY_CONTACT_EMAIL")}


@bp.get("/cookies")
@public
def cookies() -> t.Any:
    return render_template("privacy/cookies.html", session_cookie=current_app.config["SESSION_COOKIE_NAME"],
                           idle_minutes=current_app.config.get("SESSION_IDLE_MINUTES"))


@bp.get("/keep/<token>")
@public
def keep(token: str) -> t.Any:
    """The one-click link of the retention notice: keep my profile."""
    from privacy.retention import keep_profile, read_keep_token

    user_id = read_keep_token(token)
    kept = user_id is not None and keep_profile(user_id)
    db.session.commit()
    return render_template("privacy/keep.html", kept=kept), (200 if kept else 400)


@bp.get("/cancelled")
@public
def cancelled() -> t.Any:
    receipt = session.get(RECEIPT_KEY)
    if not isinstance(receipt, str):
        return redirect(url_for("careers.index"))
    record = db.session.scalar(select(ErasureRecord).where(ErasureRecord.receipt_id == receipt))
    return render_template("privacy/cancelled.html", receipt=receipt, record=record)


# --- consent -----------------------------------------------------------------------------------

@bp.route("/consent", methods=["GET", "POST"])
@roles("candidate")
def consent() -> t.Any:
    form = ConsentForm()
    from core.urls import safe_next

    target = safe_next(request.args.get("next"), url_for("privacy.centre"))
    if form.validate_on_submit():
        operations.accept_policy(_user())
        db.session.commit()
        flash(_("Thank you. You agreed to privacy policy version %(version)s.", version=policy.current_version()),
              "success")
        return redirect(target)
    version = policy.current_version()
    return render_template("privacy/consent.html", form=form, version=version,
                           body_template=policy.template_name(version, _locale()),
                           needs=policy.needs_reconsent(_user()), versions=policy.published(),
                           settings=_policy_settings())


@bp.post("/consents/withdraw")
@roles("candidate")
def withdraw() -> t.Any:
    form = WithdrawForm()
    if not form.validate_on_submit():
        flash(_("Your form expired. Please try again."), "error")
        return redirect(url_for("privacy.centre"))
    try:
        result = operations.withdraw_consent(_user(), form.purpose.data)
    except UnknownPurpose:
        db.session.rollback()
        flash(_("This consent cannot be withdrawn here."), "error")
        return redirect(url_for("privacy.centre"))
    db.session.commit()
    if result.purpose == consents.RESUME_PROCESSING:
        flash(_("You withdrew your consent to the processing of your resume. We have stopped: %(n)s active "
                "application(s) were withdrawn and recruiters no longer see your profile. What was done before "
                "stays as it was. You can erase your data by cancelling your account.",
                n=result.applications_withdrawn), "success")
    elif consents.share_job_id(result.purpose) is not None:
        flash(_("You withdrew your consent to share your profile with this opening's team. Your application "
                "was withdrawn; the team no longer sees your profile."), "success")
    else:
        flash(_("You withdrew your guardian's consent. You can no longer submit a profile or apply until a "
                "guardian agrees again."), "success")
    return redirect(url_for("privacy.centre"))


@bp.post("/consents/resume-processing")
@roles("candidate")
def give_resume_consent() -> t.Any:
    if ActionForm().validate_on_submit():
        operations.give_consent(_user(), consents.RESUME_PROCESSING)
        db.session.commit()
        flash(_("Thank you. We may process your resume again."), "success")
    return redirect(url_for("privacy.centre"))


# --- the centre ----------------------------------------------------------------------------------

@bp.get("/")
@roles("candidate")
def centre() -> t.Any:
    user = _user()
    data = queries.summary(user)
    return render_template("privacy/centre.html", data=data, action_form=ActionForm(),
                           withdraw_form=WithdrawForm(), now=utcnow(),
                           resume_withdrawn=consents.is_withdrawn(user.id, consents.RESUME_PROCESSING),
                           is_minor=rules.is_minor(rules.birth_date_of(user.id)),
                           needs_guardian=rules.needs_guardian(user), minor_age=int(setting("MINOR_AGE")),
                           share_job_id=consents.share_job_id, withdrawable=consents.WITHDRAWABLE)


@bp.get("/access")
@roles("candidate")
def access_log() -> t.Any:
    return render_template("privacy/access_log.html", entries=queries.access_log(_user().id))


# --- guardian consent ----------------------------------------------------------------------------

def _step_is_not(step: str) -> t.Callable[[], bool]:
    """For per-IP limits on forms with a send step and a verify step."""
    return lambda: request.form.get("step") != step


def _sms_send_limit() -> str:
    return str(current_app.config["RATELIMIT_SMS_SEND"])


def _sms_verify_limit() -> str:
    return str(current_app.config["RATELIMIT_SMS_VERIFY"])


@bp.route("/guardian", methods=["GET", "POST"])
@roles("candidate")
@limiter.limit(_sms_send_limit, methods=["POST"], scope="privacy_guardian_send", exempt_when=_step_is_not("send"))
@limiter.limit(_sms_verify_limit, methods=["POST"], scope="privacy_guardian_verify", exempt_when=_step_is_not("verify"))
def guardian() -> t.Any:
    user = _user()
    phone_form, code_form = PhoneForm(prefix="g"), CodeForm(prefix="c")
    pending = sessions.get(GUARDIAN_KEY)
    if request.method == "POST" and request.form.get("step") == "send":
        if phone_form.validate_on_submit():
            error = _send_guardian_code(user, phone_form.phone.data)
            if error is None:
                flash(_("We sent a 6-digit code to your guardian's phone. It is valid for 5 minutes."), "success")
                return redirect(url_for("privacy.guardian"))
            flash(error, "error")
    elif request.method == "POST" and request.form.get("step") == "verify":
        if pending is None:
            flash(_("The code has expired. Please ask for a new one."), "error")
        elif code_form.validate_on_submit():
            try:
                operations.confirm_guardian(user, pending["phone"], sessions.sms_flow_id(), code_form.code.data)
            except CodeInvalid:
                db.session.commit()  # the failed attempt counts
                flash(_("That code is not right, or it has expired. Please check it or ask for a new one."),
                      "error")
            else:
                db.session.commit()
                sessions.pop(GUARDIAN_KEY)
                flash(_("Thank you. Your guardian's consent is recorded; you can submit your profile and apply."),
                      "success")
                return redirect(url_for("privacy.centre"))
    return render_template("privacy/guardian.html", phone_form=phone_form, code_form=code_form,
                           code_sent=pending is not None, needs=rules.needs_guardian(user),
                           minor_age=int(setting("MINOR_AGE")))


def _send_guardian_code(user: t.Any, raw_phone: str) -> str | None:
    try:
        e164 = normalize(raw_phone, current_app.config["SMS_ALLOWED_REGIONS"])
    except InvalidPhone:
        return _("Please enter a valid mobile number.")
    try:
        return _issue_and_send(e164, lambda: auth_ops.issue_guardian_code(e164, user, sessions.sms_flow_id()),
                               GUARDIAN_KEY)
    except GuardianNumberRefused:
        db.session.rollback()
        return _("Please enter your guardian's own number, not yours.")


def _issue_and_send(e164: str, issue: t.Callable[[], auth_ops.IssuedCode], key: str) -> str | None:
    try:
        issued = issue()
    except CodeRefused as exc:
        db.session.rollback()
        return _("Please wait %(seconds)s seconds before asking for another code.", seconds=exc.retry_after or 60)
    if not sms.take_global_code_slot():  # the site-wide daily cap (SMS_DAILY_GLOBAL_LIMIT): nothing kept or sent
        db.session.rollback()
        return _("SMS codes are temporarily unavailable. Please try again later.")
    db.session.commit()
    try:
        sms.backend().send(e164, sms.VERIFICATION_TEMPLATE, {"code": issued.code})
    except sms.SmsError:
        auth_ops.void_code(issued.id)
        db.session.commit()
        return _("SMS is temporarily unavailable. Please try again in a few minutes.")
    sessions.put(key, {"phone": e164})
    return None


# --- download a copy -----------------------------------------------------------------------------

@bp.post("/exports")
@roles("candidate")
def export_start() -> t.Any:
    if not ActionForm().validate_on_submit():
        return redirect(url_for("privacy.centre"))
    for attempt in range(EXPORT_ATTEMPTS):
        try:
            export, created = request_export(_user())
            db.session.commit()
            break
        except ExportRateLimited as exc:
            db.session.rollback()
            flash(_("You asked for a copy of your data recently. Please try again in %(minutes)s minutes.",
                    minutes=exc.retry_after_minutes), "error")
            return redirect(url_for("privacy.centre")), 303
        except OperationalError:
            # SQLite: a concurrent request (double click, two tabs) committed after this
            # transaction's first read; start again: the next attempt finds its export.
            db.session.rollback()
            if attempt == EXPORT_ATTEMPTS - 1 or db.engine.dialect.name != "sqlite":
                raise
            time.sleep(0.02 * (attempt + 1))
    if created:
        dispatch_export(export.id)
    return redirect(url_for("privacy.export_status", public_id=export.public_id))


def _own_export(public_id: str) -> DataExport:
    export = db.session.scalar(select(DataExport).where(DataExport.public_id == public_id))
    if export is None:
        abort(404)
    if export.user_id != _user().id:
        # The same 404, logged as a refusal by the export's id (the public id is a secret).
        raise NotYours("export", export.id)
    return export


@bp.get("/exports/<public_id>")
@roles("candidate")
def export_status(public_id: str) -> t.Any:
    export = _own_export(public_id)
    if export.status in ("queued", "running", "ready") and export.expires_dt <= utcnow():
        from privacy.export import expire

        expire(export)
        db.session.commit()
    return render_template("privacy/export.html", export=export, form=ActionForm())


@bp.post("/exports/<public_id>/download")
@roles("candidate")
def export_download(public_id: str) -> t.Any:
    export = _own_export(public_id)
    if not ActionForm().validate_on_submit():
        return redirect(url_for("privacy.export_status", public_id=public_id))
    try:
        data = take_download(_user(), export)
    except ExportUnavailable as exc:
        db.session.commit()
        messages = {"expired": _("This copy has expired and was deleted. Please ask for a new one."),
                    "downloaded": _("This copy was already downloaded and has been deleted. Please ask for a "
                                    "new one."),
                    "failed": _("This copy could not be made. Please ask for a new one."),
                    "not_ready": _("This copy is not ready yet.")}
        flash(messages.get(exc.code, messages["failed"]), "error")
        return redirect(url_for("privacy.export_status", public_id=public_id)), 303
    db.session.commit()
    import io

    response = send_file(io.BytesIO(data), mimetype="application/zip", as_attachment=True,
                         download_name=f"my-data-{utcnow():%Y%m%d}.zip")
    response.headers["Cache-Control"] = "no-store"
    return response


# --- cancel the account --------------------------------------------------------------------------

def _reauthenticated_at(user: t.Any) -> dt.datetime | None:
    data = sessions.get(REAUTH_KEY, max_age=REAUTH_MINUTES * 60)
    if not data or data.get("uid") != user.id or data.get("token") != user.session_token:
        return None
    return dt.datetime.fromtimestamp(int(data["at"]), dt.UTC)


def _mark_reauthenticated(user: t.Any) -> None:
    sessions.put(REAUTH_KEY, {"uid": user.id, "token": user.session_token, "at": int(time.time())})


@bp.route("/cancel", methods=["GET", "POST"])
@roles("candidate")
@limiter.limit(_sms_send_limit, methods=["POST"], scope="privacy_reauth_send", exempt_when=_step_is_not("send"))
@limiter.limit(_sms_verify_limit, methods=["POST"], scope="privacy_reauth_verify", exempt_when=_step_is_not("verify"))
def cancel() -> t.Any:
    """Step 1: re-authenticate (SMS code to the account's number, or WeChat)."""
    user = _user()
    if _reauthenticated_at(user) is not None:
        return redirect(url_for("privacy.cancel_confirm"))
    code_form = CodeForm(prefix="c")
    pending = sessions.get("privacy_reauth_code")
    flow = f"reauth:{user.id}:{sessions.sms_flow_id()}"
    if request.method == "POST" and request.form.get("step") == "send" and user.phone is not None:
        if ActionForm().validate_on_submit():
            error = _issue_and_send(user.phone.phone,
                                    lambda: auth_ops.issue_code(user.phone.phone, operations.REAUTH_PURPOSE, flow),
                                    "privacy_reauth_code")
            flash(error or _("We sent a 6-digit code to your mobile number."), "error" if error else "success")
        return redirect(url_for("privacy.cancel"))
    if request.method == "POST" and request.form.get("step") == "verify" and user.phone is not None:
        if pending is not None and code_form.validate_on_submit():
            try:
                operations.verify_reauth(user, flow, code_form.code.data)
            except CodeInvalid:
                db.session.commit()
                flash(_("That code is not right, or it has expired. Please check it or ask for a new one."),
                      "error")
            else:
                db.session.commit()
                sessions.pop("privacy_reauth_code")
                _mark_reauthenticated(user)
                return redirect(url_for("privacy.cancel_confirm"))
        else:
            flash(_("Please ask for a code first."), "error")
    from auth.phones import masked

    return render_template("privacy/cancel_reauth.html", code_form=code_form, action_form=ActionForm(),
                           phone=masked(user.phone.phone) if user.phone else None, code_sent=pending is not None,
                           has_wechat=user.wechat is not None)


@bp.post("/cancel/wechat")
@roles("candidate")
def cancel_wechat() -> t.Any:
    """Re-authenticate with WeChat: a fresh authorization for the account's WeChat identity."""
    from auth import wechat

    if not ActionForm().validate_on_submit():
        return redirect(url_for("privacy.cancel"))
    kind = "mp" if wechat.is_wechat_browser(request.headers.get("User-Agent")) else "web"
    return wechat.begin_login(kind, url_for("privacy.cancel_wechat_callback", kind=kind, _external=True))


@bp.get("/cancel/wechat/<kind>")
@roles("candidate")
def cancel_wechat_callback(kind: str) -> t.Any:
    from auth import wechat

    user = _user()
    if kind not in ("web", "mp"):
        abort(404)
    try:
        login = wechat.complete_login(t.cast(t.Any, kind))
    except wechat.WeChatLoginError:
        flash(_("WeChat could not confirm it is you. Please try again, or use an SMS code."), "error")
        return redirect(url_for("privacy.cancel"))
    identity = user.wechat
    same = identity is not None and (
        (login.unionid is not None and identity.unionid == login.unionid)
        or any(o.appid == login.appid and o.openid == login.openid for o in identity.openids))
    if not same:
        flash(_("That WeChat account is not the one bound to this account."), "error")
        return redirect(url_for("privacy.cancel"))
    _mark_reauthenticated(user)
    return redirect(url_for("privacy.cancel_confirm"))


@bp.route("/cancel/confirm", methods=["GET", "POST"])
@roles("candidate")
def cancel_confirm() -> t.Any:
    """Step 2: what will be erased and what is kept; confirm."""
    user = _user()
    at = _reauthenticated_at(user)
    if at is None:
        flash(_("Please confirm it is you first."), "info")
        return redirect(url_for("privacy.cancel"))
    form = CancelForm()
    if form.validate_on_submit():
        try:
            record = operations.cancel_account(user, reauthenticated_at=at, max_age_minutes=REAUTH_MINUTES)
        except ReauthRequired:
            db.session.rollback()
            return redirect(url_for("privacy.cancel"))
        receipt = record.receipt_id
        db.session.commit()
        sessions.end()
        session[RECEIPT_KEY] = receipt
        return redirect(url_for("privacy.cancelled"))
    return render_template("privacy/cancel_confirm.html", form=form, preview=erasure_preview(user.id),
                           working_days=int(setting("ERASURE_DEADLINE_WORKING_DAYS")))


# --- admin ---------------------------------------------------------------------------------------

@bp.get("/admin/erasures")
@roles("admin")
def admin_erasures() -> t.Any:
    pending = list(db.session.scalars(select(ErasureRecord).where(ErasureRecord.status == "pending")
                                      .order_by(ErasureRecord.deadline_dt)))
    recent = list(db.session.scalars(select(ErasureRecord).where(ErasureRecord.status == "done")
                                     .order_by(ErasureRecord.completed_dt.desc()).limit(50)))
    return render_template("privacy/admin_erasures.html", pending=pending, recent=recent, now=utcnow())


__all__ = ["bp"]

# Strings of the site-wide footer partial (templates/_footer_links.html), for extraction.
FOOTER_STRINGS = (_l("Legal"),)


@bp.app_errorhandler(ProcessingRefused)
def processing_refused(exc: ProcessingRefused) -> t.Any:
    """An operation refused new processing (``core.processing``): say why, and where to fix it."""
    db.session.rollback()
    if request.accept_mimetypes.best == "application/json" or request.path.startswith("/api/"):
        from flask import jsonify

        return jsonify(error=exc.code, message=str(exc.message), link=exc.link), 403
    return render_template("privacy/refused.html", message=exc.message, link=exc.link, code=exc.code), 403
