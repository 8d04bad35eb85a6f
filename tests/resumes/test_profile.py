"""The profile editor: review beside sources, correct, reorder, confirm; build by hand;
validation; a newer resume offers an update and never overwrites confirmed edits."""

import json

import pytest
from sqlalchemy import select

from core.crypto import blind_index, encrypt
from core.db import db
from resumes.models import Profile, Resume
from resumes.storage import get_storage, new_key

PARSED = {
    "resume": {
        "basics": {"name": "张小明", "email": "xiaoming@example.com", "phone": "+8613800138000",
                   "gender": "male", "birthDate": "1998-05", "nativePlace": "浙江杭州",
                   "location": {"city": "杭州"}},
        "education": [{"institution": "浙江大学", "studyType": "Bachelor", "area": "计算机",
                       "startDate": "2016-09", "endDate": "2020-06"},
                      {"institution": "杭州第二中学", "studyType": "HighSchool", "startDate": "2013-09",
                       "endDate": "2016-06"}],
        "work": [{"name": "杭州云图科技", "position": "后端工程师", "startDate": "2020-07"}],
        "skills": [{"name": "Python"}, {"name": "Redis"}],
    },
    "confidence": {"basics.name": 0.97},
    "sources": {"basics.name": "姓名：张小明", "basics.email": "邮箱：xiaoming@example.com",
                "education[0].institution": "2016.09 - 2020.06 浙江大学 计算机 本科"},
}


@pytest.fixture
def parsed_resume(candidate):
    def _make(parsed=PARSED, **fields):
        key = new_key()
        get_storage().put(key, encrypt(b"resume"))
        resume = Resume(user_id=candidate.id, storage_key=key, original_name="简历.pdf", kind="pdf", size_bytes=6,
                        content_digest=key[:64], status="done", parsed_data=json.dumps(parsed, ensure_ascii=False),
                        **fields)
        db.session.add(resume)
        db.session.commit()
        return resume

    return _make


def _editor_form(page_data):
    """The editor's current values, as a browser would post them back."""
    import re

    form = {}
    for name, value in re.findall(r'<input[^>]*?name="([^"]+)"[^>]*?value="([^"]*)"', page_data):
        form[name] = value
    for name, body in re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', page_data, re.S):
        form[name] = body.strip("\r\n")
    for name, body in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', page_data, re.S):
        chosen = re.search(r'<option selected value="([^"]*)"|<option value="([^"]*)" selected', body)
        form[name] = next((g for g in chosen.groups() if g), "") if chosen else ""
    return {k: __import__("html").unescape(v) for k, v in form.items()}


