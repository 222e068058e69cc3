"""udv's build backend (PEP 517): builds udv's wheel with the standard library alone.

Why not setuptools for the wheel: every ``pip install .`` (the README's first command, CI,
and above all the pre-commit hook's first run, issue 29) built udv in an isolated
environment: pip downloaded and installed setuptools into it and ran three hooks that each
import setuptools. That was about half of the hook's first run (8-9 s of 15-19 s on a
2-core machine), for a wheel that is only udv's own files and its metadata. This backend
needs nothing installed (``requires = []``): it reads pyproject.toml and zips the files.

What goes into the wheel is what setuptools put there, from the same configuration: the
``*.py`` modules of each package listed in ``[tool.setuptools] packages``, found through
``package-dir``, and the files ``package-data`` names (tests/test_build_backend.py compares
with the list and metadata of setuptools' wheel). Editable installs (``pip install -e``)
and sdists are still made by setuptools (setup.py), which this backend asks pip for.

Which dependencies an install gets depends on who installs it: a normal install gets
everything, what ``udv lint`` needs ([tool.udv] core) and the documents and sheets (the
extras dokumenter and ark; the calendar needs no library). A light install gets only what
``udv lint`` needs (no pandoc, which alone is over half of a full install): the pre-commit
hook's environment, which pre-commit makes inside its own checkout of udv (``py_env-*``),
and any install with ``UDV_INSTALL=lint``. ``UDV_INSTALL=alt`` asks for everything in any
case. A light install adds the rest with ``pip install ".[alt]"`` (or one extra); a command
that needs a missing library says so.
"""

from __future__ import annotations

import base64
import hashlib
import importlib
import os
import tomllib
import zipfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
FULL_EXTRAS = ("dokumenter", "ark")
# What pip installs to build an editable install or an sdist (setup.py).
SETUPTOOLS = "setuptools>=77"
# Every file in the wheel gets this time, so the same source gives the same wheel.
FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def pyproject() -> dict[str, Any]:
    with (ROOT / "pyproject.toml").open("rb") as handle:
        return tomllib.load(handle)


def light() -> bool:
    """True for a light install (see the module's text)."""
    chosen = os.environ.get("UDV_INSTALL", "").strip().lower()
    if chosen:
        return chosen == "lint"
    venv = os.environ.get("VIRTUAL_ENV", "")
    if not venv:
        return False
    place = Path(venv).resolve()
    return place.name.startswith("py_env-") and place.parent == ROOT


def requirements() -> list[str]:
    """The dependencies of this install: the core, and the full extras unless light."""
    project = pyproject()
    wanted = list(project["tool"]["udv"]["core"])
    if not light():
        extras = project["project"]["optional-dependencies"]
        for name in FULL_EXTRAS:
            wanted += [r for r in extras[name] if r not in wanted]
    return wanted


def _package_folder(package: str, package_dir: dict[str, str]) -> Path:
    """The folder of ``package`` by setuptools' ``package-dir`` (the longest listed parent)."""
    parts = package.split(".")
    for cut in range(len(parts), -1, -1):
        key = ".".join(parts[:cut])
        if key in package_dir:
            base = ROOT / package_dir[key] if package_dir[key] else ROOT
            return base.joinpath(*parts[cut:])
    return ROOT.joinpath(*parts)


def wheel_files() -> dict[str, Path]:
    """Each file of the wheel's package part: its name in the wheel -> the source file."""
    config = pyproject()["tool"]["setuptools"]
    package_dir: dict[str, str] = config.get("package-dir", {})
    package_data: dict[str, list[str]] = config.get("package-data", {})
    files: dict[str, Path] = {}
    for package in config["packages"]:
        folder = _package_folder(package, package_dir)
        prefix = package.replace(".", "/")
        found = [p for p in folder.glob("*.py") if p.is_file()]
        for pattern in package_data.get(package, []):
            found += [p for p in folder.glob(pattern) if p.is_file()]
        for path in found:
            files[f"{prefix}/{path.relative_to(folder).as_posix()}"] = path
    return dict(sorted(files.items()))


def _requirement_for_extra(requirement: str, extra: str) -> str:
    name, _, marker = requirement.partition(";")
    if marker.strip():
        return f'{name.strip()}; ({marker.strip()}) and extra == "{extra}"'
    return f'{requirement}; extra == "{extra}"'


