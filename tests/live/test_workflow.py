"""The scheduled workflow the repository runs and the maintainers' page shows: it must be able to start a live run."""

from __future__ import annotations

import yaml

from sample_harness import catalogue
from sample_harness.live_settings import REQUIRED
from sample_harness.paths import ROOT

WORKFLOW = ".github/workflows/verify-live.yml"


def workflow() -> dict:
    return yaml.safe_load(catalogue.section_text((ROOT / WORKFLOW).read_text("utf-8"), "verify-live"))


def test_it_runs_on_a_schedule_and_by_hand_one_run_at_a_time():
    flow = workflow()
    triggers = flow[True]  # YAML 1.1 reads the key `on` as true
    assert triggers["schedule"][0]["cron"] and "workflow_dispatch" in triggers
    assert flow["concurrency"]["group"] and flow["concurrency"]["cancel-in-progress"] is False


def test_it_runs_make_verify_live_with_every_required_setting_from_a_secret():
    steps = [step for job in workflow()["jobs"].values() for step in job["steps"]]
    live = [step for step in steps if "make verify-live" in step.get("run", "")]
    assert len(live) == 1, "the workflow must run `make verify-live` exactly once"
    env = live[0]["env"]
    assert {name: env.get(name) for name in REQUIRED} == {name: f"${{{{ secrets.{name} }}}}" for name in REQUIRED}
    assert "-n" not in live[0]["run"].split(), "a live run refuses pytest-xdist workers"
