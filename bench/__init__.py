"""`make bench`: how close the harness runs to the floor of starting each language's SDK.

Run as `python -m bench` from the repository root; it imports the harness (`sample_harness`) from src/.
"""

import sys
from pathlib import Path

# The harness is no part of the installed distribution (only the mock is), so it is found in src/.
SRC = str(Path(__file__).resolve().parents[1] / "src")
if SRC not in sys.path:
    sys.path.insert(0, SRC)
