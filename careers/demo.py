"""Demo openings for ``flask careers seed-demo`` (content in careers/demo_jobs.py)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from careers.demo_jobs import DEMO_JOBS
from careers.models import Job
from core.db import db, utcnow


def load_demo_jobs() -> int:
    """Add the demo openings that are not there yet (matched by reference); return how many."""
    existing = set(db.session.scalars(select(Job.reference).where(Job.reference.like("DEMO-%"))))
    now = utcnow()
    created = 0
    for index, data in enumerate(DEMO_JOBS):
        reference = f"DEMO-{index + 1:04d}"
        if reference in existing:
            continue
        job = Job(reference=reference, status="published", published_dt=now - dt.timedelta(hours=index * 7), **data)
        job.update_search_text()
        db.session.add(job)
        created += 1
    db.session.flush()
    return created
