"""Retention: data is kept only as long as needed (``flask privacy purge``).

* Candidates inactive for ``RETENTION_INACTIVE_MONTHS`` (24) are erased with the same
  operation as a cancellation.  ``RETENTION_NOTICE_DAYS`` (30) before, they get a notice
  with a one-click link (a signed token) to keep their profile; keeping it counts as
  activity.
* Unsuccessful applications (not selected, withdrawn) are reduced to anonymous counts
  ``RETENTION_UNSUCCESSFUL_MONTHS`` (12) after they closed.

Activity: the account's creation, last sign-in, latest application, latest profile change,
and a "keep my profile" click.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import typing as t

from flask import current_app, url_for
from flask_babel import lazy_gettext as _l
from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy import func, select

from core import audit
from core.db import db, utcnow
from privacy import adapters
from privacy.erasure import erase_account, retry_pending
from privacy.export import expire_exports
from privacy.models import RetentionNotice
from privacy.settings import setting

logger = logging.getLogger(__name__)

KEEP_SALT = "privacy-keep-profile"


def months_before(now: dt.datetime, months: int) -> dt.datetime:
    year, month = divmod(now.month - 1 - months, 12)
    year += now.year
    month += 1
    import calendar

    day = min(now.day, calendar.monthrange(year, month)[1])
    return now.replace(year=year, month=month, day=day)


def last_activity(user: t.Any) -> dt.datetime:
    from careers.models import Application
    from resumes.models import Profile

    moments = [user.created_dt, user.last_sign_in_dt]
    moments.append(db.session.scalar(select(func.max(Application.created_dt))
                                     .where(Application.candidate_id == user.id)))
    moments.append(db.session.scalar(select(Profile.updated_dt).where(Profile.user_id == user.id)))
    notice = db.session.get(RetentionNotice, user.id)
    if notice is not None and notice.kept_dt is not None:
        moments.append(notice.kept_dt)
    return max(m for m in moments if m is not None)


def keep_token(user_id: int) -> str:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=KEEP_SALT).dumps(user_id)


def read_keep_token(token: str) -> int | None:
    max_age = (int(setting("RETENTION_NOTICE_DAYS")) + 30) * 86400
    try:
        value = URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=KEEP_SALT).loads(token, max_age=max_age)
    except BadSignature:
        return None
    return value if isinstance(value, int) else None


def keep_profile(user_id: int, *, now: dt.datetime | None = None) -> bool:
    """The candidate wants to keep their profile: resets the inactivity clock."""
    from auth.models import User

    if db.session.get(User, user_id) is None:
        return False
    now = now or utcnow()
    notice = db.session.get(RetentionNotice, user_id)
    if notice is None:
        notice = RetentionNotice(user_id=user_id, notified_dt=now, purge_after_dt=now)
        db.session.add(notice)
    notice.kept_dt = now
    db.session.flush()
    audit.record("privacy.retention_kept", None, subject_id=user_id, object_type="user", object_id=user_id)
    return True


@dataclasses.dataclass
class PurgeReport:
    notified: list[int] = dataclasses.field(default_factory=list)
    erased: list[str] = dataclasses.field(default_factory=list)  # receipt ids
    applications: int = 0
    exports_expired: int = 0
    erasures_completed: int = 0
    erasures_pending: int = 0


def purge(*, now: dt.datetime | None = None, dry_run: bool = False,
          notify: t.Callable[[int, str], None] | None = None) -> PurgeReport:
    """Notice, erase and reduce what expired (see the module docstring)."""
    from auth.models import User
    from careers.models import Application

    now = now or utcnow()
    report = PurgeReport()
    inactive_cutoff = months_before(now, int(setting("RETENTION_INACTIVE_MONTHS")))
    notice_days = dt.timedelta(days=int(setting("RETENTION_NOTICE_DAYS")))
    for user in db.session.scalars(select(User).where(User.role == "candidate")).all():
        active_at = last_activity(user)
        notice = db.session.get(RetentionNotice, user.id)
        fresh_notice = notice is not None and notice.notified_dt > active_at
        if active_at > inactive_cutoff + notice_days:
            continue
        if not fresh_notice:
            if dry_run:
                report.notified.append(user.id)
                continue
            purge_after = max(now + notice_days, active_at + (now - inactive_cutoff))
            if notice is None:
                notice = RetentionNotice(user_id=user.id)
                db.session.add(notice)
            notice.notified_dt, notice.purge_after_dt, notice.kept_dt = now, purge_after, None
            db.session.flush()
            if notify is None:
                send_notice(user.id, keep_token(user.id), purge_after=purge_after)
            else:
                notify(user.id, keep_token(user.id))
            report.notified.append(user.id)
            continue
        if notice.purge_after_dt <= now and active_at <= inactive_cutoff:
            if dry_run:
                report.erased.append(f"user {user.id}")
                continue
            record = erase_account(user.id, reason="retention", now=now)
            if record is not None:
                report.erased.append(record.receipt_id)
    unsuccessful_cutoff = months_before(now, int(setting("RETENTION_UNSUCCESSFUL_MONTHS")))
    stale = list(db.session.scalars(select(Application.id).where(
        Application.stage.in_(("rejected", "withdrawn")), Application.stage_dt <= unsuccessful_cutoff)))
    report.applications = len(stale)
    if not dry_run:
        adapters.erase_applications(stale)
        report.exports_expired = expire_exports(now=now)
        report.erasures_completed, report.erasures_pending = retry_pending(now=now)
    db.session.flush()
    return report


def send_notice(user_id: int, token: str, *, purge_after: dt.datetime | None = None) -> None:
    """The notice: the inbox, and SMS/email to the numbers and address we hold."""
    from auth.models import User
    from notifications.operations import notify
    from resumes.queries import profile_of

    path = f"/privacy/keep/{token}"
    try:
        link = url_for("privacy.keep", token=token, _external=True)
    except RuntimeError:  # the CLI without SERVER_NAME
        link = path
    user = db.session.get(User, user_id)
    profile = profile_of(user_id)
    phone = user.phone.phone if user is not None and user.phone is not None else (profile.phone if profile else None)
    date = purge_after.date().isoformat() if purge_after else ""
    # Inbox and email through notifications; SMS with its own provider template
    # ("privacy_retention_notice": date, link), after the commit.
    notify(user_id, "privacy_retention_notice", {"link": link, "date": date,
                                                 "days": int(setting("RETENTION_NOTICE_DAYS"))},
           link=path, email=profile.email if profile else None)
    if phone:
        from resumes import txn

        def send_sms() -> None:
            from auth import sms

            try:
                sms.backend().send(phone, "privacy_retention_notice", {"date": date, "link": link})
            except sms.SmsError:
                logger.warning("retention notice SMS for user %s failed", user_id)

        txn.after_commit(send_sms)


# The notice's text lives in notifications/texts.py; the msgid is repeated here so that
# the privacy catalogue carries its translation.
NOTICE_TEXT = _l("Your account has not been used for a long time: we will erase it and your profile after "
                 "%(date)s. To keep it, sign in or open %(link)s")
