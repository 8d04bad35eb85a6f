"""Notification texts, rendered in the reader's language when shown or sent."""

from __future__ import annotations

import typing as t

from flask_babel import force_locale, gettext
from flask_babel import lazy_gettext as _l

# What a candidate reads for each application stage (see careers.models.CANDIDATE_LABELS).
STAGE_LABELS = {
    "received": _l("Received"),
    "under review": _l("Under review"),
    "interviewing": _l("Interviewing"),
    "offer": _l("Offer"),
    "hired": _l("Hired"),
    "not selected": _l("Not selected"),
    "withdrawn": _l("Withdrawn"),
}


def job_title(params: t.Mapping[str, t.Any], locale: str) -> str:
    zh, en = params.get("job_title_zh") or "", params.get("job_title_en") or ""
    return (en or zh) if locale == "en" else (zh or en)


def render(kind: str, params: t.Mapping[str, t.Any], locale: str) -> str:
    """One line of text for ``kind`` with ``params`` in ``locale``."""
    title = job_title(params, locale)
    with force_locale(locale):
        if kind == "application_received":
            return gettext("We received your application for %(job)s.", job=title)
        if kind == "application_stage":
            label = STAGE_LABELS.get(params.get("label", ""), params.get("label", ""))
            return gettext("Your application for %(job)s: %(stage)s.", job=title, stage=str(label))
        if kind == "application_withdrawn":
            return gettext("You withdrew your application for %(job)s.", job=title)
        if kind == "privacy_retention_notice":  # privacy: the 30-day notice before an erasure for inactivity
            return gettext("Your account has not been used for a long time: we will erase it and your profile "
                           "after %(date)s. To keep it, sign in or open %(link)s", date=params.get("date", ""),
                           link=params.get("link", ""))
        return gettext("You have a new notification.")


def bilingual(kind: str, params: t.Mapping[str, t.Any]) -> str:
    """Chinese first, then English: for SMS and email, where the reader's language is unknown."""
    zh, en = render(kind, params, "zh_Hans"), render(kind, params, "en")
    return zh if zh == en else f"{zh}\n{en}"


def sms_params(kind: str, params: t.Mapping[str, t.Any]) -> dict[str, str]:
    """Template variables of the ``application_update`` SMS: the opening and the stage (in
    Chinese; SMS templates are approved by the provider with fixed wording)."""
    with force_locale("zh_Hans"):
        label = STAGE_LABELS.get(params.get("label", ""), params.get("label", ""))
        return {"job": job_title(params, "zh_Hans")[:30], "stage": str(label)}
