"""The copy-paste test: the code as the built page shows it, not the file it came from, runs.

For every sample tab on every page, the code block is taken from the built HTML, saved under the
name the tab gives it (sms.py, sms.js) in an empty folder, and run through every case of its
sample. A section cut that drops an import or a helper fails here even though the file still runs.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sample_harness import catalogue, expectations, languages, runs, site, verdict
from sample_harness.paths import ROOT

SHOWN = [inc for inc in catalogue.includes() if catalogue.is_sample(inc.path)]
CASES = [(inc, case) for inc in SHOWN for case in expectations.cases_for(Path(inc.path).stem)]


@pytest.fixture(scope="module")
def page_blocks(built_site):
    """Each page's code blocks by the line of the include they show."""
    try:
        return {page: {inc.line: block for inc, block in site.shown_includes(built_site, page)}
                for page in sorted({inc.page for inc in SHOWN})}
    except ValueError as mismatch:
        pytest.fail(str(mismatch), pytrace=False)


@pytest.mark.parametrize(("include", "expected"), CASES, ids=[
    f"{inc.page}:{Path(inc.path).stem}[{languages.of(inc.path).name}{'-' + c.name if c.name else ''}]"
    for inc, c in CASES])
def test_the_code_as_shown_runs(include, expected, page_blocks, mock_target, tmp_path, request):
    language = languages.of(include.path)
    block = page_blocks[include.page][include.line]
    where = (f"{include.page}, {language.tab} tab, {Path(include.path).stem} "
             f"({include.path}){' case ' + expected.name if expected.name else ''}")
    assert block.tab == language.tab, f"{where}: the code block is in the tab {block.tab!r}"
    assert block.title and Path(block.title).suffix == Path(include.path).suffix, (
        f'{where}: the block needs a title naming the file to save it as, e.g. title="sms{Path(include.path).suffix}",'
        f" not {block.title!r}")
    copy = tmp_path / block.title
    copy.write_text(block.text, "utf-8")
    outcome = runs.run_case(mock_target, language.name, copy, expected, request.config.getoption("sample_timeout"))
    problems = verdict.problems(expected, outcome)
    if problems:
        first, _ = catalogue.section_lines(ROOT.joinpath(include.path).read_text("utf-8"), include.section)
        pytest.fail(f"{where}: the code copied from the page (docs/{include.page}:{include.line}, from "
                    f"{include.path}:{first}), saved as {block.title}, fails:\n  " + "\n  ".join(problems)
                    + f"\n{outcome.evidence}", pytrace=False)


def test_pages_are_found_where_mkdocs_writes_them():
    assert [site.page_path(p) for p in ("index.md", "messaging/index.md", "messaging/quick-start.md")] == [
        "", "messaging/", "messaging/quick-start/"]
