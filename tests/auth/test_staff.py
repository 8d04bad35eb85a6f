"""Recruiters and admins: email + argon2 password + TOTP, enrolment by QR code, lock-out,
the users CLI and the demo accounts."""

from __future__ import annotations

import datetime as dt

import pyotp
import pytest
from sqlalchemy import func, select

from auth import operations
from auth.errors import StaffSignInFailed
from auth.models import User
from core.audit import AuditEvent
from core.db import db, utcnow

EN = {"Accept-Language": "en"}
HTML = {"Accept": "text/html"}
SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def _password_step(client, email="rec@example.com", password="correct horse battery"):
    return client.post("/auth/staff/login", data={"email": email, "password": password}, headers=EN)


def test_staff_sign_in_needs_password_then_totp(client, create_staff):
    user = create_staff()
    assert user.password_hash.startswith("$argon2")
    response = _password_step(client)
    assert response.headers["Location"].endswith("/auth/staff/totp")
    assert client.get("/auth/account", headers=HTML).status_code == 302  # not signed in yet
    response = client.post("/auth/staff/totp", data={"code": pyotp.TOTP(SECRET).now()})
    assert response.status_code == 302
    assert client.get("/auth/account", headers=HTML).status_code == 200
    assert user.failed_sign_ins == 0


def test_wrong_password_and_unknown_email_get_the_same_answer(client, create_staff):
    create_staff()
    wrong = _password_step(client, password="wrong password!!")
    unknown = _password_step(client, email="nobody@example.com")
    assert wrong.status_code == unknown.status_code == 400
    assert "email or password is not correct" in wrong.get_data(as_text=True)
    assert "email or password is not correct" in unknown.get_data(as_text=True)


def test_totp_code_works_once(client, create_staff):
    user = create_staff()
    code = pyotp.TOTP(SECRET).now()
    operations.check_staff_totp(user, code)
    with pytest.raises(StaffSignInFailed):
        operations.check_staff_totp(user, code)


def test_totp_brute_force_locks_the_account(client, create_staff, app):
    user = create_staff()
    _password_step(client)
    right = pyotp.TOTP(SECRET).now()
    wrong = f"{(int(right) + 500000) % 1_000_000:06d}"
    for _ in range(app.config["STAFF_LOCKOUT_THRESHOLD"] - 1):
        assert client.post("/auth/staff/totp", data={"code": wrong}, headers=EN).status_code == 400
    locked = client.post("/auth/staff/totp", data={"code": wrong}, headers=EN)
    assert locked.headers["Location"].endswith("/auth/staff/login")
    assert user.locked_until_dt is not None and user.locked_until_dt > utcnow()
    # even the right password and code are refused while locked
    response = _password_step(client)
    assert response.status_code == 400 and "locked" in response.get_data(as_text=True)
    events = db.session.scalars(select(AuditEvent.details).where(AuditEvent.action == "auth.sign_in_failed")).all()
    assert any(e.get("locked") for e in events)


def test_password_brute_force_locks_and_the_lock_expires(create_staff, app):
    user = create_staff()
    now = utcnow()
    for _ in range(app.config["STAFF_LOCKOUT_THRESHOLD"]):
        with pytest.raises(StaffSignInFailed):
            operations.check_staff_password("rec@example.com", "nope nope nope", now=now)
    with pytest.raises(StaffSignInFailed) as info:
        operations.check_staff_password("rec@example.com", "correct horse battery", now=now)
    assert info.value.reason == "locked"
    later = now + dt.timedelta(minutes=app.config["STAFF_LOCKOUT_MINUTES"], seconds=1)
    assert operations.check_staff_password("rec@example.com", "correct horse battery", now=later) is user


def test_enrolment_shows_a_local_qr_code_and_needs_a_code(client, create_staff):
    user = create_staff(totp_secret=None)
    response = _password_step(client)
    assert response.headers["Location"].endswith("/auth/staff/enrol")
    page = client.get("/auth/staff/enrol", headers=EN).get_data(as_text=True)
    assert 'src="data:image/svg+xml;base64,' in page
    secret = page.split('class="auth-secret">')[1].split("<")[0]
    assert client.post("/auth/staff/enrol", data={"code": "000000"}).status_code == 400
    assert user.totp_secret is None
    response = client.post("/auth/staff/enrol", data={"code": pyotp.TOTP(secret).now()})
    assert response.status_code == 302
    assert user.totp_secret == secret and user.totp_enabled_dt is not None
    assert client.get("/auth/account", headers=HTML).status_code == 200


