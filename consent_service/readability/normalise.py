"""Normalise text before scoring, so that the counts match what a reader sees.

Readability formulas count sentences. Naive splitting miscounts them in three common ways:
a bullet list without full stops reads as one endless sentence, an abbreviation such as
"e.g." or "Dr." splits a sentence in two, and Markdown markers count as words. `normalise`
fixes all three and returns one line of text in which every sentence ends with terminal
punctuation and every full stop that does not end a sentence is a `PROTECTED_DOT`.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from . import abbreviations

# ONE DOT LEADER looks like a full stop but never ends a sentence; `displayed` turns it back.
PROTECTED_DOT = "\u2024"

# Terminal punctuation; U+037E is the Greek question mark.
GREEK_QUESTION_MARK = "\u037e"
TERMINAL = ".!?…" + GREEK_QUESTION_MARK
CLOSING = "\"'”’»)]"

# Abbreviations whose full stops never end a sentence, in any language. Matched without
# regard to case and with any spacing between parts ("z. B." and "z.B.").
ABBREVIATIONS: tuple[str, ...] = (
    # English
    "e.g.",
    "i.e.",
    "etc.",
    "cf.",
    "vs.",
    "approx.",
    "incl.",
    "Dr.",
    "Mr.",
    "Mrs.",
    "Ms.",
    "Prof.",
    "Jr.",
    "Sr.",
    # Latin, used across languages
    "et al.",
    "ca.",
    # German
    "z. B.",
    "d. h.",
    "u. a.",
    "bzw.",
    "usw.",
    "vgl.",
    "ggf.",
    "inkl.",
    "evtl.",
    "sog.",
    # French, Italian, Spanish, Dutch, Portuguese
    "p. ex.",
    "c.-à-d.",
    "ecc.",
    "ad es.",
    "p. ej.",
    "o.a.",
    "bv.",
    "d.w.z.",
    "Sra.",
)

# Abbreviations that are ambiguous on their own ("No.", "Art.") and protected only when a
# number follows: "Art. 26", "No. 5", "Nr. 3", "p. 12".
NUMBERED_ABBREVIATIONS: tuple[str, ...] = (
    "Art.",
    "No.",
    "Nr.",
    "Nº.",
    "Abs.",
    "p.",
    "pp.",
    "Fig.",
    "Vol.",
    "Sec.",
    "Ch.",
    "S.",
)

_LIST_ITEM = re.compile(r"^\s*(?:[-*•‣◦▪–—+]|\d{1,3}[.)]|[A-Za-z]\))\s+(?=\S)")
_HEADING = re.compile(r"^\s*#{1,6}\s+")
_BLOCKQUOTE = re.compile(r"^\s*>\s?")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_EMPHASIS = (
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # [text](url)
    (re.compile(r"`([^`]+)`"), r"\1"),  # `code`
    (re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*"), r"\1"),  # **strong**
    (re.compile(r"__(?=\S)(.+?)(?<=\S)__"), r"\1"),  # __strong__
    (re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])"), r"\1"),  # *emphasis*
    (re.compile(r"(?<!\w)_(?=\S)(.+?)(?<=\S)_(?!\w)"), r"\1"),  # _emphasis_
)
_ENDS_SENTENCE = re.compile(f"[{re.escape(TERMINAL)}][{re.escape(CLOSING)}]*$")
_GREEK_QUESTION = re.compile(r";(?=[\s\"'”’»)\]]|$)")
_WEAK_END = re.compile(r"\s*[,;:–—-]+$")
# "26. cikk", "9. panta", "am 3. Mai": a dot after a number and before a lower-case word marks
# an ordinal (hu, lv, de, cs, sk, sl, hr, da, fi, et…); no language starts a sentence in lower case.
# Before a capital ("am 3. Mai") the dot still ends the sentence: it cannot be told apart there.
_ORDINAL_DOT = re.compile(r"(?<=\d)\.(?=\s+\w)")


def _abbreviation_pattern(abbreviation: str, numbered: bool) -> re.Pattern[str]:
    parts = [re.escape(part.strip()) for part in abbreviation.split(".") if part.strip()]
    body = r"\.\s*".join(parts) + r"\."
    tail = r"(?=\s*\d)" if numbered else ""
    return re.compile(rf"(?<![\w.]){body}{tail}", re.IGNORECASE)


@functools.cache
def _protections(language: str | None) -> tuple[tuple[re.Pattern[str], bool], ...]:
    code = language or ""
    plain = ABBREVIATIONS + abbreviations.ABBREVIATIONS.get(code, ())
    numbered = NUMBERED_ABBREVIATIONS + abbreviations.NUMBERED_ABBREVIATIONS.get(code, ())
    # Longest first, so that "i t. d." is protected whole before "t. d." is tried.
    return tuple(
        [
            (_abbreviation_pattern(a, numbered=False), a in abbreviations.MAY_END_SENTENCE)
            for a in sorted(plain, key=len, reverse=True)
        ]
        + [(_abbreviation_pattern(a, numbered=True), False) for a in numbered]
    )


def _protect_abbreviations(text: str, language: str | None) -> str:
    for pattern, may_end in _protections(language):

        def protect(match: re.Match[str], may_end: bool = may_end) -> str:
            protected = match.group(0).replace(".", PROTECTED_DOT)
            if may_end and match.string[match.end() :].lstrip()[:1].isupper():
                return protected[:-1] + "."  # "… and so on. Next sentence": the last dot ends it
            return protected

        text = pattern.sub(protect, text)
    return text


def _protect_ordinals(text: str) -> str:
    def protect(match: re.Match[str]) -> str:
        following = match.string[match.end() :].lstrip()[:1]
        return PROTECTED_DOT if following.islower() else "."

    return _ORDINAL_DOT.sub(protect, text)


def _strip_emphasis(text: str) -> str:
    for pattern, replacement in _EMPHASIS:
        text = pattern.sub(replacement, text)
    return text


def _blocks(text: str) -> list[str]:
    """Split text into paragraphs, headings and list items: each ends at least one sentence."""
    blocks: list[str] = []
    for paragraph in _BLANK_LINE.split(text):
        current: list[str] = []
        for line in paragraph.split("\n"):
            line = _BLOCKQUOTE.sub("", line)
            item = _LIST_ITEM.match(line) or _HEADING.match(line)
            if item:
                blocks.append(" ".join(current))
                blocks.append(line[item.end() :])
                current = []
            else:
                current.append(line)
        blocks.append(" ".join(current))
    return blocks


def _end_sentence(block: str) -> str:
    block = _WEAK_END.sub("", block)
    if not block or _ENDS_SENTENCE.search(block):
        return block
    if block.endswith(PROTECTED_DOT):  # "… etc." closing a list item or paragraph
        return block[:-1] + "."
    return block + "."


def visible(text: str) -> str:
    """Return text in NFC with Unix line ends and without invisible characters."""
    text = unicodedata.normalize("NFC", text)
    return _INVISIBLE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def normalise(text: str, language: str | None = None) -> str:
    """Return text as one line in which paragraphs and list items end sentences.

    language (a primary subtag such as "de") adds that language's abbreviations.
    """
    text = visible(text)
    if language == "el":
        # NFC turns the Greek question mark into ";", which would not end the sentence
        text = _GREEK_QUESTION.sub(GREEK_QUESTION_MARK, text)
    text = _protect_ordinals(_protect_abbreviations(text, language))
    sentences = []
    for block in _blocks(text):
        block = " ".join(_strip_emphasis(block).split())
        if block:
            sentences.append(_end_sentence(block))
    return " ".join(s for s in sentences if s)


def displayed(text: str) -> str:
    """Return normalised text as a reader would write it, with protected dots restored."""
    return text.replace(PROTECTED_DOT, ".").replace(GREEK_QUESTION_MARK, ";")
