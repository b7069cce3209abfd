"""The built site: build it, serve it, and read the code blocks a page shows, tab by tab."""

from __future__ import annotations

import functools
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path, PurePosixPath

from bs4 import BeautifulSoup

from . import catalogue, exchange_panel
from .catalogue import Include
from .paths import ROOT


@dataclass(frozen=True)
class CodeBlock:
    tab: str | None  # the label of the tab the block sits in, if any
    title: str | None  # the file name shown above the block (```python title="sms.py")
    text: str  # the code exactly as shown
    note: str | None  # the verified-with note right under the block (hooks/verified_with.py), if any


def build(site_dir: Path) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` into site_dir, from the repository root (snippets paths are relative to it)."""
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
                          cwd=ROOT, capture_output=True, text=True, env=os.environ | {"NO_MKDOCS_2_WARNING": "1"})


def page_path(page: str) -> str:
    """The URL path of a page (relative to the site root), e.g. messaging/quick-start.md -> messaging/quick-start/."""
    stem = PurePosixPath(page).with_suffix("")
    folder = stem.parent if stem.name == "index" else stem  # index.md is its folder's page
    return "" if folder == PurePosixPath(".") else f"{folder}/"


def code_blocks(html: str) -> list[CodeBlock]:
    """Every fenced code block of a page, in document order."""
    soup = BeautifulSoup(html, "html.parser")
    blocks = []
    for div in soup.select("div.highlight"):
        if div.find_parent("details", class_=exchange_panel.CSS_CLASS):
            continue  # what a sample sent, generated from the verify report: no include shows it
        title = div.select_one("span.filename")
        code = div.select_one("pre code")
        after = div.find_next_sibling()
        note = after.select_one("small.verified-with") if after is not None and after.name == "p" else None
        blocks.append(CodeBlock(_tab_label(div), title.get_text() if title else None,
                                code.get_text() if code else "", note.get_text() if note else None))
    return blocks


def shown_includes(site_dir: Path, page: str) -> list[tuple[Include, CodeBlock]]:
    """A page's `--8<--` includes paired with the code blocks its built HTML shows, in order."""
    includes = [inc for inc in catalogue.includes() if inc.page == page]
    blocks = code_blocks((site_dir / page_path(page) / "index.html").read_text("utf-8"))
    if len(blocks) != len(includes):
        raise ValueError(f"{page}: the built page shows {len(blocks)} code blocks for its {len(includes)} "
                         "`--8<--` includes; every code block must be exactly one include")
    return list(zip(includes, blocks, strict=True))


def _tab_label(div) -> str | None:
    block = div.find_parent("div", class_="tabbed-block")
    if block is None:
        return None
    index = block.find_previous_siblings("div", class_="tabbed-block")
    labels = block.find_parent("div", class_="tabbed-set").select(":scope > div.tabbed-labels > label")
    return labels[len(index)].get_text().strip()


@contextmanager
def serve(site_dir: Path) -> Iterator[str]:
    """Serve site_dir over HTTP on an ephemeral loopback port; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="site", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002  (the base class's name)
        pass
