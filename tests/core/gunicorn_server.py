"""A real gunicorn serving the app, for the tests that need a real HTTP server (raw
sockets, a full log device).  It runs ``gunicorn.conf.py`` as production does, on a free
127.0.0.1 port, with one worker, serving ``create_app`` with the test overrides (the test
database, CSRF off) from ``tests/core/gunicorn_app.py``."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import time
import typing as t
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
APP = "tests.core.gunicorn_app:app"  # create_app with TEST_APP_OVERRIDES
# The developer's settings that must not reach the server.
_SCRUB = ("DATABASE_URL", "REDIS_URL", "APP_ENV", "FLASK_ENV", "FLASK_DEBUG", "SERVER_NAME", "SECRET_KEY",
          "ENCRYPTION_KEYS", "BLIND_INDEX_KEY", "PROXY_FIX_HOPS", "PREFERRED_URL_SCHEME", "RESUME_STORAGE_URL",
          "S3_ENDPOINT_URL", "SMS_BACKEND", "LOG_FORMAT", "WEB_CONCURRENCY", "GUNICORN_BIND",
          "GUNICORN_ACCESS_LOG", "GUNICORN_ERROR_LOG", "GUNICORN_TIMEOUT", "GUNICORN_THREADS")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Gunicorn:
    """``with Gunicorn(env) as server:`` starts gunicorn and waits for ``/healthz``."""

    def __init__(self, env: dict[str, str], *, overrides: dict[str, t.Any] | None = None,
                 output: t.Any = subprocess.DEVNULL) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {k: v for k, v in os.environ.items() if k not in _SCRUB} | {
            "APP_ENV": "testing", "WEB_CONCURRENCY": "1", "GUNICORN_THREADS": "2",
            "GUNICORN_BIND": f"127.0.0.1:{self.port}", "PYTHONUNBUFFERED": "1",
            "TEST_APP_OVERRIDES": json.dumps(overrides or {}),
        } | env
        self.output = output
        self.proc: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> Gunicorn:
        self.proc = subprocess.Popen([str(GUNICORN), "-c", str(ROOT / "gunicorn.conf.py"), APP], cwd=ROOT,
                                     env=self.env, stdout=self.output, stderr=self.output,
                                     stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.proc.returncode}")
            try:
                with urllib.request.urlopen(f"{self.url}/healthz", timeout=2) as response:  # noqa: S310
                    if response.status == 200:
                        return self
            except OSError:
                pass
            if time.monotonic() > deadline:
                self.__exit__()
                raise RuntimeError("gunicorn did not answer /healthz within 30 s")
            time.sleep(0.1)

    def __exit__(self, *exc: object) -> None:
        if self.proc is None:
            return
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.proc = None

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def connect(self, timeout: float = 10.0) -> socket.socket:
        return socket.create_connection(("127.0.0.1", self.port), timeout=timeout)


def read_response(sock: socket.socket) -> bytes:
    """Everything the server sends until it closes the connection or stops sending."""
    chunks = []
    try:
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    except TimeoutError:
        pass
    return b"".join(chunks)


def status_of(response: bytes) -> int:
    return int(response.split(b" ", 2)[1]) if response.startswith(b"HTTP/") else 0
