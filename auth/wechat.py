"""WeChat sign-in: an Authlib Flask client that speaks WeChat's dialect of OAuth 2.

A pure client (no models, no views).  The sign-in views call exactly these:

* :func:`is_wechat_browser` -- is this the WeChat in-app browser (``MicroMessenger``)?
* :func:`begin_login` -- the redirect to WeChat's authorize page; Authlib keeps ``state``
  (and the ``redirect_uri``) in the session.
* :func:`complete_login` -- on the callback: check ``state``, exchange the ``code``, read
  the profile, return a :class:`WeChatUser`, or raise one of the errors below.
* :func:`refresh` and :func:`check_token` -- ``sns/oauth2/refresh_token`` and ``sns/auth``.

Errors (all :class:`WeChatLoginError`): :class:`WeChatCancelled` (no ``code``: the user
denied), :class:`WeChatStateError` (``state`` missing, forged or replayed),
:class:`WeChatError` (an ``errcode`` other than 0), :class:`WeChatUnavailable` (timeout,
network error, HTTP error, an answer that is not JSON, ``errcode`` -1 "system error"),
:class:`WeChatSnapshotUser` (a 快照页 virtual account: ``is_snapshotuser: 1``).

Two WeChat apps: ``"web"`` is the website app (QR login on a PC, ``/connect/qrconnect``,
scope ``snsapi_login``); ``"mp"`` the official account (inside WeChat,
``/connect/oauth2/authorize``, ``snsapi_userinfo``, or ``snsapi_base`` when silent).

What differs from standard OAuth 2 (``../shared/reference/wechat-and-sms.md`` §1-2):
``appid``/``secret`` instead of ``client_id``/``client_secret``; the authorize URL's
parameters in the documented order plus ``#wechat_redirect``; the token exchange is a GET
with the credentials in the query; answers are JSON served as ``text/plain`` and decoded
here as UTF-8 (never ``resp.json()``, which would read them as ISO-8859-1); errors are
HTTP 200 with ``errcode`` (matched by number, never by message), and ``errcode: 0`` is
success.

The hosts come from ``WECHAT_OPEN_BASE_URL`` and ``WECHAT_API_BASE_URL`` at request time.
A base URL that is a path (``/_wechat``, the stand-in's default) means "this app": the
browser goes to the request's own host, and the server-side calls are served by the app
itself in-process (no socket, so a single-process server cannot deadlock on itself).
"""

from __future__ import annotations

import concurrent.futures
import dataclasses
import io
import json
import logging
import time
import typing as t
from urllib.parse import quote, urlencode, urlsplit

import requests
from authlib.integrations.base_client import MismatchingStateError, OAuthError
from authlib.integrations.flask_client import FlaskIntegration, FlaskOAuth2App
from authlib.integrations.requests_client import OAuth2Session
from flask import Flask, current_app, request
from flask_babel import get_locale
from requests.adapters import BaseAdapter
from requests.structures import CaseInsensitiveDict
from requests.utils import get_encoding_from_headers
from werkzeug.test import EnvironBuilder, run_wsgi_app
from werkzeug.wrappers import Response

logger = logging.getLogger(__name__)

Kind = t.Literal["web", "mp"]

TOKEN_PATH = "/sns/oauth2/access_token"
REFRESH_PATH = "/sns/oauth2/refresh_token"
USERINFO_PATH = "/sns/userinfo"
AUTH_PATH = "/sns/auth"
# Scopes whose token may read sns/userinfo (snsapi_base may not: 48001).
PROFILE_SCOPES = frozenset({"snsapi_login", "snsapi_userinfo"})
# sns/auth errcodes that mean "this token is not (or no longer) valid for this openid".
INVALID_TOKEN_ERRCODES = frozenset({40001, 40003, 40014, 42001})


@dataclasses.dataclass(frozen=True)
class Registration:
    """One WeChat app: its Authlib name, its settings and its authorize page."""

    name: str
    settings_prefix: str
    authorize_path: str


REGISTRATIONS: dict[str, Registration] = {
    "web": Registration("wechat_web", "WECHAT_WEB", "/connect/qrconnect"),
    "mp": Registration("wechat_mp", "WECHAT_MP", "/connect/oauth2/authorize"),
}


