"""Profile data as plain values: what the editor shows, what the parser found, what is saved.

``ProfileData`` is the unit the profile operations take.  It is built from a saved
``Profile``, from a parse result (JSON Resume fields), or from the editor's form, and is
validated and normalised here (dates, e-mail, phone numbers) so that every way in
applies the same rules.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import typing as t

import phonenumbers
from flask_babel import lazy_gettext as _l

from resumes.models import DEGREES, GENDERS, Profile

MAX_ENTRIES = 30
MAX_SKILLS = 100
LIMITS = {"name": 100, "native_place": 100, "city": 100, "email": 254, "phone": 40, "summary": 5000,
          "institution": 200, "area": 200, "company": 200, "title": 200, "work_summary": 5000, "skill": 100}

_PRESENT = {"至今", "今", "现在", "present", "current", "now", "today", "ongoing"}
_DATE_SEPARATORS = re.compile(r"^\s*(\d{4})\s*(?:[.\-/年]\s*(\d{1,2})\s*(?:[.\-/月]\s*(\d{1,2})\s*日?)?\s*月?)?\s*$")
# Control characters never belong in a profile (NUL is refused by PostgreSQL; CR/LF in a
# one-line field forge log lines and CSV rows), nor do invisible or direction-changing
# characters in a one-line field (U+200B, U+202E: "resume\u202efdp.exe").  Security
# reference 5.C: normalise them away.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_INVISIBLE_ONE_LINE = re.compile(r"[\t\r\n\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]+")
_EMAIL = re.compile(r"^[^@\s<>\"'(),;:\\]+@[A-Za-z0-9\u00a1-\uffff-]+(\.[A-Za-z0-9\u00a1-\uffff-]+)+$")


@dataclasses.dataclass
class EducationData:
    institution: str = ""
    study_type: str | None = None
    area: str | None = None
    start_date: str | None = None
    end_date: str | None = None
    source_ref: str | None = None  # "education[2]": where the parser found it


@dataclasses.dataclass
class WorkData:
    name: str = ""  # the company
    title: str | None = None
    start_date: str | None = None
    end_date: str | None = None  # None while current
    summary: str | None = None
    source_ref: str | None = None


@dataclasses.dataclass
class ProfileData:
    name: str | None = None
    gender: str | None = None
    birth_date: str | None = None
    native_place: str | None = None
    email: str | None = None
    phone: str | None = None
    city: str | None = None
    summary: str | None = None
    education: list[EducationData] = dataclasses.field(default_factory=list)
    work: list[WorkData] = dataclasses.field(default_factory=list)
    skills: list[str] = dataclasses.field(default_factory=list)

    BASIC_FIELDS: t.ClassVar[tuple[str, ...]] = (
        "name", "gender", "birth_date", "native_place", "email", "phone", "city", "summary")

    def is_empty(self) -> bool:
        return not any(getattr(self, f) for f in self.BASIC_FIELDS) and not (
            self.education or self.work or self.skills)

    def as_dict(self) -> dict[str, t.Any]:
        return dataclasses.asdict(self)


# --- conversions ---------------------------------------------------------------------

def from_profile(profile: Profile) -> ProfileData:
    return ProfileData(
        name=profile.name, gender=profile.gender, birth_date=profile.birth_date,
        native_place=profile.native_place, email=profile.email, phone=profile.phone, city=profile.city,
        summary=profile.summary,
        education=[EducationData(e.institution, e.study_type, e.area, e.start_date, e.end_date)
                   for e in profile.education],
        work=[WorkData(w.name, w.title, w.start_date, w.end_date, w.summary) for w in profile.work],
        skills=[s.name for s in profile.skills],
    )


def _text(value: t.Any, limit: int | None = None) -> str | None:
    if value is None or isinstance(value, dict | list):
        return None
    text = " ".join(str(value).split()) if limit and limit <= 200 else str(value).strip()
    if not text:
        return None
    return text[:limit] if limit else text


def from_parsed(resume: t.Mapping[str, t.Any]) -> ProfileData:
    """A parse result (JSON Resume v1.0.0 names plus birthDate, gender, nativePlace) as
    profile data.  Values the editor cannot hold are trimmed; nothing is invented."""
    basics = resume.get("basics") or {}
    location = basics.get("location") or {}
    data = ProfileData(
        name=_text(basics.get("name"), LIMITS["name"]),
        gender=basics.get("gender") if basics.get("gender") in GENDERS else None,
        birth_date=normalise_date(_text(basics.get("birthDate"))) if basics.get("birthDate") else None,
        native_place=_text(basics.get("nativePlace"), LIMITS["native_place"]),
        email=_text(basics.get("email"), LIMITS["email"]),
        phone=_text(basics.get("phone"), LIMITS["phone"]),
        city=_text(location.get("city") if isinstance(location, dict) else None, LIMITS["city"]),
        summary=_text(basics.get("summary"), LIMITS["summary"]),
    )
    for i, entry in enumerate((resume.get("education") or [])[:MAX_ENTRIES]):
        if not isinstance(entry, dict):
            continue
        study_type = entry.get("studyType")
        data.education.append(EducationData(
            institution=_text(entry.get("institution"), LIMITS["institution"]) or "",
            study_type=study_type if study_type in DEGREES else None,
            area=_text(entry.get("area"), LIMITS["area"]),
            start_date=_safe_date(entry.get("startDate")),
            end_date=_safe_date(entry.get("endDate")),
            source_ref=f"education[{i}]",
        ))
    for i, entry in enumerate((resume.get("work") or [])[:MAX_ENTRIES]):
        if not isinstance(entry, dict):
            continue
        data.work.append(WorkData(
            name=_text(entry.get("name"), LIMITS["company"]) or "",
            title=_text(entry.get("position"), LIMITS["title"]),
            start_date=_safe_date(entry.get("startDate")),
            end_date=_safe_date(entry.get("endDate")),
            summary=_text(entry.get("summary"), LIMITS["work_summary"]),
            source_ref=f"work[{i}]",
        ))
    for skill in (resume.get("skills") or [])[:MAX_SKILLS]:
        name = _text(skill.get("name") if isinstance(skill, dict) else skill, LIMITS["skill"])
        if name and name not in data.skills:
            data.skills.append(name)
    return data


def _safe_date(value: t.Any) -> str | None:
    if not value:
        return None
    try:
        return normalise_date(str(value))
    except ValueError:
        return None


def source_for(sources: t.Mapping[str, t.Any], *keys: str) -> str | None:
    """The parser's source snippet for the first of ``keys`` it knows, e.g.
    ``source_for(sources, "education[0].institution", "education[0]")``."""
    for key in keys:
        for variant in (key, re.sub(r"\[(\d+)\]", r".\1", key)):
            value = sources.get(variant)
            if value:
                return str(value)[:500]
    return None


# --- normalisers and validation ---------------------------------------------------

def normalise_date(value: str | None, *, allow_present: bool = False) -> str | None:
    """``2019``, ``2019-7``, ``2019.07``, ``2019/07/01``, ``2019年7月`` -> ``YYYY[-MM[-DD]]``.

    Empty (and, for end dates, "至今"/"present") gives None; anything else raises ValueError.
    """
    if value is None:
        return None
    value = value.strip()
    if not value:
        return None
    if allow_present and value.lower() in _PRESENT:
        return None
    match = _DATE_SEPARATORS.match(value)
    if not match:
        raise ValueError(value)
    year, month, day = match.groups()
    y = int(year)
    if not 1900 <= y <= dt.date.today().year + 10:
        raise ValueError(value)
    if month is None:
        return f"{y:04d}"
    m = int(month)
    if not 1 <= m <= 12:
        raise ValueError(value)
    if day is None:
        return f"{y:04d}-{m:02d}"
    dt.date(y, m, int(day))  # raises ValueError for 2019-02-30
    return f"{y:04d}-{m:02d}-{int(day):02d}"


def normalise_phone(value: str | None) -> str | None:
    """Any written form of a valid number -> E.164 (mainland China by default)."""
    if not value or not value.strip():
        return None
    try:
        number = phonenumbers.parse(value, "CN")
    except phonenumbers.NumberParseException:
        raise ValueError(value) from None
    if not phonenumbers.is_valid_number(number):
        raise ValueError(value)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def normalise_email(value: str | None) -> str | None:
    if not value or not value.strip():
        return None
    value = value.strip()
    if len(value) > LIMITS["email"] or not _EMAIL.match(value):
        raise ValueError(value)
    local, _, domain = value.rpartition("@")
    return f"{local}@{domain.lower()}"


MSG_DATE = _l("Use a date like 2019, 2019-07 or 2019-07-01.")
MSG_END_DATE = _l("Use a date like 2019, 2019-07 or 2019-07-01, or leave it empty while current.")
MSG_EMAIL = _l("Enter an e-mail address like name@example.com.")
MSG_PHONE = _l("Enter a valid phone number, for example 138 0013 8000 or +44 20 7946 0958.")
MSG_TOO_LONG = _l("This is too long (at most %(max)s characters).")
MSG_REQUIRED_SCHOOL = _l("Enter the school's name, or remove this entry.")
MSG_REQUIRED_COMPANY = _l("Enter the company's name, or remove this entry.")
MSG_ORDER = _l("The end date is before the start date.")
MSG_CHOICE = _l("Choose one of the options.")
MSG_TOO_MANY = _l("At most %(max)s entries.")
MSG_BIRTH_FUTURE = _l("The date of birth cannot be in the future.")


def latest_today() -> dt.date:
    """Today's date where it is latest on earth (UTC+14): a date of birth refused as "in the
    future" is in the future in every time zone, whichever one the candidate is in."""
    return (dt.datetime.now(dt.UTC) + dt.timedelta(hours=14)).date()


