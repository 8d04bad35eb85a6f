"""Security reference 5.H (CSRF), over every route of the app: each state-changing
endpoint refuses a POST without the token (even for a signed-in user with the right
role), and none of the POST-only endpoints can be reached with a GET."""

from __future__ import annotations

import pytest

from core.access import PUBLIC, SIGNED_IN
from tests.core.test_access import EXPECTED_RULES, _example_path


def _writing_endpoints(app):
    return sorted({rule.endpoint for rule in app.url_map.iter_rules()
                   if rule.methods - {"GET", "HEAD", "OPTIONS"}})


def _sign_in_for(endpoint, create_user, login):
    rule = EXPECTED_RULES[endpoint]
    if rule == PUBLIC:
        return None
    user = create_user(role="candidate" if rule == SIGNED_IN else rule[0])
    login(user)
    return user


@pytest.fixture
def writing_endpoints(app):
    return _writing_endpoints(app)


def test_every_writing_endpoint_is_known(app, writing_endpoints):
    assert len(writing_endpoints) >= 40 and set(writing_endpoints) <= set(EXPECTED_RULES)


def test_every_writing_endpoint_refuses_a_post_without_csrf_token(app, client, csrf_enabled, create_user, login,
                                                                  writing_endpoints):
    refused = {}
    for endpoint in writing_endpoints:
        _sign_in_for(endpoint, create_user, login)
        path, _methods = _example_path(app, endpoint)
        for body in ({"agree": "y", "approve": "Allow"}, "text/plain body"):
            kwargs = {"data": body} if isinstance(body, dict) else {"data": body, "content_type": "text/plain"}
            response = client.post(path, headers={"Accept-Language": "en"}, **kwargs)
            refused[(endpoint, type(body).__name__)] = response.status_code
            if response.status_code == 400 and endpoint != "wechat_standin.confirm":
                assert "Your form expired" in response.get_data(as_text=True)
    assert {key: code for key, code in refused.items() if code != 400} == {}


def test_post_only_endpoints_answer_get_with_405(app, client, create_user, login):
    """A GET to a writing URL changes nothing (405); where the same URL has a separate
    GET view (``/me/resumes`` lists, POST uploads) that view is another endpoint."""
    readable = {rule.rule for rule in app.url_map.iter_rules() if "GET" in rule.methods}
    checked = 0
    for rule in app.url_map.iter_rules():
        if "GET" in rule.methods or rule.rule in readable:
            continue
        checked += 1
        _sign_in_for(rule.endpoint, create_user, login)
        path, _methods = _example_path(app, rule.endpoint)
        assert client.get(path).status_code == 405, rule.endpoint
    assert checked >= 25
