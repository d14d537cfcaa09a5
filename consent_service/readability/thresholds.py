"""The one table of readability thresholds: a row per language and metric, with its source."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .metrics import METRICS

Direction = Literal["min", "max"]

FLESCH_1948 = (
    "Flesch R. A new readability yardstick. J Appl Psychol. 1948;32(3):221-233. "
    "doi:10.1037/h0057532 (60-70 = 'standard', plain English)"
)
KINCAID_1975 = (
    "Kincaid JP, Fishburne RP Jr, Rogers RL, Chissom BS. Derivation of new readability "
    "formulas (Automated Readability Index, Fog Count and Flesch Reading Ease Formula) for "
    "Navy enlisted personnel. Research Branch Report 8-75. Millington, TN: Naval Technical "
    "Training Command; 1975"
)


@dataclass(frozen=True)
class Threshold:
    """A text in language passes when its metric score is at least (min) or at most (max)."""

    language: str
    metric: str
    threshold: float
    direction: Direction
    source: str

    def passes(self, score: float) -> bool:
        """Return whether score meets this threshold."""
        if self.direction == "min":
            return score >= self.threshold
        return score <= self.threshold


THRESHOLDS: tuple[Threshold, ...] = (
    Threshold("en", "flesch_reading_ease", 60.0, "min", FLESCH_1948),
    Threshold("en", "flesch_kincaid_grade", 8.0, "max", KINCAID_1975),
)

for _row in THRESHOLDS:  # a typo in the table fails at import, not at the first request
    if _row.metric not in METRICS or _row.direction not in ("min", "max"):
        raise RuntimeError(f"bad readability threshold row: {_row}")


def language_code(language: str) -> str:
    """Return the primary subtag of a language tag: "en-GB" and "en_us" give "en"."""
    return language.strip().replace("_", "-").split("-")[0].lower()


def thresholds_for(language: str) -> tuple[Threshold, ...]:
    """Return the threshold rows of a language, empty when it has none."""
    code = language_code(language)
    return tuple(row for row in THRESHOLDS if row.language == code)


def supported_languages() -> frozenset[str]:
    """Return the languages that have thresholds."""
    return frozenset(row.language for row in THRESHOLDS)
