"""DOCX -> lines: body paragraphs, tables and text boxes (``w:txbxContent``), in document order.

A DOCX is a ZIP archive: sizes and compression ratios are checked from the archive's
directory before anything is decompressed (python's ``zipfile`` never returns more bytes
than an entry declares, so the declared sizes bound the work).
"""

from __future__ import annotations

import io
import zipfile

from resumes.parser.errors import NO_TEXT, ParseFailure
from resumes.parser.layout import Line, clean_text

MAX_ENTRIES = 1000
MAX_UNCOMPRESSED = 50 * 1024 * 1024
MAX_RATIO = 200

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"


def check_archive(data: bytes) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise ParseFailure("corrupt", "the DOCX file is damaged and cannot be read") from exc
    if len(infos) > MAX_ENTRIES:
        raise ParseFailure("corrupt", "the DOCX file has too many parts")
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise ParseFailure("too_large", "the DOCX file expands to an unreasonable size (a ZIP bomb?)")
    if total > MAX_UNCOMPRESSED:
        raise ParseFailure("too_large", "the DOCX file expands to more than 50 MB")
    if "word/document.xml" not in {i.filename for i in infos}:
        raise ParseFailure("unsupported_type", "the ZIP file is not a Word document")


def extract_lines(data: bytes) -> list[Line]:
    check_archive(data)
    try:
        import docx

        document = docx.Document(io.BytesIO(data))
        body = document.element.body
        lines: list[Line] = []
        _walk(body, lines, block=0)
    except ParseFailure:
        raise
    except MemoryError as exc:
        raise ParseFailure("memory", "the file needs more memory than the parser may use") from exc
    except Exception as exc:  # noqa: BLE001 - python-docx/lxml raise many types on bad input
        raise ParseFailure("corrupt", f"the DOCX file is damaged and cannot be read ({type(exc).__name__})") from exc
    if sum(len(ln.text) for ln in lines) < 20:
        raise ParseFailure("no_text", NO_TEXT)
    return lines


def _walk(container, lines: list[Line], block: int) -> None:  # type: ignore[no-untyped-def]
    for child in container:
        tag = child.tag
        if tag == W + "p":
            _paragraph(child, lines, block)
        elif tag == W + "tbl":
            _table(child, lines, block + 1)
        elif tag == W + "sdt":
            content = child.find(W + "sdtContent")
            if content is not None:
                _walk(content, lines, block)


def _text_boxes(element):  # type: ignore[no-untyped-def]
    """Text boxes inside a paragraph: read mc:Choice, skip mc:Fallback (the same text again)."""
    found = []
    for node in element.iter(W + "txbxContent"):
        parent = node.getparent()
        fallback = False
        while parent is not None and parent is not element:
            if parent.tag == MC + "Fallback":
                fallback = True
                break
            parent = parent.getparent()
        if not fallback:
            found.append(node)
    # Nested text boxes are reached through their outer box.
    return [n for n in found if not any(o is not n and _is_ancestor(o, n) for o in found)]


def _is_ancestor(a, b) -> bool:  # type: ignore[no-untyped-def]
    parent = b.getparent()
    while parent is not None:
        if parent is a:
            return True
        parent = parent.getparent()
    return False


def _run_texts(p):  # type: ignore[no-untyped-def]
    """The paragraph's own runs (not text-box contents), joined without added spaces."""
    parts: list[str] = []
    sizes: list[float] = []
    bold_chars = chars = 0

    def visit(node) -> None:  # type: ignore[no-untyped-def]
        nonlocal bold_chars, chars
        for child in node:
            tag = child.tag
            if tag in (W + "txbxContent", MC + "AlternateContent", W + "drawing", W + "pict"):
                continue
            if tag == W + "r":
                rpr = child.find(W + "rPr")
                is_bold = False
                if rpr is not None:
                    b = rpr.find(W + "b")
                    is_bold = b is not None and b.get(W + "val") not in ("0", "false")
                    sz = rpr.find(W + "sz")
                    if sz is not None and (sz.get(W + "val") or "").isdigit():
                        sizes.append(int(sz.get(W + "val")) / 2)
                for item in child:
                    if item.tag == W + "t" and item.text:
                        parts.append(item.text)
                        chars += len(item.text)
                        bold_chars += len(item.text) if is_bold else 0
                    elif item.tag == W + "tab":
                        parts.append("  ")
                    elif item.tag in (W + "br", W + "cr"):
                        parts.append("\n")
                continue
            visit(child)

    visit(p)
    return "".join(parts), (max(sizes) if sizes else 0.0), (chars > 0 and bold_chars > chars / 2)


def _paragraph(p, lines: list[Line], block: int) -> None:  # type: ignore[no-untyped-def]
    boxes = _text_boxes(p)
    for n, box in enumerate(boxes, 1):
        _walk(box, lines, block * 100 + n)
    text, size, bold = _run_texts(p)
    style = p.find(f"{W}pPr/{W}pStyle")
    style_name = (style.get(W + "val") or "") if style is not None else ""
    if style_name.lower().startswith(("heading", "title")):
        bold = True
        size = size or 14.0
    for piece in text.split("\n"):
        piece = clean_text(piece)
        if piece:
            lines.append(Line(text=piece, size=size, bold=bold, block=block))


def _table(tbl, lines: list[Line], block: int) -> None:  # type: ignore[no-untyped-def]
    for row in tbl.iter(W + "tr"):
        if row.getparent() is not None and row.getparent().getparent() is not tbl and row.getparent() is not tbl:
            continue  # rows of nested tables are walked through their cell
        cells = [c for c in row if c.tag == W + "tc"]
        cell_lines: list[list[Line]] = []
        for cell in cells:
            inner: list[Line] = []
            _walk(cell, inner, block)
            cell_lines.append(inner)
        if any(len(c) > 1 for c in cell_lines):
            for c in cell_lines:
                lines.extend(c)
            continue
        texts = []
        for c in cell_lines:
            if c and (not texts or texts[-1] != c[0].text):   # merged cells repeat their text
                texts.append(c[0].text)
        if texts:
            flat = [ln for c in cell_lines for ln in c]
            lines.append(Line(text="  ".join(texts), cells=tuple(texts), size=max(ln.size for ln in flat),
                              bold=all(ln.bold for ln in flat), block=block))
