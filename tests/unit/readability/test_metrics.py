"""Each language's formula against values computed by hand, from counts and from real text."""

from __future__ import annotations

import dataclasses

import pytest

from consent_service.readability import METRICS, score_text
from consent_service.readability.counting import Counts
from consent_service.readability.syllables import counter_for
from tests.unit.readability.voikko import require_voikko

# 2 sentences, 20 words, 30 syllables, 100 letters; 4 words over six letters; 5 words of 3+
# syllables, 12 of one, 2 of 4+; 16 different words; 3 words whose base form has 4+ syllables.
# So ASL = 10, ASW = 1.5, % long = 20, % 3+ syllables = 25, % one syllable = 60, % 4+
# syllables = 10, distinct/all = 0.8, % long base forms = 15.
COUNTS = Counts(
    sentences=2,
    words=20,
    syllables=30,
    letters=100,
    long_words=4,
    polysyllables=5,
    monosyllables=12,
    hard_words=2,
    distinct_words=16,
    long_base_forms=3,
)

BY_HAND = {
    "flesch_reading_ease": 206.835 - 10.15 - 126.9,  # 69.785
    "flesch_kincaid_grade": 3.9 + 17.7 - 15.59,  # 6.01
    "amstad": 180 - 10 - 87.75,  # 82.25
    # 0.1935·25 + 0.1672·10 + 0.1297·20 - 0.0327·60 - 0.875 = 4.8375 + 1.672 + 2.594 - 1.962
    # - 0.875
    "wiener_sachtextformel": 6.2665,
    "szigriszt_pazos": 206.835 - 93.45 - 10,  # 103.385
    "gulpease": 89 + (600 - 1000) / 20,  # 69: letters, not characters
    "kandel_moles": 207 - 10.15 - 110.4,  # 86.45
    "flesch_douma": 206.835 - 9.3 - 115.5,  # 82.035
    "flesch_martins": 248.835 - 10.15 - 126.9,  # 111.785
    "lix": 10 + 20,
    "fog_pl": 0.4 * (10 + 10),  # 8
    "mistrik": 50 - 1.5 * 10 * 0.8,  # 38
    "smog_cro": 2 + 30**0.5,  # 2 + √(2 · 30 / 2) = 7.4772
    "wiio": 2.7 + 0.3 * 15,  # 7.2: 3 of 20 words have a base form of 4+ syllables
    "average_sentence_length": 10,
    "long_word_share": 20,
}


def test_every_metric_has_a_hand_computed_value():
    assert set(BY_HAND) == set(METRICS)


@pytest.mark.parametrize(("metric", "expected"), sorted(BY_HAND.items()))
def test_metric_from_counts(metric, expected):
    assert METRICS[metric](COUNTS) == pytest.approx(expected)


# Syllables, letters and long words counted by hand in each text.
TEXTS = [
    # Die 1 Ärztin 2 hilft 1 Ihnen 2 | Sie 1 entscheiden 3 selbst 1: 7 words, 11 syllables,
    # 1 long (entscheiden), 1 of 3+ syllables, 4 of one. Amstad 180 - 3.5 - 58.5·11/7 = 84.571;
    # WSTF 0.1935·14.286 + 0.1672·3.5 + 0.1297·14.286 - 0.0327·57.143 - 0.875 = 2.459
    (
        "de",
        "Die Ärztin hilft Ihnen. Sie entscheiden selbst.",
        {"amstad": 84.6, "wiener_sachtextformel": 2.5},
    ),
    # Su 1 médico 3 quiere 2 consejo 3 | Usted 2 decide 3: 6 words, 14 syllables;
    # 206.835 - 62.3·14/6 - 3 = 58.468
    ("es", "Su médico quiere consejo. Usted decide.", {"szigriszt_pazos": 58.5}),
    # 7 words, 27 letters (Il 2 medico 6 decide 6 con 3 te 2 Tu 2 scegli 6), 2 sentences:
    # 89 + (600 - 270) / 7 = 136.143
    ("it", "Il medico decide con te. Tu scegli.", {"gulpease": 136.1}),
    # Votre 1 (mute e) médecin 3 demande 2 conseil 2 | Vous 1 décidez 3: 6 words, 12 syllables;
    # 207 - 1.015·3 - 73.6·2 = 56.755
    ("fr", "Votre médecin demande conseil. Vous décidez.", {"kandel_moles": 56.8}),
    # Uw 1 arts 1 vraagt 1 advies 2 | U 1 beslist 2 zelf 1: 7 words, 9 syllables;
    # 206.835 - 0.93·3.5 - 77·9/7 = 104.58
    ("nl", "Uw arts vraagt advies. U beslist zelf.", {"flesch_douma": 104.6}),
    # O 1 seu 1 médico 3 pede 2 conselho 3 | Você 2 decide 3: 7 words, 15 syllables;
    # 248.835 - 1.015·3.5 - 84.6·15/7 = 63.997
    ("pt", "O seu médico pede conselho. Você decide.", {"flesch_martins": 64.0}),
    # 8 words, 2 sentences, 1 word over six letters (bestämmer): 4 + 12.5
    ("sv", "Din läkare vill ha råd. Du bestämmer själv.", {"lix": 16.5}),
    ("da", "Din læge vil have råd. Du bestemmer selv.", {"lix": 16.5}),
    # Lekarz 2 pyta 2 specjalistów 4 o 1 radę 2 | Ty 1 decydujesz 4: 7 words, 2 of 4+
    # syllables: 0.4 · (3.5 + 28.571) = 12.829
    ("pl", "Lekarz pyta specjalistów o radę. Ty decydujesz.", {"fog_pl": 12.8}),
    # Váš 1 lékař 2 chce 1 radu 2 | Vy 1 sami 2 rozhodnete 4: 7 words, 13 syllables, 7
    # different: 50 - 13/7 · 3.5 · 7/7 = 43.5
    ("cs", "Váš lékař chce radu. Vy sami rozhodnete.", {"mistrik": 43.5}),
    ("sk", "Váš lekár chce radu. Vy sami rozhodnete.", {"mistrik": 43.5}),
    # One word of 4+ syllables (odlučujete 5) in 2 sentences: 2 + √(1 · 30 / 2) = 5.873
    ("hr", "Vaš liječnik traži savjet stručnjaka. Vi odlučujete.", {"smog_cro": 5.9}),
    # Fallback: 7 words, 2 sentences, 3 over six letters (γιατρός 7, συμβουλή 8,
    # αποφασίζετε 11): LIX 3.5 + 42.857 = 46.357, share 42.857
    (
        "el",
        "Ο γιατρός σας ζητά συμβουλή. Εσείς αποφασίζετε.",
        {"lix": 46.4, "average_sentence_length": 3.5, "long_word_share": 42.9},
    ),
]


