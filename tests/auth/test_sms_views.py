"""The mobile number + code form: the same answer for known and unknown numbers, invalid
and foreign numbers, resend flooding, provider failures, code replay and brute force."""

from __future__ import annotations

import re
import time

import pytest
from sqlalchemy import func, select

from auth import sms
from auth.models import Consent, SmsCode, User
from core.db import db
from tests.auth.conftest import last_code, send_code, sign_in_by_sms

HTML = {"Accept": "text/html"}


def _normalised(html: str) -> str:
    return re.sub(r'name="csrf_token" type="hidden" value="[^"]*"', "", html)


def test_send_code_known_and_unknown_numbers_identical_responses(client, sms_outbox, create_user):
    from auth import operations
    from auth.models import PhoneIdentity

    user = create_user()
    user.phone = PhoneIdentity(phone="+8613800138000", phone_index=operations.phone_index("+8613800138000"))
    db.session.flush()
    results = []
    for phone in ("13800138000", "13900139000"):
        c = client.application.test_client()
        started = time.perf_counter()
        response = c.post("/auth/sms/send", data={"phone": phone})
        elapsed = time.perf_counter() - started
        page = c.get("/auth/login")
        results.append((response.status_code, response.headers.get("Location"),
                        _normalised(page.get_data(as_text=True)).replace(phone, "PHONE"), elapsed))
    assert results[0][:3] == results[1][:3]
    assert abs(results[0][3] - results[1][3]) < 0.25
    assert len(sms_outbox.outbox) == 2


@pytest.mark.parametrize(("phone", "message"), [
    ("", "Enter your mobile number"),
    ("1380013800", "not a valid mobile number"),
    ("138abc00000", "not a valid mobile number"),
    ("010-12345678", "cannot receive SMS"),
    ("+91 98765 43210", "country or region"),
    ("+999 1234 5678", "not a valid mobile number"),
])
def test_invalid_and_foreign_numbers_get_a_clear_message_and_no_sms(client, sms_outbox, phone, message):
    response = client.post("/auth/sms/send", data={"phone": phone}, headers={"Accept-Language": "en"})
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert sms_outbox.outbox == []
    assert db.session.scalar(select(func.count(SmsCode.id))) == 0


def test_invalid_number_message_is_in_chinese_for_chinese_users(client, sms_outbox):
    response = client.post("/auth/sms/send", data={"phone": "1380013800"}, headers={"Accept-Language": "zh-CN"})
    assert response.status_code == 400
    assert "手机号" in response.get_data(as_text=True)


def test_hong_kong_number_can_sign_in(client, sms_outbox):
    response = sign_in_by_sms(client, sms_outbox, "+852 6123 4567", "+85261234567")
    assert response.status_code == 302
    assert db.session.scalar(select(User)).phone.phone == "+85261234567"


def test_resend_flooding_is_refused_per_number(client, sms_outbox):
    assert send_code(client).status_code == 302
    for _ in range(5):
        response = client.post("/auth/sms/send", data={"phone": "+86 138 0013 8000"},
                               headers={"Accept-Language": "en"})
        assert response.status_code == 400
        assert "wait" in response.get_data(as_text=True)
    assert len(sms_outbox.outbox) == 1


def test_flooding_one_number_from_many_browsers_is_still_limited(app, sms_outbox):
    clients = [app.test_client() for _ in range(4)]
    codes = [c.post("/auth/sms/send", data={"phone": "13800138000"}).status_code for c in clients]
    assert codes == [302, 400, 400, 400]
    assert len(sms_outbox.outbox) == 1


def test_provider_timeout_shows_unavailable_and_records_nothing(client, sms_outbox):
    sms_outbox.fail_with = sms.SmsUnavailable("Timeout")
    response = client.post("/auth/sms/send", data={"phone": "13800138000"}, headers={"Accept-Language": "en"})
    assert response.status_code == 400
    assert "SMS is temporarily unavailable" in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count(SmsCode.id))) == 0
    sms_outbox.fail_with = None
    assert send_code(client).status_code == 302  # no cooldown was started by the failure


def test_provider_rate_limit_gets_its_own_message(client, sms_outbox):
    sms_outbox.fail_with = sms.SmsRateLimited("isv.BUSINESS_LIMIT_CONTROL")
    response = client.post("/auth/sms/send", data={"phone": "13800138000"}, headers={"Accept-Language": "en"})
    assert "limiting messages" in response.get_data(as_text=True)


