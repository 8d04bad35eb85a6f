"""Demo candidates for ``flask demo load``: synthetic people with confirmed profiles and
applications at different stages, so that the recruiter workspace has something to show.
Idempotent: a candidate is recognised by the blind index of their demo email."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from careers.models import CANDIDATE_LABELS, PASSED_SCREENING, Application, ApplicationEvent, Job
from careers.search import reindex_candidate
from core.crypto import blind_index
from core.db import db, utcnow
from notifications.models import Notification

# (name, gender, birth date, native place, city, [(school, degree, area, end year)],
#  [(company, title, start, end)], [skills], [(demo job index, stage)])
DEMO_CANDIDATES = [
    ("林晓", "female", "1998-04-12", "福建福州", "Beijing",
     [("清华大学", "Master", "计算机科学与技术", "2023"), ("厦门大学", "Bachelor", "软件工程", "2020")],
     [("示例科技", "算法工程师", "2023-07", None)], ["机器学习", "Python", "PyTorch", "推荐系统"],
     [(0, "interview"), (1, "screening")]),
    ("Daniel Wong", "male", "1994-09-30", "Hong Kong", "Shanghai",
     [("The University of Hong Kong", "Bachelor", "Computer Science", "2016")],
     [("Example Cloud", "Backend Engineer", "2016-08", "2020-12"), ("Sample AI", "Staff Engineer", "2021-01", None)],
     ["Go", "Kubernetes", "分布式系统", "PostgreSQL"], [(2, "applied"), (3, "offer")]),
    ("周宁", "female", "2001-01-20", "江苏南京", "Hangzhou",
     [("浙江大学", "Bachelor", "人工智能", "2024")], [], ["深度学习", "计算机视觉", "C++"],
     [(0, "applied"), (4, "rejected")]),
    ("陈浩", "male", "1996-06-06", "湖北武汉", "Shenzhen",
     [("华中科技大学", "Master", "电子信息工程", "2021")],
     [("示例汽车", "感知算法工程师", "2021-07", None)], ["自动驾驶", "目标检测", "Python", "CUDA"],
     [(1, "hired"), (5, "screening")]),
]


def load_demo_candidates(now: dt.datetime | None = None) -> int:
    """Add the demo candidates that are not there yet; return how many were added."""
    from auth.models import User
    from resumes.models import Profile, ProfileEducation, ProfileSkill, ProfileWork

    jobs = list(db.session.scalars(select(Job).where(Job.reference.like("DEMO-%"), Job.status == "published")
                                   .order_by(Job.reference)))
    if not jobs:
        return 0
    now = now or utcnow()
    created = 0
    for number, (name, gender, birth, native, city, schools, work, skills, applications) in enumerate(DEMO_CANDIDATES):
        email = f"demo-candidate-{number + 1}@example.com"
        index = blind_index(email, "email")
        if db.session.scalar(select(Profile.id).where(Profile.email_index == index)) is not None:
            continue
        user = User(role="candidate")
        db.session.add(user)
        db.session.flush()
        profile = Profile(user_id=user.id, status="confirmed", name=name, gender=gender, birth_date=birth,
                          native_place=native, city=city, email=email, email_index=index, confirmed_dt=now)
        for i, (school, degree, area, end) in enumerate(schools):
            profile.education.append(ProfileEducation(position=i, institution=school, study_type=degree, area=area,
                                                      start_date=str(int(end) - 4), end_date=end))
        for i, (company, title, start, end) in enumerate(work):
            profile.work.append(ProfileWork(position=i, name=company, title=title, start_date=start, end_date=end))
        for i, skill in enumerate(skills):
            profile.skills.append(ProfileSkill(position=i, name=skill))
        db.session.add(profile)
        for offset, (job_index, stage) in enumerate(applications):
            job = jobs[job_index % len(jobs)]
            applied = now - dt.timedelta(days=10 - offset * 3)
            application = Application(job_id=job.id, candidate_id=user.id, stage=stage, created_dt=applied,
                                      stage_dt=applied + dt.timedelta(days=2), consent_dt=applied,
                                      rejection_reason="experience" if stage == "rejected" else None,
                                      passed_screening_dt=applied + dt.timedelta(days=2)
                                      if stage in PASSED_SCREENING else None)
            db.session.add(application)
            db.session.flush()
            db.session.add(ApplicationEvent(application_id=application.id, actor_id=user.id, to_stage="applied",
                                            created_dt=applied))
            if stage != "applied":
                db.session.add(ApplicationEvent(application_id=application.id, from_stage="applied", to_stage=stage,
                                                created_dt=applied + dt.timedelta(days=2),
                                                reason="experience" if stage == "rejected" else None))
            db.session.add(Notification(user_id=user.id, kind="application_stage", link="/me/applications",
                                        params={"job_id": job.id, "job_title_zh": job.title_zh,
                                                "job_title_en": job.title_en, "label": CANDIDATE_LABELS[stage]}))
        db.session.flush()
        reindex_candidate(user.id)
        created += 1
    return created
