"""Sign-in and accounts: WeChat, mobile number + SMS code, consent, the account page,
and the staff sign-in (email + password + TOTP).

Views parse, authorise, call one operation, commit, then render or redirect; the SMS is
sent after the commit (``_deliver``).
"""

from __future__ import annotations

import logging
import time
import typing as t

from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from auth import credentials, operations, sessions, sms, wechat
from auth import policy as auth_policy
from auth.errors import (
    CodeInvalid,
    CodeRefused,
    IdentityConflict,
    LastIdentity,
    NotACandidate,
    StaffSignInFailed,
)
from auth.forms import ActionForm, ConsentForm, SmsForm, StaffLoginForm, TotpForm
from auth.models import PRIVACY_POLICY, User
from auth.phones import InvalidPhone, masked, normalize
from core.access import public, roles, signed_in
from core.db import db
from core.extensions import limiter, login_manager

logger = logging.getLogger(__name__)

bp = Blueprint("auth", __name__, url_prefix="/auth")

PENDING = "auth_pending"          # a sign-in waiting for consent
STAFF_PENDING = "auth_staff"      # a staff member between password and TOTP
STAFF_ENROL = "auth_staff_enrol"  # the TOTP secret being enrolled
WECHAT_INTENT = "auth_wechat"     # what the WeChat round trip is for
SMS_PHONE = "auth_sms_phone"      # the number the code was sent to (for the form)


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    """``user_id`` is the account's session token (``User.get_id``), not its primary key."""
    if not user_id:
        return None
    user = db.session.scalar(select(User).where(User.session_token == user_id))
    if user is None or not user.is_active:
        return None
    return user if sessions.is_live(user) else None  # signed out here, or idle


@bp.record_once
def _check_config(state: t.Any) -> None:
    sms.check_config(state.app.config)
    sessions.check_config(state.app.config)


bp.before_app_request(sessions.enforce_idle_timeout)


def _sms_limit() -> str:
    return str(current_app.config["RATELIMIT_SMS_SEND"])


def _verify_limit() -> str:
    return str(current_app.config["RATELIMIT_SMS_VERIFY"])


def _staff_limit() -> str:
    return str(current_app.config["RATELIMIT_STAFF_LOGIN"])


def _policy_version() -> str:
    """The newest policy version (published by privacy, else ``PRIVACY_POLICY_VERSION``)."""
    return auth_policy.current_version()


# --- messages ------------------------------------------------------------------------------


def _phone_message(exc: InvalidPhone) -> str:
    return {
        "empty": _("Enter your mobile number."),
        "not_mobile": _("This number cannot receive SMS (it looks like a landline). Please use a mobile number."),
        "region": _("We cannot send SMS to numbers in this country or region yet. Please sign in with WeChat."),
    }.get(exc.reason, _("This is not a valid mobile number. Check the digits, or add the country code "
                        "(for example +852 for Hong Kong)."))


def _refused_message(exc: CodeRefused) -> str:
    if exc.reason == "cooldown":
        return _("Please wait %(seconds)s seconds before asking for a new code.", seconds=exc.retry_after)
    return _("Too many codes were requested for this number. Please try again later, or sign in with WeChat.")


def _capped_message(purpose: str) -> str:
    if purpose == "sign_in":
        return _("Sign-in by SMS is temporarily unavailable. Please sign in with WeChat, or try again later.")
    return _("SMS codes are temporarily unavailable. Please use WeChat, or try again later.")


def _code_message(exc: CodeInvalid) -> str:
    if exc.reason == "wrong":
        return _("The code is not correct. %(count)s tries left.", count=exc.attempts_left)
    return {
        "expired": _("The code has expired. Please ask for a new code."),
        "dead": _("Too many wrong codes. Please ask for a new code."),
        "used": _("This code has already been used. Please ask for a new code."),
    }.get(exc.reason, _("There is no valid code for this number. Please ask for a new code."))


