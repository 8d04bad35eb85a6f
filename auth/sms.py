"""SMS delivery behind one small interface, chosen by ``SMS_BACKEND``.

``backend().send(phone_e164, template, params)`` sends the message ``template`` (a logical
name such as ``"verification_code"``) with ``params`` (an ordered mapping of template
variables) to one number.  It returns a ``SendResult`` or raises ``SmsError``:

* ``SmsUnavailable``: timeout, connection error, 5xx, an answer that is not JSON: the
  provider may have sent nothing; the user is told "SMS temporarily unavailable".
* ``SmsRateLimited``: the provider's own flow control refused the number.
* ``SmsRejected``: the provider refused the request (number, template, signature, balance).

Backends:

* ``console`` (development default): logs one line with the number and the code.  This is
  the one place a code is ever logged; production refuses to start with it.
* ``memory`` (tests): keeps messages in ``outbox`` (the ``sms_outbox`` fixture).
* ``aliyun``: Dysmsapi ``SendSms`` (2017-05-25), RPC signature HMAC-SHA1.
* ``tencent``: SMS ``SendSms`` (2021-01-11), API 3.0 signature TC3-HMAC-SHA256.

Templates map logical names to provider template ids through configuration
(``ALIYUN_SMS_TEMPLATES`` / ``TENCENT_SMS_TEMPLATES``: ``name=id`` items), so other
packages (stage-change notices) send through the same backends.

``take_global_code_slot()`` counts verification codes against the site-wide daily cap
(``SMS_DAILY_GLOBAL_LIMIT``), in the rate limiter's storage (memory, or Redis shared by
every web node), so the cap also bounds what codes cost.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import json
import logging
import threading
import time
import typing as t
import uuid
from dataclasses import dataclass, field
from urllib.parse import quote, urlsplit

import requests
from flask import current_app
from limits import RateLimitItemPerDay

from core.config import ConfigError
from core.extensions import limiter

logger = logging.getLogger(__name__)

BACKENDS = ("console", "memory", "aliyun", "tencent")
VERIFICATION_TEMPLATE = "verification_code"
GLOBAL_CAP_KEY = "sms_codes_global"  # one counter for every number and every IP


@dataclass(frozen=True)
class SendResult:
    provider_id: str | None = None


@dataclass(frozen=True)
class SentMessage:
    phone: str
    template: str
    params: dict[str, str]
    sent_dt: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))


class SmsError(Exception):
    """Delivery failed; ``code`` is the provider's error code (for logs, never for users)."""

    def __init__(self, code: str = "", message: str = "") -> None:
        super().__init__(code or message)
        self.code = code
        self.message = message


class SmsUnavailable(SmsError):
    """Timeout, network error, 5xx or an unreadable answer."""


class SmsRateLimited(SmsError):
    """The provider's flow control refused this number for now."""


class SmsRejected(SmsError):
    """The provider refused the request (number, template, signature, balance...)."""


class SmsBackend(t.Protocol):
    def send(self, phone_e164: str, template: str, params: t.Mapping[str, str]) -> SendResult: ...


def template_ids(items: t.Iterable[str]) -> dict[str, str]:
    """``["verification_code=SMS_1", ...]`` -> ``{"verification_code": "SMS_1"}``."""
    mapping: dict[str, str] = {}
    for item in items or ():
        name, sep, value = item.partition("=")
        if sep and name.strip() and value.strip():
            mapping[name.strip()] = value.strip()
    return mapping


# --- console and memory -------------------------------------------------------------


class ConsoleBackend:
    """Development: one log line per message, with the number and the parameters (the code)."""

    def send(self, phone_e164: str, template: str, params: t.Mapping[str, str]) -> SendResult:
        values = " ".join(f"{k}={v}" for k, v in params.items())
        logger.warning("DEV SMS to %s [%s]: %s", phone_e164, template, values)
        return SendResult(provider_id=f"console-{uuid.uuid4().hex[:12]}")


class MemoryBackend:
    """Tests: messages are kept in ``outbox``; ``fail_with`` makes the next sends raise."""

    def __init__(self) -> None:
        self.outbox: list[SentMessage] = []
        self.fail_with: SmsError | None = None
        self._lock = threading.Lock()

    def send(self, phone_e164: str, template: str, params: t.Mapping[str, str]) -> SendResult:
        if self.fail_with is not None:
            raise self.fail_with
        with self._lock:
            self.outbox.append(SentMessage(phone_e164, template, dict(params)))
            return SendResult(provider_id=f"memory-{len(self.outbox)}")

    def clear(self) -> None:
        with self._lock:
            self.outbox.clear()
        self.fail_with = None


