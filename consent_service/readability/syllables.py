"""Count syllables per language: pyphen's hyphenation points, floored by spelling rules.

Hyphenation dictionaries leave out points near a word's edges ("ospe-da-le", "leer"), so a
count from pyphen alone is too low; each language's spelling rule gives a floor (vowel letters,
minus the digraphs that spell one vowel, plus syllabic r and l). The result is the larger of
the two; the floor counts spoken syllables (a French final mute e is not one). Where the
spelling rule is exact or pyphen has no dictionary, only the rule is used:

- hu, bg, uk: one vowel letter is one syllable (no vowel digraphs); Ukrainian hyphenation
  points fall between consonants ("лі-ка-р-ня"), so pyphen would count too many.
- fi, ga, mt: pyphen has no dictionary. Finnish long vowels and diphthongs are one syllable
  (ie, uo, yö only in the first syllable, as in Finnish phonology); Irish and Maltese vowel
  clusters mostly spell one vowel (Irish broad/slender marking, Maltese "ie"), so one cluster
  counts one syllable. Both are approximations: lenited consonants and hiatus go uncounted.
"""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass

import pyphen

_JOINERS = re.compile(r"[-‐‑]")
_MUTE_E = re.compile(r"[^aeiouyàâæéèêëîïôœùûüÿ]es?$")


@dataclass(frozen=True)
class SpellingRule:
    """How a language spells its syllable nuclei."""

    vowels: str
    pyphen: str | None  # pyphen dictionary, None when it is absent or counts worse
    digraphs: tuple[str, ...] = ()  # vowel sequences that spell one nucleus, longest first
    merge_clusters: bool = False  # a run of vowels is one nucleus (few hiatuses in spelling)
    strong: str = ""  # with merge_clusters: two adjacent strong vowels are two nuclei (hiatus)
    new_nucleus: str = ""  # letters that always start a nucleus (diaeresis, iotated vowels)
    glide_before_vowel: str = ""  # letters that are a glide, not a nucleus, before a vowel
    syllabic: str = ""  # consonants that carry a syllable between consonants (r, l)
    first_syllable_digraphs: tuple[str, ...] = ()  # one nucleus only in a word's first syllable
    mute_final_e: bool = False  # French: a final e or es after a consonant is not spoken


RULES: dict[str, SpellingRule] = {
    "bg": SpellingRule("аъеиоуюя", None),
    "cs": SpellingRule("aáeéěiíoóuúůyý", "cs_CZ", digraphs=("ou", "au", "eu"), syllabic="rl"),
    "da": SpellingRule("aeiouyæøå", "da_DK", merge_clusters=True),
    "de": SpellingRule(
        "aeiouyäöü", "de_DE", digraphs=("äu", "eu", "au", "ei", "ai", "ie", "aa", "ee", "oo")
    ),
    "el": SpellingRule("αεηιουωάέήίόύώϊϋΐΰ", "el_GR", merge_clusters=True),
    "es": SpellingRule("aeiouáéíóúü", "es", merge_clusters=True, strong="aeoáéíóú"),
    "et": SpellingRule("aeiouõäöü", "et_EE", merge_clusters=True),
    "fi": SpellingRule(
        "aeiouyäö",
        None,
        digraphs=(
            "aa",
            "ee",
            "ii",
            "oo",
            "uu",
            "yy",
            "ää",
            "öö",
            "ai",
            "ei",
            "oi",
            "ui",
            "yi",
            "äi",
            "öi",
            "au",
            "eu",
            "ou",
            "iu",
            "ey",
            "äy",
            "öy",
            "iy",
        ),
        first_syllable_digraphs=("ie", "uo", "yö"),
    ),
    "fr": SpellingRule(
        "aeiouyàâæéèêëîïôœùûüÿ", "fr", merge_clusters=True, new_nucleus="ëïü", mute_final_e=True
    ),
    "ga": SpellingRule("aeiouáéíóú", None, merge_clusters=True),
    "hr": SpellingRule("aeiou", "hr_HR", digraphs=("ie",), syllabic="r"),
    "hu": SpellingRule("aáeéiíoóöőuúüű", None),
    "it": SpellingRule("aeiouàèéìíòóùú", "it_IT", merge_clusters=True),
    "lt": SpellingRule("aąeęėiįyouųū", "lt", merge_clusters=True),
    "lv": SpellingRule("aāeēiīouū", "lv_LV", merge_clusters=True),
    "mt": SpellingRule("aeiouàèìòù", None, merge_clusters=True),
    "nl": SpellingRule(
        "aeiouyáéíóúèëïöü",
        "nl_NL",
        digraphs=(
            "aai",
            "ooi",
            "oei",
            "eeu",
            "ieu",
            "aa",
            "ee",
            "oo",
            "uu",
            "ie",
            "oe",
            "ou",
            "au",
            "ui",
            "ei",
            "eu",
            "ij",
        ),
        new_nucleus="ëïöü",
    ),
    "pl": SpellingRule("aąeęioóuy", "pl_PL", digraphs=("au", "eu"), glide_before_vowel="i"),
    "pt": SpellingRule("aeiouáàâãéêíóôõúü", "pt_PT", merge_clusters=True, strong="aeoáéíóúâêô"),
    "ro": SpellingRule("aăâeiîou", "ro_RO", merge_clusters=True),
    "sk": SpellingRule(
        "aáäeéiíoóôuúyý", "sk_SK", digraphs=("ia", "ie", "iu", "ou", "au", "eu"), syllabic="rlŕĺ"
    ),
    "sl": SpellingRule("aeiou", "sl_SI", syllabic="r"),
    "sv": SpellingRule("aeiouyåäö", "sv", merge_clusters=True),
    "uk": SpellingRule("аеєиіїоуюя", None),
}


