"""The one threshold table: every language, each row with its formula, direction and source."""

from __future__ import annotations

import pytest

from consent_service.i18n import SUPPORTED_LANGUAGES
from consent_service.readability import THRESHOLDS, supported_languages, thresholds_for
from consent_service.readability.thresholds import FALLBACK_LANGUAGES

EXPECTED = {
    "en": {("flesch_reading_ease", 60.0, "min"), ("flesch_kincaid_grade", 8.0, "max")},
    "de": {("amstad", 60.0, "min"), ("wiener_sachtextformel", 8.0, "max")},
    "es": {("szigriszt_pazos", 55.0, "min")},
    "it": {("gulpease", 60.0, "min")},
    "fr": {("kandel_moles", 60.0, "min")},
    "nl": {("flesch_douma", 60.0, "min")},
    "sv": {("lix", 40.0, "max")},
    "da": {("lix", 40.0, "max")},
    "pl": {("fog_pl", 9.0, "max")},
    "cs": {("mistrik", 30.0, "min")},
    "sk": {("mistrik", 30.0, "min")},
    "hr": {("smog_cro", 8.0, "max")},
    "pt": {("flesch_martins", 50.0, "min")},
    "fi": {("wiio", 8.0, "max")},
}
FALLBACK = {
    ("lix", 40.0, "max"),
    ("average_sentence_length", 15.0, "max"),
    ("long_word_share", 25.0, "max"),
}


def test_every_ui_language_has_thresholds():
    assert supported_languages() == set(SUPPORTED_LANGUAGES)


@pytest.mark.parametrize("language", sorted(SUPPORTED_LANGUAGES))
def test_rows_per_language(language):
    rows = {(r.metric, r.threshold, r.direction) for r in thresholds_for(language)}
    assert rows == EXPECTED.get(language, FALLBACK)


def test_fallback_languages_are_exactly_those_without_an_own_formula():
    assert set(FALLBACK_LANGUAGES) == set(SUPPORTED_LANGUAGES) - set(EXPECTED)
    assert set(FALLBACK_LANGUAGES) >= {"el", "bg", "ro", "et", "lv", "lt", "hu", "ga", "mt", "uk"}


def test_each_row_cites_author_and_year():
    for row in THRESHOLDS:
        assert any(str(year) in row.source for year in range(1948, 2025)), row
        assert len(row.source) > 60, row


@pytest.mark.parametrize(
    ("language", "score", "passed"),
    [
        ("cs", 30.0, True),
        ("cs", 29.9, False),
        ("pl", 9.0, True),
        ("pl", 9.1, False),
        ("fi", 8.0, True),
        ("fi", 8.1, False),
    ],
)
def test_direction_at_the_threshold(language, score, passed):
    # Mistrík's scale runs from 0 (hardest) to 50 (easiest): higher passes; FOG-PL and Wiio
    # are school grades: lower passes
    (row,) = thresholds_for(language)
    assert row.passes(score) is passed


def test_finnish_is_scored_with_wiio_not_the_fallback():
    assert "fi" not in FALLBACK_LANGUAGES
    (row,) = thresholds_for("fi")
    assert (row.metric, row.threshold, row.direction) == ("wiio", 8.0, "max")
    assert "Wiio" in row.source and "base form" in row.source and "1968" in row.source
