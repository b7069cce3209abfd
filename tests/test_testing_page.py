"""The page "Testing your app against the mock" tells the truth: its commands work as shown, its
refusal is the mock's own line, and its tables of the scenario format name every key the schema
has, and no other. (Its pytest example runs in tests/test_pytest_examples.py.)"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any, get_args, get_origin

import pytest
from pydantic import BaseModel

from ringcentral_mock import scenarios
from ringcentral_mock.scenarios import ScenarioText, schema
from ringcentral_mock.server import MockServer
from sample_harness import catalogue
from sample_harness.paths import DOCS, SAMPLES

PAGE = DOCS / "testing-with-the-mock.md"
FOLDER = SAMPLES / "testing"
COMMANDS = (FOLDER / "commands.txt").read_text("utf-8")
HEADING = re.compile(r"^#{2,3} `(?P<table>[^`]+)`$|^### The top level$")
ROW = re.compile(r"^\| `(?P<key>[\w-]+)` \|")


def documented() -> dict[str, set[str]]:
    """The keys of each table the page's scenario format documents, by the table's heading."""
    tables: dict[str, set[str]] = {}
    table = None
    for line in PAGE.read_text("utf-8").split("## Your own scenario", 1)[1].splitlines():
        if line.startswith("## "):
            break
        if heading := HEADING.match(line):
            table = heading["table"] or ""
            tables[table] = set()
        elif table is not None and (row := ROW.match(line)):
            tables[table].add(row["key"])
    return tables


def schema_tables(model: type[BaseModel], table: str = "") -> dict[str, dict[str, str | None]]:
    """Each table of the scenario format, by its name in TOML ("" for the top level): its keys, each with
    the name of the table it holds (documented under a heading of its own), or None."""
    found: dict[str, dict[str, str | None]] = {table: {}}
    for name, field in model.model_fields.items():
        key = field.alias or name
        inner = schema._unwrap(field.annotation)
        item = schema._unwrap(get_args(inner)[0]) if get_origin(inner) is list else None
        child = None
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            child = f"[{key}]"
            found |= schema_tables(inner, child)
        elif get_origin(inner) is dict:
            child = f'[{table.strip("[]")}.{key}."+16505550666"]'
            found |= schema_tables(schema._unwrap(get_args(inner)[1]), child)
        elif isinstance(item, type) and issubclass(item, BaseModel):
            child = f"[[{key}]]" if not table else f"[[{table.strip('[]')}.{key}]]"
            found |= schema_tables(item, child)
        elif schema._models_of(item):  # the faults: each kind's fields, in one table
            child = f"[[{key}]]"
            found[child] = {k: None for kind in schema._models_of(item) for k in kind.model_fields}
        found[table][key] = child
    return found


def test_the_scenario_format_documents_every_key_and_no_other():
    tables = schema_tables(schema.Scenario)
    tables[""]["extends"] = None  # read before the schema: the built-in scenario it starts from
    shown = documented()
    assert set(shown) == set(tables), "a table of the format without its heading, or a heading of no table"
    for table, keys in tables.items():
        # A key that holds a table is documented under that table's heading; it may have a row too.
        assert shown[table] - set(keys) == set(), f"{table or 'the top level'}: rows for keys the format lacks"
        assert {k for k, child in keys.items() if child is None} - shown[table] == set(), (
            f"{table or 'the top level'}: keys without a row")


def test_the_refusal_it_shows_is_the_mocks_own_line():
    own = (FOLDER / "our-account.toml").read_text("utf-8")
    assert "features = " in own
    with pytest.raises(scenarios.ScenarioError) as refused:
        scenarios.load(ScenarioText("our-account.toml", own.replace("features = ", "featurs = ")))
    assert (FOLDER / "refused-scenario.txt").read_text("utf-8") == f"{refused.value}\n"


def test_the_example_scenario_loads():
    assert scenarios.load(scenarios.read_file(FOLDER / "our-account.toml"))["login"] == "shop"


def shell(section: str, cwd: Path, **env: str) -> subprocess.CompletedProcess:
    script = catalogue.section_text(COMMANDS, section)
    path = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
    return subprocess.run(["bash", "-c", script], cwd=cwd, capture_output=True, text=True, timeout=60,
                          env={**os.environ, "PATH": path, **env})


def test_the_wrapper_for_other_languages_starts_the_mock_points_the_suite_at_it_and_stops_it(tmp_path, monkeypatch):
    shutil.copy(FOLDER / "our-account.toml", tmp_path)
    probe = "printf '%s\\n' \"$RC_USER_JWT\" \"$(curl -sf \"$RC_SERVER_URL/__mock/health\" | jq -r .scenario)\""
    original = catalogue.section_text
    assert "npm test" in original(COMMANDS, "other-languages")
    # The suite's own line (`npm test`) becomes a probe of what a suite would see; the rest runs as shown.
    monkeypatch.setattr(catalogue, "section_text", lambda text, section: re.sub(
        r"^npm test.*$", probe, original(text, section), flags=re.MULTILINE))
    done = shell("other-languages", tmp_path)
    assert (done.returncode, done.stdout) == (0, "corner-shop-jwt\nour-account.toml\n"), done.stderr


@pytest.mark.skipif(not (shutil.which("curl") and shutil.which("jq")), reason="needs curl and jq (make install)")
def test_the_reset_command_sends_the_scenario_as_text(tmp_path):
    shutil.copy(FOLDER / "our-account.toml", tmp_path)
    with MockServer() as mock:
        reset = shell("reset", tmp_path, RC_SERVER_URL=mock.url)
        assert reset.returncode == 0, reset.stderr
        answer: dict[str, Any] = json.loads(reset.stdout)
        assert (answer["scenario"], answer["env"]["RC_USER_JWT"]) == ("our-account.toml", "corner-shop-jwt")
        listed = shell("requests", tmp_path, RC_SERVER_URL=mock.url)
        assert (listed.returncode, listed.stdout) == (0, ""), listed.stderr  # nothing since the reset
