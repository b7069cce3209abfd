"""Print the figures and the verdicts, and write them where the README's numbers come from."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .targets import Verdict


def show(figures: dict[str, Any]) -> None:
    machine = figures["machine"]
    print(f"\n== make bench: {machine['cpus']} CPUs, load average {machine['load_before']} before, "
          f"{machine['load_after']} after ({machine['when']})")
    print("\nfloor (the SDK constructed and logged in, run bare against a reset mock) vs one sample through the"
          " harness, medians:")
    for language, floor in figures["floor_ms"].items():
        beyond = figures["beyond_floor_ms"]
        print(f"  {language:11} floor {floor:6.1f} ms; run bare, importing the SDK alone"
              f" {figures['import_ms'][language]:.1f} ms, constructing it {beyond['sdk_constructed'][language]:.1f} ms")
        for cost in (c for c in figures["samples"] if c["language"] == language):
            print(f"    {cost['sample']:30} {cost['median_ms']:6.1f} ms = {cost['ratio']:.2f}x floor"
                  f"  (run bare {cost['bare_ms']:6.1f} ms: harness {cost['harness_overhead']:.2f}x;"
                  f" {cost['runs']} runs)")
    if figures["not_timed"]:
        print(f"  not timed (their main case runs other samples first, or waits on the mock's clock):"
              f" {', '.join(figures['not_timed'])}")
    slept = figures["slept_ms"]
    waited = {case: ms for case, ms in slept.items() if ms["sample"] or ms["library"]}
    print(f"sleep (a probe counts time.sleep and fired timers), over {len(slept)} cases; those that slept:")
    for case, ms in waited.items():
        print(f"    {case:50} sample {ms['sample']:5.0f} ms, libraries {ms['library']:5.0f} ms"
              f" (Retry-After asks {ms['asked']:.0f} ms)")
    start = figures["mock_start"]
    print(f"\nmock start: MockServer() to serving {start['in_process_s'] * 1000:.1f} ms; "
          f"cold `python -m ringcentral_mock` to first answer {start['cold_s'] * 1000:.0f} ms (imports included)")
    print("request latency: as the mock timed the samples' requests, and through each SDK from the client side"
          " (against the tests' mock, then against `python -m ringcentral_mock` as `make mock` serves it):")
    for side, by_language in [*figures["latency"].items(), ("make mock", figures["make_mock_latency"])]:
        for language, latency in by_language.items():
            print(f"  {side:11} {language:11} p50 {latency['p50_ms']:5.2f} ms  p99 {latency['p99_ms']:5.2f} ms"
                  f"  ({latency['requests']} requests)")
    print("pytest tests/test_samples.py, one process vs -n auto (a mock per worker), wall time (the guide's own"
          " tests include waits, which overlap; the generated guide's copies only compute):")
    for label, run in figures["parallel"].items():
        print(f"  {label:9} {run['tests']:4} tests  {run['serial_s']:6.2f} s vs {run['parallel_s']:6.2f} s"
              f"  = {run['speedup']:.2f}x")
    cost = figures["coverage_cost"]
    print(f"sample line coverage (make test measures it, make verify does not): tests/test_samples.py -n auto,"
          f" {cost['tests']} tests, {cost['without_s']:.1f} s without, {cost['with_s']:.1f} s with"
          f" = {cost['ratio']:.2f}x")
    print("scale: copies of send-sms in a generated guide, pytest -n auto:")
    for copies, run in figures["scale"].items():
        print(f"  {copies:>4} copies {run['tests']:4} tests  median test {run['median_test_ms']:6.1f} ms"
              f"  wall per test {run['wall_per_test_ms']:6.1f} ms")
    print(f"make verify: {figures['make_verify_s']:.1f} s")
    print("the writer's loop (make verify on a copy of the guide, pytest and the strict build):")
    for name, run in figures["writer_loop"].items():
        print(f"  {name:18} {run['s']:6.1f} s = {run['ratio']:.0%} of cold; {run['run']} cases run,"
              f" {run['cached']} cached")


def verdicts(results: list[Verdict]) -> None:
    print("\ntargets:")
    for verdict in results:
        print(f"  {'PASS' if verdict.passed else 'FAIL'}  {verdict.target}: {verdict.measured}")


def write(figures: dict[str, Any], results: list[Verdict], path: Path) -> None:
    path.parent.mkdir(exist_ok=True)
    document = {**figures, "targets": [vars(v) for v in results]}
    path.write_text(json.dumps(document, indent=2) + "\n", "utf-8")
    print(f"\nwrote {path}")
