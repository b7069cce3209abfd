"""What the harness loads into a sample's process, and never a reader's: the files in sample_startup/.

A `sitecustomize` for Python (on PYTHONPATH), a `--require` preload for Node, a `sleep` first on a
curl sample's PATH and a BASH_ENV file for bash: coverage (line_coverage.py), and sleeps that move
the mock's clock instead of waiting, for a case that says `sleeps_move_clock = true`.
"""

from __future__ import annotations

import os
from pathlib import Path

FOLDER = Path(__file__).with_name("sample_startup")


def sleeps_move_clock(language: str, mock_url: str) -> dict[str, str]:
    """The environment that makes the sample file's own sleeps move the mock at mock_url's clock on."""
    return {"SAMPLE_SLEEPS_MOVE_CLOCK": mock_url.rstrip("/")} | {
        "python": {"PYTHONPATH": str(FOLDER)},
        "javascript": {"NODE_OPTIONS": f"--require={FOLDER / 'sleep.js'}"},
        "curl": {"PATH": f"{FOLDER / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}"},
    }[language]
