"""The samples the pages include, found by reading the pages' `--8<--` lines.

A sample is a runnable file in code-samples/ (.py or .js) that at least one page includes; a new
page's samples are picked up without editing any list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .paths import DOCS, ROOT

INCLUDE = re.compile(r'^\s*-{1,2}8<-{1,2}\s+"(?P<path>[^":]+)(?::(?P<section>[\w-]+))?"\s*$')
LANGUAGES = {".py": "python", ".js": "javascript"}


@dataclass(frozen=True)
class Include:
    page: str  # relative to docs/
    line: int
    path: str  # relative to the repository root
    section: str | None


@dataclass(frozen=True)
class Sample:
    name: str  # the file stem, shared by the Python and JavaScript counterparts
    language: str
    path: Path
    section: str | None
    pages: tuple[str, ...]

    @property
    def id(self) -> str:
        return f"{self.name}[{self.language}]"

    def shown_code(self) -> str:
        """The code the pages show: the named section (markers dropped), or the whole file."""
        return section_text(self.path.read_text("utf-8"), self.section)


class SectionMissingError(LookupError):
    pass


def section_text(text: str, section: str | None) -> str:
    """What pymdownx.snippets includes for `file:section`: the lines between the section's markers,
    without any marker lines. SectionMissingError when the file has no such section."""
    lines = text.splitlines()
    if section is not None:
        start = next((i for i, line in enumerate(lines) if _marker(line) == ("start", section)), None)
        end = next((i for i, line in enumerate(lines) if _marker(line) == ("end", section)), None)
        if start is None or end is None or end < start:
            raise SectionMissingError(f"no section {section!r} (start and end markers) in the file")
        lines = lines[start + 1:end]
    return "\n".join(line for line in lines if _marker(line) is None) + "\n"


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


def samples(docs: Path = DOCS, root: Path = ROOT) -> list[Sample]:
    """Every included runnable sample, once per file and section, with the pages that show it."""
    pages: dict[tuple[str, str | None], list[str]] = {}
    for include in includes(docs):
        if Path(include.path).suffix in LANGUAGES:
            pages.setdefault((include.path, include.section), []).append(include.page)
    return [
        Sample(Path(path).stem, LANGUAGES[Path(path).suffix], root / path, section, tuple(sorted(set(shown))))
        for (path, section), shown in sorted(pages.items())
    ]
