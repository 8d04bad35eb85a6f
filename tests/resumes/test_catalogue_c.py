"""Security reference 5.C (personal-data fields) through the profile editor: hostile
text is stored as entered and shown escaped; control, invisible and bidi characters are
normalised away; NUL never reaches the database (PostgreSQL refuses it: it was a 500)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from core.db import db
from resumes.models import Profile
from resumes.profiledata import WorkData


def _saved(client, candidate, **fields):
    response = client.post("/me/profile/edit", data={"op": "save", **fields}, headers={"Accept-Language": "en"})
    assert response.status_code == 302, response.status_code
    return db.session.scalars(select(Profile).where(Profile.user_id == candidate.id)).one()


@pytest.mark.parametrize("value", ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "{{7*7}}",
                                   "{{config}}", "' OR 1=1 --"])
def test_markup_and_template_probes_are_stored_as_entered_and_shown_escaped(client, candidate, value):
    profile = _saved(client, candidate, name=value, summary=value, native_place=value)
    assert (profile.name, profile.summary, profile.native_place) == (value, value, value)
    for path in ("/me/profile", "/me/profile/edit"):
        page = client.get(path).get_data(as_text=True)
        assert "<script>alert(1)</script>" not in page and "<img src=x" not in page
        assert "SECRET_KEY" not in page and "test-secret-key" not in page  # {{config}} was not evaluated
        if value == "{{7*7}}":
            assert "{{7*7}}" in page  # shown as text, not rendered as a template


@pytest.mark.parametrize(("raw", "stored"), [
    ("王\x00小明", "王小明"),                       # NUL: PostgreSQL refuses it (was a 500)
    ("王小明\r\nINFO forged log line", "王小明 INFO forged log line"),
    ("王\u200b小\u200d明", "王 小 明"),            # zero-width characters
    ("resume\u202efdp.exe", "resume fdp.exe"),      # right-to-left override
    ("\u3000王小明\u3000", "王小明"),               # ideographic spaces around
    ("阿卜杜拉·艾尼瓦尔", "阿卜杜拉·艾尼瓦尔"),     # the middle dot of minority names stays
    ("欧阳娜娜", "欧阳娜娜"), ("李", "李"), ("José Müller", "José Müller"),
])
def test_names_are_normalised_not_mangled(client, candidate, raw, stored):
    profile = _saved(client, candidate, name=raw, city=raw)
    assert profile.name == stored and profile.city == stored


def test_multiline_fields_keep_their_lines_but_lose_nul(client, candidate):
    profile = _saved(client, candidate, summary="第一行\r\n第二行\x00")
    assert profile.summary == "第一行\r\n第二行"


@pytest.mark.parametrize("value", ["   ", "\u3000\u3000", "\u200b"])
def test_blank_looking_values_are_empty(client, candidate, value):
    assert _saved(client, candidate, name=value).name is None


def test_ten_thousand_characters_are_refused_with_a_message(client, candidate):
    response = client.post("/me/profile/edit", data={"op": "save", "name": "x" * 10_000},
                           headers={"Accept-Language": "en"})
    assert response.status_code == 400 and "field-error" in response.get_data(as_text=True)


@pytest.mark.parametrize("value", ["victim@x.com\r\nBcc: all@y.com", "a@b", "x" * 320 + "@example.com"])
def test_bad_emails_are_refused(client, candidate, value):
    response = client.post("/me/profile/edit", data={"op": "save", "email": value},
                           headers={"Accept-Language": "en"})
    assert response.status_code == 400 and "Enter an e-mail address" in response.get_data(as_text=True)


@pytest.mark.parametrize("value", ["Zhang.San+jobs@Example.COM", "用户@例子.中国"])
def test_plus_addressing_upper_case_and_idn_emails_are_kept(client, candidate, value):
    local, _, domain = value.rpartition("@")
    assert _saved(client, candidate, email=value).email == f"{local}@{domain.lower()}"


@pytest.mark.parametrize("value", ["2023-02-30", "9999-12-31", "0001-01-01", "01/02/2008", "2008-13-01"])
def test_impossible_or_odd_birth_dates_are_refused(client, candidate, value):
    response = client.post("/me/profile/edit", data={"op": "save", "birth_date": value},
                           headers={"Accept-Language": "en"})
    assert response.status_code == 400 and "Use a date like 2019" in response.get_data(as_text=True)


@pytest.mark.parametrize(("value", "stored"), [("2008-02-29", "2008-02-29"), ("1900-01-01", "1900-01-01"),
                                               ("２００８-０１-０１", "2008-01-01")])  # full-width digits: normalised
def test_real_birth_dates_are_kept(client, candidate, value, stored):
    assert _saved(client, candidate, birth_date=value).birth_date == stored


def test_a_birth_date_in_the_future_is_refused_with_its_own_message(client, candidate):
    future = (dt.date.today() + dt.timedelta(days=3)).isoformat()
    response = client.post("/me/profile/edit", data={"op": "save", "birth_date": future},
                           headers={"Accept-Language": "en"})
    assert response.status_code == 400
    assert "The date of birth cannot be in the future." in response.get_data(as_text=True)
    assert db.session.scalar(select(Profile).where(Profile.user_id == candidate.id)) is None
    response = client.post("/me/profile/edit", data={"op": "save", "birth_date": future},
                           headers={"Accept-Language": "zh-CN"})
    assert response.status_code == 400 and "出生日期不能晚于今天" in response.get_data(as_text=True)


@pytest.mark.parametrize(("value", "error"), [
    ("2026-12-02", True), ("2027", True), ("2027-01", True), ("2026-12-31", True),
    ("2026-12-01", False), ("2026-12", False), ("2026", False), ("2008-02-29", False),
])
def test_validate_future_birth_date_is_judged_at_the_value_s_own_precision(app, value, error):
    from resumes.profiledata import ProfileData, validate

    with app.test_request_context(headers={"Accept-Language": "en"}):
        _, errors = validate(ProfileData(birth_date=value), today=dt.date(2026, 12, 1))
        assert ("birth_date" in errors) is error
        # the rule is for dates of birth only: a job that ends next year is a plan, not an error
        _, errors = validate(ProfileData(work=[WorkData(name="Acme", start_date="2000", end_date=value)]),
                             today=dt.date(2026, 12, 1))
        assert not errors


def test_validate_birth_date_today_in_the_latest_time_zone_is_accepted(app):
    from resumes.profiledata import ProfileData, latest_today, validate

    with app.test_request_context():
        assert not validate(ProfileData(birth_date=latest_today().isoformat()))[1]


def test_out_of_enum_gender_and_degree_are_refused(client, candidate):
    response = client.post("/me/profile/edit", data={"op": "save", "gender": "attack-helicopter",
                                                      "education-0-institution": "X", "education-0-study_type": "PhD!"},
                           headers={"Accept-Language": "en"})
    assert response.status_code == 400 and "Choose one of the options" in response.get_data(as_text=True)
    assert db.session.scalar(select(Profile).where(Profile.user_id == candidate.id)) is None


def test_extra_fields_are_ignored_mass_assignment(client, candidate):
    profile = _saved(client, candidate, name="王小明", role="admin", user_id="1", is_admin="1", status="confirmed",
                     company_id="9", departments="research")
    assert profile.user_id == candidate.id and profile.status == "draft"
    db.session.refresh(candidate)
    assert candidate.role == "candidate" and not candidate.departments


def test_five_hundred_entries_are_refused(client, candidate):
    data = {"op": "save"}
    for i in range(500):
        data[f"work-{i}-name"] = f"Company {i}"
    response = client.post("/me/profile/edit", data=data, headers={"Accept-Language": "en"})
    assert response.status_code == 400
    assert db.session.scalar(select(Profile).where(Profile.user_id == candidate.id)) is None
