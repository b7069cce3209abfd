"""The catalogue's rules: every file in code-samples/ shown (or a listed helper), in every language
(a language that is not `everywhere`, such as curl, only where a page has its tab).

Each function returns the problems it finds, one line each, naming the page, the file and what to
do; tests/test_catalogue.py runs them on the repository and on broken copies.
"""

from __future__ import annotations

from pathlib import Path

from . import catalogue, languages
from .paths import DOCS, ROOT


def unshown_files(docs: Path = DOCS, root: Path = ROOT, helpers: Path = catalogue.HELPERS) -> list[str]:
    included = {include.path for include in catalogue.includes(docs)}
    listed = catalogue.helpers(helpers)
    where = helpers.relative_to(root) if helpers.is_relative_to(root) else helpers
    return [f"{path}: no page includes it. Include it in a page (`--8<-- \"{path}:<section>\"`), "
            f"list it in {where} with the reason it is kept, or delete it"
            for path in catalogue.sample_files(root / "code-samples") if path not in included and path not in listed]


def bad_helpers(docs: Path = DOCS, root: Path = ROOT, helpers: Path = catalogue.HELPERS) -> list[str]:
    files = set(catalogue.sample_files(root / "code-samples"))
    included = {include.path for include in catalogue.includes(docs)}
    where = helpers.relative_to(root) if helpers.is_relative_to(root) else helpers
    problems = []
    for path, reason in catalogue.helpers(helpers).items():
        if path not in files:
            problems.append(f"{where}: {path} does not exist; remove the entry, or fix its path after a rename")
        elif path in included:
            problems.append(f"{where}: {path} is included by a page, so it is no helper; remove the entry")
        if not str(reason).strip():
            problems.append(f"{where}: {path} needs a reason")
    for path in catalogue.pytest_files(helpers):
        if path not in files:
            problems.append(f"{where}: [pytest-files] {path} does not exist; remove the entry, or fix its path")
        elif path not in included:
            problems.append(f"{where}: [pytest-files] {path} is included by no page; include it, or list it "
                            "under [helpers] with the reason it is kept")
    return problems


def missing_includes(docs: Path = DOCS, root: Path = ROOT) -> list[str]:
    return [f"{inc.page}:{inc.line}: includes {inc.path}, which does not exist; fix the path or restore the file"
            for inc in catalogue.includes(docs) if not (root / inc.path).is_file()]


def samples_outside_their_tab(docs: Path = DOCS) -> list[str]:
    in_tabs = {(inc.page, inc.line): tab.label
               for tab_set in catalogue.tab_sets(docs) for tab in tab_set.tabs for inc in tab.includes}
    problems = []
    for inc in catalogue.includes(docs):
        if catalogue.is_sample(inc.path):
            want = languages.of(inc.path).tab
            got = in_tabs.get((inc.page, inc.line))
            if got != want:
                shown = f'in the tab "{got}"' if got else "outside any tab"
                problems.append(f'{inc.page}:{inc.line}: {inc.path} is shown {shown}; put it under === "{want}"')
    return problems


def uneven_tab_sets(docs: Path = DOCS) -> list[str]:
    """Language tab sets (showing samples, or labelled with a language) have a tab for every language
    that is everywhere, plus any others they choose, in the table's order, with the same samples."""
    problems = []
    for tab_set in catalogue.tab_sets(docs):
        shown = {tab.label: {str(Path(i.path).with_suffix("")) for i in tab.includes if catalogue.is_sample(i.path)}
                 for tab in tab_set.tabs}
        chosen = [language for language in languages.LANGUAGES
                  if language.everywhere or language.tab in tab_set.labels]
        labels = [language.tab for language in chosen]
        if not any(shown.values()) and not set(tab_set.labels) & {lang.tab for lang in languages.LANGUAGES}:
            continue  # not a language tab set (e.g. Request / Response)
        where = f"{tab_set.page}:{tab_set.line}"
        if tab_set.labels != labels:
            problems.append(f"{where}: a language tab set needs the tabs {labels} in that order, "
                            f"not {tab_set.labels}")
            continue
        stems = set().union(*shown.values())
        for stem in sorted(stems):
            has = [language for language in chosen if stem in shown[language.tab]]
            problems += [f"{where}: {stem}{has[0].suffix} is shown without its counterpart; include "
                         f"{stem}{missing.suffix} in the {missing.tab} tab"
                         for missing in chosen if missing not in has]
    return problems


def samples_without_counterpart(docs: Path = DOCS, root: Path = ROOT) -> list[str]:
    found = {(sample.name, sample.language): sample for sample in catalogue.samples(docs, root)}
    return [f"{sample.file} (shown on {', '.join(sample.pages)}) has no {other.name} counterpart on any "
            f"page; write {Path(sample.file).with_suffix(other.suffix)} and include it"
            for (name, language), sample in found.items() for other in languages.LANGUAGES
            if other.everywhere and other.name != language and (name, other.name) not in found]
