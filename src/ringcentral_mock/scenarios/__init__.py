"""Named account fixtures, declared in TOML files beside this module, and scenarios of a user's own.

A scenario may `extends` a built-in one: tables merge key by key, anything else (lists included)
replaces. Every scenario is checked against `schema` when it is loaded, with what it extends merged
in; a problem is a `ScenarioError`, one line naming the file, the key and what is allowed.
"""

from __future__ import annotations

import copy
import functools
import os
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from . import schema

DEFAULT = "default"


class ScenarioError(ValueError):
    """A scenario that cannot be loaded; its message is one line naming the file and the key."""


@dataclass(frozen=True)
class ScenarioText:
    """A scenario of the user's own, as TOML text, and the name its errors give it (its file's path)."""

    origin: str
    text: str


Scenario = str | ScenarioText  # a built-in scenario's name, or a user's own


def names() -> list[str]:
    return list(_names())


@functools.cache
def _names() -> tuple[str, ...]:
    return tuple(sorted(p.name.removesuffix(".toml") for p in resources.files(__name__).iterdir()
                        if p.name.endswith(".toml")))


def read_file(path: str | os.PathLike[str], origin: str | None = None) -> ScenarioText:
    """A user's scenario file, named in errors as `origin` (default: `path` as given); ScenarioError if it
    cannot be read."""
    origin = origin or os.fspath(path)
    try:
        return ScenarioText(origin, Path(path).read_text("utf-8"))
    except OSError as exc:
        raise ScenarioError(f"{origin}: cannot read the scenario file: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise ScenarioError(f"{origin}: the scenario file is not UTF-8 text") from None


def name_of(scenario: Scenario) -> str:
    return scenario.origin if isinstance(scenario, ScenarioText) else scenario


def load(scenario: Scenario) -> dict[str, Any]:
    """The scenario's data as the mock reads it, with everything it extends merged in and checked;
    ScenarioError for an unknown name or any problem with the data."""
    if isinstance(scenario, ScenarioText):
        data, origin = _parse(scenario.text, scenario.origin), scenario.origin
    else:
        data, origin = _builtin(scenario), f"{scenario}.toml (built in)"
    try:
        return schema.check(data, origin)
    except schema.InvalidScenarioError as invalid:
        raise ScenarioError(str(invalid)) from None


def _parse(text: str, origin: str) -> dict[str, Any]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ScenarioError(f"{origin}: not valid TOML: {exc}") from None
    parent = data.pop("extends", None)
    if parent is None:
        return data
    if parent not in names():
        raise ScenarioError(f"{origin}: extends: {parent!r} is no built-in scenario; built in: {', '.join(names())}")
    return merge(_builtin(parent), data)


def _builtin(name: str) -> dict[str, Any]:
    """A built-in scenario's data with what it extends merged in, unchecked."""
    if name not in names():
        raise ScenarioError(f"unknown scenario {name!r}; known: {', '.join(names())}")
    data = copy.deepcopy(_parsed(name))
    parent = data.pop("extends", None)
    return merge(_builtin(parent), data) if parent else data


@functools.cache
def _parsed(name: str) -> dict[str, Any]:
    """A built-in file, parsed once a process: the package's files do not change under it, and parsing
    the TOML was most of what a reset cost."""
    return tomllib.loads(resources.files(__name__).joinpath(f"{name}.toml").read_text("utf-8"))


def merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """TOML overlay: tables merge key by key, anything else in `override` replaces (the harness's
    expectation twins overlay their base the same way)."""
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = merge(merged[key], value)
        else:
            merged[key] = value
    return merged
