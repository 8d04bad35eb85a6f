"""Security reference 5.N "the old session ID is rejected after logout".

Sessions are signed cookies naming a server-side record (``auth_sessions``).  A plain
sign-out deletes this browser's record, so a copy of the cookie taken before (a shared
computer, a stolen cookie) stops working too; sign out everywhere deletes every record of
the account and rotates its ``session_token``."""

from __future__ import annotations

from tests.auth.conftest import sign_in_by_sms

HTML = {"Accept": "text/html"}


def _copy_session(source, target) -> None:
    with source.session_transaction() as s:
        saved = dict(s)
    with target.session_transaction() as s:
        s.update(saved)


def test_sign_out_everywhere_kills_a_copied_cookie(app, client, sms_outbox):
    sign_in_by_sms(client, sms_outbox)
    thief = app.test_client()
    _copy_session(client, thief)
    client.post("/auth/account/sign-out-everywhere")
    assert thief.get("/auth/account", headers=HTML).status_code == 302


def test_plain_sign_out_kills_a_copied_cookie(app, client, sms_outbox):
    sign_in_by_sms(client, sms_outbox)
    thief = app.test_client()
    _copy_session(client, thief)
    client.post("/auth/logout")
    assert client.get("/auth/account", headers=HTML).status_code == 302  # this browser is signed out
    assert thief.get("/auth/account", headers=HTML).status_code == 302
