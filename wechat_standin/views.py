"""The WeChat stand-in's pages and sns endpoints (``/_wechat/...``).

Pages (what WeChat shows in the browser):

* ``GET /connect/qrconnect``: website QR login on a PC.  Shows a QR-code panel and a
  "scan with phone" simulation: choose or create a persona, Allow or Deny.
* ``GET /connect/oauth2/authorize``: in-WeChat authorization.  ``snsapi_base`` is silent
  for the persona this browser last approved as; ``snsapi_userinfo`` asks.
* ``POST /connect/confirm``: the Allow / Deny answer; redirects to ``redirect_uri`` with
  ``code`` and ``state`` (Deny: ``state`` only).

Bad parameters show an error page and never redirect, as WeChat does.

API (``api.weixin.qq.com``): ``GET /sns/oauth2/access_token``, ``/sns/oauth2/refresh_token``,
``/sns/userinfo``, ``/sns/auth``.  Every answer is HTTP 200, UTF-8 JSON served as
``text/plain`` (``STORE.knobs.content_type``), errors as ``errcode``/``errmsg`` with a
changing ``rid`` suffix, and ``sns/auth`` answers ``{"errcode":0,"errmsg":"ok"}``.
"""

from __future__ import annotations

import base64
import contextlib
import dataclasses
import hmac
import json
import logging
import secrets
import typing as t
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit
from xml.sax.saxutils import escape

import qrcode
import qrcode.image.svg
from flask import Blueprint, Response, abort, current_app, redirect, render_template, request, url_for
from flask_babel import force_locale, get_locale
from flask_babel import lazy_gettext as _l

from core.access import public
from wechat_standin.forms import NEW_PERSONA, ConsentForm
from wechat_standin.store import (
    ERRMSG,
    LANGS,
    REGIONS,
    SCOPES_MP,
    SCOPES_WEB,
    STORE,
    USERINFO_SCOPES,
    Flow,
    Persona,
    StandinError,
)

logger = logging.getLogger(__name__)

bp = Blueprint("wechat_standin", __name__, url_prefix="/_wechat")

# The persona this browser last approved as: WeChat's "signed-in user on this phone".
DEVICE_COOKIE = "wechat_standin_user"
# The documented parameter order of oauth2/authorize, which WeChat matches strictly.
AUTHORIZE_ORDER = ("appid", "redirect_uri", "response_type", "scope", "state")
# ``lang`` on the pages: qrconnect's documented values, mapped to our locales.
UI_LANGS = {"cn": "zh_Hans", "en": "en"}
AVATAR_SIZES = (0, 46, 64, 96, 132)


@bp.context_processor
def _template_globals() -> dict[str, t.Any]:
    # The locale of the moment (force_locale included); also when served alone (server.py).
    return {"current_locale": str(get_locale())}


@dataclasses.dataclass(frozen=True)
class WeChatApp:
    """An app the stand-in knows, from the ``WECHAT_*_APPID``/``_SECRET`` settings."""

    appid: str
    secret: str
    kind: str  # "web" (website app, qrconnect) or "mp" (official account, oauth2/authorize)

    @property
    def scopes(self) -> frozenset[str]:
        return SCOPES_WEB if self.kind == "web" else SCOPES_MP


def known_apps() -> dict[str, WeChatApp]:
    apps: dict[str, WeChatApp] = {}
    for kind in ("web", "mp"):
        appid = current_app.config.get(f"WECHAT_{kind.upper()}_APPID")
        secret = current_app.config.get(f"WECHAT_{kind.upper()}_SECRET")
        if appid and secret:
            apps[appid] = WeChatApp(appid=appid, secret=secret, kind=kind)
    return apps


# -- JSON answers ---------------------------------------------------------------------


def answer(body: dict[str, t.Any]) -> Response:
    """HTTP 200, UTF-8 JSON with WeChat's escaped slashes, served as text/plain (no charset)."""
    text = json.dumps(body, ensure_ascii=False, separators=(",", ":")).replace("/", "\\/")
    response = Response(text.encode("utf-8"), status=200)
    response.headers["Content-Type"] = STORE.knobs.content_type
    response.headers["Cache-Control"] = "no-store"
    return response


def error_answer(errcode: int) -> Response:
    rid = "-".join(secrets.token_hex(4) for _i in range(3))
    return answer({"errcode": errcode, "errmsg": f"{ERRMSG.get(errcode, 'error')}, rid: {rid}"})


def _scope_text(scope: tuple[str, ...]) -> str:
    return ",".join(scope)


# -- authorization pages ----------------------------------------------------------------


