"""``flask users ...`` commands: staff accounts, the demo accounts' TOTP codes, code purge."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import AppGroup

from core.db import db

cli = AppGroup("users", help="Manage accounts.")


def _password(password: str | None) -> str:
    from auth.credentials import password_problem

    if password is None:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    problem = password_problem(password)
    if problem:
        raise click.UsageError("The password must have at least 12 characters and not repeat one character.")
    return password


def _create(email: str, password: str | None, role: str, departments: tuple[str, ...]) -> None:
    from auth.errors import IdentityConflict
    from auth.operations import create_staff

    try:
        user = create_staff(email, _password(password), role=role, departments=departments)
    except IdentityConflict:
        raise click.ClickException("An account with this email exists already.") from None
    db.session.commit()
    click.echo(f"{role.capitalize()} account {user.id} created. At first sign-in (/auth/staff/login) "
               "they enrol an authenticator app by scanning a QR code.")


@cli.command("create-recruiter")
@click.argument("email")
@click.option("--department", "departments", multiple=True,
              help="Department code the recruiter screens for (repeatable), e.g. engineering.")
@click.option("--password", default=None, help="The password (prompted when omitted).")
def create_recruiter(email: str, departments: tuple[str, ...], password: str | None) -> None:
    """Create a recruiter account (email + password; TOTP enrolled at first sign-in)."""
    _create(email, password, "recruiter", departments)


@cli.command("create-admin")
@click.argument("email")
@click.option("--password", default=None, help="The password (prompted when omitted).")
def create_admin(email: str, password: str | None) -> None:
    """Create an administrator account."""
    _create(email, password, "admin", ())


@cli.command("totp")
@click.argument("email")
def totp(email: str) -> None:
    """Print the current TOTP code of a demo account (development only)."""
    from auth.credentials import current_totp
    from auth.demo import DEMO_EMAILS
    from auth.operations import find_staff

    if current_app.config["APP_ENV"] == "production":
        raise click.ClickException("Refused in production.")
    if email.strip().lower() not in DEMO_EMAILS:
        raise click.ClickException("Only the demo accounts' codes can be shown.")
    user = find_staff(email)
    if user is None or not user.totp_secret:
        raise click.ClickException("No such demo account; run `flask demo load` first.")
    click.echo(current_totp(user.totp_secret))


@cli.command("purge-sms-codes")
def purge_sms_codes() -> None:
    """Delete SMS codes older than a day (run daily, e.g. from cron)."""
    from auth.operations import purge_sms_codes as purge

    removed = purge()
    db.session.commit()
    click.echo(f"{removed} old codes deleted.")
