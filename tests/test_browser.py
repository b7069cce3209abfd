"""A reader in a real browser: Playwright driving Debian's Chromium over the built site, served by HTTP.

On *Sending an SMS* the reader picks a language: the code shown is the sample's section on disk,
the copy button copies exactly that, and the choice holds on the next page with language tabs
(content.tabs.link). At 1280 px no code block of any page, in any tab, scrolls sideways. The palette
toggle switches light and dark, and the choice holds; searching for MMS leads to the MMS page.
Playwright's own browser download cannot work here: the tests use /usr/bin/chromium, which
`make install` installs with apt where it is missing.
"""

from __future__ import annotations

import math
import os
import re
import shutil
from urllib.parse import urldefrag

import pytest

from sample_harness import catalogue, languages, site
from sample_harness.paths import DOCS, ROOT

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

        # the next page with a tab set that offers this language (curl is only on the core tasks' pages)
        other = next(p for p in sorted({s.page for s in catalogue.tab_sets()})
                     if p != PAGE and any(label in s.labels for s in language_tab_sets(p)))
        page.goto(base_url + site.page_path(other))
        chosen = page.locator("div.tabbed-set").filter(has=page.locator("span.filename")).first
        selected = chosen.locator("input:checked").get_attribute("id")
        shown = chosen.locator(f'label[for="{selected}"]').text_content()
        assert shown == label, f"{other}: after choosing {label} on {PAGE}, the page opens on the {shown} tab"
    finally:
        context.close()


# --- Code blocks at a desktop width ------------------------------------------------------------------

WIDE = {"width": 1280, "height": 1000}
PAGES = sorted(str(page.relative_to(DOCS)) for page in DOCS.rglob("*.md"))
LABELS = "div.tabbed-set > div.tabbed-labels > label"

# Every code block of the page: the tab it sits in, its file name or first line, and, if it is shown
# now, how wide its scrolling element (Material's `pre > code`) is against how wide its content is.
# A character's width is measured in the block itself, on a run of 100 of them.
MEASURE = """() => [...document.querySelectorAll('div.highlight')].map(div => {
  const code = div.querySelector(':scope > pre > code');
  const tab = div.closest('div.tabbed-block');
  const set = tab && tab.closest('div.tabbed-set');
  const labels = set ? set.querySelectorAll(':scope > div.tabbed-labels > label') : [];
  const label = tab && labels[[...tab.parentElement.children].indexOf(tab)];
  const title = div.querySelector(':scope > span.filename');
  const first = (code ? code.textContent : '').split('\\n').find(line => line.trim()) || '';
  const block = {tab: label ? label.textContent.trim() : null, title: title ? title.textContent.trim() : null,
                 first: first.trim(), shown: !!code && code.checkVisibility()};
  if (!block.shown) return block;
  const probe = document.createTextNode('x'.repeat(100));
  code.appendChild(probe);
  const range = document.createRange();
  range.selectNodeContents(probe);
  block.char = range.getBoundingClientRect().width / 100;
  probe.remove();
  block.scroll = code.scrollWidth;
  block.client = code.clientWidth;
  return block;
})"""

# The tab sets that have a tab with this label but show another one, by their index on the page.
NOT_SHOWING = """(label) => [...document.querySelectorAll('div.tabbed-set')].flatMap((set, index) => {
  const labels = [...set.querySelectorAll(':scope > div.tabbed-labels > label')];
  const tab = labels.find(l => l.textContent.trim() === label);
  return tab && !document.getElementById(tab.htmlFor).checked ? [index] : [];
})"""


def show_tab(page, label: str) -> None:
    """Every tab set with a tab `label` shows it. content.tabs.link switches the sets with that label
    together, so after one click the others usually show it already; those that do not get a click of their own."""
    for _ in range(page.locator("div.tabbed-set").count() + 1):
        waiting = page.evaluate(NOT_SHOWING, label)
        if not waiting:
            return
        tab_set = page.locator("div.tabbed-set").nth(waiting[0])
        exactly = re.compile(rf"^\s*{re.escape(label)}\s*$")
        tab_set.locator(":scope > div.tabbed-labels > label").filter(has_text=exactly).click()
    pytest.fail(f"the tab {label!r} cannot be shown in every tab set that has it", pytrace=False)


