"""A throwaway guide grown to N samples: the harness, plus N pages each showing a copy of one sample.

The copy holds the tests (tests/, pyproject.toml for pytest's settings) and links node_modules and
src/ (where pytest's settings find the harness); the harness runs on it with GUIDE_ROOT naming it,
exactly as in the repository. Only docs/ and code-samples/ are generated. Its fault matrix is empty,
so each copy runs its success case alone: one test per copy and language.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from sample_harness.guide_copy import link
from sample_harness.paths import ROOT, SAMPLES

PAGE = '''# Copy {number} of {sample}

=== "Python"

    ```python
    --8<-- "code-samples/copies/{name}.py:{name}"
    ```

=== "JavaScript"

    ```javascript
    --8<-- "code-samples/copies/{name}.js:{name}"
    ```
'''


def build(target: Path, copies: int, sample: str = "messaging/send-sms") -> None:
    """Fill `target` with the tests and `copies` pages, each showing its own copy of `sample` (.py and .js)."""
    shutil.copytree(ROOT / "tests", target / "tests", ignore=shutil.ignore_patterns("__pycache__"))
    (target / "tests" / "fault-matrix.toml").write_text("", "utf-8")
    shutil.copy(ROOT / "pyproject.toml", target)
    link(target)
    stem = Path(sample).name
    sources = {suffix: (SAMPLES / f"{sample}{suffix}").read_text("utf-8") for suffix in (".py", ".js")}
    (target / "docs" / "copies").mkdir(parents=True)
    (target / "code-samples" / "copies").mkdir(parents=True)
    for number in range(1, copies + 1):
        name = f"{stem}-{number:03d}"
        for suffix, source in sources.items():
            # The section markers name the file stem, so they follow the new name.
            text = source.replace(f"[start:{stem}]", f"[start:{name}]").replace(f"[end:{stem}]", f"[end:{name}]")
            (target / "code-samples" / "copies" / f"{name}{suffix}").write_text(text, "utf-8")
        page = PAGE.format(number=number, sample=stem, name=name)
        (target / "docs" / "copies" / f"{name}.md").write_text(page, "utf-8")
