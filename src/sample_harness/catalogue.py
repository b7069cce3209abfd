"""The samples the pages include, found by reading the pages' `--8<--` lines.

A sample is a runnable file in code-samples/, in one of the languages of `languages`, that at least
one page includes; a new page's samples are picked up without editing any list. A pytest file of a
reader's own suite that a page shows is no sample: tests/sample-helpers.toml lists it under
`[pytest-files]`, and tests/test_pytest_examples.py runs it with pytest instead.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from . import languages
from .paths import DOCS, ROOT, SAMPLES

INCLUDE = re.compile(r'^\s*-{1,2}8<-{1,2}\s+"(?P<path>[^":]+)(?::(?P<section>[\w-]+))?"\s*$')
TAB = re.compile(r'^(?P<indent>\s*)===(?P<new>!?)\+?\s+"(?P<label>[^"]*)"\s*$')
# Files in code-samples/ that no page includes, each with the reason it is kept.
HELPERS = ROOT / "tests" / "sample-helpers.toml"


@dataclass(frozen=True)
class Include:
    page: str  # relative to docs/
    line: int
    path: str  # relative to the repository root
    section: str | None


@dataclass(frozen=True)
class Tab:
    label: str
    line: int
    includes: tuple[Include, ...]


@dataclass(frozen=True)
class TabSet:
    page: str
    line: int
    tabs: tuple[Tab, ...]
    end: int = 0  # the line after its last tab's content (1-based): where what follows it begins

    @property
    def labels(self) -> list[str]:
        return [tab.label for tab in self.tabs]


@dataclass(frozen=True)
class Sample:
    name: str  # the file stem, shared by the Python and JavaScript counterparts
    language: str
    path: Path
    section: str | None
    pages: tuple[str, ...]
    file: str  # the path as pages include it (relative to the repository root)

    @property
    def id(self) -> str:
        return f"{self.name}[{self.language}]"

    def shown_code(self) -> str:
        """The code the pages show: the named section (markers dropped), or the whole file."""
        return section_text(self.path.read_text("utf-8"), self.section)

    def location(self, docs: Path = DOCS) -> str:
        """Where a reader finds it: the shown lines in its file, and the line of each page's include,
        as `path:line`, which an editor or terminal opens at that line."""
        first, last = section_lines(self.path.read_text("utf-8"), self.section)
        section = f"the section {self.section!r}" if self.section else "the whole file"
        shown = [f"{docs.name}/{inc.page}:{inc.line}" for inc in includes(docs)
                 if (inc.path, inc.section) == (self.file, self.section)]
        return f"{self.file}:{first} ({section}, lines {first}-{last}), shown at {', '.join(shown)}"


class SectionMissingError(LookupError):
    pass


def section_text(text: str, section: str | None) -> str:
    """What pymdownx.snippets includes for `file:section`: the lines between the section's markers,
    without any marker lines. SectionMissingError when the file has no such section."""
    lines = text.splitlines()
    if section is not None:
        first, last = section_lines(text, section)
        lines = lines[first - 1:last]
    return "\n".join(line for line in lines if _marker(line) is None) + "\n"


def section_lines(text: str, section: str | None) -> tuple[int, int]:
    """The first and last line (1-based) of what the include shows: inside the section's markers."""
    lines = text.splitlines()
    if section is None:
        return 1, len(lines)
    start = next((i for i, line in enumerate(lines) if _marker(line) == ("start", section)), None)
    end = next((i for i, line in enumerate(lines) if _marker(line) == ("end", section)), None)
    if start is None or end is None or end < start:
        raise SectionMissingError(f"no section {section!r} (start and end markers) in the file")
    return start + 2, end


MARKER = re.compile(r"-{1,2}8<-{1,2}\s+\[(?P<kind>start|end):(?P<name>[\w-]+)\]")


def _marker(line: str) -> tuple[str, str] | None:
    match = MARKER.search(line)
    return (match["kind"], match["name"]) if match else None


def includes(docs: Path = DOCS) -> list[Include]:
    found = []
    for page in sorted(docs.rglob("*.md")):
        for number, text in enumerate(page.read_text("utf-8").splitlines(), 1):
            if match := INCLUDE.match(text):
                found.append(Include(str(page.relative_to(docs)), number, match["path"], match["section"]))
    return found


def is_sample(path: str) -> bool:
    return languages.of(path) is not None and path not in pytest_files()


def tab_sets(docs: Path = DOCS) -> list[TabSet]:
    """The `=== "Label"` tab sets of every page, with the includes inside each tab."""
    found = []
    for page in sorted(docs.rglob("*.md")):
        found += page_tab_sets(str(page.relative_to(docs)), page.read_text("utf-8").splitlines())
    return found


def page_tab_sets(page: str, lines: list[str]) -> list[TabSet]:
    sets: list[TabSet] = []
    tabs: list[Tab] = []
    set_indent = set_end = None
    for start, text in enumerate(lines):
        header = TAB.match(text)
        if not header:
            continue
        indent = len(header["indent"])
        end = _block_end(lines, start, indent)
        body = "\n".join(lines[start + 1:end])
        tab = Tab(header["label"], start + 1, tuple(
            Include(page, start + 2 + i, m["path"], m["section"])
            for i, line in enumerate(body.splitlines()) if (m := INCLUDE.match(line))))
        # A tab right after the previous one's content, at its indent, joins its set (unless `===!`).
        if tabs and indent == set_indent and start == set_end and not header["new"]:
            tabs.append(tab)
        else:
            if tabs:
                sets.append(TabSet(page, tabs[0].line, tuple(tabs), _content_end(lines, set_end)))
            tabs, set_indent = [tab], indent
        set_end = end
    if tabs:
        sets.append(TabSet(page, tabs[0].line, tuple(tabs), _content_end(lines, set_end)))
    return sets


def _content_end(lines: list[str], end: int) -> int:
    """The 1-based line after the last non-blank line before index `end`."""
    while end > 0 and not lines[end - 1].strip():
        end -= 1
    return end + 1


def _block_end(lines: list[str], start: int, indent: int) -> int:
    """The index of the first line after `start` that is not blank and not indented past `indent`."""
    for i in range(start + 1, len(lines)):
        if lines[i].strip() and len(lines[i]) - len(lines[i].lstrip()) <= indent:
            return i
    return len(lines)


def sample_files(root: Path = SAMPLES) -> list[str]:
    """Every file under code-samples/, relative to the repository root."""
    return sorted(p.relative_to(root.parent).as_posix() for p in root.rglob("*")
                  if p.is_file() and "__pycache__" not in p.parts)


def helpers(path: Path = HELPERS) -> dict[str, str]:
    """The files no page includes, relative to the repository root, with the reason each is kept."""
    return tomllib.loads(path.read_text("utf-8")).get("helpers", {})


def pytest_files(path: Path = HELPERS) -> dict[str, str]:
    """The pytest files pages show (run as a reader's suite, not as samples), with what each shows."""
    return tomllib.loads(path.read_text("utf-8")).get("pytest-files", {}) if path.is_file() else {}


def samples(docs: Path = DOCS, root: Path = ROOT) -> list[Sample]:
    """Every included runnable sample, once per file and section, with the pages that show it."""
    pages: dict[tuple[str, str | None], list[str]] = {}
    for include in includes(docs):
        if is_sample(include.path):
            pages.setdefault((include.path, include.section), []).append(include.page)
    return [
        Sample(Path(path).stem, languages.of(path).name, root / path, section, tuple(sorted(set(shown))), path)
        for (path, section), shown in sorted(pages.items())
    ]
