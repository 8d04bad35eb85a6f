"""Fixtures of the privacy tests: files in a temporary directory (or a moto S3 server),
recording job dispatchers, a candidate with every kind of data, and the suppression file."""

from __future__ import annotations

import dataclasses
import hashlib
import typing as t

import pytest

from core.db import db

TEXT_RESUME = (
    "个人简历\n姓名：隐私测试员\n性别：女\n出生日期：1990-05-17\n手机：13912345678\n"
    "邮箱：privacy.tester@example.org\n籍贯：浙江绍兴\n"
    "工作经历\n2015-07 至 2020-06  Quokkasoft 量子袋鼠科技有限公司  高级工程师\n"
    "负责 ZephyrMarkerQ 系统的设计与开发。\n"
    "教育经历\n2011-09 至 2015-06  北京大学  计算机科学  本科\n"
).encode()


class Recorder:
    def __init__(self) -> None:
        self.dispatched: list[int] = []

    def dispatch(self, item_id: int) -> None:
        self.dispatched.append(item_id)

    def start(self) -> None:
        pass


@pytest.fixture(autouse=True)
def suppression_path(app: t.Any, tmp_path: t.Any, monkeypatch: pytest.MonkeyPatch) -> t.Any:
    path = tmp_path / "erased_user_ids.txt"
    monkeypatch.setitem(app.config, "PRIVACY_SUPPRESSION_FILE", str(path))
    return path


@pytest.fixture(autouse=True)
def dispatchers(app: t.Any, monkeypatch: pytest.MonkeyPatch) -> dict[str, Recorder]:
    recorders = {"resumes": Recorder(), "privacy": Recorder()}
    monkeypatch.setitem(app.extensions, "resumes.dispatcher", recorders["resumes"])
    monkeypatch.setitem(app.extensions, "privacy.dispatcher", recorders["privacy"])
    return recorders


@pytest.fixture
def sms_outbox(app: t.Any) -> t.Iterator[t.Any]:
    from auth import sms

    backend = sms.backend()
    backend.clear()
    yield backend
    backend.clear()


@dataclasses.dataclass
class Person:
    """A synthetic candidate and every identifier the erasure must remove."""

    user: t.Any
    name: str
    phone: str
    email: str
    unionid: str
    openid: str
    birth_date: str
    resume_marker: str
    company: str
    file_sha256: str
    file_digest: str
    resume_id: int | None = None

    def identifiers(self) -> dict[str, str]:
        from core.crypto import blind_index

        return {
            "name": self.name, "phone": self.phone, "phone_national": self.phone[3:], "email": self.email,
            "unionid": self.unionid, "openid": self.openid, "birth_date": self.birth_date,
            "resume_text": self.resume_marker, "company": self.company, "file_sha256": self.file_sha256, "file_digest": self.file_digest,
            "phone_blind_index": blind_index(self.phone, "phone"),
            "email_blind_index": blind_index(self.email, "email"),
        }


def fake_sandbox(person_fields: dict[str, str]) -> t.Callable[..., dict[str, t.Any]]:
    def run(data: bytes, filename: str, **kw: t.Any) -> dict[str, t.Any]:
        return {"resume": {"basics": {"name": person_fields["name"], "email": person_fields["email"],
                                      "phone": person_fields["phone"], "birthDate": person_fields["birth_date"]},
                           "work": [{"name": person_fields["company"], "summary": person_fields["marker"]}]},
                "confidence": {"basics.name": 0.9},
                "sources": {"basics.name": f"姓名：{person_fields['name']}"}}

    return run


@pytest.fixture
def make_person(app: t.Any, monkeypatch: pytest.MonkeyPatch, create_job: t.Any) -> t.Callable[..., Person]:
    """A candidate signed up with WeChat and a bound number, an uploaded and parsed resume,
    a confirmed profile, an application, a recruiter's view, note and notification."""
    from auth import operations as auth_ops
    from careers import operations as careers_ops
    from resumes import operations as resume_ops
    from resumes import tasks
    from resumes.profiledata import EducationData, ProfileData, WorkData

    counter = iter(range(1, 1000))

    def _make(*, birth_date: str | None = None, apply: bool = True, recruiter: t.Any = None) -> Person:
        n = next(counter)
        birth_date = birth_date or f"1990-05-{n + 10:02d}"
        fields = {"name": f"隐私测试员{n}号", "phone": f"+86139123456{n:02d}",
                  "email": f"privacy.tester{n}@example.org", "birth_date": birth_date,
                  "company": f"Quokkasoft{n}x", "marker": f"ZephyrMarkerQ{n}x"}
        login = type("Login", (), {"appid": "wxstandinweb0001", "openid": f"oOPENIDprivacy{n:04d}zz",
                                   "unionid": f"oUNIONprivacy{n:04d}zz", "scope": "snsapi_login"})()
        user = auth_ops.create_candidate(channel="wechat", policy_version=app.config["PRIVACY_POLICY_VERSION"],
                                         wechat=login)
        from auth.models import PhoneIdentity

        # privacy test data: a bound number, as auth.bind_phone leaves it
        user.phone = PhoneIdentity(phone=fields["phone"], phone_index=auth_ops.phone_index(fields["phone"]))
        db.session.flush()
        auth_ops.give_consent(user, "resume_processing", policy_version=app.config["PRIVACY_POLICY_VERSION"],
                              channel="web")
        content = (TEXT_RESUME.replace("隐私测试员".encode(), fields["name"].encode())
                   .replace(b"13912345678", fields["phone"][3:].encode())
                   .replace(b"privacy.tester@example.org", fields["email"].encode())
                   .replace(b"1990-05-17", birth_date.encode())
                   .replace(b"Quokkasoft", fields["company"].encode())
                   .replace(b"ZephyrMarkerQ", fields["marker"].encode()))
        resume = resume_ops.upload_resume(user, (content, f"{fields['name']}-简历.txt"))
        db.session.commit()
        monkeypatch.setattr(tasks, "_sandbox", lambda: fake_sandbox(fields))
        assert tasks.run_parse(resume.id) == "done"
        data = ProfileData(name=fields["name"], gender="female", birth_date=birth_date, native_place="浙江绍兴",
                           email=fields["email"], phone=fields["phone"], city="杭州", summary=f"{fields['marker']} 负责人",
                           education=[EducationData("北京大学", "Bachelor", "计算机科学", "2011-09", "2015-06")],
                           work=[WorkData(fields["company"], "高级工程师", "2015-07", "2020-06", fields["marker"])],
                           skills=["Python"])
        resume_ops.save_profile(user, data, confirm=True, source_resume=db.session.get(type(resume), resume.id))
        person = Person(user=user, name=fields["name"], phone=fields["phone"], email=fields["email"],
                        unionid=login.unionid, openid=login.openid, birth_date=birth_date,
                        resume_marker=fields["marker"], company=fields["company"], file_sha256=hashlib.sha256(content).hexdigest(),
                        file_digest=resume_ops.content_digest(content),
                        resume_id=resume.id)
        if apply:
            job = create_job()
            careers_ops.submit_application(user, job, resume_id=resume.id, consent=True)
            if recruiter is not None:
                careers_ops.record_profile_view(recruiter, user.id, blind=False)
                careers_ops.add_note(recruiter, user.id, body=f"{fields['name']} 面试表现好", rating=4)
        db.session.commit()
        return person

    return _make


@pytest.fixture
def recruiter(create_user: t.Any) -> t.Any:
    return create_user(role="recruiter")
