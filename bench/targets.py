"""The speed targets `make bench` holds the harness to, each checked against the measured figures."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

MAX_RATIO_TO_FLOOR = 1.3  # the floor: the SDK constructed and logged in, run bare
MAX_HARNESS_SHARE = 1.10  # a sample through the harness against the same sample run bare
MAX_MOCK_START_S = 0.3
MAX_P99_MS = 5.0
MIN_PARALLEL_SPEEDUP = 1.7
MAX_GROWTH_PER_SAMPLE = 1.25
# The writer's loop, against a cold make verify: nothing changed, then one sample edited.
MAX_UNCHANGED_RERUN = 0.15
MAX_ONE_SAMPLE_RERUN = 0.25


@dataclass
class Verdict:
    target: str
    measured: str
    passed: bool


def check(figures: dict[str, Any]) -> list[Verdict]:
    verdicts = []
    for language, ratio in figures["ratio_to_floor"].items():
        # Beside it, what importing the SDK alone costs against the floor.
        imported = figures["import_ms"][language] / figures["floor_ms"][language]
        verdicts.append(Verdict(f"{language} sample through the harness <= {MAX_RATIO_TO_FLOOR}x floor "
                                "(the SDK constructed and logged in, bare)",
                                f"{ratio:.2f}x (slowest sample; importing the SDK alone: {imported:.2f}x)",
                                ratio <= MAX_RATIO_TO_FLOOR))
        share = max(s["harness_overhead"] for s in figures["samples"] if s["language"] == language)
        verdicts.append(Verdict(f"{language}: the harness's own share <= {MAX_HARNESS_SHARE}x the sample run bare",
                                f"{share:.2f}x (the sample that costs the harness most)", share <= MAX_HARNESS_SHARE))
    start = figures["mock_start"]["in_process_s"]
    verdicts.append(Verdict(f"mock starts in < {MAX_MOCK_START_S} s", f"{start:.3f} s", start < MAX_MOCK_START_S))
    for side, by_language in figures["latency"].items():
        for language, latency in by_language.items():
            verdicts.append(Verdict(f"p99 request latency < {MAX_P99_MS} ms ({side}, {language} samples)",
                                    f"{latency['p99_ms']:.2f} ms", latency["p99_ms"] < MAX_P99_MS))
    slept = figures["slept_ms"]
    unasked = {case: ms["sample"] for case, ms in slept.items() if ms["sample"] > ms["asked"]}
    verdicts.append(Verdict(f"no sample sleeps in a mock scenario beyond a Retry-After it is given "
                            f"({len(slept)} cases)",
                            ", ".join(f"{case} slept {ms:.0f} ms" for case, ms in unasked.items()) or "none did",
                            not unasked))
    guide = figures["parallel"]["guide"]
    verdicts.append(Verdict(f"pytest -n auto >= {MIN_PARALLEL_SPEEDUP}x over one process "
                            f"(tests/test_samples.py, {guide['tests']} tests)",
                            f"{guide['speedup']:.2f}x", guide["speedup"] >= MIN_PARALLEL_SPEEDUP))
    scale = figures["scale"]
    smallest, largest = scale[min(scale, key=int)], scale[max(scale, key=int)]
    for figure in ("median_test_ms", "wall_per_test_ms"):
        growth = largest[figure] / smallest[figure]
        verdicts.append(Verdict(f"{figure} flat from {smallest['tests']} to {largest['tests']} tests "
                                f"(<= {MAX_GROWTH_PER_SAMPLE}x)", f"{growth:.2f}x", growth <= MAX_GROWTH_PER_SAMPLE))
    loop = figures["writer_loop"]
    verdicts.append(Verdict(f"make verify again, nothing changed: <= {MAX_UNCHANGED_RERUN:.0%} of a cold run, "
                            "every case cached",
                            f"{loop['unchanged']['ratio']:.0%} ({loop['unchanged']['run']} cases run)",
                            loop["unchanged"]["ratio"] <= MAX_UNCHANGED_RERUN and loop["unchanged"]["run"] == 0))
    edited = loop["one_sample_edited"]
    verdicts.append(Verdict(f"make verify after a one-sample edit: <= {MAX_ONE_SAMPLE_RERUN:.0%} of a cold run, "
                            "only its cases run",
                            f"{edited['ratio']:.0%} ({edited['run']} cases run, {edited['cached']} cached)",
                            edited["ratio"] <= MAX_ONE_SAMPLE_RERUN and edited["run"] == edited["its_cases"]))
    return verdicts
