"""What a verdict depends on, as digests: a sample's verdict holds only while none of them changes.

A case's verdict depends on the sample file (its shown section and what surrounds it, and any other
sample the case runs beside it or after it), the case's own data (its twin or fault-matrix entry,
merged), the scenario it runs in (with every scenario it extends), every file of the mock and of
the harness, the runtime and SDK versions of its language, and for JavaScript package-lock.json.
The verify report stores them with each row; the MkDocs hook recomputes them at build time and says
"not verified" wherever one differs; the verdict cache (verdict_cache.py) runs again any case
whose digests are not those of a passing run.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import ringcentral_mock
import sample_harness

from . import languages
from .expectations import Case
from .paths import ROOT

LOCK = ROOT / "package-lock.json"

PARTS = ("sample", "case", "scenario", "mock", "harness", "versions")
# How a part is named when a note says what changed.
NAMED = {"sample": "the sample", "case": "its expectations", "scenario": "its scenario", "mock": "the mock",
         "harness": "the harness", "versions": "the runtime or SDK versions"}


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class Sources:
    """Where the mock's and the harness's source and the scenarios are read from; digests are computed
    once per Sources (one build, one report)."""

    mock: Path = Path(ringcentral_mock.__file__).parent
    harness: Path = Path(sample_harness.__file__).parent
    scenarios: Path | None = None  # None: the mock's own scenarios/ folder
    _memo: dict[object, Any] = field(default_factory=dict, repr=False)

    def tree(self, folder: Path) -> str:
        """One digest of every file under the folder (its scenarios, its preloads), by path and bytes."""
        if folder not in self._memo:
            files = sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
            self._memo[folder] = _digest(b"".join(p.relative_to(folder).as_posix().encode() + b"\0" + p.read_bytes()
                                                  for p in files))
        return self._memo[folder]

    def versions(self, language: str) -> dict[str, str]:
        """The runtime and SDK versions of the language, read once (they start programs)."""
        key = ("versions", language)
        if key not in self._memo:
            self._memo[key] = languages.BY_NAME[language].versions()
        return self._memo[key]

    def now(self, sample_file: Path, case: Case) -> dict[str, str]:
        """What the case of the sample at sample_file depends on as the repository stands now."""
        return dependencies(sample_file, case, self.versions(languages.of(sample_file).name), self)

    def scenario(self, name: str) -> str:
        """The scenario file's bytes and, after them, those of every scenario it extends."""
        key = ("scenario", name)
        if key not in self._memo:
            folder = self.scenarios or self.mock / "scenarios"
            chain, current = b"", name
            while current:
                text = (folder / f"{current}.toml").read_bytes()
                chain += text + b"\0"
                current = tomllib.loads(text.decode("utf-8")).get("extends")
            self._memo[key] = _digest(chain)
        return self._memo[key]


def dependencies(sample_file: Path, case: Case, versions: dict[str, str], sources: Sources) -> dict[str, str]:
    """A digest of each part the case's verdict depends on."""
    case_data = json.dumps(dataclasses.asdict(case), sort_keys=True, default=list)
    others = [name for name in (case.companion, *(step.get("run") for step in (*case.before, *case.steps)))
              if name and not name.startswith("stand-in:")]
    samples = [sample_file, *(sample_file.with_name(name + sample_file.suffix) for name in others)]
    if sample_file.suffix == ".js":  # the exact packages npm ci installs
        versions = versions | {"package-lock.json": _digest(LOCK.read_bytes()) if LOCK.is_file() else "none"}
    return {
        "sample": _digest(b"\0".join(p.read_bytes() if p.is_file() else b"missing" for p in samples)),
        "case": _digest(case_data.encode()),
        "scenario": sources.scenario(case.scenario),
        "mock": sources.tree(sources.mock),
        "harness": sources.tree(sources.harness),
        "versions": _digest(json.dumps(versions, sort_keys=True).encode()),
    }


def fingerprint(parts: dict[str, str]) -> str:
    return _digest(json.dumps({part: parts.get(part) for part in PARTS}, sort_keys=True).encode())


def changed(old: dict[str, str] | None, new: dict[str, str]) -> list[str]:
    """The parts (as a note names them) that differ; every part when the old digests are unknown."""
    return [NAMED[part] for part in PARTS if (old or {}).get(part) != new[part]]
