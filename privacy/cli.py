"""``flask privacy ...``: publish a policy version, purge what expired, finish pending
erasures, re-apply erasures after a backup restore."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from core.db import db

cli = AppGroup("privacy", help="Privacy policy versions, retention and erasure.")


@cli.command("publish-policy")
@click.argument("version")
@click.option("--material", is_flag=True, help="Ask every candidate to consent again at their next visit.")
@click.option("--summary", default="", help="What changed (shown with the policy).")
def publish_policy(version: str, material: bool, summary: str) -> None:
    """Publish VERSION of the privacy policy (templates/privacy/policies/VERSION.*.html)."""
    from privacy.errors import PolicyError
    from privacy.policy import publish

    try:
        publish(version, material=material, summary=summary)
    except PolicyError as exc:
        db.session.rollback()
        messages = {"exists": f"Version {version} is already published.",
                    "no_text": f"Write templates/privacy/policies/{version}.zh_Hans.html and {version}.en.html first.",
                    "invalid": "A version is letters, digits, '.', '-' or '_' (at most 20)."}
        raise click.ClickException(messages.get(exc.code, exc.code)) from None
    db.session.commit()
    click.echo(f"Published privacy policy {version}" + (" (material: candidates will be asked to consent again)"
                                                        if material else "") + ".")
    click.echo(f"New accounts consent to {version} from now on (PRIVACY_POLICY_VERSION stays the first version; "
               "do not change it).")


@cli.command("purge")
@click.option("--dry-run", is_flag=True, help="Show what would happen; change nothing.")
def purge_command(dry_run: bool) -> None:
    """Erase what the retention rules say has expired, send the 30-day notices, delete
    expired exports and retry pending erasures."""
    from privacy.retention import purge

    report = purge(dry_run=dry_run)
    if dry_run:
        db.session.rollback()
    else:
        db.session.commit()
    prefix = "would " if dry_run else ""
    click.echo(f"{prefix}notify: {len(report.notified)} candidate(s)")
    click.echo(f"{prefix}erase: {len(report.erased)} candidate(s) {' '.join(report.erased)}".rstrip())
    click.echo(f"{prefix}reduce to counts: {report.applications} unsuccessful application(s)")
    if not dry_run:
        click.echo(f"exports expired: {report.exports_expired}; erasures completed: {report.erasures_completed}, "
                   f"still pending: {report.erasures_pending}")


@cli.command("retry-erasures")
@click.option("--force", is_flag=True, help="Do not wait for the next scheduled attempt.")
def retry_erasures(force: bool) -> None:
    """Delete the stored files of erasures that could not finish (storage was unavailable)."""
    from privacy.erasure import retry_pending

    done, waiting = retry_pending(force=force)
    db.session.commit()
    click.echo(f"completed: {done}; still pending: {waiting}")
    if waiting:
        raise SystemExit(1)


@cli.command("reapply-erasures")
def reapply_erasures_command() -> None:
    """After restoring a backup: erase again every account on the suppression list."""
    from privacy.erasure import reapply_erasures

    receipts = reapply_erasures()
    db.session.commit()
    click.echo(f"re-erased: {len(receipts)} account(s) {' '.join(receipts)}".rstrip())