class PageError(Exception):
    """A parameter problem WeChat reports on its own page instead of redirecting."""

    def __init__(self, errcode: int | None, wechat_text: str, explanation: t.Any) -> None:
        super().__init__(errcode)
        self.errcode = errcode
        self.wechat_text = wechat_text  # what WeChat itself shows (Chinese only)
        self.explanation = explanation


def _redirect_host_allowed(uri: str) -> bool:
    try:
        parts = urlsplit(uri)
    except ValueError:  # e.g. "http://[bad"
        return False
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return False
    allowed = {d.strip().strip("[]").lower() for d in current_app.config.get("WECHAT_STANDIN_REDIRECT_DOMAINS") or []}
    allowed.add((urlsplit(request.host_url).hostname or "").lower())
    return parts.hostname.lower() in allowed


def _validate_authorize(kind: str) -> tuple[WeChatApp, str, tuple[str, ...], str]:
    """Check an authorize request as WeChat does; return (app, redirect_uri, scopes, state)."""
    args = request.args
    appid = args.get("appid", "")
    if not appid:
        raise PageError(10012, "appid不能为空", _l("The appid parameter is missing."))
    app = known_apps().get(appid)
    if app is None:
        raise PageError(40013, "invalid appid", _l("No WeChat app has this appid."))
    if kind == "mp":
        if app.kind != "mp":
            raise PageError(10016, "不支持微信开放平台的Appid，请使用公众号Appid",
                            _l("In-WeChat authorization needs the official account's appid, not the website app's."))
        keys = [key for key, _value in parse_qsl(request.query_string.decode("latin-1"), keep_blank_values=True)]
        expected = [name for name in AUTHORIZE_ORDER if name in args]
        if keys[: len(expected)] != expected:
            raise PageError(None, "该链接无法访问",
                            _l("The parameters must come in WeChat's documented order: "
                              "appid, redirect_uri, response_type, scope, state."))
    redirect_uri = args.get("redirect_uri", "")
    if not redirect_uri:
        raise PageError(10011, "redirect_uri不能为空", _l("The redirect_uri parameter is missing."))
    if not _redirect_host_allowed(redirect_uri):
        raise PageError(10003, "redirect_uri域名与后台配置不一致",
                        _l("The redirect_uri's domain is not one this app registered "
                          "(WECHAT_STANDIN_REDIRECT_DOMAINS)."))
    if args.get("response_type") != "code":
        raise PageError(None, "参数错误", _l("response_type must be code."))
    raw_scope = args.get("scope", "")
    scopes = tuple(s for s in raw_scope.split(",") if s)
    if not scopes:
        raise PageError(10010, "scope不能为空", _l("The scope parameter is missing."))
    if not set(scopes) <= app.scopes:
        raise PageError(10005, "无此scope权限", _l("This app may not ask for this scope."))
    state = args.get("state", "")
    if len(state.encode()) > 128 or (state and not state.isascii()) or (state and not state.isalnum()):
        raise PageError(None, "参数错误", _l("state may hold at most 128 letters and digits."))
    return app, redirect_uri, scopes, state


def _ui_locale() -> str | None:
    return UI_LANGS.get(request.args.get("lang", ""))


def _locale(locale: str | None) -> t.ContextManager[None]:
    """Render in the page's ``lang`` when it asked for one, else in the visitor's language."""
    return force_locale(locale) if locale else contextlib.nullcontext()


def _page_error(exc: PageError, locale: str | None) -> Response:
    with _locale(locale):
        html = render_template("wechat_standin/error.html", error=exc)
    return Response(html, status=400)


def _qr_data_uri(text: str) -> str:
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=2)
    svg = image.to_string(encoding="unicode")
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def _render_consent(flow: Flow, app: WeChatApp, form: ConsentForm, locale: str | None, status: int = 200) -> Response:
    personas = STORE.persona_list()
    form.flow.data = flow.id
    if not form.persona.data:
        device = STORE.persona(request.cookies.get(DEVICE_COOKIE))
        form.persona.data = device.id if device else personas[0].id if personas else NEW_PERSONA
    template = "wechat_standin/qrconnect.html" if app.kind == "web" else "wechat_standin/authorize.html"
    with _locale(locale):
        html = render_template(
            template, flow=flow, app=app, form=form, personas=personas, new_persona=NEW_PERSONA,
            wants_profile=bool(set(flow.scope) & USERINFO_SCOPES),
            lang_param=next((k for k, v in UI_LANGS.items() if v == locale), ""),
            qr=_qr_data_uri(f"wechat-standin:qrconnect:{flow.id}") if app.kind == "web" else None,
        )
    return Response(html, status=status)


