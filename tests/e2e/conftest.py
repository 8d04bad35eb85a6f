"""Browser journeys: the app served for real, driven by Debian's Chromium through Playwright.

* The app runs as a real server (``flask run``, threaded, no reloader, no debugger) on a
  free 127.0.0.1 port, in a subprocess, on a fresh SQLite database in a temporary folder
  (``flask db upgrade``, ``flask demo load``, then ``tests/e2e/seed.py``).  Its output
  goes to ``server.log`` in that folder; SMS codes (``SMS_BACKEND=console``) are read
  from there.
* Two devices: a phone (375x812, WeChat's User-Agent) and a desktop (1366x900).  Every
  journey runs on both.
* Each step's screenshot is saved under ``artifacts/e2e/<journey>/`` (git-ignored).
* Chromium is Debian's (``/usr/bin/chromium``), never a Playwright download.  Without it
  the journeys skip; they also skip unless selected with ``-m browser`` (``make e2e``),
  so that ``make test`` stays fast.
"""

from __future__ import annotations

import dataclasses
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import typing as t
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "artifacts" / "e2e"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
WECHAT_UA = ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
             "Mobile/15E148 MicroMessenger/8.0.50(0x1800323c) NetType/WIFI Language/zh_CN")
DEVICES: dict[str, dict[str, t.Any]] = {
    "phone": {"viewport": {"width": 375, "height": 812}, "user_agent": WECHAT_UA,
              "is_mobile": True, "has_touch": True, "device_scale_factor": 1},
    "desktop": {"viewport": {"width": 1366, "height": 900}, "device_scale_factor": 1},
}
HERE = Path(__file__).resolve().parent
# Settings of the developer's shell that must not leak into the e2e server.
_SCRUB = ("DATABASE_URL", "REDIS_URL", "APP_ENV", "FLASK_ENV", "FLASK_DEBUG", "SERVER_NAME", "SECRET_KEY",
          "ENCRYPTION_KEYS", "BLIND_INDEX_KEY", "PROXY_FIX_HOPS", "PREFERRED_URL_SCHEME", "RESUME_STORAGE_URL",
          "S3_ENDPOINT_URL", "WECHAT_OPEN_BASE_URL", "WECHAT_API_BASE_URL", "SMS_BACKEND", "LOG_FORMAT")



