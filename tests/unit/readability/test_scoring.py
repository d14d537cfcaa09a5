"""Scores, checks and errors of score_text, against values computed by hand."""

from __future__ import annotations

import pytest

from consent_service.readability import (
    METRICS,
    THRESHOLDS,
    EmptyText,
    NoSentence,
    ReadabilityError,
    TextTooLong,
    UnsupportedLanguage,
    score_text,
    supported_languages,
)

# Hand-computed. FRE = 206.835 - 1.015 w/s - 84.6 syl/w; FK = 0.39 w/s + 11.8 syl/w - 15.59.
KNOWN = [
    # 9 words, 2 sentences, 9 syllables: FRE 117.6675, FK -2.035
    ("The cat sat on the mat. It was warm.", 9, 2, 117.7, -2.0, True),
    # your 1 doctor 2 wants 1 advice 2 | specialists 3 in 1 other 2 countries 2 will 1
    # discuss 2 your 1 case 1: 12 words, 2 sentences, 19 syllables: FRE 66.795, FK 5.433
    (
        "Your doctor wants advice. Specialists in other countries will discuss your case.",
        12,
        2,
        66.8,
        5.4,
        True,
    ),
    # 5 + 4 + 4 + 4 + 5 = 22 syllables, 5 words, 1 sentence: FRE -170.48, FK 38.28
    (
        "Administrative authorities necessitate comprehensive documentation.",
        5,
        1,
        -170.5,
        38.3,
        False,
    ),
]


@pytest.mark.parametrize(("text", "words", "sentences", "fre", "fk", "passed"), KNOWN)
def test_known_scores(text, words, sentences, fre, fk, passed):
    result = score_text(text, "en")
    assert result.words == words
    assert result.sentences == sentences
    assert result.scores == {"flesch_reading_ease": fre, "flesch_kincaid_grade": fk}
    assert result.passed is passed


def test_checks_follow_the_threshold_table():
    result = score_text("Administrative authorities necessitate comprehensive documentation.", "en")
    assert [(c.metric, c.threshold, c.direction, c.passed) for c in result.checks] == [
        ("flesch_reading_ease", 60.0, "min", False),
        ("flesch_kincaid_grade", 8.0, "max", False),
    ]
    assert [c.score for c in result.checks] == [-170.5, 38.3]


def test_one_metric_failing_fails_the_text():
    # 3 words, 1 sentence, 8 syllables (wonderful 3, information 4): FRE -23.7, FK 14.0
    result = score_text("Wonderful information arrives.", "en")
    assert result.scores["flesch_kincaid_grade"] > 8
    assert result.passed is False


@pytest.mark.parametrize("language", ["en", "EN", "en-GB", "en_US", " en "])
def test_language_tags_reduce_to_their_primary_subtag(language):
    assert score_text("Go home.", language).language == "en"


@pytest.mark.parametrize(("words", "minutes"), [(1, 1), (200, 1), (201, 2), (450, 3)])
def test_reading_time_rounds_up_at_200_words_a_minute(words, minutes):
    text = " ".join(["Go home."] * (words // 2)) + (" Go." if words % 2 else "")
    result = score_text(text, "en")
    assert result.words == words
    assert result.reading_time_minutes == minutes


def test_hardest_sentences_are_the_three_with_most_syllables_in_text_order_on_ties():
    text = (
        "We meet. Specialists discuss complicated conditions thoroughly. "
        "You can say no. Doctors in other countries will help your doctor. "
        "Administrative documentation is necessary."
    )
    # syllables: 2, 3+2+4+3+3 = 15, 4, 2+1+2+2+1+1+1+2 = 12, 5+5+1+4 = 15
    assert score_text(text, "en").hardest_sentences == (
        "Specialists discuss complicated conditions thoroughly.",
        "Administrative documentation is necessary.",
        "Doctors in other countries will help your doctor.",
    )


def test_hardest_sentences_show_abbreviations_as_written():
    text = "Ask Dr. Smith, e.g. by phone, about Art. 26 of the law."
    assert score_text(text, "en").hardest_sentences == (text,)


@pytest.mark.parametrize(
    ("text", "language", "error"),
    [
        ("", "en", EmptyText),
        ("  \n\t ", "en", EmptyText),
        ("...!?", "en", NoSentence),
        ("- \n* \n1. ", "en", NoSentence),
        ("12 345.", "en", NoSentence),
        ("x" * 102_401, "en", TextTooLong),
        ("é" * 51_201, "en", TextTooLong),  # 102,402 bytes of UTF-8 in 51,201 characters
        ("A short text.", "tlh", UnsupportedLanguage),
        ("A short text.", "", UnsupportedLanguage),
    ],
)
def test_errors(text, language, error):
    with pytest.raises(error) as raised:
        score_text(text, language)
    assert isinstance(raised.value, ReadabilityError)
    assert isinstance(raised.value, ValueError)


def test_unsupported_language_names_the_language():
    with pytest.raises(UnsupportedLanguage) as raised:
        score_text("A short text.", "tlh")
    assert raised.value.language == "tlh"


def test_text_of_exactly_the_limit_is_scored():
    text = ("Go home. " * 12_000)[:102_400]
    assert len(text.encode("utf-8")) == 102_400
    assert score_text(text, "en").words > 0


def test_threshold_table_rows_are_complete():
    assert THRESHOLDS, "the table is empty"
    for row in THRESHOLDS:
        assert row.metric in METRICS
        assert row.direction in ("min", "max")
        assert len(row.source) > 40
    assert {(r.metric, r.threshold, r.direction) for r in THRESHOLDS if r.language == "en"} == {
        ("flesch_reading_ease", 60.0, "min"),
        ("flesch_kincaid_grade", 8.0, "max"),
    }
    assert "en" in supported_languages()
    assert len(supported_languages()) == 25


def test_scores_are_rounded_to_one_decimal():
    result = score_text("Your doctor wants advice. Specialists will discuss your case.", "en")
    for value in result.scores.values():
        assert value == round(value, 1)
