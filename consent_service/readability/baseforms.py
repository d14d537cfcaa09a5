"""Finnish base forms (lemmas) from the Voikko morphological analyser, for Wiio's formula.

Wiio counts a word as long when its *base form* has four syllables or more: "lääkärille" is
"lääkäri" (3), "matkustettiin" is "matkustaa" (3), "tietosuojavastaavalle" is
"tietosuojavastaava" (7). Finding the base form of an inflected Finnish word needs a
morphological analyser; this module asks Voikko (the C library `libvoikko1` with the Finnish
dictionary `voikko-fi`, through the `libvoikko` Python package, its official ctypes binding).

As in Voikko's own readability tool (corevoikko, tools/bin/voikko-readability):

- the base form is that of Voikko's first analysis of the word;
- its syllables are counted by Voikko's hyphenator with every break allowed, which follows the
  Finnish syllable rules (a long vowel or a diphthong is one syllable; ie, uo and yö only in a
  first syllable) and knows where compound parts begin ("tie-to-suo-ja": the uo of "suoja"
  opens a part, so it is one syllable, which a spelling rule alone would miss).

A Voikko handle is not thread-safe: the process opens one, once, and every call to it holds a
lock. Answers are cached per word. When Voikko or its Finnish dictionary is missing, using
this module raises `AnalyserUnavailable`: Finnish is then not scored at all, never with
another formula.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from typing import Any

from .errors import AnalyserUnavailable
from .normalise import displayed
from .syllables import counter_for, is_acronym

INSTALL = (
    "the Debian packages libvoikko1 and voikko-fi (apt-get install libvoikko1 voikko-fi) and "
    "the Python package libvoikko (pip install 'libvoikko>=4.3')"
)
CACHE_SIZE = 65_536  # distinct word forms kept per process; a consent form has a few hundred


def open_voikko() -> Any:
    """Return a new Voikko handle for Finnish, or raise AnalyserUnavailable saying why."""
    try:
        from libvoikko import Voikko, VoikkoException
    except ImportError as exc:
        raise AnalyserUnavailable(
            "fi", "Voikko", f"the Python package libvoikko is not installed ({exc})", INSTALL
        ) from exc
    try:
        handle = Voikko("fi")
    except OSError as exc:  # ctypes cannot load libvoikko.so.1
        raise AnalyserUnavailable(
            "fi", "Voikko", f"the C library libvoikko cannot be loaded ({exc})", INSTALL
        ) from exc
    except VoikkoException as exc:  # the library is there, the Finnish dictionary is not
        raise AnalyserUnavailable(
            "fi", "Voikko", f"Voikko has no Finnish dictionary ({exc})", INSTALL
        ) from exc
    handle.setNoUglyHyphenation(False)  # every syllable break, also next to a lone vowel
    handle.setHyphenateUnknownWords(True)
    return handle


class BaseFormSyllables:
    """Count the syllables of a Finnish word's base form with one shared Voikko handle."""

    def __init__(self, voikko: Any, fallback: Callable[[str], int]) -> None:
        self._voikko = voikko
        self._fallback = fallback  # the spelling-rule counter of syllables.py
        self._lock = threading.Lock()  # one call at a time: a Voikko handle is not thread-safe
        self._cached = functools.lru_cache(maxsize=CACHE_SIZE)(self._count)

    def __call__(self, word: str) -> int:
        """Return the syllables of the base form of word (at least one)."""
        return self._cached(displayed(word))

    def base_form(self, word: str) -> str | None:
        """Return the base form of Voikko's first analysis, None when Voikko lacks the word."""
        with self._lock:
            analyses = self._voikko.analyze(word)
        # Voikko's readability tool takes the first analysis too. Readings rarely differ on
        # whether a word is long: "haluavat" is haluta (3) first, then the participle haluava (4).
        return next((a["BASEFORM"] for a in analyses if a.get("BASEFORM")), None)

    def _count(self, word: str) -> int:
        if not any(ch.isalpha() for ch in word):
            return self._fallback(word)  # a number: one syllable a digit, as everywhere else
        base = self.base_form(word)
        if base is None:
            # Voikko does not know the word (a foreign name, a new coinage, a placeholder): count
            # the inflected form instead. Endings add syllables far more often than they take
            # any away, so for such words the grade errs on the high side.
            return self._fallback(word)
        if is_acronym(base):
            return self._fallback(base)  # "EU" is spelt out, E-U; Voikko does not hyphenate it
        with self._lock:
            pattern = self._voikko.getHyphenationPattern(base)
        return len(pattern.replace(" ", "")) + 1


_LOCK = threading.Lock()
_LOADED: dict[str, BaseFormSyllables] = {}


def finnish_base_form_syllables() -> BaseFormSyllables:
    """Return the process's Finnish base-form counter, opening Voikko on first use.

    Raises AnalyserUnavailable when Voikko or its Finnish dictionary is not installed; the
    next call tries again, so installing them needs no restart of a long-running worker.
    """
    with _LOCK:  # two first callers must not open two handles
        counter = _LOADED.get("fi")
        if counter is None:
            counter = BaseFormSyllables(open_voikko(), counter_for("fi"))
            _LOADED["fi"] = counter
        return counter