def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    selected = "browser" in (config.getoption("markexpr") or "")
    for item in items:
        if HERE not in Path(str(item.fspath)).parents or not item.get_closest_marker("browser"):
            continue
        if not Path(CHROMIUM).exists():
            item.add_marker(pytest.mark.skip(
                reason=f"Chromium is not installed at {CHROMIUM} (apt-get install -y chromium; `make e2e` does it)"))
        elif not selected:
            item.add_marker(pytest.mark.skip(reason="browser journeys run with `make e2e` (pytest -m browser tests/e2e)"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_http(url: str, timeout: float = 30.0, proc: subprocess.Popen[bytes] | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"the server exited with {proc.returncode} before answering {url}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - loopback
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {timeout:.0f} s")


@dataclasses.dataclass
class LiveServer:
    url: str
    workdir: Path
    log_path: Path
    env: dict[str, str]

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def flask(self, *args: str) -> str:
        """Run ``flask <args>`` against the server's database; return its output."""
        done = subprocess.run([str(ROOT / ".venv/bin/flask"), *args], cwd=ROOT, env=self.env,
                              capture_output=True, text=True, timeout=60)
        if done.returncode:
            raise RuntimeError(f"flask {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
        return done.stdout

    def sms_code(self, since: int = 0, timeout: float = 20.0) -> str:
        """The last 6-digit code the console SMS backend printed after byte ``since`` of the log."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            text = self.log_path.read_bytes()[since:].decode("utf-8", errors="replace")  # since: a byte offset
            codes = [m for line in text.splitlines() if "sms" in line.lower()
                     for m in re.findall(r"(?<!\d)(\d{6})(?!\d)", line)]
            if codes:
                return codes[-1]
            time.sleep(0.2)
        raise AssertionError("no SMS code in the server log")

    def log_size(self) -> int:
        return self.log_path.stat().st_size


def server_env(workdir: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in _SCRUB}
    env.update({
        "FLASK_APP": "wsgi", "APP_ENV": "development", "PYTHONUNBUFFERED": "1",
        "SECRET_KEY": secrets.token_urlsafe(48),
        "DATABASE_URL": f"sqlite:///{workdir / 'e2e.db'}",
        "JOBS_PER_PAGE": "10", "SMS_BACKEND": "console", "LOG_LEVEL": "INFO",
        "RESUME_STORAGE_URL": f"file://{workdir / 'uploads'}",
    })
    env.update(extra)
    return env


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> t.Iterator[LiveServer]:
    workdir = tmp_path_factory.mktemp("e2e")
    port = free_port()
    env = server_env(workdir)
    server = LiveServer(f"http://127.0.0.1:{port}", workdir, workdir / "server.log", env)
    server.flask("db", "upgrade")
    server.flask("demo", "load")
    subprocess.run([sys.executable, "-m", "tests.e2e.seed"], cwd=ROOT, env=env, check=True,
                   capture_output=True, timeout=60)
    with server.log_path.open("wb") as log:
        proc = subprocess.Popen(
            [str(ROOT / ".venv/bin/flask"), "run", "--host", "127.0.0.1", "--port", str(port),
             "--no-reload", "--no-debugger", "--with-threads"],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        wait_http(f"{server.url}/healthz", proc=proc)
        yield server
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(server.log_path, ARTIFACTS / "server.log")  # synthetic data only


@pytest.fixture(scope="session")
def browser() -> t.Iterator[t.Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(params=sorted(DEVICES))
def device(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def context(browser: t.Any, device: str, live_server: LiveServer) -> t.Iterator[t.Any]:
    """A fresh browser profile (no cookies) whose browser asks for Chinese first."""
    ctx = browser.new_context(base_url=live_server.url, locale="zh-CN", **DEVICES[device])
    ctx.set_default_timeout(10_000)
    yield ctx
    ctx.close()


class Journey:
    """A page plus the bookkeeping of a journey: numbered screenshots, console errors."""

    def __init__(self, page: t.Any, name: str, device: str) -> None:
        self.page = page
        self.name = name
        self.device = device
        self.step = 0
        self.errors: list[str] = []
        self.folder = ARTIFACTS / name
        self.folder.mkdir(parents=True, exist_ok=True)
        for old in self.folder.glob(f"*-{device}.png"):
            old.unlink()
        page.on("pageerror", lambda exc: self.errors.append(f"page error: {exc}"))
        page.on("console", self._console)

    def _console(self, message: t.Any) -> None:
        # A refused inline script or style shows up here as a CSP violation.
        if message.type == "error" and "Failed to load resource" not in message.text:
            self.errors.append(message.text)

    def shot(self, step: str) -> Path:
        self.step += 1
        path = self.folder / f"{self.step:02d}-{step}-{self.device}.png"
        self.page.screenshot(path=str(path))
        return path

    def fits_screen(self) -> None:
        """On the phone, nothing may force sideways scrolling."""
        if self.device == "phone":
            width = self.page.evaluate("document.documentElement.scrollWidth")
            assert width <= 375 + 1, f"page is {width}px wide on a 375px phone: {self.page.url}"

    def html_lang(self) -> str:
        return str(self.page.get_attribute("html", "lang"))


@pytest.fixture
def journey(request: pytest.FixtureRequest, context: t.Any, device: str) -> t.Iterator[Journey]:
    name = request.node.originalname.removeprefix("test_")
    page = context.new_page()
    j = Journey(page, name, device)
    yield j
    assert not j.errors, f"browser errors during {name} ({device}): {j.errors}"