def metadata() -> str:
    """The wheel's METADATA (core metadata 2.4), with this install's dependencies."""
    project = pyproject()["project"]
    lines = [
        "Metadata-Version: 2.4",
        f"Name: {project['name']}",
        f"Version: {project['version']}",
        f"Summary: {project['description']}",
        f"License-Expression: {project['license']}",
        f"Requires-Python: {project['requires-python']}",
        "Description-Content-Type: text/markdown",
    ]
    lines += [f"Requires-Dist: {r}" for r in requirements()]
    for extra, wanted in project.get("optional-dependencies", {}).items():
        lines.append(f"Provides-Extra: {extra}")
        lines += [f"Requires-Dist: {_requirement_for_extra(r, extra)}" for r in wanted]
    readme = (ROOT / str(project["readme"])).read_text(encoding="utf-8")
    return "\n".join(lines) + "\n\n" + readme


def entry_points() -> str:
    project = pyproject()["project"]
    groups = {"console_scripts": project.get("scripts", {})}
    groups["gui_scripts"] = project.get("gui-scripts", {})
    groups.update(project.get("entry-points", {}))
    blocks = [
        f"[{group}]\n" + "".join(f"{k} = {v}\n" for k, v in entries.items())
        for group, entries in groups.items()
        if entries
    ]
    return "\n".join(blocks)


def top_level() -> str:
    packages = pyproject()["tool"]["setuptools"]["packages"]
    return "".join(sorted({p.split(".")[0] + "\n" for p in packages}))


def _digest(data: bytes) -> str:
    raw = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
    return "sha256=" + raw.decode("ascii")


def _write(archive: zipfile.ZipFile, name: str, data: bytes, record: list[str]) -> None:
    info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
    info.external_attr = 0o100644 << 16
    info.compress_type = zipfile.ZIP_DEFLATED
    archive.writestr(info, data)
    record.append(f"{name},{_digest(data)},{len(data)}")


def wheel_name() -> str:
    project = pyproject()["project"]
    return f"{project['name']}-{project['version']}-py3-none-any.whl"


def build_wheel(
    wheel_directory: str,
    config_settings: dict[str, Any] | None = None,
    metadata_directory: str | None = None,
) -> str:
    """PEP 517: build udv's wheel into ``wheel_directory``; return its file name."""
    project = pyproject()["project"]
    dist_info = f"{project['name']}-{project['version']}.dist-info"
    name = wheel_name()
    target = Path(wheel_directory) / name
    partial = target.with_name(name + ".part")
    record: list[str] = []
    with zipfile.ZipFile(partial, "w") as archive:
        for inside, source in wheel_files().items():
            _write(archive, inside, source.read_bytes(), record)
        generated = {
            "METADATA": metadata(),
            "WHEEL": (
                "Wheel-Version: 1.0\nGenerator: udv_build\nRoot-Is-Purelib: true\n"
                "Tag: py3-none-any\n"
            ),
            "entry_points.txt": entry_points(),
            "top_level.txt": top_level(),
        }
        for file, text in generated.items():
            _write(archive, f"{dist_info}/{file}", text.encode("utf-8"), record)
        record.append(f"{dist_info}/RECORD,,")
        info = zipfile.ZipInfo(f"{dist_info}/RECORD", date_time=FIXED_TIME)
        info.external_attr = 0o100644 << 16
        info.compress_type = zipfile.ZIP_DEFLATED
        archive.writestr(info, "\n".join(record) + "\n")
    partial.replace(target)
    return name


def get_requires_for_build_wheel(config_settings: dict[str, Any] | None = None) -> list[str]:
    """PEP 517: nothing to install to build the wheel."""
    return []


# Editable installs and sdists: setuptools, installed by pip when asked for one of these.


def _setuptools() -> Any:
    return importlib.import_module("setuptools.build_meta")


def get_requires_for_build_editable(config_settings: dict[str, Any] | None = None) -> list[str]:
    return [SETUPTOOLS]


def prepare_metadata_for_build_editable(
    metadata_directory: str, config_settings: dict[str, Any] | None = None
) -> str:
    made = _setuptools().prepare_metadata_for_build_editable(metadata_directory, config_settings)
    return str(made)


def build_editable(
    wheel_directory: str,
    config_settings: dict[str, Any] | None = None,
    metadata_directory: str | None = None,
) -> str:
    return str(_setuptools().build_editable(wheel_directory, config_settings, metadata_directory))


def get_requires_for_build_sdist(config_settings: dict[str, Any] | None = None) -> list[str]:
    return [SETUPTOOLS]


def build_sdist(sdist_directory: str, config_settings: dict[str, Any] | None = None) -> str:
    return str(_setuptools().build_sdist(sdist_directory, config_settings))
