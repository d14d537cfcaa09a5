"""translations/messages.pot holds exactly the strings the code marks for translation."""

from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

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
