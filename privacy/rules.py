"""The rules that decide whether new processing may start for a candidate, registered in
``core.processing`` (the gate the resumes and careers operations ask):

1. a material policy version they have not accepted -> nothing new until they do;
2. resume processing withdrawn -> no uploads, no profile confirmation, no applications;
3. a date of birth (entered, or parsed into the profile) under ``MINOR_AGE`` (14), computed
   in ``AGE_TIMEZONE`` (Asia/Shanghai) -> no profile confirmation and no application
   without a guardian's consent.

Partial dates of birth (``YYYY`` or ``YYYY-MM``) are read at their latest possible day, so
that a year alone never lets a child through.  A date in the future counts as under age.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import typing as t
from zoneinfo import ZoneInfo

from flask import url_for
from flask_babel import lazy_gettext as _

from core.db import utcnow
from core.processing import ProcessingRefused
from privacy.settings import setting

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
GATED_BY_AGE = ("confirm_profile", "apply")
GATED_BY_RESUME_CONSENT = ("upload_resume", "confirm_profile", "apply")


def parse_birth_date(value: str | None) -> dt.date | None:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` -> the latest day it can mean; None if unusable."""
    match = _DATE.match((value or "").strip())
    if not match:
        return None
    year = int(match.group(1))
    month = int(match.group(2) or 12)
    try:
        if match.group(3):
            return dt.date(year, month, int(match.group(3)))
        return dt.date(year, month, calendar.monthrange(year, month)[1])
    except ValueError:
        return None


def local_today(now: dt.datetime | None = None) -> dt.date:
    return (now or utcnow()).astimezone(ZoneInfo(str(setting("AGE_TIMEZONE")))).date()


def age_on(birth: dt.date, today: dt.date) -> int:
    """Whole years: the age goes up on the birthday (29 February: on 1 March in other years)."""
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))


def is_minor(birth_value: str | None, *, now: dt.datetime | None = None) -> bool:
    """Under ``MINOR_AGE`` on today's date in Asia/Shanghai (unknown date: not a minor)."""
    birth = parse_birth_date(birth_value)
    if birth is None:
        return False
    return age_on(birth, local_today(now)) < int(setting("MINOR_AGE"))


def birth_date_of(user_id: int) -> str | None:
    """The profile's date of birth; without one, the date the parser read from the latest resume."""
    from resumes.operations import parsed_result
    from resumes.queries import latest_parsed_resume, profile_of

    profile = profile_of(user_id)
    if profile is not None and profile.birth_date:
        return profile.birth_date
    resume = latest_parsed_resume(user_id)
    if resume is None:
        return None
    value = ((parsed_result(resume).get("resume") or {}).get("basics") or {}).get("birthDate")
    return value if isinstance(value, str) else None


def needs_guardian(user: t.Any, *, now: dt.datetime | None = None) -> bool:
    from privacy.consents import GUARDIAN, is_active

    return is_minor(birth_date_of(user.id), now=now) and not is_active(user.id, GUARDIAN)


def check_can_process(user: t.Any, action: str) -> None:
    """Raise ``core.processing.ProcessingRefused`` when ``action`` may not start for ``user``."""
    if getattr(user, "role", None) != "candidate" or not getattr(user, "id", None):
        return
    from privacy.consents import RESUME_PROCESSING, is_withdrawn
    from privacy.policy import needs_reconsent

    if needs_reconsent(user):
        raise ProcessingRefused(
            "reconsent_required",
            _("Our privacy policy has changed. Please read it and agree to it before we process anything new "
              "for you."), link=_link("privacy.consent"))
    if action in GATED_BY_RESUME_CONSENT and is_withdrawn(user.id, RESUME_PROCESSING):
        raise ProcessingRefused(
            "resume_consent_withdrawn",
            _("You withdrew your consent to the processing of your resume, so we no longer process it. "
              "You can give it again in the privacy centre."), link=_link("privacy.centre"))
    if action in GATED_BY_AGE and needs_guardian(user):
        raise ProcessingRefused(
            "guardian_consent_required",
            _("You are under %(age)s according to your date of birth. A parent or guardian must agree "
              "before you can submit a profile or apply.", age=int(setting("MINOR_AGE"))),
            link=_link("privacy.guardian"))


def _link(endpoint: str) -> str | None:
    try:
        return url_for(endpoint)
    except RuntimeError:  # no request or SERVER_NAME: the CLI
        return None
