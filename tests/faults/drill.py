"""Fault drills against the production profile: ``scripts/fault_drills.sh`` runs this.

    python -m tests.faults.drill [--only postgres redis worker] [--outage 6]

Each drill stops a real service of the profile (``make run-prod-local``) while a probe
keeps requesting pages through the TLS proxy, restarts it, and measures: what the users
got during the outage (status codes, whether the 503 page is in their language), how
long after the service returned the site answered normally again, and whether work
accepted before the outage was kept.  PostgreSQL and Redis are the machine's own
servers: they are always restarted (also on failure: see fault_drills.sh's trap).

Prints a Markdown section, written to docs/reliability.md ("## Drills") by the script.
"""

from __future__ import annotations

import argparse
import collections
import os
import re
import signal
import subprocess
import threading
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[2]
SITE = os.environ.get("DRILL_SITE", "https://127.0.0.1:8443")
CERT = ROOT / "instance" / "prod-local" / "tls" / "cert.pem"
SMS_STANDIN = "http://127.0.0.1:5902"
PG_VERSION = sorted(os.listdir("/etc/postgresql"))[0] if os.path.isdir("/etc/postgresql") else "15"
PG_START = ["pg_ctlcluster", "--skip-systemctl-redirect", PG_VERSION, "main", "start"]
PG_STOP = ["pg_ctlcluster", "--skip-systemctl-redirect", PG_VERSION, "main", "stop", "-m", "fast"]
REDIS_START = ["redis-server", "--daemonize", "yes", "--bind", "127.0.0.1", "-::1", "--port", "6379", "--save", "",
               "--appendonly", "no", "--dir", "/var/lib/redis", "--logfile", "/var/log/redis/ci.log"]
CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
ZH_503 = "服务暂时不可用"


def session() -> requests.Session:
    s = requests.Session()
    s.trust_env = False
    s.verify = str(CERT)
    s.headers["Accept-Language"] = "zh-CN,zh;q=0.9"
    s.headers["Referer"] = SITE + "/"
    return s


class Probe(threading.Thread):
    """GET ``path`` every ``interval`` s on fresh connections; remembers (t, outcome).

    ``unique``: each URL gets a parameter the board ignores, so the board's page cache
    (careers/pagecache.py) never answers and every request reaches the database.
    """

    def __init__(self, path: str = "/jobs", interval: float = 0.1, unique: bool = True) -> None:
        super().__init__(daemon=True)
        self.path, self.interval, self.unique = path, interval, unique
        self.samples: list[tuple[float, str]] = []
        self._stop_event = threading.Event()

    def run(self) -> None:
        while not self._stop_event.is_set():
            t = time.monotonic()
            url = SITE + self.path + (f"?probe={len(self.samples)}" if self.unique else "")
            try:
                r = requests.get(url, verify=str(CERT), timeout=10,
                                 headers={"Accept-Language": "zh-CN"})
                outcome = str(r.status_code)
                if r.status_code == 503:
                    outcome += " zh" if ZH_503 in r.text else " (not localised)"
            except requests.RequestException as exc:
                outcome = type(exc).__name__
            self.samples.append((t, outcome))
            self._stop_event.wait(self.interval)

    def stop(self) -> None:
        self._stop_event.set()
        self.join(15)

    def between(self, start: float, end: float) -> collections.Counter[str]:
        return collections.Counter(o for t, o in self.samples if start <= t < end)

    def first_ok_after(self, start: float) -> float | None:
        return next((t - start for t, o in self.samples if t >= start and o == "200"), None)


def run(cmd: list[str]) -> float:
    t = time.monotonic()
    subprocess.run(cmd, check=True, capture_output=True, timeout=180)
    return time.monotonic() - t