def _nuclei_in_run(run: str, rule: SpellingRule, first: bool) -> int:
    """Count the nuclei in one run of vowel letters."""
    if rule.merge_clusters:
        count = 1
        for before, after in zip(run, run[1:], strict=False):
            if after in rule.new_nucleus or (before in rule.strong and after in rule.strong):
                count += 1
        return count
    count, i = 0, 0
    while i < len(run):
        if run[i] in rule.glide_before_vowel and i + 1 < len(run):
            i += 1  # Polish "nie", "się": the i only softens the consonant
            continue
        step = 1
        pairs = rule.digraphs + (rule.first_syllable_digraphs if first and count == 0 else ())
        for digraph in sorted(pairs, key=len, reverse=True):
            following = run[i + len(digraph) : i + len(digraph) + 1]
            if run.startswith(digraph, i) and not (following and following in rule.new_nucleus):
                step = len(digraph)
                break
        count += 1
        i += step
    return count


def spelled_syllables(word: str, rule: SpellingRule) -> int:
    """Return the syllable nuclei a word's spelling shows, at least one."""
    vowels = rule.vowels
    count, run = 0, ""
    letters = [ch for ch in word if ch.isalpha()]
    for index, ch in enumerate(letters):
        if ch in vowels:
            run += ch
            continue
        if run:
            count += _nuclei_in_run(run, rule, first=count == 0)
            run = ""
        if ch in rule.syllabic:
            before = letters[index - 1] if index else ""
            after = letters[index + 1] if index + 1 < len(letters) else ""
            if before not in rule.vowels and after not in rule.vowels and (before or after):
                count += 1  # Czech "vlk", Croatian "prst", Czech "Petr"
    if run:
        count += _nuclei_in_run(run, rule, first=count == 0)
    if rule.mute_final_e and count > 1 and _MUTE_E.search(word):
        count -= 1  # "personne", "une": counted as spoken, as pyphen's French patterns do
    return max(1, count)


_HYPHENATOR_LOCK = threading.Lock()


@functools.cache
def _load_hyphenator(dictionary: str) -> pyphen.Pyphen:
    return pyphen.Pyphen(lang=dictionary)


def hyphenator(dictionary: str) -> pyphen.Pyphen:
    """Return pyphen's hyphenator for a dictionary, loading it once per process."""
    with _HYPHENATOR_LOCK:  # functools.cache alone would let two first callers both load it
        return _load_hyphenator(dictionary)


def is_acronym(word: str) -> bool:
    """Return whether word is an acronym of two to six capitals, read letter by letter."""
    letters = [ch for ch in word if ch.isalpha()]
    return 2 <= len(letters) <= 6 and all(ch.isupper() for ch in letters)


def language_syllables(word: str, rule: SpellingRule, hyph: pyphen.Pyphen | None) -> int:
    """Return the syllables of a word: the larger of pyphen's count and the spelling floor."""
    key = word.replace("\u2024", ".")
    if key.isdigit():
        return len(key)  # one syllable a digit, as for English
    parts = [part for part in _JOINERS.split(key) if part]
    if len(parts) > 1:
        return sum(language_syllables(part, rule, hyph) for part in parts)
    if is_acronym(key):
        return sum(1 for ch in key if ch.isalpha())  # spelt out letter by letter: DSGVO
    key = "".join(ch for ch in key.lower() if ch.isalnum())
    if not key:
        return 1
    floor = spelled_syllables(key, rule)
    if hyph is None:
        return floor
    return max(len(hyph.positions(key)) + 1, floor)


def counter_for(language: str) -> Callable[[str], int]:
    """Return the syllable counter of a language other than English."""
    rule = RULES[language]
    hyph = hyphenator(rule.pyphen) if rule.pyphen else None
    return functools.partial(language_syllables, rule=rule, hyph=hyph)
