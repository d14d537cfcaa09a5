"""translations/messages.pot holds exactly the strings the code marks for translation."""

import re

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po

from consent_service.i18n import SUPPORTED_LANGUAGES
from tests.conftest import ROOT


def extracted() -> set:
    with (ROOT / "babel.cfg").open() as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    keywords = {**DEFAULT_KEYWORDS, "_l": None, "lazy_gettext": None}
    found = set()
    for _filename, _lineno, message, _comments, _context in extract_from_dir(
            str(ROOT), method_map, options_map, keywords=keywords):
        found.add(message if isinstance(message, str) else tuple(message))
    return found


def test_messages_pot_is_up_to_date():
    with (ROOT / "translations" / "messages.pot").open("rb") as handle:
        catalog = read_po(handle)
    in_pot = {m.id if isinstance(m.id, str) else tuple(m.id) for m in catalog if m.id}
    in_code = extracted()
    assert in_code - in_pot == set(), "run `make extract`: new strings missing from the .pot"
    assert in_pot - in_code == set(), "run `make extract`: the .pot has strings no longer used"


PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")
LANGUAGES = sorted(code for code in SUPPORTED_LANGUAGES if code != "en")  # en is the source


def read_catalog(language: str):
    path = ROOT / "translations" / language / "LC_MESSAGES" / "messages.po"
    assert path.exists(), f"{path} is missing: run `pybabel init -l {language}` and translate"
    with path.open("rb") as handle:
        return read_po(handle, locale=language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalog_is_complete_not_fuzzy_and_keeps_placeholders(language):
    catalog = read_catalog(language)
    with (ROOT / "translations" / "messages.pot").open("rb") as handle:
        template = read_po(handle)
    problems = []
    for source in template:
        if not source.id:
            continue
        entry = catalog.get(source.id)
        name = source.id if isinstance(source.id, str) else source.id[0]
        if entry is None:
            problems.append(f"missing: {name!r}")
            continue
        if entry.fuzzy:
            problems.append(f"fuzzy: {name!r}")
        strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        if not all(strings):
            problems.append(f"untranslated: {name!r}")
            continue
        ids = source.id if isinstance(source.id, tuple) else (source.id,)
        expected = set(PLACEHOLDER.findall(" ".join(ids)))
        for text in strings:
            if set(PLACEHOLDER.findall(text)) != expected:
                problems.append(f"placeholders differ: {name!r} -> {text!r}")
    assert not problems, f"{language}: " + "; ".join(problems[:20])


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalog_plural_forms_match_the_language(language):
    catalog = read_catalog(language)
    expected = get_plural(language)
    assert catalog.num_plurals == expected.num_plurals
    assert catalog.plural_expr.replace(" ", "") == expected.plural_expr.replace(" ", "")
    for message in catalog:
        if message.id and isinstance(message.id, tuple):
            assert len(message.string) == expected.num_plurals, message.id


def test_no_catalog_header_is_fuzzy():
    for path in (ROOT / "translations").glob("*/LC_MESSAGES/messages.po"):
        with path.open("rb") as handle:
            assert not read_po(handle).fuzzy, f"{path}: header marked fuzzy"
