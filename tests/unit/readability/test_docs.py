"""docs/readability.md shows the code's threshold table, row by row, with every source."""

from __future__ import annotations

from pathlib import Path

from consent_service.i18n import SUPPORTED_LANGUAGES
from consent_service.readability import THRESHOLDS

DOC = (Path(__file__).parents[3] / "docs" / "readability.md").read_text(encoding="utf-8")


def test_every_row_of_the_table_is_documented():
    rows = [line for line in DOC.splitlines() if line.startswith("| ") and "` |" in line]
    documented = {tuple(cell.strip() for cell in line.split("|")[1:5]) for line in rows}
    for row in THRESHOLDS:
        sign = "≥" if row.direction == "min" else "≤"
        language = f"{row.language} ({SUPPORTED_LANGUAGES[row.language]})"
        assert (language, f"`{row.metric}`", f"{sign} {row.threshold:g}", row.direction) in (
            documented
        ), row


def test_every_source_is_cited_in_full():
    for row in THRESHOLDS:
        assert row.source in DOC, row.source[:60]
