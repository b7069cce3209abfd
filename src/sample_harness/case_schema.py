"""The schema of tests/expectations.toml and tests/fault-matrix.toml, checked when they are read.

A key the harness does not know (`stdrr` for `stderr`), a value of the wrong type, a scenario the
mock does not have, a fault it cannot inject or an output pattern that is no regular expression
fails at once, with one line naming the file, the entry and the key, instead of a check that
silently never runs.
"""

from __future__ import annotations

import re
from pathlib import Path
from string import Template
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, TypeAdapter, ValidationError, create_model

from ringcentral_mock import scenarios
from ringcentral_mock.control.faults import FaultSpec

from . import languages, webhooks
from .paths import ROOT


class CaseFileError(ValueError):
    """A case file that does not follow the schema; the message names the file, the entry and the key."""


def _pattern(value: str) -> str:
    """A regular expression once its ${NAME} placeholders are filled (with anything: here, a word)."""
    filled = Template(value).safe_substitute({name: "x" for name in re.findall(r"\$\{(\w+)\}", value)})
    try:
        re.compile(filled)
    except re.error as exc:
        raise ValueError(f"not a regular expression: {exc}") from None
    return value


def _scenario(name: str) -> str:
    if name not in scenarios.names():
        raise ValueError(f"no scenario {name!r}; the mock has {', '.join(scenarios.names())}")
    return name


def _companion(name: str) -> str:
    kind = name.removeprefix("stand-in:")
    if name.startswith("stand-in:") and kind not in webhooks.STAND_INS:
        raise ValueError(f"no stand-in {kind!r}; the harness has {', '.join(webhooks.STAND_INS)}")
    return name


def _need(need: str) -> str:
    if not re.fullmatch(r"(GET|POST|PUT|PATCH|DELETE|WS|\*) \S+", need):
        raise ValueError(f"{need!r} is not 'METHOD path-pattern', e.g. 'POST */sms' ('*' for any method, "
                         "WS for a WebSocket connection)")
    return need


Pattern = Annotated[str, AfterValidator(_pattern)]
Scenario = Annotated[str, AfterValidator(_scenario)]
Need = Annotated[str, AfterValidator(_need)]
Companion = Annotated[str, AfterValidator(_companion)]
STRICT = ConfigDict(extra="forbid")


class Request(BaseModel):
    """One request a run must make, in order: JSON bodies compared whole, others by the fields listed."""

    model_config = STRICT
    method: Literal["GET", "POST", "PUT", "PATCH", "DELETE", "WS"]  # WS: a WebSocket connection
    path: str = Field(pattern=r"^/")
    body: dict[str, Any] | None = None
    query: dict[str, str | list[str]] | None = None
    via: Literal["websocket"] | None = None  # a ClientRequest frame on the WebSocket, not an HTTP request


class Attachment(BaseModel):
    model_config = STRICT
    contentType: str  # noqa: N815  (the platform's name)
    file: str  # relative to the repository root; the harness sends its bytes


class SavedFile(BaseModel):
    model_config = STRICT
    name: str  # in the run's working folder
    same_as: str  # a file of the repository it must equal, byte for byte


class Live(BaseModel):
    model_config = STRICT
    stdout: list[Pattern]


class Inbound(BaseModel):
    """A text (or, with attachments, an MMS) the mock receives for the scenario's user, as /__mock/inbound takes it."""

    model_config = STRICT
    from_: str = Field(alias="from", pattern=r"^\+[1-9]\d{6,14}$")
    to: str | None = Field(None, pattern=r"^\+[1-9]\d{6,14}$")
    text: str = ""
    attachments: list[Attachment] | None = None
    stray: bool = False  # notified under another subscription's id: the sample must not act on it


class Step(BaseModel):
    """One event the harness drives while the sample runs, and what it must cause."""

    model_config = STRICT
    inbound: Inbound | None = None  # the mock receives a message
    drop: bool = False  # the mock cuts every WebSocket connection, as a network would
    advance: float | None = Field(None, gt=0)  # the mock's clock moves on this many seconds
    run: str | None = None  # another sample of the same language, run to its end (it must exit 0)
    # a notification without, or with a wrong, Verification-Token, or with the right one to another path
    forge: Literal[webhooks.FORGERIES] | None = None
    deliveries: int | None = Field(None, ge=1)  # wait until the mock has made this many notification attempts
    expect: list[Pattern] = []  # output lines the event must cause, in order
    only: bool = False  # they must be the very next lines: nothing else printed since the step before
    timeout: float = Field(10, gt=0)  # seconds to wait for each of them
    requests: list[Request] | None = None  # the requests the sample makes for it, before its last line


