"""Fixtures of the resumes tests: files go to a temporary directory, parse jobs to a
recording dispatcher (tests that run real jobs say so), and a signed-in candidate."""

from __future__ import annotations

import typing as t

import pytest

from resumes.jobs import EXTENSION


class RecordingDispatcher:
    def __init__(self) -> None:
        self.dispatched: list[int] = []
        self.started = 0

    def dispatch(self, resume_id: int) -> None:
        self.dispatched.append(resume_id)

    def start(self) -> None:
        self.started += 1


@pytest.fixture(autouse=True)
def dispatcher(app: t.Any, monkeypatch: pytest.MonkeyPatch) -> RecordingDispatcher:
    recorder = RecordingDispatcher()
    monkeypatch.setitem(app.extensions, EXTENSION, recorder)
    return recorder


@pytest.fixture
def candidate(create_user: t.Any, login: t.Any) -> t.Any:
    from core.db import db

    user = create_user(role="candidate")
    db.session.commit()  # views roll back on refused input: the account must outlive that
    login(user)
    return user


def stored_files(root: t.Any) -> list[t.Any]:
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []
