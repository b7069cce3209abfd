"""`make bench`: how close the harness runs to the floor of starting each language's SDK.

Run as `python -m bench` from the repository root. The harness lives in tests/ (pytest puts it on
the path for the tests); the benchmarks import the same modules, so they add it here.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "tests") not in sys.path:
    sys.path.insert(0, str(ROOT / "tests"))
