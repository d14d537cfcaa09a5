"""Check consent form files: every text part passes its readability thresholds, and every
language has the same sections, choices, questions, options and placeholders as English."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from .errors import ReadabilityError
from .scoring import ReadabilityResult, score_text

REFERENCE_LANGUAGE = "en"
PLACEHOLDER = re.compile(r"\{(\w+)\}")
# Lists whose items are told apart by their "key", not by their position.
KEYED_LISTS = ("sections", "questions", "options")


@dataclass(frozen=True)
class TextPart:
    """One running text of a form file that is scored on its own."""

    name: str  # key_information, a section key, a choice key, or decline
    text: str


@dataclass(frozen=True)
class PartScore:
    """The readability verdict on one part of one language file of one form version."""

    form_id: str
    version: str
    language: str
    part: str
    path: Path
    result: ReadabilityResult | None
    error: str | None = None  # why the part could not be scored

    @property
    def passed(self) -> bool:
        """Return whether the part was scored and met every threshold."""
        return self.result is not None and self.result.passed


@dataclass(frozen=True)
class ParityProblem:
    """A language file that differs from the English one: which file, which key, what."""

    path: Path
    key: str
    problem: str

    def __str__(self) -> str:
        return f"{self.path}: {self.key}: {self.problem}"


@dataclass(frozen=True)
class FormsReport:
    """Readability scores and parity problems of every form file under a directory."""

    scores: tuple[PartScore, ...]
    problems: tuple[ParityProblem, ...]

    @property
    def passed(self) -> bool:
        """Return whether every part passes and no file differs from English."""
        return not self.problems and all(score.passed for score in self.scores)


def version_folders(forms_dir: Path) -> list[Path]:
    """Return every forms/<form-id>/<version>/ folder that has a form.toml."""
    return sorted(p for p in Path(forms_dir).glob("*/*") if (p / "form.toml").is_file())


def language_files(folder: Path) -> list[Path]:
    """Return the <lang>.toml files of a version folder."""
    return sorted(p for p in folder.glob("*.toml") if p.name != "form.toml")


def _read(path: Path) -> dict:
    with path.open("rb") as handle:
        return tomllib.load(handle)


def text_parts(data: dict) -> list[TextPart]:
    """Return the scored parts of a language file: key information, sections, choices, decline."""
    parts = [TextPart("key_information", data["key_information"]["text"])]
    parts += [TextPart(section["key"], section["text"]) for section in data["sections"]]
    parts += [TextPart(key, choice["explanation"]) for key, choice in data["choices"].items()]
    parts.append(TextPart("decline", data["decline"]["text"]))
    return parts


def score_file(path: Path) -> list[PartScore]:
    """Score every part of one language file."""
    folder = path.parent
    where = dict(form_id=folder.parent.name, version=folder.name, language=path.stem, path=path)
    try:
        parts = text_parts(_read(path))
    except (OSError, tomllib.TOMLDecodeError, KeyError, TypeError, AttributeError) as exc:
        return [PartScore(part="(file)", result=None, error=_describe(exc), **where)]
    scores = []
    for part in parts:
        try:
            result = score_text(part.text, path.stem)
        except (ReadabilityError, TypeError, AttributeError) as exc:
            scores.append(PartScore(part=part.name, result=None, error=_describe(exc), **where))
        else:
            scores.append(PartScore(part=part.name, result=result, **where))
    return scores


def _describe(exc: Exception) -> str:
    if isinstance(exc, KeyError):
        return f"missing key {exc.args[0]}"
    if isinstance(exc, (TypeError, AttributeError)):
        return "a text is not a string, or a table is not a table"
    return str(exc)


def flatten(data: dict) -> dict[str, object]:
    """Return every leaf of a language file by a dotted path; keyed lists use item keys."""
    leaves: dict[str, object] = {}

    def walk(node: object, path: str) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                walk(value, f"{path}.{key}" if path else str(key))
        elif isinstance(node, list) and path.rsplit(".", 1)[-1] in KEYED_LISTS:
            for index, item in enumerate(node):
                key = item.get("key") if isinstance(item, dict) else None
                walk(item, f"{path}.{key if key is not None else f'[{index}]'}")
        else:
            leaves[path] = node

    walk(data, "")
    return leaves


def _placeholders(value: object) -> set[str]:
    return set(PLACEHOLDER.findall(value)) if isinstance(value, str) else set()


def parity_problems(path: Path, reference: Path) -> list[ParityProblem]:
    """Compare one language file with the English one of the same form version."""
    try:
        data, english = _read(path), _read(reference)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        return [ParityProblem(path, "(file)", str(exc))]
    problems = []
    if data.get("language") != path.stem:
        problems.append(ParityProblem(path, "language", f"should be {path.stem!r}"))
    ours, theirs = flatten(data), flatten(english)
    for key in sorted(theirs.keys() - ours.keys()):
        if key != "language":
            problems.append(ParityProblem(path, key, f"missing (present in {reference.name})"))
    for key in sorted(ours.keys() - theirs.keys()):
        problems.append(ParityProblem(path, key, f"not in {reference.name}"))
    for key in sorted(ours.keys() & theirs.keys()):
        if key == "language":
            continue
        if isinstance(ours[key], str) != isinstance(theirs[key], str):
            problems.append(ParityProblem(path, key, "should be text, as in English"))
        missing = _placeholders(theirs[key]) - _placeholders(ours[key])
        extra = _placeholders(ours[key]) - _placeholders(theirs[key])
        if missing:
            names = ", ".join("{" + name + "}" for name in sorted(missing))
            problems.append(ParityProblem(path, key, f"placeholder {names} missing"))
        if extra:
            names = ", ".join("{" + name + "}" for name in sorted(extra))
            problems.append(ParityProblem(path, key, f"placeholder {names} not in English"))
    return problems


def check_forms(forms_dir: Path) -> FormsReport:
    """Score every part of every language file and compare each file with English."""
    scores: list[PartScore] = []
    problems: list[ParityProblem] = []
    for folder in version_folders(forms_dir):
        reference = folder / f"{REFERENCE_LANGUAGE}.toml"
        for path in language_files(folder):
            scores += score_file(path)
            if path != reference:
                if reference.is_file():
                    problems += parity_problems(path, reference)
                else:
                    problems.append(ParityProblem(reference, "(file)", "missing"))
    return FormsReport(tuple(scores), tuple(problems))
