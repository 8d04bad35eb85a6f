"""The stand-in's state: test personas, pending authorizations, codes and tokens.

Everything lives in one module-level ``STORE`` (in-process, behind a lock): the stand-in
is a development and test tool, so a restart forgets what was issued, and personas
created on the pages are lost (the seeded ones come back with the same openids, which
are derived from the persona and the appid).

Tests change ``STORE.clock`` (a function returning seconds) to move time, ``STORE.knobs``
to change lifetimes and behaviour, and call ``STORE.reset()`` between tests.
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import secrets
import threading
import time
import typing as t

SCOPES_WEB = frozenset({"snsapi_login"})
SCOPES_MP = frozenset({"snsapi_base", "snsapi_userinfo"})
# Scopes whose token may read sns/userinfo (snsapi_base may not: 48001).
USERINFO_SCOPES = frozenset({"snsapi_login", "snsapi_userinfo"})

# WeChat's English message stems; live answers add ", rid: ..." (see error_body()).
ERRMSG: dict[int, str] = {
    -1: "system error",
    40001: "invalid credential, access_token is invalid or not latest",
    40002: "invalid grant_type",
    40003: "invalid openid",
    40013: "invalid appid",
    40014: "invalid access_token",
    40029: "invalid code",
    40030: "invalid refresh_token",
    40125: "invalid appsecret",
    40163: "code been used",
    41001: "access_token missing",
    41002: "appid missing",
    41003: "refresh_token missing",
    41004: "appsecret missing",
    41008: "missing code",
    41009: "missing openid",
    42001: "access_token expired",
    42002: "refresh_token expired",
    42003: "code expired",
    48001: "api unauthorized",
}

# Where a persona lives, as sns/userinfo names it in each ``lang``: (country, province, city).
REGIONS: dict[str, dict[str, tuple[str, str, str]]] = {
    "shenzhen": {"zh_CN": ("中国", "广东", "深圳"), "zh_TW": ("中國", "廣東", "深圳"),
                 "en": ("China", "Guangdong", "Shenzhen")},
    "shanghai": {"zh_CN": ("中国", "上海", "徐汇"), "zh_TW": ("中國", "上海", "徐匯"),
                 "en": ("China", "Shanghai", "Xuhui")},
    "": {"zh_CN": ("", "", ""), "zh_TW": ("", "", ""), "en": ("", "", "")},
}
LANGS = ("zh_CN", "zh_TW", "en")


class StandinError(Exception):
    """An sns endpoint answers with this errcode."""

    def __init__(self, errcode: int) -> None:
        super().__init__(errcode)
        self.errcode = errcode


@dataclasses.dataclass
class Persona:
    """A test WeChat user."""

    id: str
    nickname: str
    sex: int = 0  # 1 male, 2 female, 0 unknown (WeChat's numbers)
    region: str = ""
    is_snapshot: bool = False  # a 快照页 virtual account: logins carry is_snapshotuser=1
    has_avatar: bool = True


@dataclasses.dataclass
class Flow:
    """An authorization page that was shown and waits for Approve or Deny."""

    id: str
    appid: str
    redirect_uri: str
    scope: tuple[str, ...]
    state: str
    created_at: float


@dataclasses.dataclass
class Code:
    value: str
    appid: str
    persona_id: str
    scope: tuple[str, ...]
    issued_at: float
    used: bool = False


@dataclasses.dataclass
class AccessToken:
    value: str
    appid: str
    persona_id: str
    scope: tuple[str, ...]
    expires_at: float


@dataclasses.dataclass
class RefreshToken:
    value: str
    appid: str
    persona_id: str
    scope: tuple[str, ...]
    expires_at: float
    access_token: str


@dataclasses.dataclass
class Knobs:
    """Behaviour that tests and developers may change (``STORE.knobs.code_ttl = 600``)."""

    code_ttl: float = 300  # 5 min (Official Account doc; the website doc says 10)
    token_ttl: int = 7200
    refresh_ttl: float = 30 * 86400
    flow_ttl: float = 600  # how long an authorization page stays usable
    # WeChat serves JSON as text/plain without a charset; "application/json; encoding=utf-8"
    # is the other form seen live.
    content_type: str = "text/plain"
    # Some reports say an expired code answers 40029 rather than 42003.
    expired_code_errcode: int = 42003
    # Apps not bound to an Open Platform account get no unionid.
    unbound_appids: set[str] = dataclasses.field(default_factory=set)
    # Errcodes the next sns calls answer before doing anything (e.g. [-1] for "system error").
    fail_next: list[int] = dataclasses.field(default_factory=list)


def _derived_id(*parts: str) -> str:
    """A stable 28-character id in WeChat's alphabet (``o`` + 27 url-safe characters)."""
    digest = hashlib.sha256(":".join(("wechat-standin", *parts)).encode()).digest()
    return "o" + base64.urlsafe_b64encode(digest).decode()[:27]


