"""Words, sentences and English syllables: CMUdict first, pyphen after, no nltk."""

from __future__ import annotations

import pyphen
import pytest

from consent_service.readability.counting import (
    cmudict_syllables,
    english_syllables,
    split_words,
)
from consent_service.readability.normalise import normalise
from tests.unit.readability.fresh import run_fresh


def test_cmudict_is_used_where_pyphen_would_count_wrong():
    # pyphen finds no hyphenation point in "fire"; CMUdict says F AY1 ER0: two syllables
    assert len(pyphen.Pyphen(lang="en_US").positions("fire")) + 1 == 1
    assert english_syllables("fire") == 2


@pytest.mark.parametrize(
    ("word", "syllables"),
    [
        ("hospital", 3),  # CMUdict
        ("Registries", 3),  # CMUdict, any case
        ("don't", 1),  # CMUdict keeps apostrophes
        ("don’t", 1),  # typographic apostrophe
        ("organisation", 5),  # British spelling found as "organization"
        ("paediatric", 4),  # British spelling found as "pediatric"
        ("well-being", 3),  # hyphenated: the sum of its parts
        ("pseudonymised", 4),  # not in CMUdict: pyphen says 1, the vowel-group floor 4
        ("GDPR", 4),  # an acronym is spelt out
        ("ERNs", 3),
        ("2026", 4),  # one syllable a digit
    ],
)
def test_english_syllables(word, syllables):
    assert english_syllables(word) == syllables


def test_cmudict_loads_once_per_process():
    assert cmudict_syllables() is cmudict_syllables()
    assert cmudict_syllables()["fire"] == 2


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("well-being matters", ["well-being", "matters"]),
        ("don't stop", ["don't", "stop"]),
        ("Ärztin für Kinder", ["Ärztin", "für", "Kinder"]),
        ("Art. 9(2)(a)", ["Art", "9", "2", "a"]),
    ],
)
def test_split_words_is_unicode_aware_and_keeps_hyphenated_words(text, words):
    assert split_words(text) == words


def test_an_abbreviation_is_one_word():
    assert split_words(normalise("Scans, e.g. X-rays.")) == ["Scans", "e\u2024g", "X-rays"]


def test_scoring_english_imports_neither_nltk_nor_textstat():
    code = (
        "import sys\n"
        "from consent_service.readability import score_text\n"
        "score_text('Your doctor asks for advice. You decide.', 'en')\n"
        "print(sorted(m for m in ('nltk', 'textstat') if m in sys.modules))\n"
    )
    assert run_fresh(code) == "[]"
