"""Readability formulas, registered by name; each takes `Counts` and returns a score.

A threshold row names its metric, so adding a language is one function and one row. The
coefficients are the published ones (sources in sources.py); percentages are 0-100.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from .counting import Counts

Metric = Callable[[Counts], float]
METRICS: dict[str, Metric] = {}


def metric(name: str) -> Callable[[Metric], Metric]:
    """Register a formula under name."""

    def register(function: Metric) -> Metric:
        if name in METRICS:
            raise ValueError(f"metric {name!r} is already registered")
        METRICS[name] = function
        return function

    return register


@metric("flesch_reading_ease")
def flesch_reading_ease(counts: Counts) -> float:
    """Flesch (1948): higher is easier; 60 to 70 is plain English."""
    return (
        206.835 - 1.015 * counts.words / counts.sentences - 84.6 * counts.syllables / counts.words
    )


@metric("flesch_kincaid_grade")
def flesch_kincaid_grade(counts: Counts) -> float:
    """Kincaid et al. (1975): the US school grade needed to understand the text."""
    return 0.39 * counts.words / counts.sentences + 11.8 * counts.syllables / counts.words - 15.59


def _words_per_sentence(counts: Counts) -> float:
    return counts.words / counts.sentences


def _syllables_per_word(counts: Counts) -> float:
    return counts.syllables / counts.words


def _percent(part: int, counts: Counts) -> float:
    return 100 * part / counts.words


@metric("amstad")
def amstad(counts: Counts) -> float:
    """Amstad (1978): Flesch Reading Ease recalibrated for German; higher is easier."""
    return 180 - _words_per_sentence(counts) - 58.5 * _syllables_per_word(counts)


@metric("wiener_sachtextformel")
def wiener_sachtextformel(counts: Counts) -> float:
    """Bamberger & Vanecek (1984), first Wiener Sachtextformel: German school grade 4 to 15."""
    return (
        0.1935 * _percent(counts.polysyllables, counts)
        + 0.1672 * _words_per_sentence(counts)
        + 0.1297 * _percent(counts.long_words, counts)
        - 0.0327 * _percent(counts.monosyllables, counts)
        - 0.875
    )


@metric("szigriszt_pazos")
def szigriszt_pazos(counts: Counts) -> float:
    """Szigriszt Pazos (1993) perspicuity, read on the INFLESZ scale; higher is easier."""
    return 206.835 - 62.3 * _syllables_per_word(counts) - _words_per_sentence(counts)


@metric("gulpease")
def gulpease(counts: Counts) -> float:
    """Lucisano & Piemontese (1988): Italian, from letters (not characters); 0 to 100."""
    return 89 + (300 * counts.sentences - 10 * counts.letters) / counts.words


@metric("kandel_moles")
def kandel_moles(counts: Counts) -> float:
    """Kandel & Moles (1958): Flesch Reading Ease recalibrated for French."""
    return 207 - 1.015 * _words_per_sentence(counts) - 73.6 * _syllables_per_word(counts)


@metric("flesch_douma")
def flesch_douma(counts: Counts) -> float:
    """Douma (1960): Flesch Reading Ease recalibrated for Dutch."""
    return 206.835 - 0.93 * _words_per_sentence(counts) - 77 * _syllables_per_word(counts)


@metric("flesch_martins")
def flesch_martins(counts: Counts) -> float:
    """Martins et al. (1996): Flesch Reading Ease recalibrated for Portuguese."""
    return 248.835 - 1.015 * _words_per_sentence(counts) - 84.6 * _syllables_per_word(counts)


@metric("lix")
def lix(counts: Counts) -> float:
    """Björnsson (1968): words per sentence + percentage of words over six letters."""
    return _words_per_sentence(counts) + _percent(counts.long_words, counts)


@metric("fog_pl")
def fog_pl(counts: Counts) -> float:
    """Gunning fog for Polish: hard words have four syllables or more; years of schooling."""
    return 0.4 * (_words_per_sentence(counts) + _percent(counts.hard_words, counts))


@metric("mistrik")
def mistrik(counts: Counts) -> float:
    """Mistrík (1968): 50 - syllables/word × words/sentence × distinct/all words; 0 to 50."""
    repetition = counts.distinct_words / counts.words
    return 50 - _syllables_per_word(counts) * _words_per_sentence(counts) * repetition


@metric("smog_cro")
def smog_cro(counts: Counts) -> float:
    """Brangan (2015): 2 + √(words of 4+ syllables per 30 sentences); years of schooling."""
    return 2 + math.sqrt(counts.hard_words * 30 / counts.sentences)


@metric("wiio")
def wiio(counts: Counts) -> float:
    """Wiio (1968), simplest formula: 2.7 + 0.3 × words per hundred whose base form has 4+
    syllables; Finnish school grade, 1 to 12."""
    if counts.long_base_forms is None:
        raise ValueError("Wiio's formula needs base forms: count the text as Finnish")
    return 2.7 + 0.3 * _percent(counts.long_base_forms, counts)


@metric("average_sentence_length")
def average_sentence_length(counts: Counts) -> float:
    """Words per sentence."""
    return _words_per_sentence(counts)


@metric("long_word_share")
def long_word_share(counts: Counts) -> float:
    """Percentage of words longer than six letters (LIX's long words)."""
    return _percent(counts.long_words, counts)
