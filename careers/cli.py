"""``flask careers ...`` and ``flask demo ...`` commands."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from core.db import db

cli = AppGroup("careers", help="Job openings.")
demo_cli = AppGroup("demo", help="Demo data for a first look at the portal.")


@cli.command("seed-demo")
def seed_demo() -> None:
    """Load the demo openings (once: running it again changes nothing)."""
    from careers.demo import load_demo_jobs

    created = load_demo_jobs()
    db.session.commit()
    click.echo(f"Demo openings: {created} created." if created else "Demo openings already loaded.")


@demo_cli.command("load")
def demo_load() -> None:
    """Load every kind of demo data that is not there yet (idempotent)."""
    from auth.demo import ensure_demo_accounts
    from careers.demo import load_demo_jobs

    created = load_demo_jobs()
    ensure_demo_accounts()
    db.session.commit()
    click.echo(f"Demo data ready ({created} openings added)." if created else "Demo data already loaded.")


@demo_cli.command("show-sign-in")
def demo_show_sign_in() -> None:
    """Print how to sign in to the demo accounts."""
    from auth.demo import sign_in_instructions

    for line in sign_in_instructions():
        click.echo(f"  {line}")
