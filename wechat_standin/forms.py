"""The stand-in's one form: act as the WeChat user who approves or denies a sign-in."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, RadioField, SelectField, StringField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional

NEW_PERSONA = "new"


class ConsentForm(FlaskForm):
    """Approve (as a chosen or new persona) or deny one pending authorization."""

    flow = HiddenField(validators=[DataRequired()])
    # Choices are the personas of the moment; the view checks the value.
    persona = RadioField(_l("WeChat user"), validate_choice=False, validators=[Optional()])
    nickname = StringField(_l("Nickname"), validators=[Optional(), Length(max=32)],
                           render_kw={"maxlength": 32, "autocomplete": "off"})
    sex = SelectField(_l("Gender"), default="0", choices=[
        SelectChoice("0", _l("Not given")), SelectChoice("1", _l("Male")), SelectChoice("2", _l("Female"))])
    snapshot = BooleanField(_l("Snapshot-page user (virtual account, is_snapshotuser=1)"))
    approve = SubmitField(_l("Allow"))
    deny = SubmitField(_l("Deny"))
