"""Error pages in the page's language, problem+json on the API, probes, rate limits, headers."""

import logging

import pytest
from flask import Blueprint, request

from tests import factories


def test_404_page_and_api_problem(client):
    page = client.get("/nowhere")
    assert page.status_code == 404 and "Page not found" in page.text
    assert '<html lang="en"' in page.text
    api = client.get("/api/v1/nowhere")
    assert api.status_code == 404 and api.mimetype == "application/problem+json"
    assert api.json == {"type": api.json["type"], "title": "Page not found", "status": 404,
                        "detail": api.json["detail"]}


def test_405_page_and_api_problem(client):
    page = client.delete("/")
    assert page.status_code == 405 and "Not allowed here" in page.text
    api = client.delete("/api/v1/consent-tokens/verify")
    assert api.status_code == 405 and api.mimetype == "application/problem+json"
    assert "POST" in api.headers["Allow"]


@pytest.fixture
def app_config():
    return {"PROPAGATE_EXCEPTIONS": False}


def test_unexpected_error_is_a_500_page_without_personal_data_in_the_log(app, client, caplog):
    boom = Blueprint("boom", __name__)

    @boom.get("/boom")
    def explode():
        raise RuntimeError(request.args["name"])  # as a failing query would carry its input

    @boom.get("/api/v1/boom")
    def explode_api():
        raise RuntimeError(request.args["name"])

    app.register_blueprint(boom)
    with caplog.at_level(logging.ERROR):
        page = client.get("/boom?name=Maria+Rossi")
        api = client.get("/api/v1/boom?name=Maria+Rossi")
    assert page.status_code == 500 and "Something went wrong on our side" in page.text
    assert api.status_code == 500 and api.mimetype == "application/problem+json"
    assert "RuntimeError" in caplog.text and "Maria Rossi" not in caplog.text


def test_healthz_and_readyz(client):
    assert client.get("/healthz").json == {"status": "ok"}
    assert client.get("/readyz").json == {"status": "ready"}


def test_readyz_is_503_when_the_database_is_unreachable(tmp_path):
    from tests.conftest import TEST_KEYS, make_test_app

    app = make_test_app("sqlite:////nonexistent-dir/never.db", SECRET_KEYS=TEST_KEYS,
                        INSTANCE_PATH=str(tmp_path))
    response = app.test_client().get("/readyz")
    assert response.status_code == 503 and response.mimetype == "application/problem+json"


def test_security_headers_and_no_caching_of_link_pages(client):
    request = factories.consent_request()
    from consent_service.consent.links import signing_url
    from tests.functional.journey import path_of
    page = client.get(path_of(signing_url(request)))
    assert page.headers["Referrer-Policy"] == "no-referrer"
    assert "frame-ancestors 'none'" in page.headers["Content-Security-Policy"]
    assert page.headers["Cache-Control"] == "no-store"
    assert page.headers["X-Content-Type-Options"] == "nosniff"


def test_pages_use_only_local_assets(client):
    page = client.get("/")
    assert "http://" not in page.text.replace('xmlns="http://www.w3.org', "")
    assert "https://" not in page.text
    with client.get("/static/css/app.css") as css:
        assert css.status_code == 200 and "@import" not in css.text


class TestRateLimits:
    @pytest.fixture
    def app_config(self):
        return {"RATELIMIT_ENABLED": True, "RATELIMIT_API": "3 per minute",
                "RATELIMIT_PATIENT_POST": "2 per minute",
                "RATELIMIT_STORAGE_URI": "memory://"}

    def test_api_answers_429_problem_after_the_limit(self, client):
        key = factories.api_key("consent:verify")
        codes = [client.post("/api/v1/consent-tokens/verify", json={"token": "x"},
                             headers={"Authorization": f"Bearer {key}"}).status_code
                 for _ in range(4)]
        assert codes == [200, 200, 200, 429]
        last = client.post("/api/v1/consent-tokens/verify", json={"token": "x"},
                           headers={"Authorization": f"Bearer {key}"})
        assert last.mimetype == "application/problem+json" and last.headers["Retry-After"]

    def test_patient_posts_answer_a_429_page(self, client):
        from consent_service.consent.links import signing_url
        from tests.functional.journey import path_of

        path = path_of(signing_url(factories.consent_request()))
        codes = [client.post(path + "/check").status_code for _ in range(3)]
        assert codes[-1] == 429
        page = client.post(path + "/check")
        assert "Too many attempts" in page.text
        assert client.get(path).status_code == 200  # reading stays open