def _sms_error_message(exc: sms.SmsError) -> str:
    if isinstance(exc, sms.SmsRateLimited):
        return _("The SMS service is limiting messages to this number. Please try again later, "
                 "or sign in with WeChat.")
    if isinstance(exc, sms.SmsRejected):
        return _("The SMS could not be sent to this number. Please check it, or sign in with WeChat.")
    return _("SMS is temporarily unavailable. Please try again in a few minutes, or sign in with WeChat.")


def _conflict_message(exc: IdentityConflict) -> str:
    return {
        "phone": _("This mobile number is already bound to another account. Sign in with that number to use "
                   "that account; accounts are never merged automatically."),
        "wechat": _("This WeChat account is already bound to another account on this site. Sign in with WeChat "
                    "to use that account; accounts are never merged automatically."),
        "wechat_other": _("Your account already has a WeChat account bound. Unbind it first to bind another one."),
    }.get(exc.reason, _("This identity is already used by another account."))


# --- the sign-in page and SMS codes ------------------------------------------------------------


def _render_login(form: SmsForm | None = None, *, status: int = 200, code_sent: bool = False) -> t.Any:
    form = form or SmsForm()
    pending_phone = sessions.get(SMS_PHONE)
    if pending_phone and not form.phone.data:
        form.phone.data = pending_phone.get("display", "")
    in_wechat = wechat.is_wechat_browser(request.headers.get("User-Agent", ""))
    return render_template("auth/login.html", form=form, in_wechat=in_wechat,
                           code_sent=code_sent or bool(pending_phone), resend_after=_resend_after(pending_phone)), status


def _resend_after(pending_phone: dict[str, t.Any] | None) -> int:
    """Seconds until "Send code" may be pressed again (for the countdown script)."""
    cooldown = int(operations.SMS_RESEND_AFTER.total_seconds())
    if not pending_phone:
        return 0
    return max(0, cooldown - (int(time.time()) - int(pending_phone.get("sent", 0))))


@bp.get("/login")
@public
def login() -> t.Any:
    sessions.remember_next(request.args.get("next"))
    if current_user.is_authenticated and not request.args.get("switch"):
        return redirect(sessions.take_next("/"))
    return _render_login()


def _send_code(purpose: str, form: SmsForm) -> tuple[bool, str | None]:
    """Issue a code and send it.  Returns (sent, error message)."""
    try:
        e164 = normalize(form.phone.data, current_app.config["SMS_ALLOWED_REGIONS"])
    except InvalidPhone as exc:
        return False, _phone_message(exc)
    try:
        issued = operations.issue_code(e164, purpose, sessions.sms_flow_id())
    except CodeRefused as exc:
        return False, _refused_message(exc)
    if not sms.take_global_code_slot():  # the site-wide daily cap: the new code is not kept
        db.session.rollback()
        return False, _capped_message(purpose)
    db.session.commit()
    try:
        sms.backend().send(e164, sms.VERIFICATION_TEMPLATE, {"code": issued.code})
    except sms.SmsError as exc:
        logger.warning("sms delivery failed: %s %s", type(exc).__name__, exc.code)
        operations.void_code(issued.id)
        db.session.commit()
        return False, _sms_error_message(exc)
    sessions.put(SMS_PHONE, {"display": form.phone.data.strip(), "purpose": purpose, "sent": int(time.time())})
    return True, None


@bp.post("/sms/send")
@public
@limiter.limit(_sms_limit)
def sms_send() -> t.Any:
    form = SmsForm()
    if not form.validate_on_submit():
        return _render_login(form, status=400)
    sent, error = _send_code("sign_in", form)
    if not sent:
        form.phone.errors = [error or ""]
        return _render_login(form, status=400)
    flash(_("If this number can receive SMS, a 6-digit code has been sent to it. It is valid for 5 minutes."),
          "success")
    return redirect(url_for("auth.login"))