def _back_to_site(redirect_uri: str, **params: str) -> Response:
    """302 to ``redirect_uri`` with ``params`` added to its query (WeChat drops any fragment)."""
    parts = urlsplit(redirect_uri)
    query = parts.query + ("&" if parts.query else "") + urlencode(params)
    return redirect(urlunsplit((parts.scheme, parts.netloc, parts.path, query, "")), code=302)


def _start(kind: str) -> Response:
    locale = _ui_locale()
    try:
        app, redirect_uri, scopes, state = _validate_authorize(kind)
    except PageError as exc:
        logger.info("wechat stand-in refused an authorize request: %s", exc.errcode)
        return _page_error(exc, locale)
    device = STORE.persona(request.cookies.get(DEVICE_COOKIE))
    if app.kind == "mp" and scopes == ("snsapi_base",) and device is not None:
        # snsapi_base is silent: WeChat knows who is signed in on the phone.
        return _back_to_site(redirect_uri, code=STORE.issue_code(app.appid, device.id, scopes), state=state)
    flow = STORE.start_flow(app.appid, redirect_uri, scopes, state)
    return _render_consent(flow, app, ConsentForm(formdata=None), locale)


@bp.get("/connect/qrconnect")
@public
def qrconnect() -> Response:
    """Website QR login (``open.weixin.qq.com/connect/qrconnect``)."""
    return _start("web")


@bp.get("/connect/oauth2/authorize")
@public
def authorize() -> Response:
    """In-WeChat authorization (``open.weixin.qq.com/connect/oauth2/authorize``)."""
    return _start("mp")


@bp.post("/connect/confirm")
@public
def confirm() -> Response:
    """The user's answer on an authorization page: Allow (as a persona) or Deny."""
    form = ConsentForm()
    locale = UI_LANGS.get(request.form.get("lang", ""))
    flow_id = form.flow.data or ""
    flow = STORE.get_flow(flow_id)
    app = known_apps().get(flow.appid) if flow else None
    if not form.validate_on_submit() or flow is None or app is None:
        if flow is not None and app is not None:
            return _render_consent(flow, app, form, locale, status=400)
        return _page_error(PageError(None, "页面已过期", _l("This authorization page has expired. "
                                                       "Go back to the site and sign in again.")), locale)
    if form.deny.data:
        STORE.take_flow(flow_id)
        return _back_to_site(flow.redirect_uri, state=flow.state)
    persona = _chosen_persona(form)
    if persona is None:
        return _render_consent(flow, app, form, locale, status=400)
    flow = STORE.take_flow(flow_id)
    if flow is None:
        return _page_error(PageError(None, "页面已过期", _l("This authorization page has expired. "
                                                       "Go back to the site and sign in again.")), locale)
    response = _back_to_site(flow.redirect_uri, code=STORE.issue_code(flow.appid, persona.id, flow.scope),
                             state=flow.state)
    response.set_cookie(DEVICE_COOKIE, persona.id, path=bp.url_prefix, httponly=True, samesite="Lax",
                        max_age=30 * 86400)
    return response


def _chosen_persona(form: ConsentForm) -> Persona | None:
    if form.persona.data == NEW_PERSONA or not form.persona.data:
        nickname = (form.nickname.data or "").strip()
        if not nickname:
            form.nickname.errors = [*form.nickname.errors, _l("Give the new WeChat user a nickname.")]
            return None
        return STORE.add_persona(nickname, sex=int(form.sex.data or 0), is_snapshot=bool(form.snapshot.data))
    persona = STORE.persona(form.persona.data)
    if persona is None:
        form.persona.errors = [*form.persona.errors, _l("Choose a WeChat user.")]
    return persona


@bp.get("/mmopen/<persona_id>/<int:size>")
@public
def avatar(persona_id: str, size: int) -> Response:
    """A persona's avatar (``headimgurl``), an SVG with the nickname's first letter."""
    persona = STORE.persona(persona_id)
    if persona is None or not persona.has_avatar or size not in AVATAR_SIZES:
        abort(404)
    side = size or 640
    hue = int.from_bytes(persona.id.encode()[:4].ljust(4, b"\0"), "big") % 360
    letter = escape(persona.nickname[:1])
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{side}" height="{side}" viewBox="0 0 100 100">'
           f'<rect width="100" height="100" fill="hsl({hue},55%,55%)"/>'
           f'<text x="50" y="66" font-size="48" text-anchor="middle" fill="#fff">{letter}</text></svg>')
    return Response(svg, content_type="image/svg+xml; charset=utf-8", headers={"Cache-Control": "max-age=3600"})


