"""What a sample must do in a scenario: exit code, output lines, and the requests it makes.

Each sample's own cases come from expectations.toml; the fault matrix (fault-matrix.toml) adds one
case per fault to every sample it applies to.
"""

from __future__ import annotations

import fnmatch
import functools
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from string import Template
from typing import Any

from ringcentral_mock.scenarios import merge

from . import case_schema, languages
from .api import TOKEN
from .paths import ROOT
from .problems import Problem

EXPECTATIONS = ROOT / "tests" / "expectations.toml"
# The requests that send a message: each recipient of one is a message sent.
SEND_PATH = re.compile(r"/extension/[^/]+/(?:sms|mms)$")
FAULT_MATRIX = ROOT / "tests" / "fault-matrix.toml"
LANGUAGES = languages.NAMES


@dataclass(frozen=True)
class Case:
    name: str  # "" for the sample's main (success) case
    scenario: str = "default"
    env: dict[str, str] = field(default_factory=dict)
    exit: int = 0
    stdout: tuple[str, ...] = ()
    stderr: str | None = None
    requests: tuple[dict[str, Any], ...] | None = None  # None: not checked beyond "all accepted"
    live_stdout: tuple[str, ...] | None = None  # what a live run prints instead, where the mock's literals differ
    faults: tuple[dict[str, Any], ...] = ()  # injected into the mock before the run
    # A sample that runs until stopped: the line that says it is ready, the events driven after it
    # (each with the output and the requests it must cause), and the signal that ends it.
    ready: str | None = None
    steps: tuple[dict[str, Any], ...] = ()
    stop: str = "SIGINT"
    files: tuple[dict[str, str], ...] = ()  # files the run must save: {name, same_as} (a file of the repository)
    # Run beside it: another sample of the same language (the webhook server its subscription calls),
    # or "stand-in:<kind>", a server of the harness's that answers the platform wrongly (webhooks.py).
    companion: str | None = None
    deliveries_fail: bool = False  # the platform's webhook deliveries may go unanswered in this case
    before: tuple[dict[str, Any], ...] = ()  # steps (a sample run, an inbound text, a clock move) before it runs
    sleeps_move_clock: bool = False  # the sample's own sleeps move the mock's clock instead of waiting

    def test_id(self, language: str) -> str:
        return f"{language}-{self.name}" if self.name else language

    @property
    def logins(self) -> int | None:
        """Token requests the run makes (the Auth rate-limit group); None when requests are not listed."""
        if self.requests is None:
            return None
        return sum(1 for r in self.requests if (r["method"], r["path"]) == ("POST", TOKEN))

    @property
    def messages(self) -> int | None:
        """At most how many messages the run sends: the recipients of every send it lists, refused or not
        (the platform might accept what the mock refuses); None when its requests are not listed."""
        if self.requests is None:
            return None
        return sum(len(r.get("body", {}).get("to", [None])) for r in self.requests
                   if r["method"] == "POST" and SEND_PATH.search(r["path"]))


def load(path: Path = EXPECTATIONS) -> dict[str, dict[str, Any]]:
    """A case file's entries, checked against its schema (case_schema.CaseFileError if they are not)."""
    stat = path.stat()
    return _load(path, stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=8)
def _load(path: Path, *_changed: int) -> dict[str, dict[str, Any]]:
    """Read and checked once per version of the file (every sample's cases come from the same two files)."""
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise case_schema.CaseFileError(f"{case_schema.shown(path)}: not valid TOML: {exc}") from None
    case_schema.check(data, path, "fault-matrix" if path.name == FAULT_MATRIX.name else "expectations")
    return data


def cases_for(sample: str, language: str | None = None, table: dict[str, dict[str, Any]] | None = None,
              matrix: dict[str, dict[str, Any]] | None = None) -> list[Case]:
    """The sample's success case, then (for a language) the matrix's faults that apply, then its own twins.

    A twin named like a matrix fault is that fault with this sample's changes. Without a language,
    the cases are the sample's own, the ones every language shares.
    """
    entry = dict((load() if table is None else table).get(sample, {}))
    matrix = load(FAULT_MATRIX) if matrix is None else matrix
    twins = {name: merge(matrix.get(name, {}), data) for name, data in entry.pop("cases", {}).items()}
    main = _case("", entry, language)
    cases = [main]
    # A sample that calls no API of its own (the webhook server) meets none of the platform's faults.
    for name, fault in matrix.items() if language and entry.get("matrix", True) else ():
        data = twins.pop(name, fault)
        if _applies(data.get("needs", ()), entry.get("requests")):
            cases.append(_case(name, data, language, main))
    shared = [(name, data) for name, data in twins.items() if language or not any(k in data for k in LANGUAGES)]
    return cases + [_case(name, data, language, main) for name, data in shared]


