"""Synthetic openings for the browser journeys: ``python -m tests.e2e.seed``.

Run by tests/e2e/conftest.py against the e2e server's fresh database (``DATABASE_URL``)
after ``flask db upgrade`` and ``flask demo load``.  The journeys assert on these
openings, not on the demo content, so that the demo set can change freely.
"""

from __future__ import annotations

from core.app import create_app
from core.db import db, utcnow

# 25 openings: with JOBS_PER_PAGE=10 the board has at least three pages.
CITIES = ("beijing", "shanghai", "shenzhen", "hangzhou", "singapore")
COUNT = 25


def seed() -> int:
    from careers.models import Job

    created = 0
    for n in range(1, COUNT + 1):
        reference = f"E2E-{n:03d}"
        if db.session.query(Job.id).filter_by(reference=reference).first():
            continue
        job = Job(
            reference=reference,
            title_zh=f"巡检测试算法工程师 {n:02d}", title_en=f"End-to-end Test Engineer {n:02d}",
            description_zh="负责浏览器测试中的视觉算法。", description_en="Works on vision algorithms in browser tests.",
            responsibilities_zh="编写测试", responsibilities_en="Write tests",
            requirements_zh="熟悉 Python", requirements_en="Python",
            category=("campus", "experienced", "internship")[n % 3], department="research",
            city=CITIES[n % len(CITIES)], status="published", published_dt=utcnow(),
        )
        job.update_search_text()
        db.session.add(job)
        created += 1
    db.session.commit()
    return created


if __name__ == "__main__":
    app = create_app()
    with app.app_context():
        print(f"e2e openings: {seed()} created")
