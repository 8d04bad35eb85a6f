from sqlalchemy.exc import OperationalError

from core import app as app_module


def test_healthz_reports_database_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json == {"status": "ok", "database": "ok"}


def test_healthz_returns_503_without_stack_trace_when_database_down(client, monkeypatch):
    monkeypatch.setattr(app_module, "database_ok", lambda: False)
    import core.views

    monkeypatch.setattr(core.views, "database_ok", lambda: False)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json["database"] == "unavailable"
    assert "Traceback" not in response.get_data(as_text=True)


def test_database_error_on_page_gives_503_page(client, monkeypatch):
    import careers.views

    def boom(*args, **kwargs):
        raise OperationalError("SELECT 1", {}, Exception("connection refused"))

    monkeypatch.setattr(careers.views, "search_jobs", boom)
    response = client.get("/jobs", headers={"Accept-Language": "en"})
    assert response.status_code == 503
    assert "Temporarily unavailable" in response.get_data(as_text=True)


def test_404_page_in_english_and_chinese(client):
    response = client.get("/no-such-page", headers={"Accept-Language": "en"})
    assert response.status_code == 404
    assert "Page not found" in response.get_data(as_text=True)
    response = client.get("/no-such-page", headers={"Accept-Language": "zh-CN"})
    assert response.status_code == 404
    assert "页面不存在" in response.get_data(as_text=True)


def test_500_page_has_no_stack_trace(client, monkeypatch):
    import careers.views

    def boom(*args, **kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(careers.views, "search_jobs", boom)
    response = client.get("/jobs", headers={"Accept-Language": "zh-CN"})
    body = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "secret internals" not in body and "Traceback" not in body
    assert "出错了" in body


def test_security_headers_on_every_page(client):
    response = client.get("/jobs")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]


def test_pages_reference_no_external_assets(client, create_job):
    create_job()
    body = client.get("/jobs").get_data(as_text=True)
    for marker in ('src="http', "src='http", 'href="http', "//cdn"):
        assert marker not in body
