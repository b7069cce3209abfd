"""The strict build: a missing include, section, page or anchor fails it."""

from __future__ import annotations

import os
import subprocess
import sys

from harness.paths import ROOT


def test_strict_build_is_clean(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path)],
                          cwd=ROOT, capture_output=True, text=True, env=os.environ | {"NO_MKDOCS_2_WARNING": "1"})
    assert proc.returncode == 0, proc.stderr
    assert "WARNING" not in proc.stderr, proc.stderr
    assert (tmp_path / "messaging" / "sending-an-sms" / "index.html").is_file()