# -- sns API ------------------------------------------------------------------------------


def _injected() -> Response | None:
    errcode = STORE.injected_failure()
    return error_answer(errcode) if errcode is not None else None


def _token_body(access: t.Any, refresh: t.Any, *, with_identity_extras: bool) -> dict[str, t.Any]:
    body: dict[str, t.Any] = {
        "access_token": access.value,
        "expires_in": max(0, round(access.expires_at - STORE.now())),
        "refresh_token": refresh.value,
        "openid": STORE.openid(access.appid, access.persona_id),
        "scope": _scope_text(access.scope),
    }
    if with_identity_extras:
        unionid = STORE.unionid_for(access.appid, access.persona_id, access.scope)
        if unionid:
            body["unionid"] = unionid
        persona = STORE.persona(access.persona_id)
        if persona is not None and persona.is_snapshot:
            body["is_snapshotuser"] = 1
    return body


@bp.get("/sns/oauth2/access_token")
@public
def access_token() -> Response:
    """Code -> token: ``appid``, ``secret``, ``code``, ``grant_type=authorization_code``."""
    if (failure := _injected()) is not None:
        return failure
    args = request.args
    code = args.get("code", "")
    if not code:
        return error_answer(41008)
    appid = args.get("appid", "")
    if not appid:
        return error_answer(41002)
    app = known_apps().get(appid)
    if app is None:
        return error_answer(40013)
    secret = args.get("secret", "")
    if not secret:
        return error_answer(41004)
    if not hmac.compare_digest(secret.encode(), app.secret.encode()):
        return error_answer(40125)
    if args.get("grant_type") != "authorization_code":
        return error_answer(40002)
    try:
        access, refresh = STORE.redeem_code(appid, code)
    except StandinError as exc:
        return error_answer(exc.errcode)
    return answer(_token_body(access, refresh, with_identity_extras=True))


@bp.get("/sns/oauth2/refresh_token")
@public
def refresh_token() -> Response:
    """``appid``, ``grant_type=refresh_token``, ``refresh_token`` (no secret)."""
    if (failure := _injected()) is not None:
        return failure
    args = request.args
    appid = args.get("appid", "")
    if not appid:
        return error_answer(41002)
    if appid not in known_apps():
        return error_answer(40013)
    if args.get("grant_type") != "refresh_token":
        return error_answer(40002)
    value = args.get("refresh_token", "")
    if not value:
        return error_answer(41003)
    try:
        access, refresh = STORE.refresh(appid, value)
    except StandinError as exc:
        return error_answer(exc.errcode)
    return answer(_token_body(access, refresh, with_identity_extras=False))


def _checked_token() -> t.Any:
    args = request.args
    value = args.get("access_token", "")
    if not value:
        raise StandinError(41001)
    openid = args.get("openid", "")
    if not openid:
        raise StandinError(41009)
    return STORE.check_access_token(value, openid)


@bp.get("/sns/userinfo")
@public
def userinfo() -> Response:
    """``access_token``, ``openid``, ``lang`` (zh_CN default, zh_TW, en)."""
    if (failure := _injected()) is not None:
        return failure
    try:
        access = _checked_token()
    except StandinError as exc:
        return error_answer(exc.errcode)
    if not set(access.scope) & USERINFO_SCOPES:
        return error_answer(48001)
    persona = STORE.persona(access.persona_id)
    if persona is None:  # only after STORE.reset() with a token still held
        return error_answer(40001)
    lang = request.args.get("lang", "zh_CN")
    country, province, city = REGIONS.get(persona.region, REGIONS[""])[lang if lang in LANGS else "zh_CN"]
    body: dict[str, t.Any] = {
        "openid": STORE.openid(access.appid, persona.id),
        "nickname": persona.nickname,
        "sex": persona.sex,
        "language": lang if lang in LANGS else "zh_CN",
        "city": city,
        "province": province,
        "country": country,
        "headimgurl": url_for("wechat_standin.avatar", persona_id=persona.id, size=132, _external=True)
        if persona.has_avatar else "",
        "privilege": [],
    }
    unionid = STORE.unionid_for(access.appid, persona.id, access.scope)
    if unionid:
        body["unionid"] = unionid
    return answer(body)


@bp.get("/sns/auth")
@public
def auth() -> Response:
    """Is this access token valid for this openid?  Success carries ``errcode: 0``."""
    if (failure := _injected()) is not None:
        return failure
    try:
        _checked_token()
    except StandinError as exc:
        return error_answer(exc.errcode)
    return answer({"errcode": 0, "errmsg": "ok"})


