"""Lines with layout, and the reading order that keeps columns apart.

Every extractor (PDF, DOCX, text) produces :class:`Line` objects.  For PDFs the lines carry
their position, font size and boldness; :func:`reading_order` then puts the lines of a
page in the order a person reads them, so that a sidebar is read as one block and not
interleaved line by line with the main column.
"""

from __future__ import annotations

import dataclasses
import itertools
import re

from resumes.parser.text import collapse_letter_spacing, normalise


@dataclasses.dataclass
class Line:
    text: str
    size: float = 0.0          # font size in points (0: unknown)
    bold: bool = False
    page: int = 0
    x0: float = 0.0
    x1: float = 0.0
    top: float = 0.0           # distance from the top of the page (grows downwards)
    bottom: float = 0.0
    cells: tuple[str, ...] = ()  # table cells or same-row fragments, when known
    block: int = 0             # text box / table / column block the line came from

    @property
    def height(self) -> float:
        return self.bottom - self.top


_LEFTOVER = re.compile(r"[\s\d./\-~–—:()+]|至|今|到|年|月|日|\b(?:present|now|current|to)\b", re.I)


def _dateish(text: str) -> bool:
    """A date, a date range or a bare number (a right-aligned date column, a phone cell)."""
    from resumes.parser.dates import DATE_RE

    return len(_LEFTOVER.sub("", DATE_RE.sub("", text))) <= 1


_WIDE = re.compile(r" {2,}")


def clean_text(text: str) -> str:
    """Normalised text on one line; a run of spaces (a gap between cells) stays as two."""
    text = " ".join(normalise(text).replace("  ", "\x00").split())
    text = re.sub(r"\s*\x00[\s\x00]*", "  ", text).strip()
    return collapse_letter_spacing(text)


def _split_x(lines: list[Line], left: float, right: float) -> float | None:
    """The x of a vertical gutter that separates two real columns, if there is one."""
    width = right - left
    if width <= 0 or len(lines) < 6:
        return None
    step = 2.0
    buckets = int(width / step) + 1
    delta = [0] * (buckets + 1)
    for ln in lines:
        a = max(0, int((ln.x0 - left) / step))
        b = min(buckets - 1, int((ln.x1 - left) / step))
        if a <= b:
            delta[a] += 1
            delta[b + 1] -= 1
    cover = list(itertools.accumulate(delta[:buckets]))
    best: tuple[int, int, int] | None = None  # (spanning lines, -gap width, centre)
    i = int(buckets * 0.2)
    end = int(buckets * 0.8)
    while i < end:
        if cover[i] <= max(1, len(lines) // 12):
            j = i
            while j < end and cover[j] <= max(1, len(lines) // 12):
                j += 1
            gap = j - i
            if gap * step >= 8:
                centre = (i + j) // 2
                spanning = max(cover[i:j])
                cand = (spanning, -gap, centre)
                if best is None or cand < best:
                    best = cand
            i = j
        i += 1
    if best is None:
        return None
    x = left + best[2] * step
    left_lines = [ln for ln in lines if ln.x1 <= x]
    right_lines = [ln for ln in lines if ln.x0 >= x]
    if len(left_lines) < 3 or len(right_lines) < 3:
        return None
    # A column of dates or of labels is part of a table, not a column of its own.
    if sum(1 for ln in right_lines if _dateish(ln.text)) > len(right_lines) * 0.5:
        return None
    if sum(1 for ln in left_lines if _dateish(ln.text)) > len(left_lines) * 0.5:
        return None
    content_left = min(ln.x0 for ln in lines)
    content_right = max(ln.x1 for ln in lines)
    content = content_right - content_left
    # Each side must be a real column (a sidebar is a quarter of the page or more), not a
    # narrow strip of labels.
    if min(x - content_left, content_right - x) < content * 0.15:
        return None
    left_width = max(ln.x1 for ln in left_lines) - min(ln.x0 for ln in left_lines)
    # Labels on the left, values on the right, row by row: a table, keep rows together.
    rows = sum(1 for a in left_lines if any(abs(a.top - b.top) < 2 for b in right_lines))
    smaller = min(len(left_lines), len(right_lines))
    if rows >= 0.8 * smaller and smaller >= 3 and left_width < width * 0.3:
        return None
    # Every line of the smaller side sits on a row of the other side: table rows, not columns.
    if rows >= 0.9 * smaller:
        return None
    return x


def _merge_rows(lines: list[Line]) -> list[Line]:
    """Join fragments that sit on the same baseline (a date at the right margin, table cells)."""
    lines = sorted(lines, key=lambda ln: (round(ln.top), ln.x0))
    rows: list[list[Line]] = []
    for ln in lines:
        if rows:
            last = rows[-1][-1]
            tolerance = max(2.0, 0.45 * min(ln.height or 10, last.height or 10))
            if abs(ln.top - rows[-1][0].top) <= tolerance or abs(ln.bottom - rows[-1][0].bottom) <= tolerance:
                rows[-1].append(ln)
                continue
        rows.append([ln])
    merged = []
    for row in rows:
        if len(row) == 1:
            merged.append(row[0])
            continue
        row.sort(key=lambda ln: ln.x0)
        first = row[0]
        cells = tuple(c for ln in row for c in (ln.cells or (ln.text,)))
        merged.append(dataclasses.replace(
            first, text="  ".join(cells), cells=cells, x1=max(ln.x1 for ln in row),
            size=max(ln.size for ln in row), bold=all(ln.bold for ln in row),
            top=min(ln.top for ln in row), bottom=max(ln.bottom for ln in row)))
    return merged


def reading_order(lines: list[Line], page_left: float, page_right: float, depth: int = 0) -> list[Line]:
    """Order one page's lines: regions top to bottom; inside a two-column region, left then right."""
    if not lines:
        return []
    x = _split_x(lines, page_left, page_right) if depth < 2 else None
    if x is None:
        return _merge_rows(lines)
    out: list[Line] = []
    region: list[Line] = []

    def flush() -> None:
        if not region:
            return
        left = [ln for ln in region if ln.x1 <= x]
        right = [ln for ln in region if ln.x0 >= x]
        if len(left) >= 2 and len(right) >= 2:
            # Columns are read one after the other down to where the shorter one ends; what lies
            # below that (the body under a short sidebar or under a two-column table) follows.
            band_bottom = min(max(ln.bottom for ln in left), max(ln.bottom for ln in right))
            below = [ln for ln in region if ln.top >= band_bottom - 1]
            band = [ln for ln in region if ln.top < band_bottom - 1]
            out.extend(reading_order([ln for ln in band if ln.x1 <= x], page_left, x, depth + 1))
            out.extend(reading_order([ln for ln in band if ln.x0 >= x], x, page_right, depth + 1))
            if below and len(below) < len(region):
                out.extend(reading_order(below, page_left, page_right, depth + 1))
            else:
                out.extend(_merge_rows(below))
        else:
            out.extend(_merge_rows(region))
        region.clear()

    for ln in sorted(lines, key=lambda ln: ln.top):
        if ln.x0 < x < ln.x1:  # a full-width line (a heading, the name) closes the region
            flush()
            out.append(ln)
        else:
            region.append(ln)
    flush()
    return out
