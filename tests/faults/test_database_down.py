"""PostgreSQL goes away during requests, then comes back (security reference K)."""

from __future__ import annotations

import time

import pytest

pytestmark = [pytest.mark.no_db, pytest.mark.postgres, pytest.mark.slow]

ZH = {"Accept-Language": "zh-CN,zh;q=0.9"}
EN = {"Accept-Language": "en"}


@pytest.fixture
def app(make_app, pg_proxy):
    url = f"postgresql://postgres@127.0.0.1:{pg_proxy.port}/test_e2e"
    app = make_app(SQLALCHEMY_DATABASE_URI=url,
                   SQLALCHEMY_ENGINE_OPTIONS={"pool_pre_ping": True, "connect_args": {"connect_timeout": 3}})
    from careers.models import Job
    from core.db import db, utcnow

    with app.app_context():
        job = Job(reference="FAULT-1", title_zh="故障测试职位", title_en="Fault drill opening", category="campus",
                  department="research", city="beijing", status="published", published_dt=utcnow())
        job.update_search_text()
        db.session.add(job)
        db.session.commit()
    yield app
    pg_proxy.restore()
    with app.app_context():
        db.session.execute(db.delete(Job).where(Job.reference == "FAULT-1"))
        db.session.commit()


def test_database_down_gives_a_503_in_the_users_language_then_recovers(app, pg_proxy):
    client = app.test_client()
    assert client.get("/jobs").status_code == 200  # the pool now holds a live connection

    pg_proxy.cut()  # the server goes away under open connections
    started = time.monotonic()
    zh = client.get("/jobs", headers=ZH)
    en = client.get("/jobs?q=fault", headers=EN)
    health = client.get("/healthz")
    elapsed = time.monotonic() - started
    assert zh.status_code == 503 and "服务暂时不可用" in zh.get_data(as_text=True)
    assert en.status_code == 503 and "Temporarily unavailable" in en.get_data(as_text=True)
    assert "Traceback" not in zh.get_data(as_text=True) + en.get_data(as_text=True)
    assert health.status_code == 503 and health.get_json()["database"] == "unavailable"
    assert elapsed < 10, f"three requests against a dead database took {elapsed:.1f} s"

    pg_proxy.restore()  # no restart of the app: the pool reconnects by itself
    assert client.get("/healthz").status_code == 200
    page = client.get("/jobs?q=fault", headers=EN)
    assert page.status_code == 200 and "Fault drill opening" in page.get_data(as_text=True)


def test_sms_code_is_not_sent_while_the_database_is_down(app, pg_proxy):
    """OTP fails closed: no code goes out that the site could not record."""
    from auth import sms

    client = app.test_client()
    client.get("/auth/login")
    pg_proxy.cut()
    response = client.post("/auth/sms/send", data={"phone": "13800138000"}, headers=ZH)
    assert response.status_code == 503
    assert "服务暂时不可用" in response.get_data(as_text=True)
    with app.app_context():
        assert sms.backend().outbox == []  # type: ignore[attr-defined]

    pg_proxy.restore()
    response = client.post("/auth/sms/send", data={"phone": "13800138000"}, headers=ZH)
    assert response.status_code == 302
    with app.app_context():
        assert len(sms.backend().outbox) == 1  # type: ignore[attr-defined]
