"""The raw HTTP examples pages show (`*.request.http`, `*.response.http`): parsed, paired, typed.

An example is a start line, `Name: value` headers, a blank line and an optional body, as a reader
would see it on the wire. `<stem>.request.http` and `<stem>.response.http` belong together.
"""

from __future__ import annotations

import email
import email.policy
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from fastapi.routing import APIRoute
from pydantic import BaseModel

from . import catalogue
from .paths import DOCS, ROOT

KINDS = (".request.http", ".response.http")


@dataclass(frozen=True)
class HttpMessage:
    start: list[str]  # the start line's words: method, target, version / version, status, reason
    headers: dict[str, str]  # names in lower case
    body: str

    @property
    def wire_body(self) -> bytes:
        """The body as it goes over the wire: multipart parts are separated by CRLF, whatever the file uses."""
        multipart = self.headers.get("content-type", "").startswith("multipart/")
        return (self.body.replace("\r\n", "\n").replace("\n", "\r\n") if multipart else self.body).encode()

    @property
    def json(self) -> Any:
        """The JSON body, or a multipart body's JSON part; None when there is neither."""
        content_type = self.headers.get("content-type", "")
        if "json" in content_type:
            return json.loads(self.body)
        if content_type.startswith("multipart/"):
            whole = email.message_from_string(f"Content-Type: {content_type}\n\n{self.body}",
                                              policy=email.policy.default)
            part = next((p for p in whole.iter_parts() if p.get_content_type() == "application/json"), None)
            return json.loads(part.get_content()) if part else None
        return None


def parse(text: str) -> HttpMessage:
    head, _, body = text.partition("\n\n")
    start, *lines = head.splitlines()
    headers = {}
    for line in lines:
        name, colon, value = line.partition(":")
        if not colon:
            raise ValueError(f"header line {line!r} has no colon")
        headers[name.strip().lower()] = value.strip()
    return HttpMessage(start.split(" ", 2), headers, body.rstrip("\n"))


def examples(docs: Path = DOCS) -> dict[str, dict[str, str]]:
    """Every included example by stem (repository-relative, without the kind): {"request": path, ...}."""
    found: dict[str, dict[str, str]] = {}
    for include in catalogue.includes(docs):
        kind = next((k for k in KINDS if include.path.endswith(k)), None)
        if kind:
            found.setdefault(include.path[:-len(kind)], {})[kind.split(".")[1]] = include.path
    return found


def pages_showing(path: str, docs: Path = DOCS) -> list[str]:
    return sorted({include.page for include in catalogue.includes(docs) if include.path == path})


def read(path: str) -> HttpMessage:
    return parse((ROOT / path).read_text("utf-8"))


def response_model(app: Any, method: str, target: str) -> tuple[type[BaseModel], int] | None:
    """The model and status the mock answers `method target` with, from its routing table."""
    path = urlsplit(target).path
    for route in app.routes:
        if isinstance(route, APIRoute) and method in route.methods and route.path_regex.match(path):
            return route.response_model, route.status_code or 200
    return None


def mismatches(sent: dict[str, Any], answer: dict[str, Any]) -> list[str]:
    """Where a response example does not answer its request: an SMS's sender, recipients and text, or a
    High Volume batch's sender and messages (each either counted in `batchSize` or in `rejected`)."""
    problems = []
    if "messages" in sent:  # a High Volume SMS batch
        if answer["from"] != sent["from"]:
            problems.append(f"from {answer['from']}, the request sends from {sent['from']}")
        rejected = answer.get("rejected", [])
        if answer["batchSize"] + len(rejected) != len(sent["messages"]):
            problems.append(f"batchSize {answer['batchSize']} and {len(rejected)} rejected, the request has "
                            f"{len(sent['messages'])} messages")
        problems += [f"rejected[{i}] is not the request's messages[{r['index']}]" for i, r in enumerate(rejected)
                     if r["index"] >= len(sent["messages"]) or sent["messages"][r["index"]]["to"] != r["to"]]
        return problems
    if answer["from"]["phoneNumber"] != sent["from"]["phoneNumber"]:
        problems.append(f"from {answer['from']['phoneNumber']}, the request sends from {sent['from']['phoneNumber']}")
    if [to["phoneNumber"] for to in answer["to"]] != [to["phoneNumber"] for to in sent["to"]]:
        problems.append("its recipients are not the request's `to`")
    if "text" in sent and answer.get("subject") != sent["text"]:
        problems.append(f"subject {answer.get('subject')!r}, the request's text is {sent['text']!r}")
    return problems


def unknown_fields(model: BaseModel, data: Any) -> list[str]:
    """Keys in data (at any depth) that the model does not define: a typo the model would ignore."""
    shown = model.model_dump(by_alias=True, exclude_unset=True)
    return _extra(shown, data, "")


def _extra(known: Any, data: Any, where: str) -> list[str]:
    if isinstance(data, dict) and isinstance(known, dict):
        return [f"{where}{key}" for key in data if key not in known] + [
            problem for key in data if key in known for problem in _extra(known[key], data[key], f"{where}{key}.")]
    if isinstance(data, list) and isinstance(known, list):
        return [p for i, (k, d) in enumerate(zip(known, data, strict=False)) for p in _extra(k, d, f"{where}{i}.")]
    return []
