"""Forward compatible: the same mkdocs.yml builds with Zensical, Material for MkDocs' successor.

The repository's site files are copied into a folder of the test's own (Zensical writes its site
and a .cache beside the config), built with `zensical build --strict`, and every include must show
the same code, in the same tabs, as with MkDocs. The one known gap is pinned as a strict xfail:
see docs/maintainers/verification.md.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sample_harness import catalogue, languages, site
from sample_harness.paths import ROOT

# What the build reads: the live-runs page includes the live workflow from .github/workflows/.
SITE_FILES = ("mkdocs.yml", "docs", "code-samples", ".github/workflows", "hooks")
INCLUDES = catalogue.includes()
ZENSICAL_GAP = ("Zensical 0.0.x does not run MkDocs hooks (mkdocs.yml `hooks:`), so the verified-with notes "
                "of hooks/verified_with.py are missing from its build (docs/maintainers/verification.md)")


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("zensical")
    for name in SITE_FILES:
        copy = shutil.copytree if (ROOT / name).is_dir() else shutil.copy2
        copy(ROOT / name, project / name)
    build = subprocess.run([sys.executable, "-m", "zensical", "build", "-f", "mkdocs.yml", "--strict"],
                           cwd=project, capture_output=True, text=True)
    if build.returncode != 0:
        pytest.fail(f"zensical build --strict fails with the mkdocs.yml MkDocs builds:\n{build.stdout}{build.stderr}",
                    pytrace=False)
    return project / "site"


def test_every_page_is_built(zensical_site):
    missing = [page for page in sorted({inc.page for inc in INCLUDES} | {"index.md"})
               if not (zensical_site / site.page_path(page) / "index.html").is_file()]
    assert not missing, f"Zensical builds no HTML for {missing}"


@pytest.mark.parametrize("include", INCLUDES, ids=[f"{inc.page}:{inc.line}" for inc in INCLUDES])
def test_each_include_shows_the_same_code_in_the_same_tab(include, zensical_site):
    try:
        block = dict(site.shown_includes(zensical_site, include.page))[include]
    except ValueError as mismatch:
        pytest.fail(f"Zensical: {mismatch}", pytrace=False)
    where = f"Zensical, {include.page}:{include.line}, {include.path}"
    expected = catalogue.section_text((ROOT / include.path).read_text("utf-8"), include.section)
    assert block.text == expected, f"{where}: the code shown is not the file's section {include.section!r}"
    if catalogue.is_sample(include.path):
        language = languages.of(include.path)
        assert block.tab == language.tab, f"{where} [{language.name}]: shown in the tab {block.tab!r}"
        assert block.title, f"{where} [{language}]: the file name above the code is missing"


@pytest.mark.xfail(strict=True, reason=ZENSICAL_GAP)
def test_each_sample_has_its_verified_with_note(zensical_site):
    pages = sorted({inc.page for inc in INCLUDES})
    missing = [f"{inc.page}, {inc.path}" for page in pages for inc, block in site.shown_includes(zensical_site, page)
               if catalogue.is_sample(inc.path) and not block.note]
    assert not missing, "no verified-with note under: " + ", ".join(missing)
