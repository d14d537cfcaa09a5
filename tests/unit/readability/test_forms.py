"""Every consent form file: each text part passes its language's readability thresholds, and
each language has the same keys and placeholders as English. The same check as
`flask forms check`; a language without a file yet is simply not checked."""

from __future__ import annotations

import pathlib

import pytest

from consent_service.readability.counting import BASE_FORM_COUNTERS
from consent_service.readability.services import (
    REFERENCE_LANGUAGE,
    language_files,
    parity_problems,
    score_file,
    version_folders,
)
from tests.unit.readability.voikko import require_voikko

FORMS = pathlib.Path(__file__).parents[3] / "forms"
FILES = [path for folder in version_folders(FORMS) for path in language_files(folder)]


def _name(path: pathlib.Path) -> str:
    return path.relative_to(FORMS).as_posix()


def _parts():
    for path in FILES:
        for part in score_file(path):
            yield pytest.param(part, id=f"{_name(path)}:{part.part}")


@pytest.mark.parametrize("part", list(_parts()))
def test_form_text_passes_its_thresholds(part):
    if part.language in BASE_FORM_COUNTERS:
        require_voikko()  # Finnish: skipped without Voikko only when CI is not set
    assert part.error is None, part.error
    failed = [
        f"{check.metric} {check.score} (needs {'≥' if check.direction == 'min' else '≤'} "
        f"{check.threshold:g})"
        for check in part.result.checks
        if not check.passed
    ]
    assert not failed, f"{', '.join(failed)}; hardest: {part.result.hardest_sentences}"


@pytest.mark.parametrize(
    "path",
    [p for p in FILES if p.stem != REFERENCE_LANGUAGE],
    ids=_name,
)
def test_language_file_matches_english(path):
    problems = parity_problems(path, path.parent / f"{REFERENCE_LANGUAGE}.toml")
    assert not problems, "\n".join(str(p) for p in problems)


def test_forms_exist():
    assert any(path.stem == REFERENCE_LANGUAGE for path in FILES)
