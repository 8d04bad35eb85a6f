"""The parser is a pure library: its tests need no database, no app and no upload storage.

The fixtures below replace the suite's autouse ones (a rolled-back database session, and the
resumes package's upload directory and job dispatcher) for this directory only.
"""

from __future__ import annotations

import typing as t
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parents[2] / "resume_corpus"
BAD = CORPUS / "bad"


@pytest.fixture(autouse=True)
def db_session() -> t.Iterator[None]:
    yield None


@pytest.fixture(autouse=True)
def upload_dir() -> None:
    return None


@pytest.fixture(autouse=True)
def dispatcher() -> None:
    return None


def corpus_files() -> list[Path]:
    return sorted(p for p in CORPUS.iterdir() if p.suffix in (".pdf", ".docx", ".txt"))
