"""Demo accounts for `make run`: a recruiter (all departments) and an admin with known
passwords and a fixed TOTP secret.  Never created in production."""

from __future__ import annotations

from flask import current_app

DEMO_RECRUITER = "demo-recruiter@example.com"
DEMO_ADMIN = "demo-admin@example.com"
DEMO_PASSWORD = "demo-password-2026"
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPDEMOJBSWY3DPEHPK"  # base32, known on purpose: demo only
DEMO_EMAILS = (DEMO_RECRUITER, DEMO_ADMIN)
# careers/catalog.py DEPARTMENTS (auth does not import careers: the codes as strings)
ALL_DEPARTMENTS = ("research", "engineering", "product", "autonomous-driving", "healthcare-imaging", "ar",
                   "ai-infrastructure", "design", "operations", "corporate")


def ensure_demo_accounts() -> None:
    """Create the demo accounts that do not exist yet (the caller commits)."""
    if current_app.config["APP_ENV"] == "production":
        return
    from auth.operations import create_staff, find_staff
    from core.db import db, utcnow

    for email, role in ((DEMO_RECRUITER, "recruiter"), (DEMO_ADMIN, "admin")):
        if find_staff(email) is not None:
            continue
        user = create_staff(email, DEMO_PASSWORD, role=role,
                            departments=ALL_DEPARTMENTS if role == "recruiter" else ())
        user.totp_secret = DEMO_TOTP_SECRET
        user.totp_enabled_dt = utcnow()
    db.session.flush()


def sign_in_instructions() -> list[str]:
    return [
        "Candidates: /auth/login -> \"Sign in with WeChat\" (local stand-in: pick or create a persona, Allow),",
        "  or a mobile number: the code is printed in this console (\"DEV SMS to ...\").",
        "Staff: /auth/staff/login",
        f"  recruiter: {DEMO_RECRUITER} / {DEMO_PASSWORD}",
        f"  admin:     {DEMO_ADMIN} / {DEMO_PASSWORD}",
        f"  TOTP code: .venv/bin/flask users totp {DEMO_RECRUITER}  (or add the key {DEMO_TOTP_SECRET}",
        "  to an authenticator app)",
    ]