def _is_future(value: str, today: dt.date) -> bool:
    """``value`` (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``) starts after ``today``: the
    year 2026 is not in the future on any day of 2026, and 2026-12 not in December."""
    return value > today.isoformat()[: len(value)]


def _date_order_ok(start: str | None, end: str | None) -> bool:
    if not start or not end:
        return True
    n = min(len(start), len(end))
    return start[:n] <= end[:n]


def validate(data: ProfileData, today: dt.date | None = None) -> tuple[ProfileData, dict[str, str]]:
    """Normalise ``data``; return it with a dict of errors keyed like the editor's fields
    (``email``, ``education-0-start_date``).  Empty strings become None.  ``today`` (tests)
    defaults to ``latest_today()``."""
    errors: dict[str, str] = {}
    clean = ProfileData()

    def text(key: str, value: str | None, limit: int, *, multiline: bool = False) -> str | None:
        value = _CONTROL.sub("", value or "")
        if not multiline:
            value = _INVISIBLE_ONE_LINE.sub(" ", value)
        value = value.strip() or None
        if value and len(value) > limit:
            errors[key] = str(MSG_TOO_LONG % {"max": limit})
        return value

    def date(key: str, value: str | None, *, end: bool = False) -> str | None:
        try:
            return normalise_date(value, allow_present=end)
        except ValueError:
            errors[key] = str(MSG_END_DATE if end else MSG_DATE)
            return (value or "").strip() or None

    clean.name = text("name", data.name, LIMITS["name"])
    clean.gender = (data.gender or "").strip() or None
    if clean.gender and clean.gender not in GENDERS:
        errors["gender"] = str(MSG_CHOICE)
    clean.birth_date = date("birth_date", data.birth_date)
    if clean.birth_date and "birth_date" not in errors and _is_future(clean.birth_date, today or latest_today()):
        errors["birth_date"] = str(MSG_BIRTH_FUTURE)
    clean.native_place = text("native_place", data.native_place, LIMITS["native_place"])
    clean.city = text("city", data.city, LIMITS["city"])
    clean.summary = text("summary", data.summary, LIMITS["summary"], multiline=True)
    try:
        clean.email = normalise_email(data.email)
    except ValueError:
        errors["email"] = str(MSG_EMAIL)
        clean.email = data.email
    try:
        clean.phone = normalise_phone(data.phone)
    except ValueError:
        errors["phone"] = str(MSG_PHONE)
        clean.phone = data.phone

    if len(data.education) > MAX_ENTRIES:
        errors["education"] = str(MSG_TOO_MANY % {"max": MAX_ENTRIES})
    for i, e in enumerate(data.education[:MAX_ENTRIES]):
        key = f"education-{i}-"
        entry = EducationData(
            institution=text(key + "institution", e.institution, LIMITS["institution"]) or "",
            study_type=(e.study_type or "").strip() or None,
            area=text(key + "area", e.area, LIMITS["area"]),
            start_date=date(key + "start_date", e.start_date),
            end_date=date(key + "end_date", e.end_date, end=True),
            source_ref=e.source_ref,
        )
        if not entry.institution:
            errors[key + "institution"] = str(MSG_REQUIRED_SCHOOL)
        if entry.study_type and entry.study_type not in DEGREES:
            errors[key + "study_type"] = str(MSG_CHOICE)
        if key + "end_date" not in errors and not _date_order_ok(entry.start_date, entry.end_date):
            errors[key + "end_date"] = str(MSG_ORDER)
        clean.education.append(entry)

    if len(data.work) > MAX_ENTRIES:
        errors["work"] = str(MSG_TOO_MANY % {"max": MAX_ENTRIES})
    for i, w in enumerate(data.work[:MAX_ENTRIES]):
        key = f"work-{i}-"
        entry = WorkData(
            name=text(key + "name", w.name, LIMITS["company"]) or "",
            title=text(key + "title", w.title, LIMITS["title"]),
            start_date=date(key + "start_date", w.start_date),
            end_date=date(key + "end_date", w.end_date, end=True),
            summary=text(key + "summary", w.summary, LIMITS["work_summary"], multiline=True),
            source_ref=w.source_ref,
        )
        if not entry.name:
            errors[key + "name"] = str(MSG_REQUIRED_COMPANY)
        if key + "end_date" not in errors and not _date_order_ok(entry.start_date, entry.end_date):
            errors[key + "end_date"] = str(MSG_ORDER)
        clean.work.append(entry)

    seen: set[str] = set()
    for skill in data.skills:
        skill = " ".join(_INVISIBLE_ONE_LINE.sub(" ", _CONTROL.sub("", skill or "")).split())
        if not skill or skill.lower() in seen:
            continue
        if len(skill) > LIMITS["skill"]:
            errors["skills"] = str(MSG_TOO_LONG % {"max": LIMITS["skill"]})
            continue
        seen.add(skill.lower())
        clean.skills.append(skill)
    if len(clean.skills) > MAX_SKILLS:
        errors["skills"] = str(MSG_TOO_MANY % {"max": MAX_SKILLS})
    return clean, errors


