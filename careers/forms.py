"""Forms of the applicant pages and the recruiter workspace (Flask-WTF: CSRF on each)."""

from __future__ import annotations

import typing as t

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    HiddenField,
    IntegerField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import AnyOf, DataRequired, Length, NumberRange, Optional, ValidationError

from careers.catalog import CATEGORIES, CITIES, DEPARTMENTS
from careers.models import PIPELINE, REJECTION_REASONS


def choices(pairs: t.Iterable[tuple[t.Any, t.Any]]) -> list[SelectChoice]:
    return [SelectChoice(value, label) for value, label in pairs]


STAGE_NAMES = {
    "applied": _l("Applied"),
    "screening": _l("Screening"),
    "interview": _l("Interview"),
    "offer": _l("Offer"),
    "hired": _l("Hired"),
    "rejected": _l("Rejected"),
    "withdrawn": _l("Withdrawn"),
}
DEGREE_NAMES = {"HighSchool": _l("High school"), "Associate": _l("Associate degree"), "Bachelor": _l("Bachelor"),
                "Master": _l("Master"), "Doctorate": _l("Doctorate")}
GENDER_NAMES = {"male": _l("Male"), "female": _l("Female")}
JOB_STATUS_NAMES = {"draft": _l("Draft"), "published": _l("Published"), "closed": _l("Closed")}
REASON_NAMES = {
    "skills": _l("Skills do not match"),
    "experience": _l("Not enough experience"),
    "position_filled": _l("Position filled"),
    "candidate_declined": _l("Candidate declined"),
    "other": _l("Other"),
}


class ApplyForm(FlaskForm):
    resume_id = SelectField(_l("Resume to send"), coerce=int, validators=[DataRequired()])
    note = TextAreaField(_l("Note to the recruiting team (optional)"), validators=[Optional(), Length(max=2000)])
    consent = BooleanField(_l("I agree to share my profile and this resume with the recruiting team of this opening."),
                           validators=[DataRequired(_l("Please agree to share your profile to apply."))])


class EmptyForm(FlaskForm):
    """CSRF only (withdraw, mark as read)."""


class JobForm(FlaskForm):
    title_zh = StringField(_l("Title (Chinese)"), validators=[Optional(), Length(max=200)])
    title_en = StringField(_l("Title (English)"), validators=[Optional(), Length(max=200)])
    description_zh = TextAreaField(_l("Description (Chinese)"), validators=[Optional(), Length(max=20000)])
    description_en = TextAreaField(_l("Description (English)"), validators=[Optional(), Length(max=20000)])
    responsibilities_zh = TextAreaField(_l("Responsibilities (Chinese)"), validators=[Optional(), Length(max=20000)])
    responsibilities_en = TextAreaField(_l("Responsibilities (English)"), validators=[Optional(), Length(max=20000)])
    requirements_zh = TextAreaField(_l("Requirements (Chinese)"), validators=[Optional(), Length(max=20000)])
    requirements_en = TextAreaField(_l("Requirements (English)"), validators=[Optional(), Length(max=20000)])
    category = SelectField(_l("Type"), choices=choices(CATEGORIES.items()), validators=[AnyOf(list(CATEGORIES))])
    department = SelectField(_l("Department"), choices=choices(DEPARTMENTS.items()))
    city = SelectField(_l("City"), choices=choices(CITIES.items()), validators=[AnyOf(list(CITIES))])
    headcount = IntegerField(_l("Headcount"), validators=[Optional(), NumberRange(min=1, max=10000)])
    is_blind_screening = BooleanField(_l("Blind first screening (hide name, gender, date of birth, native place and photo until the candidate passes screening)"))

    def __init__(self, *args, departments: set[str] | None = None, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        allowed = [code for code in DEPARTMENTS if departments is None or code in departments]
        self.department.choices = choices((code, DEPARTMENTS[code]) for code in allowed)
        self._allowed_departments = allowed

    def validate_department(self, field: SelectField) -> None:
        if field.data not in self._allowed_departments:
            raise ValidationError(_l("Choose one of your departments."))

    def validate_title_en(self, field: StringField) -> None:
        if not (field.data or "").strip() and not (self.title_zh.data or "").strip():
            raise ValidationError(_l("Give the opening a title in Chinese or English."))


class JobStatusForm(FlaskForm):
    action = HiddenField(validators=[AnyOf(["publish", "close", "reopen"])])


class MoveForm(FlaskForm):
    application_ids = SelectMultipleField(_l("Applications"), coerce=int,
                                          validators=[DataRequired(_l("Choose at least one candidate."))])
    to_stage = SelectField(_l("Move to"), choices=choices((s, STAGE_NAMES[s]) for s in (*PIPELINE, "rejected")))
    reason = SelectField(_l("Reason (for a rejection)"), choices=choices([("", "—")] + [(r, REASON_NAMES[r]) for r in REJECTION_REASONS]),
                         validators=[Optional()])
    message = TextAreaField(_l("Message to the candidates (optional)"), validators=[Optional(), Length(max=2000)])

    def validate_reason(self, field: SelectField) -> None:
        if self.to_stage.data == "rejected" and not field.data:
            raise ValidationError(_l("Give a reason for the rejection."))


class NoteForm(FlaskForm):
    body = TextAreaField(_l("Note"), validators=[Optional(), Length(max=2000)])
    rating = SelectField(_l("Rating"), choices=choices([("", "—")] + [(str(i), "★" * i) for i in range(1, 6)]),
                         validators=[Optional()])

    def validate_body(self, field: TextAreaField) -> None:
        if not (field.data or "").strip() and not self.rating.data:
            raise ValidationError(_l("Write a note or choose a rating."))


class DepartmentsForm(FlaskForm):
    departments = SelectMultipleField(_l("Departments"), choices=choices(DEPARTMENTS.items()),
                                      validators=[Optional()])
