"""Load scenarios against the production profile (``make run-prod-local``), on loopback.

One user class per journey; ``benchmarks/load_bench.py`` picks them by name:

* ``BoardUser``: browses and searches the job board (list, keyword search in Chinese
  and English, filters, pages, detail pages), as anonymous visitors do;
* ``BoardMissUser``: the same with every URL unique, so the board's page cache never hits;
* ``SignInUser``: signs in with a mobile number and SMS code (new account: consent),
  reading the code from the SMS stand-in (``LOAD_SMS_STANDIN``), then signs out;
* ``ResumeUser``: a new candidate signs in, uploads a resume from tests/resume_corpus and
  follows its progress page until parsing ends (load_bench.py then checks in the
  database that every accepted upload was parsed);
* ``RecruiterUser``: a recruiter signs in (password, then TOTP enrolment on first
  sign-in: the key is read from the enrolment page) and searches candidates and opens
  pipelines; accounts from ``LOAD_RECRUITERS`` (made by load_bench.py);
* ``HelloUser``: the bare Flask "hello" app (benchmarks/load/hello.py), the ceiling.

A journey whose feature is missing from the app (404 on its first page) stops its user
with a clear message instead of counting errors, so scenarios can be written before
their feature lands.  Add a journey: a new ``FastHttpUser`` subclass with tasks, and
its name in ``SCENARIOS`` of load_bench.py.

Every name and number is synthetic: numbers in +86 138 00xx xxxx.
"""

from __future__ import annotations

import itertools
import json
import os
import pathlib
import random
import re
import threading
import time
import urllib.request

from locust import between, constant, events, task
from locust.contrib.fasthttp import FastHttpUser
from locust.exception import StopUser

SMS_STANDIN = os.environ.get("LOAD_SMS_STANDIN", "http://127.0.0.1:5902")
QUERIES = ["算法", "engineer", "工程师", "research", "产品", "自动驾驶", "infrastructure", "视觉 算法", "intern", "上海"]
FILTERS = ["city=beijing", "city=shanghai", "department=research", "department=engineering",
           "category=campus", "category=internship", "city=shenzhen&category=experienced"]
CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
JOB_LINK = re.compile(r'href="/jobs/(\d+)"')
_phones = itertools.count(random.randrange(0, 5_000) * 1_000)  # distinct per run, usually
_phone_lock = threading.Lock()


def next_phone() -> str:
    with _phone_lock:
        n = next(_phones)
    return f"+86138{n % 100_000_000:08d}"


def csrf_token(html: str) -> str | None:
    match = CSRF.search(html)
    return match.group(1) if match else None


class BoardUser(FastHttpUser):
    """Anonymous visitors on the job board: the bulk of a careers site's traffic.

    No think time: a fixed number of users in a closed loop measures throughput, the
    same way as HelloUser, so that the two RPS figures compare.
    """

    wait_time = constant(0)

    def on_start(self) -> None:
        self.job_ids: list[str] = []

    def url(self, path: str) -> str:
        return path

    @task(4)
    def list_page(self) -> None:
        with self.client.get(self.url("/jobs"), name="/jobs", catch_response=True) as r:
            if r.status_code == 200:
                self.job_ids = JOB_LINK.findall(r.text)[:20] or self.job_ids
                r.success()

    @task(4)
    def search(self) -> None:
        self.client.get(self.url(f"/jobs?q={random.choice(QUERIES)}"), name="/jobs?q=")

    @task(2)
    def filter(self) -> None:
        self.client.get(self.url(f"/jobs?{random.choice(FILTERS)}"), name="/jobs?filter")

    @task(1)
    def next_page(self) -> None:
        self.client.get(self.url(f"/jobs?page={random.randint(2, 4)}"), name="/jobs?page=")

    @task(3)
    def detail(self) -> None:
        if self.job_ids:
            self.client.get(self.url(f"/jobs/{random.choice(self.job_ids)}"), name="/jobs/<id>")


