"""``make fuzz``: fuzz the resume parser on PDF and DOCX, then replay through the sandbox.

    .venv/bin/python -m fuzz.run [--seconds 60] [--targets pdf docx] [--replay 300] [--no-write]

For each target:

1. Seeds: the corpus (tests/resume_corpus, its ``bad/`` files) and broken PDFs made here
   (truncated, cut xref, a bad stream length, deep nesting, a small Flate bomb); for DOCX,
   the ``word/document.xml`` of every corpus DOCX.
2. atheris (coverage-guided, in-process) for ``--seconds``; libFuzzer's ``-timeout``
   flags an input slower than FUZZ_SLOW seconds, ``-rss_limit_mb`` one that takes too
   much memory; after a crash the run goes on with the time left.  Corpus and crash files
   are kept under artifacts/fuzz/<target>/ (git-ignored).
3. Replay through ``resumes.parser.sandbox.run_sandboxed`` -- the runner the parse job
   uses, with the job's limits (PARSE_TIMEOUT_SECONDS, PARSE_MEMORY_MB): every crash, slow
   and memory file, every seed, and a sample of the generated corpus.  The contract: each
   input ends as a result or a ParseFailure with a known code, never later than the
   limit (+ a few seconds to kill the child), and this process -- the worker -- survives.

Writes the "## Fuzzing" section of docs/reliability.md; exits 1 if the contract broke.
"""

from __future__ import annotations

import argparse
import collections
import os
import random
import re
import shutil
import subprocess
import sys
import time
import zipfile
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "resume_corpus"
OUT = ROOT / "artifacts" / "fuzz"
DOC = ROOT / "docs" / "reliability.md"
PY = ROOT / ".venv" / "bin" / "python"
HARNESS = ROOT / "fuzz" / "fuzz_parser.py"
JOB_TIMEOUT = int(os.environ.get("PARSE_TIMEOUT_SECONDS", 30))
JOB_MEMORY_MB = int(os.environ.get("PARSE_MEMORY_MB", 512))
FUZZ_SLOW = int(os.environ.get("FUZZ_SLOW", 10))
KILL_SLACK = 5.0


def broken_pdfs() -> dict[str, bytes]:
    base = sorted(CORPUS.glob("*.pdf"))[0].read_bytes()
    xref = base.rfind(b"startxref")
    bomb_stream = zlib.compress(b"0 0 Td (A) Tj " * 4_000_000, 9)  # ~56 MB of content from ~60 KB
    bomb = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
            b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
            b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Contents 4 0 R>>endobj\n"
            b"4 0 obj<</Length " + str(len(bomb_stream)).encode() + b"/Filter/FlateDecode>>stream\n"
            + bomb_stream + b"\nendstream endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")
    return {
        "made-truncated-half.pdf": base[: len(base) // 2],
        "made-truncated-tail.pdf": base[: len(base) - 40],
        "made-xref-garbage.pdf": base[:xref] + b"startxref\n999999999\n%%EOF\n" if xref > 0 else base + b"x",
        "made-bad-length.pdf": re.sub(rb"/Length \d+", b"/Length 99999999", base, count=3),
        "made-deep-nesting.pdf": b"%PDF-1.4\n1 0 obj " + b"[" * 50_000 + b"]" * 50_000 + b" endobj\ntrailer<</Root 1 0 R>>\n%%EOF",
        "made-flate-bomb.pdf": bomb,
        "made-header-only.pdf": b"%PDF-1.7\n%%EOF\n",
    }


# Made or known-hostile files that hang or blow up in-process: they go to the sandbox
# replay only (libFuzzer would stop on them before fuzzing anything).
HOSTILE = {"made-deep-nesting.pdf", "made-flate-bomb.pdf"}


def seed(target: str, seeds: Path, hostile: Path) -> int:
    for folder in (seeds, hostile):
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
    if target == "pdf":
        files = {p.name: p.read_bytes() for p in CORPUS.glob("*.pdf")} | broken_pdfs()
        bad = {p.name: p.read_bytes() for p in (CORPUS / "bad").glob("*.pdf")}
    else:
        files = {}
        for path in CORPUS.glob("*.docx"):
            with zipfile.ZipFile(path) as zf:
                files[path.stem + ".xml"] = zf.read("word/document.xml")
        bad = {p.name: p.read_bytes() for p in (CORPUS / "bad").glob("*.docx")}
    for name, data in files.items():
        (hostile if name in HOSTILE else seeds).joinpath(name).write_bytes(data)
    for name, data in bad.items():
        (hostile / name).write_bytes(data)
    return len(files) + len(bad)


def fuzz(target: str, seconds: int) -> dict[str, object]:
    work = OUT / target
    corpus, seeds = work / "corpus", work / "seeds"
    corpus.mkdir(parents=True, exist_ok=True)
    n_seeds = seed(target, seeds, work / "hostile")
    deadline = time.monotonic() + seconds
    runs, execs, crashes, log_tail = 0, 0, 0, ""
    cov = 0
    while (left := int(deadline - time.monotonic())) >= 5:
        runs += 1
        cmd = [str(PY), str(HARNESS), target, f"-max_total_time={left}", f"-timeout={FUZZ_SLOW}",
               "-rss_limit_mb=2048", "-max_len=262144", f"-artifact_prefix={work}/", "-print_final_stats=1",
               str(corpus), str(seeds)]
        done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=left + 120)
        out = done.stdout + done.stderr
        log_tail = out[-3000:]
        (work / f"run-{runs}.log").write_text(out[-200_000:], encoding="utf-8")
        execs += sum(int(m) for m in re.findall(r"stat::number_of_executed_units:\s*(\d+)", out))
        covs = re.findall(r"cov: (\d+)", out)
        cov = max([cov, *map(int, covs)])
        if done.returncode != 0:
            crashes += 1
        if runs > 50:
            break
    return {"target": target, "seconds": seconds, "seeds": n_seeds, "runs": runs, "execs": execs, "cov": cov,
            "crashes": crashes, "corpus": len(list(corpus.iterdir())), "tail": log_tail}


