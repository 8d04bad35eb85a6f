"""Two concurrent POSTs of the apply form (a double click, two tabs) make one application."""

from __future__ import annotations

from sqlalchemy import func, select

from careers.models import Application
from core.db import db
from tests.conftest import post_in_parallel


def test_concurrent_apply_posts_make_one_application(app, committed_db, monkeypatch):
    from auth.models import User
    from careers.models import Job
    from core.db import utcnow
    from resumes.models import Profile, Resume

    monkeypatch.setitem(app.config, "EMAIL_BACKEND", "memory")
    monkeypatch.setitem(app.config, "SMS_BACKEND", "memory")
    user = User(role="candidate")
    job = Job(reference="RACE-1", title_zh="并发", title_en="Race", category="campus", department="research",
              city="beijing", status="published", published_dt=utcnow())
    job.update_search_text()
    db.session.add_all([user, job])
    db.session.flush()
    db.session.add(Profile(user_id=user.id, status="confirmed", name="并发测试"))
    resume = Resume(user_id=user.id, storage_key="race-1", original_name="cv.pdf", kind="pdf", size_bytes=1,
                    content_digest="0" * 64, status="done")
    db.session.add(resume)
    db.session.commit()
    job_id, resume_id, user_id = job.id, resume.id, user.id

    def apply(client):
        return client.post(f"/jobs/{job_id}/apply", data={"resume_id": str(resume_id), "consent": "y"})

    answers = post_in_parallel(app, user, [apply] * 4)
    assert [response.status_code for response in answers] == [302, 302, 302, 302]
    db.session.remove()
    count = db.session.scalar(select(func.count()).select_from(Application).where(Application.candidate_id == user_id))
    assert count == 1
