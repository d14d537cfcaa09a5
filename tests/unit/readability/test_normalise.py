"""Normalisation: list items end sentences, abbreviations do not, Markdown goes."""

from __future__ import annotations

import pytest

from consent_service.readability.counting import split_sentences
from consent_service.readability.normalise import displayed, normalise


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("You can:\n- see your data\n- correct it\n- withdraw", 4),
        ("You can:\n* see your data\n* correct it.", 3),
        ("• see your data\n• correct it", 2),
        ("1. Read the form\n2. Ask questions\n3) Sign", 3),
        ("a) first\nb) second", 2),
        ("A paragraph without a full stop\n\nAnother one", 2),
        ("# A heading\nText under it.", 2),
        ("One line\nwrapped onto the next.", 1),
    ],
)
def test_list_items_paragraphs_and_headings_end_sentences(text, sentences):
    assert len(split_sentences(normalise(text))) == sentences


@pytest.mark.parametrize(
    "text",
    [
        "Ask Dr. Smith about it.",
        "Share data, e.g. scans, with the panel.",
        "Share data, E.g. scans, with the panel.",
        "Share what is needed, i.e. your scans and tests.",
        "Bring scans, tests, etc. to the visit.",
        "This follows Art. 26 of the law.",
        "See No. 5 on the list.",
        "Das gilt z. B. für Bilder.",
        "Das gilt z.B. für Bilder.",
        "Smith et al. wrote it.",
        "Prof. Rossi and Mrs. Jones agree.",
    ],
)
def test_abbreviations_do_not_end_sentences(text):
    assert len(split_sentences(normalise(text))) == 1


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("Say no. Then go.", 2),  # "No." ends a sentence unless a number follows
        ("It is art. Look at it.", 2),  # so does "art."
        ("Is it 2.5 or 3? Ask us!", 2),  # a decimal point is not a full stop
        ('He said "go." We went.', 2),  # closing quotes stay with their sentence
    ],
)
def test_sentence_ends_that_look_like_abbreviations(text, sentences):
    assert len(split_sentences(normalise(text))) == sentences


def test_a_list_item_ending_in_an_abbreviation_gets_one_full_stop():
    assert normalise("- scans, tests, etc.") == "scans, tests, etc."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("**Bold** and __strong__ text", "Bold and strong text."),
        ("*Emphasis* and _this_ too", "Emphasis and this too."),
        ("Use `code` and [a link](https://example.org)", "Use code and a link."),
        ("2 * 3 * 4 is 24", "2 * 3 * 4 is 24."),
        ("snake_case_name stays", "snake_case_name stays."),
    ],
)
def test_markdown_emphasis_is_stripped(text, expected):
    assert normalise(text) == expected


def test_whitespace_collapses_and_invisible_characters_go():
    assert normalise("  Too   many\t spaces,\u00a0here.\r\n\r\n Con\u00adsent  ") == (
        "Too many spaces, here. Consent."
    )


def test_displayed_restores_protected_dots():
    assert displayed(normalise("Ask Dr. Smith, e.g. today.")) == "Ask Dr. Smith, e.g. today."
