"""Where the guide's parts live, relative to the repository root."""

import os
from pathlib import Path

# The guide the harness proves: this repository (the package is installed from its src/), or the
# one GUIDE_ROOT names (make bench grows a throwaway copy of the guide and runs the harness on it).
ROOT = Path(os.environ.get("GUIDE_ROOT") or Path(__file__).resolve().parents[2])
DOCS = ROOT / "docs"
SAMPLES = ROOT / "code-samples"
NODE_MODULES = ROOT / "node_modules"
# REPORTS_DIR moves them: the tests that run pytest in a subprocess keep its reports out of the real ones.
REPORTS = Path(os.environ.get("REPORTS_DIR") or ROOT / "reports")
# The read-only reference beside the checkout; a worktree sits deeper, so look further up too.
SHARED_REFERENCE = next((p / "shared" / "reference" for p in ROOT.parents if (p / "shared" / "reference").is_dir()),
                        ROOT.parent / "shared" / "reference")
