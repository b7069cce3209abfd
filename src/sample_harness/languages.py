"""The languages the guide's samples are written in, each declared once.

Every module that needs to know about a language (the catalogue, the runner, the verdict, the
verify report, the MkDocs hook) reads this table; adding a language is one entry here plus its
samples. The order is the order of the tabs on every page.
"""

from __future__ import annotations

import json
import platform
import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from .paths import NODE_MODULES


@dataclass(frozen=True)
class Language:
    name: str  # as the harness names it: test ids, the verify report, expectations' per-language keys
    suffix: str  # a sample in this language is a file with this ending
    tab: str  # the label of its tab on every page
    command: tuple[str, ...]  # what runs a sample file (its path is appended)
    # The last words of a program that never got going: the interpreter's own message for a missing
    # module or bad syntax, on a line of its own.
    cannot_start: re.Pattern[str]
    traceback: re.Pattern[str]  # what an uncaught exception looks like on the way out
    versions: Callable[[], dict[str, str]]  # the runtime and SDK versions a sample runs with here
    comment: str  # what starts a line comment
    # A top-level definition's first line, naming it (`name`), or the program's entry point (`entry`).
    definition: re.Pattern[str]
    # The SDK repeats a request once after a 401 (it refreshes the token and tries again): a failing
    # run may then show a request twice without having carried on.
    repeats_after_401: bool = False
    # Every sample has a version in it; False: only the tasks its pages choose (curl: the core tasks).
    everywhere: bool = True

    def recognises(self, path: str | Path) -> bool:
        return Path(path).suffix == self.suffix


def _python_versions() -> dict[str, str]:
    return {"Python": platform.python_version(), "ringcentral": metadata.version("ringcentral"),
            "python-dotenv": metadata.version("python-dotenv")}


def _javascript_versions() -> dict[str, str]:
    return {"Node.js": _node(), "@ringcentral/sdk": _package("@ringcentral/sdk"), "dotenv": _package("dotenv")}


def _shell_versions() -> dict[str, str]:
    return {"bash": _first_word_after("bash", "-c", "echo $BASH_VERSION"),
            "curl": _first_word_after("curl", "--version", prefix="curl "),
            "jq": _first_word_after("jq", "--version", prefix="jq-")}


def _first_word_after(*command: str, prefix: str = "") -> str:
    """The version a command prints: the first word of its output, after the prefix, or "unknown"."""
    try:
        proc = subprocess.run(command, capture_output=True, text=True)
    except OSError:
        return "unknown"
    words = proc.stdout.removeprefix(prefix).split()
    return words[0] if proc.returncode == 0 and words else "unknown"


def _node() -> str:
    proc = subprocess.run(["node", "--version"], capture_output=True, text=True)
    return proc.stdout.strip().removeprefix("v") if proc.returncode == 0 else "unknown"


def _package(name: str) -> str:
    manifest = NODE_MODULES / name / "package.json"
    return json.loads(manifest.read_text("utf-8"))["version"] if manifest.is_file() else "unknown"


PYTHON = Language(
    name="python", suffix=".py", tab="Python", command=(sys.executable,),
    cannot_start=re.compile(r"^(?:ModuleNotFoundError|ImportError|SyntaxError|IndentationError|TabError): .*$",
                            re.MULTILINE),
    # The SDK's ApiException carries the request's headers in its text, so its name alone counts; a
    # bare KeyboardInterrupt is what Ctrl-C leaves where nothing handles it.
    traceback=re.compile(r"Traceback \(most recent call last\)|ApiException|^KeyboardInterrupt", re.MULTILINE),
    versions=_python_versions,
    comment="#",
    definition=re.compile(r"^(?:async\s+)?(?:def|class)\s+(?P<name>\w+)|^(?P<entry>if __name__ == .__main__.:)"),
)
JAVASCRIPT = Language(
    name="javascript", suffix=".js", tab="JavaScript", command=("node",),
    cannot_start=re.compile(r"^Error: Cannot find module .*$|^SyntaxError: .*$", re.MULTILINE),
    traceback=re.compile(r"^\s+at .+:\d+:\d+\)?$", re.MULTILINE),
    versions=_javascript_versions,
    comment="//",
    definition=re.compile(r"^(?:async\s+)?(?:function|class)\s+(?P<name>\w+)|^(?P<entry>main\(\)\.catch)"),
    repeats_after_401=True,
)
CURL = Language(
    name="curl", suffix=".sh", tab="curl", command=("bash",),
    cannot_start=re.compile(r"^.+: line \d+: (?:syntax error.*|\S+: command not found)$", re.MULTILINE),
    # bash's own complaints (an unset variable under `set -u`, say) and a `set -x` trace, which would
    # print the token with every request.
    traceback=re.compile(r"^.+: line \d+: |^\++ \S", re.MULTILINE),
    versions=_shell_versions,
    comment="#",
    definition=re.compile(r"^(?P<name>[A-Za-z_]\w*)\(\)\s*\{|^(?P<entry>main \"\$@\")"),
    everywhere=False,
)
LANGUAGES: tuple[Language, ...] = (PYTHON, JAVASCRIPT, CURL)
BY_NAME = {language.name: language for language in LANGUAGES}
NAMES = tuple(BY_NAME)


def of(path: str | Path) -> Language | None:
    """The language a file is a sample in, or None (a page may include other files: output, HTTP)."""
    return next((language for language in LANGUAGES if language.recognises(path)), None)


def judged_by(name: str | None) -> tuple[Language, ...]:
    """The languages whose rules judge a run in `name`: its own, or every one when it is not known."""
    return LANGUAGES if name is None else (BY_NAME[name],)


def versions() -> dict[str, dict[str, str]]:
    return {language.name: language.versions() for language in LANGUAGES}
