"""Machine formats for ``udv lint``: JSON, GitHub workflow commands, GitLab Code Quality."""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING

from udvikling.findings import Finding
from udvikling.terminal import file_name

if TYPE_CHECKING:
    from udvikling.output.json_types import FindingJson

FORMATS = ("text", "json", "github", "gitlab")


def finding_json(f: Finding) -> FindingJson:
    """One finding as the object ``--format json`` writes (also used by ``udv diff``)."""
    return {
        "path": file_name(f.path),
        "line": f.line,
        "column": f.column,
        "code": f.code,
        "severity": f.severity,
        "message": f.message,
        "hint": f.hint,
    }


def to_json(findings: list[Finding]) -> str:
    """``{"version": 1, "findings": [...]}``, each finding with path, line, column, code,
    severity, message and hint."""
    from udvikling.output.report_json import dumps

    return dumps("lint", {"findings": [finding_json(f) for f in findings]})


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


_GITHUB_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def to_github(findings: list[Finding], prefix: str = "") -> str:
    """GitHub Actions workflow commands: annotations on the changed lines of a pull request.

    ``prefix`` is the plan's folder in the repository (``"plan/"``, or ``""`` at the top):
    GitHub reads the paths relative to the repository, not to the plan.
    """
    lines = []
    for f in findings:
        message = f.message if not f.hint else f"{f.message}\n\nTip: {f.hint}"
        path = file_name(prefix + f.path)
        lines.append(
            f"::{_GITHUB_LEVEL[f.severity]} file={_escape_property(path)},line={f.line},"
            f"col={f.column},title={_escape_property(f.code)}::{_escape_data(message)}"
        )
    return "".join(line + "\n" for line in lines)


_GITLAB_SEVERITY = {"error": "major", "warning": "minor", "info": "info"}


def fingerprint(f: Finding, prefix: str = "") -> str:
    """A stable id for a finding that survives unrelated edits above it (no line number)."""
    key = "\x00".join((prefix + f.path, f.code, f.message))
    # A name that is not UTF-8 is hashed as the bytes it is.
    return hashlib.sha256(key.encode("utf-8", "surrogateescape")).hexdigest()[:32]


def to_gitlab(findings: list[Finding], prefix: str = "") -> str:
    """A GitLab Code Quality report (a JSON array in the Code Climate subset GitLab reads);
    paths relative to the repository (``prefix`` as for :func:`to_github`)."""
    seen: dict[str, int] = {}
    issues = []
    for f in findings:
        base = fingerprint(f, prefix)
        count = seen.get(base, 0)
        seen[base] = count + 1
        issues.append(
            {
                "description": f"{f.code}: {f.message}",
                "check_name": f.code,
                "fingerprint": base if count == 0 else f"{base}-{count}",
                "severity": _GITLAB_SEVERITY[f.severity],
                "location": {"path": file_name(prefix + f.path), "lines": {"begin": f.line}},
            }
        )
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"
