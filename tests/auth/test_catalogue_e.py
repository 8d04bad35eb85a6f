"""Security reference 5.E: the per-IP limit on verifying codes (the send limit is in
test_csrf_and_limits.py)."""

from __future__ import annotations

from tests.auth.test_csrf_and_limits import limited_app  # noqa: F401 - the fixture


def test_per_ip_verify_limit(limited_app, sms_outbox):  # noqa: F811
    app = limited_app()
    with app.app_context():
        statuses = []
        for i in range(5):
            client = app.test_client()  # a new browser each time, same IP
            statuses.append(client.post("/auth/sms/verify", data={"phone": f"1380013800{i}", "code": "123456"},
                                        environ_base={"REMOTE_ADDR": "203.0.113.8"}).status_code)
        assert statuses == [400, 400, 400, 400, 429]  # RATELIMIT_SMS_VERIFY = "4/hour" in that fixture
        other_ip = app.test_client().post("/auth/sms/verify", data={"phone": "13900139000", "code": "123456"},
                                          environ_base={"REMOTE_ADDR": "198.51.100.10"})
        assert other_ip.status_code == 400
