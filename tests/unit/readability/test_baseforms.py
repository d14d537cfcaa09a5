"""Finnish base forms from Voikko: the genuine binding, base-form syllables, the fallback for
words Voikko lacks, one handle used by one thread at a time, and a clear error without it."""

from __future__ import annotations

import logging
import sys
import threading
import time
import types
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import consent_service.readability as readability
from consent_service.readability import (
    AnalyserUnavailable,
    ReadabilityError,
    UnsupportedLanguage,
    baseforms,
    score_text,
)
from consent_service.readability.services import score_file
from consent_service.readability.syllables import counter_for
from tests import factories
from tests.conftest import csrf_token
from tests.unit.readability.voikko import require_voikko
from tests.unit.review.factories import sign_in, staff_member

FINNISH_FORM = Path(__file__).parents[3] / "forms" / "ern-panel-consent" / "1" / "fi.toml"


# --- with Voikko ------------------------------------------------------------------------------


def test_the_binding_is_voikkos_own_and_finds_base_forms():
    require_voikko()
    import libvoikko

    voikko = libvoikko.Voikko("fi")
    try:
        assert [a["BASEFORM"] for a in voikko.analyze("lääkärille")] == ["lääkäri"]
    finally:
        voikko.terminate()


@pytest.mark.parametrize(
    ("word", "base", "syllables"),
    [
        ("lääkärille", "lääkäri", 3),  # lää-kä-ri: inflected, lää-kä-ril-le would be 4
        ("Lääkärisi", "lääkäri", 3),
        ("matkustettiin", "matkustaa", 3),  # Korpela's example: not a long word
        ("tietosuojavastaavalle", "tietosuojavastaava", 7),  # tie-to-suo-ja-vas-taa-va
        ("tietosuojaa", "tietosuoja", 4),  # tie-to-suo-ja: uo opens the compound part "suoja"
        ("yhteistyötä", "yhteistyö", 3),  # yh-teis-työ: yö likewise
        ("erikoislääkäreiltä", "erikoislääkäri", 6),
        ("haluavat", "haluta", 3),  # the first analysis, the verb, not the participle haluava
        ("Euroopan", "Eurooppa", 3),  # Eu-roop-pa: eu is a diphthong, oo a long vowel
        ("maailmaa", "maailma", 3),  # maa-il-ma
    ],
)
def test_syllables_of_the_base_form(word, base, syllables):
    require_voikko()
    counter = baseforms.finnish_base_form_syllables()
    assert counter.base_form(word) == base
    assert counter(word) == syllables


@pytest.mark.parametrize(
    ("word", "syllables"),
    [
        ("pseudonymisoidaan", 6),  # not in Voikko's dictionary: the inflected form, spelled
        ("hospital", 3),  # a {placeholder}'s name
        ("ERN", 3),  # unknown acronym: spelt out, E-R-N
        ("EU", 2),  # known acronym, base form EU: spelt out too
        ("26", 2),  # a number: one syllable a digit, as in every language
    ],
)
def test_words_voikko_lacks_are_counted_as_written(word, syllables):
    require_voikko()
    counter = baseforms.finnish_base_form_syllables()
    assert counter(word) == syllables == counter_for("fi")(word)


def test_the_process_keeps_one_counter_and_one_handle():
    require_voikko()
    first = baseforms.finnish_base_form_syllables()
    assert baseforms.finnish_base_form_syllables() is first


# --- one thread at a time in Voikko ---------------------------------------------------------


class OneAtATime:
    """A stand-in for a Voikko handle that notes when two threads are inside it at once."""

    def __init__(self) -> None:
        self.inside = 0
        self.most = 0
        self.calls = 0
        self._count = threading.Lock()

    def _enter(self) -> None:
        with self._count:
            self.inside += 1
            self.calls += 1
            self.most = max(self.most, self.inside)
        time.sleep(0.0005)  # long enough for another thread to walk in, were it let in
        with self._count:
            self.inside -= 1

    def analyze(self, word):
        self._enter()
        return [{"BASEFORM": word.lower() + "kka"}]  # every base form one syllable longer

    def getHyphenationPattern(self, word):  # noqa: N802 - Voikko's name
        self._enter()
        return " " * len(word)  # no breaks: one syllable, whatever the word


