"""udv's own build backend (buildsystem/udv_build.py): the wheel that ``pip install .`` and
the pre-commit hook install is built with nothing installed first (issue 29: setuptools in
an isolated build environment was about half of the hook's first run), and it holds what
setuptools' wheel held: every module of every listed package, the templates, the metadata
with this install's dependencies (light in the hook's environment, everything otherwise),
the extras and the ``udv`` command."""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import tomllib
import zipfile
from email.parser import Parser
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[1]


def backend() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "udv_build", REPO / "buildsystem" / "udv_build.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def pyproject() -> dict[str, object]:
    with (REPO / "pyproject.toml").open("rb") as handle:
        return tomllib.load(handle)


@pytest.fixture
def built(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> zipfile.ZipFile:
    """The wheel of a normal install (no UDV_INSTALL, not in pre-commit's environment)."""
    monkeypatch.delenv("UDV_INSTALL", raising=False)
    monkeypatch.delenv("VIRTUAL_ENV", raising=False)
    name = backend().build_wheel(str(tmp_path))
    assert name == "udvikling-0.1.0-py3-none-any.whl"
    return zipfile.ZipFile(tmp_path / name)


def test_building_the_wheel_installs_nothing_first() -> None:
    system = pyproject()["build-system"]
    assert system == {"requires": [], "build-backend": "udv_build", "backend-path": ["buildsystem"]}
    assert backend().get_requires_for_build_wheel() == []
    # Editable installs and sdists are setuptools' (setup.py), which pip installs for them.
    assert backend().get_requires_for_build_editable() == ["setuptools>=77"]
    assert backend().get_requires_for_build_sdist() == ["setuptools>=77"]


def test_the_wheel_holds_every_module_and_template_as_they_are(built: zipfile.ZipFile) -> None:
    expected = {
        "udvikling/" + p.relative_to(REPO / "src" / "udvikling").as_posix(): p
        for p in (REPO / "src" / "udvikling").rglob("*.py")
    }
    expected["udvikling/py.typed"] = REPO / "src" / "udvikling" / "py.typed"
    expected |= {
        "udvikling/_templates/" + p.relative_to(REPO / "templates").as_posix(): p
        for p in (REPO / "templates").rglob("*")
        if p.suffix in {".j2", ".css", ".docx", ".js"}
    }
    assert "udvikling/_templates/site/site.js" in expected
    assert "udvikling/cli.py" in expected and "udvikling/chrono/__init__.py" in expected
    files = [n for n in built.namelist() if ".dist-info/" not in n]
    assert sorted(files) == sorted(expected)
    for name, source in expected.items():
        assert built.read(name) == source.read_bytes(), name


def test_the_record_lists_every_file_with_its_hash(built: zipfile.ZipFile) -> None:
    record = built.read("udvikling-0.1.0.dist-info/RECORD").decode().splitlines()
    rows = dict((line.split(",", 1)[0], line.split(",", 1)[1]) for line in record)
    assert sorted(rows) == sorted(built.namelist())
    assert rows.pop("udvikling-0.1.0.dist-info/RECORD") == ","
    for name, row in rows.items():
        data = built.read(name)
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        assert row == f"sha256={digest},{len(data)}", name
    # The dist-info folder is last, its RECORD at the very end.
    names = built.namelist()
    first = next(i for i, n in enumerate(names) if ".dist-info/" in n)
    assert all(".dist-info/" in n for n in names[first:])
    assert names[-1] == "udvikling-0.1.0.dist-info/RECORD"


def test_the_same_source_gives_the_same_wheel(tmp_path: Path, built: zipfile.ZipFile) -> None:
    again = tmp_path / "again"
    again.mkdir()
    backend().build_wheel(str(again))
    assert (again / "udvikling-0.1.0-py3-none-any.whl").read_bytes() == Path(
        str(built.filename)
    ).read_bytes()


def metadata_of(wheel: zipfile.ZipFile) -> tuple[list[str], dict[str, list[str]], object]:
    """(unconditional requirements, extra -> its requirements, the parsed message)."""
    message = Parser().parsestr(wheel.read("udvikling-0.1.0.dist-info/METADATA").decode())
    plain, extras = [], {}
    for extra in message.get_all("Provides-Extra", []):
        extras[extra] = []
    for requirement in message.get_all("Requires-Dist", []):
        if "; extra == " in requirement:
            name, _, extra = requirement.partition("; extra == ")
            extras[extra.strip('"')].append(name)
        else:
            plain.append(requirement)
    return plain, extras, message


def test_metadata_of_a_normal_install(built: zipfile.ZipFile) -> None:
    data = pyproject()
    project, core = data["project"], data["tool"]["udv"]["core"]  # type: ignore[index]
    plain, extras, message = metadata_of(built)
    optional = project["optional-dependencies"]  # type: ignore[index]
    # Everything: the core and the documents and sheets (the README's `pip install .`).
    assert plain == [*core, *optional["dokumenter"], *optional["ark"]]
    assert extras == optional
    assert message["Name"] == "udvikling" and message["Version"] == "0.1.0"  # type: ignore[index]
    assert message["Requires-Python"] == ">=3.11"  # type: ignore[index]
    assert message["License-Expression"] == "MIT"  # type: ignore[index]
    assert message["Description-Content-Type"] == "text/markdown"  # type: ignore[index]
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert message.get_payload() == readme  # type: ignore[attr-defined]
    entry = built.read("udvikling-0.1.0.dist-info/entry_points.txt").decode()
    assert entry == "[console_scripts]\nudv = udvikling.cli:main\n"
    wheel = built.read("udvikling-0.1.0.dist-info/WHEEL").decode()
    assert "Root-Is-Purelib: true\nTag: py3-none-any\n" in wheel


@pytest.mark.parametrize(
    ("environ", "light"),
    [
        ({"VIRTUAL_ENV": str(REPO / "py_env-python3.11")}, True),  # pre-commit's environment
        ({"VIRTUAL_ENV": str(REPO / "py_env-python3.11"), "UDV_INSTALL": "alt"}, False),
        ({"UDV_INSTALL": "lint"}, True),
        ({"VIRTUAL_ENV": str(REPO / "venv")}, False),
    ],
)
def test_the_hooks_wheel_asks_for_what_lint_needs_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, environ: dict[str, str], light: bool
) -> None:
    for name in ("UDV_INSTALL", "VIRTUAL_ENV"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    name = backend().build_wheel(str(tmp_path))
    plain, extras, _ = metadata_of(zipfile.ZipFile(tmp_path / name))
    data = pyproject()
    core = data["tool"]["udv"]["core"]  # type: ignore[index]
    optional = data["project"]["optional-dependencies"]  # type: ignore[index]
    assert plain == (core if light else [*core, *optional["alt"]])
    assert extras == optional  # a light install can still add any extra
