from flask_wtf import FlaskForm


class MarkReadForm(FlaskForm):
    """CSRF only."""
