"""Security reference 5.C, e-mail: a quoted local part (RFC 5321 allows ``"a b"@x.com``) is
refused by the profile editor's address pattern, a choice: no mail provider a candidate
uses hands them one, and quotes in an address are a header and template hazard."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from core.db import db
from resumes.models import Profile


@pytest.mark.parametrize("value", ['"a b"@x.com', '"ab"@x.com', '"a@b"@x.com', 'a"b@x.com'])
@pytest.mark.parametrize(("language", "message"), [
    ("en", "Enter an e-mail address like name@example.com."),
    ("zh-CN", "请输入电子邮箱地址，例如 name@example.com。"),
])
def test_quoted_local_part_is_refused_with_the_translated_message(client, candidate, value, language, message):
    response = client.post("/me/profile/edit", data={"op": "save", "name": "王小明", "email": value},
                           headers={"Accept-Language": language})
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert db.session.scalar(select(Profile).where(Profile.user_id == candidate.id)) is None


def test_the_same_address_without_quotes_is_kept(client, candidate):
    response = client.post("/me/profile/edit", data={"op": "save", "name": "王小明", "email": "a.b@x.com"})
    assert response.status_code == 302
    assert db.session.scalars(select(Profile).where(Profile.user_id == candidate.id)).one().email == "a.b@x.com"