@bp.post("/sms/verify")
@public
@limiter.limit(_verify_limit)
def sms_verify() -> t.Any:
    form = SmsForm()
    if not form.validate_on_submit():
        return _render_login(form, status=400)
    try:
        e164 = normalize(form.phone.data, current_app.config["SMS_ALLOWED_REGIONS"])
    except InvalidPhone as exc:
        form.phone.errors = [_phone_message(exc)]
        return _render_login(form, status=400)
    try:
        operations.verify_code(e164, "sign_in", sessions.sms_flow_id(), form.code.data or "")
        user = operations.find_by_phone(e164)
        if user is not None:
            operations.require_candidate(user)
    except CodeInvalid as exc:
        db.session.commit()  # the attempt counter
        form.code.errors = [_code_message(exc)]
        return _render_login(form, status=400, code_sent=True)
    except NotACandidate:
        db.session.commit()
        flash(_("This account signs in on the staff sign-in page."), "error")
        return redirect(url_for("auth.staff_login"))
    db.session.commit()
    session.pop(SMS_PHONE, None)
    return _after_identity(user, channel="sms", identity={"kind": "phone", "phone": e164})


# --- consent and completing a sign-in -----------------------------------------------------------


def _after_identity(user: User | None, *, channel: str, identity: dict[str, t.Any]) -> t.Any:
    """The identity is proven: sign in, or ask for consent first (new account or new policy)."""
    if user is not None and operations.live_consent(user.id, PRIVACY_POLICY, auth_policy.versions().accepted):
        operations.record_sign_in(user, channel)
        target = sessions.take_next("/")
        sessions.start(user)
        db.session.commit()
        return redirect(target)
    sessions.put(PENDING, {"user_id": user.id if user else None, "channel": channel, "identity": identity,
                           "next": session.get("auth_next", "")})
    return redirect(url_for("auth.consent"))


@bp.route("/consent", methods=["GET", "POST"])
@public
def consent() -> t.Any:
    pending = sessions.get(PENDING)
    if pending is None:
        flash(_("Your sign-in took too long or was already completed. Please sign in again."), "info")
        return redirect(url_for("auth.login"))
    form = ConsentForm()
    if request.method == "POST" and request.form.get("decline"):
        # validate CSRF before dropping anything
        if ActionForm().validate_on_submit():
            session.pop(PENDING, None)
            flash(_("You did not agree to the privacy policy, so nothing was stored and you are not signed in."),
                  "info")
            return redirect(url_for("careers.index"))
        return render_template("auth/consent.html", form=form, new=pending["user_id"] is None,
                               version=_policy_version()), 400
    if not form.validate_on_submit():
        status = 400 if request.method == "POST" else 200
        return render_template("auth/consent.html", form=form, new=pending["user_id"] is None,
                               version=_policy_version()), status
    channel = str(pending["channel"])
    identity = pending["identity"]
    try:
        if pending["user_id"] is None:
            user = operations.create_candidate(
                channel=channel, policy_version=_policy_version(),
                phone=identity.get("phone") if identity["kind"] == "phone" else None,
                wechat=_LoginData(**identity["wechat"]) if identity["kind"] == "wechat" else None)
        else:
            user = db.get_or_404(User, int(pending["user_id"]))
            operations.require_candidate(user)
            operations.give_consent(user, PRIVACY_POLICY, policy_version=_policy_version(), channel=channel)
        operations.record_sign_in(user, channel)
        db.session.commit()
    except (IdentityConflict, NotACandidate, IntegrityError):  # e.g. two consent submissions at once
        db.session.rollback()
        session.pop(PENDING, None)
        flash(_("This identity was just registered by another sign-in. Please sign in again."), "error")
        return redirect(url_for("auth.login"))
    target = sessions.safe_target(pending.get("next")) or "/"
    sessions.start(user)
    db.session.commit()
    flash(_("Welcome! You are signed in."), "success")
    return redirect(target)


class _LoginData:
    """A WeChat login kept in the pending state (the fields ``operations`` needs)."""

    def __init__(self, appid: str, openid: str, unionid: str | None, scope: str = "") -> None:
        self.appid = appid
        self.openid = openid
        self.unionid = unionid
        self.scope = scope


@bp.get("/policy")
@public
def policy() -> t.Any:
    """Placeholder privacy policy (the privacy issue replaces it with /privacy/policy)."""
    if "privacy.policy_page" in current_app.view_functions:  # privacy: the real, versioned policy
        return redirect(url_for("privacy.policy_page"))
    return render_template("auth/policy_placeholder.html", version=_policy_version())


