"""Typed errors of the readability scorer: callers catch these, never a bare ValueError."""

from __future__ import annotations


class ReadabilityError(ValueError):
    """A text cannot be scored; the message says why in words an author understands."""


class UnsupportedLanguage(ReadabilityError):
    """No readability formula and threshold are defined for the language."""

    def __init__(self, language: str) -> None:
        self.language = language
        super().__init__(f"no readability formula for language {language!r}")


class AnalyserUnavailable(UnsupportedLanguage):
    """The language's formula needs a morphological analyser that is not installed here.

    Finnish (Wiio) needs the base form of every word, from Voikko. Scoring such a language
    without it raises this error; it never falls back to another formula.
    """

    def __init__(self, language: str, analyser: str, reason: str, install: str) -> None:
        self.language = language
        self.analyser = analyser
        self.reason = reason
        ReadabilityError.__init__(
            self,
            f"scoring language {language!r} needs the {analyser} morphological analyser, "
            f"which is not available: {reason}. Install {install}.",
        )


class EmptyText(ReadabilityError):
    """The text is empty or only whitespace."""

    def __init__(self) -> None:
        super().__init__("the text is empty")


class NoSentence(ReadabilityError):
    """The text holds no word, so it has no sentence to score."""

    def __init__(self) -> None:
        super().__init__("the text has no word, so no sentence to score")


class TextTooLong(ReadabilityError):
    """The text is longer than the scorer accepts."""

    def __init__(self, length: int, limit: int) -> None:
        self.length = length
        self.limit = limit
        super().__init__(f"the text has {length} bytes of UTF-8; the limit is {limit}")
