"""A patient's steps through the signing pages, over HTTP."""

from __future__ import annotations

from urllib.parse import urlsplit

from tests.conftest import csrf_token
from tests.factories import right_answers


def path_of(url: str) -> str:
    """Return the path of an absolute link."""
    return urlsplit(url).path


def quiz_data(html: str, answers: dict[str, str]) -> dict[str, str]:
    data = {f"q_{key}": value for key, value in answers.items()}
    data["csrf_token"] = csrf_token(html)
    return data


def sign_data(html: str, answers: dict[str, str], care="yes", registry="no",
              research_contact="no", role="patient", name="Maria Rossi", **extra) -> dict:
    data = quiz_data(html, answers)
    data.update(care=care, registry=registry, research_contact=research_contact,
                signer_role=role, signer_name=name, confirm="y", **extra)
    return data


def read_and_pass_quiz(client, signing_path: str, request) -> tuple[str, dict]:
    """Open the link, answer the quiz correctly; return the sign page's HTML and the answers."""
    page = client.get(signing_path)
    assert page.status_code == 200, page.status_code
    answers = right_answers(request)
    checked = client.post(signing_path + "/check", data=quiz_data(page.text, answers))
    assert checked.status_code == 200, checked.text
    return checked.text, answers


def sign(client, signing_path: str, request, **choices):
    """Go through the whole journey and return the receipt response."""
    html, answers = read_and_pass_quiz(client, signing_path, request)
    response = client.post(signing_path + "/sign", data=sign_data(html, answers, **choices))
    assert response.status_code == 303, response.text
    return client.get(response.headers["Location"])
