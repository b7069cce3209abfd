"""The strict build: a missing include, section, page or anchor fails it."""

from __future__ import annotations

from sample_harness import site


def test_strict_build_is_clean(tmp_path):
    proc = site.build(tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "WARNING" not in proc.stderr, proc.stderr
    assert (tmp_path / "messaging" / "sending-an-sms" / "index.html").is_file()
