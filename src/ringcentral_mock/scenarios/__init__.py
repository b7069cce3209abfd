"""Named account fixtures, declared in TOML files beside this module.

A scenario may `extends` another: tables merge key by key, anything else (lists included) replaces.
"""

from __future__ import annotations

import tomllib
from importlib import resources
from typing import Any

DEFAULT = "default"


def names() -> list[str]:
    return sorted(p.name.removesuffix(".toml") for p in resources.files(__name__).iterdir()
                  if p.name.endswith(".toml"))


def load(name: str) -> dict[str, Any]:
    """The scenario's data with everything it extends merged in; ValueError for an unknown name."""
    if name not in names():
        raise ValueError(f"unknown scenario {name!r}; known: {', '.join(names())}")
    data = tomllib.loads(resources.files(__name__).joinpath(f"{name}.toml").read_text("utf-8"))
    parent = data.pop("extends", None)
    return merge(load(parent), data) if parent else data


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
