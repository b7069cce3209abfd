"""The endpoints the pages name, checked against the routes the mock serves.

A page names an endpoint in inline code, in prose, a table or an admonition: `POST /restapi/...`, a bare
`/__mock/inbound`, `ws://127.0.0.1:PORT/ws`, or an abbreviation like `PUT .../subscription/{id}`. Fenced
blocks are left out: they are the included samples, run elsewhere. tests/unserved-endpoints.toml lists,
each with its reason, what a page names on purpose although the mock does not serve it.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ringcentral_mock.app import create_app

from .paths import DOCS, ROOT

UNSERVED = ROOT / "tests" / "unserved-endpoints.toml"
METHODS = frozenset({"GET", "POST", "PUT", "PATCH", "DELETE"})
ELIDED = "..."  # `.../sms`: the leading segments are left out
# `~` is the platform's "the caller's own" account or extension.
TILDE_PARAMETERS = frozenset({"{accountId}", "{extensionId}"})
# A backtick fence's info string has no backtick: "```a``` b" is a code span, not a fence.
FENCE = re.compile(r"^\s*(?P<fence>`{3,}(?=[^`]*$)|~{3,})")
# A backtick run up to the next run of the same length, within one paragraph (CommonMark's code span).
SPAN = re.compile(r"(?<![`\\])(?P<ticks>`+)(?!`)(?P<text>(?:(?!\n[ \t]*\n).)+?)(?<!`)(?P=ticks)(?!`)", re.S)
URL = re.compile(r"^[a-z][a-z\d+.-]*://[^/]*(?P<path>/.*)?$")
SEPARATORS = re.compile(r"[\s'\"(),;]+")


@dataclass(frozen=True)
class Route:
    methods: frozenset[str]  # empty for the WebSocket route
    path: str

    def shown(self, method: str | None) -> str:
        """As the guide writes it: `~` for the caller's account and extension."""
        path = "/".join("~" if part in TILDE_PARAMETERS else part for part in self.path.split("/"))
        return f"{method} {path}" if method else path


@dataclass(frozen=True)
class Mention:
    page: str  # relative to the repository root
    line: int
    method: str | None
    path: str  # as the page writes it, without its query string

    @property
    def key(self) -> str:
        """How tests/unserved-endpoints.toml names it."""
        return f"{self.method} {self.path}" if self.method else self.path


def mock_routes() -> list[Route]:
    """Every route of the mock's app, those its OpenAPI leaves out (subscriptions, admin, WebSocket) included."""
    return routes(create_app().routes)


def routes(app_routes: Iterable) -> list[Route]:
    return [Route(frozenset(getattr(route, "methods", None) or ()), route.path) for route in app_routes]


def pages(docs: Path = DOCS) -> dict[str, str]:
    return {path.relative_to(ROOT).as_posix(): path.read_text("utf-8") for path in sorted(docs.rglob("*.md"))}


def unserved(path: Path = UNSERVED) -> dict[str, str]:
    return tomllib.loads(path.read_text("utf-8")).get("unserved", {})


def code_spans(markdown: str) -> Iterator[tuple[int, str]]:
    """(line, text) of each inline code span outside fenced blocks; a span may run over lines."""
    prose = "\n".join(_without_fences(markdown.splitlines()))
    for span in SPAN.finditer(prose):
        yield prose.count("\n", 0, span.start()) + 1, " ".join(span["text"].split())


def _without_fences(lines: list[str]) -> Iterator[str]:
    """The lines, a fenced block's (fences included) blanked so that line numbers stay."""
    fence = None
    for line in lines:
        if fence is None:
            opening = FENCE.match(line)
            fence = opening["fence"] if opening else None
            yield "" if opening else line
        else:
            if set(line.strip()) == {fence[0]} and len(line.strip()) >= len(fence):
                fence = None  # the closing fence: the same character, at least as many
            yield ""


