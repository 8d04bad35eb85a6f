"""``flask careers ...`` and ``flask demo ...`` commands."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from core.db import db

cli = AppGroup("careers", help="Job openings, applications and the candidate search index.")
demo_cli = AppGroup("demo", help="Demo data for a first look at the portal.")


@cli.command("seed-demo")
def seed_demo() -> None:
    """Load the demo openings (once: running it again changes nothing)."""
    from careers.demo import load_demo_jobs

    created = load_demo_jobs()
    db.session.commit()
    click.echo(f"Demo openings: {created} created." if created else "Demo openings already loaded.")


@cli.command("reindex")
def reindex() -> None:
    """Rebuild the candidate search index from the profiles and applications."""
    from careers.search import reindex_all

    count = reindex_all()
    db.session.commit()
    click.echo(f"Candidate search index rebuilt: {count} searchable candidates.")


@demo_cli.command("load")
def demo_load() -> None:
    """Load every kind of demo data that is not there yet (idempotent)."""
    from auth.demo import ensure_demo_accounts
    from careers.demo import load_demo_jobs
    from careers.demo_candidates import load_demo_candidates

    created = load_demo_jobs()
    ensure_demo_accounts()
    candidates = load_demo_candidates()
    db.session.commit()
    if created or candidates:
        click.echo(f"Demo data ready ({created} openings, {candidates} candidates added).")
    else:
        click.echo("Demo data already loaded.")


@demo_cli.command("show-sign-in")
def demo_show_sign_in() -> None:
    """Print how to sign in to the demo accounts."""
    from auth.demo import sign_in_instructions

    for line in sign_in_instructions():
        click.echo(f"  {line}")
