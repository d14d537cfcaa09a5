"""Mark the hardest sentences and the long words of a text where they stand, for the authoring
page. The result is plain data (text pieces with flags): the template escapes every piece."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .counting import (
    HARD_WORD_SYLLABLES,
    LONG_BASE_FORM_SYLLABLES,
    LONG_WORD_LETTERS,
    base_form_counter,
    split_sentences,
    syllable_counter,
)
from .normalise import displayed, normalise, visible
from .scoring import ReadabilityResult
from .thresholds import thresholds_for

# Letters and digits joined by hyphens, apostrophes or underscores; "_" alone is Markdown.
_TOKEN = re.compile(r"[^\W_]+(?:[-‐‑'’_][^\W_]+)*")
_SENTENCE_TAIL = re.compile(r"[.!?…;:\u037e]*[\"'”’»)\]]*")
# Formulas that count long words by letters; the others count syllables.
_LETTER_METRICS = {"lix", "long_word_share", "gulpease"}
_FOUR_SYLLABLE_METRICS = {"fog_pl", "smog_cro"}


@dataclass(frozen=True)
class Piece:
    """A run of text: plain, a long word, or a line break."""

    text: str
    kind: str = "text"  # "text", "long" or "break"


@dataclass
class Span:
    """Consecutive pieces inside one hard sentence (hard = its rank, 1 hardest) or outside."""

    hard: int | None
    pieces: list[Piece] = field(default_factory=list)


def long_word_test(language: str):
    """Return a test for the words a language's formulas count as long or hard."""
    metrics = {row.metric for row in thresholds_for(language)}
    if metrics & _LETTER_METRICS:
        return lambda word: sum(ch.isalpha() for ch in word) > LONG_WORD_LETTERS
    if "wiio" in metrics:  # Finnish: long when the base form has 4+ syllables
        base_syllables = base_form_counter(language)
        return lambda word: (
            any(ch.isalpha() for ch in word) and base_syllables(word) >= LONG_BASE_FORM_SYLLABLES
        )
    syllables = syllable_counter(language)
    least = HARD_WORD_SYLLABLES if metrics & _FOUR_SYLLABLE_METRICS else 3
    return lambda word: any(ch.isalpha() for ch in word) and syllables(word) >= least


def _sentence_ranges(shown: str, language: str, hardest: tuple[str, ...]) -> list[tuple]:
    """Return (start, end, rank) in shown for each of the hardest sentences."""
    sentences = [displayed(s) for s in split_sentences(normalise(shown, language))]
    ranks: dict[int, int] = {}
    for rank, text in enumerate(hardest, start=1):
        index = next((i for i, s in enumerate(sentences) if s == text and i not in ranks), None)
        if index is not None:
            ranks[index] = rank
    tokens = list(_TOKEN.finditer(shown))
    ranges, position = [], 0
    for index, sentence in enumerate(sentences):
        words = _TOKEN.findall(sentence)
        first = last = None
        for word in words:  # walk forward: each sentence's words follow the previous one's
            while position < len(tokens) and tokens[position].group(0) != word:
                position += 1
            if position == len(tokens):
                return ranges  # the text could not be aligned further; mark what was found
            first = first if first is not None else tokens[position].start()
            last = tokens[position].end()
            position += 1
        if index in ranks and first is not None:
            end = last + _SENTENCE_TAIL.match(shown, last).end() - last
            ranges.append((first, end, ranks[index]))
    return ranges


def _pieces(text: str, is_long) -> list[Piece]:
    pieces, at = [], 0
    for match in _TOKEN.finditer(text):
        if is_long(match.group(0)):
            pieces += _plain(text[at : match.start()])
            pieces.append(Piece(match.group(0), "long"))
            at = match.end()
    return pieces + _plain(text[at:])


def _plain(text: str) -> list[Piece]:
    pieces = []
    for index, line in enumerate(text.split("\n")):
        if index:
            pieces.append(Piece("", "break"))
        if line:
            pieces.append(Piece(line))
    return pieces


def highlight(text: str, result: ReadabilityResult) -> list[Span]:
    """Return text as spans, the hardest sentences ranked and long words marked."""
    shown = visible(text)
    is_long = long_word_test(result.language)
    ranges = _sentence_ranges(shown, result.language, result.hardest_sentences)
    spans, at = [], 0
    for start, end, rank in sorted(ranges):
        if start > at:
            spans.append(Span(None, _pieces(shown[at:start], is_long)))
        spans.append(Span(rank, _pieces(shown[start:end], is_long)))
        at = end
    if at < len(shown):
        spans.append(Span(None, _pieces(shown[at:], is_long)))
    return spans
