"""setuptools' part of building udv: editable installs (``pip install -e``) and sdists.

A wheel (``pip install .``, the pre-commit hook) is built by buildsystem/udv_build.py with
the standard library alone; it also decides which dependencies an install gets (a light
install for the pre-commit hook and ``UDV_INSTALL=lint``, everything otherwise), and this
file asks it, so both builds give the same dependencies.
"""

from __future__ import annotations

import sys
from pathlib import Path

from setuptools import setup

sys.path.insert(0, str(Path(__file__).resolve().parent / "buildsystem"))

from udv_build import requirements

setup(install_requires=requirements())