# --- Aliyun ----------------------------------------------------------------------------


def aliyun_percent_encode(value: str) -> str:
    """Aliyun's POP encoding: RFC 3986 unreserved characters kept, everything else %XX."""
    return quote(str(value), safe="-_.~")


def aliyun_string_to_sign(params: t.Mapping[str, str], method: str = "GET") -> str:
    canonical = "&".join(
        f"{aliyun_percent_encode(k)}={aliyun_percent_encode(v)}"
        for k, v in sorted(params.items()) if k != "Signature"
    )
    return f"{method}&{aliyun_percent_encode('/')}&{aliyun_percent_encode(canonical)}"


def aliyun_sign(params: t.Mapping[str, str], access_key_secret: str, method: str = "GET") -> str:
    """RPC signature (SignatureVersion 1.0, HMAC-SHA1), key ``secret + "&"``, base64."""
    digest = hmac.new(f"{access_key_secret}&".encode(), aliyun_string_to_sign(params, method).encode(),
                      hashlib.sha1).digest()
    return base64.b64encode(digest).decode()


ALIYUN_RATE_LIMIT_CODES = {"isv.BUSINESS_LIMIT_CONTROL", "isv.DAY_LIMIT_CONTROL", "Throttling.User",
                           "isv.MINUTE_LIMIT_CONTROL", "isv.HOUR_LIMIT_CONTROL"}


class AliyunBackend:
    def __init__(self, *, access_key_id: str, access_key_secret: str, sign_name: str,
                 templates: t.Mapping[str, str], endpoint: str = "https://dysmsapi.aliyuncs.com/",
                 timeout: float = 5, session: requests.Session | None = None) -> None:
        self.access_key_id = access_key_id
        self.access_key_secret = access_key_secret
        self.sign_name = sign_name
        self.templates = dict(templates)
        self.endpoint = endpoint
        self.timeout = timeout
        self.session = session or requests.Session()

    def signed_params(self, phone_e164: str, template: str, params: t.Mapping[str, str], *,
                      nonce: str | None = None, timestamp: str | None = None) -> dict[str, str]:
        if template not in self.templates:
            raise SmsRejected("template_not_configured", f"no Aliyun template for {template!r}")
        # Mainland numbers as the 11-digit national number; others in E.164 without "+".
        number = phone_e164[3:] if phone_e164.startswith("+86") else phone_e164.lstrip("+")
        query = {
            "AccessKeyId": self.access_key_id,
            "Action": "SendSms",
            "Format": "JSON",
            "PhoneNumbers": number,
            "RegionId": "cn-hangzhou",
            "SignName": self.sign_name,
            "SignatureMethod": "HMAC-SHA1",
            "SignatureNonce": nonce or uuid.uuid4().hex,
            "SignatureVersion": "1.0",
            "TemplateCode": self.templates[template],
            "TemplateParam": json.dumps(dict(params), ensure_ascii=False, separators=(",", ":")),
            "Timestamp": timestamp or time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "Version": "2017-05-25",
        }
        query["Signature"] = aliyun_sign(query, self.access_key_secret, "GET")
        return query

    def send(self, phone_e164: str, template: str, params: t.Mapping[str, str]) -> SendResult:
        query = self.signed_params(phone_e164, template, params)
        try:
            response = self.session.get(self.endpoint, params=query, timeout=self.timeout)
        except requests.RequestException as exc:
            raise SmsUnavailable(type(exc).__name__) from None
        data = _json_or_none(response)
        if data is None:
            raise SmsUnavailable(f"http_{response.status_code}")
        code = str(data.get("Code", ""))
        if code == "OK":
            return SendResult(provider_id=str(data.get("BizId") or "") or None)
        if code in ALIYUN_RATE_LIMIT_CODES:
            raise SmsRateLimited(code, str(data.get("Message", "")))
        if code.startswith("isp.") or response.status_code >= 500:
            raise SmsUnavailable(code or f"http_{response.status_code}", str(data.get("Message", "")))
        raise SmsRejected(code or f"http_{response.status_code}", str(data.get("Message", "")))


# --- Tencent Cloud ---------------------------------------------------------------------


def tc3_signature(secret_key: str, date: str, service: str, string_to_sign: str) -> str:
    def _hmac(key: bytes, msg: str) -> bytes:
        return hmac.new(key, msg.encode(), hashlib.sha256).digest()

    secret_date = _hmac(f"TC3{secret_key}".encode(), date)
    secret_service = _hmac(secret_date, service)
    secret_signing = _hmac(secret_service, "tc3_request")
    return hmac.new(secret_signing, string_to_sign.encode(), hashlib.sha256).hexdigest()