def replay(target: str, sample: int) -> dict[str, object]:
    sys.path.insert(0, str(ROOT))
    from fuzz.fuzz_parser import as_file
    from resumes.parser import CODES
    from resumes.parser.errors import ParseFailure
    from resumes.parser.sandbox import run_sandboxed

    work = OUT / target
    findings = sorted(p for p in work.iterdir() if p.is_file() and p.name.split("-")[0] in ("crash", "timeout", "oom", "slow"))
    seeds = sorted((work / "seeds").iterdir()) + sorted((work / "hostile").iterdir())
    corpus = sorted((work / "corpus").iterdir())
    random.Random(7).shuffle(corpus)
    inputs = [*findings, *seeds, *corpus[:sample]]
    codes: collections.Counter[str] = collections.Counter()
    violations: list[str] = []
    slowest = (0.0, "")
    hostile: list[str] = []
    for path in inputs:
        raw = path.read_bytes()
        # Seeds are whole files; fuzzer inputs are what the harness turns into a file.
        whole = path.parent.name == "hostile" or (path.parent.name == "seeds" and target == "pdf")
        payload, name = (raw, path.name) if whole else as_file(target, raw)
        started = time.monotonic()
        try:
            run_sandboxed(payload, name, timeout=JOB_TIMEOUT, memory_mb=JOB_MEMORY_MB)
            outcome = "ok"
        except ParseFailure as exc:
            outcome = exc.code
            if exc.code not in set(CODES) | {"timeout", "memory"}:
                violations.append(f"{path.name}: unknown failure code {exc.code!r}")
        except Exception as exc:  # noqa: BLE001 - the contract: nothing else reaches the worker
            outcome = f"raised {type(exc).__name__}"
            violations.append(f"{path.name}: {type(exc).__name__} reached the worker")
        elapsed = time.monotonic() - started
        if elapsed > JOB_TIMEOUT + KILL_SLACK:
            violations.append(f"{path.name}: {elapsed:.1f} s, past the {JOB_TIMEOUT} s limit")
        slowest = max(slowest, (elapsed, path.name))
        codes[outcome] += 1
        if path.parent.name == "hostile":
            hostile.append(f"{path.name} -> {outcome} in {elapsed:.1f} s")
        if path in findings:
            codes[f"(libFuzzer {path.name.split('-')[0]} -> {outcome})"] += 1
    return {"target": target, "replayed": len(inputs), "findings": [p.name for p in findings], "codes": dict(codes),
            "violations": violations, "slowest": slowest, "hostile": hostile}


