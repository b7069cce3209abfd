"""Loaded into a Python sample (PYTHONPATH) by the harness, never by a reader.

With COVERAGE_PROCESS_START, coverage.py measures which lines run (its subprocess mode). With
SAMPLE_SLEEPS_MOVE_CLOCK (the mock's URL), the sample file's own `time.sleep` moves the mock's
clock on instead of waiting, as fake timers do: a case of ten polls two seconds apart takes no
twenty seconds. Sleeps inside libraries still wait.
"""

import json
import os
import sys
import time
import urllib.request

if os.environ.get("COVERAGE_PROCESS_START"):
    import coverage

    coverage.process_startup()

if os.environ.get("SAMPLE_SLEEPS_MOVE_CLOCK"):
    _sleep = time.sleep

    def _moving_sleep(seconds):
        caller = sys._getframe(1).f_code.co_filename
        if os.path.abspath(caller) != os.path.abspath(sys.argv[0]):
            return _sleep(seconds)
        request = urllib.request.Request(
            os.environ["SAMPLE_SLEEPS_MOVE_CLOCK"] + "/__mock/clock", method="POST",
            data=json.dumps({"advance": seconds}).encode(), headers={"Content-Type": "application/json"})
        urllib.request.urlopen(request).close()

    time.sleep = _moving_sleep
