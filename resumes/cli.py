"""``flask resumes ...`` commands.

``flask resumes parse FILE [FILE...]`` is a contract other tools rely on (docs/cli.md): it needs
no database and prints one JSON object per file and line::

    {"file": "<path as given>", "status": "parsed" | "failed", "error": null | "<message>",
     "seconds": <float>, "resume": {...}, "confidence": {...}}
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import click
from flask.cli import AppGroup

from resumes.parser import ParseFailure
from resumes.parser.detect import MAX_BYTES

cli = AppGroup("resumes", help="Resumes: parsing and storage.")


def _line(file: str, started: float, *, error: str | None = None, result: dict | None = None) -> str:
    return json.dumps({
        "file": file,
        "status": "failed" if error is not None else "parsed",
        "error": error,
        "seconds": round(time.perf_counter() - started, 3),
        "resume": (result or {}).get("resume", {}),
        "confidence": (result or {}).get("confidence", {}),
    }, ensure_ascii=False)


@cli.command("parse")
@click.argument("files", nargs=-1, required=True)
@click.option("--timeout", default=30.0, show_default=True, help="Wall-clock limit per file, in seconds.")
@click.option("--memory-mb", default=512, show_default=True, help="Memory limit per file (address space), in MB.")
def parse_command(files: tuple[str, ...], timeout: float, memory_mb: int) -> None:
    """Parse resume files (PDF, DOCX, text) and print one JSON line per file.  No database needed."""
    from resumes.parser.sandbox import run_sandboxed

    for file in files:
        started = time.perf_counter()
        path = Path(file)
        try:
            if not path.is_file():
                raise FileNotFoundError
            with path.open("rb") as fh:
                data = fh.read(MAX_BYTES + 1)
        except FileNotFoundError:
            click.echo(_line(file, started, error="file not found"))
            continue
        except OSError as exc:
            click.echo(_line(file, started, error=f"cannot read the file ({exc.strerror or type(exc).__name__})"))
            continue
        try:
            result = run_sandboxed(data, path.name, timeout=timeout, memory_mb=memory_mb)
        except ParseFailure as exc:
            click.echo(_line(file, started, error=exc.message))
            continue
        click.echo(_line(file, started, result=result))


# --- storage, keys and parse jobs (resumes/operations.py, resumes/worker.py) -------------

@cli.command("worker")
@click.option("--burst", is_flag=True, help="Stop when the queue is empty.")
@click.option("--queue", "queue_name", default=None, help="Queue name (default: PARSE_QUEUE, 'parsing').")
@click.option("--with-scheduler/--without-scheduler", default=True, show_default=True,
              help="Also run RQ's scheduler (needed for retries after a delay).")
@click.option("--name", "worker_name", default=None, help="Worker name (default: RQ's).")
def worker_command(burst: bool, queue_name: str | None, with_scheduler: bool, worker_name: str | None) -> None:
    """Run an RQ worker for parse jobs, with the app (needs REDIS_URL)."""
    from resumes.worker import run_worker

    try:
        run_worker(queue_name=queue_name, burst=burst, with_scheduler=with_scheduler, worker_name=worker_name)
    except RuntimeError as exc:
        raise click.ClickException(str(exc)) from None


@cli.command("requeue-stuck")
@click.option("--older-than", type=int, default=None,
              help="Seconds since the last change (default: longer than any parse may run).")
def requeue_stuck_command(older_than: int | None) -> None:
    """Put parses whose worker died (and waiting ones never started) back in the queue."""
    from flask import current_app

    from core.db import db
    from resumes.operations import requeue_stuck
    from resumes.settings import setting

    if current_app.config.get("REDIS_URL"):
        from resumes.jobs import RQDispatcher
        from resumes.worker import sweep_and_requeue

        ids = sweep_and_requeue(RQDispatcher(current_app.config["REDIS_URL"], setting("PARSE_QUEUE")), older_than)
        click.echo(f"Re-queued {len(ids)} resume parse(s).")
        return
    from resumes.tasks import run_parse

    ids = requeue_stuck(older_than_seconds=older_than)
    db.session.commit()
    results = [run_parse(resume_id) for resume_id in ids]
    click.echo(f"Ran {len(ids)} waiting resume parse(s) here (no REDIS_URL): "
               f"{results.count('done')} done, {results.count('failed')} failed.")


@cli.command("rotate-keys")
def rotate_keys_command() -> None:
    """Re-encrypt stored resume files and encrypted fields under the first ENCRYPTION_KEYS key."""
    from core.db import db
    from resumes.operations import rotate_keys

    report = rotate_keys()
    db.session.commit()
    click.echo(f"Re-encrypted {report.files} file(s), {report.resume_rows} parse result(s) and "
               f"{report.profile_rows} profile(s); {report.file_errors} file(s) failed.")
    if report.file_errors:
        raise SystemExit(1)


@cli.command("sweep-orphans")
@click.option("--older-than", type=int, default=3600, show_default=True,
              help="Leave files younger than this many seconds (their upload may still be committing).")
def sweep_orphans_command(older_than: int) -> None:
    """Delete stored resume files that no resume row points at."""
    from resumes.operations import sweep_orphans

    click.echo(f"Deleted {sweep_orphans(older_than_seconds=older_than)} orphan file(s).")
