"""Readability scoring per language, with one table of thresholds and their sources."""

from __future__ import annotations

from .counting import SYLLABLE_COUNTERS, Counts, syllable_counter
from .errors import EmptyText, NoSentence, ReadabilityError, TextTooLong, UnsupportedLanguage
from .metrics import METRICS, metric
from .scoring import MAX_TEXT_BYTES, Check, ReadabilityResult, score_text
from .thresholds import THRESHOLDS, Threshold, supported_languages, thresholds_for

__all__ = [
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


def preload() -> None:
    """Load every language's dictionaries now, e.g. once per worker at start-up."""
    for language in supported_languages():
        syllable_counter(language)
