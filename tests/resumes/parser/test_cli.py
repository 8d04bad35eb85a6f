"""The ``flask resumes parse`` contract: one valid JSON line per file, failures included, no database."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.resumes.parser.conftest import BAD, CORPUS, corpus_files

ROOT = Path(__file__).resolve().parents[3]
KEYS = {"file", "status", "error", "seconds", "resume", "confidence"}


def run_cli(*files: str, database_url: str) -> list[dict]:
    env = dict(os.environ, DATABASE_URL=database_url, FLASK_APP="wsgi", APP_ENV="development")
    env.pop("REDIS_URL", None)
    proc = subprocess.run(
        [sys.executable, "-m", "flask", "--app", "wsgi", "resumes", "parse", *files],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False,
    )
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert len(lines) == len(files), proc.stdout
    return [json.loads(line) for line in lines]


@pytest.mark.slow
@pytest.mark.parametrize("database_url", [
    "postgresql://nobody@127.0.0.1:1/unreachable",
    "sqlite:////nonexistent/directory/careers.db",
])
def test_parse_works_without_a_database(database_url: str, tmp_path: Path) -> None:
    missing = str(tmp_path / "missing.pdf")
    unreadable = tmp_path / "dir.pdf"
    unreadable.mkdir()
    unicode_name = tmp_path / "简历 ✓.txt"
    unicode_name.write_bytes((CORPUS / "zh-21-text.txt").read_bytes())
    files = [str(CORPUS / "zh-01-single.pdf"), str(CORPUS / "en-16-docx-tables.docx"), missing,
             str(BAD / "encrypted.pdf"), str(unreadable), str(unicode_name)]
    out = run_cli(*files, database_url=database_url)
    for given, line in zip(files, out, strict=True):
        assert set(line) == KEYS
        assert line["file"] == given
        assert isinstance(line["seconds"], float)
    assert [line["status"] for line in out] == ["parsed", "parsed", "failed", "failed", "failed", "parsed"]
    assert out[0]["error"] is None and out[0]["resume"]["basics"]["name"]
    assert out[0]["confidence"]["basics.name"] > 0
    assert out[2]["error"] == "file not found" and out[2]["resume"] == {} and out[2]["confidence"] == {}
    assert "password" in out[3]["error"]
    assert out[4]["error"].startswith("cannot read") or out[4]["error"] == "file not found"


@pytest.mark.slow
def test_every_corpus_and_bad_file_gets_a_valid_line() -> None:
    files = [str(p.relative_to(ROOT)) for p in corpus_files()] + [str(p.relative_to(ROOT)) for p in sorted(BAD.iterdir())]
    out = run_cli(*files, database_url="postgresql://nobody@127.0.0.1:1/unreachable")
    assert [line["file"] for line in out] == files
    statuses = {line["file"]: line["status"] for line in out}
    assert all(statuses[f] == "parsed" for f in files if "/bad/" not in f)
    assert all(statuses[f] == "failed" and line["error"] for f, line in zip(files, out, strict=True) if "/bad/" in f)
