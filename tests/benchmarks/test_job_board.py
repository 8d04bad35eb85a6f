"""benchmarks/job_board.py and benchmarks/run.py: data, the shared docs file, the runner (no timings)."""

import sys
import types

import pytest

from benchmarks import job_board, run


def test_generate_jobs_is_varied_bilingual_and_searchable():
    rows = job_board.generate_jobs(300, seed=1)
    assert len({row["reference"] for row in rows}) == 300
    assert len({row["title_en"] for row in rows}) > 100
    assert {row["category"] for row in rows} == {"campus", "experienced", "internship"}
    assert {row["status"] for row in rows} <= {"published", "closed", "draft"}
    for row in rows:
        assert row["title_zh"] and row["title_en"]
        # Responsibilities stay aligned pairs of translations.
        assert len(row["responsibilities_zh"].splitlines()) == len(row["responsibilities_en"].splitlines())
        assert row["title_en"].lower() in row["search_text"] and row["title_zh"].lower() in row["search_text"]
        assert (row["published_dt"] is None) == (row["status"] == "draft")


def test_write_section_replaces_only_its_own_section(tmp_path):
    doc = tmp_path / "benchmarks.md"
    doc.write_text("# Benchmarks\n\nIntro.\n\n## Load\n\nload figures\n\n## Job board\n\nold\n\n"
                   "## Resume parser\n\nparser figures\n")
    job_board.write_section("## Job board\n\nnew figures\n", doc)
    text = doc.read_text()
    assert "old" not in text and "new figures" in text
    assert "load figures" in text and "parser figures" in text
    assert text.index("## Load") < text.index("## Job board") < text.index("## Resume parser")


def test_write_section_appends_or_creates(tmp_path):
    doc = tmp_path / "benchmarks.md"
    job_board.write_section("## Job board\n\nfigures\n", doc)
    assert doc.read_text().startswith("# Benchmarks\n") and doc.read_text().endswith("## Job board\n\nfigures\n")
    doc.write_text("# Benchmarks\n\n## Load\n\nx\n")
    job_board.write_section("## Job board\n\nfigures\n", doc)
    assert doc.read_text() == "# Benchmarks\n\n## Load\n\nx\n\n## Job board\n\nfigures\n"


def test_percentile_is_nearest_rank():
    values = [float(v) for v in range(1, 101)]
    assert job_board.percentile(values, 0.95) == 95.0
    assert job_board.percentile(values, 0.5) == 50.0
    assert job_board.percentile([3.0], 0.95) == 3.0


@pytest.fixture
def fake_benchmarks(monkeypatch):
    calls = []
    for name in ("fake_a", "fake_b"):
        module = types.ModuleType(f"benchmarks.{name}")
        module.__spec__ = types.SimpleNamespace(name=module.__name__)

        def main(name=name):
            calls.append((name, list(sys.argv)))
            return 0

        module.main = main
        monkeypatch.setitem(sys.modules, module.__name__, module)
    monkeypatch.setattr(run, "BENCHMARKS", [
        ("a", "benchmarks.fake_a", True), ("missing", "benchmarks.not_written_yet", True),
        ("b", "benchmarks.fake_b", False),
    ])
    monkeypatch.setattr(run.importlib.util, "find_spec",
                        lambda name: sys.modules.get(name) and sys.modules[name].__spec__)
    return calls


def test_run_skips_missing_modules_and_opt_in_ones(fake_benchmarks, capsys):
    assert run.main([]) == 0
    assert [name for name, _ in fake_benchmarks] == ["fake_a"]
    assert "missing: skipped" in capsys.readouterr().out


def test_run_only_runs_the_named_ones_with_a_clean_argv(fake_benchmarks):
    assert run.main(["--only", "b"]) == 0
    assert fake_benchmarks == [("fake_b", ["benchmarks.fake_b"])]
