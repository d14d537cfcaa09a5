"""Normal forms: email domains (lower-case Unicode, IDNA-checked) and accent-free search text."""

from __future__ import annotations

import encodings.idna
import re
import unicodedata

MAX_DOMAIN_LENGTH = 253  # of the ASCII (IDNA) form, as DNS allows
MAX_LABEL_LENGTH = 63
_LDH_LABEL = re.compile(r"^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$")
# UTS 46 maps these full stops to "." before anything else; people paste them from CJK text.
_DOTS = str.maketrans({"\u3002": ".", "\uff0e": ".", "\uff61": "."})
# Letters that Unicode does not decompose into a base letter and an accent.
_UNDECOMPOSED = str.maketrans({"æ": "ae", "ø": "o", "œ": "oe", "ł": "l", "đ": "d", "ð": "d",
                               "þ": "th", "ı": "i", "ħ": "h"})


class InvalidDomain(ValueError):
    """The text is not a domain we can store; the message says why, for operators."""


def _shown(text: str) -> str:
    return repr(text if len(text) <= 60 else text[:57] + "...")


def _label_forms(label: str) -> tuple[str, str]:
    """Return the label's ASCII (IDNA) and Unicode forms, or raise InvalidDomain."""
    try:
        ascii_label = encodings.idna.ToASCII(label).decode("ascii")
        unicode_label = encodings.idna.ToUnicode(ascii_label)
    except UnicodeError:
        if len(label) > MAX_LABEL_LENGTH:
            raise InvalidDomain(f"label {_shown(label)} is longer than {MAX_LABEL_LENGTH} "
                                "characters") from None
        raise InvalidDomain(f"label {_shown(label)} is not valid IDNA") from None
    if not _LDH_LABEL.match(ascii_label):
        raise InvalidDomain(f"label {_shown(label)} may hold only letters, digits and inner "
                            "hyphens")
    if ascii_label[2:4] == "--" and not ascii_label.startswith("xn--"):
        raise InvalidDomain(f"label {_shown(label)} has hyphens in its 3rd and 4th places")
    if not label.startswith("xn--") and unicode_label != label:
        # IDNA 2003 (the standard library's) rewrites ß, ς and joiners into other letters,
        # which would point at someone else's domain: refuse rather than store a guess.
        raise InvalidDomain(f"label {_shown(label)} changes when IDNA-encoded "
                            f"({_shown(unicode_label)})")
    return ascii_label, unicode_label


def normalise_domain(text: str) -> str:
    """Return the domain in lower-case Unicode (NFC) form, or raise InvalidDomain."""
    domain = unicodedata.normalize("NFC", text.strip()).translate(_DOTS).lower()
    if not domain:
        raise InvalidDomain("empty domain")
    if "://" in domain or "/" in domain:
        raise InvalidDomain(f"{_shown(text)} is an address, not a domain: give only the domain")
    if "@" in domain:
        raise InvalidDomain(f"{_shown(text)} is an email address: give only the part after @")
    if any(char.isspace() for char in domain):
        raise InvalidDomain(f"{_shown(text)} contains a space")
    if any(unicodedata.category(char) == "Cc" for char in domain):
        raise InvalidDomain(f"{_shown(text)} contains a control character")
    if ":" in domain:
        raise InvalidDomain(f"{_shown(text)} contains ':' (give the domain without a port)")
    domain = domain.removesuffix(".")
    labels = domain.split(".")
    if len(labels) < 2:
        raise InvalidDomain(f"{_shown(text)} has no dot: give the whole domain, e.g. "
                            "hospital.example")
    if "" in labels:
        raise InvalidDomain(f"{_shown(text)} has an empty label (two dots in a row?)")
    if labels[-1].isdigit():
        raise InvalidDomain(f"{_shown(text)} looks like an IP address; give a domain")
    forms = [_label_forms(label) for label in labels]
    if len(".".join(ascii_label for ascii_label, _ in forms)) > MAX_DOMAIN_LENGTH:
        raise InvalidDomain(f"{_shown(text)} is longer than {MAX_DOMAIN_LENGTH} characters "
                            "in its IDNA form")
    return ".".join(unicode_label for _, unicode_label in forms)


def domain_and_parents(domain: str) -> list[str]:
    """Return the domain and each parent with at least two labels, most specific first."""
    labels = domain.split(".")
    return [".".join(labels[start:]) for start in range(len(labels) - 1)]


def search_text(*parts: str | None) -> str:
    """Fold text for matching: lower case, no accents, words separated by single spaces."""
    text = " ".join(part for part in parts if part).casefold()
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    bare = bare.translate(_UNDECOMPOSED)
    return " ".join("".join(char if char.isalnum() else " " for char in bare).split())