def report(results: list[tuple[dict, dict]], argv: list[str]) -> str:
    lines = [
        "## Fuzzing",
        "",
        f"`make fuzz` (= `.venv/bin/python -m fuzz.run{(' ' + ' '.join(argv)) if argv else ''}`), "
        f"{time.strftime('%Y-%m-%d')}: atheris {_atheris_version()} (libFuzzer, coverage-guided, in-process) on "
        "`resumes.parser.parse_bytes`, then every libFuzzer finding, every seed and a sample of the generated corpus "
        f"replayed through `resumes.parser.sandbox.run_sandboxed` with the parse job's limits ({JOB_TIMEOUT} s, "
        f"{JOB_MEMORY_MB} MB). In-process, libFuzzer flags inputs slower than {FUZZ_SLOW} s or above 2 GB RSS; "
        "those are exactly what the sandbox exists for, so they are findings to look at, not failures, "
        "as long as the sandbox ends them within the limit. Seeds: tests/resume_corpus (and its bad/ files) plus "
        "broken PDFs made by fuzz/run.py (truncated, cut xref, bad /Length, 50,000-deep nesting, a Flate bomb); "
        "the bad/ files, the nesting and the bomb hang or blow up in-process, so they are replayed in the sandbox only. "
        "pdfminer.six's own broken samples are not shipped in its wheel and could not be fetched here.",
        "",
        "| target | seconds | executions | coverage (edges) | corpus | libFuzzer findings | replayed in sandbox | outcomes | slowest | contract |",
        "|---|---:|---:|---:|---:|---:|---:|---|---|---|",
    ]
    for f, r in results:
        outcomes = ", ".join(f"{k}: {v}" for k, v in sorted(r["codes"].items()) if not k.startswith("("))
        ok = "held" if not r["violations"] else f"**broken** ({len(r['violations'])})"
        lines.append(f"| {f['target']} | {f['seconds']} | {f['execs']} | {f['cov']} | {f['corpus']} | "
                     f"{len(r['findings'])} | {r['replayed']} | {outcomes} | {r['slowest'][0]:.1f} s | {ok} |")
    lines.append("")
    for f, r in results:
        for k, v in sorted(r["codes"].items()):
            if k.startswith("("):
                lines.append(f"- {f['target']}: {v} x {k.strip('()')}")
        if r["hostile"]:
            lines.append(f"- {f['target']}, hostile seeds in the sandbox: " + "; ".join(r["hostile"]))
        for v in r["violations"][:10]:
            lines.append(f"- {f['target']}: VIOLATION {v}")
    lines.append("")
    return "\n".join(lines)


def _atheris_version() -> str:
    try:
        from importlib.metadata import version

        return version("atheris")
    except Exception:  # noqa: BLE001
        return "?"


def write_section(section: str) -> None:
    text = DOC.read_text(encoding="utf-8") if DOC.exists() else "# Reliability\n"
    pattern = re.compile(r"^## Fuzzing\n.*?(?=^## |\Z)", re.M | re.S)
    text = pattern.sub(lambda _m: section + "\n", text, count=1) if pattern.search(text) \
        else text.rstrip("\n") + "\n\n" + section
    DOC.write_text(text.rstrip("\n") + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(prog="python -m fuzz.run", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=int, default=int(os.environ.get("FUZZ_SECONDS", 60)))
    parser.add_argument("--targets", nargs="+", default=["pdf", "docx"], choices=["pdf", "docx"])
    parser.add_argument("--replay", type=int, default=300, help="corpus inputs replayed per target")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args(argv)
    seconds = max(10, min(args.seconds, 900))
    results = []
    for target in args.targets:
        print(f"== fuzz {target}: {seconds} s", flush=True)
        f = fuzz(target, seconds)
        print(f"   {f['execs']} executions, cov {f['cov']}, corpus {f['corpus']}, {f['crashes']} libFuzzer stops",
              flush=True)
        print(f"== replay {target} through the sandbox", flush=True)
        r = replay(target, args.replay)
        print(f"   {r['replayed']} inputs: {r['codes']}; violations: {len(r['violations'])}", flush=True)
        results.append((f, r))
    section = report(results, argv)
    print(section)
    if not args.no_write:
        write_section(section)
        print(f"wrote the Fuzzing section of {DOC.relative_to(ROOT)}")
    return 1 if any(r["violations"] for _, r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
