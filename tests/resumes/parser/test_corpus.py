"""Layout handling on the committed corpus: every resume parses, and its contact fields match its label."""

from __future__ import annotations

import json

import pytest

from resumes.parser import extract_lines, parse_bytes
from tests.resumes.parser.conftest import CORPUS, corpus_files


def test_corpus_size_and_languages() -> None:
    files = corpus_files()
    assert len(files) >= 40
    assert sum(1 for f in files if f.name.startswith("zh-")) * 2 >= len(files)
    assert all(f.with_suffix(".json").exists() for f in files)


@pytest.mark.slow
@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.name)
def test_every_corpus_file_parses(path) -> None:  # type: ignore[no-untyped-def]
    label = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    result = parse_bytes(path.read_bytes(), path.name)
    basics = result["resume"]["basics"]
    assert basics["email"] == label["basics"]["email"]
    assert set(result["confidence"]) == set(result["sources"])
    assert all(0 < c <= 1 for c in result["confidence"].values())
    for path_key in result["confidence"]:
        assert path_key.split(".")[0].split("[")[0] in ("basics", "education", "work", "skills")


def _texts(name: str) -> list[str]:
    return [ln.text for ln in extract_lines((CORPUS / name).read_bytes())]


def test_sidebar_is_read_as_a_block() -> None:
    """The sidebar's label/value pairs stay together and are not interleaved with the main column."""
    lines = _texts("zh-04-sidebar.pdf")
    edu = lines.index("教育经历")
    assert lines.index("联系方式") < edu and lines.index("专业技能") < edu
    assert not any("教育经历" in ln and ln != "教育经历" for ln in lines)


def test_text_boxes_are_read_once() -> None:
    """DOCX text boxes (mc:Choice) are read; their VML fallback copy is skipped."""
    lines = _texts("zh-18-docx-textboxes.docx")
    label = json.loads((CORPUS / "zh-18-docx-textboxes.json").read_text(encoding="utf-8"))
    joined = "\n".join(lines)
    assert joined.count(label["basics"]["email"]) == 1
    result = parse_bytes((CORPUS / "zh-18-docx-textboxes.docx").read_bytes(), "x.docx")
    assert result["resume"]["basics"]["phone"] == label["basics"]["phone"]   # runs split mid-number


def test_docx_tables_are_read() -> None:
    result = parse_bytes((CORPUS / "zh-16-docx-tables.docx").read_bytes(), "x.docx")
    label = json.loads((CORPUS / "zh-16-docx-tables.json").read_text(encoding="utf-8"))
    assert result["resume"]["basics"]["phone"] == label["basics"]["phone"]
    assert [e["institution"] for e in result["resume"]["education"]] == [
        e["institution"] for e in label["education"]]


def test_form_xobject_text_is_read() -> None:
    """The browser-style layout draws its header (name, contacts) inside a Form XObject."""
    label = json.loads((CORPUS / "en-14-browser.json").read_text(encoding="utf-8"))
    basics = parse_bytes((CORPUS / "en-14-browser.pdf").read_bytes(), "x.pdf")["resume"]["basics"]
    assert basics["name"] == label["basics"]["name"]
    assert basics["email"] == label["basics"]["email"]