class BoardMissUser(BoardUser):
    """The same visits, each URL made unique by a parameter the board ignores, so that the
    page cache (careers/pagecache.py) never answers: the cost of rendering every page."""

    _seq = itertools.count()

    def url(self, path: str) -> str:
        return f"{path}{'&' if '?' in path else '?'}v={next(self._seq)}"


CORPUS = sorted((pathlib.Path(__file__).resolve().parents[2] / "tests" / "resume_corpus").glob("*.pdf"))


def sign_in_new_candidate(user: FastHttpUser, referer: dict[str, str]) -> bool:
    """The SMS sign-in of a new candidate, consent included; True when signed in."""
    r = user.client.get("/auth/login", name="/auth/login")
    if r.status_code == 404:
        raise StopUser("no mobile-number sign-in in this build")
    token = csrf_token(r.text or "")
    if not token:
        return False
    national = next_phone()[3:]
    with user.client.post("/auth/sms/send", data={"csrf_token": token, "phone": national},
                          headers=referer, name="/auth/sms/send", catch_response=True, allow_redirects=False) as sent:
        if sent.status_code != 302:
            sent.failure(f"code not sent: HTTP {sent.status_code}")
            return False
    code = code_for(national)
    if code is None:
        events.request.fire(request_type="SMS", name="code delivered", response_time=0, response_length=0,
                            exception=RuntimeError("the SMS stand-in has no code"), context={})
        return False
    with user.client.post("/auth/sms/verify", data={"csrf_token": token, "phone": national, "code": code},
                          headers=referer, name="/auth/sms/verify", catch_response=True,
                          allow_redirects=False) as verified:
        if verified.status_code != 302 or "/auth/consent" not in (verified.headers.get("Location") or ""):
            verified.failure(f"code refused: HTTP {verified.status_code}")
            return False
    page = user.client.get("/auth/consent", name="/auth/consent")
    token = csrf_token(page.text or "") or token
    with user.client.post("/auth/consent", data={"csrf_token": token, "agree": "y"}, headers=referer,
                          name="/auth/consent POST", catch_response=True, allow_redirects=False) as done:
        if done.status_code != 302:
            done.failure(f"consent not taken: HTTP {done.status_code}")
            return False
    return True


def code_for(number: str) -> str | None:
    """The code the stand-in received for ``number`` (Aliyun's form: national for +86)."""
    for _ in range(20):
        try:
            with urllib.request.urlopen(f"{SMS_STANDIN}/_codes/{number}", timeout=2) as answer:  # noqa: S310
                data = json.load(answer)
                return str(data["params"]["code"])
        except OSError:
            time.sleep(0.05)
    return None


class ResumeUser(FastHttpUser):
    """A new candidate uploads a resume and watches it being parsed."""

    wait_time = between(0.5, 1.5)

    def on_start(self) -> None:
        self.referer = {"Referer": f"{self.host}/me/resumes"}

    @task
    def upload_and_follow(self) -> None:
        self.client.cookiejar.clear()
        if not sign_in_new_candidate(self, self.referer):
            return
        page = self.client.get("/me/resumes", name="/me/resumes")
        if page.status_code == 404:
            raise StopUser("no resume upload in this build")
        token = csrf_token(page.text or "")
        path = random.choice(CORPUS)
        body, content_type = multipart({"csrf_token": token or "", "consent": "y"}, "file", path.name,
                                       path.read_bytes())
        with self.client.post("/me/resumes", data=body, headers=self.referer | {"Content-Type": content_type},
                              name="/me/resumes POST", catch_response=True, allow_redirects=False) as r:
            match = re.search(r"/me/resumes/(\d+)", r.headers.get("Location") or "")
            if r.status_code != 302 or not match:
                r.failure(f"upload not accepted: HTTP {r.status_code}")
                return
        resume_id = match.group(1)
        started = time.monotonic()
        while time.monotonic() - started < 120:
            status = self.client.get(f"/me/resumes/{resume_id}/status", name="/me/resumes/<id>/status")
            try:
                if status.json().get("finished"):
                    return
            except ValueError:
                pass
            time.sleep(1)
        events.request.fire(request_type="PARSE", name="parsed within 120 s", response_time=120_000,
                            response_length=0, exception=RuntimeError(f"resume {resume_id} not parsed"), context={})


