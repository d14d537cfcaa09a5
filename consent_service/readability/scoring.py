"""Score a text against its language's readability thresholds."""

from __future__ import annotations

import math
from dataclasses import dataclass

from .counting import SYLLABLE_COUNTERS, count, has_letter, split_words
from .errors import EmptyText, NoSentence, TextTooLong, UnsupportedLanguage
from .metrics import METRICS
from .normalise import normalise
from .thresholds import Direction, language_code, thresholds_for

MAX_TEXT_BYTES = 102_400  # 100 KiB of UTF-8: a long consent form is under a tenth of this
WORDS_PER_MINUTE = 200
HARDEST_SENTENCES = 3


@dataclass(frozen=True)
class Check:
    """One threshold row applied to one text."""

    metric: str
    score: float
    threshold: float
    direction: Direction
    passed: bool


@dataclass(frozen=True)
class ReadabilityResult:
    """Scores, checks and counts of one text in one language."""

    language: str
    scores: dict[str, float]
    checks: tuple[Check, ...]
    passed: bool
    words: int
    sentences: int
    reading_time_minutes: int
    hardest_sentences: tuple[str, ...]


def score_text(text: str, language: str) -> ReadabilityResult:
    """Score text with its language's formulas and check each threshold."""
    code = language_code(language)
    rows = thresholds_for(code)
    if not rows or code not in SYLLABLE_COUNTERS:
        raise UnsupportedLanguage(language)
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > MAX_TEXT_BYTES:
        raise TextTooLong(size, MAX_TEXT_BYTES)
    if not text.strip():
        raise EmptyText()
    normalised = normalise(text, code)
    if not any(has_letter(word) for word in split_words(normalised)):
        raise NoSentence()
    counts, sentences = count(normalised, code)

    scores: dict[str, float] = {}
    for row in rows:
        if row.metric not in scores:
            # + 0.0 turns -0.0 into 0.0; checks use the rounded score the reader sees
            scores[row.metric] = round(METRICS[row.metric](counts), 1) + 0.0
    checks = tuple(
        Check(
            row.metric,
            scores[row.metric],
            row.threshold,
            row.direction,
            row.passes(scores[row.metric]),
        )
        for row in rows
    )
    hardest = sorted(sentences, key=lambda s: s.difficulty, reverse=True)[:HARDEST_SENTENCES]
    return ReadabilityResult(
        language=code,
        scores=scores,
        checks=checks,
        passed=all(check.passed for check in checks),
        words=counts.words,
        sentences=counts.sentences,
        reading_time_minutes=max(1, math.ceil(counts.words / WORDS_PER_MINUTE)),
        hardest_sentences=tuple(s.text for s in hardest),
    )