def test_calls_into_the_handle_never_overlap():
    handle = OneAtATime()
    counter = baseforms.BaseFormSyllables(handle, counter_for("fi"))
    words = [f"sana{i}" for i in range(300)]  # all different, so the cache does not hide calls
    with ThreadPoolExecutor(max_workers=16) as pool:
        first = list(pool.map(counter, words))
        calls = handle.calls
        again = list(pool.map(counter, words))
    assert first == again == [1] * 300
    assert handle.most == 1
    assert calls == 600  # analyse and hyphenate once per word
    assert handle.calls == calls  # the second time, every word comes from the cache


# --- without Voikko -------------------------------------------------------------------------


@pytest.fixture
def no_voikko(monkeypatch):
    """Pretend the libvoikko package is not installed, with no handle opened yet."""
    monkeypatch.setattr(baseforms, "_LOADED", {})
    monkeypatch.setitem(sys.modules, "libvoikko", None)  # importing it raises ImportError


def _fake_libvoikko(monkeypatch, error) -> None:
    """Install a libvoikko whose Voikko("fi") raises error(module)."""
    module = types.ModuleType("libvoikko")

    class VoikkoException(Exception):
        pass

    def voikko(language):
        raise error(module)

    module.Voikko = voikko
    module.VoikkoException = VoikkoException
    monkeypatch.setattr(baseforms, "_LOADED", {})
    monkeypatch.setitem(sys.modules, "libvoikko", module)


def test_finnish_without_voikko_is_a_clear_error_not_another_formula(no_voikko):
    with pytest.raises(AnalyserUnavailable) as raised:
        score_text("Lääkärisi kysyy neuvoa. Päätät itse.", "fi")
    error = raised.value
    assert isinstance(error, UnsupportedLanguage) and isinstance(error, ReadabilityError)
    assert error.language == "fi"
    message = str(error)
    assert "Voikko" in message and "libvoikko1" in message and "voikko-fi" in message
    assert "libvoikko" in error.reason


def test_a_missing_c_library_is_named(monkeypatch):
    _fake_libvoikko(monkeypatch, lambda module: OSError("libvoikko.so.1: cannot open"))
    with pytest.raises(AnalyserUnavailable, match="C library libvoikko cannot be loaded"):
        score_text("Päätät itse.", "fi")


def test_a_missing_finnish_dictionary_is_named(monkeypatch):
    _fake_libvoikko(monkeypatch, lambda module: module.VoikkoException("no such dictionary"))
    with pytest.raises(AnalyserUnavailable, match="no Finnish dictionary"):
        score_text("Päätät itse.", "fi")


def test_once_installed_voikko_is_used_without_a_restart(monkeypatch):
    require_voikko()
    real = sys.modules["libvoikko"]
    monkeypatch.setattr(baseforms, "_LOADED", {})
    monkeypatch.setitem(sys.modules, "libvoikko", None)
    with pytest.raises(AnalyserUnavailable):
        score_text("Päätät itse.", "fi")
    monkeypatch.setitem(sys.modules, "libvoikko", real)
    assert score_text("Päätät itse.", "fi").scores == {"wiio": 2.7}


def test_other_languages_do_not_need_voikko(no_voikko):
    assert score_text("Din läkare vill ha råd. Du bestämmer själv.", "sv").scores == {"lix": 16.5}


def test_the_form_check_reports_every_finnish_part_as_unscored(no_voikko):
    parts = score_file(FINNISH_FORM)
    assert parts and all(part.result is None for part in parts)
    assert all("Voikko" in part.error for part in parts)


def test_preload_logs_a_missing_voikko_and_the_app_still_starts(no_voikko, caplog):
    with caplog.at_level(logging.WARNING, logger="consent_service.readability"):
        readability.preload()
    assert any("Voikko" in record.getMessage() for record in caplog.records)


def test_the_api_answers_503_without_voikko(client, no_voikko):
    auth = {"Authorization": "Bearer " + factories.api_key("consent:verify")}
    response = client.post(
        "/api/v1/readability", json={"text": "Päätät itse.", "language": "fi"}, headers=auth
    )
    assert response.status_code == 503
    assert response.mimetype == "application/problem+json"
    assert "Voikko" not in response.text  # the operator reads it in the log, not the caller


def test_the_authoring_page_answers_503_without_voikko(client, no_voikko):
    sign_in(client, staff_member())
    page = client.get("/authoring/readability")
    response = client.post(
        "/authoring/readability",
        data={"csrf_token": csrf_token(page.text), "text": "Päätät itse.", "language": "fi"},
    )
    assert response.status_code == 503