def multipart(fields: dict[str, str], file_field: str, filename: str, data: bytes) -> tuple[bytes, str]:
    boundary = f"----load{random.getrandbits(64):016x}"
    parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
             for k, v in fields.items()]
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{file_field}"; filename="{filename}"\r\n'
                 f"Content-Type: application/pdf\r\n\r\n".encode() + data + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


class SignInUser(FastHttpUser):
    """A new candidate signs in with a mobile number and an SMS code, consents, signs out."""

    wait_time = between(0.5, 1.5)

    def on_start(self) -> None:
        # Over HTTPS, Flask-WTF's CSRF check wants a same-origin Referer, as a browser sends.
        self.referer = {"Referer": f"{self.host}/auth/login"}

    @task
    def sign_in_with_code(self) -> None:
        self.client.cookiejar.clear()
        if not sign_in_new_candidate(self, self.referer):
            return
        home = self.client.get("/", name="/ (signed in)")
        token = csrf_token(home.text or "")
        if token:
            self.client.post("/auth/logout", data={"csrf_token": token}, headers=self.referer, name="/auth/logout",
                             allow_redirects=False)


RECRUITERS = [e for e in os.environ.get("LOAD_RECRUITERS", "").split(",") if e]
RECRUITER_PASSWORD = os.environ.get("LOAD_RECRUITER_PASSWORD", "")
RECRUITER_QUERIES = ["python", "算法", "engineer", "视觉", "product", "北京", "research"]
_recruiter_ids = itertools.count()
SECRET = re.compile(r'class="auth-secret">([A-Z2-7]+)<')
PIPELINE_LINK = re.compile(r'href="/recruit/jobs/(\d+)"')


class RecruiterUser(FastHttpUser):
    """A recruiter searching candidates and looking at pipelines."""

    wait_time = between(0.2, 1.0)

    def on_start(self) -> None:
        import pyotp

        if not RECRUITERS:
            raise StopUser("no recruiter accounts (LOAD_RECRUITERS)")
        email = RECRUITERS[next(_recruiter_ids) % len(RECRUITERS)]
        referer = {"Referer": f"{self.host}/auth/staff/login"}
        page = self.client.get("/auth/staff/login", name="/auth/staff/login")
        token = csrf_token(page.text or "")
        r = self.client.post("/auth/staff/login", data={"csrf_token": token, "email": email,
                             "password": RECRUITER_PASSWORD}, headers=referer, name="/auth/staff/login POST",
                             allow_redirects=False)
        step = r.headers.get("Location") or ""
        page = self.client.get(step, name="/auth/staff/(totp|enrol)")
        secret = SECRET.search(page.text or "")
        if "/enrol" not in step or not secret:
            raise StopUser(f"recruiter {email} cannot enrol TOTP (got {step})")
        with self.client.post(step, data={"csrf_token": csrf_token(page.text or ""),
                              "code": pyotp.TOTP(secret.group(1)).now()}, headers=referer,
                              name="/auth/staff/enrol POST", catch_response=True, allow_redirects=False) as done:
            if done.status_code != 302 or "/auth/staff" in (done.headers.get("Location") or ""):
                done.failure(f"TOTP enrolment refused: HTTP {done.status_code}")
                raise StopUser("not signed in")
        home = self.client.get("/recruit/", name="/recruit/")
        self.job_ids = PIPELINE_LINK.findall(home.text or "")[:20]

    @task(3)
    def search_candidates(self) -> None:
        self.client.get(f"/recruit/candidates?q={random.choice(RECRUITER_QUERIES)}", name="/recruit/candidates?q=")

    @task(1)
    def pipeline(self) -> None:
        if self.job_ids:
            self.client.get(f"/recruit/jobs/{random.choice(self.job_ids)}", name="/recruit/jobs/<id>")


class HelloUser(FastHttpUser):
    """The ceiling: the same closed loop against a one-line Flask view."""

    wait_time = constant(0)

    @task
    def hello(self) -> None:
        self.client.get("/", name="hello")
