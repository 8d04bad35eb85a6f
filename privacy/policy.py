"""Versions of the privacy policy.

The text of a version is a pair of templates, ``templates/privacy/policies/<version>.en.html``
and ``<version>.zh_Hans.html``; a version is *published* by a ``PolicyVersion`` row
(``flask privacy publish-policy VERSION [--material]``).  The first version
(``PRIVACY_POLICY_VERSION``) needs no row.  The newest published version is the current one:
the policy page shows it and every new consent is to it -- sign-ups too, through the source
this package registers with auth (``versions_for_auth``), so the configuration need not be
changed when a version is published.

A material version asks every candidate to consent again: until they do, nothing new is
processed for them (``privacy.rules``).
"""

from __future__ import annotations

import re
import typing as t
from pathlib import Path

from flask import current_app
from sqlalchemy import select

from auth.policy import PolicyVersions
from core.db import db
from privacy.errors import PolicyError
from privacy.models import PolicyVersion

_VERSION = re.compile(r"^[0-9A-Za-z][0-9A-Za-z._-]{0,19}$")
LOCALES = ("zh_Hans", "en")


def _policy_dir() -> Path:
    return Path(current_app.root_path) / "templates" / "privacy" / "policies"


def template_name(version: str, locale: str) -> str | None:
    """The template of ``version`` in ``locale`` (falling back to the other language)."""
    if not _VERSION.match(version or ""):
        return None
    order = (locale, *[loc for loc in LOCALES if loc != locale]) if locale in LOCALES else LOCALES
    for loc in order:
        if (_policy_dir() / f"{version}.{loc}.html").is_file():
            return f"privacy/policies/{version}.{loc}.html"
    return None


def has_text(version: str) -> bool:
    return all(
        _VERSION.match(version or "") and (_policy_dir() / f"{version}.{loc}.html").is_file() for loc in LOCALES)


def published() -> list[PolicyVersion]:
    return list(db.session.scalars(select(PolicyVersion).order_by(PolicyVersion.published_dt, PolicyVersion.id)))


def current_version() -> str:
    latest = db.session.scalar(select(PolicyVersion.version)
                               .order_by(PolicyVersion.published_dt.desc(), PolicyVersion.id.desc()).limit(1))
    return latest or str(current_app.config["PRIVACY_POLICY_VERSION"])


def all_versions() -> list[str]:
    """Every version a candidate may have accepted, oldest first."""
    initial = str(current_app.config["PRIVACY_POLICY_VERSION"])
    rows = [v.version for v in published()]
    return rows if initial in rows else [initial, *rows]


def versions_for_auth() -> PolicyVersions:
    """For auth's sign-in: sign-ups consent to the current version; an existing account
    signs in without being asked again when its live consent is to a version that still
    counts (from the latest material version on; any known version if none is material)."""
    return PolicyVersions(current=current_version(), accepted=tuple(accepted_versions() or all_versions()))


def accepted_versions() -> list[str] | None:
    """Versions whose consent still counts: those from the latest material version on,
    or None when no material version was ever published (any consent counts)."""
    versions = published()
    material = [i for i, v in enumerate(versions) if v.is_material]
    if not material:
        return None
    return [v.version for v in versions[material[-1]:]]


def publish(version: str, *, material: bool, summary: str = "") -> PolicyVersion:
    """Publish ``version`` (its templates must exist)."""
    if not _VERSION.match(version or ""):
        raise PolicyError("invalid")
    if not has_text(version):
        raise PolicyError("no_text")
    if db.session.scalar(select(PolicyVersion.id).where(PolicyVersion.version == version)) is not None:
        raise PolicyError("exists")
    row = PolicyVersion(version=version, is_material=material, summary=summary.strip()[:2000])
    db.session.add(row)
    db.session.flush()
    from core import audit

    audit.record("privacy.policy_published", None, object_type="policy_version", object_id=version,
                 details={"material": material})
    return row


def needs_reconsent(user: t.Any) -> bool:
    """A candidate who has not accepted the latest material version."""
    if getattr(user, "role", None) != "candidate" or not getattr(user, "id", None):
        return False
    accepted = accepted_versions()
    if accepted is None:
        return False
    from privacy.consents import PRIVACY_POLICY, is_active

    return not is_active(user.id, PRIVACY_POLICY, accepted)
