"""A reader in a real browser: Playwright driving Debian's Chromium over the built site, served by HTTP.

On *Sending an SMS* the reader picks a language: the code shown is the sample's section on disk,
the copy button copies exactly that, and the choice holds on the next page with language tabs
(content.tabs.link). Playwright's own browser download cannot work here: the tests use
/usr/bin/chromium, which `make install` installs with apt where it is missing.
"""

from __future__ import annotations

import os
import shutil

import pytest

from sample_harness import catalogue, languages, site
from sample_harness.paths import ROOT

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
PAGE = "messaging/sending-an-sms.md"
CODE = "div.tabbed-block:visible div.highlight:has(span.filename)"  # the titled code block of the open tab


def language_tab_sets(page: str) -> list[catalogue.TabSet]:
    return [s for s in catalogue.tab_sets() if s.page == page
            and any(catalogue.is_sample(i.path) for tab in s.tabs for i in tab.includes)]


@pytest.fixture(scope="module")
def browser():
    if not os.access(CHROMIUM, os.X_OK):
        message = f"no Chromium at {CHROMIUM}: run `make install` (it installs Debian's chromium with apt)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true: {message}", pytrace=False)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def base_url(built_site):
    with site.serve(built_site) as url:
        yield url


@pytest.mark.parametrize("label", [language.tab for language in languages.LANGUAGES])
def test_the_chosen_language_shows_copies_and_sticks(label, browser, base_url):
    first = language_tab_sets(PAGE)[0]
    include = next(i for tab in first.tabs if tab.label == label for i in tab.includes if catalogue.is_sample(i.path))
    where = f"{PAGE}, {label} tab, {include.path}"
    expected = catalogue.section_text(ROOT.joinpath(include.path).read_text("utf-8"), include.section)
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url.rstrip("/"))
    try:
        page = context.new_page()
        page.goto(base_url + site.page_path(PAGE))
        tabs = page.locator("div.tabbed-set").filter(has=page.locator("span.filename")).first
        tabs.locator("div.tabbed-labels > label", has_text=label).click()
        block = tabs.locator(CODE)
        assert block.locator("code").text_content() == expected, (
            f"{where}: the code shown is not the section {include.section!r} of the file")

        block.hover()  # the copy button shows on hover
        block.locator("button[data-clipboard-target]").click()
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied.rstrip("\n") == expected.rstrip("\n"), f"{where}: the copy button copies something else"

        other = next(p for p in sorted({s.page for s in catalogue.tab_sets()}) if p != PAGE and language_tab_sets(p))
        page.goto(base_url + site.page_path(other))
        chosen = page.locator("div.tabbed-set").filter(has=page.locator("span.filename")).first
        selected = chosen.locator("input:checked").get_attribute("id")
        shown = chosen.locator(f'label[for="{selected}"]').text_content()
        assert shown == label, f"{other}: after choosing {label} on {PAGE}, the page opens on the {shown} tab"
    finally:
        context.close()
