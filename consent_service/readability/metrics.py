"""Readability formulas, registered by name; each takes `Counts` and returns a score.

Issue 3 adds the other languages' formulas here with the same decorator; a threshold row
names its metric, so adding a language is one function and one row.
"""

from __future__ import annotations

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