def mentions(page: str, markdown: str, prefixes: frozenset[str]) -> list[Mention]:
    """The endpoints a page names: a path whose first segment is one the mock serves (`restapi`, `__mock`,
    `ws`), with the method right before it if there is one; an elided path only with a method, since
    a bare `.../x` could be anything."""
    found = []
    for line, text in code_spans(markdown):
        tokens = [token for token in SEPARATORS.split(text) if token]
        for before, token in zip([None, *tokens], tokens, strict=False):
            method = before if before in METHODS else None
            path = _path(token)
            if path and (_segments(path)[0] in prefixes or (method and _segments(path)[0] == ELIDED)):
                found.append(Mention(page, line, method, path))
    return found


def _path(token: str) -> str | None:
    """The path a token names, without query string or fragment: of a URL, its path."""
    url = URL.match(token)
    path = (url["path"] or "") if url else token
    path = re.split(r"[?#]", path, maxsplit=1)[0]
    return path if path.startswith(("/", f"{ELIDED}/")) else None


def _segments(path: str) -> list[str]:
    return path.removeprefix("/").split("/")


def served_by(mention: Mention, route: Route) -> bool:
    """The route's path matches, and its method if the mention names one."""
    return (mention.method is None or mention.method in route.methods) and _path_matches(mention.path, route.path)


def _path_matches(page_path: str, route_path: str) -> bool:
    named, served = _segments(page_path), _segments(route_path)
    if named[0] == ELIDED:
        named = named[1:]
        if len(served) <= len(named):
            return False
        served = served[-len(named):]
    return len(named) == len(served) and all(map(_segment_matches, named, served))


def _segment_matches(named: str, served: str) -> bool:
    if named == served:
        return True
    if not served.startswith("{"):
        return False
    # Any placeholder fills a parameter; so does a concrete id (it has a digit, unlike `instant`).
    return named.startswith("{") or (named == "~" and served in TILDE_PARAMETERS) or any(c.isdigit() for c in named)


def check(texts: dict[str, str], served: list[Route], listed: dict[str, str]) -> list[str]:
    """One line per endpoint a page names that the mock does not serve and the list does not excuse, and per
    stale or unexplained entry of the list."""
    prefixes = frozenset(_segments(route.path)[0] for route in served)
    named = [mention for page, text in texts.items() for mention in mentions(page, text, prefixes)]
    problems = [_problem(mention, served) for mention in named if mention.key not in listed]
    return [problem for problem in problems if problem] + _stale(listed, named, served)


def _problem(mention: Mention, served: list[Route]) -> str | None:
    if any(served_by(mention, route) for route in served):
        return None
    where = f"{mention.page}:{mention.line}: {mention.key}"
    same_path = [route for route in served if _path_matches(mention.path, route.path)]
    if same_path:
        methods = sorted(frozenset().union(*(route.methods for route in same_path)) & METHODS)
        how = f"with {', '.join(methods)}" if methods else "as a WebSocket"
        return f"{where}: the mock serves this path only {how}"
    return f"{where}: the mock serves no such route{_suggestion(mention, served)}"


def _suggestion(mention: Mention, served: list[Route]) -> str:
    shown = [route.shown(method) for route in served
             for method in (sorted(route.methods & METHODS) if mention.method else [None])]
    close = difflib.get_close_matches(mention.key, shown, n=1, cutoff=0.6)
    return f" (did you mean {close[0]}?)" if close else ""


def _stale(listed: dict[str, str], named: list[Mention], served: list[Route]) -> list[str]:
    where = UNSERVED.relative_to(ROOT).as_posix()
    problems = []
    for key, reason in listed.items():
        mentions_of_it = [mention for mention in named if mention.key == key]
        if not mentions_of_it:
            problems.append(f'{where}: "{key}" is named by no page any more: remove it')
        elif any(served_by(mentions_of_it[0], route) for route in served):
            problems.append(f'{where}: "{key}" is served by the mock now: remove it')
        elif not str(reason).strip():
            problems.append(f'{where}: "{key}" has no reason: say why the mock does not serve it')
    return problems
