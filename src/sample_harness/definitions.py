"""The top-level definitions of a sample (functions, classes, its entry point), as the page shows them.

The samples repeat some of them on purpose (reading a setting, the timeout client, the one-line
error description), so that each sample stands alone when a reader copies it; tests/repeated-code.toml
says which, and tests/test_repeated_code.py keeps the copies identical or their differences explained.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .catalogue import Sample
from .languages import BY_NAME
from .paths import ROOT

ENTRY = "(entry point)"  # the name of the code that runs the sample: `if __name__ == ...`, `main().catch(...)`


@dataclass(frozen=True)
class Definition:
    name: str
    text: str  # with the comment lines right above it
    line: int  # of its first line in the file


def definitions(sample: Sample) -> dict[str, Definition]:
    """A definition runs from its first line (and the comments right above it) to the line before the
    next line at column 0, or to that line if it closes a bracket (JavaScript's `}`)."""
    language = BY_NAME[sample.language]
    shown = sample.shown_code().splitlines()
    offset = _offset(sample)
    found: dict[str, Definition] = {}
    for start, text in enumerate(shown):
        match = language.definition.match(text)
        if not match:
            continue
        first = start
        while first > 0 and shown[first - 1].startswith(language.comment):
            first -= 1
        end = start + 1
        while end < len(shown) and not shown[end][:1].strip():
            end += 1
        if end < len(shown) and shown[end][:1] in "})":
            end += 1
        body = "\n".join(shown[first:end]).rstrip()
        found[match["name"] or ENTRY] = Definition(match["name"] or ENTRY, body, offset + first + 1)
    return found


def _offset(sample: Sample) -> int:
    """How many lines of the file come before the shown section's first line."""
    if sample.section is None:
        return 0
    lines = sample.path.read_text("utf-8").splitlines()
    return next(i for i, line in enumerate(lines) if f"[start:{sample.section}]" in line) + 1


REPEATED = ROOT / "tests" / "repeated-code.toml"


def repeated(samples: list[Sample]) -> dict[tuple[str, str], dict[str, Definition]]:
    """(language, name) -> the definitions of that name, by sample file, wherever two samples or more have one."""
    found: dict[tuple[str, str], dict[str, Definition]] = {}
    for sample in samples:
        for name, definition in definitions(sample).items():
            found.setdefault((sample.language, name), {})[sample.file] = definition
    return {key: copies for key, copies in found.items() if len(copies) > 1}


def check(found: dict[tuple[str, str], dict[str, Definition]], table: dict[str, Any],
          listed_in: str = "tests/repeated-code.toml") -> list[str]:
    """Problems, one line each: a repeated definition the table does not list, copies that differ
    without a reason, and entries that no longer hold."""
    problems = []
    for (language, name), copies in sorted(found.items()):
        entry = table.get(language, {}).get(name)
        if entry is None:
            problems.append(f"{name} ({language}) is defined in {', '.join(sorted(copies))}: list it in {listed_in} "
                            "with why the samples repeat it, or give the copies different names")
            continue
        if entry.get("own"):
            continue  # each sample's own code under a shared name (main)
        differs = {f"{Path(f).parent.as_posix()}/{stem}{Path(f).suffix}": why
                   for f in copies for stem, why in entry.get("differs", {}).items() if Path(f).stem == stem}
        compared = {f: d for f, d in copies.items() if f not in differs}
        texts = Counter(d.text for d in compared.values())
        if len(texts) > 1:
            usual = texts.most_common(1)[0][0]
            odd = [f"{f}:{d.line}" for f, d in sorted(compared.items()) if d.text != usual]
            problems.append(f"{name} ({language}) differs in {', '.join(odd)} from its other copies; make it "
                            f"identical, or list the sample under `differs` in {listed_in} with the reason")
        for file in differs:
            if copies[file].text in texts:
                problems.append(f"{name} ({language}) in {file} is listed under `differs` in {listed_in} but is "
                                "identical to the other copies: remove the entry")
        # Copies that differ for the same reason differ alike: they are a family of their own.
        for why in sorted(set(differs.values())):
            family = {f: copies[f] for f, reason in differs.items() if reason == why}
            if len({d.text for d in family.values()}) > 1:
                where = ", ".join(f"{f}:{d.line}" for f, d in sorted(family.items()))
                problems.append(f"{name} ({language}) differs between {where}, which {listed_in} says differ "
                                "for the same reason; make them identical")
    for language, names in table.items():
        for name in names:
            if (language, name) not in found:
                problems.append(f"{listed_in}: [{language}.{name}] is no longer defined by two samples: remove it")
    return problems
