"""Where the guide's parts live, relative to the repository root."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
SAMPLES = ROOT / "code-samples"
NODE_MODULES = ROOT / "node_modules"
REPORTS = ROOT / "reports"
SHARED_REFERENCE = ROOT.parent / "shared" / "reference"