@pytest.mark.parametrize(("language", "text", "scores"), TEXTS, ids=[t[0] for t in TEXTS])
def test_known_scores_per_language(language, text, scores):
    assert score_text(text, language).scores == scores


def test_wiio_needs_base_forms():
    # Counts of a language without a base-form analyser: Wiio must not read them as zero.
    with pytest.raises(ValueError, match="base forms"):
        METRICS["wiio"](dataclasses.replace(COUNTS, long_base_forms=None))


# Base forms from Voikko, syllables by hand: Lääkärisi → lääkäri (lää-kä-ri, 3), kysyy → kysyä
# (ky-sy-ä, 3), neuvoa → neuvo (neu-vo, 2), erikoislääkäreiltä → erikoislääkäri
# (e-ri-kois-lää-kä-ri, 6), Päätät → päättää (päät-tää, 2), itse (it-se, 2). 6 words, one long
# base form: PS = 100 · 1/6 = 16.667; 2.7 + 0.3 · 16.667 = 7.7.
FINNISH = "Lääkärisi kysyy neuvoa erikoislääkäreiltä. Päätät itse."


def test_wiio_by_hand():
    require_voikko()
    result = score_text(FINNISH, "fi")
    assert result.scores == {"wiio": 7.7}
    assert result.passed and (result.words, result.sentences) == (6, 2)


def test_wiio_counts_base_forms_not_inflected_forms():
    require_voikko()
    # Counted in the inflected forms, two words would be long: Lääkärisi (lää-kä-ri-si, 4) and
    # erikoislääkäreiltä (e-ri-kois-lää-kä-reil-tä, 7): 2.7 + 0.3 · 100 · 2/6 = 12.7, a fail.
    inflected = counter_for("fi")
    words = FINNISH.replace(".", "").split()
    assert sum(inflected(word) >= 4 for word in words) == 2
    assert score_text(FINNISH, "fi").scores["wiio"] == 7.7  # one long base form, a pass
    # Korpela's example: "matkustettiin" (mat-kus-tet-tiin, 4) is short, "matkustaa" has 3.
    assert score_text("Matkustettiin.", "fi").scores == {"wiio": 2.7}
    assert score_text("Tietosuojavastaavalle.", "fi").scores == {"wiio": 32.7}  # 2.7 + 30


def test_finnish_is_not_scored_with_the_fallback():
    require_voikko()
    result = score_text(FINNISH, "fi")
    assert [check.metric for check in result.checks] == ["wiio"]


def test_the_fallback_fails_on_long_words_alone():
    result = score_text("Ο γιατρός σας ζητά συμβουλή. Εσείς αποφασίζετε.", "el")
    assert [(c.metric, c.passed) for c in result.checks] == [
        ("lix", False),
        ("average_sentence_length", True),
        ("long_word_share", False),
    ]


def test_mistrik_counts_repeated_words_once():
    # 4 words, 2 different ("ano", "ne", ignoring case), 1 sentence, 2 + 2 + 1 + 1 = 6
    # syllables: 50 - 6/4 · 4 · 2/4 = 47
    assert score_text("Ano, ano, Ne, ne.", "cs").scores == {"mistrik": 47.0}
