"""The one table of readability thresholds: a row per language and metric, with its source."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from . import sources
from .metrics import METRICS

Direction = Literal["min", "max"]


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


# Languages with no established formula and threshold of their own. el, bg, ro, et, lv, lt,
# hu, ga, mt, uk: none is established (DESIGN.md). sl: studies (Škvorc et al. 2019) only tried
# English formulas on Slovene, without a threshold.
FALLBACK_LANGUAGES = ("bg", "el", "et", "ga", "hu", "lt", "lv", "mt", "ro", "sl", "uk")


def _fallback(language: str) -> tuple[Threshold, ...]:
    return (
        Threshold(language, "lix", 40.0, "max", sources.BJORNSSON_1968),
        Threshold(language, "average_sentence_length", 15.0, "max", sources.CUTTS_2020),
        Threshold(language, "long_word_share", 25.0, "max", sources.LONG_WORDS_FALLBACK),
    )


THRESHOLDS: tuple[Threshold, ...] = (
    Threshold("en", "flesch_reading_ease", 60.0, "min", sources.FLESCH_1948),
    Threshold("en", "flesch_kincaid_grade", 8.0, "max", sources.KINCAID_1975),
    Threshold("de", "amstad", 60.0, "min", sources.AMSTAD_1978),
    Threshold("de", "wiener_sachtextformel", 8.0, "max", sources.BAMBERGER_1984),
    Threshold("es", "szigriszt_pazos", 55.0, "min", sources.SZIGRISZT_1993),
    Threshold("it", "gulpease", 60.0, "min", sources.GULPEASE_1988),
    Threshold("fr", "kandel_moles", 60.0, "min", sources.KANDEL_MOLES_1958),
    Threshold("nl", "flesch_douma", 60.0, "min", sources.DOUMA_1960),
    Threshold("sv", "lix", 40.0, "max", sources.BJORNSSON_1968),
    Threshold("da", "lix", 40.0, "max", sources.BJORNSSON_1968),
    Threshold("pl", "fog_pl", 9.0, "max", sources.FOG_PL),
    Threshold("cs", "mistrik", 30.0, "min", sources.MISTRIK_1968),
    Threshold("sk", "mistrik", 30.0, "min", sources.MISTRIK_1968),
    Threshold("hr", "smog_cro", 8.0, "max", sources.BRANGAN_2015),
    # Martins' band 50-75 is 5th to 8th grade: 50 is the grade-8 target of en and de.
    Threshold("pt", "flesch_martins", 50.0, "min", sources.MARTINS_1996),
    # Wiio's grade is a Finnish school grade (1-12) from the share of words whose base form has
    # 4+ syllables; the base forms come from Voikko (baseforms.py). 8 is the grade-8 target of
    # en, de and hr.
    Threshold("fi", "wiio", 8.0, "max", sources.WIIO_1968),
    *(row for language in FALLBACK_LANGUAGES for row in _fallback(language)),
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
