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


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("de", "Das gilt z. B. für Bilder, d. h. für Scans, bzw. für Befunde nach Nr. 3."),
        ("de", "Das gilt u. a. für Bilder, s. o."),
        ("fr", "Cela vaut p. ex. pour les images, c.-à-d. les scanners."),
        ("es", "Esto vale p. ej. para las imágenes, aprox. diez."),
        ("it", "Vale ad es. per le immagini, ecc. e per le analisi."),
        ("pt", "Vale p. ex. para as imagens e o art. 9 da lei."),
        ("nl", "Dit geldt bijv. voor beelden, d.w.z. scans, o.a. röntgenfoto's."),
        ("pl", "Dotyczy to np. zdjęć, tzw. danych, m.in. wyników, tj. badań."),
        ("cs", "Platí to např. pro snímky, tzv. data, tj. výsledky podle čl. 9."),
        ("sk", "Platí to napr. pre snímky, t. j. výsledky podľa čl. 9."),
        ("hr", "To vrijedi npr. za slike, tj. za nalaze prema čl. 9."),
        ("sl", "To velja npr. za slike, t. i. izvide."),
        ("hu", "Ez érvényes pl. a képekre, ill. a leletekre."),
        ("ro", "Aceasta se aplică de ex. imaginilor, conform art. 9."),
        ("bg", "Това важи напр. за снимките, т.е. за изследванията."),
        ("uk", "Це стосується, напр. знімків, т. зв. даних."),
        ("el", "Αυτό ισχύει π.χ. για τις εικόνες, δηλ. τις εξετάσεις."),
        ("sv", "Det gäller t.ex. bilder, bl.a. röntgen, dvs. allt."),
        ("da", "Det gælder f.eks. billeder, bl.a. scanninger."),
        ("fi", "Tämä koskee esim. kuvia, ns. tietoja, mm. tuloksia."),
        ("et", "See kehtib nt. piltide kohta."),
        ("lv", "Tas attiecas piem. uz attēliem."),
        ("lt", "Tai taikoma pvz. vaizdams, t. y. tyrimams."),
        ("ga", "Baineann sé seo le híomhánna, m.sh. scananna."),
        ("mt", "Dan japplika għal stampi, eż. skans."),
    ],
)
def test_language_abbreviations_do_not_end_sentences(language, text):
    assert len(split_sentences(normalise(text, language))) == 1


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Bring scans, tests, etc. Then come in."),
        ("de", "Bilder, Befunde usw. Dann kommen Sie."),
        ("pl", "Zdjęcia, wyniki itd. Potem przyjdź."),
        ("uk", "Знімки, аналізи і т. д. Потім приходьте."),
        ("cs", "Snímky, výsledky atd. Pak přijďte."),
    ],
)
def test_and_so_on_ends_a_sentence_before_a_capital_letter(language, text):
    assert len(split_sentences(normalise(text, language))) == 2


def test_a_language_abbreviation_applies_to_its_language_only():
    # Hungarian "pl." is "for example"; elsewhere it is not protected
    assert len(split_sentences(normalise("Ez pl. Jó.", "hu"))) == 1
    assert len(split_sentences(normalise("Ez pl. Jó.", "de"))) == 2


def test_the_greek_question_mark_ends_a_sentence():
    # NFC turns U+037E into ";", so Greek text typed either way ends its question there
    for mark in (";", "\u037e"):
        sentences = split_sentences(normalise(f"Τι είναι{mark} Είναι καλό.", "el"))
        assert [displayed(s) for s in sentences] == ["Τι είναι;", "Είναι καλό."]


def test_a_semicolon_is_no_sentence_end_outside_greek():
    assert len(split_sentences(normalise("It is late; we go home.", "en"))) == 1


@pytest.mark.parametrize("text, language, sentences", [
    ("A GDPR 26. cikke szerint közösen felelnek. Ez fontos.", "hu", 2),
    ("VDAR 9. panta 2. punkta a apakšpunkts to atļauj. Tas ir svarīgi.", "lv", 2),
    ("Am 3. und am 4. ist es offen. Dann nicht mehr.", "de", 2),
    ("It ended in 2020. Then it began again.", "en", 2),
    ("We counted to 3. the rest was lost.", "en", 1),
])
def test_a_dot_after_a_number_before_a_lower_case_word_is_an_ordinal(text, language, sentences):
    assert len(split_sentences(normalise(text, language))) == sentences
