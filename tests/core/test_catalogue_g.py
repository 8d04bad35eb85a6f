"""Security reference 5.G (open redirect) on every ``next=`` sink outside sign-in (the
sign-in's own are in tests/auth/test_accounts.py): ``core.urls.safe_next``, the language
switch and the privacy-policy consent.  "Refused" means what a browser would do with the
Location: it must stay on this site, with no control character or backslash in it."""

from __future__ import annotations

from urllib.parse import urlencode, urljoin, urlsplit

import pytest

from core.db import db
from core.urls import safe_next
from tests.auth.test_accounts import BAD_NEXT

SITE = "https://careers.example.test/"
GOOD = ["/view/?param=http://example.com", "/url%20with%20spaces/", "/jobs?page=2"]


def _stays_here(location: str) -> bool:
    resolved = urlsplit(urljoin(SITE, location))
    return (resolved.scheme, resolved.netloc) == ("https", "careers.example.test") and not any(
        ch in location for ch in "\\\x00\t\r\n\x08")


@pytest.mark.parametrize("target", BAD_NEXT)
def test_safe_next_never_leaves_the_site(target):
    assert _stays_here(safe_next(target, "/"))
    assert safe_next(target, "/") == "/" or safe_next(target, "/").startswith("/%")  # refused, or a harmless path


@pytest.mark.parametrize("target", GOOD)
def test_safe_next_keeps_local_paths(target):
    assert safe_next(target) == target
    assert safe_next("path/http:2222222222") == "/"  # relative: refused too, only absolute paths are followed


@pytest.mark.parametrize("target", BAD_NEXT)
def test_language_switch_never_redirects_off_site(client, target):
    response = client.get("/lang/en?" + urlencode({"next": target}))
    assert response.status_code == 302 and _stays_here(response.headers["Location"]), response.headers["Location"]


@pytest.mark.parametrize("target", BAD_NEXT)
def test_privacy_consent_never_redirects_off_site(client, create_user, login, target):
    login(create_user(role="candidate"))
    db.session.commit()
    response = client.post("/privacy/consent?" + urlencode({"next": target}), data={"agree": "y"})
    assert response.status_code == 302 and _stays_here(response.headers["Location"]), response.headers["Location"]


def test_privacy_consent_follows_a_local_next(client, create_user, login):
    login(create_user(role="candidate"))
    response = client.post("/privacy/consent?" + urlencode({"next": "/jobs?page=2"}), data={"agree": "y"})
    assert response.headers["Location"] == "/jobs?page=2"
