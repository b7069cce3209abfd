"""docs/mock-rules.md cannot lie: every row of its tables names a test, and every test it names exists."""

from __future__ import annotations

import re

from sample_harness.paths import DOCS, ROOT

PAGE = DOCS / "mock-rules.md"
TEST_ID = re.compile(r"`(?P<file>tests/[\w/]+\.py)::(?P<name>test_\w+)`")


def rows() -> list[str]:
    return [line for line in PAGE.read_text("utf-8").splitlines()
            if line.startswith("| ") and not line.startswith(("| Rule ", "| ---"))]


def test_every_row_names_a_test():
    assert rows(), f"{PAGE} has no table rows"
    unproved = [row for row in rows() if not TEST_ID.search(row)]
    assert not unproved, "rows without a test id:\n" + "\n".join(unproved)


def test_every_named_test_exists():
    missing = []
    for row in rows():
        for found in TEST_ID.finditer(row):
            path = ROOT / found["file"]
            if not path.exists() or not re.search(rf"^def {found['name']}\(", path.read_text("utf-8"), re.M):
                missing.append(f"{found['file']}::{found['name']}")
    assert not missing, f"{PAGE.name} names tests that do not exist:\n  " + "\n  ".join(missing)
