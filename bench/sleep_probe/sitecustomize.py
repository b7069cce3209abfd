"""Loaded into a Python sample by `bench/sleeps.py` (PYTHONPATH): adds up the seconds it sleeps.

Sleeps called from the sample file itself count apart from those inside libraries. At exit, writes
{"sample": ms, "library": ms} as JSON to the file named by BENCH_SLEEP_LOG.
"""

import atexit
import json
import os
import sys
import time

_sleep = time.sleep
_slept = {"sample": 0.0, "library": 0.0}


def _counted_sleep(seconds):
    caller = sys._getframe(1).f_code.co_filename
    _slept["sample" if os.path.abspath(caller) == os.path.abspath(sys.argv[0]) else "library"] += seconds * 1000
    _sleep(seconds)


def _report():
    with open(os.environ["BENCH_SLEEP_LOG"], "w", encoding="utf-8") as log:
        json.dump(_slept, log)


time.sleep = _counted_sleep
atexit.register(_report)