# --- WeChat ---------------------------------------------------------------------------------------


def _wechat_kind() -> str:
    return "mp" if wechat.is_wechat_browser(request.headers.get("User-Agent", "")) else "web"


def _begin_wechat(action: str, *, silent: bool = False) -> t.Any:
    kind = _wechat_kind()
    session[WECHAT_INTENT] = {"action": action, "kind": kind, "silent": silent}
    redirect_uri = url_for("auth.wechat_callback", kind=kind, _external=True)
    return wechat.begin_login(kind, redirect_uri, silent=silent)


@bp.get("/wechat/start")
@public
def wechat_start() -> t.Any:
    sessions.remember_next(request.args.get("next"))
    # In WeChat, a returning visitor (cookie set after a full login) signs in silently (snsapi_base).
    silent = _wechat_kind() == "mp" and request.cookies.get("wx_seen") == "1"
    return _begin_wechat("sign_in", silent=silent)


def _wechat_failure(reason: str, status: int) -> t.Any:
    intent = session.pop(WECHAT_INTENT, None) or {}
    messages = {
        "cancelled": (_("WeChat sign-in was cancelled"),
                      _("You did not approve the sign-in in WeChat. Nothing was stored.")),
        "state": (_("This sign-in link has expired"),
                  _("The sign-in could not be matched to this browser (it may have been used already, or "
                    "started in another browser). Please start again.")),
        "error": (_("WeChat could not complete the sign-in"),
                  _("WeChat refused the request. Please try again; if it keeps happening, sign in with "
                    "your mobile number.")),
        "unavailable": (_("WeChat is not responding"),
                        _("WeChat did not answer in time. Please try again in a minute, or sign in with your "
                          "mobile number.")),
        "snapshot": (_("Please use the full service"),
                     _("WeChat opened this page in preview mode, which does not identify you. Tap "
                       "\"use the full service\" (使用完整服务) at the bottom of the screen, then sign in again.")),
        "staff": (_("Staff sign in separately"),
                  _("This account belongs to a recruiter or administrator and signs in on the staff "
                    "sign-in page.")),
    }
    title, message = messages[reason]
    retry = {"bind": url_for("auth.account"), "reauth": url_for("auth.reauth")}.get(
        str(intent.get("action")), url_for("auth.login"))
    return render_template("auth/wechat_error.html", title=title, message=message, retry=retry,
                           reason=reason), status


@bp.get("/wechat/callback/<kind>")
@public
def wechat_callback(kind: str) -> t.Any:
    intent = session.get(WECHAT_INTENT) or {}
    if kind not in ("web", "mp"):
        return _wechat_failure("state", 400)
    try:
        login_data = wechat.complete_login(kind)
    except wechat.WeChatCancelled:
        return _wechat_failure("cancelled", 200)
    except wechat.WeChatStateError:
        return _wechat_failure("state", 400)
    except wechat.WeChatSnapshotUser:
        return _wechat_failure("snapshot", 200)
    except wechat.WeChatUnavailable:
        return _wechat_failure("unavailable", 503)
    except wechat.WeChatError as exc:
        logger.warning("wechat errcode %s", getattr(exc, "errcode", None))
        return _wechat_failure("error", 502)
    session.pop(WECHAT_INTENT, None)
    identity = {"kind": "wechat", "wechat": {"appid": login_data.appid, "openid": login_data.openid,
                                             "unionid": login_data.unionid, "scope": login_data.scope}}
    if intent.get("action") == "bind" and current_user.is_authenticated:
        return _finish_bind_wechat(login_data)
    if intent.get("action") == "reauth" and current_user.is_authenticated:
        return _finish_reauth_wechat(login_data)
    user = operations.find_by_wechat(login_data)
    if user is None and intent.get("silent"):
        db.session.rollback()
        return _begin_wechat("sign_in", silent=False)  # silent login found no account: ask properly
    try:
        if user is not None:
            operations.require_candidate(user)
    except NotACandidate:
        db.session.rollback()
        return _wechat_failure("staff", 403)
    db.session.commit()  # newly seen (appid, openid) pairs
    response = _after_identity(user, channel="wechat", identity=identity)
    if kind == "mp":
        response.set_cookie("wx_seen", "1", max_age=180 * 86400, httponly=True, samesite="Lax",
                            secure=current_app.config["SESSION_COOKIE_SECURE"])
    return response


