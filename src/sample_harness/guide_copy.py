"""A copy of the guide to run the harness on (GUIDE_ROOT names it), so that a test or `make bench`
can edit a sample, a record or a page without touching the repository's own files.

The copy holds what a run reads and may change: the pages, the samples, the tests and their case
files, the hooks, the workflows a page includes, and the project's settings. It links what it only
reads: the installed JavaScript packages, and src/, from which pytest and the hooks load the harness.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from .paths import ROOT

FOLDERS = ("docs", "code-samples", "tests", "hooks", ".github")
FILES = ("pyproject.toml", "package-lock.json", "mkdocs.yml")


def copy(target: Path) -> Path:
    """The whole guide at target (which must not exist yet), ready to run."""
    for folder in FOLDERS:
        shutil.copytree(ROOT / folder, target / folder, ignore=shutil.ignore_patterns("__pycache__"))
    for file in FILES:
        shutil.copy(ROOT / file, target / file)
    link(target)
    return target


def link(target: Path) -> None:
    """What a copy shares with the repository instead of copying it."""
    (target / "node_modules").symlink_to(ROOT / "node_modules")
    (target / "src").symlink_to(ROOT / "src")