def test_no_code_block_scrolls_sideways(browser, base_url):
    """At 1280 px, no code block scrolls horizontally, in any tab of any page. A runnable sample must fit
    by its own width; HTTP examples, JSON, program output and shell commands wrap (docs/stylesheets/extra.css)."""
    too_wide, measured, blocks = {}, set(), {}
    context = browser.new_context(viewport=WIDE)
    try:
        page = context.new_page()
        for doc in PAGES:
            response = page.goto(base_url + site.page_path(doc))
            assert response is not None and response.ok, f"{doc}: the built site does not serve it"
            # Collapsed call-outs (the "What this sends" panels among them) open, so their blocks count too.
            page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")
            labels = list(dict.fromkeys(label.strip() for label in page.locator(LABELS).all_text_contents()))
            for shown in [None, *labels]:  # as the page opens, then each label in turn
                if shown is not None:
                    show_tab(page, shown)
                for index, block in enumerate(page.evaluate(MEASURE)):
                    where = f"{doc}, {block['tab'] or 'no tab'}, {block['title'] or block['first'][:40]}"
                    blocks[doc, index] = where
                    if not block["shown"]:
                        continue
                    measured.add((doc, index))
                    if block["scroll"] > block["client"]:
                        columns = math.ceil((block["scroll"] - block["client"]) / block["char"])
                        too_wide[doc, index] = (f"{where}: {block['scroll']} > {block['client']} "
                                                f"({columns} columns too wide)")
    finally:
        context.close()
    unseen = [blocks[key] for key in sorted(blocks.keys() - measured)]
    assert not unseen, f"no tab shows these code blocks, so they went unmeasured: {unseen}"
    if too_wide:
        listing = "\n".join(too_wide[key] for key in sorted(too_wide))
        pytest.fail(f"{len(too_wide)} code blocks scroll sideways at {WIDE['width']} px; shorten the sample's lines, "
                    "or, where a line cannot honestly be shortened (HTTP, JSON, output), let its block wrap in "
                    f"docs/stylesheets/extra.css:\n{listing}", pytrace=False)


# --- Light and dark ---------------------------------------------------------------------------------

# mkdocs.yml's theme.palette: the scheme Material opens in for the reader's system setting, and the other.
SCHEMES = {"light": ("default", "slate"), "dark": ("slate", "default")}


@pytest.mark.parametrize("system", SCHEMES)
def test_the_palette_toggle_switches_the_scheme_and_it_sticks(system, browser, base_url):
    from playwright.sync_api import expect
    opens, toggled = SCHEMES[system]
    context = browser.new_context(viewport=WIDE, color_scheme=system)
    try:
        page = context.new_page()
        page.goto(base_url)
        body = page.locator("body")
        expect(body).to_have_attribute("data-md-color-scheme", opens)
        toggle = page.locator('form[data-md-component="palette"] label:not([hidden])')
        if toggle.count() != 1:
            pytest.fail("the header has no palette toggle: mkdocs.yml's theme.palette needs two schemes, "
                        "each with a toggle", pytrace=False)
        toggle.click()
        expect(body).to_have_attribute("data-md-color-scheme", toggled)
        page.locator(f'nav.md-nav--primary a.md-nav__link[href$="{site.page_path(PAGE)}"]').first.click()
        page.wait_for_url(base_url + site.page_path(PAGE))  # on to another page by the sidebar, as a reader goes
        scheme = body.get_attribute("data-md-color-scheme")
        assert scheme == toggled, (f"with a {system} system setting, after the toggle chose {toggled!r} on the home "
                                   f"page, {PAGE} opens in {scheme!r}")
    finally:
        context.close()


# --- Search ------------------------------------------------------------------------------------------

MMS_PAGE = "messaging/sending-an-mms.md"
HEADING = "h => [...h.childNodes].filter(n => !n.classList?.contains('headerlink')).map(n => n.textContent).join('')"


def test_search_finds_the_mms_page(browser, base_url):
    """The search plugin's index (search/search_index.json, loaded by a web worker) answers "MMS" with
    the MMS page, and its result leads there."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    target = base_url + site.page_path(MMS_PAGE)
    heading = (DOCS / MMS_PAGE).read_text("utf-8").splitlines()[0].removeprefix("# ")
    context = browser.new_context(viewport=WIDE)
    try:
        page = context.new_page()
        page.goto(base_url)
        search = page.locator("input.md-search__input")
        if search.count() != 1:
            pytest.fail("the header has no search field: is the search plugin off (mkdocs.yml `plugins:`)?",
                        pytrace=False)
        search.click()
        page.keyboard.type("MMS")
        results = page.locator("ol.md-search-result__list a.md-search-result__link")
        try:
            results.first.wait_for(timeout=20_000)
        except PlaywrightTimeout:
            pytest.fail("searching for MMS shows no results within 20 s: the web worker did not load "
                        "search/search_index.json, or the index holds no MMS", pytrace=False)
        links = results.evaluate_all("links => links.map(a => a.href)")
        found = [n for n, href in enumerate(links) if urldefrag(href).url == target]
        assert found, f"searching for MMS finds no result on {MMS_PAGE}; the results lead to {links}"
        results.nth(found[0]).click()
        page.wait_for_url(lambda url: urldefrag(url).url == target)
        shown = page.locator("article h1").first.evaluate(HEADING).strip()
        assert shown == heading, f"the search result leads to {page.url}, whose heading is {shown!r}, not {heading!r}"
    finally:
        context.close()
