"""Forms of the sign-in pages (Flask-WTF: every form carries a CSRF token)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, StringField
from wtforms.validators import DataRequired, InputRequired, Length


class SmsForm(FlaskForm):
    """Mobile number + code.  "Send code" posts the number; "Sign in" posts both."""

    phone = StringField(_l("Mobile number"), validators=[Length(max=40)],
                        render_kw={"autocomplete": "tel", "inputmode": "tel", "placeholder": "138 0013 8000"})
    code = StringField(_l("Verification code"), validators=[Length(max=12)],
                       render_kw={"autocomplete": "one-time-code", "inputmode": "numeric", "maxlength": "6",
                                  "pattern": "[0-9]*"})


class ConsentForm(FlaskForm):
    agree = BooleanField(_l("I have read and agree to the privacy policy"),
                         validators=[InputRequired(message=_l("Please tick the box to agree, or cancel."))])


class ActionForm(FlaskForm):
    """A button that changes state (sign out, unbind...): only the CSRF token."""


class StaffLoginForm(FlaskForm):
    email = EmailField(_l("Email"), validators=[DataRequired(), Length(max=254)],
                       render_kw={"autocomplete": "username"})
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=200)],
                             render_kw={"autocomplete": "current-password"})


class TotpForm(FlaskForm):
    code = StringField(_l("6-digit code from your authenticator app"), validators=[DataRequired(), Length(max=12)],
                       render_kw={"autocomplete": "one-time-code", "inputmode": "numeric", "maxlength": "6",
                                  "pattern": "[0-9]*"})