def _case(name: str, data: dict[str, Any], language: str | None, main: Case | None = None) -> Case:
    data = merge({k: v for k, v in data.items() if k not in LANGUAGES}, data.get(language or "", {}))
    exit_code = data.get("exit", 0)
    # A run that recovers from a fault must end as the sample's success case does, with no error line.
    stdout = data.get("stdout", main.stdout if main and exit_code == 0 else ())
    stderr = data.get("stderr") if exit_code != 0 else None
    # ... and a run that recovers goes on to be driven as the success case is; a failing one just ends.
    # A failing case is driven only where it says how (its own ready line and steps).
    inherited = main if main and exit_code == 0 else None
    driven = {key: data.get(key, getattr(inherited, key) if inherited else None)
              for key in ("ready", "steps", "stop", "files")}
    return Case(name=name, scenario=data.get("scenario", main.scenario if main else "default"),
                env=data.get("env", {}), exit=exit_code, stdout=tuple(stdout), stderr=stderr,
                requests=tuple(data["requests"]) if "requests" in data else None,
                live_stdout=tuple(data["live"]["stdout"]) if "stdout" in data.get("live", {}) else None,
                faults=tuple(data.get("faults", ())), ready=driven["ready"], steps=tuple(driven["steps"] or ()),
                stop=driven["stop"] or "SIGINT", files=tuple(driven["files"] or ()),
                companion=data.get("companion", main.companion if main else None),
                # A twin, or a fault of the matrix, that gets as far as the main case's waits waits the same way.
                sleeps_move_clock=data.get("sleeps_move_clock", main.sleeps_move_clock if main else False),
                deliveries_fail=data.get("deliveries_fail", False),
                before=tuple(data.get("before", main.before if main else ())))


def _applies(needs: list[str], flow: list[dict[str, Any]] | None) -> bool:
    """Whether a sample whose success case makes `flow` meets what a fault needs (unknown flow: yes).
    A need is met by an HTTP request or a WebSocket connection (`WS`), not by a ClientRequest frame on one."""
    if flow is None:
        return True
    http = [r for r in flow if "via" not in r]
    return all(any(method in ("*", r["method"]) and fnmatch.fnmatchcase(r["path"], pattern) for r in http)
               for method, pattern in (need.split(" ", 1) for need in needs))


def fill(value: Any, values: dict[str, str]) -> Any:
    """Replace ${NAME} in every string of an expectation."""
    if isinstance(value, str):
        return Template(value).safe_substitute(values)
    if isinstance(value, dict):
        return {k: fill(v, values) for k, v in value.items()}
    if isinstance(value, list):
        return [fill(v, values) for v in value]
    return value


def pattern(text: str, values: dict[str, str]) -> re.Pattern[str]:
    """An output pattern with ${NAME} filled in by the values, each matched literally."""
    return re.compile(fill(text, {k: re.escape(v) for k, v in values.items()}))


def match_lines(patterns: tuple[str, ...], output: str, values: dict[str, str]) -> list[Problem]:
    """Problems with the output; each pattern must match a line, in order. Captures go into values."""
    problems = []
    lines = output.splitlines()
    at = 0
    for wanted in patterns:
        regex = pattern(wanted, values)
        hit = next((i for i in range(at, len(lines)) if regex.search(lines[i])), None)
        if hit is None:
            problems.append(Problem("output-line", regex.pattern, at))
            continue
        values.update(regex.search(lines[hit]).groupdict())
        at = hit + 1
    return problems


def match_requests(expected: tuple[dict[str, Any], ...], recorded: list[dict[str, Any]],
                   values: dict[str, str]) -> list[Problem]:
    """Problems with the recorded requests against the expected sequence."""
    problems = []
    for i, want in enumerate(fill(list(expected), values)):
        got = recorded[i] if i < len(recorded) else None
        label = f"request {i + 1} ({want['method']} {want['path']})"
        if got is None:
            problems.append(Problem("request-missing", where=label))
        elif (got["method"], got["path"], got.get("via")) != (want["method"], want["path"], want.get("via")):
            problems.append(Problem("request-other", f"{want['method']} {want['path']}",
                                    f"{got['method']} {got['path']}", label))
        elif "body" in want and not _body_matches(want["body"], got["body"], got.get("content_type") or ""):
            problems.append(Problem("request-body", want["body"], got["body"], label))
        elif "query" in want and any(got["query"].get(k) != v for k, v in want["query"].items()):
            problems.append(Problem("request-query", want["query"], got["query"], label))
    if len(recorded) > len(expected):
        extra = ", ".join(f"{r['method']} {r['path']}" for r in recorded[len(expected):])
        problems.append(Problem("extra-requests", None, extra))
    return problems


def _body_matches(want: Any, got: Any, content_type: str) -> bool:
    if "json" in content_type:
        return want == got  # the whole JSON body: a renamed or retyped field fails
    return isinstance(got, dict) and all(got.get(k) == v for k, v in want.items())