def tc3_authorization(*, secret_id: str, secret_key: str, service: str, host: str, payload: str,
                      timestamp: int, content_type: str = "application/json; charset=utf-8") -> str:
    """The ``Authorization`` header of a POST with a JSON body (TC3-HMAC-SHA256)."""
    date = dt.datetime.fromtimestamp(timestamp, dt.UTC).strftime("%Y-%m-%d")
    canonical_headers = f"content-type:{content_type}\nhost:{host}\n"
    signed_headers = "content-type;host"
    canonical_request = "\n".join([
        "POST", "/", "", canonical_headers, signed_headers,
        hashlib.sha256(payload.encode()).hexdigest(),
    ])
    scope = f"{date}/{service}/tc3_request"
    string_to_sign = "\n".join([
        "TC3-HMAC-SHA256", str(timestamp), scope, hashlib.sha256(canonical_request.encode()).hexdigest(),
    ])
    signature = tc3_signature(secret_key, date, service, string_to_sign)
    return (f"TC3-HMAC-SHA256 Credential={secret_id}/{scope}, "
            f"SignedHeaders={signed_headers}, Signature={signature}")


TENCENT_UNAVAILABLE_PREFIXES = ("InternalError", "RequestLimitExceeded", "ResourceUnavailable")


class TencentBackend:
    SERVICE = "sms"
    VERSION = "2021-01-11"
    CONTENT_TYPE = "application/json; charset=utf-8"

    def __init__(self, *, secret_id: str, secret_key: str, sdk_app_id: str, sign_name: str,
                 templates: t.Mapping[str, str], region: str = "ap-guangzhou",
                 endpoint: str = "https://sms.tencentcloudapi.com/", timeout: float = 5,
                 session: requests.Session | None = None) -> None:
        self.secret_id = secret_id
        self.secret_key = secret_key
        self.sdk_app_id = sdk_app_id
        self.sign_name = sign_name
        self.templates = dict(templates)
        self.region = region
        self.endpoint = endpoint
        self.timeout = timeout
        self.session = session or requests.Session()

    def signed_request(self, phone_e164: str, template: str, params: t.Mapping[str, str], *,
                       timestamp: int | None = None) -> tuple[dict[str, str], str]:
        if template not in self.templates:
            raise SmsRejected("template_not_configured", f"no Tencent template for {template!r}")
        body = {
            "PhoneNumberSet": [phone_e164],
            "SmsSdkAppId": self.sdk_app_id,
            "SignName": self.sign_name,
            "TemplateId": self.templates[template],
            "TemplateParamSet": [str(v) for v in params.values()],
        }
        payload = json.dumps(body, ensure_ascii=False, separators=(",", ":"))
        timestamp = int(time.time()) if timestamp is None else timestamp
        host = urlsplit(self.endpoint).netloc
        headers = {
            "Authorization": tc3_authorization(secret_id=self.secret_id, secret_key=self.secret_key,
                                               service=self.SERVICE, host=host, payload=payload,
                                               timestamp=timestamp, content_type=self.CONTENT_TYPE),
            "Content-Type": self.CONTENT_TYPE,
            "Host": host,
            "X-TC-Action": "SendSms",
            "X-TC-Version": self.VERSION,
            "X-TC-Timestamp": str(timestamp),
            "X-TC-Region": self.region,
        }
        return headers, payload

    def send(self, phone_e164: str, template: str, params: t.Mapping[str, str]) -> SendResult:
        headers, payload = self.signed_request(phone_e164, template, params)
        try:
            response = self.session.post(self.endpoint, data=payload.encode(), headers=headers,
                                         timeout=self.timeout)
        except requests.RequestException as exc:
            raise SmsUnavailable(type(exc).__name__) from None
        data = _json_or_none(response)
        if data is None or not isinstance(data.get("Response"), dict):
            raise SmsUnavailable(f"http_{response.status_code}")
        answer = data["Response"]
        if isinstance(answer.get("Error"), dict):
            code = str(answer["Error"].get("Code", ""))
            message = str(answer["Error"].get("Message", ""))
            if code.startswith("LimitExceeded"):
                raise SmsRateLimited(code, message)
            if code.startswith(TENCENT_UNAVAILABLE_PREFIXES):
                raise SmsUnavailable(code, message)
            raise SmsRejected(code, message)
        statuses = answer.get("SendStatusSet") or []
        status = statuses[0] if statuses and isinstance(statuses[0], dict) else {}
        code = str(status.get("Code", ""))
        if code == "Ok":
            return SendResult(provider_id=str(status.get("SerialNo") or "") or None)
        if code.startswith("LimitExceeded"):
            raise SmsRateLimited(code, str(status.get("Message", "")))
        if not code:
            raise SmsUnavailable("no_status")
        raise SmsRejected(code, str(status.get("Message", "")))