# --- offering an update from a newer resume -------------------------------------------

LIST_FIELDS = ("education", "work", "skills")


def differences(mine: ProfileData, new: ProfileData) -> tuple[list[str], list[str]]:
    """The basic fields and the lists whose values differ and where the new resume says
    something (an empty new value never replaces one of mine)."""
    fields = [f for f in ProfileData.BASIC_FIELDS
              if getattr(new, f) and (getattr(mine, f) or "") != (getattr(new, f) or "")]
    lists = []
    if new.education and _edu_keys(new.education) != _edu_keys(mine.education):
        lists.append("education")
    if new.work and _work_keys(new.work) != _work_keys(mine.work):
        lists.append("work")
    if new.skills and [s.lower() for s in new.skills] != [s.lower() for s in mine.skills]:
        lists.append("skills")
    return fields, lists


def _edu_keys(entries: list[EducationData]) -> list[tuple[t.Any, ...]]:
    return [(e.institution.lower(), e.study_type, e.area, e.start_date, e.end_date) for e in entries]


def _work_keys(entries: list[WorkData]) -> list[tuple[t.Any, ...]]:
    return [(w.name.lower(), w.title, w.start_date, w.end_date) for w in entries]


def merge(mine: ProfileData, new: ProfileData, choices: t.Mapping[str, str]) -> ProfileData:
    """Mine, with the fields the candidate chose to take from ``new`` (``"new"``), and for
    lists ``"both"``: my entries plus the new ones I do not have (same school/company)."""
    result = ProfileData(**{f: getattr(mine, f) for f in ProfileData.BASIC_FIELDS})
    for f in ProfileData.BASIC_FIELDS:
        if choices.get(f) == "new" and getattr(new, f):
            setattr(result, f, getattr(new, f))
    for section in LIST_FIELDS:
        choice = choices.get(section, "mine")
        ours, theirs = list(getattr(mine, section)), list(getattr(new, section))
        if choice == "new" and theirs:
            value = theirs
        elif choice == "both":
            if section == "skills":
                known = {s.lower() for s in ours}
                value = ours + [s for s in theirs if s.lower() not in known]
            else:
                attr = "institution" if section == "education" else "name"
                known = {getattr(e, attr).strip().lower() for e in ours}
                value = ours + [e for e in theirs if getattr(e, attr).strip().lower() not in known]
            value = value[:MAX_SKILLS if section == "skills" else MAX_ENTRIES]
        else:
            value = ours
        setattr(result, section, value)
    return result
