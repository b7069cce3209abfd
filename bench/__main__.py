"""`python -m bench`: measure everything, print it, check the targets; exit 1 if one fails."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ringcentral_mock.server import MockServer
from sample_harness import catalogue
from sample_harness.paths import REPORTS, ROOT

from . import guide_copy, harness_cost, latency, mock_start, parallel, report, scale, sleeps, targets, writer_loop
from .stats import median, ms, time_command


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--repetitions", type=int, default=11, help="runs of each floor and sample (median)")
    parser.add_argument("--flows", type=int, default=50, help="four-request flows per SDK for the latency")
    parser.add_argument("--sizes", type=int, nargs="+", default=list(scale.SIZES), help="copies for the scale check")
    parser.add_argument("--parallel-copies", type=int, default=50,
                        help="copies in the guide on which -n auto is compared with one process")
    parser.add_argument("--output", type=Path, default=REPORTS / "bench.json")
    args = parser.parse_args(argv)

    figures = measure(args)
    results = targets.check(figures)
    report.show(figures)
    report.verdicts(results)
    report.write(figures, results, args.output)
    return 0 if all(v.passed for v in results) else 1


def measure(args: argparse.Namespace) -> dict[str, Any]:
    figures: dict[str, Any] = {"machine": {
        "cpus": os.cpu_count(), "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "load_before": [round(x, 2) for x in os.getloadavg()]}}
    progress("floors, samples and latency against one mock")
    with MockServer() as mock:
        baselines, costs = harness_cost.measure(mock.url, args.repetitions)
        # A language's floor is the least any of its samples does: the SDK constructed and logged in,
        # run bare against a freshly reset mock. Importing the SDK alone is shown beside it.
        imported = baselines.pop("floor")
        floors = baselines["logged_in"]
        figures["latency"] = {"mock side": {language: latency.summary([t for c in costs if c.language == language
                                                                  for t in c.mock_ms]) for language in floors},
                              "client side": latency.client_side(mock.url, args.flows)}
        figures["slept_ms"] = sleeps.slept_ms(mock.url)
    # What a reader trying the samples on `make mock` gets. Shown, not a target: that server also
    # writes an access log line per request; tests/mock/test_server.py guards its TCP options.
    with mock_start.standalone() as url:
        figures["make_mock_latency"] = latency.client_side(url, args.flows)
    figures["floor_ms"] = {language: ms(seconds) for language, seconds in floors.items()}
    figures["import_ms"] = {language: ms(seconds) for language, seconds in imported.items()}
    figures["beyond_floor_ms"] = {name: {language: ms(seconds) for language, seconds in by_language.items()}
                                  for name, by_language in baselines.items()}
    figures["samples"] = [sample_figures(c, floors[c.language]) for c in costs]
    ending = harness_cost.ending(catalogue.samples())
    timed = harness_cost.timed(ending)
    figures["not_timed"] = sorted({s.name for s in ending if s not in timed})
    figures["ratio_to_floor"] = {language: max(s["ratio"] for s in figures["samples"] if s["language"] == language)
                                 for language in floors}
    progress("mock start")
    figures["mock_start"] = {"in_process_s": round(mock_start.in_process(args.repetitions), 4),
                             "cold_s": round(mock_start.cold(args.repetitions), 3)}
    progress("one process vs -n auto")
    figures["parallel"] = {"guide": parallel.speedup(ROOT, 1)}
    with tempfile.TemporaryDirectory(prefix="guide-") as scratch:
        guide_copy.build(Path(scratch), args.parallel_copies)
        figures["parallel"]["at_scale"] = parallel.speedup(Path(scratch), 1)
    progress("the sample tests with and without their line coverage")
    figures["coverage_cost"] = parallel.coverage_cost(ROOT, 1)
    progress(f"scale: {', '.join(map(str, args.sizes))} copies")
    figures["scale"] = {str(size): run for size, run in scale.per_sample(tuple(args.sizes)).items()}
    progress("the writer's loop: make verify cold, unchanged, after a one-sample edit (on a copy)")
    figures["writer_loop"] = writer_loop.measure()
    progress("make verify")
    figures["make_verify_s"] = round(time_command([os.environ.get("MAKE", "make"), "--no-print-directory", "verify"],
                                                  cwd=ROOT), 2)
    figures["machine"]["load_after"] = [round(x, 2) for x in os.getloadavg()]
    figures["machine"]["node"] = subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()
    figures["machine"]["python"] = sys.version.split()[0]
    return figures


def sample_figures(cost: harness_cost.SampleCost, floor: float) -> dict[str, Any]:
    step, bare = median(cost.steps), median(cost.bare)
    return {"sample": cost.sample, "language": cost.language, "runs": len(cost.steps), "median_ms": ms(step),
            "ratio": round(step / floor, 2), "bare_ms": ms(bare), "harness_overhead": round(step / bare, 2)}


def progress(step: str) -> None:
    print(f"bench: {step} ...", file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main())