def _finish_bind_wechat(login_data: t.Any) -> t.Any:
    user = t.cast(User, current_user._get_current_object())  # type: ignore[attr-defined]
    try:
        operations.bind_wechat(user, login_data)
        db.session.commit()
    except (IdentityConflict, IntegrityError) as exc:
        db.session.rollback()
        flash(_conflict_message(exc if isinstance(exc, IdentityConflict) else IdentityConflict("wechat")), "error")
        return redirect(url_for("auth.account"))
    except NotACandidate:
        db.session.rollback()
        return _wechat_failure("staff", 403)
    flash(_("WeChat is now bound to your account."), "success")
    return redirect(url_for("auth.account"))


# --- signed in: account page, sign out, binding ---------------------------------------------------


@bp.post("/logout")
@signed_in
def logout() -> t.Any:
    if not ActionForm().validate_on_submit():
        return redirect(url_for("auth.account"))
    sessions.end()
    db.session.commit()
    flash(_("You are signed out."), "info")
    return redirect(url_for("careers.index"))


@bp.get("/account")
@signed_in
def account() -> t.Any:
    user = t.cast(User, current_user)
    phone = masked(user.phone.phone) if user.phone is not None else None
    pending_phone = sessions.get(SMS_PHONE)
    sms_form = SmsForm()
    if pending_phone and pending_phone.get("purpose") == "bind":
        sms_form.phone.data = pending_phone.get("display", "")
    return render_template("auth/account.html", user=user, phone=phone, action_form=ActionForm(),
                           sms_form=sms_form, code_sent=bool(pending_phone),
                           resend_after=_resend_after(pending_phone))


@bp.post("/account/sign-out-everywhere")
@signed_in
def sign_out_everywhere() -> t.Any:
    if not ActionForm().validate_on_submit():
        return redirect(url_for("auth.account"))
    operations.sign_out_everywhere(t.cast(User, current_user))
    sessions.end()
    db.session.commit()
    flash(_("You are signed out on every device, including this one."), "info")
    return redirect(url_for("auth.login"))


@bp.post("/account/phone/send")
@roles("candidate")
@limiter.limit(_sms_limit)
def bind_phone_send() -> t.Any:
    form = SmsForm()
    if form.validate_on_submit():
        sent, error = _send_code("bind", form)
        if sent:
            flash(_("If this number can receive SMS, a 6-digit code has been sent to it. It is valid for 5 "
                    "minutes."), "success")
        else:
            flash(error or "", "error")
    return redirect(url_for("auth.account"))


@bp.post("/account/phone/verify")
@roles("candidate")
@limiter.limit(_verify_limit)
def bind_phone_verify() -> t.Any:
    form = SmsForm()
    if not form.validate_on_submit():
        return redirect(url_for("auth.account"))
    user = t.cast(User, current_user)
    try:
        e164 = normalize(form.phone.data, current_app.config["SMS_ALLOWED_REGIONS"])
        operations.verify_code(e164, "bind", sessions.sms_flow_id(), form.code.data or "")
        operations.bind_phone(user, e164)
    except InvalidPhone as exc:
        flash(_phone_message(exc), "error")
        return redirect(url_for("auth.account"))
    except CodeInvalid as exc:
        db.session.commit()  # the attempt counter
        flash(_code_message(exc), "error")
        return redirect(url_for("auth.account"))
    except IdentityConflict as exc:
        db.session.commit()  # the code is used up either way
        flash(_conflict_message(exc), "error")
        return redirect(url_for("auth.account"))
    try:
        db.session.commit()
    except IntegrityError:  # bound by another account at the same moment
        db.session.rollback()
        flash(_conflict_message(IdentityConflict("phone")), "error")
        return redirect(url_for("auth.account"))
    session.pop(SMS_PHONE, None)
    flash(_("Your mobile number is now bound to your account."), "success")
    return redirect(url_for("auth.account"))