def test_code_replay_after_sign_in_is_refused(client, sms_outbox):
    sign_in_by_sms(client, sms_outbox)
    code = last_code(sms_outbox)
    other = client.application.test_client()
    response = other.post("/auth/sms/verify", data={"phone": "13800138000", "code": code})
    assert response.status_code == 400
    assert db.session.scalar(select(func.count(User.id))) == 1


def test_code_from_another_browser_does_not_work(app, sms_outbox):
    asker, thief = app.test_client(), app.test_client()
    send_code(asker)
    response = thief.post("/auth/sms/verify", data={"phone": "13800138000", "code": last_code(sms_outbox)})
    assert response.status_code == 400
    assert db.session.scalar(select(func.count(User.id))) == 0


def test_brute_force_kills_the_code_after_five_tries(client, sms_outbox):
    send_code(client)
    right = last_code(sms_outbox)
    wrongs = [f"{(int(right) + i) % 1_000_000:06d}" for i in range(1, 6)]
    for wrong in wrongs:
        assert client.post("/auth/sms/verify", data={"phone": "13800138000", "code": wrong}).status_code == 400
    response = client.post("/auth/sms/verify", data={"phone": "13800138000", "code": right},
                           headers={"Accept-Language": "en"})
    assert response.status_code == 400
    assert db.session.scalar(select(func.count(User.id))) == 0


def test_code_never_appears_in_pages_or_logs(client, sms_outbox, caplog):
    response = send_code(client)
    code = last_code(sms_outbox)
    page = client.get("/auth/login").get_data(as_text=True)
    assert code not in page and code not in response.get_data(as_text=True)
    assert all(code not in r.getMessage() for r in caplog.records)


def test_new_number_asks_consent_before_storing_an_account(client, sms_outbox):
    send_code(client)
    response = client.post("/auth/sms/verify", data={"phone": "13800138000", "code": last_code(sms_outbox)})
    assert response.headers["Location"].endswith("/auth/consent")
    assert db.session.scalar(select(func.count(User.id))) == 0
    page = client.get("/auth/consent", headers={"Accept-Language": "en"})
    assert "privacy policy" in page.get_data(as_text=True)
    # declining stores nothing
    response = client.post("/auth/consent", data={"decline": "1"})
    assert response.status_code == 302
    assert db.session.scalar(select(func.count(User.id))) == 0
    assert client.get("/auth/consent").headers["Location"].endswith("/auth/login")


def test_consent_without_ticking_the_box_is_refused(client, sms_outbox):
    send_code(client)
    client.post("/auth/sms/verify", data={"phone": "13800138000", "code": last_code(sms_outbox)})
    response = client.post("/auth/consent", data={})
    assert response.status_code == 400
    assert db.session.scalar(select(func.count(User.id))) == 0


def test_consent_is_recorded_with_version_time_and_channel(client, sms_outbox, app, monkeypatch):
    monkeypatch.setitem(app.config, "PRIVACY_POLICY_VERSION", "2027-01-01")
    sign_in_by_sms(client, sms_outbox)
    consent = db.session.scalar(select(Consent))
    assert (consent.purpose, consent.policy_version, consent.channel) == ("privacy_policy", "2027-01-01", "sms")
    assert consent.given_dt is not None and consent.withdrawn_dt is None


def test_a_new_policy_version_asks_again_before_signing_in(client, sms_outbox, app, monkeypatch):
    sign_in_by_sms(client, sms_outbox)
    client.post("/auth/logout")
    monkeypatch.setitem(app.config, "PRIVACY_POLICY_VERSION", "2027-06-01")
    from auth import operations
    from auth.models import SmsCode as Code

    db.session.execute(Code.__table__.delete())  # past the cooldown
    response = client.post("/auth/sms/send", data={"phone": "13800138000"})
    assert response.status_code == 302
    response = client.post("/auth/sms/verify", data={"phone": "13800138000", "code": last_code(sms_outbox)})
    assert response.headers["Location"].endswith("/auth/consent")
    client.post("/auth/consent", data={"agree": "y"})
    versions = sorted(c.policy_version for c in db.session.scalars(select(Consent)))
    assert versions == ["2026-12-01", "2027-06-01"]
    assert db.session.scalar(select(func.count(User.id))) == 1
    assert operations  # noqa: B018
