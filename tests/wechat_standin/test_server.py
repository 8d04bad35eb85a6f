"""The stand-in served alone (``python -m wechat_standin``, ``wechat_standin.server``)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest

from core.config import ROOT, WECHAT_STANDIN_CREDENTIALS
from wechat_standin.server import create_app

pytestmark = pytest.mark.no_db


@pytest.fixture
def standalone():
    return create_app(environ={})


def test_serves_only_the_stand_in(standalone):
    endpoints = {rule.endpoint for rule in standalone.url_map.iter_rules()}
    assert endpoints - {"static"}
    assert all(e.startswith("wechat_standin.") for e in endpoints - {"static"})
    assert standalone.test_client().get("/").status_code == 404


def test_reads_app_credentials_from_the_environment():
    app = create_app(environ={"WECHAT_WEB_APPID": "wxprofile00000001", "WECHAT_WEB_SECRET": "s3cret-profile",
                              "WECHAT_STANDIN_REDIRECT_DOMAINS": "portal.test"})
    client = app.test_client()
    body = json.loads(client.get("/_wechat/sns/oauth2/access_token", query_string={
        "appid": WECHAT_STANDIN_CREDENTIALS["WECHAT_WEB_APPID"], "secret": "x", "code": "c",
        "grant_type": "authorization_code"}).data.decode())
    assert body["errcode"] == 40013  # the development appid is no longer known
    page = client.get("/_wechat/connect/qrconnect?" + urlencode({
        "appid": "wxprofile00000001", "redirect_uri": "https://portal.test/cb", "response_type": "code",
        "scope": "snsapi_login", "state": "s"}))
    assert page.status_code == 200


def test_full_flow_with_csrf_on(standalone):
    client = standalone.test_client()
    page = client.get("/_wechat/connect/qrconnect?" + urlencode({
        "appid": WECHAT_STANDIN_CREDENTIALS["WECHAT_WEB_APPID"], "redirect_uri": "http://127.0.0.1:5000/cb",
        "response_type": "code", "scope": "snsapi_login", "state": "s1"}), headers={"Accept-Language": "en"})
    html = page.get_data(as_text=True)
    assert "Sign in with WeChat" in html
    flow = re.search(r'name="flow" type="hidden" value="([^"]+)"', html).group(1)
    csrf = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)
    assert client.post("/_wechat/connect/confirm", data={"flow": flow, "persona": "zhangsan",
                                                         "approve": "Allow"}).status_code == 400
    response = client.post("/_wechat/connect/confirm", data={"flow": flow, "persona": "zhangsan", "approve": "Allow",
                                                             "csrf_token": csrf})
    assert response.status_code == 302
    assert response.headers["Location"].startswith("http://127.0.0.1:5000/cb?code=")
    assert "form-action" not in response.headers["Content-Security-Policy"]  # the redirect leaves this origin
    code = parse_qs(urlsplit(response.headers["Location"]).query)["code"][0]
    token = client.get("/_wechat/sns/oauth2/access_token", query_string={
        "appid": WECHAT_STANDIN_CREDENTIALS["WECHAT_WEB_APPID"],
        "secret": WECHAT_STANDIN_CREDENTIALS["WECHAT_WEB_SECRET"], "code": code,
        "grant_type": "authorization_code"})
    assert token.headers["Content-Type"] == "text/plain"
    assert "access_token" in json.loads(token.data.decode("utf-8"))


def test_pages_default_to_chinese(standalone):
    page = standalone.test_client().get("/_wechat/connect/qrconnect?" + urlencode({
        "appid": WECHAT_STANDIN_CREDENTIALS["WECHAT_WEB_APPID"], "redirect_uri": "http://localhost/cb",
        "response_type": "code", "scope": "snsapi_login", "state": "s1"}))
    assert "微信登录" in page.get_data(as_text=True)


def test_python_dash_m_has_a_command_line():
    result = subprocess.run([sys.executable, "-m", "wechat_standin", "--help"], cwd=ROOT, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0 and "--port" in result.stdout