def test_editor_shows_parsed_fields_beside_their_sources(client, candidate, parsed_resume):
    parsed_resume()
    page = client.get("/me/profile/edit", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert 'value="张小明"' in page and "姓名：张小明" in page
    assert "2016.09 - 2020.06 浙江大学 计算机 本科" in page
    assert 'value="浙江大学"' in page


def test_correct_reorder_and_confirm(client, candidate, parsed_resume):
    resume = parsed_resume()
    form = _editor_form(client.get("/me/profile/edit").get_data(as_text=True))
    assert form["education-0-institution"] == "浙江大学"
    form["name"] = "张晓明"  # corrected
    form["op"] = "education-0-down"
    page = client.post("/me/profile/edit", data=form).get_data(as_text=True)
    form = _editor_form(page)
    assert form["education-0-institution"] == "杭州第二中学" and form["education-1-institution"] == "浙江大学"
    assert form["name"] == "张晓明"
    form["op"] = "work-add"
    form = _editor_form(client.post("/me/profile/edit", data=form).get_data(as_text=True))
    assert "work-1-name" in form
    form["work-1-name"] = "Acme"
    form["work-1-start_date"] = "2019.07"
    form["work-1-end_date"] = "2020年6月"
    form["op"] = "confirm"
    response = client.post("/me/profile/edit", data=form)
    assert response.status_code == 302
    profile = db.session.scalars(select(Profile).where(Profile.user_id == candidate.id)).one()
    assert profile.status == "confirmed" and profile.confirmed_dt is not None
    assert profile.source_resume_id == resume.id
    assert profile.name == "张晓明"
    assert [e.institution for e in profile.education] == ["杭州第二中学", "浙江大学"]
    assert [(w.name, w.start_date, w.end_date) for w in profile.work] == [
        ("杭州云图科技", "2020-07", None), ("Acme", "2019-07", "2020-06")]
    assert [s.name for s in profile.skills] == ["Python", "Redis"]
    assert profile.email_index == blind_index("xiaoming@example.com", "email")
    assert profile.phone_index == blind_index("+8613800138000", "phone")
    raw = db.session.execute(db.text("SELECT email, phone, birth_date FROM profiles")).one()
    assert "xiaoming" not in raw.email and "138" not in raw.phone and "1998" not in raw.birth_date
    # coming back later: the confirmed profile is there
    page = client.get("/me/profile", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Confirmed" in page and "张晓明" in page


def test_remove_an_entry(client, candidate, parsed_resume):
    parsed_resume()
    form = _editor_form(client.get("/me/profile/edit").get_data(as_text=True))
    form["op"] = "education-1-remove"
    form = _editor_form(client.post("/me/profile/edit", data=form).get_data(as_text=True))
    assert "education-1-institution" not in form and form["education-0-institution"] == "浙江大学"


def test_build_the_profile_by_hand_without_a_resume(client, candidate):
    page = client.get("/me/profile/edit").get_data(as_text=True)
    form = _editor_form(page)
    form.update({"name": "Jane Doe", "phone": "138 0013 8000", "email": "Jane@Example.COM", "op": "education-add"})
    form = _editor_form(client.post("/me/profile/edit", data=form).get_data(as_text=True))
    form.update({"education-0-institution": "University of Leeds", "education-0-study_type": "Bachelor",
                 "education-0-start_date": "2014", "education-0-end_date": "2017", "op": "save"})
    assert client.post("/me/profile/edit", data=form).status_code == 302
    profile = db.session.scalars(select(Profile).where(Profile.user_id == candidate.id)).one()
    assert (profile.status, profile.phone, profile.email) == ("draft", "+8613800138000", "Jane@example.com")
    assert profile.source_resume_id is None
    assert profile.education[0].study_type == "Bachelor"


@pytest.mark.parametrize(("field", "value", "message"), [
    ("email", "not-an-email", "Enter an e-mail address"),
    ("phone", "12345", "Enter a valid phone number"),
    ("birth_date", "May 98", "Use a date like 2019"),
    ("birth_date", "2019-02-30", "Use a date like 2019"),
    ("name", "x" * 101, "too long"),
    ("education-0-end_date", "2010", "The end date is before the start date"),
    ("education-0-institution", "", "Enter the school"),
])
def test_invalid_input_gets_a_clear_message_and_nothing_is_saved(client, candidate, parsed_resume, field, value,
                                                                  message):
    parsed_resume()
    form = _editor_form(client.get("/me/profile/edit").get_data(as_text=True))
    form[field] = value
    form["op"] = "confirm"
    response = client.post("/me/profile/edit", data=form, headers={"Accept-Language": "en"})
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert db.session.scalar(select(Profile).where(Profile.user_id == candidate.id)) is None


def test_a_newer_resume_offers_an_update_and_never_overwrites(client, candidate, parsed_resume):
    first = parsed_resume()
    form = _editor_form(client.get("/me/profile/edit").get_data(as_text=True))
    form["name"] = "张晓明"  # my correction
    form["op"] = "confirm"
    client.post("/me/profile/edit", data=form)

    newer = dict(PARSED, resume=dict(PARSED["resume"], basics=dict(PARSED["resume"]["basics"], name="张小明",
                                                                    location={"city": "上海"}),
                                     work=[{"name": "上海新公司", "position": "架构师", "startDate": "2023-01"}]))
    second = parsed_resume(newer)
    profile = db.session.scalars(select(Profile)).one()
    assert profile.name == "张晓明" and profile.city == "杭州"  # nothing changed by itself
    page = client.get("/me/profile", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert f"/me/profile/update/{second.id}" in page

    page = client.get(f"/me/profile/update/{second.id}", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "上海" in page and "张晓明" in page
    # keep my name, take the new city, combine the work entries
    response = client.post(f"/me/profile/update/{second.id}",
                           data={"take_name": "mine", "take_city": "new", "take_work": "both"})
    assert response.status_code == 200
    form = _editor_form(response.get_data(as_text=True))
    assert form["name"] == "张晓明" and form["city"] == "上海"
    assert [form.get("work-0-name"), form.get("work-1-name")] == ["杭州云图科技", "上海新公司"]
    assert db.session.scalars(select(Profile)).one().city == "杭州"  # still nothing saved
    form["op"] = "confirm"
    client.post("/me/profile/edit", data=form)
    profile = db.session.scalars(select(Profile)).one()
    db.session.refresh(profile)
    assert (profile.name, profile.city, profile.source_resume_id) == ("张晓明", "上海", second.id)
    assert first.id != second.id
    page = client.get("/me/profile").get_data(as_text=True)
    assert "/me/profile/update/" not in page  # the offer is answered


def test_dismissing_the_offer_keeps_the_profile(client, candidate, parsed_resume):
    parsed_resume()
    form = _editor_form(client.get("/me/profile/edit").get_data(as_text=True))
    form["op"] = "confirm"
    client.post("/me/profile/edit", data=form)
    second = parsed_resume(dict(PARSED, resume=dict(PARSED["resume"], basics={"name": "Someone Else"})))
    assert client.post(f"/me/profile/update/{second.id}/dismiss").status_code == 302
    assert db.session.scalars(select(Profile)).one().name == "张小明"
    assert f"/me/profile/update/{second.id}" not in client.get("/me/profile").get_data(as_text=True)


def test_editor_without_javascript_reorders_with_buttons(client, candidate, parsed_resume):
    parsed_resume()
    page = client.get("/me/profile/edit").get_data(as_text=True)
    assert 'name="op" value="education-0-down"' in page and 'name="op" value="education-1-up"' in page
    assert "<script" not in page


def test_after_a_parse_the_page_leads_to_the_editor_or_to_the_update_offer(client, candidate, parsed_resume):
    first = parsed_resume()
    state = client.get(f"/me/resumes/{first.id}/status").get_json()
    assert state["next_url"] == "/me/profile/edit"
    form = _editor_form(client.get("/me/profile/edit").get_data(as_text=True))
    form["op"] = "confirm"
    client.post("/me/profile/edit", data=form)
    second = parsed_resume(dict(PARSED, resume=dict(PARSED["resume"], basics={"name": "New Name"})))
    state = client.get(f"/me/resumes/{second.id}/status").get_json()
    assert state["next_url"] == f"/me/profile/update/{second.id}"


def test_overlong_editor_input_is_refused_field_by_field(client, candidate):
    response = client.post("/me/profile/edit", data={"op": "save", "education-0-institution": "x" * 500},
                           headers={"Accept-Language": "en"})
    assert response.status_code == 400
    assert "field-error" in response.get_data(as_text=True)
