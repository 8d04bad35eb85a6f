"""Run the parser in a child process with a hard wall-clock limit and a memory limit.

pdfminer.six has open hangs and memory blow-ups (docs/parser.md, security reference §2), and
a timer inside the same process cannot stop a stuck C-level ``zlib.decompress``.  So the
parse runs in a short-lived child: ``RLIMIT_AS`` caps its address space (a decompression
bomb ends in ``MemoryError`` inside the child, or kills it), and the parent kills it when the
wall-clock limit passes.  The caller's process never holds the file's objects.

    run_sandboxed(data, filename, timeout=30, memory_mb=512) -> parse_bytes' result dict
    raises ParseFailure(code, message): the parser's codes, plus "timeout" and "memory".

Children come from the ``forkserver`` start method (a clean, single-threaded server process
that has already imported the parser, so each parse starts in milliseconds and no lock of a
threaded web worker is inherited); ``spawn`` where forkserver does not exist.
"""

from __future__ import annotations

import multiprocessing
import time
import typing as t

from resumes.parser.errors import ParseFailure

_CONTEXT: t.Any = None


def _context() -> t.Any:
    global _CONTEXT
    if _CONTEXT is None:
        methods = multiprocessing.get_all_start_methods()
        if "forkserver" in methods:
            ctx = multiprocessing.get_context("forkserver")
            ctx.set_forkserver_preload(["resumes.parser", "resumes.parser.fields", "resumes.parser.pdf",
                                        "resumes.parser.docx", "resumes.parser.warm", "docx", "phonenumbers"])
        else:
            ctx = multiprocessing.get_context("spawn")
        _CONTEXT = ctx
    return _CONTEXT


def _limit_memory(memory_mb: int, cpu_seconds: int) -> None:
    try:
        import resource
    except ImportError:  # not on POSIX: the wall-clock limit still applies
        return
    limit = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))


def _child(conn: t.Any, data: bytes, filename: str, memory_mb: int, cpu_seconds: int,
           options: dict[str, t.Any]) -> None:
    try:
        _limit_memory(memory_mb, cpu_seconds)
        from resumes.parser import parse_bytes

        result = parse_bytes(data, filename, on_stage=lambda stage: conn.send(("stage", stage)), **options)
        conn.send(("ok", result))
    except ParseFailure as exc:
        conn.send(("fail", exc.code, exc.message))
    except MemoryError:
        conn.send(("fail", "memory", "the file needs more memory than the parser may use"))
    except RecursionError:
        conn.send(("fail", "corrupt", "the file is damaged (its structure nests too deeply)"))
    except Exception as exc:  # noqa: BLE001 - any failure is reported, never raised into the parent
        conn.send(("fail", "corrupt", f"the file cannot be read ({type(exc).__name__})"))
    finally:
        conn.close()


def run_sandboxed(data: bytes, filename: str = "", timeout: float = 30, memory_mb: int = 512,
                  on_stage: t.Callable[[str], None] | None = None, **options: t.Any) -> dict[str, t.Any]:
    """Parse ``data`` in a child process; see the module docstring.  ``on_stage`` is called in
    the caller's process as the child reports "reading", "sections", "fields".  ``options`` go
    to parse_bytes (``max_bytes``, ``max_pages``)."""
    ctx = _context()
    receiver, sender = ctx.Pipe(duplex=False)
    process = ctx.Process(target=_child, args=(sender, data, filename, memory_mb, int(timeout) + 1, options),
                          daemon=True)
    process.start()
    sender.close()
    deadline = time.monotonic() + timeout
    message: t.Any = None
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0 or not receiver.poll(left):
                raise ParseFailure("timeout", f"reading the file took longer than {timeout:g} seconds")
            try:
                message = receiver.recv()
            except (EOFError, OSError):
                message = None
                break
            if message[0] != "stage":
                break
            if on_stage is not None:
                on_stage(message[1])
    finally:
        if process.is_alive():
            process.kill()
        process.join(5)
        receiver.close()
    if message is None:
        code = process.exitcode
        if code is not None and code < 0 and -code in (9, 24):   # SIGKILL (OOM killer), SIGXCPU
            raise ParseFailure("memory" if -code == 9 else "timeout",
                               "the parser was stopped: the file needs more memory or time than allowed")
        raise ParseFailure("corrupt", "the parser stopped unexpectedly on this file")
    if message[0] == "ok":
        return t.cast(dict[str, t.Any], message[1])
    raise ParseFailure(message[1], message[2])
