"""Every route's access rule is pinned here: adding or changing a route is a visible change."""

import pytest

from core.access import PUBLIC, SIGNED_IN

EXPECTED_RULES = {
    "static": PUBLIC,
    "core.healthz": PUBLIC,
    "core.set_language": PUBLIC,
    "careers.index": PUBLIC,
    "careers.job_list": PUBLIC,
    "careers.job_detail": PUBLIC,
    "careers.apply": ("candidate",),
    "careers.my_applications": ("candidate",),
    "careers.withdraw": ("candidate",),
    "notifications.inbox": SIGNED_IN,
    "notifications.mark_read": SIGNED_IN,
    "recruit.index": ("admin", "recruiter"),
    "recruit.job_new": ("admin", "recruiter"),
    "recruit.job_edit": ("admin", "recruiter"),
    "recruit.job_status": ("admin", "recruiter"),
    "recruit.pipeline": ("admin", "recruiter"),
    "recruit.move": ("admin", "recruiter"),
    "recruit.export": ("admin", "recruiter"),
    "recruit.search": ("admin", "recruiter"),
    "recruit.candidate": ("admin", "recruiter"),
    "recruit.add_note": ("admin", "recruiter"),
    "recruit.resume": ("admin", "recruiter"),
    "recruit.stats": ("admin", "recruiter"),
    "recruit.audit_log": ("admin",),
    "recruit.recruiters": ("admin",),
    "recruit.set_departments": ("admin",),
    "resumes.resume_list": ("candidate",),
    "resumes.upload": ("candidate",),
    "resumes.resume_detail": ("candidate",),
    "resumes.resume_status": ("candidate",),
    "resumes.download": ("candidate",),
    "resumes.delete": ("candidate",),
    "resumes.retry": ("candidate",),
    "resumes.profile": ("candidate",),
    "resumes.profile_edit": ("candidate",),
    "resumes.profile_edit_post": ("candidate",),
    "resumes.profile_update": ("candidate",),
    "resumes.dismiss_update": ("candidate",),
    "auth.login": PUBLIC,
    "auth.sms_send": PUBLIC,
    "auth.sms_verify": PUBLIC,
    "auth.consent": PUBLIC,
    "auth.policy": PUBLIC,
    "auth.wechat_start": PUBLIC,
    "auth.wechat_callback": PUBLIC,
    "auth.staff_login": PUBLIC,
    "auth.staff_totp": PUBLIC,
    "auth.staff_enrol": PUBLIC,
    "auth.logout": SIGNED_IN,
    "auth.account": SIGNED_IN,
    "auth.sign_out_everywhere": SIGNED_IN,
    "auth.bind_phone_send": ("candidate",),
    "auth.bind_phone_verify": ("candidate",),
    "auth.bind_wechat": ("candidate",),
    "auth.unbind": ("candidate",),
    "auth.reauth": ("candidate",),
    "auth.reauth_send": ("candidate",),
    "auth.reauth_verify": ("candidate",),
    "auth.reauth_wechat": ("candidate",),
    # The WeChat stand-in (on in tests): WeChat's own pages and API, open to anyone.
    "wechat_standin.qrconnect": PUBLIC,
    "wechat_standin.authorize": PUBLIC,
    "wechat_standin.confirm": PUBLIC,
    "wechat_standin.avatar": PUBLIC,
    "wechat_standin.access_token": PUBLIC,
    "wechat_standin.refresh_token": PUBLIC,
    "wechat_standin.userinfo": PUBLIC,
    "wechat_standin.auth": PUBLIC,
    # privacy
    "privacy.policy_page": PUBLIC,
    "privacy.policy_version": PUBLIC,
    "privacy.cookies": PUBLIC,
    "privacy.keep": PUBLIC,
    "privacy.cancelled": PUBLIC,
    "privacy.consent": ("candidate",),
    "privacy.withdraw": ("candidate",),
    "privacy.give_resume_consent": ("candidate",),
    "privacy.centre": ("candidate",),
    "privacy.access_log": ("candidate",),
    "privacy.guardian": ("candidate",),
    "privacy.export_start": ("candidate",),
    "privacy.export_status": ("candidate",),
    "privacy.export_download": ("candidate",),
    "privacy.cancel": ("candidate",),
    "privacy.cancel_wechat": ("candidate",),
    "privacy.cancel_wechat_callback": ("candidate",),
    "privacy.cancel_confirm": ("candidate",),
    "privacy.admin_erasures": ("admin",),
}


def _rules(app):
    from core.access import rule_for

    with app.test_request_context():
        return {rule.endpoint: rule_for(rule.endpoint) for rule in app.url_map.iter_rules()}


def test_access_every_route_has_its_pinned_rule(app):
    assert _rules(app) == EXPECTED_RULES


def _example_path(app, endpoint):
    rule = next(r for r in app.url_map.iter_rules() if r.endpoint == endpoint)
    path = rule.rule
    for arg in rule.arguments:
        path = path.replace(f"<int:{arg}>", "1").replace(f"<{arg}>", "x").replace(f"<path:{arg}>", "x")
        for converter in ("string", "uuid"):
            path = path.replace(f"<{converter}:{arg}>", "x")
    return path, rule.methods - {"HEAD", "OPTIONS"}


@pytest.mark.parametrize("endpoint", sorted(e for e, r in EXPECTED_RULES.items() if r != PUBLIC))
def test_access_anonymous_users_are_sent_to_sign_in(app, client, endpoint):
    path, methods = _example_path(app, endpoint)
    for method in methods:
        response = client.open(path, method=method, headers={"Accept": "text/html"})
        if method == "GET":
            assert response.status_code == 302, (endpoint, method)
            assert "/auth/login" in response.headers["Location"]
        else:
            assert response.status_code in (401, 302, 400), (endpoint, method, response.status_code)


@pytest.mark.parametrize("endpoint", sorted(e for e, r in EXPECTED_RULES.items() if isinstance(r, tuple)))
def test_access_wrong_role_is_refused(app, client, create_user, login, endpoint):
    rule = EXPECTED_RULES[endpoint]
    outsider = next(role for role in ("candidate", "recruiter", "admin") if role not in rule)
    login(create_user(role=outsider))
    path, methods = _example_path(app, endpoint)
    for method in methods:
        response = client.open(path, method=method)
        assert response.status_code in (403, 404), (endpoint, method, response.status_code)
