"""Domain errors of the careers package (views turn them into messages)."""


class CareersError(Exception):
    """Base class."""


class NoConfirmedProfile(CareersError):
    """The candidate has no confirmed profile to apply with."""


class OpeningNotOpen(CareersError):
    """The opening is not published."""


class ConsentRequired(CareersError):
    """Applying needs the candidate's consent to share the profile."""


class InvalidTransition(CareersError):
    """The application cannot move to that stage."""


class ReasonRequired(CareersError):
    """A rejection needs a reason."""
