"""`flask forms check`: a table of every part, exit status 1 on any failure or parity problem."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def forms(english_forms_dir) -> Path:
    """form.toml and en.toml of the shipped form, alone in a forms directory."""
    return english_forms_dir


def test_passing_forms_print_the_table_and_exit_0(runner, forms):
    result = runner.invoke(args=["forms", "check", "--forms-dir", str(forms)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == [
        "form",
        "version",
        "language",
        "section",
        "formula",
        "score",
        "threshold",
        "pass",
    ]
    assert any(
        line.split()[:5] == ["ern-panel-consent", "1", "en", "why", "flesch_reading_ease"]
        for line in lines
    )
    assert "every language matches English" in lines[-1]


def test_a_file_missing_a_section_is_named_and_exits_1(runner, forms):
    folder = forms / "ern-panel-consent" / "1"
    text = (folder / "en.toml").read_text(encoding="utf-8")
    text = text.replace('language = "en"', 'language = "sv"')
    (folder / "sv.toml").write_text(
        text.replace('key = "rights"', 'key = "right"'), encoding="utf-8"
    )
    result = runner.invoke(args=["forms", "check", "--forms-dir", str(forms)])
    assert result.exit_code == 1
    assert f"{folder / 'sv.toml'}: sections.rights.key: missing" in result.output


def test_a_failing_text_exits_1(runner, forms):
    folder = forms / "ern-panel-consent" / "1"
    text = (folder / "en.toml").read_text(encoding="utf-8")
    hard = "Administrative authorities necessitate comprehensive documentation."
    text = text.replace("Your data are encrypted while they travel", hard + " Your data travel")
    (folder / "en.toml").write_text(text, encoding="utf-8")
    result = runner.invoke(args=["forms", "check", "--forms-dir", str(forms)])
    assert result.exit_code == 1
    assert "1 of" in result.output and "parts fail" in result.output


def test_the_app_forms_dir_is_the_default(runner):
    result = runner.invoke(args=["forms", "check"])
    assert "ern-panel-consent" in result.output
