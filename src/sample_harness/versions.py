"""The runtimes and SDKs the samples run with here, by language, for the verify report."""

from __future__ import annotations

import json
import platform
import subprocess
from importlib import metadata

from .paths import NODE_MODULES


def versions() -> dict[str, dict[str, str]]:
    return {
        "python": {"Python": platform.python_version(), "ringcentral": metadata.version("ringcentral"),
                   "python-dotenv": metadata.version("python-dotenv")},
        "javascript": {"Node.js": _node(), "@ringcentral/sdk": _package("@ringcentral/sdk"),
                       "dotenv": _package("dotenv")},
    }


def _node() -> str:
    proc = subprocess.run(["node", "--version"], capture_output=True, text=True)
    return proc.stdout.strip().removeprefix("v") if proc.returncode == 0 else "unknown"


def _package(name: str) -> str:
    manifest = NODE_MODULES / name / "package.json"
    return json.loads(manifest.read_text("utf-8"))["version"] if manifest.is_file() else "unknown"
