"""Security reference 5.F/5.G: the post-login ``next`` survives the WeChat round trip
only as a local path (it is kept in the session, never sent to WeChat)."""

from __future__ import annotations

from urllib.parse import urlencode, urlsplit

import pytest

from tests.auth.conftest import query
from tests.auth.test_accounts import BAD_NEXT


@pytest.mark.parametrize("target", BAD_NEXT)
def test_wechat_sign_in_refuses_off_site_next(client, wechat, target):
    client.get("/auth/login?" + urlencode({"next": target}))
    location = wechat.sign_in().headers["Location"]
    parts = urlsplit(location)
    assert parts.netloc in ("", "localhost") and parts.path == "/", location


def test_next_is_not_passed_through_wechat(client, wechat):
    client.get("/auth/login?" + urlencode({"next": "/jobs?page=2"}))
    start = client.get("/auth/wechat/start")
    sent = query(start.headers["Location"])
    assert "jobs" not in start.headers["Location"] and "page" not in sent["redirect_uri"][0]
