"""Loaded into a Python sample by `bench/sleeps.py` (PYTHONPATH): adds up the seconds it sleeps.

At exit, appends the total in milliseconds to the file named by BENCH_SLEEP_LOG.
"""

import atexit
import os
import time

_sleep = time.sleep
_slept = [0.0]


def _counted_sleep(seconds):
    _slept[0] += seconds
    _sleep(seconds)


def _report():
    with open(os.environ["BENCH_SLEEP_LOG"], "a", encoding="utf-8") as log:
        log.write(f"{_slept[0] * 1000}\n")


time.sleep = _counted_sleep
atexit.register(_report)
