"""The form check without the CLI: readability of each part, parity of each file with English."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from consent_service.readability.commands import format_table, report_rows
from consent_service.readability.services import check_forms, flatten, parity_problems


@pytest.fixture
def forms(english_forms_dir) -> Path:
    """form.toml and en.toml of the shipped form, alone in a forms directory."""
    return english_forms_dir


def _variant(forms: Path, language: str, edit) -> Path:
    """Write <language>.toml as en.toml with one edit applied to its text."""
    folder = forms / "ern-panel-consent" / "1"
    text = (folder / "en.toml").read_text(encoding="utf-8")
    text = text.replace('language = "en"', f'language = "{language}"')
    path = folder / f"{language}.toml"
    path.write_text(edit(text), encoding="utf-8")
    return path


def _problems(forms: Path, path: Path) -> list[tuple[str, str]]:
    reference = forms / "ern-panel-consent" / "1" / "en.toml"
    return [(p.key, p.problem) for p in parity_problems(path, reference)]


def test_an_identical_copy_has_no_problems(forms):
    assert _problems(forms, _variant(forms, "sv", lambda t: t)) == []


def test_a_missing_section_is_named(forms):
    path = _variant(forms, "sv", lambda t: t.replace('key = "security"', 'key = "safety"'))
    problems = _problems(forms, path)
    assert ("sections.security.key", "missing (present in en.toml)") in problems
    assert ("sections.safety.key", "not in en.toml") in problems


def test_a_missing_question_and_option_are_named(forms):
    def edit(text):
        text = text.replace('key = "change_mind"', 'key = "changed_mind"')
        return text.replace('{ key = "c", text = "Anyone in the ERN" },', "")

    problems = dict(_problems(forms, _variant(forms, "sv", edit)))
    assert problems["questions.change_mind.text"] == "missing (present in en.toml)"
    assert problems["questions.who_sees_name.options.c.text"] == "missing (present in en.toml)"


def test_a_missing_choice_is_named(forms):
    def edit(text):
        return re.sub(r"\[choices\.registry\]\n(.+\n){4}", "", text)

    problems = dict(_problems(forms, _variant(forms, "sv", edit)))
    assert problems["choices.registry.explanation"] == "missing (present in en.toml)"


def test_a_missing_or_extra_placeholder_is_named(forms):
    def edit(text):
        text = text.replace("You can change any of your choices", "{clinic}: change your choices")
        return text.replace("Your care at {hospital} goes on", "Your care goes on")

    problems = _problems(forms, _variant(forms, "sv", edit))
    assert problems == [
        ("decline.text", "placeholder {hospital} missing"),
        ("sections.withdrawal.text", "placeholder {clinic} not in English"),
    ]


def test_the_language_field_must_match_the_file_name(forms):
    path = _variant(forms, "sv", lambda t: t.replace('language = "sv"', 'language = "da"'))
    assert _problems(forms, path) == [("language", "should be 'sv'")]


def test_an_unreadable_file_is_one_problem(forms):
    path = _variant(forms, "sv", lambda t: t + "\n[broken\n")
    ((key, _problem),) = _problems(forms, path)
    assert key == "(file)"


def test_flatten_names_list_items_by_their_key():
    leaves = flatten({"sections": [{"key": "why", "text": "T"}], "choices": {"care": {"a": 1}}})
    assert leaves == {"sections.why.key": "why", "sections.why.text": "T", "choices.care.a": 1}


def test_english_passes_and_reports_every_part(forms):
    report = check_forms(forms)
    assert report.passed, [p for p in report.scores if not p.passed]
    parts = [p.part for p in report.scores]
    assert parts[0] == "key_information" and parts[-1] == "decline"
    assert {"why", "care", "registry", "research_contact"} <= set(parts)
    assert {p.language for p in report.scores} == {"en"}


def test_a_hard_text_fails_with_a_row_per_check(forms):
    hard = "Administrative authorities necessitate comprehensive documentation."
    _variant(
        forms,
        "de",
        lambda t: re.sub(r'(\[decline\]\ntitle = .*\ntext = """)[^"]+"""', rf'\1{hard}"""', t),
    )
    report = check_forms(forms)
    assert not report.passed
    rows = [row for row in report_rows(report) if row[2] == "de" and row[3] == "decline"]
    assert [(row[4], row[7]) for row in rows] == [
        ("amstad", "NO"),
        ("wiener_sachtextformel", "NO"),
    ]
    assert "wiener_sachtextformel" in format_table(rows)


def test_an_empty_text_is_an_error_row_not_a_crash(forms):
    _variant(
        forms,
        "de",
        lambda t: re.sub(r'(\[decline\]\ntitle = .*\ntext = """)[^"]+"""', r'\1 """', t),
    )
    report = check_forms(forms)
    (part,) = [p for p in report.scores if p.language == "de" and p.part == "decline"]
    assert part.result is None and part.error == "the text is empty"
    assert not report.passed


def test_a_language_without_formula_is_an_error_row(forms):
    _variant(forms, "tlh", lambda t: t)
    report = check_forms(forms)
    assert any(p.language == "tlh" and p.error for p in report.scores)


def test_a_missing_english_file_is_a_problem(forms):
    _variant(forms, "sv", lambda t: t)
    (forms / "ern-panel-consent" / "1" / "en.toml").unlink()
    (problem,) = check_forms(forms).problems
    assert problem.path.name == "en.toml" and problem.problem == "missing"
