"""Run a snippet in a new interpreter, for what only a fresh process can show (first loads)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import consent_service.readability as readability

ROOT = Path(readability.__file__).parents[2]


def run_fresh(code: str) -> str:
    """Run code with this interpreter, warnings as errors, offline; return its stripped output."""
    done = subprocess.run(  # noqa: S603 - runs this interpreter on fixed code
        [sys.executable, "-W", "error", "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": str(ROOT), "PATH": ""},
    )
    return done.stdout.strip()
