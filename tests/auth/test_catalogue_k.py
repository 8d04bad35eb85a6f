"""Security reference 5.K for the encrypted sign-in state in the session
(``auth.sessions.put`` / ``get``): clock skew on its age check, and corrupted ciphertext."""

from __future__ import annotations

import json
import logging
from urllib.parse import urlsplit

import pytest
from cryptography.fernet import Fernet
from flask import session

from auth import sessions
from core.crypto import encrypt
from tests.auth.conftest import last_code, send_code

EN_HTML = {"Accept": "text/html", "Accept-Language": "en"}
PENDING = "auth_pending"  # auth.views.PENDING: a sign-in waiting for consent


@pytest.fixture
def clock(monkeypatch):
    now = [1_900_000_000]
    monkeypatch.setattr(sessions, "now", lambda: now[0])
    return now


# --- clock skew --------------------------------------------------------------------------------


@pytest.mark.parametrize(("offset", "kept"), [
    (-3600, False),  # written an hour "in the future" (a node's clock was ahead): refused
    (-61, False),
    (-60, True),  # within PENDING_CLOCK_SKEW
    (0, True),
    (15 * 60, True),  # PENDING_MAX_AGE exactly
    (15 * 60 + 1, False),  # too old
], ids=["future-1h", "future-61s", "future-60s", "now", "15min", "15min+1s"])
def test_pending_state_age_check_with_a_skewed_clock(app, clock, offset, kept):
    with app.test_request_context():
        sessions.put("state", {"user_id": 7})
        clock[0] += offset
        assert sessions.get("state") == ({"user_id": 7} if kept else None)
        assert ("state" in session) is kept  # a refused state is dropped


def _pending_consent(client, sms_outbox):
    """A new number signs in: the sign-in waits on the consent page (state in the session)."""
    assert send_code(client).status_code == 302
    response = client.post("/auth/sms/verify", data={"phone": "13800138000", "code": last_code(sms_outbox)})
    assert response.headers["Location"].endswith("/auth/consent")
    assert client.get("/auth/consent").status_code == 200


@pytest.mark.parametrize("minutes", [-120, 16], ids=["from-the-future", "too-old"])
def test_consent_step_refuses_a_state_from_the_future_or_too_old(client, sms_outbox, clock, minutes):
    _pending_consent(client, sms_outbox)
    clock[0] += minutes * 60
    response = client.get("/auth/consent", headers=EN_HTML)
    assert response.status_code == 302 and urlsplit(response.headers["Location"]).path == "/auth/login"
    assert "took too long" in client.get(response.headers["Location"], headers=EN_HTML).get_data(as_text=True)
    with client.session_transaction() as s:
        assert PENDING not in s


# --- corrupted ciphertext ------------------------------------------------------------------------


def _flipped() -> str:
    token = encrypt(json.dumps({"t": 1_900_000_000, "d": {"user_id": None}}).encode()).decode("ascii")
    middle = len(token) // 2
    return token[:middle] + ("A" if token[middle] != "A" else "B") + token[middle + 1:]


CORRUPTED = {
    "one-character-flipped": _flipped,
    "truncated": lambda: encrypt(b'{"t":1,"d":{}}').decode("ascii")[:-7],
    "another-key": lambda: Fernet(Fernet.generate_key()).encrypt(b'{"t":1,"d":{}}').decode("ascii"),
    "not-a-token": lambda: "gAAAAA-not-a-fernet-token-secret-13800138000",
    "not-ascii": lambda: "令牌13800138000",
}


@pytest.mark.parametrize("kind", list(CORRUPTED))
def test_corrupted_state_is_absent_and_logged_without_the_value(app, client, caplog, kind):
    with app.test_request_context():
        value = CORRUPTED[kind]()
    with client.session_transaction() as s:
        s[PENDING] = value
    with caplog.at_level(logging.WARNING, logger="auth.sessions"):
        response = client.get("/auth/consent", headers=EN_HTML)
    assert response.status_code == 302 and urlsplit(response.headers["Location"]).path == "/auth/login"
    with client.session_transaction() as s:
        assert PENDING not in s  # treated as absent, and dropped
    lines = [r.getMessage() for r in caplog.records if r.name == "auth.sessions"]
    assert lines == [f"session state {PENDING} could not be decrypted: dropped"]
    assert value not in caplog.text and value[10:30] not in caplog.text
