"""PDF -> lines with layout, through pdfminer.six.

Hostile files are expected: every exception pdfminer raises (not only ``PSException``) ends as
``ParseFailure("corrupt")``; the process-level limits live in :mod:`resumes.parser.sandbox`.
"""

from __future__ import annotations

import dataclasses
import functools
import io
import itertools
import re
import statistics
import zlib

from resumes.parser.errors import NO_TEXT, ParseFailure
from resumes.parser.layout import Line, clean_text, reading_order

_BOLD = re.compile(r"bold|black|heavy|semibold|demi|,b$|-b$", re.I)


@functools.lru_cache(maxsize=256)
def _is_bold(fontname: str) -> bool:
    return bool(_BOLD.search(fontname))
_CID = re.compile(r"\(cid:\d+\)")
_LEADING_CID = re.compile(r"^\s*\(cid:\d+\)\s*")

LAPARAMS_KW = {"all_texts": True, "boxes_flow": None, "line_margin": 0.3}


def _decompress_corrupted(data: bytes) -> bytes:
    """pdfminer's ``decompress_corrupted`` (a Flate stream that ``zlib.decompress`` refuses:
    cut short, or a bad checksum), in linear time.  pdfminer's own feeds the data one byte
    at a time and grows the output with ``bytes +=``: a stream of a few MB cut mid-stream
    kept the parse busy past the job's time limit.  Same result: the bytes before the
    damage; an error before the last 3 bytes (the checksum) still raises."""
    decompressor = zlib.decompressobj()
    out: list[bytes] = []
    step = 64 * 1024
    for start in range(0, len(data), step):
        chunk = data[start:start + step]
        saved = decompressor.copy()
        try:
            out.append(decompressor.decompress(chunk))
            continue
        except zlib.error:
            decompressor = saved
        for offset in range(len(chunk)):   # find the failing byte, as pdfminer does
            try:
                out.append(decompressor.decompress(chunk[offset:offset + 1]))
            except zlib.error:
                if start + offset < len(data) - 3:
                    raise
                return b"".join(out)
    return b"".join(out)


def _open(data: bytes, max_pages: int):  # type: ignore[no-untyped-def]
    from pdfminer import pdftypes
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    pdftypes.decompress_corrupted = _decompress_corrupted  # type: ignore[assignment]
    parser = PDFParser(io.BytesIO(data))
    try:
        document = PDFDocument(parser, password="")
    except PDFPasswordIncorrect as exc:
        raise ParseFailure("encrypted", "the PDF is protected by a password; upload an unprotected copy") from exc
    except PDFEncryptionError as exc:
        raise ParseFailure("encrypted", "the PDF uses encryption the site cannot read; upload an unprotected copy") from exc
    pages = list(itertools.islice(PDFPage.create_pages(document), max_pages + 1))
    if not pages:
        raise ParseFailure("corrupt", "the PDF has no pages")
    if len(pages) > max_pages:
        raise ParseFailure("too_many_pages", f"the PDF has more than {max_pages} pages")
    return pages


def extract_lines(data: bytes, max_pages: int = 20) -> list[Line]:
    try:
        return _extract(data, max_pages)
    except ParseFailure:
        raise
    except MemoryError as exc:
        raise ParseFailure("memory", "the file needs more memory than the parser may use") from exc
    except RecursionError as exc:
        raise ParseFailure("corrupt", "the PDF is damaged (its structure nests too deeply)") from exc
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many unrelated types on bad input
        raise ParseFailure("corrupt", f"the PDF is damaged and cannot be read ({type(exc).__name__})") from exc


def _extract(data: bytes, max_pages: int) -> list[Line]:
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LAParams, LTChar, LTContainer, LTTextLine
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager

    pages = _open(data, max_pages)
    manager = PDFResourceManager(caching=True)
    device = PDFPageAggregator(manager, laparams=LAParams(**LAPARAMS_KW))
    interpreter = PDFPageInterpreter(manager, device)
    out: list[Line] = []
    glyphs = cids = 0
    for number, page in enumerate(pages):
        interpreter.process_page(page)
        layout = device.get_result()
        x_left, _, x_right, y_top = layout.bbox
        raw: list[Line] = []
        stack = [layout]
        block = 0
        while stack:
            node = stack.pop()
            for item in node:
                if isinstance(item, LTTextLine):
                    text = item.get_text()
                    if "  " in text:
                        text = _respace(item, text)
                    n_cid = len(_CID.findall(text))
                    chars = item._objs
                    cids += n_cid
                    glyphs += len(chars)
                    if n_cid:
                        # A glyph with no Unicode at the start of a line is nearly always a bullet.
                        text = _CID.sub("", _LEADING_CID.sub("• ", text))
                    text = clean_text(text)
                    if not text:
                        continue
                    # Size and weight from a few glyphs (first, middle, last): cheap and enough.
                    sample = [c for c in (chars[0], chars[len(chars) // 2], chars[-1]) if isinstance(c, LTChar)] \
                        if chars else []
                    sizes = [c.size for c in sample] or [0.0]
                    bold = sum(1 for c in sample if _is_bold(c.fontname)) * 2 > len(sample)
                    raw.append(Line(text=text, size=round(statistics.median(sizes), 1), bold=bold, page=number,
                                    x0=item.x0, x1=item.x1, top=y_top - item.y1, bottom=y_top - item.y0,
                                    block=block))
                elif isinstance(item, LTContainer):
                    block += 1
                    stack.append(item)
        out.extend(_join_wrapped(reading_order(raw, x_left, x_right)))
    readable = sum(len(ln.text.replace(" ", "")) for ln in out)
    if readable < 20 or (glyphs and cids / glyphs > 0.3):
        raise ParseFailure("no_text", NO_TEXT)
    return out


def _join_wrapped(lines: list[Line]) -> list[Line]:
    """Join a wrapped line to the line it continues: it starts in lower case, sits right
    under a line of the same size that does not end a sentence, at the same or a deeper indent."""
    out: list[Line] = []
    for ln in lines:
        if out:
            prev = out[-1]
            if (ln.text[:1].islower() and prev.size == ln.size and not prev.cells and not ln.cells
                    and prev.page == ln.page and 0 <= ln.top - prev.bottom < ln.height * 1.2
                    and ln.x0 >= prev.x0 - 2 and not prev.text.endswith((".", ";", ":"))):
                out[-1] = dataclasses.replace(prev, text=f"{prev.text} {ln.text}", x1=max(prev.x1, ln.x1),
                                              bottom=ln.bottom)
                continue
        out.append(ln)
    return out


def _respace(item, text: str) -> str:  # type: ignore[no-untyped-def]
    """Letter-spaced text (CSS letter-spacing, ``Tc``): pdfminer puts a space between many
    letters and two between words.  Rebuild the line from the glyph gaps instead."""
    from pdfminer.layout import LTChar

    chars = [c for c in item if isinstance(c, LTChar)]
    if len(chars) < 6:
        return text
    gaps = [b.x0 - a.x1 for a, b in zip(chars, chars[1:], strict=False)]
    typical = statistics.median(gaps)
    size = statistics.median(c.size for c in chars)
    if typical < 0.12 * size:
        return text   # ordinary spacing: the double spaces are real gaps
    out = [chars[0].get_text()]
    for gap, ch in zip(gaps, chars[1:], strict=False):
        if gap > typical + 0.2 * size:
            out.append("  " if gap > typical + 1.5 * size else " ")
        out.append(ch.get_text())
    return "".join(out)