def seed_personas() -> list[Persona]:
    return [
        Persona(id="zhangsan", nickname="张三🙂", sex=1, region="shenzhen"),
        Persona(id="lina", nickname="Li Na 李娜", sex=2, region="shanghai"),
        Persona(id="snapshot", nickname="微信用户", is_snapshot=True, has_avatar=False),
    ]


class StandinStore:
    """All the stand-in's state; every method takes the lock."""

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.clock: t.Callable[[], float] = time.time
        self.knobs = Knobs()
        self.reset()

    def reset(self) -> None:
        """Forget everything issued and restore the seeded personas and default knobs."""
        with self.lock:
            self.knobs = Knobs()
            self.personas: dict[str, Persona] = {p.id: p for p in seed_personas()}
            self.flows: dict[str, Flow] = {}
            self.codes: dict[str, Code] = {}
            self.access_tokens: dict[str, AccessToken] = {}
            self.refresh_tokens: dict[str, RefreshToken] = {}

    def now(self) -> float:
        return self.clock()

    # -- identities ----------------------------------------------------------------

    @staticmethod
    def openid(appid: str, persona_id: str) -> str:
        """The persona's openid in one app: different in each app."""
        return _derived_id("openid", appid, persona_id)

    @staticmethod
    def unionid(persona_id: str) -> str:
        """The persona's unionid: the same in every app bound to the Open Platform account."""
        return _derived_id("unionid", persona_id)

    def unionid_for(self, appid: str, persona_id: str, scope: t.Iterable[str]) -> str | None:
        """unionid only for a bound app and a scope that shows the profile (not snsapi_base)."""
        if appid in self.knobs.unbound_appids or not set(scope) & USERINFO_SCOPES:
            return None
        return self.unionid(persona_id)

    # -- personas ------------------------------------------------------------------

    def persona_list(self) -> list[Persona]:
        with self.lock:
            return list(self.personas.values())

    def persona(self, persona_id: str | None) -> Persona | None:
        with self.lock:
            return self.personas.get(persona_id or "")

    def add_persona(self, nickname: str, *, sex: int = 0, is_snapshot: bool = False) -> Persona:
        with self.lock:
            persona = Persona(id="p" + secrets.token_hex(5), nickname=nickname, sex=sex,
                              is_snapshot=is_snapshot, has_avatar=True)
            self.personas[persona.id] = persona
            return persona

    # -- authorization pages -------------------------------------------------------

    def start_flow(self, appid: str, redirect_uri: str, scope: tuple[str, ...], state: str) -> Flow:
        with self.lock:
            now = self.now()
            self._prune(now)
            flow = Flow(id=secrets.token_urlsafe(16), appid=appid, redirect_uri=redirect_uri,
                        scope=scope, state=state, created_at=now)
            self.flows[flow.id] = flow
            return flow

    def get_flow(self, flow_id: str) -> Flow | None:
        """The pending authorization, if it has not expired."""
        with self.lock:
            flow = self.flows.get(flow_id or "")
            if flow is None or self.now() - flow.created_at > self.knobs.flow_ttl:
                return None
            return flow

    def take_flow(self, flow_id: str) -> Flow | None:
        """The pending authorization, removed: each page is answered once."""
        with self.lock:
            flow = self.flows.pop(flow_id or "", None)
            if flow is None or self.now() - flow.created_at > self.knobs.flow_ttl:
                return None
            return flow

    # -- codes and tokens ----------------------------------------------------------

    def issue_code(self, appid: str, persona_id: str, scope: tuple[str, ...]) -> str:
        with self.lock:
            value = secrets.token_urlsafe(24)
            self.codes[value] = Code(value=value, appid=appid, persona_id=persona_id, scope=scope,
                                     issued_at=self.now())
            return value

    def redeem_code(self, appid: str, value: str) -> tuple[AccessToken, RefreshToken]:
        """Exchange a code once; raise StandinError(40163 / 40029 / 42003)."""
        with self.lock:
            code = self.codes.get(value)
            if code is not None and code.used:
                raise StandinError(40163)
            if code is None or code.appid != appid:
                raise StandinError(40029)
            if self.now() - code.issued_at > self.knobs.code_ttl:
                raise StandinError(self.knobs.expired_code_errcode)
            code.used = True
            access = self._new_access_token(code.appid, code.persona_id, code.scope)
            refresh = RefreshToken(value=secrets.token_urlsafe(64), appid=code.appid, persona_id=code.persona_id,
                                   scope=code.scope, expires_at=self.now() + self.knobs.refresh_ttl,
                                   access_token=access.value)
            self.refresh_tokens[refresh.value] = refresh
            return access, refresh

    def refresh(self, appid: str, value: str) -> tuple[AccessToken, RefreshToken]:
        """Extend the access token if it is still valid, else issue a new one."""
        with self.lock:
            refresh = self.refresh_tokens.get(value)
            if refresh is None or refresh.appid != appid:
                raise StandinError(40030)
            now = self.now()
            if now >= refresh.expires_at:
                raise StandinError(42002)
            access = self.access_tokens.get(refresh.access_token)
            if access is not None and now < access.expires_at:
                access.expires_at = now + self.knobs.token_ttl
            else:
                access = self._new_access_token(refresh.appid, refresh.persona_id, refresh.scope)
                refresh.access_token = access.value
            return access, refresh

    def check_access_token(self, value: str, openid: str) -> AccessToken:
        """The valid token for ``openid``; raise StandinError(40014 / 40001 / 42001 / 40003)."""
        with self.lock:
            if not value.replace("-", "").replace("_", "").isalnum() or len(value) > 512:
                raise StandinError(40014)
            access = self.access_tokens.get(value)
            if access is None:
                raise StandinError(40001)
            if self.now() >= access.expires_at:
                raise StandinError(42001)
            if openid != self.openid(access.appid, access.persona_id):
                raise StandinError(40003)
            return access

    def injected_failure(self) -> int | None:
        with self.lock:
            return self.knobs.fail_next.pop(0) if self.knobs.fail_next else None

    def _new_access_token(self, appid: str, persona_id: str, scope: tuple[str, ...]) -> AccessToken:
        access = AccessToken(value=secrets.token_urlsafe(64), appid=appid, persona_id=persona_id, scope=scope,
                             expires_at=self.now() + self.knobs.token_ttl)
        self.access_tokens[access.value] = access
        return access

    def _prune(self, now: float) -> None:
        """Drop what can no longer be used (used codes are kept a day to answer 40163)."""
        self.flows = {k: f for k, f in self.flows.items() if now - f.created_at <= self.knobs.flow_ttl}
        self.codes = {k: c for k, c in self.codes.items() if now - c.issued_at <= max(self.knobs.code_ttl, 86400)}
        self.access_tokens = {k: a for k, a in self.access_tokens.items() if now < a.expires_at + 86400}
        self.refresh_tokens = {k: r for k, r in self.refresh_tokens.items() if now < r.expires_at + 86400}


STORE = StandinStore()
