"""atheris (libFuzzer) harness for the resume parser, one target per file type.

Run by ``fuzz/run.py`` (``make fuzz``), not by hand; but it can be:

    .venv/bin/python fuzz/fuzz_parser.py pdf  -max_total_time=60 -timeout=20 CORPUS_DIR SEED_DIR
    .venv/bin/python fuzz/fuzz_parser.py docx -max_total_time=60 -timeout=20 CORPUS_DIR SEED_DIR

* ``pdf``: the input is the PDF itself.  As pdfminer's own OSS-Fuzz harness does, inputs
  that do not start with ``%PDF-`` are given the header, so the fuzzer spends its time
  inside the PDF parser instead of in the type check.
* ``docx``: the input is the ``word/document.xml`` part; the harness wraps it in a real
  DOCX (the other parts taken from a corpus file), so mutations reach the XML reading and
  the layout code instead of dying in the zip reader.

The target calls ``parse_bytes`` in-process (coverage-guided).  Only ``ParseFailure`` is
an accepted outcome besides a result; anything else is reported by libFuzzer as a crash
(and then replayed through the sandbox by fuzz/run.py, which is what production runs).
"""

from __future__ import annotations

import io
import os
import sys
import zipfile
from pathlib import Path

import atheris

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# The parser imports its readers lazily: import them here, inside the block, so that
# pdfminer, python-docx and the parser's own modules are all instrumented.
with atheris.instrument_imports(include=["resumes", "pdfminer", "docx"]):
    import docx  # noqa: F401
    import pdfminer.high_level  # noqa: F401

    import resumes.parser.docx  # noqa: F401
    import resumes.parser.fields  # noqa: F401
    import resumes.parser.pdf  # noqa: F401
    import resumes.parser.sections  # noqa: F401
    from resumes.parser import ParseFailure, parse_bytes

MAX_PAGES = 5
_DOCX_TEMPLATE: dict[str, bytes] = {}


def docx_from_document_xml(document_xml: bytes) -> bytes:
    """A DOCX whose ``word/document.xml`` is ``document_xml`` (other parts from the template)."""
    if not _DOCX_TEMPLATE:
        template = os.environ.get("FUZZ_DOCX_TEMPLATE") or next(
            str(p) for p in sorted((ROOT / "tests" / "resume_corpus").glob("*.docx")))
        with zipfile.ZipFile(template) as zf:
            _DOCX_TEMPLATE.update({name: zf.read(name) for name in zf.namelist()})
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in _DOCX_TEMPLATE.items():
            zf.writestr(name, document_xml if name == "word/document.xml" else data)
    return buffer.getvalue()


def as_file(target: str, data: bytes) -> tuple[bytes, str]:
    if target == "pdf":
        return (data if data.startswith(b"%PDF-") else b"%PDF-1.4\n" + data), "fuzz.pdf"
    return docx_from_document_xml(data), "fuzz.docx"


def make_test_one_input(target: str):
    def test_one_input(data: bytes) -> None:
        payload, name = as_file(target, data)
        try:
            result = parse_bytes(payload, name, max_pages=MAX_PAGES)
        except ParseFailure:
            return
        assert isinstance(result, dict) and isinstance(result.get("text"), str)

    return test_one_input


def main() -> None:
    if len(sys.argv) < 2 or sys.argv[1] not in ("pdf", "docx"):
        sys.exit("usage: fuzz_parser.py pdf|docx [libFuzzer options] [corpus dirs]")
    target = sys.argv.pop(1)
    atheris.Setup(sys.argv, make_test_one_input(target))
    atheris.Fuzz()


if __name__ == "__main__":
    main()
