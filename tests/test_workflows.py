"""The GitHub workflows in .github/workflows/: actionlint finds nothing in them, and verify.yml runs the suite once.

verify.yml runs `make test SHARD=i/N` on a matrix of N machines. Its shard numbers must be exactly 1..N
for the N it passes, and the N shards, each collected in its own process as each machine collects its
own, with the options the Makefile turns SHARD=i/N into, must together collect every test of the suite
exactly once. Only collection runs here, no test.
It must also start cold: CI=true (under which make verify reads no record of passed cases) and no cache.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import yaml
from test_shards import collected

from sample_harness.paths import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
VERIFY = WORKFLOWS / "verify.yml"
SHARD_RUN = re.compile(r"make test SHARD=\$\{\{\s*matrix\.(?P<key>[\w-]+)\s*\}\}/(?P<n>\d+)")


def tool(name: str) -> str:
    """The project's own copy (the venv's bin, beside this Python) first, then PATH."""
    beside = Path(sys.executable).with_name(name)
    found = str(beside) if beside.is_file() else shutil.which(name)
    assert found, f"no {name} beside {sys.executable} or on PATH: `make install` installs it (the test extra)"
    return found


def actionlint(path: Path) -> list[str]:
    """actionlint's own lines for a workflow (.../.github/workflows/NAME.yml), one a problem, each naming
    it from its repository's root; none when it finds nothing. Shell steps go through the venv's
    ShellCheck: given none, actionlint would skip them without a word."""
    root = path.parents[2]
    shown = path.relative_to(root)
    done = subprocess.run([tool("actionlint"), "-no-color", "-oneline", f"-shellcheck={tool('shellcheck')}",
                           "-pyflakes=", str(shown)], cwd=root, capture_output=True, text=True, check=False)
    assert done.returncode in (0, 1), f"actionlint could not check {shown} (exit {done.returncode}):\n" \
                                      f"{done.stdout}{done.stderr}"
    lines = done.stdout.splitlines()
    assert bool(lines) == (done.returncode == 1), f"actionlint exited {done.returncode} with:\n{done.stdout}"
    return lines


def check(path: Path) -> None:
    if problems := actionlint(path):
        pytest.fail(f"actionlint finds {len(problems)} problem(s):\n" + "\n".join(problems), pytrace=False)


@pytest.mark.parametrize("workflow", sorted(WORKFLOWS.glob("*.y*ml")), ids=lambda path: path.name)
def test_actionlint_finds_nothing(workflow):
    check(workflow)


BROKEN = """\
name: broken
on:
  push:
    branches: [main]
jobs:
  test:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        shard: [1, 2]
    steps:
      - run: make test SHARD=${{ matrix.shrad }}/2
      - run: cd $RUNNER_TEMP
"""


def test_the_check_fails_with_actionlints_own_lines(tmp_path):
    broken = tmp_path / ".github" / "workflows" / "verify.yml"
    broken.parent.mkdir(parents=True)
    broken.write_text(BROKEN, "utf-8")
    with pytest.raises(pytest.fail.Exception) as failure:
        check(broken)
    lines = str(failure.value).splitlines()
    # actionlint's own expression check, and ShellCheck's through it: path:line:column: message [rule]
    assert lines[0] == "actionlint finds 2 problem(s):", lines
    assert re.fullmatch(r'\.github/workflows/verify\.yml:12:\d+: property "shrad" is not defined .*\[expression\]',
                        lines[1]), lines
    assert re.fullmatch(r"\.github/workflows/verify\.yml:13:\d+: shellcheck reported issue .*SC2086.*\[shellcheck\]",
                        lines[2]), lines


def verify() -> dict:
    return yaml.safe_load(VERIFY.read_text("utf-8"))


def shard_job() -> tuple[dict, dict, str, int]:
    """The job of verify.yml that runs `make test`, its step, its matrix key and the N it passes."""
    found = [(job, step) for job in verify()["jobs"].values() for step in job.get("steps", [])
             if "make test" in step.get("run", "")]
    assert len(found) == 1, f"verify.yml must run `make test` in exactly one step, not {len(found)}"
    job, step = found[0]
    match = SHARD_RUN.search(step["run"])
    assert match, f"verify.yml runs {step['run']!r}, not `make test SHARD=${{{{ matrix.<key> }}}}/N`"
    return job, step, match["key"], int(match["n"])


def test_the_matrix_numbers_the_shards_1_to_n():
    job, _, key, n = shard_job()
    matrix = job.get("strategy", {}).get("matrix", {})
    assert key in matrix, f"make test's SHARD names matrix.{key}, which the matrix ({sorted(matrix)}) does not have"
    assert set(matrix) == {key}, (f"the matrix has {sorted(matrix)}: with more than {key!r} (another "
                                  "dimension, an include or an exclude) a shard would run twice or not at all")
    assert n >= 2, f"make test SHARD=i/{n} splits nothing"
    assert sorted(map(str, matrix[key])) == sorted(map(str, range(1, n + 1))), (
        f"the matrix's {key} is {matrix[key]}, and make test SHARD=i/{n} needs exactly 1 to {n}")


def split_options(shard: str) -> list[str]:
    """The options `make test SHARD=i/N` gives pytest to pick its shard, as the Makefile spells them."""
    env = {name: value for name, value in os.environ.items() if name not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    done = subprocess.run(["make", "--no-print-directory", "-s", "--eval", "shard-options: ; @echo $(SPLIT)",
                           "shard-options", f"SHARD={shard}"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout.split(), f"make SHARD={shard} gives pytest no shard:\n" \
                                                          f"{done.stdout}{done.stderr}"
    return done.stdout.split()


def test_the_n_shards_collect_the_suite_once():
    n = shard_job()[3]
    options = [split_options(f"{group}/{n}") for group in range(1, n + 1)]
    # Each collection is a process of its own, as on the matrix's machines; they run side by side.
    with ThreadPoolExecutor(max_workers=n + 1) as pool:
        whole = pool.submit(collected)
        shards = list(pool.map(lambda shard: collected(*shard), options))
        whole = Counter(whole.result())
    empty = [group for group, shard in enumerate(shards, 1) if not shard]
    assert not empty, f"shard(s) {empty} of {n} collect nothing: .test_durations or the split is off"
    runs = Counter(test for shard in shards for test in shard)
    assert runs == whole, (f"{n} shards: missed {sorted((whole - runs).elements())[:5]}, "
                           f"run too often or unknown: {sorted((runs - whole).elements())[:5]}")


def test_every_run_starts_cold():
    flow = verify()
    job, step, key, _ = shard_job()
    env = {**flow.get("env", {}), **job.get("env", {}), **step.get("env", {})}
    assert str(env.get("CI")).lower() == "true", "verify.yml must set CI: \"true\" (no record of passed cases read)"
    steps = [step for job in flow["jobs"].values() for step in job.get("steps", [])]
    uses = {step["uses"].split("@")[0]: step.get("with", {}) for step in steps if "uses" in step}
    assert not [name for name in uses if name.startswith("actions/cache")], "verify.yml must restore no cache"
    assert not uses.get("actions/setup-python", {}).get("cache"), "setup-python must cache nothing"
    assert uses.get("actions/setup-node", {}).get("package-manager-cache") is False, \
        "setup-node must say `package-manager-cache: false` (it caches by itself once package.json names one)"
    assert ".cache" not in VERIFY.read_text("utf-8"), "verify.yml must not name .cache/, make verify's record"
    upload = uses.get("actions/upload-artifact", {})
    assert upload.get("path") == "reports/" and f"matrix.{key}" in upload.get("name", ""), \
        "each shard must upload reports/ under a name of its own"