# -- errors ---------------------------------------------------------------------------------


class WeChatLoginError(Exception):
    """Base of every WeChat sign-in failure; none of them may create an account."""


class WeChatCancelled(WeChatLoginError):
    """The callback has no ``code``: the user denied (WeChat sends no ``error=``)."""


class WeChatStateError(WeChatLoginError):
    """``state`` is missing, unknown to this session, or was already used (login CSRF, replay)."""


class WeChatError(WeChatLoginError):
    """WeChat answered with an ``errcode`` other than 0.  Match :attr:`errcode`, never the message.

    Frequent: 40029 invalid code, 40163 code been used, 42003 code expired, 40013 invalid
    appid, 40125 invalid appsecret, 41004 appsecret missing, 48001 api unauthorized,
    40030 invalid refresh_token, 42002 refresh_token expired.
    """

    def __init__(self, errcode: int, errmsg: str = "") -> None:
        super().__init__(f"WeChat errcode {errcode}")
        self.errcode = errcode
        self.errmsg = errmsg  # carries a per-request "rid"; for logs, never for matching


class WeChatUnavailable(WeChatLoginError):
    """WeChat could not be reached or gave an unusable answer: ask the user to retry later."""

    def __init__(self, reason: str, errcode: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.errcode = errcode  # -1 when WeChat said "system error"


class WeChatSnapshotUser(WeChatLoginError):
    """A 快照页 (snapshot page) login: virtual account data that must not create or bind
    an account.  Ask the user to tap "use the full service" and sign in again."""

    def __init__(self, user: WeChatUser) -> None:
        super().__init__("snapshot-page user")
        self.user = user


# -- result ---------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class WeChatUser:
    """Who signed in.  ``unionid`` is the account's WeChat identity when present; the
    ``(appid, openid)`` pair identifies the user within one app (the only id of a silent
    ``snsapi_base`` login).  Compare ids as exact strings."""

    appid: str
    openid: str
    unionid: str | None
    nickname: str | None
    headimgurl: str | None
    scope: tuple[str, ...]
    is_snapshot: bool = False
    # WeChat's token answer (access_token, refresh_token, expires_at, ...), for refresh()
    # and check_token(); sign-in does not need it, so do not store it without a reason.
    token: t.Mapping[str, t.Any] = dataclasses.field(default_factory=dict, repr=False, compare=False)


# -- public API -----------------------------------------------------------------------------


def is_wechat_browser(user_agent: str | None) -> bool:
    """True for WeChat's in-app browser, whose User-Agent contains ``MicroMessenger``."""
    return "micromessenger" in (user_agent or "").lower()


def begin_login(kind: Kind, redirect_uri: str, *, silent: bool = False) -> Response:
    """Redirect the browser to WeChat's authorize page.

    :param kind: ``"web"`` (QR login, ``snsapi_login``) or ``"mp"`` (inside WeChat).
    :param redirect_uri: the absolute callback URL; its host must be registered at WeChat.
    :param silent: ``"mp"`` only: ``snsapi_base`` (openid only, no page) instead of
        ``snsapi_userinfo``.
    """
    client = _client(kind)
    if kind == "web":
        if silent:
            raise ValueError("website QR login has no silent mode")
        scope, extra = "snsapi_login", {"lang": "en"} if _is_english() else {}
    else:
        scope, extra = ("snsapi_base" if silent else "snsapi_userinfo"), {}
    return client.authorize_redirect(redirect_uri, scope=scope, **extra)


def complete_login(kind: Kind) -> WeChatUser:
    """Finish the sign-in on the callback request (``code`` and ``state`` in ``request.args``).

    The ``state`` is checked and used up first, then the ``code`` is exchanged (GET
    ``sns/oauth2/access_token``), then, for a profile scope, ``sns/userinfo`` is read.

    :raises WeChatStateError: ``state`` missing, forged or replayed.
    :raises WeChatCancelled: no ``code`` (the user denied).
    :raises WeChatSnapshotUser: ``is_snapshotuser: 1``.
    :raises WeChatError: an ``errcode`` (e.g. 40163 when the code was used already).
    :raises WeChatUnavailable: timeout, network or HTTP error, an answer that is not JSON.
    """
    client = _client(kind)
    try:
        token = client.authorize_access_token()
    except MismatchingStateError:
        raise WeChatStateError("state missing, unknown or already used") from None
    except WeChatLoginError:
        raise
    except OAuthError:  # an ``error=`` parameter: not WeChat's way, but it means "no"
        raise WeChatCancelled("the authorization server reported an error") from None
    openid = token.get("openid")
    if not isinstance(openid, str) or not openid:
        raise WeChatUnavailable("token answer without openid")
    scope = _scopes(token.get("scope")) or (("snsapi_login",) if kind == "web" else ())
    is_snapshot = str(token.get("is_snapshotuser", "")) == "1"
    unionid = _text(token.get("unionid"))
    nickname = headimgurl = None
    if not is_snapshot and set(scope) & PROFILE_SCOPES:
        info = client.wechat_userinfo(token, lang="en" if _is_english() else "zh_CN")
        if info.get("openid") != openid:
            raise WeChatUnavailable("userinfo answered for another openid")
        nickname = _text(info.get("nickname"))
        headimgurl = _text(info.get("headimgurl"))
        unionid = _text(info.get("unionid")) or unionid
    user = WeChatUser(appid=client.client_id, openid=openid, unionid=unionid, nickname=nickname,
                      headimgurl=headimgurl, scope=scope, is_snapshot=is_snapshot, token=token)
    if is_snapshot:
        logger.info("wechat %s sign-in refused: snapshot-page user", kind)
        raise WeChatSnapshotUser(user)
    return user


def refresh(kind: Kind, refresh_token: str) -> dict[str, t.Any]:
    """``sns/oauth2/refresh_token`` (GET, no secret): a still-valid access token is extended,
    an expired one replaced.  Returns WeChat's answer plus ``expires_at``.

    :raises WeChatError: 40030 invalid refresh_token, 42002 refresh_token expired, ...
    :raises WeChatUnavailable: as :func:`complete_login`.
    """
    client = _client(kind)
    params = {"appid": client.client_id, "grant_type": "refresh_token", "refresh_token": refresh_token}
    with client._get_oauth_client() as session:
        data = wechat_get(session, client.api_url(REFRESH_PATH), params, client.timeout)
    return _with_expiry(data)


def check_token(access_token: str, openid: str) -> bool:
    """``sns/auth``: is ``access_token`` valid for ``openid``?  (Success carries ``errcode: 0``.)

    False for an invalid, expired or foreign token; other errcodes raise :class:`WeChatError`.
    """
    base, app = _api_base()
    with requests.Session() as session:
        _mount_in_process(session, base, app)
        try:
            wechat_get(session, base + AUTH_PATH, {"access_token": access_token, "openid": openid},
                       current_app.config["WECHAT_HTTP_TIMEOUT"])
        except WeChatError as exc:
            if exc.errcode in INVALID_TOKEN_ERRCODES:
                return False
            raise
    return True


# -- the Authlib client -----------------------------------------------------------------------


class WeChatApp(FlaskOAuth2App):
    """Authlib's Flask OAuth 2 client with WeChat's authorize URL, token call and answers."""

    timeout: float = 5.0
    in_process_app: Flask | None = None  # serves a base URL that is a path (the stand-in)

    def _get_oauth_client(self, **metadata: t.Any) -> t.Any:
        session = super()._get_oauth_client(**metadata)
        _mount_in_process(session, self.api_base_url or "", self.in_process_app)
        return session

    def api_url(self, path: str) -> str:
        return (self.api_base_url or "").rstrip("/") + path

    def create_authorization_url(self, redirect_uri: str | None = None, **kwargs: t.Any) -> dict[str, t.Any]:
        """Authlib's URL and state, rewritten as WeChat documents it: ``appid``,
        ``redirect_uri``, ``response_type``, ``scope``, ``state`` in that order (WeChat
        matches the order strictly), then ``#wechat_redirect``."""
        rv = super().create_authorization_url(redirect_uri, **kwargs)
        params = [("appid", self.client_id), ("redirect_uri", redirect_uri or ""), ("response_type", "code"),
                  ("scope", kwargs["scope"]), ("state", rv["state"])]
        if kwargs.get("lang"):
            params.append(("lang", kwargs["lang"]))  # qrconnect's page language (cn|en)
        rv["url"] = f"{self.authorize_url}?{urlencode(params, quote_via=quote, safe='')}#wechat_redirect"
        return rv

    def fetch_access_token(self, redirect_uri: str | None = None, **kwargs: t.Any) -> dict[str, t.Any]:
        """Code -> token: GET with ``appid``, ``secret``, ``code``, ``grant_type`` in the query
        (Authlib's default, a POST with HTTP Basic, is not what WeChat documents)."""
        code = kwargs.get("code")
        if not code:
            raise WeChatCancelled("callback without code")
        params = {"appid": self.client_id, "secret": self.client_secret, "code": code,
                  "grant_type": "authorization_code"}
        with self._get_oauth_client() as session:
            data = wechat_get(session, self.access_token_url, params, self.timeout)
        if not data.get("access_token"):
            raise WeChatUnavailable("token answer without access_token")
        return _with_expiry(data)

    def wechat_userinfo(self, token: t.Mapping[str, t.Any], lang: str = "zh_CN") -> dict[str, t.Any]:
        """``sns/userinfo``: token and openid in the query (no Authorization header)."""
        params = {"access_token": token["access_token"], "openid": token["openid"], "lang": lang}
        with self._get_oauth_client() as session:
            return wechat_get(session, self.api_url(USERINFO_PATH), params, self.timeout)


def wechat_get(session: requests.Session, url: str, params: t.Mapping[str, t.Any], timeout: float) -> dict[str, t.Any]:
    """GET one WeChat API URL and return its JSON object, or raise.

    The query carries secrets and tokens, so nothing here logs or chains the URL.
    """
    try:
        # An Authlib session would add a Bearer header unless told not to; WeChat wants none.
        extra = {"withhold_token": True} if isinstance(session, OAuth2Session) else {}
        response = session.get(url, params=params, timeout=timeout, **extra)
    except requests.Timeout:
        logger.warning("wechat %s timed out", urlsplit(url).path)
        raise WeChatUnavailable("timeout") from None
    except requests.RequestException as exc:
        logger.warning("wechat %s unreachable: %s", urlsplit(url).path, type(exc).__name__)
        raise WeChatUnavailable(f"network error ({type(exc).__name__})") from None
    return wechat_json(response)


def wechat_json(response: requests.Response) -> dict[str, t.Any]:
    """Decode a WeChat answer: UTF-8 JSON whatever the Content-Type says; ``errcode`` 0 is success."""
    path = urlsplit(response.url or "").path
    if response.status_code != 200:
        logger.warning("wechat %s answered HTTP %s", path, response.status_code)
        raise WeChatUnavailable(f"HTTP {response.status_code}")
    try:
        data = json.loads(response.content.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        logger.warning("wechat %s answered something that is not JSON (%s)", path,
                       response.headers.get("Content-Type", "no content type"))
        raise WeChatUnavailable("answer is not JSON") from None
    if not isinstance(data, dict):
        raise WeChatUnavailable("answer is not a JSON object")
    try:
        errcode = int(data.get("errcode") or 0)
    except (TypeError, ValueError):
        raise WeChatUnavailable("answer has an unreadable errcode") from None
    if errcode == -1:
        logger.warning("wechat %s answered errcode -1 (system error)", path)
        raise WeChatUnavailable("WeChat system error", errcode=-1)
    if errcode != 0:
        logger.info("wechat %s answered errcode %s", path, errcode)
        raise WeChatError(errcode, str(data.get("errmsg") or ""))
    return data


# -- helpers ----------------------------------------------------------------------------------


def _client(kind: str) -> WeChatApp:
    """The Authlib client for one WeChat app, built from the configuration of this request."""
    registration = REGISTRATIONS.get(kind)
    if registration is None:
        raise ValueError(f"unknown WeChat app kind {kind!r}; use 'web' or 'mp'")
    config = current_app.config
    appid = config.get(f"{registration.settings_prefix}_APPID")
    secret = config.get(f"{registration.settings_prefix}_SECRET")
    if not appid or not secret:
        logger.error("%s_APPID / _SECRET are not set: WeChat %s sign-in is off", registration.settings_prefix, kind)
        raise WeChatUnavailable("WeChat sign-in is not configured")
    api_base, app = _api_base()
    client = WeChatApp(
        FlaskIntegration(registration.name), registration.name,
        client_id=appid, client_secret=secret,
        authorize_url=_absolute(config["WECHAT_OPEN_BASE_URL"]) + registration.authorize_path,
        access_token_url=api_base + TOKEN_PATH,
        api_base_url=api_base + "/",
    )
    client.timeout = float(config["WECHAT_HTTP_TIMEOUT"])
    client.in_process_app = app
    return client


def _absolute(base: str) -> str:
    """A base URL; a path is taken on this request's own host (``request.host_url``)."""
    base = base.rstrip("/")
    if base.startswith("/"):
        return request.host_url.rstrip("/") + base
    return base


def _api_base() -> tuple[str, Flask | None]:
    """The API base URL, and the app that serves it in-process when it is a path."""
    configured = current_app.config["WECHAT_API_BASE_URL"]
    app = current_app._get_current_object() if configured.startswith("/") else None  # type: ignore[attr-defined]
    return _absolute(configured), app


def _mount_in_process(session: requests.Session, base: str, app: Flask | None) -> None:
    if app is not None and base:
        session.mount(base.rstrip("/") + "/", InProcessAdapter(app))


def _with_expiry(data: dict[str, t.Any]) -> dict[str, t.Any]:
    try:
        data["expires_at"] = int(time.time()) + int(data.get("expires_in") or 0)
    except (TypeError, ValueError):
        raise WeChatUnavailable("answer has an unreadable expires_in") from None
    return data


def _scopes(value: t.Any) -> tuple[str, ...]:
    # Comma-separated; a live answer once ended in a comma ("snsapi_userinfo,").
    return tuple(part for part in str(value or "").split(",") if part)


def _text(value: t.Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _is_english() -> bool:
    return str(get_locale() or "") == "en"


class InProcessAdapter(BaseAdapter):
    """A requests transport that hands the request to a WSGI app in this process.

    Used when a WeChat base URL is a path (the bundled stand-in): the request goes through
    the app's full HTTP handling, in a worker thread with its own app context, so the
    caller's request context is untouched and ``timeout`` still applies.
    """

    def __init__(self, app: t.Any) -> None:
        super().__init__()
        self.app = app

    def send(self, request: requests.PreparedRequest, stream: bool = False, timeout: t.Any = None,
             verify: t.Any = True, cert: t.Any = None, proxies: t.Any = None) -> requests.Response:
        parts = urlsplit(request.url or "")
        body = request.body.encode() if isinstance(request.body, str) else (request.body or b"")
        builder = EnvironBuilder(path=parts.path, base_url=f"{parts.scheme}://{parts.netloc}",
                                 query_string=parts.query, method=request.method or "GET",
                                 headers=dict(request.headers), data=body)
        try:
            environ = builder.get_environ()
        finally:
            builder.close()
        seconds = sum(x for x in timeout if x) if isinstance(timeout, tuple) else timeout
        pool = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="wechat-in-process")
        try:
            app_iter, status, headers = pool.submit(run_wsgi_app, self.app, environ, True).result(timeout=seconds)
        except concurrent.futures.TimeoutError:
            raise requests.exceptions.ReadTimeout("in-process WeChat call timed out", request=request) from None
        finally:
            pool.shutdown(wait=False)
        content = b"".join(app_iter)
        response = requests.Response()
        response.status_code = int(status.split(" ", 1)[0])
        response.reason = status.split(" ", 1)[1] if " " in status else ""
        response.headers = CaseInsensitiveDict(headers.items())
        response.encoding = get_encoding_from_headers(response.headers)
        response.raw = io.BytesIO(content)
        response._content = content
        response.url = request.url or ""
        response.request = request
        return response

    def close(self) -> None:
        return None
