"""Which lines of each sample's shown section ran, over all its cases, and which no case ran.

Measured without touching the reader's files: Python through coverage.py's subprocess mode (a
`sitecustomize` on PYTHONPATH starts it), JavaScript through Node's own NODE_V8_COVERAGE (block
coverage, read from its JSON), curl through bash's own trace (BASH_ENV turns on `set -x`, written
with each command's file and line to a file of its own through BASH_XTRACEFD).

A line can run when it holds code: for Python, a statement coverage.py knows; for JavaScript, a
line with more than comments and closing brackets; for curl, the first line of a command (the
lines a continuation or a quoted string carries on count with it) that is more than a keyword of
the shell's grammar (`fi`, `done`, `else`, ...). Only against the mock: bash's trace holds the
commands as run, credentials included, so it never runs against a real account, and the traces
are deleted once read.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse

from . import catalogue, process, startup
from .paths import ROOT, SAMPLES

STARTUP = startup.FOLDER
RAN = "ran"  # a file per run measured, named for its sample, language and case


@dataclass(frozen=True)
class Lines:
    """A sample file's lines (1-based) that can run, and those that did."""

    can_run: frozenset[int]
    ran: frozenset[int]


class Measurement:
    """Where the runs of one session leave what they measured (one folder, shared by xdist workers)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def clear(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)
        for part in ("python", "v8", "bash", RAN):
            (self.folder / part).mkdir(parents=True, exist_ok=True)
        (self.folder / "python.rc").write_text(
            f"[run]\nparallel = True\ndata_file = {self.folder / 'python' / '.coverage'}\n"
            f"include = {SAMPLES}/*\n", "utf-8")

    def env(self, language: str) -> dict[str, str]:
        """What a run of a sample in the language needs in its environment to be measured."""
        return {
            "python": {"PYTHONPATH": str(STARTUP), "COVERAGE_PROCESS_START": str(self.folder / "python.rc")},
            "javascript": {"NODE_V8_COVERAGE": str(self.folder / "v8")},
            "curl": {"BASH_ENV": str(STARTUP / "xtrace.bash"), "SAMPLE_COVERAGE_TRACES": str(self.folder / "bash")},
        }[language]

    @contextmanager
    def measuring(self, sample: catalogue.Sample, case: str) -> Iterator[None]:
        """Measure the runs of the block (the sample's and any other it starts) as a run of this case."""
        with process.extra_env(self.env(sample.language)):
            yield
        (self.folder / RAN / f"{sample.name}.{sample.language}.{case or 'main'}").touch()

    def cases_run(self, sample: catalogue.Sample) -> set[str]:
        prefix = f"{sample.name}.{sample.language}."
        return {p.name.removeprefix(prefix) for p in (self.folder / RAN).glob(prefix + "*")}

    def lines(self, samples: list[catalogue.Sample]) -> dict[str, Lines]:
        """By sample file: its lines that can run and those that did, in any measured run."""
        by_language = {"python": self._python, "javascript": self._javascript, "curl": self._curl}
        found: dict[str, Lines] = {}
        for language, read in by_language.items():
            files = sorted({s.file for s in samples if s.language == language})
            if files:
                found |= read(files)
        shutil.rmtree(self.folder / "bash", ignore_errors=True)  # the commands as run: credentials too
        return found

    def _python(self, files: list[str]) -> dict[str, Lines]:
        import coverage  # only where measuring: a test extra, and ~50 ms to import

        data = coverage.Coverage(data_file=str(self.folder / "python" / ".coverage"),
                                 config_file=str(self.folder / "python.rc"))
        data.combine([str(self.folder / "python")], keep=True)
        found = {}
        for file in files:
            _, statements, _, missing, _ = data.analysis2(str(ROOT / file))
            found[file] = Lines(frozenset(statements), frozenset(statements) - frozenset(missing))
        return found

    def _javascript(self, files: list[str]) -> dict[str, Lines]:
        ran: dict[str, set[int]] = {file: set() for file in files}
        wanted = {str(ROOT / file): file for file in files}
        for report in (self.folder / "v8").glob("*.json"):
            for script in json.loads(report.read_text("utf-8")).get("result", []):
                file = wanted.get(unquote(urlparse(script["url"]).path))
                if file is not None:
                    ran[file] |= v8_lines_run((ROOT / file).read_text("utf-8"), script["functions"])
        return {file: Lines(frozenset(javascript_code_lines((ROOT / file).read_text("utf-8"))),
                            frozenset(ran[file])) for file in files}

    def _curl(self, files: list[str]) -> dict[str, Lines]:
        traced: dict[str, set[int]] = {file: set() for file in files}
        wanted = {str(ROOT / file): file for file in files}
        for trace in (self.folder / "bash").glob("trace.*"):
            for match in TRACE_LINE.finditer(trace.read_text("utf-8", errors="replace")):
                if (file := wanted.get(match["file"])) is not None:
                    traced[file].add(int(match["line"]))
        found = {}
        for file in files:
            commands = shell_commands((ROOT / file).read_text("utf-8"))
            found[file] = Lines(frozenset(commands), frozenset(
                first for first, span in commands.items() if span & traced[file]))
        return found


# -- JavaScript: V8's block coverage, as lines ---------------------------------------------------

STRUCTURE = re.compile(r"^[\s})\];,]*$")  # closing brackets only: the code they close counts, not they


def javascript_code_lines(source: str) -> set[int]:
    """The lines with code: more than blanks, comments and closing brackets."""
    found, in_block_comment = set(), False
    for number, line in enumerate(source.splitlines(), 1):
        text = line.strip()
        if in_block_comment:
            in_block_comment = "*/" not in text
            continue
        if text.startswith("/*"):
            in_block_comment = "*/" not in text
            continue
        if text and not text.startswith("//") and not STRUCTURE.match(text):
            found.add(number)
    return found


def v8_lines_run(source: str, functions: list[dict]) -> set[int]:
    """The lines with a character that ran: each function's ranges, in order, each nested inside the
    ones before it, so a later range's count overrides the enclosing one's for its characters."""
    counts = [0] * len(source)
    for function in functions:
        for block in function["ranges"]:
            counts[block["startOffset"]:block["endOffset"]] = [block["count"]] * (
                min(block["endOffset"], len(source)) - block["startOffset"])
    ran, offset = set(), 0
    for number, line in enumerate(source.splitlines(keepends=True), 1):
        if any(counts[offset + i] for i, char in enumerate(line) if not char.isspace()):
            ran.add(number)
        offset += len(line)
    return ran


# -- curl: bash's trace, as commands ---------------------------------------------------------------

TRACE_LINE = re.compile(r"^\++(?P<file>/[^:\n]+):(?P<line>\d+): ", re.MULTILINE)
GRAMMAR = re.compile(r"^(?:fi|done|esac|then|else|do|;;|\{|\}|\)|[\w |*-]+\)|\w+\(\)\s*\{)$")


def shell_commands(source: str) -> dict[int, set[int]]:
    """Each command's first line, with every line it spans: a trailing backslash and a quote left open
    carry a command on. Comments, blank lines and the shell's grammar alone (`fi`, `done`, a case's
    pattern, a function's header) are no command."""
    commands: dict[int, set[int]] = {}
    first: int | None = None
    quote: str | None = None
    for number, line in enumerate(source.splitlines(), 1):
        opened, comment_at = _scan(line, quote)
        if first is None:
            code = line[:comment_at].strip()
            if not code or GRAMMAR.match(code):
                continue
            first = number
        commands.setdefault(first, set()).add(number)
        quote = opened
        if quote is None and not line[:comment_at].rstrip().endswith("\\"):
            first = None
    return commands


def _scan(line: str, quote: str | None) -> tuple[str | None, int]:
    """The quote still open at the end of the line, given the one open at its start, and where a
    comment starts on it (its length where none does)."""
    escaped = False
    for i, char in enumerate(line):
        if quote is None and char == "#" and (i == 0 or line[i - 1].isspace()):
            return None, i
        if escaped:
            escaped = False
        elif char == "\\" and quote != "'":
            escaped = True
        elif quote is None and char in "'\"":
            quote = char
        elif char == quote:
            quote = None
    return quote, len(line)