def _json_or_none(response: requests.Response) -> dict[str, t.Any] | None:
    try:
        data = json.loads(response.content.decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        return None
    return data if isinstance(data, dict) else None


# --- the site-wide cap -----------------------------------------------------------------


def take_global_code_slot() -> bool:
    """Count one verification code against ``SMS_DAILY_GLOBAL_LIMIT`` (codes per day over
    the whole site); False when the cap is reached: send nothing.

    The counter is Flask-Limiter's (its storage and strategy, with a constant key), so it is
    off with the other limits (``RATELIMIT_ENABLED=false``) and, with Redis, shared by every
    web node.  A Redis outage raises ``RedisError`` (the request fails closed with a 503).
    """
    cap = int(current_app.config.get("SMS_DAILY_GLOBAL_LIMIT") or 0)
    if cap <= 0 or not (limiter.enabled and limiter.initialized):
        return True
    prefix = str(current_app.config.get("RATELIMIT_KEY_PREFIX") or "")
    if limiter.limiter.hit(RateLimitItemPerDay(cap), *filter(None, (prefix, GLOBAL_CAP_KEY))):
        return True
    logger.warning("SMS daily global cap reached (%s codes per day): code not sent", cap)
    return False


# --- selection -------------------------------------------------------------------------


def check_config(config: t.Mapping[str, t.Any]) -> None:
    """Fail fast: an unknown backend, or a development backend in production."""
    name = config.get("SMS_BACKEND") or ""
    if config.get("APP_ENV") == "production" and name not in ("aliyun", "tencent"):
        raise ConfigError("SMS_BACKEND must be 'aliyun' or 'tencent' in production (see docs/auth.md).")
    if name not in BACKENDS:
        raise ConfigError(f"SMS_BACKEND must be one of {', '.join(BACKENDS)}, not {name!r}.")
    required = {
        "aliyun": ("ALIYUN_ACCESS_KEY_ID", "ALIYUN_ACCESS_KEY_SECRET", "ALIYUN_SMS_SIGN_NAME"),
        "tencent": ("TENCENT_SECRET_ID", "TENCENT_SECRET_KEY", "TENCENT_SMS_SDK_APP_ID", "TENCENT_SMS_SIGN_NAME"),
    }.get(name, ())
    missing = [key for key in required if not config.get(key)]
    if missing:
        raise ConfigError(f"SMS_BACKEND={name} needs {', '.join(missing)} (see docs/auth.md).")
    cap = config.get("SMS_DAILY_GLOBAL_LIMIT", 0)
    if not isinstance(cap, int) or cap < 0:
        raise ConfigError("SMS_DAILY_GLOBAL_LIMIT must be a whole number of codes per day, 0 for no cap.")


def build(config: t.Mapping[str, t.Any]) -> SmsBackend:
    name = config.get("SMS_BACKEND") or "console"
    timeout = float(config.get("SMS_TIMEOUT_SECONDS") or 5)
    if name == "memory":
        return MemoryBackend()
    if name == "aliyun":
        return AliyunBackend(
            access_key_id=config["ALIYUN_ACCESS_KEY_ID"], access_key_secret=config["ALIYUN_ACCESS_KEY_SECRET"],
            sign_name=config["ALIYUN_SMS_SIGN_NAME"], templates=template_ids(config.get("ALIYUN_SMS_TEMPLATES") or []),
            endpoint=config.get("ALIYUN_SMS_ENDPOINT") or "https://dysmsapi.aliyuncs.com/", timeout=timeout)
    if name == "tencent":
        return TencentBackend(
            secret_id=config["TENCENT_SECRET_ID"], secret_key=config["TENCENT_SECRET_KEY"],
            sdk_app_id=config["TENCENT_SMS_SDK_APP_ID"], sign_name=config["TENCENT_SMS_SIGN_NAME"],
            templates=template_ids(config.get("TENCENT_SMS_TEMPLATES") or []),
            region=config.get("TENCENT_SMS_REGION") or "ap-guangzhou",
            endpoint=config.get("TENCENT_SMS_ENDPOINT") or "https://sms.tencentcloudapi.com/", timeout=timeout)
    return ConsoleBackend()


def backend() -> SmsBackend:
    """The app's backend (built once per app, kept in ``app.extensions``)."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    existing = app.extensions.get("sms_backend")
    if existing is None:
        existing = app.extensions["sms_backend"] = build(app.config)
    return t.cast(SmsBackend, existing)
