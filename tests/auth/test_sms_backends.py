"""auth/sms.py: request signing against the providers' documented examples, and the
mapping of provider answers (success, rate limiting, rejection, timeout) -- all offline."""

from __future__ import annotations

import json
import logging

import pytest
import requests

from auth import sms

# --- Aliyun RPC signature (HMAC-SHA1): the two worked examples of Aliyun's documentation ---

def test_aliyun_signature_matches_the_documented_rpc_example():
    params = {"AccessKeyId": "testid", "Action": "DescribeRegions", "Format": "XML",
              "SignatureMethod": "HMAC-SHA1", "SignatureNonce": "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf",
              "SignatureVersion": "1.0", "Timestamp": "2016-02-23T12:46:24Z", "Version": "2014-05-26"}
    assert sms.aliyun_string_to_sign(params) == (
        "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML"
        "%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"
        "%26SignatureVersion%3D1.0%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26")
    assert sms.aliyun_sign(params, "testsecret") == "OLeaidS1JvxuMvnyHOwuJ+uX5qY="


def test_aliyun_signature_matches_the_documented_sendsms_example_with_chinese_sign_name():
    params = {"AccessKeyId": "testId", "Action": "SendSms", "Format": "XML", "OutId": "123",
              "PhoneNumbers": "15300000001", "RegionId": "cn-hangzhou", "SignName": "阿里云短信测试专用",
              "SignatureMethod": "HMAC-SHA1", "SignatureNonce": "45e25e9b-0a6f-4070-8c85-2956eda1b466",
              "SignatureVersion": "1.0", "TemplateCode": "SMS_71390007", "TemplateParam": '{"customer":"test"}',
              "Timestamp": "2017-07-12T02:42:19Z", "Version": "2017-05-25"}
    assert sms.aliyun_sign(params, "testSecret") == "zJDF+Lrzhj/ThnlvIToysFRq6t4="
    assert sms.aliyun_sign({**params, "Signature": "old"}, "testSecret") == "zJDF+Lrzhj/ThnlvIToysFRq6t4="


def test_aliyun_percent_encoding_follows_pop_rules():
    assert sms.aliyun_percent_encode("a b*c~d") == "a%20b%2Ac~d"
    assert sms.aliyun_percent_encode("/=&+") == "%2F%3D%26%2B"


# --- Tencent Cloud TC3-HMAC-SHA256: the worked example of the API 3.0 signature documentation ---

def test_tencent_tc3_signature_matches_the_documented_example():
    payload = '{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}'
    authorization = sms.tc3_authorization(
        secret_id="AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE", secret_key="Gu5t9xGARNpq86cd98joQYCN3EXAMPLE",
        service="cvm", host="cvm.tencentcloudapi.com", payload=payload, timestamp=1551113065)
    assert authorization == (
        "TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/cvm/tc3_request, "
        "SignedHeaders=content-type;host, "
        "Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168")


# --- adapters against a fake HTTP session ---

class FakeSession:
    def __init__(self, *, status=200, body=None, raw=None, exc=None):
        self.status, self.body, self.raw, self.exc = status, body, raw, exc
        self.calls = []

    def _answer(self, method, url, **kw):
        self.calls.append((method, url, kw))
        if self.exc:
            raise self.exc
        response = requests.Response()
        response.status_code = self.status
        response._content = self.raw if self.raw is not None else json.dumps(self.body).encode()
        response.headers["Content-Type"] = "text/plain"
        return response

    def get(self, url, **kw):
        return self._answer("GET", url, **kw)

    def post(self, url, **kw):
        return self._answer("POST", url, **kw)


def aliyun(session):
    return sms.AliyunBackend(access_key_id="id", access_key_secret="secret", sign_name="地平线",
                             templates={"verification_code": "SMS_1"}, session=session, timeout=3)


def tencent(session):
    return sms.TencentBackend(secret_id="AKID", secret_key="key", sdk_app_id="1400000000", sign_name="地平线",
                              templates={"verification_code": "100"}, session=session, timeout=3)


def test_aliyun_send_signs_the_request_and_reads_ok():
    session = FakeSession(body={"Code": "OK", "Message": "OK", "BizId": "900^0", "RequestId": "r"})
    result = aliyun(session).send("+8613800138000", "verification_code", {"code": "123456"})
    assert result.provider_id == "900^0"
    method, url, kw = session.calls[0]
    params = kw["params"]
    assert method == "GET" and kw["timeout"] == 3
    assert params["PhoneNumbers"] == "13800138000" and params["TemplateCode"] == "SMS_1"
    assert json.loads(params["TemplateParam"]) == {"code": "123456"}
    assert params["Signature"] == sms.aliyun_sign(params, "secret")


