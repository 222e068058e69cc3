"""The CI and pre-commit files ``udv init`` writes: GitHub Actions, GitLab CI, pre-commit.

Each checks the plan with ``udv lint`` on every change, shows what a change does with
``udv diff``, and can publish the plan as a website. CI installs udv with pip from where
``--udv-pip`` says (``UDV_PIP`` at the top of each file).
"""

from __future__ import annotations

from udvikling.scaffold.texts import PlanSettings
from udvikling.sheets.yamltext import quoted


def github_lint_text(settings: PlanSettings) -> str:
    """The GitHub workflow: lint and diff on every pull request."""
    return f"""\
# Tjek af planen på hver pull request: udv lint markerer de ændrede linjer, og udv diff
# skriver, hvad ændringen gør ved planen, i jobbets opsummering.
name: udv

on:
  pull_request:
  push:
    branches: [main]

permissions:
  contents: read

env:
  # Hvor udv hentes fra; fx git+https://github.com/<organisation>/udv@<tag>
  UDV_PIP: {quoted(settings.udv_pip)}

jobs:
  plan:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0  # udv diff læser grenen, der flettes ind i, fra git

      - uses: actions/setup-python@v5
        with:
          python-version: "3.11"

      - name: Installér udv
        run: pip install "$UDV_PIP"

      - name: udv lint
        run: udv lint --format github

      - name: udv diff
        if: github.event_name == 'pull_request' && (success() || failure())
        env:
          BASE_REF: ${{{{ github.base_ref }}}}
        run: |
          udv diff "origin/$BASE_REF" HEAD --format md > udv-diff.md
          cat udv-diff.md >> "$GITHUB_STEP_SUMMARY"
"""


def github_site_text(settings: PlanSettings) -> str:
    """The GitHub workflow that publishes the plan's website on GitHub Pages."""
    return f"""\
# Planen som websted på GitHub Pages: udv site bygger det fra main ved hver push og hver
# nat (så det, der er for sent, vurderes pr. dagen). Slå det til under Settings → Pages →
# Source: GitHub Actions, eller slet filen.
name: udv site

on:
  push:
    branches: [main]
  schedule:
    - cron: "17 3 * * *"
  workflow_dispatch:

permissions:
  contents: read
  pages: write
  id-token: write

concurrency:
  group: pages
  cancel-in-progress: false

env:
  UDV_PIP: {quoted(settings.udv_pip)}

jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4

      - uses: actions/setup-python@v5
        with:
          python-version: "3.11"

      - name: Installér udv
        run: pip install "$UDV_PIP"

      - name: Byg webstedet
        run: udv site -o _site

      - uses: actions/upload-pages-artifact@v3
        with:
          path: _site

  deploy:
    needs: build
    runs-on: ubuntu-latest
    environment:
      name: github-pages
      url: ${{{{ steps.deployment.outputs.page_url }}}}
    steps:
      - id: deployment
        uses: actions/deploy-pages@v4
"""


def gitlab_text(settings: PlanSettings) -> str:
    """GitLab CI: lint as Code Quality, diff as an artifact, the website on Pages."""
    return f"""\
# Tjek af planen i GitLab: udv lint som Code Quality-rapport (vises i merge requesten),
# udv diff som Markdown-artefakt, og fra standardgrenen planen som websted på GitLab Pages.
stages:
  - test
  - deploy

default:
  image: python:3.11

variables:
  # Hvor udv hentes fra; fx git+https://gitlab.com/<organisation>/udv@<tag>
  UDV_PIP: {quoted(settings.udv_pip)}

udv-lint:
  stage: test
  rules:
    - if: $CI_PIPELINE_SOURCE == "merge_request_event"
    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH
  script:
    - pip install "$UDV_PIP"
    - udv lint --format gitlab > gl-code-quality.json
  artifacts:
    when: always
    reports:
      codequality: gl-code-quality.json

udv-diff:
  stage: test
  rules:
    - if: $CI_PIPELINE_SOURCE == "merge_request_event"
  variables:
    GIT_DEPTH: "0"
  script:
    - pip install "$UDV_PIP"
    - git fetch origin "$CI_MERGE_REQUEST_TARGET_BRANCH_NAME"
    - udv diff "origin/$CI_MERGE_REQUEST_TARGET_BRANCH_NAME...HEAD" --format md > udv-diff.md
    - cat udv-diff.md
  artifacts:
    when: always
    expose_as: udv diff
    paths:
      - udv-diff.md

pages:
  stage: deploy
  rules:
    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH
  script:
    - pip install "$UDV_PIP"
    - udv site -o public
  artifacts:
    paths:
      - public
"""


PRE_COMMIT = """\
# udv lint før hver commit, der ændrer planen. Slå det til én gang med: pre-commit install
# Hooken bruger den udv, der er installeret på maskinen (language: system). Vil I hellere
# have, at pre-commit selv henter udv, så brug udv's eget hook-repository:
#   - repo: https://github.com/<organisation>/udv
#     rev: <tag>
#     hooks:
#       - id: udv-lint
repos:
  - repo: local
    hooks:
      - id: udv-lint
        name: udv lint
        entry: udv lint --pre-commit
        language: system
        files: ^(data/.*\\.ya?ml|udvikling\\.yaml)$
        pass_filenames: true
        always_run: true
        require_serial: true
"""
