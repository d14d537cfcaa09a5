"""Readability scoring per language, with one table of thresholds and their sources."""

from __future__ import annotations

import logging

from .counting import (
    BASE_FORM_COUNTERS,
    SYLLABLE_COUNTERS,
    Counts,
    base_form_counter,
    syllable_counter,
)
from .errors import (
    AnalyserUnavailable,
    EmptyText,
    NoSentence,
    ReadabilityError,
    TextTooLong,
    UnsupportedLanguage,
)
from .metrics import METRICS, metric
from .scoring import MAX_TEXT_BYTES, Check, ReadabilityResult, score_text
from .thresholds import THRESHOLDS, Threshold, supported_languages, thresholds_for

__all__ = [
    "AnalyserUnavailable",
    "METRICS",
    "MAX_TEXT_BYTES",
    "SYLLABLE_COUNTERS",
    "THRESHOLDS",
    "Check",
    "Counts",
    "EmptyText",
    "NoSentence",
    "ReadabilityError",
    "ReadabilityResult",
    "TextTooLong",
    "Threshold",
    "UnsupportedLanguage",
    "metric",
    "preload",
    "score_text",
    "supported_languages",
    "thresholds_for",
]


log = logging.getLogger(__name__)


def preload() -> None:
    """Load every language's dictionaries now, e.g. once per worker at start-up.

    A missing morphological analyser (Voikko, for Finnish) is logged, not raised: the app
    starts, and scoring that language answers AnalyserUnavailable until it is installed.
    """
    for language in sorted(supported_languages()):
        syllable_counter(language)
        if language in BASE_FORM_COUNTERS:
            try:
                base_form_counter(language)
            except AnalyserUnavailable as error:
                log.warning("%s", error)
