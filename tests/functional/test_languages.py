"""Choosing the page language: picker, saved choice, the request's language, Accept-Language."""

import re

import pytest

from consent_service.consent.links import signing_url
from consent_service.i18n import SUPPORTED_LANGUAGES
from tests import factories
from tests.functional.journey import path_of

HTML_LANG = re.compile(r'<html lang="([a-z]+)"')


def page_lang(response) -> str:
    return HTML_LANG.search(response.text).group(1)


@pytest.mark.parametrize("header, expected", [
    ("de-AT", "de"), ("pt-BR", "pt"), ("*", "en"), ("xx", "en"), ("", "en"),
    ("fr;q=0.5, de;q=0.9", "de"), ("zz, sv;q=0.8", "sv"), ("en-GB", "en"), ("EL", "el"),
    ("uk-UA,uk;q=0.9,ru;q=0.8", "uk"), ("ru, *;q=0.5", "en"), ("mt-MT", "mt"),
    ("ga-IE", "ga"), ("x" * 40, "en"), ("de-DE-1996", "de"),
])
def test_accept_language_table(client, header, expected):
    response = client.get("/", headers={"Accept-Language": header})
    assert response.status_code == 200 and page_lang(response) == expected


def test_picker_names_each_language_in_itself_and_never_uses_flags(client):
    html = client.get("/").text
    for code, name in SUPPORTED_LANGUAGES.items():
        assert f'lang="{code}" hreflang="{code}"' in html and name in html
    assert "flag" not in html.lower()
    assert len(SUPPORTED_LANGUAGES) == 25


def test_explicit_choice_wins_and_is_saved(client):
    chosen = client.get("/?lang=pl", headers={"Accept-Language": "de"})
    assert page_lang(chosen) == "pl"
    later = client.get("/", headers={"Accept-Language": "de"})
    assert page_lang(later) == "pl"


def test_unknown_code_shows_english_with_a_notice(client):
    response = client.get("/?lang=xx", headers={"Accept-Language": "de"})
    assert response.status_code == 200 and page_lang(response) == "en"
    assert "This language is not available" in response.text
    malformed = client.get("/?lang=%3Cscript%3E")
    assert malformed.status_code == 200 and "<script>" not in malformed.text


def test_request_language_beats_the_browser_but_not_a_saved_choice(client):
    request = factories.consent_request(language="en")
    path = path_of(signing_url(request))
    assert page_lang(client.get(path, headers={"Accept-Language": "fr"})) == "en"
    client.get("/?lang=it")
    assert page_lang(client.get(path, headers={"Accept-Language": "fr"})) == "it"


def test_picker_on_a_page_answering_a_post_links_back_to_the_signing_page(client):
    from tests.conftest import csrf_token

    request = factories.consent_request()
    path = path_of(signing_url(request))
    page = client.get(path)
    response = client.post(path + "/check", data={"csrf_token": csrf_token(page.text)})
    assert f'href="{path}?lang=de"' in response.text
