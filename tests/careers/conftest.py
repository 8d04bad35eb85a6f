"""Fixtures for the applications and recruiter-workspace tests."""

from __future__ import annotations

import itertools
import typing as t

import pytest

from core.db import db

_counter = itertools.count(1)


@pytest.fixture(autouse=True)
def memory_channels(app: t.Any, monkeypatch: pytest.MonkeyPatch) -> t.Iterator[dict[str, list[t.Any]]]:
    """Email and SMS go to memory outboxes during these tests."""
    monkeypatch.setitem(app.config, "EMAIL_BACKEND", "memory")
    monkeypatch.setitem(app.config, "SMS_BACKEND", "memory")
    app.extensions.pop("sms_backend", None)
    app.extensions["email_outbox"] = []
    yield {"email": app.extensions["email_outbox"]}
    app.extensions.pop("sms_backend", None)
    app.extensions["email_outbox"] = []


@pytest.fixture
def sms_messages(app: t.Any) -> t.Callable[[], list[t.Any]]:
    def messages() -> list[t.Any]:
        from auth.sms import backend

        return list(backend().outbox)  # type: ignore[attr-defined]

    return messages


@pytest.fixture
def make_candidate(create_user: t.Callable[..., t.Any]) -> t.Callable[..., t.Any]:
    """A candidate with a confirmed profile and one uploaded resume (synthetic data)."""
    from resumes.models import Profile, ProfileEducation, ProfileSkill, ProfileWork, Resume

    def _make(*, name: str = "测试候选人", skills: t.Sequence[str] = ("Python",),
              schools: t.Sequence[tuple[str, str, str]] = (("Tsinghua University", "Master", "2020"),),
              work: t.Sequence[tuple[str, str, str, str | None]] = (("Example Co", "Engineer", "2020-07", None),),
              city: str = "Beijing", gender: str | None = "female", birth_date: str | None = "1996-05-01",
              native_place: str | None = "浙江杭州", phone: str | None = None, email: str | None = None,
              confirmed: bool = True, resume: bool = True, summary: str = "") -> t.Any:
        from core.crypto import blind_index

        user = create_user(role="candidate")
        profile = Profile(user_id=user.id, status="confirmed" if confirmed else "draft", name=name, gender=gender,
                          birth_date=birth_date, native_place=native_place, city=city, summary=summary,
                          phone=phone, phone_index=blind_index(phone, "phone") if phone else None,
                          email=email, email_index=blind_index(email.lower(), "email") if email else None)
        for i, (school, degree, year) in enumerate(schools):
            profile.education.append(ProfileEducation(position=i, institution=school, study_type=degree,
                                                      area="Computer Science", start_date=str(int(year) - 3),
                                                      end_date=year))
        for i, (company, title, start, end) in enumerate(work):
            profile.work.append(ProfileWork(position=i, name=company, title=title, start_date=start, end_date=end))
        for i, skill in enumerate(skills):
            profile.skills.append(ProfileSkill(position=i, name=skill))
        db.session.add(profile)
        if resume:
            n = next(_counter)
            db.session.add(Resume(user_id=user.id, storage_key=f"test-{user.id}-{n}", original_name="resume.pdf",
                                  kind="pdf", size_bytes=1000, content_digest=f"{n:064d}", status="done"))
        db.session.flush()
        return user

    return _make


def resume_of(user: t.Any) -> int:
    from sqlalchemy import select

    from resumes.models import Resume

    return db.session.scalar(select(Resume.id).where(Resume.user_id == user.id))


@pytest.fixture
def recruiter(create_user: t.Callable[..., t.Any]) -> t.Callable[..., t.Any]:
    def _make(*departments: str, role: str = "recruiter") -> t.Any:
        return create_user(role=role, departments=list(departments))

    return _make


@pytest.fixture
def apply_to(client: t.Any, login: t.Callable[[t.Any], None]) -> t.Callable[..., t.Any]:
    """Submit the apply form as ``candidate`` through HTTP; returns the response."""

    def _apply(candidate: t.Any, job: t.Any, note: str = "", consent: bool = True) -> t.Any:
        login(candidate)
        data = {"resume_id": str(resume_of(candidate)), "note": note}
        if consent:
            data["consent"] = "y"
        return client.post(f"/jobs/{job.id}/apply", data=data)

    return _apply