class Outcome(BaseModel):
    """What a run in a case must do; every key is optional, and overlays what it is based on."""

    model_config = STRICT
    scenario: Scenario | None = None
    env: dict[str, str] | None = None
    exit: int | None = Field(None, ge=0, le=255)
    stdout: list[Pattern] | None = None
    stderr: Pattern | None = None
    requests: list[Request] | None = None
    live: Live | None = None
    faults: list[FaultSpec] | None = None
    ready: Pattern | None = None
    steps: list[Step] | None = None
    stop: Literal["SIGINT", "SIGTERM"] | None = None
    files: list[SavedFile] | None = None
    companion: Companion | None = None  # a sample of the same language, or "stand-in:<kind>" (webhooks.py)
    deliveries_fail: bool | None = None
    before: list[Step] | None = None  # what happens before the sample starts (with its companion up)
    sleeps_move_clock: bool | None = None  # the sample's own sleeps move the mock's clock (startup.py)


# A case may change its outcome for one language: `javascript = { exit = 0 }`.
Case = create_model("Case", __base__=Outcome,
                    **{language.name: (Outcome | None, None) for language in languages.LANGUAGES})


class Unrun(BaseModel):
    """A line of the shown code that no case runs, and why that is acceptable (coverage_report.py)."""

    model_config = STRICT
    code: str = Field(min_length=1)  # the line as the file has it, without its indent
    why: str = Field(min_length=1)


Uncovered = create_model("Uncovered", __config__=STRICT,
                         **{language.name: (list[Unrun] | None, None) for language in languages.LANGUAGES})


class Sample(Case):
    """A sample's entry in expectations.toml: its main case, and its failure twins under `cases`."""

    cases: dict[str, Case] | None = None
    matrix: bool | None = None  # false: the fault matrix does not apply (the sample calls no API of its own)
    uncovered: Uncovered | None = None  # per language, the lines no case runs, each with the reason


class Fault(Case):
    """A fault of the matrix: a case every sample meets whose flow makes the requests it `needs`."""

    needs: list[Need] | None = None


ROOTS: dict[str, type[BaseModel]] = {"expectations": Sample, "fault-matrix": Fault}


def check(data: dict[str, Any], path: Path, kind: str) -> None:
    """Raise CaseFileError unless `data` (read from `path`) follows the schema of its kind of file."""
    try:
        TypeAdapter(dict[str, ROOTS[kind]]).validate_python(data)
    except ValidationError as invalid:
        raise CaseFileError(describe(shown(path), ROOTS[kind], invalid.errors()[0])) from None


def shown(path: Path) -> Path:
    """The path as a writer would name it: from the repository root when it lies in the guide."""
    return path.relative_to(ROOT) if path.is_relative_to(ROOT) else path


def describe(path: Path, root: type[BaseModel], error: dict[str, Any]) -> str:
    """One line: the file, the entry (as a TOML table name) and the key, and what is wrong."""
    *entry, key = [str(part) for part in error["loc"] if not isinstance(part, int)] or ["?"]
    table = f"[{'.'.join(entry)}]" if entry else "the file's top level"
    model = _model_at(root, entry)
    if error["type"] == "extra_forbidden" and model is not None:
        return f"{path}: {table} has an unknown key {key!r}; allowed: {', '.join(sorted(model.model_fields))}"
    return f"{path}: {table} {key}: {error['msg'].removeprefix('Value error, ')}"


def _model_at(root: type[BaseModel], entry: list[str]) -> type[BaseModel] | None:
    """The model of the table at `entry` (a sample, a twin, a per-language override, a request); None
    where the harness does not say (a fault's own fields: the mock's schema names them)."""
    model: type[BaseModel] | None = root
    parts = iter(entry[1:])  # entry[0] is the sample's (or the fault's) name
    for part in parts:
        if model is None:
            return None
        if part == "cases":
            next(parts, None)  # the twin's name
            model = Case
        else:
            model = {"requests": Request, "live": Live, "faults": None, "steps": Step, "inbound": Inbound,
                     "attachments": Attachment, "files": SavedFile, "uncovered": Uncovered}.get(
                part, (Unrun if model is Uncovered else Outcome) if part in languages.NAMES else model)
    return model
