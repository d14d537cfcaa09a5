"""Build hook: ship the top-level forms/ and translations/ inside the wheel."""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py as _build_py


class build_py(_build_py):
    """Copy forms/ and translations/ into consent_service/_data/ of the build."""

    def run(self):
        super().run()
        target = Path(self.build_lib) / "consent_service" / "_data"
        for name in ("forms", "translations"):
            shutil.copytree(Path(name), target / name, dirs_exist_ok=True)


setup(cmdclass={"build_py": build_py})
