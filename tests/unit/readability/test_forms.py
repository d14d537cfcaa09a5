"""Every running text of every consent form passes its language's readability thresholds."""

from __future__ import annotations

import pathlib
import tomllib

import pytest

from consent_service.readability import score_text

FORMS = pathlib.Path(__file__).parents[3] / "forms"


def _parts():
    for path in sorted(FORMS.glob("*/*/*.toml")):
        if path.name == "form.toml":
            continue
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        name = path.relative_to(FORMS).as_posix()
        yield pytest.param(
            data["language"], data["key_information"]["text"], id=f"{name}:key_information"
        )
        for section in data["sections"]:
            yield pytest.param(data["language"], section["text"], id=f"{name}:{section['key']}")
        for key, choice in data["choices"].items():
            yield pytest.param(data["language"], choice["explanation"], id=f"{name}:{key}")
        yield pytest.param(data["language"], data["decline"]["text"], id=f"{name}:decline")


@pytest.mark.parametrize(("language", "text"), list(_parts()))
def test_form_text_passes_its_thresholds(language, text):
    result = score_text(text, language)
    failed = [check for check in result.checks if not check.passed]
    assert not failed, f"{failed}; hardest sentences: {result.hardest_sentences}"
