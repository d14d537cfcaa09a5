"""POST /api/v1/readability: scores for any text, problem+json for every kind of bad input."""

from __future__ import annotations

import json

import pytest

from consent_service.api.models import SCOPES
from tests import factories

URL = "/api/v1/readability"


@pytest.fixture
def auth(app):
    return {"Authorization": "Bearer " + factories.api_key("consent:verify")}


def test_scores_a_text(client, auth):
    text = "Your doctor wants advice. Specialists in other countries will discuss your case."
    response = client.post(URL, json={"text": text, "language": "en-GB"}, headers=auth)
    assert response.status_code == 200
    assert response.json == {
        "language": "en",
        "scores": {"flesch_reading_ease": 66.8, "flesch_kincaid_grade": 5.4},
        "checks": [
            {
                "metric": "flesch_reading_ease",
                "score": 66.8,
                "threshold": 60.0,
                "direction": "min",
                "passed": True,
            },
            {
                "metric": "flesch_kincaid_grade",
                "score": 5.4,
                "threshold": 8.0,
                "direction": "max",
                "passed": True,
            },
        ],
        "passed": True,
        "words": 12,
        "sentences": 2,
        "reading_time_minutes": 1,
        "hardest_sentences": [
            "Specialists in other countries will discuss your case.",
            "Your doctor wants advice.",
        ],
    }


@pytest.mark.parametrize("scope", SCOPES)
def test_any_scope_may_call(client, scope):
    headers = {"Authorization": "Bearer " + factories.api_key(scope)}
    response = client.post(URL, json={"text": "Go home.", "language": "de"}, headers=headers)
    assert response.status_code == 200
    assert [check["metric"] for check in response.json["checks"]] == [
        "amstad",
        "wiener_sachtextformel",
    ]


def test_without_a_key_is_401(client):
    response = client.post(URL, json={"text": "Go home.", "language": "en"})
    assert response.status_code == 401
    assert response.mimetype == "application/problem+json"


def test_a_text_of_100_kb_is_scored_although_the_app_limit_is_64_kib(client, auth):
    text = ("Go home. " * 12_000)[:102_400]
    response = client.post(URL, json={"text": text, "language": "en"}, headers=auth)
    assert response.status_code == 200
    assert response.json["words"] > 20_000


def test_a_greek_text_of_100_kb_escaped_as_json_is_scored(client, auth):
    text = ("Πάμε σπίτι. " * 5_000)[:51_200]  # 2 bytes a letter, 6 bytes escaped
    assert len(text.encode("utf-8")) <= 102_400
    body = json.dumps({"text": text, "language": "el"})  # ensure_ascii: \u03a0...
    response = client.post(URL, data=body, headers={**auth, "Content-Type": "application/json"})
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("body", "slug", "field"),
    [
        ({"text": "Go home.", "language": "tlh"}, "unsupported-language", "language"),
        ({"text": "Go home.", "language": "en_"}, "unsupported-language", "language"),
        ({"text": "Go home.", "language": "../../etc"}, "unsupported-language", "language"),
        ({"text": "Go home.", "language": ""}, "unsupported-language", "language"),
        ({"text": "Go home.", "language": "e" * 40}, "unsupported-language", "language"),
        ({"text": "Go home.", "language": 7}, "unsupported-language", "language"),
        ({"text": "Go home."}, "unsupported-language", "language"),
        ({"text": "", "language": "en"}, "empty-text", "text"),
        ({"text": " \n\t ", "language": "en"}, "empty-text", "text"),
        ({"text": "...!? 12 345", "language": "en"}, "empty-text", "text"),
        ({"text": "- \n* \n1. ", "language": "en"}, "empty-text", "text"),
        ({"text": 42, "language": "en"}, "invalid-text", "text"),
        ({"text": ["Go home."], "language": "en"}, "invalid-text", "text"),
        ({"text": None, "language": "en"}, "invalid-text", "text"),
        ({"language": "en"}, "invalid-text", "text"),
        ({"text": "x" * 102_401, "language": "en"}, "text-too-long", "text"),
        ({"text": "é" * 51_201, "language": "en"}, "text-too-long", "text"),
    ],
)
def test_bad_input_is_a_400_problem(client, auth, body, slug, field):
    response = client.post(URL, json=body, headers=auth)
    assert response.status_code == 400, response.json
    assert response.mimetype == "application/problem+json"
    assert response.json["type"].endswith("/" + slug)
    assert field in response.json["errors"]


def test_an_unknown_language_names_the_supported_codes(client, auth):
    response = client.post(URL, json={"text": "Go.", "language": "tlh"}, headers=auth)
    detail = response.json["detail"]
    for code in ("bg", "de", "en", "ga", "mt", "uk"):
        assert code in detail


@pytest.mark.parametrize(
    ("data", "content_type", "slug"),
    [
        ("not json", "application/json", "malformed-json"),
        ('["text"]', "application/json", "malformed-json"),
        ('{"text": "Go.", "language": "en"}', "text/plain", "malformed-json"),
        ('{"text": "Go.", "language": "en", "extra": 1}', "application/json", "invalid-request"),
        ('{"text": "\\ud800 Go home.", "language": "en"}', "application/json", "invalid-text"),
    ],
)
def test_malformed_bodies_are_400_problems(client, auth, data, content_type, slug):
    response = client.post(URL, data=data, headers={**auth, "Content-Type": content_type})
    assert response.status_code == 400
    assert response.json["type"].endswith("/" + slug)


def test_a_body_over_the_route_limit_is_a_400_not_a_500(client, auth):
    body = json.dumps({"text": "x" * 700_000, "language": "en"})
    response = client.post(URL, data=body, headers={**auth, "Content-Type": "application/json"})
    assert response.status_code == 400
    assert response.json["type"].endswith("/text-too-long")


def test_other_api_routes_keep_the_64_kib_limit(client):
    headers = {
        "Authorization": "Bearer " + factories.api_key("consent:request"),
        "Content-Type": "application/json",
    }
    body = json.dumps({"patient_ref": "P1", "hospital": "x" * 70_000})
    response = client.post("/api/v1/consent-requests", data=body, headers=headers)
    assert response.status_code == 413
