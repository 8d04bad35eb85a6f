"""Dates as resumes write them -> ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (as precise as written)."""

from __future__ import annotations

import re

PRESENT = "present"

MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
    "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}
_MON = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_Y = r"(?:19[5-9]\d|20[0-4]\d)"
_PRESENT = r"(?:至今|迄今|今|现在|目前|present|now|current|today|ongoing)"

# One date, most specific forms first.  Named groups: y, m, d, mon.
_DATE_FORMS = [
    rf"(?P<y>{_Y})\s*年\s*(?P<m>\d{{1,2}})\s*月(?:\s*(?P<d>\d{{1,2}})\s*日)?",
    rf"(?P<y>{_Y})[./-](?P<m>\d{{1,2}})[./-](?P<d>\d{{1,2}})(?!\d)",
    rf"(?P<y>{_Y})[./-](?P<m>\d{{1,2}})(?![\d/])",
    rf"(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s*(?P<mon>{_MON})[\s,]*(?P<y>{_Y})",
    rf"(?P<mon>{_MON})\s*(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,\s*(?P<y>{_Y})",
    rf"(?P<mon>{_MON})[\s,]*(?P<y>{_Y})",
    rf"(?<![\d/.])(?P<d>\d{{1,2}})[/.-](?P<m>\d{{1,2}})[/.-](?P<y>{_Y})",
    rf"(?<![\d/.])(?P<m>\d{{1,2}})[/.](?P<y>{_Y})",
    rf"(?P<y>{_Y})\s*年",
    rf"(?P<y>{_Y})",
]
DATE = "(?:" + "|".join(f"(?:{f})" for f in (
    re.sub(r"\?P<\w+>", "", form) for form in _DATE_FORMS)) + ")"
_DATE_RES = [re.compile(rf"^\s*{f}\s*$", re.I) for f in _DATE_FORMS]
_SEP = r"\s*(?:-|~|～|至|到|to|until|–|—|－)\s*"
RANGE_RE = re.compile(rf"(?<![\d.])(?P<start>{DATE}){_SEP}(?P<end>{DATE}|{_PRESENT})(?![\d])", re.I)
OPEN_RANGE_RE = re.compile(rf"(?<![\d.])(?P<start>{DATE})\s*(?:-|~|–|—|至|起)?\s*(?P<end>{_PRESENT})", re.I)
DATE_RE = re.compile(rf"(?<![\d.]){DATE}(?![\d])", re.I)
PRESENT_RE = re.compile(rf"^\s*{_PRESENT}\s*$", re.I)


def parse_date(text: str) -> str | None:
    """One date -> ISO string as precise as written, ``"present"``, or None."""
    text = text.strip().strip(",.;:()（）")
    if PRESENT_RE.match(text):
        return PRESENT
    for rx in _DATE_RES:
        m = rx.match(text)
        if not m:
            continue
        parts = m.groupdict()
        year = int(parts["y"])
        month = parts.get("m")
        mon = parts.get("mon")
        if mon:
            month_n = MONTHS.get(mon.lower().rstrip("."))
            if month_n is None:
                return None
        elif month:
            month_n = int(month)
        else:
            return f"{year:04d}"
        if not 1 <= month_n <= 12:
            return None
        day = parts.get("d")
        if day:
            day_n = int(day)
            if not 1 <= day_n <= 31:
                return None
            return f"{year:04d}-{month_n:02d}-{day_n:02d}"
        return f"{year:04d}-{month_n:02d}"
    return None


def find_range(text: str) -> tuple[str, str | None, tuple[int, int]] | None:
    """The first date range in a line: (start, end or None while current, span)."""
    for rx in (RANGE_RE, OPEN_RANGE_RE):
        m = rx.search(text)
        if m:
            start = parse_date(m.group("start"))
            end = parse_date(m.group("end"))
            if start and start != PRESENT and end:
                return start, (None if end == PRESENT else end), m.span()
    return None


def find_date(text: str) -> tuple[str, tuple[int, int]] | None:
    m = DATE_RE.search(text)
    if not m:
        return None
    value = parse_date(m.group(0))
    return (value, m.span()) if value and value != PRESENT else None
