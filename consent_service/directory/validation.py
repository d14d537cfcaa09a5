"""Check directory rows and turn them into hospital records; every problem is collected."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .countries import COMMON_MISTAKES, is_country
from .csvfile import CsvRow, RowError
from .models import MEMBERSHIP_KINDS
from .normalise import InvalidDomain, normalise_domain

# The same shape the API accepts for a hospital code.
HOSPITAL_CODE = re.compile(r"^[A-Za-z0-9_-]{1,32}$")
MAX_LENGTHS = {"name": 200, "city": 100, "dpo_contact": 200}
MAX_DOMAINS = 50


@dataclass(frozen=True)
class HospitalRecord:
    """One valid row: a hospital as the file describes it."""

    line: int
    code: str
    name: str
    country: str
    city: str
    domains: tuple[str, ...]
    memberships: Mapping[str, str]  # network code -> member | partner
    dpo_contact: str | None  # None: the file has no dpo_contact column; keep what is stored


def _text(value: str) -> str:
    """Return the cell trimmed and NFC-normalised, so equal names compare equal."""
    return unicodedata.normalize("NFC", value.strip())


def _items(value: str) -> list[str]:
    return [item.strip() for item in value.split(";") if item.strip()]


class _RowChecker:
    """Check one row's cells, recording problems against its line."""

    def __init__(self, row: CsvRow, errors: list[RowError]):
        self.row, self.errors = row, errors

    def fail(self, column: str, message: str) -> None:
        self.errors.append(RowError(self.row.line, column, message))

    def text(self, column: str, required: bool = True) -> str:
        value = _text(self.row.values.get(column, ""))
        if required and not value:
            self.fail(column, "required")
        elif any(unicodedata.category(char) == "Cc" for char in value):
            self.fail(column, "contains a control character")
        elif column in MAX_LENGTHS and len(value) > MAX_LENGTHS[column]:
            self.fail(column, f"longer than {MAX_LENGTHS[column]} characters")
        return value

    def code(self) -> str:
        code = self.text("code")
        if code and not HOSPITAL_CODE.match(code):
            self.fail("code", f"{code!r} may hold only letters A-Z, digits, '-' and '_' "
                              "(at most 32)")
        return code

    def country(self) -> str:
        country = self.text("country")
        if not country:
            return country
        if country in COMMON_MISTAKES:
            self.fail("country", f"{country!r} is not ISO 3166-1: write "
                                 f"{COMMON_MISTAKES[country]}")
        elif country.upper() != country and is_country(country.upper()):
            self.fail("country", f"{country!r}: write the code in upper case "
                                 f"({country.upper()})")
        elif not is_country(country):
            self.fail("country", f"{country!r} is not an ISO 3166-1 alpha-2 country code")
        return country

    def domains(self) -> tuple[str, ...]:
        found: list[str] = []
        for item in _items(self.row.values.get("email_domains", "")):
            try:
                domain = normalise_domain(item)
            except InvalidDomain as exc:
                self.fail("email_domains", str(exc))
                continue
            if domain not in found:
                found.append(domain)
        if len(found) > MAX_DOMAINS:
            self.fail("email_domains", f"more than {MAX_DOMAINS} domains")
        return tuple(found)

    def memberships(self, networks: Mapping[str, str]) -> dict[str, str]:
        found: dict[str, str] = {}
        for item in _items(self.row.values.get("networks", "")):
            given, _, kind = (part.strip() for part in item.partition(":"))
            code = networks.get(given.casefold())
            if not kind:
                self.fail("networks", f"{item!r}: write CODE:member or CODE:partner")
            elif kind.lower() not in MEMBERSHIP_KINDS:
                self.fail("networks", f"{item!r}: the kind is member or partner, not {kind!r}")
            elif code is None:
                self.fail("networks", f"unknown network {given!r} (flask directory networks "
                                      "lists the codes)")
            elif code in found:
                self.fail("networks", f"{code} is listed twice")
            else:
                found[code] = kind.lower()
        return found


def validate_rows(rows: Iterable[CsvRow], network_codes: Iterable[str]
                  ) -> tuple[list[HospitalRecord], list[RowError]]:
    """Return a record per valid row, and every problem found, in file order."""
    networks = {code.casefold(): code for code in network_codes}
    records: list[HospitalRecord] = []
    errors: list[RowError] = []
    first_line: dict[str, int] = {}
    for row in rows:
        if row.problem:
            errors.append(RowError(row.line, None, row.problem))
            continue
        before = len(errors)
        check = _RowChecker(row, errors)
        code = check.code()
        if code in first_line:
            check.fail("code", f"{code} is also on line {first_line[code]}")
        elif code:
            first_line[code] = row.line
        record = HospitalRecord(
            line=row.line, code=code, name=check.text("name"), country=check.country(),
            city=check.text("city"), domains=check.domains(),
            memberships=check.memberships(networks),
            dpo_contact=(check.text("dpo_contact", required=False)
                         if "dpo_contact" in row.values else None),
        )
        if len(errors) == before:
            records.append(record)
    return records, errors