def sign_in(s: requests.Session, phone: str) -> bool:
    token = CSRF.search(s.get(f"{SITE}/auth/login").text).group(1)
    national = phone.removeprefix("+86")
    if s.post(f"{SITE}/auth/sms/send", data={"csrf_token": token, "phone": national}, allow_redirects=False,
              timeout=15).status_code != 302:
        return False
    code = requests.get(f"{SMS_STANDIN}/_codes/{national}", timeout=5).json()["params"]["code"]
    r = s.post(f"{SITE}/auth/sms/verify", data={"csrf_token": token, "phone": national, "code": code},
               allow_redirects=False, timeout=15)
    if "/auth/consent" in r.headers.get("Location", ""):
        token = CSRF.search(s.get(f"{SITE}/auth/consent").text).group(1)
        r = s.post(f"{SITE}/auth/consent", data={"csrf_token": token, "agree": "y"}, allow_redirects=False)
    return r.status_code == 302


def upload(s: requests.Session, path: Path) -> int | None:
    token = CSRF.search(s.get(f"{SITE}/me/resumes").text).group(1)
    r = s.post(f"{SITE}/me/resumes", data={"csrf_token": token, "consent": "y"},
               files={"file": (path.name, path.read_bytes())},
               allow_redirects=False, timeout=40)
    match = re.search(r"/me/resumes/(\d+)", r.headers.get("Location", ""))
    return int(match.group(1)) if r.status_code == 302 and match else None


def wait_finished(s: requests.Session, resume_id: int, limit: float) -> tuple[str, float]:
    started = time.monotonic()
    status = "?"
    while time.monotonic() - started < limit:
        try:
            data = s.get(f"{SITE}/me/resumes/{resume_id}/status", timeout=10).json()
            status = data["status"]
            if data["finished"]:
                return status, time.monotonic() - started
        except (requests.RequestException, ValueError, KeyError):
            status = "unreachable"
        time.sleep(0.5)
    return f"still {status}", time.monotonic() - started


def fmt(counter: collections.Counter[str]) -> str:
    return ", ".join(f"{k}: {v}" for k, v in counter.most_common()) or "none"


def drill_postgres(outage: float) -> list[str]:
    probe = Probe()
    cached = Probe(unique=False)  # the plain board URL: the page cache may answer it
    probe.start()
    cached.start()
    time.sleep(2)
    t_stop = time.monotonic()
    stop_took = run(PG_STOP)
    try:
        time.sleep(outage)
    finally:
        t_start = time.monotonic()
        start_took = run(PG_START)
    time.sleep(8)
    probe.stop()
    cached.stop()
    during = probe.between(t_stop + stop_took, t_start)
    cached_during = cached.between(t_stop + stop_took, t_start)
    back = probe.first_ok_after(t_start)
    health = requests.get(f"{SITE}/healthz", verify=str(CERT), timeout=10).json()
    return [
        f"| PostgreSQL stopped (`pg_ctlcluster ... stop -m fast`) for {outage:.0f} s under a probe of `/jobs?probe=<n>` "
        f"(a new URL each time: past the page cache) every 100 ms | {fmt(during)} | {back:.1f} s after the start "
        f"command (which took {start_took:.1f} s) | `/healthz` afterwards: {health}; meanwhile plain `/jobs` (the "
        f"page cache may answer): {fmt(cached_during)} |" if back is not None else
        f"| PostgreSQL stopped for {outage:.0f} s | {fmt(during)} | **no 200 within 8 s** | |"
    ]


def drill_redis(outage: float) -> list[str]:
    s = session()
    probe = Probe()
    probe.start()
    time.sleep(1)
    t_stop = time.monotonic()
    subprocess.run(["redis-cli", "-p", "6379", "shutdown", "nosave"], capture_output=True, timeout=20)
    try:
        time.sleep(1)
        token = CSRF.search(s.get(f"{SITE}/auth/login").text).group(1)
        sent = s.post(f"{SITE}/auth/sms/send", data={"csrf_token": token, "phone": "13800990001"},
                      allow_redirects=False, timeout=15)
        sms_during = f"{sent.status_code}" + (" zh" if sent.status_code == 503 and ZH_503 in sent.text else "")
        time.sleep(max(0.0, outage - 2))
    finally:
        t_start = time.monotonic()
        run(REDIS_START)
    time.sleep(1)
    sms_after, waited = "?", 0.0
    while waited < 20:
        token = CSRF.search(s.get(f"{SITE}/auth/login").text).group(1)
        r = s.post(f"{SITE}/auth/sms/send", data={"csrf_token": token, "phone": "13800990002"},
                   allow_redirects=False, timeout=15)
        sms_after = str(r.status_code)
        if r.status_code == 302:
            break
        time.sleep(0.5)
        waited = time.monotonic() - t_start
    probe.stop()
    workers = subprocess.run([str(ROOT / "scripts" / "prod_local.sh"), "status"], capture_output=True, text=True)
    dead = [line.strip() for line in workers.stdout.splitlines() if "DEAD" in line]
    return [
        f"| Redis stopped (`redis-cli shutdown nosave`) for {outage:.0f} s | job board: {fmt(probe.between(t_stop, t_start))}; "
        f"SMS code send: {sms_during} | SMS send {sms_after} {time.monotonic() - t_start:.1f} s after restart | "
        f"RQ workers after the outage: {'; '.join(dead) if dead else 'all running'} |"
    ]


