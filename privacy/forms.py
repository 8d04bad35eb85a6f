"""Forms of the privacy centre (Flask-WTF: every form carries a CSRF token)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, StringField
from wtforms.validators import InputRequired, Length


class ActionForm(FlaskForm):
    """A button that changes state: only the CSRF token."""


class ConsentForm(FlaskForm):
    agree = BooleanField(_l("I have read the privacy policy above and agree to it"),
                         validators=[InputRequired(message=_l("Please tick the box to agree."))])


class WithdrawForm(FlaskForm):
    purpose = HiddenField(validators=[InputRequired(), Length(max=80)])


class PhoneForm(FlaskForm):
    phone = StringField(_l("Your parent's or guardian's mobile number"),
                        validators=[InputRequired(), Length(max=40)],
                        render_kw={"autocomplete": "off", "inputmode": "tel", "placeholder": "138 0013 8000"})
    confirm = BooleanField(_l("This is the number of my parent or legal guardian, who agrees to my use of this "
                              "site"),
                           validators=[InputRequired(message=_l("Please confirm that this is your guardian's "
                                                                "number."))])


class CodeForm(FlaskForm):
    code = StringField(_l("Verification code"), validators=[InputRequired(), Length(max=12)],
                       render_kw={"autocomplete": "one-time-code", "inputmode": "numeric", "maxlength": "6",
                                  "pattern": "[0-9]*"})


class CancelForm(FlaskForm):
    confirm = BooleanField(_l("I understand that my account and data will be erased and cannot be restored"),
                           validators=[InputRequired(message=_l("Please tick the box to confirm."))])
