"""Forms of the resumes pages (Flask-WTF: CSRF on each)."""

from __future__ import annotations

import re
import typing as t

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import Length, Optional

from resumes.profiledata import MAX_ENTRIES, EducationData, ProfileData, WorkData

DEGREE_CHOICES = [
    SelectChoice("", _l("(not stated)")), SelectChoice("HighSchool", _l("High school")),
    SelectChoice("Associate", _l("Associate (大专)")), SelectChoice("Bachelor", _l("Bachelor")),
    SelectChoice("Master", _l("Master")), SelectChoice("Doctorate", _l("Doctorate")),
]
GENDER_CHOICES = [SelectChoice("", _l("(not stated)")), SelectChoice("female", _l("Female")),
                  SelectChoice("male", _l("Male"))]
KEEP_OR_TAKE = [SelectChoice("mine", _l("Keep mine")), SelectChoice("new", _l("Take new"))]
KEEP_TAKE_OR_BOTH = KEEP_OR_TAKE + [SelectChoice("both", _l("Combine"))]


class UploadForm(FlaskForm):
    file = FileField(_l("Resume file"))
    # Its own box, never ticked in advance, not bundled with the privacy policy (PIPL art. 14,
    # 29).  No validator here: a live consent given earlier counts too, and the operation
    # (``upload_resume``) is what refuses.
    consent = BooleanField(_l("I agree that my resume is processed as described above."), default=False)


class ConfirmForm(FlaskForm):
    """A form with nothing but its CSRF token (delete, dismiss, retry)."""


class EducationForm(Form):
    institution = StringField(_l("School"), validators=[Optional(), Length(max=400)])
    study_type = SelectField(_l("Degree"), choices=DEGREE_CHOICES, default="", validate_choice=False)
    area = StringField(_l("Major"), validators=[Optional(), Length(max=400)])
    start_date = StringField(_l("Start"), validators=[Optional(), Length(max=40)])
    end_date = StringField(_l("End"), validators=[Optional(), Length(max=40)])
    source_ref = HiddenField()


class WorkForm(Form):
    name = StringField(_l("Company"), validators=[Optional(), Length(max=400)])
    title = StringField(_l("Position"), validators=[Optional(), Length(max=400)])
    start_date = StringField(_l("Start"), validators=[Optional(), Length(max=40)])
    end_date = StringField(_l("End"), validators=[Optional(), Length(max=40)])
    summary = TextAreaField(_l("What you did"), validators=[Optional(), Length(max=10000)])
    source_ref = HiddenField()


class ProfileForm(FlaskForm):
    """The profile editor.  Length caps here only bound the request; the real rules
    (dates, e-mail, phone, lengths) are in ``resumes.profiledata.validate``."""

    name = StringField(_l("Name"), validators=[Optional(), Length(max=400)])
    gender = SelectField(_l("Gender"), choices=GENDER_CHOICES, default="", validate_choice=False)
    birth_date = StringField(_l("Date of birth"), validators=[Optional(), Length(max=40)])
    native_place = StringField(_l("Native place (籍贯)"), validators=[Optional(), Length(max=400)])
    email = StringField(_l("E-mail"), validators=[Optional(), Length(max=400)])
    phone = StringField(_l("Phone"), validators=[Optional(), Length(max=80)])
    city = StringField(_l("Current city"), validators=[Optional(), Length(max=400)])
    summary = TextAreaField(_l("About you"), validators=[Optional(), Length(max=10000)])
    skills = TextAreaField(_l("Skills (one per line)"), validators=[Optional(), Length(max=20000)])
    education = FieldList(FormField(EducationForm), max_entries=MAX_ENTRIES + 1)
    work = FieldList(FormField(WorkForm), max_entries=MAX_ENTRIES + 1)
    source_resume_id = HiddenField()


class UpdateChoiceForm(FlaskForm):
    """Per field: keep mine or take the new value (the fields are added per page)."""


def make_update_form(field_names: t.Iterable[str], list_names: t.Iterable[str],
                     defaults: t.Mapping[str, str]) -> FlaskForm:
    class _Form(UpdateChoiceForm):
        pass

    for name in field_names:
        setattr(_Form, f"take_{name}", RadioField(choices=KEEP_OR_TAKE, default=defaults.get(name, "mine")))
    for name in list_names:
        setattr(_Form, f"take_{name}", RadioField(choices=KEEP_TAKE_OR_BOTH, default=defaults.get(name, "mine")))
    return _Form()


# --- editor data <-> ProfileData -------------------------------------------------------

def skills_from_text(text: str | None) -> list[str]:
    return [s.strip() for s in re.split(r"[\n,，;；、]+", text or "") if s.strip()]


def form_to_data(form: ProfileForm) -> ProfileData:
    return ProfileData(
        name=form.name.data, gender=form.gender.data, birth_date=form.birth_date.data,
        native_place=form.native_place.data, email=form.email.data, phone=form.phone.data,
        city=form.city.data, summary=form.summary.data, skills=skills_from_text(form.skills.data),
        education=[EducationData(institution=e["institution"] or "", study_type=e["study_type"] or None,
                                 area=e["area"], start_date=e["start_date"], end_date=e["end_date"],
                                 source_ref=e["source_ref"] or None) for e in form.education.data],
        work=[WorkData(name=w["name"] or "", title=w["title"], start_date=w["start_date"], end_date=w["end_date"],
                       summary=w["summary"], source_ref=w["source_ref"] or None) for w in form.work.data],
    )


def data_to_formdata(data: ProfileData, source_resume_id: int | None) -> dict[str, t.Any]:
    """Keyword data to build a ``ProfileForm`` from (``ProfileForm(formdata=None, data=...)``)."""
    values = data.as_dict()
    values["skills"] = "\n".join(data.skills)
    values["source_resume_id"] = str(source_resume_id or "")
    for entry in values["education"] + values["work"]:
        for key, value in list(entry.items()):
            entry[key] = "" if value is None else value
    for key in ProfileData.BASIC_FIELDS:
        values[key] = values[key] or ""
    return values


_OP = re.compile(r"^(education|work)-(?:(\d+)-(up|down|remove)|add)$")


def apply_editor_op(data: ProfileData, op: str) -> bool:
    """Apply an editor button (``education-2-up``, ``work-add``...) to ``data`` in place.
    Returns False for an unknown operation."""
    match = _OP.match(op or "")
    if not match:
        return False
    section, index, action = match.group(1), match.group(2), match.group(3)
    entries: list[t.Any] = getattr(data, section)
    if index is None:
        if len(entries) < MAX_ENTRIES:
            entries.append(EducationData() if section == "education" else WorkData())
        return True
    i = int(index)
    if not 0 <= i < len(entries):
        return True
    if action == "remove":
        entries.pop(i)
    elif action == "up" and i > 0:
        entries[i - 1], entries[i] = entries[i], entries[i - 1]
    elif action == "down" and i < len(entries) - 1:
        entries[i + 1], entries[i] = entries[i], entries[i + 1]
    return True
