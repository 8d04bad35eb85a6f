"""Entry point for every benchmark: ``make bench`` = ``python -m benchmarks.run``.

Runs the benchmarks of BENCHMARKS in order, each module's ``main()``; a module that
does not exist yet is skipped with a message.  ``--only NAME`` (repeatable) runs only
those; ``--list`` shows them.  Each benchmark writes its own section of ``docs/benchmarks.md``.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# (name for --only, module, runs without --only).  Add new benchmarks here, in the order
# they should run.  The load run brings up the whole production profile for minutes:
# it has its own target (`make load`) and runs here only when asked (`--only load`).
BENCHMARKS: list[tuple[str, str, bool]] = [
    ("job_board", "benchmarks.job_board", True),
    ("parser", "benchmarks.parser_bench", True),
    ("recruit", "benchmarks.recruit_bench", True),
    ("load", "benchmarks.load_bench", False),
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description="Run the portal's benchmarks.")
    parser.add_argument("--only", action="append", metavar="NAME", choices=[name for name, *_ in BENCHMARKS],
                        help="run only this benchmark (repeatable): " + ", ".join(name for name, *_ in BENCHMARKS))
    parser.add_argument("--list", action="store_true", help="list the benchmarks and exit")
    args = parser.parse_args(argv)
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))

    if args.list:
        for name, module, default in BENCHMARKS:
            state = "ready" if importlib.util.find_spec(module) else "not written yet"
            print(f"{name:12} {module:28} {state}{'' if default else ' (only with --only)'}")
        return 0

    failures = []
    for name, module_name, default in BENCHMARKS:
        if (args.only and name not in args.only) or (not args.only and not default):
            continue
        if importlib.util.find_spec(module_name) is None:
            print(f"== {name}: skipped ({module_name} does not exist yet)")
            continue
        print(f"== {name} ({module_name})")
        started = time.perf_counter()
        try:
            # Each benchmark may parse sys.argv for its own options: give it none of ours.
            saved, sys.argv = sys.argv, [module_name]
            try:
                status = importlib.import_module(module_name).main()
            finally:
                sys.argv = saved
        except SystemExit as exc:
            status = exc.code
        except Exception:  # noqa: BLE001 - report and go on with the next benchmark
            traceback.print_exc()
            status = 1
        print(f"== {name}: {'done' if not status else f'failed ({status})'} in {time.perf_counter() - started:.0f} s\n")
        if status:
            failures.append(name)
    if failures:
        print("Failed: " + ", ".join(failures))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
