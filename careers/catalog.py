"""The fixed vocabularies of openings: categories, departments, cities.

Codes are stored; labels are translated at display time.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

CATEGORIES = {
    "campus": _l("Campus"),
    "experienced": _l("Experienced"),
    "internship": _l("Internship"),
}

DEPARTMENTS = {
    "research": _l("Research"),
    "engineering": _l("Engineering"),
    "product": _l("Product"),
    "autonomous-driving": _l("Autonomous Driving"),
    "healthcare-imaging": _l("Healthcare Imaging"),
    "ar": _l("Augmented Reality"),
    "ai-infrastructure": _l("AI Infrastructure"),
    "design": _l("Design"),
    "operations": _l("Operations"),
    "corporate": _l("Corporate Functions"),
}

CITIES = {
    "beijing": _l("Beijing"),
    "shanghai": _l("Shanghai"),
    "shenzhen": _l("Shenzhen"),
    "hangzhou": _l("Hangzhou"),
    "chengdu": _l("Chengdu"),
    "hong-kong": _l("Hong Kong"),
    "singapore": _l("Singapore"),
    "tokyo": _l("Tokyo"),
}

STATUSES = ("draft", "published", "closed")
