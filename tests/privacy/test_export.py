"""Download a copy: the zip's contents, a single download by the owner, expiry after 24 h."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile

from core.db import db, utcnow
from privacy.export import build_export, expire_exports, request_export
from privacy.models import DataExport
from tests.privacy.scan import local_blobs


def _ready_export(client, login, person, dispatchers):
    login(person.user)
    started = client.post("/privacy/exports")
    assert started.status_code == 302
    export = db.session.query(DataExport).filter_by(user_id=person.user.id).one()
    assert dispatchers["privacy"].dispatched == [export.id]  # a job, started after the commit
    assert build_export(export.id) == "ready"
    db.session.commit()
    return export


def test_export_zip_has_profile_account_and_original_file(client, login, make_person, recruiter, dispatchers):
    person = make_person(recruiter=recruiter)
    export = _ready_export(client, login, person, dispatchers)
    status = client.get(f"/privacy/exports/{export.public_id}")
    assert status.status_code == 200 and "download" in status.get_data(as_text=True).lower()
    response = client.post(f"/privacy/exports/{export.public_id}/download")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/zip"
    assert response.headers["Content-Disposition"].startswith("attachment")
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    names = archive.namelist()
    assert {"profile.json", "account.json", "README.txt"} <= set(names)
    profile = json.loads(archive.read("profile.json"))
    assert profile["basics"]["name"] == person.name and profile["x-careers"]["birthDate"] == person.birth_date
    assert profile["work"][0]["name"] == person.company
    account = json.loads(archive.read("account.json"))
    assert account["identities"]["wechat"]["unionid"] == person.unionid
    assert account["identities"]["phone"]["number"] == person.phone
    assert {c["purpose"] for c in account["consents"]} >= {"privacy_policy", "resume_processing"}
    assert account["applications"][0]["history"][0]["to"] == "received"
    assert account["recruiter_notes"] == {"count": 1}
    assert any(e["action"] == "candidate.view" and e["role"] == "recruiter" for e in account["access_log"])
    assert isinstance(account["sign_ins"], list)
    assert "email" not in json.dumps(account["access_log"])  # staff by pseudonym only
    originals = [n for n in names if n.startswith("resumes/")]
    assert len(originals) == 1 and person.resume_marker.encode() in archive.read(originals[0])
    assert account["resumes"][0]["parsed"]["basics"]["name"] == person.name


def test_export_is_stored_encrypted_and_downloadable_once(client, login, make_person, dispatchers, upload_dir):
    person = make_person()
    export = _ready_export(client, login, person, dispatchers)
    key = export.storage_key
    stored = [data for path, data in local_blobs(upload_dir) if key in path]
    assert stored and not stored[0].startswith(b"PK")  # encrypted at rest
    assert client.post(f"/privacy/exports/{export.public_id}/download").status_code == 200
    assert not any(key in path for path, _ in local_blobs(upload_dir))  # deleted at once
    again = client.post(f"/privacy/exports/{export.public_id}/download")
    assert again.status_code == 303
    page = client.get(again.headers["Location"]).get_data(as_text=True)
    assert "already downloaded" in page or "已下载" in page or "下载" in page
    db.session.refresh(export)
    assert export.status == "downloaded" and export.storage_key is None


def test_export_expires_after_24_hours(client, login, make_person, dispatchers, upload_dir):
    person = make_person()
    export = _ready_export(client, login, person, dispatchers)
    key = export.storage_key
    assert expire_exports(now=utcnow() + dt.timedelta(hours=23)) == 0
    assert expire_exports(now=utcnow() + dt.timedelta(hours=24, minutes=1)) == 1
    db.session.commit()
    assert not any(key in path for path, _ in local_blobs(upload_dir))
    response = client.post(f"/privacy/exports/{export.public_id}/download")
    assert response.status_code == 303
    db.session.refresh(export)
    assert export.status == "expired"


def test_export_download_refused_after_expiry_even_without_purge(client, login, make_person, dispatchers):
    person = make_person()
    export = _ready_export(client, login, person, dispatchers)
    export.expires_dt = utcnow() - dt.timedelta(seconds=1)
    db.session.commit()
    assert client.post(f"/privacy/exports/{export.public_id}/download").status_code == 303
    db.session.refresh(export)
    assert export.status == "expired" and export.storage_key is None


def test_export_only_its_owner_sees_or_downloads_it(client, login, make_person, dispatchers, create_user):
    person = make_person()
    export = _ready_export(client, login, person, dispatchers)
    other = make_person(apply=False)
    login(other.user)
    assert client.get(f"/privacy/exports/{export.public_id}").status_code == 404
    assert client.post(f"/privacy/exports/{export.public_id}/download").status_code == 404
    login(create_user(role="recruiter"))
    assert client.get(f"/privacy/exports/{export.public_id}").status_code == 403
    assert client.post(f"/privacy/exports/{export.public_id}/download").status_code == 403
    db.session.refresh(export)
    assert export.status == "ready"


def test_export_request_reuses_a_live_one(make_person):
    person = make_person(apply=False)
    first, created = request_export(person.user)
    second, created_again = request_export(person.user)
    assert created and not created_again and first.id == second.id


def test_export_job_reports_progress(make_person, monkeypatch):
    person = make_person(apply=False)
    export, _ = request_export(person.user)
    seen: list[int] = []
    build_export(export.id, checkpoint=lambda: seen.append(export.progress))
    assert seen[0] == 5 and seen == sorted(seen) and seen[-1] >= 85
    assert export.progress == 100 and export.status == "ready"