def drill_worker(limit: float) -> list[str]:
    s = session()
    if not sign_in(s, f"+86138009{int(time.time()) % 100000:05d}"):
        return ["| RQ worker killed | could not sign in a candidate | | |"]
    corpus = sorted((ROOT / "tests" / "resume_corpus").glob("*.pdf"))
    rows = []
    # 1. Every worker killed (SIGKILL) while a resume waits in the queue; the supervisor
    #    (here prod_local.sh start) brings them back.
    kill_workers()
    resume_id = upload(s, corpus[0])
    time.sleep(2)
    run([str(ROOT / "scripts" / "prod_local.sh"), "workers"])
    status, took = wait_finished(s, resume_id, limit) if resume_id else ("upload refused", 0.0)
    rows.append(f"| every RQ worker SIGKILLed, a resume uploaded meanwhile, workers restarted | upload accepted "
                f"(302) | resume {resume_id}: {status} {took:.1f} s after the restart | |")
    # 2. Killed mid-parse: as soon as the progress page shows the job running, every worker
    #    (and its sandbox child) is SIGKILLed, then restarted.
    resume_id = upload(s, corpus[1])
    seen = "?"
    deadline = time.monotonic() + 60
    while resume_id and time.monotonic() < deadline:
        seen = s.get(f"{SITE}/me/resumes/{resume_id}/status", timeout=10).json()["status"]
        if seen not in ("queued",):
            break
        time.sleep(0.05)
    kill_workers()
    t_kill = time.monotonic()
    time.sleep(1)
    run([str(ROOT / "scripts" / "prod_local.sh"), "workers"])
    status, took = wait_finished(s, resume_id, limit) if resume_id else ("upload refused", 0.0)
    rows.append(f"| every RQ worker SIGKILLed mid-parse (status seen: {seen}), workers restarted | upload accepted; "
                f"the progress page keeps waiting | resume {resume_id}: {status} "
                f"{time.monotonic() - t_kill:.0f} s after the kill (drill limit {limit:.0f} s) | |")
    return rows


def kill_workers() -> None:
    for pid_file in (ROOT / "instance" / "prod-local").glob("worker-*.pid"):
        try:
            pid = int(pid_file.read_text())
            os.killpg(pid, signal.SIGKILL)  # the worker and its sandbox children
        except (ValueError, ProcessLookupError, PermissionError):
            pass


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.faults.drill")
    parser.add_argument("--only", nargs="+", choices=["postgres", "redis", "worker"])
    parser.add_argument("--outage", type=float, default=6.0)
    parser.add_argument("--worker-limit", type=float, default=240.0)
    args = parser.parse_args()
    rows: list[str] = []
    for name, drill in (("postgres", lambda: drill_postgres(args.outage)), ("redis", lambda: drill_redis(args.outage)),
                        ("worker", lambda: drill_worker(args.worker_limit))):
        if args.only and name not in args.only:
            continue
        print(f"== drill: {name}", flush=True)
        try:
            rows += drill()
        except Exception as exc:  # noqa: BLE001 - report the drill that broke and go on
            rows.append(f"| {name} | drill failed: {type(exc).__name__}: {exc} | | |")
        print(f"   {rows[-1]}", flush=True)
    print("\n".join(["", "| fault | what users got during it | recovery | notes |", "|---|---|---|---|", *rows]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
