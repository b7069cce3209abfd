"""`make watch`: the site served, and each sample verified again when a file it depends on is saved.

MkDocs' own server (`mkdocs serve`) serves the site and reloads the page when docs/, code-samples/
or, here, reports/ change. Beside it, make verify's sample tests run once, then again after each
batch of saved files, which watchfiles (the watcher uvicorn's reload uses) reports. The verdict
cache makes each run do only what the save touched: a sample, its expectations, its scenario; a
change to the mock or the harness runs everything again. Each run rewrites reports/verify.json, so
the page reloads with the new note under each sample: what it passed with, or its failure in one
line. Arguments after the options go to pytest (`make watch PYTEST_ARGS='-k send-sms'`).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import watchfiles

from .paths import REPORTS, ROOT

WATCHED = ("code-samples", "docs", "tests", "src", "hooks", "mkdocs.yml")
IGNORED = ("__pycache__", ".pytest_cache", ".ruff_cache", "reports", "site")


def relevant(change: watchfiles.Change, path: str) -> bool:
    """A saved source file, not what a run or a build writes."""
    parts = Path(path).parts
    return watchfiles.DefaultFilter()(change, path) and not any(part in IGNORED for part in parts)


def verify(pytest_args: list[str]) -> int:
    """make verify's sample tests, with the verdict cache: only what changed runs."""
    return subprocess.run([sys.executable, "-m", "pytest", "-n", "auto", "-p", "no:schemathesis",
                           "-p", "no:hypothesispytest", "--verdict-cache", "-q", "tests/test_samples.py",
                           *pytest_args], cwd=ROOT).returncode


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="make watch", description=__doc__.splitlines()[0])
    parser.add_argument("--dev-addr", default="127.0.0.1:8000", help="where the site is served")
    args, pytest_args = parser.parse_known_args(argv)
    REPORTS.mkdir(parents=True, exist_ok=True)
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", args.dev_addr,
                               "--watch", str(REPORTS)], cwd=ROOT)
    try:
        verify(pytest_args)
        for changes in watchfiles.watch(*(ROOT / path for path in WATCHED if (ROOT / path).exists()),
                                        watch_filter=relevant):
            saved = sorted({Path(path).relative_to(ROOT).as_posix() for _, path in changes})
            print(f"make watch: saved {', '.join(saved)}; verifying what that touches", flush=True)
            verify(pytest_args)
    except KeyboardInterrupt:
        pass
    finally:
        server.terminate()
        server.wait(10)


if __name__ == "__main__":
    main()
