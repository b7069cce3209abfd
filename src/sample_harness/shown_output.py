"""The output a page says a sample prints (`<sample>.output.txt`, shown under "Against the mock, it
prints:") must be what the sample printed in its main case against the mock.

Ids are the mock's, stable from a reset. Times are masked: the mock's follow the wall clock, and a
sample may print one it computed from the reader's clock (read-message-store's start of the day).
"""

from __future__ import annotations

import re
from pathlib import Path

from . import catalogue
from .catalogue import Include, Sample
from .paths import DOCS, ROOT
from .problems import Problem

SUFFIX = ".output.txt"
TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z")


def shown_by(sample: Sample, docs: Path = DOCS) -> list[Include]:
    """The includes, on any page, of the output the sample is said to print."""
    path = sample.path.with_name(sample.name + SUFFIX).relative_to(ROOT).as_posix()
    return [include for include in catalogue.includes(docs) if include.path == path]


def problems(sample: Sample, printed: str, docs: Path = DOCS) -> list[Problem]:
    """Each line where a page's output block and the sample's printed output differ, naming the page."""
    found = []
    for include in shown_by(sample, docs):
        shown = catalogue.section_text((ROOT / include.path).read_text("utf-8"), include.section).splitlines()
        lines = printed.splitlines()
        where = f"{include.page}:{include.line} ({include.path})"
        for number in range(max(len(shown), len(lines))):
            want, got = (text[number] if number < len(text) else "(no line)" for text in (shown, lines))
            if TIME.sub("<time>", want) != TIME.sub("<time>", got):
                found.append(Problem("shown-output", want, got, f"{where} line {number + 1}"))
                break  # the first difference says enough; the evidence shows the rest
    return found


def without_sample(docs: Path = DOCS, root: Path = ROOT) -> list[str]:
    """Output blocks included by a page that no sample of that name would print."""
    names = {(str(Path(s.file).parent), s.name) for s in catalogue.samples(docs, root)}
    return [f"{inc.page}:{inc.line}: {inc.path} is shown as a sample's output, but there is no sample "
            f"{Path(inc.path).name.removesuffix(SUFFIX)} beside it"
            for inc in catalogue.includes(docs) if inc.path.endswith(SUFFIX)
            and (str(Path(inc.path).parent), Path(inc.path).name.removesuffix(SUFFIX)) not in names]
