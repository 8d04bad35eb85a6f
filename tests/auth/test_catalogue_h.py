"""Security reference 5.H (CSRF) on a real form: the HTTPS Referer checks, the token in
the X-CSRFToken header, and a token older than WTF_CSRF_TIME_LIMIT."""

from __future__ import annotations

import time

import pytest
from itsdangerous.timed import TimestampSigner

BASE = "https://careers.example.test"


def _token(client) -> str:
    page = client.get("/auth/login", base_url=BASE).get_data(as_text=True)
    return page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]


@pytest.mark.parametrize("referer", [None, "http://careers.example.test/auth/login",
                                     "https://evil.example/auth/login", "https://careers.example.test:8443/auth/login"])
def test_https_post_with_a_missing_or_foreign_referer_is_refused(client, csrf_enabled, sms_outbox, referer):
    token = _token(client)
    headers = {"Referer": referer} if referer else {}
    response = client.post("/auth/sms/send", data={"phone": "13800138000", "csrf_token": token},
                           base_url=BASE, headers=headers)
    assert response.status_code == 400
    assert sms_outbox.outbox == []


def test_https_post_from_this_site_is_accepted(client, csrf_enabled, sms_outbox):
    token = _token(client)
    response = client.post("/auth/sms/send", data={"phone": "13800138000", "csrf_token": token},
                           base_url=BASE, headers={"Referer": f"{BASE}/auth/login"})
    assert response.status_code == 302 and len(sms_outbox.outbox) == 1


def test_token_in_the_x_csrftoken_header_is_accepted(client, csrf_enabled, sms_outbox):
    page = client.get("/auth/login").get_data(as_text=True)
    token = page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    response = client.post("/auth/sms/send", data={"phone": "13800138000"}, headers={"X-CSRFToken": token})
    assert response.status_code == 302 and len(sms_outbox.outbox) == 1


def test_token_older_than_the_time_limit_is_refused(app, client, csrf_enabled, sms_outbox, monkeypatch):
    page = client.get("/auth/login").get_data(as_text=True)
    token = page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    later = int(time.time()) + app.config["WTF_CSRF_TIME_LIMIT"] + 5
    monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda self: later)
    response = client.post("/auth/sms/send", data={"phone": "13800138000", "csrf_token": token},
                           headers={"Accept-Language": "en"})
    assert response.status_code == 400 and "Your form expired" in response.get_data(as_text=True)
    assert sms_outbox.outbox == []