@pytest.mark.parametrize(("body", "error"), [
    ({"Code": "isv.BUSINESS_LIMIT_CONTROL", "Message": "触发天级流控Permits:10"}, sms.SmsRateLimited),
    ({"Code": "isv.MOBILE_NUMBER_ILLEGAL", "Message": "x"}, sms.SmsRejected),
    ({"Code": "isv.AMOUNT_NOT_ENOUGH", "Message": "x"}, sms.SmsRejected),
    ({"Code": "isp.SYSTEM_ERROR", "Message": "x"}, sms.SmsUnavailable),
])
def test_aliyun_errors_become_typed_errors(body, error):
    with pytest.raises(error) as info:
        aliyun(FakeSession(body=body)).send("+8613800138000", "verification_code", {"code": "1"})
    assert info.value.code == body["Code"]


@pytest.mark.parametrize("session", [
    FakeSession(exc=requests.Timeout()), FakeSession(exc=requests.ConnectionError()),
    FakeSession(status=502, raw=b"<html>bad gateway</html>"), FakeSession(raw=b""),
])
def test_timeouts_and_unreadable_answers_mean_unavailable(session):
    with pytest.raises(sms.SmsUnavailable):
        aliyun(session).send("+8613800138000", "verification_code", {"code": "1"})
    with pytest.raises(sms.SmsUnavailable):
        tencent(session).send("+8613800138000", "verification_code", {"code": "1"})


def test_tencent_send_posts_signed_json_and_reads_ok():
    session = FakeSession(body={"Response": {"SendStatusSet": [{"SerialNo": "s1", "PhoneNumber": "+8613800138000",
                                                                "Code": "Ok", "Message": "send success"}],
                                             "RequestId": "r"}})
    result = tencent(session).send("+8613800138000", "verification_code", {"code": "123456", "minutes": "5"})
    assert result.provider_id == "s1"
    method, url, kw = session.calls[0]
    body = json.loads(kw["data"])
    assert method == "POST" and kw["timeout"] == 3
    assert body["PhoneNumberSet"] == ["+8613800138000"] and body["TemplateParamSet"] == ["123456", "5"]
    headers = kw["headers"]
    assert headers["X-TC-Action"] == "SendSms" and headers["X-TC-Version"] == "2021-01-11"
    assert headers["Authorization"] == sms.tc3_authorization(
        secret_id="AKID", secret_key="key", service="sms", host="sms.tencentcloudapi.com",
        payload=kw["data"].decode(), timestamp=int(headers["X-TC-Timestamp"]))


@pytest.mark.parametrize(("body", "error"), [
    ({"Response": {"SendStatusSet": [{"Code": "LimitExceeded.PhoneNumberDailyLimit", "Message": "x"}]}},
     sms.SmsRateLimited),
    ({"Response": {"SendStatusSet": [{"Code": "InvalidParameterValue.IncorrectPhoneNumber", "Message": "x"}]}},
     sms.SmsRejected),
    ({"Response": {"Error": {"Code": "AuthFailure.SignatureFailure", "Message": "x"}, "RequestId": "r"}},
     sms.SmsRejected),
    ({"Response": {"Error": {"Code": "RequestLimitExceeded", "Message": "x"}, "RequestId": "r"}},
     sms.SmsUnavailable),
    ({"Response": {"Error": {"Code": "LimitExceeded.AppDailyLimit", "Message": "x"}}}, sms.SmsRateLimited),
])
def test_tencent_errors_become_typed_errors(body, error):
    with pytest.raises(error):
        tencent(FakeSession(body=body)).send("+8613800138000", "verification_code", {"code": "1"})


def test_unknown_template_is_refused_before_any_request():
    session = FakeSession(body={})
    with pytest.raises(sms.SmsRejected):
        aliyun(session).send("+8613800138000", "stage_change", {})
    assert session.calls == []


def test_console_backend_logs_exactly_one_line_with_number_and_code(caplog):
    with caplog.at_level(logging.WARNING, logger="auth.sms"):
        sms.ConsoleBackend().send("+8613800138000", "verification_code", {"code": "654321"})
    lines = [r.getMessage() for r in caplog.records if r.name == "auth.sms"]
    assert len(lines) == 1 and "+8613800138000" in lines[0] and "654321" in lines[0]


def test_template_ids_parses_name_equals_id_items():
    assert sms.template_ids(["verification_code=SMS_1", " stage_change = SMS_2 ", "junk"]) == {
        "verification_code": "SMS_1", "stage_change": "SMS_2"}


@pytest.mark.parametrize(("config", "message"), [
    ({"APP_ENV": "production", "SMS_BACKEND": "console"}, "production"),
    ({"APP_ENV": "production", "SMS_BACKEND": "memory"}, "production"),
    ({"APP_ENV": "development", "SMS_BACKEND": "carrier-pigeon"}, "must be one of"),
    ({"APP_ENV": "production", "SMS_BACKEND": "aliyun"}, "ALIYUN_ACCESS_KEY_ID"),
    ({"APP_ENV": "production", "SMS_BACKEND": "tencent", "TENCENT_SECRET_ID": "x"}, "TENCENT_SECRET_KEY"),
])
def test_check_config_refuses_unsafe_or_incomplete_backends(config, message):
    from core.config import ConfigError

    with pytest.raises(ConfigError, match=message):
        sms.check_config(config)