def test_totp_step_without_password_step_is_refused(client, create_staff):
    create_staff()
    response = client.post("/auth/staff/totp", data={"code": pyotp.TOTP(SECRET).now()})
    assert response.headers["Location"].endswith("/auth/staff/login")
    assert client.get("/auth/account", headers=HTML).status_code == 302


def test_staff_cannot_use_sms_sign_in(client, create_staff, sms_outbox):
    from auth.models import PhoneIdentity
    from tests.auth.conftest import last_code

    user = create_staff()
    user.phone = PhoneIdentity(phone="+8613800138000", phone_index=operations.phone_index("+8613800138000"))
    db.session.flush()
    client.post("/auth/sms/send", data={"phone": "13800138000"})
    response = client.post("/auth/sms/verify", data={"phone": "13800138000", "code": last_code(sms_outbox)})
    assert response.headers["Location"].endswith("/auth/staff/login")
    assert client.get("/auth/account", headers=HTML).status_code == 302


def test_email_is_encrypted_at_rest(create_staff):
    from sqlalchemy import text

    create_staff()
    raw = db.session.execute(text("SELECT email, email_index FROM users")).one()
    assert "rec@example.com" not in raw[0] and "rec@example.com" not in raw[1]


# --- CLI and demo -----------------------------------------------------------------------------

def test_cli_create_recruiter_with_departments(runner):
    result = runner.invoke(args=["users", "create-recruiter", "new@example.com", "--department", "engineering",
                                 "--department", "ar", "--password", "a-long-password-1"])
    assert result.exit_code == 0, result.output
    user = operations.find_staff("new@example.com")
    assert user.role == "recruiter" and user.departments == ["ar", "engineering"]
    again = runner.invoke(args=["users", "create-recruiter", "NEW@example.com", "--password", "a-long-password-1"])
    assert again.exit_code != 0 and "exists" in again.output


def test_cli_create_admin_prompts_for_the_password(runner):
    result = runner.invoke(args=["users", "create-admin", "boss@example.com"],
                           input="a-long-password-2\na-long-password-2\n")
    assert result.exit_code == 0, result.output
    assert operations.find_staff("boss@example.com").role == "admin"
    short = runner.invoke(args=["users", "create-admin", "b2@example.com", "--password", "short"])
    assert short.exit_code != 0


def test_demo_accounts_and_their_totp_command(runner, app, client):
    from auth.demo import DEMO_PASSWORD, DEMO_RECRUITER, ensure_demo_accounts, sign_in_instructions

    ensure_demo_accounts()
    ensure_demo_accounts()  # idempotent
    assert db.session.scalar(select(func.count(User.id)).where(User.role.in_(("recruiter", "admin")))) == 2
    recruiter = operations.find_staff(DEMO_RECRUITER)
    assert len(recruiter.departments) == 10
    result = runner.invoke(args=["users", "totp", DEMO_RECRUITER])
    assert result.exit_code == 0 and result.output.strip().isdigit()
    refused = runner.invoke(args=["users", "totp", "someone@example.com"])
    assert refused.exit_code != 0
    lines = "\n".join(sign_in_instructions())
    assert "/auth/staff/login" in lines and DEMO_PASSWORD in lines and "flask users totp" in lines
    # and the instructions work
    client.post("/auth/staff/login", data={"email": DEMO_RECRUITER, "password": DEMO_PASSWORD})
    code = runner.invoke(args=["users", "totp", DEMO_RECRUITER]).output.strip()
    assert client.post("/auth/staff/totp", data={"code": code}).status_code == 302
    assert client.get("/auth/account", headers=HTML).status_code == 200


def test_demo_totp_command_refused_in_production(runner, app, monkeypatch):
    from auth.demo import DEMO_RECRUITER, ensure_demo_accounts

    ensure_demo_accounts()
    monkeypatch.setitem(app.config, "APP_ENV", "production")
    result = runner.invoke(args=["users", "totp", DEMO_RECRUITER])
    assert result.exit_code != 0 and "production" in result.output
    ensure_demo_accounts()  # no demo accounts are created in production
