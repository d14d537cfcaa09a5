"""Consent form files: forms/<form-id>/<version>/{form.toml,<lang>.toml}."""

from __future__ import annotations

import hashlib
import math
import re
import tomllib
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path

CHOICE_KEYS = ("care", "registry", "research_contact")
SIGNER_ROLES = ("patient", "guardian", "representative")
PLACEHOLDER = re.compile(r"\{(\w+)\}")
ALLOWED_PLACEHOLDERS = {"hospital"}
WORDS_PER_MINUTE = 200


class FormFileError(Exception):
    """A form file is missing, unreadable or lacks a key; the message names file and key."""


@dataclass(frozen=True)
class Question:
    """A comprehension question with its options, right answer and explaining section."""

    key: str
    text: str
    options: tuple[tuple[str, str], ...]
    answer: str
    passage: str


@dataclass(frozen=True)
class FormText:
    """One form version in one language, with the hospital's name filled in."""

    form_id: str
    version: int
    language: str
    data: dict
    questions: tuple[Question, ...]
    choice_rules: dict[str, dict] = field(repr=False)

    @property
    def title(self) -> str:
        return self.data["title"]

    @property
    def sections(self) -> list[dict]:
        return self.data["sections"]

    def section(self, key: str) -> dict:
        """Return the section with key."""
        return next(s for s in self.sections if s["key"] == key)

    def choice(self, key: str) -> dict:
        """Return the text of choice key, with whether it is required."""
        return {**self.data["choices"][key], "key": key,
                "required": bool(self.choice_rules[key].get("required"))}

    @cached_property
    def plain_text(self) -> str:
        """Return every word shown to the signer, in page order: what the hash covers."""
        d = self.data
        parts = [d["title"], d.get("intro", ""), d["key_information"]["title"],
                 d["key_information"]["text"]]
        for section in d["sections"]:
            parts += [section["title"], section["text"]]
        for question in self.questions:
            parts.append(question.text)
            parts += [f"{key}) {text}" for key, text in question.options]
        for key in CHOICE_KEYS:
            choice = d["choices"][key]
            parts += [choice["label"], choice["explanation"], choice["yes"], choice["no"]]
        signer = d["signer"]
        parts += [signer["title"], *(signer[role] for role in SIGNER_ROLES),
                  signer["confirmation"]]
        return "\n\n".join(p.strip() for p in parts if p and p.strip()) + "\n"

    @cached_property
    def sha256(self) -> str:
        """Return the SHA-256 of the exact text shown."""
        return hashlib.sha256(self.plain_text.encode("utf-8")).hexdigest()

    @cached_property
    def reading_minutes(self) -> int:
        """Estimate the reading time of the whole form in minutes."""
        words = len(re.findall(r"\w+", self.plain_text))
        return max(1, math.ceil(words / WORDS_PER_MINUTE))


@dataclass(frozen=True)
class FormVersion:
    """One version of a form: language-independent rules and the texts by language."""

    form_id: str
    version: int
    effective_date: date
    rules: dict
    texts: dict[str, dict]
    path: Path

    @property
    def languages(self) -> list[str]:
        return sorted(self.texts)

    def text(self, language: str, hospital: str) -> FormText:
        """Return the text in language with the hospital's name filled in."""
        if language not in self.texts:
            raise FormFileError(f"{self.path}: no {language}.toml")
        data = _fill(self.texts[language], {"hospital": hospital})
        options = {q["key"]: q for q in data["questions"]}
        questions = tuple(
            Question(
                key=rule["key"], text=options[rule["key"]]["text"],
                options=tuple((o["key"], o["text"]) for o in options[rule["key"]]["options"]),
                answer=rule["answer"], passage=rule["passage"],
            )
            for rule in self.rules["questions"]
        )
        rules = {c["key"]: c for c in self.rules["choices"]}
        return FormText(self.form_id, self.version, language, data, questions, rules)


def _fill(value, values: dict[str, str]):
    if isinstance(value, str):
        return PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), value)
    if isinstance(value, list):
        return [_fill(v, values) for v in value]
    if isinstance(value, dict):
        return {k: _fill(v, values) for k, v in value.items()}
    return value


def _read(path: Path) -> dict:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError as exc:
        raise FormFileError(f"{path}: file missing") from exc
    except tomllib.TOMLDecodeError as exc:
        raise FormFileError(f"{path}: {exc}") from exc


def _require(data: dict, keys: list[str], path: Path) -> None:
    for dotted in keys:
        node = data
        for part in dotted.split("."):
            if not isinstance(node, dict) or part not in node:
                raise FormFileError(f"{path}: missing key {dotted}")
            node = node[part]


TEXT_KEYS = [
    "title", "key_information.title", "key_information.text", "sections", "questions",
    "decline.title", "decline.text", "signer.title", "signer.confirmation",
    *(f"signer.{role}" for role in SIGNER_ROLES),
    *(f"choices.{c}.{k}" for c in CHOICE_KEYS for k in ("label", "explanation", "yes", "no")),
]


def load_version(path: Path) -> FormVersion:
    """Read one version folder, checking that each language has what the form needs."""
    rules = _read(path / "form.toml")
    _require(rules, ["id", "version", "effective_date", "choices", "questions"], path / "form.toml")
    texts = {}
    for file in sorted(path.glob("*.toml")):
        if file.name == "form.toml":
            continue
        data = _read(file)
        _require(data, TEXT_KEYS, file)
        section_keys = {s.get("key") for s in data["sections"]}
        question_keys = {q.get("key") for q in data["questions"]}
        for rule in rules["questions"]:
            if rule["key"] not in question_keys:
                raise FormFileError(f"{file}: missing question {rule['key']}")
            if rule["passage"] not in section_keys:
                raise FormFileError(f"{file}: missing section {rule['passage']}")
        texts[file.stem] = data
    return FormVersion(rules["id"], int(rules["version"]), rules["effective_date"], rules,
                       texts, path)


class FormRegistry:
    """Every form version found under a forms directory, read once."""

    def __init__(self, root: Path):
        self.root = root
        self.versions: dict[tuple[str, int], FormVersion] = {}
        for folder in sorted(p for p in root.glob("*/*") if (p / "form.toml").is_file()):
            version = load_version(folder)
            self.versions[(version.form_id, version.version)] = version

    def get(self, form_id: str, version: int) -> FormVersion:
        """Return one version; KeyError if unknown."""
        return self.versions[(form_id, version)]

    def current(self, form_id: str, today: date | None = None) -> FormVersion:
        """Return the newest version of form_id already in effect."""
        today = today or date.today()
        candidates = [v for (fid, _), v in self.versions.items()
                      if fid == form_id and v.effective_date <= today]
        if not candidates:
            raise FormFileError(f"{self.root}: no version of {form_id} in effect")
        return max(candidates, key=lambda v: v.version)
