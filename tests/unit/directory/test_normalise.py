"""Email domains in their stored form, and the folded text that hospital search matches."""

import pytest

from consent_service.directory.normalise import (
    InvalidDomain,
    domain_and_parents,
    normalise_domain,
    search_text,
)


@pytest.mark.parametrize(("given", "stored"), [
    ("hospital.example", "hospital.example"),
    ("  Hospital.EXAMPLE  ", "hospital.example"),
    ("hospital.example.", "hospital.example"),
    ("klinik-münchen.example", "klinik-münchen.example"),
    ("KLINIK-MÜNCHEN.example", "klinik-münchen.example"),
    ("xn--klinik-mnchen-3ob.example", "klinik-münchen.example"),
    ("klinik-mu\u0308nchen.example", "klinik-münchen.example"),  # decomposed ü: NFC
    ("παράδειγμα.ελ", "παράδειγμα.ελ"),
    ("例子。测试", "例子.测试"),  # an ideographic full stop is a dot
    ("uniklinik-köln.de", "uniklinik-köln.de"),
])
def test_domains_are_stored_lower_case_in_unicode_form(given, stored):
    assert normalise_domain(given) == stored


@pytest.mark.parametrize(("given", "problem"), [
    ("", "empty"),
    ("https://hospital.example", "not a domain"),
    ("hospital.example/staff", "not a domain"),
    ("doctor@hospital.example", "email address"),
    ("hospital .example", "space"),
    ("hospital.example:443", "port"),
    ("localhost", "no dot"),
    ("hospital..example", "empty label"),
    ("192.168.1.10", "IP address"),
    ("-hospital.example", "letters, digits and inner hyphens"),
    ("hospital_a.example", "letters, digits and inner hyphens"),
    ("ab--cd.example", "3rd and 4th"),
    ("xn--zz.example", "not valid IDNA"),
    ("straße.example", "changes when IDNA-encoded"),  # IDNA 2003 would make it strasse
    ("a\u200db.example", "changes when IDNA-encoded"),
    ("x" * 64 + ".example", "longer than 63"),
    (".".join(["abcdefgh"] * 30), "longer than 253"),
    ("hospital\x00.example", "control character"),
])
def test_domains_that_cannot_be_stored_are_refused_with_a_reason(given, problem):
    with pytest.raises(InvalidDomain, match=problem):
        normalise_domain(given)


def test_a_domain_has_its_parents_down_to_two_labels():
    assert domain_and_parents("cardio.med.hospital.example") == [
        "cardio.med.hospital.example", "med.hospital.example", "hospital.example"]


@pytest.mark.parametrize(("given", "folded"), [
    ("Hôpital Universitaire de Genève", "hopital universitaire de geneve"),
    ("Klinikum MÜNCHEN", "klinikum munchen"),
    ("Łódź", "lodz"),
    ("Ærøskøbing", "aeroskobing"),
    ("Straße", "strasse"),
    ("Saint-Luc  (Bruxelles)", "saint luc bruxelles"),
    ("Πανεπιστημιακό Νοσοκομείο", "πανεπιστημιακο νοσοκομειο"),
])
def test_search_text_is_lower_case_without_accents_or_punctuation(given, folded):
    assert search_text(given) == folded