@bp.post("/account/wechat")
@roles("candidate")
def bind_wechat() -> t.Any:
    if not ActionForm().validate_on_submit():
        return redirect(url_for("auth.account"))
    return _begin_wechat("bind")


@bp.post("/account/unbind/<kind>")
@roles("candidate")
def unbind(kind: str) -> t.Any:
    if kind not in ("phone", "wechat") or not ActionForm().validate_on_submit():
        return redirect(url_for("auth.account"))
    try:
        operations.unbind(t.cast(User, current_user), kind)
    except LastIdentity:
        flash(_("This is the only way you can sign in, so it cannot be removed. Bind another one first."),
              "error")
        return redirect(url_for("auth.account"))
    db.session.commit()
    flash(_("Unbound. You can no longer sign in with it."), "success")
    return redirect(url_for("auth.account"))


# --- staff: email + password, then TOTP -------------------------------------------------------------


def _staff_failure_message(exc: StaffSignInFailed) -> str:
    if exc.reason == "locked":
        minutes = max(1, (exc.retry_after or 60) // 60)
        return _("Too many failed attempts. This account is locked for %(minutes)s minutes.", minutes=minutes)
    if exc.reason == "bad_code":
        return _("The code is not correct. Check the time on your phone and try again.")
    return _("The email or password is not correct.")


@bp.route("/staff/login", methods=["GET", "POST"])
@public
@limiter.limit(_staff_limit, methods=["POST"])
def staff_login() -> t.Any:
    sessions.remember_next(request.args.get("next"))
    form = StaffLoginForm()
    if not form.validate_on_submit():
        return render_template("auth/staff_login.html", form=form), 400 if request.method == "POST" else 200
    try:
        user = operations.check_staff_password(form.email.data or "", form.password.data or "")
    except StaffSignInFailed as exc:
        db.session.commit()  # failure count, lock-out
        form.password.errors = [_staff_failure_message(exc)]
        return render_template("auth/staff_login.html", form=form), 400
    db.session.commit()
    sessions.put(STAFF_PENDING, {"user_id": user.id, "next": session.get("auth_next", "")})
    if user.totp_secret is None:
        return redirect(url_for("auth.staff_enrol"))
    return redirect(url_for("auth.staff_totp"))


def _staff_pending() -> User | None:
    pending = sessions.get(STAFF_PENDING, max_age=5 * 60)
    if pending is None:
        return None
    user = db.session.get(User, int(pending["user_id"]))
    return user if user is not None and user.is_staff and user.is_active else None


def _finish_staff(user: User) -> t.Any:
    pending = sessions.get(STAFF_PENDING, max_age=5 * 60) or {}
    operations.record_sign_in(user, "password+totp")
    target = sessions.safe_target(pending.get("next")) or "/"
    sessions.start(user)
    db.session.commit()
    return redirect(target)


@bp.route("/staff/totp", methods=["GET", "POST"])
@public
@limiter.limit(_staff_limit, methods=["POST"])
def staff_totp() -> t.Any:
    user = _staff_pending()
    if user is None:
        flash(_("Please sign in again."), "info")
        return redirect(url_for("auth.staff_login"))
    if user.totp_secret is None:
        return redirect(url_for("auth.staff_enrol"))
    form = TotpForm()
    if not form.validate_on_submit():
        return render_template("auth/staff_totp.html", form=form), 400 if request.method == "POST" else 200
    try:
        operations.check_staff_totp(user, form.code.data or "")
    except StaffSignInFailed as exc:
        db.session.commit()
        if exc.reason == "locked":
            session.pop(STAFF_PENDING, None)
            flash(_staff_failure_message(exc), "error")
            return redirect(url_for("auth.staff_login"))
        form.code.errors = [_staff_failure_message(exc)]
        return render_template("auth/staff_totp.html", form=form), 400
    return _finish_staff(user)


@bp.route("/staff/enrol", methods=["GET", "POST"])
@public
@limiter.limit(_staff_limit, methods=["POST"])
def staff_enrol() -> t.Any:
    user = _staff_pending()
    if user is None:
        flash(_("Please sign in again."), "info")
        return redirect(url_for("auth.staff_login"))
    if user.totp_secret is not None:
        return redirect(url_for("auth.staff_totp"))
    enrol = sessions.get(STAFF_ENROL, max_age=10 * 60)
    if enrol is None or enrol.get("user_id") != user.id:
        enrol = {"user_id": user.id, "secret": credentials.new_totp_secret()}
        sessions.put(STAFF_ENROL, enrol)
    secret = str(enrol["secret"])
    form = TotpForm()
    qr = credentials.qr_svg_data_uri(credentials.totp_uri(secret, user.email or f"user-{user.id}"))
    if not form.validate_on_submit():
        return render_template("auth/staff_enrol.html", form=form, qr=qr, secret=secret), \
            400 if request.method == "POST" else 200
    try:
        operations.enrol_totp(user, secret, form.code.data or "")
    except StaffSignInFailed as exc:
        db.session.commit()
        form.code.errors = [_staff_failure_message(exc)]
        return render_template("auth/staff_enrol.html", form=form, qr=qr, secret=secret), 400
    return _finish_staff(user)


# --- re-authentication before sensitive actions ---------------------------------------------------
# Later features (export, account cancellation, phone change) redirect to
# ``url_for("auth.reauth", next=...)`` and check ``sessions.recently_reauthenticated()``.


@bp.get("/reauth")
@roles("candidate")
def reauth() -> t.Any:
    sessions.remember_next(request.args.get("next"))
    user = t.cast(User, current_user)
    pending_phone = sessions.get(SMS_PHONE)
    return render_template("auth/reauth.html", user=user, action_form=ActionForm(), sms_form=SmsForm(),
                           phone=masked(user.phone.phone) if user.phone is not None else None,
                           resend_after=_resend_after(pending_phone if pending_phone and
                                                      pending_phone.get("purpose") == "reauth" else None))


@bp.post("/reauth/send")
@roles("candidate")
@limiter.limit(_sms_limit)
def reauth_send() -> t.Any:
    user = t.cast(User, current_user)
    if not ActionForm().validate_on_submit() or user.phone is None:
        return redirect(url_for("auth.reauth"))
    form = SmsForm(formdata=None, data={"phone": user.phone.phone})
    sent, error = _send_code("reauth", form)
    flash(_("A 6-digit code has been sent to your mobile number. It is valid for 5 minutes.") if sent
          else (error or ""), "success" if sent else "error")
    return redirect(url_for("auth.reauth"))


@bp.post("/reauth/verify")
@roles("candidate")
@limiter.limit(_verify_limit)
def reauth_verify() -> t.Any:
    user = t.cast(User, current_user)
    form = SmsForm()
    if not form.validate_on_submit() or user.phone is None:
        return redirect(url_for("auth.reauth"))
    try:
        operations.verify_code(user.phone.phone, "reauth", sessions.sms_flow_id(), form.code.data or "")
    except CodeInvalid as exc:
        db.session.commit()  # the attempt counter
        flash(_code_message(exc), "error")
        return redirect(url_for("auth.reauth"))
    operations.record_reauthentication(user, "sms")
    db.session.commit()
    session.pop(SMS_PHONE, None)
    sessions.mark_reauthenticated()
    return redirect(sessions.take_next(url_for("auth.account")))


@bp.post("/reauth/wechat")
@roles("candidate")
def reauth_wechat() -> t.Any:
    if not ActionForm().validate_on_submit():
        return redirect(url_for("auth.reauth"))
    return _begin_wechat("reauth")


def _finish_reauth_wechat(login_data: t.Any) -> t.Any:
    user = t.cast(User, current_user._get_current_object())  # type: ignore[attr-defined]
    owner = operations.find_by_wechat(login_data)
    if owner is None or owner.id != user.id:
        db.session.rollback()
        flash(_("That WeChat account is not the one bound to your account. Please try again."), "error")
        return redirect(url_for("auth.reauth"))
    operations.record_reauthentication(user, "wechat")
    db.session.commit()
    sessions.mark_reauthenticated()
    return redirect(sessions.take_next(url_for("auth.account")))
