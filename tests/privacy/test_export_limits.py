"""Security reference 5.L: parallel export requests make one live export, and an account
starts at most ``EXPORT_REQUESTS_PER_HOUR`` exports in an hour."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from core.db import db, utcnow
from privacy.errors import ExportRateLimited
from privacy.export import request_export
from privacy.models import DataExport
from tests.conftest import post_in_parallel


def _finish(export: DataExport, status: str = "downloaded") -> None:
    export.status = status
    db.session.flush()


def test_export_rate_limit_counts_exports_started_in_the_last_hour(make_person, monkeypatch, app):
    monkeypatch.setitem(app.config, "EXPORT_REQUESTS_PER_HOUR", 3)
    person = make_person(apply=False)
    start = utcnow()
    for minute in (0, 10, 20):  # three copies made and downloaded within 20 minutes
        export, created = request_export(person.user, now=start + dt.timedelta(minutes=minute))
        assert created
        _finish(export)
    with pytest.raises(ExportRateLimited) as refused:
        request_export(person.user, now=start + dt.timedelta(minutes=25))
    assert refused.value.retry_after_minutes == 35  # the first leaves the hour at minute 60
    with pytest.raises(ExportRateLimited) as refused:
        request_export(person.user, now=start + dt.timedelta(minutes=59, seconds=30))
    assert refused.value.retry_after_minutes == 1  # rounded up, never "0 minutes"
    export, created = request_export(person.user, now=start + dt.timedelta(minutes=60, seconds=1))
    assert created
    count = db.session.scalar(select(func.count()).select_from(DataExport).where(DataExport.user_id == person.user.id))
    assert count == 4


def test_export_rate_limit_never_hides_a_live_export(make_person, monkeypatch, app):
    monkeypatch.setitem(app.config, "EXPORT_REQUESTS_PER_HOUR", 1)
    person = make_person(apply=False)
    first, _ = request_export(person.user)
    again, created = request_export(person.user)  # being made: the same one, not a refusal
    assert again.id == first.id and not created
    _finish(first, "failed")
    with pytest.raises(ExportRateLimited):
        request_export(person.user)


def test_export_rate_limit_message_is_translated(client, login, make_person, monkeypatch, app, dispatchers):
    monkeypatch.setitem(app.config, "EXPORT_REQUESTS_PER_HOUR", 1)
    person = make_person(apply=False)
    login(person.user)
    assert client.post("/privacy/exports").status_code == 302
    _finish(db.session.scalars(select(DataExport).where(DataExport.user_id == person.user.id)).one())
    db.session.commit()
    refused = client.post("/privacy/exports", headers={"Accept-Language": "en"})
    assert refused.status_code == 303 and refused.headers["Location"].endswith("/privacy/")
    page = client.get("/privacy/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "You asked for a copy of your data recently. Please try again in 60 minutes." in page
    client.post("/privacy/exports", headers={"Accept-Language": "zh-CN"})
    page = client.get("/privacy/", headers={"Accept-Language": "zh-CN"}).get_data(as_text=True)
    assert "您最近已申请过数据副本，请 60 分钟后再试。" in page
    assert dispatchers["privacy"].dispatched == [
        db.session.scalars(select(DataExport.id).where(DataExport.user_id == person.user.id)).one()]


def test_parallel_export_requests_start_one_export(app, committed_db, dispatchers):
    """Four POSTs at once (double clicks, tabs): one export row, one job, no error page."""
    from auth import operations as auth_operations

    user = auth_operations.create_candidate(channel="sms", policy_version=app.config["PRIVACY_POLICY_VERSION"],
                                            phone="+8613900001234")
    db.session.commit()
    user_id = user.id

    answers = [(response.status_code, response.headers.get("Location", ""))
               for response in post_in_parallel(app, user, [lambda client: client.post("/privacy/exports")] * 4)]
    db.session.remove()
    exports = list(db.session.scalars(select(DataExport).where(DataExport.user_id == user_id)))
    assert len(exports) == 1
    # Every click lands on the status page of that one export.
    assert answers == [(302, f"/privacy/exports/{exports[0].public_id}")] * 4
    assert dispatchers["privacy"].dispatched == [exports[0].id]
