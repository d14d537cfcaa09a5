"""Syllables per language: pyphen where it has a dictionary, floored by spelling rules."""

from __future__ import annotations

import pyphen
import pytest

from consent_service.readability.counting import SYLLABLE_COUNTERS, syllable_counter
from consent_service.readability.syllables import RULES, hyphenator
from consent_service.readability.thresholds import supported_languages


def test_every_language_has_a_syllable_counter():
    assert set(SYLLABLE_COUNTERS) == supported_languages()


@pytest.mark.parametrize(
    ("language", "dictionary"), [(lang, rule.pyphen) for lang, rule in RULES.items()]
)
def test_pyphen_dictionaries_exist_where_used(language, dictionary):
    if dictionary is None:
        return
    assert dictionary in pyphen.LANGUAGES, language


def test_pyphen_has_no_dictionary_for_finnish_irish_maltese():
    assert not {"fi", "ga", "mt"} & set(pyphen.LANGUAGES)
    assert RULES["fi"].pyphen is RULES["ga"].pyphen is RULES["mt"].pyphen is None


@pytest.mark.parametrize(
    ("language", "word", "syllables"),
    [
        ("de", "Fachleute", 3),  # eu is one vowel
        ("de", "Situation", 5),  # pyphen says Si-tua-ti-on (4); the spelling floor says 5
        ("de", "bleibt", 1),
        ("de", "DSGVO", 5),  # an acronym is spelt out
        ("nl", "ziekenhuis", 3),
        ("nl", "geïnformeerd", 4),  # the diaeresis starts a syllable
        ("es", "leer", 2),  # two strong vowels: hiatus, which pyphen does not split
        ("es", "día", 2),
        ("es", "quiere", 2),
        ("fr", "personne", 2),  # final mute e is not spoken
        ("fr", "données", 2),
        ("it", "ospedale", 4),  # pyphen leaves out the first point: ospe-da-le
        ("pt", "saúde", 3),
        ("pt", "não", 1),
        ("pl", "nie", 1),  # i only softens the consonant
        ("pl", "specjalistów", 4),
        ("cs", "vlk", 1),  # syllabic l
        ("cs", "Petr", 2),  # syllabic r at the end
        ("cs", "souhlas", 2),  # ou is one vowel
        ("sk", "informácie", 4),  # ie is one vowel
        ("hr", "prst", 1),  # syllabic r
        ("sl", "trg", 1),
        ("hu", "idea", 3),  # one vowel letter, one syllable
        ("uk", "лікарня", 3),  # pyphen splits "лі-ка-р-ня"; vowel letters say 3
        ("uk", "моя", 2),
        ("bg", "информация", 5),
        ("el", "Ευρώπης", 3),
        ("fi", "haluaa", 3),  # ha-lu-aa: long vowel
        ("fi", "suomalainen", 4),  # suo-ma-lai-nen: uo is a diphthong in the first syllable
        ("fi", "korkea", 3),  # e-a is not a diphthong
        ("fi", "maailma", 3),  # maa-il-ma
        ("ga", "sláinte", 2),  # vowel clusters spell one vowel
        ("mt", "informazzjoni", 5),
        ("sv", "bestämmer", 3),
        ("da", "bestemmer", 3),
        ("et", "haigla", 2),
        ("lv", "slimnīca", 3),
        ("lt", "ligoninė", 4),
        ("ro", "spital", 2),
        ("de", "2026", 4),  # one syllable a digit, as for English
        ("de", "Daten-Schutz", 3),  # hyphenated: the sum of its parts
    ],
)
def test_syllables(language, word, syllables):
    assert syllable_counter(language)(word) == syllables


def test_hyphenators_load_once_per_process():
    assert hyphenator("de_DE") is hyphenator("de_DE")
