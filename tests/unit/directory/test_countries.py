"""EU/EEA membership and ISO 3166-1 country codes."""

import pytest

from consent_service.directory.countries import EU, EU_EEA, ISO_3166_1, is_country, is_eu_eea


def test_the_eu_has_27_members_and_the_eea_adds_iceland_liechtenstein_norway():
    assert len(EU) == 27
    assert sorted(EU_EEA - EU) == ["IS", "LI", "NO"]
    assert EU_EEA <= ISO_3166_1


def test_iso_3166_1_lists_the_249_assigned_codes():
    assert len(ISO_3166_1) == 249
    assert all(len(code) == 2 and code.isupper() for code in ISO_3166_1)


@pytest.mark.parametrize("code", ["AT", "BE", "DE", "GR", "HR", "IE", "MT", "IS", "LI", "NO"])
def test_eu_and_eea_countries_are_eligible(code):
    assert is_eu_eea(code)


@pytest.mark.parametrize("code", [
    "CH",  # Switzerland: EFTA, but not in the EEA
    "GB",  # left the EU in 2020
    "UA", "TR", "RS", "US",
    "EL",  # the EU's own code for Greece, not ISO 3166-1
    "de",  # codes are upper case
    "", "DEU",
])
def test_other_countries_and_malformed_codes_are_not(code):
    assert not is_eu_eea(code)


@pytest.mark.parametrize(("code", "expected"), [
    ("IT", True), ("CH", True), ("UA", True), ("it", False), ("XK", False), ("UK", False),
    ("EU", False), ("ITA", False),
])
def test_is_country(code, expected):
    assert is_country(code) is expected
