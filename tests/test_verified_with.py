"""The note under each sample: the versions it was last verified with, from `make verify`'s report,
and an honest "not verified" where the report does not cover the file as it is now."""

from __future__ import annotations

import importlib.util
import json
import shutil
from pathlib import Path

import pytest

import ringcentral_mock.scenarios
from sample_harness import catalogue, fingerprints, languages, site, verify_report
from sample_harness.paths import ROOT

spec = importlib.util.spec_from_file_location("verified_with", ROOT / "hooks" / "verified_with.py")
hook = importlib.util.module_from_spec(spec)
spec.loader.exec_module(hook)

PY_VERSIONS = {"Python": "3.11.7", "ringcentral": "0.9.2", "python-dotenv": "1.2.4"}
NOW = {part: f"digest-of-{part}" for part in fingerprints.PARTS}  # what every case depends on now
CURRENT = {"": NOW, "bad-jwt": NOW}  # the sample's cases now


def row(result="passed", language="python", date="2026-01-02", case="", changed=None):
    parts = NOW | (changed or {})
    return {"file": "code-samples/x/send.py", "language": language, "case": case, "result": result,
            "depends": parts, "fingerprint": fingerprints.fingerprint(parts), "versions": PY_VERSIONS, "date": date}


def note_of(report, current=CURRENT):
    return hook.note(report, "code-samples/x/send.py", current)


def test_no_report_says_not_verified():
    assert note_of([]).startswith("Not verified in this build")


def test_passing_runs_of_every_case_as_it_is_now_give_the_versions_and_the_date():
    assert note_of([row(date="2026-01-01"), row(case="bad-jwt", date="2026-01-02")]) == (
        "Verified against the mock platform on 2026-01-02 with Python 3.11.7, ringcentral 0.9.2, python-dotenv 1.2.4.")


def test_a_changed_file_or_another_language_is_not_verified():
    assert note_of([row(changed={"sample": "old"}), row(case="bad-jwt", changed={"sample": "old"})]) == (
        "Not verified in this build: the sample changed since <code>make verify</code> last ran 2 of the 2 cases "
        "of send.py.")
    assert note_of([row(language="javascript"), row(case="bad-jwt", language="javascript")]).startswith("Not verified")
    assert note_of([row(result="skipped"), row(case="bad-jwt", result="skipped")]).startswith("Not verified")


@pytest.mark.parametrize(("part", "named"), [("case", "its expectations"), ("scenario", "its scenario"),
                                             ("mock", "the mock"), ("harness", "the harness"),
                                             ("versions", "the runtime or SDK versions")])
def test_a_change_to_anything_the_verdict_depends_on_unverifies_it_and_says_what(part, named):
    assert note_of([row(), row(case="bad-jwt", changed={part: "before"})]) == (
        f"Not verified in this build: {named} changed since <code>make verify</code> last ran 1 of the 2 cases "
        "of send.py.")


def test_a_case_the_report_never_ran_unverifies_it():
    assert note_of([row()]).startswith("Not verified in this build: its expectations changed")


def test_one_failing_case_says_failed():
    assert note_of([row(), row(result="failed", case="bad-jwt")]).startswith("Failed verification on 2026-01-02")


def test_the_note_goes_under_the_fence_at_its_indent():
    page = ('=== "Python"\n\n    ```python title="sms.py"\n    --8<-- "code-samples/x/send.py:send"\n    ```\n\n'
            'Shell:\n\n```shell\n--8<-- "code-samples/setup/commands.txt:run"\n```\n')
    assert hook.add_notes(page, lambda path: f"note for {path}") == (
        '=== "Python"\n\n    ```python title="sms.py"\n    --8<-- "code-samples/x/send.py:send"\n    ```\n\n'
        '    <small class="verified-with">note for code-samples/x/send.py</small>\n\n'
        'Shell:\n\n```shell\n--8<-- "code-samples/setup/commands.txt:run"\n```\n')


def test_the_report_merges_a_partial_run_and_drops_cases_that_no_longer_exist(tmp_path):
    report = tmp_path / "verify.json"
    report.write_text(json.dumps([row(case="a", date="old"), row(case="b", date="old"), row(case="gone")]))
    existing = {("code-samples/x/send.py", "python", case) for case in ("a", "b")}
    merged = verify_report.merged(report, [row(case="b", date="new")], existing)
    assert [(r["case"], r["date"]) for r in merged] == [("a", "old"), ("b", "new")]


# -- the built site ----------------------------------------------------------------------------

SHOWN = [inc for inc in catalogue.includes() if catalogue.is_sample(inc.path)]


def build(tmp_path: Path, rows: list[dict], monkeypatch: pytest.MonkeyPatch,
          sources: fingerprints.Sources | None = None) -> Path:
    reports = tmp_path / "reports"
    reports.mkdir()
    if rows:
        (reports / "verify.json").write_text(json.dumps(verify_report.stamped(rows, sources=sources)))
    monkeypatch.setenv("REPORTS_DIR", str(reports))  # read by the hook in the mkdocs subprocess
    built = site.build(tmp_path / "site")
    assert built.returncode == 0, f"mkdocs build --strict fails:\n{built.stderr}"
    return tmp_path / "site"


def notes(site_dir: Path) -> dict[tuple[str, str], str | None]:
    """The note under each sample block, by (page, included file)."""
    return {(inc.page, inc.path): block.note for page in sorted({i.page for i in SHOWN})
            for inc, block in site.shown_includes(site_dir, page) if catalogue.is_sample(inc.path)}


def test_a_fresh_clone_builds_and_says_not_verified(tmp_path, monkeypatch):
    problems = [f"{page}, {path}: {note!r}" for (page, path), note in notes(build(tmp_path, [], monkeypatch)).items()
                if not (note or "").startswith("Not verified in this build")]
    assert not problems, "without a report, each sample must say it is not verified:\n" + "\n".join(problems)


def passing_rows() -> list[dict]:
    """What a `make verify` run in which every case passed reports."""
    return [{"file": file, "language": language, "case": case, "result": "passed", "page": "p.md",
             "sample": Path(file).stem, "seconds": 0.1} for file, language, case in verify_report.current_cases()]


def test_after_a_verify_run_each_sample_shows_its_languages_versions(tmp_path, monkeypatch):
    used = languages.versions()
    rows = passing_rows()
    problems = []
    for (page, path), note in notes(build(tmp_path, rows, monkeypatch)).items():
        language = languages.of(path).name
        want = ", ".join(f"{k} {v}" for k, v in used[language].items())
        if not note or not note.startswith("Verified against the mock platform on ") or want not in note:
            problems.append(f"{page}, {Path(path).stem} [{language}]: the note is {note!r}, wanted the versions {want}")
    assert not problems, "\n".join(problems)


def test_a_scenario_edited_since_the_verify_run_unverifies_the_samples_that_use_it(tmp_path, monkeypatch):
    """The report was stamped when default.toml read otherwise: every sample whose cases run in it (all
    do, directly or through a scenario that extends it) says so."""
    scenarios = tmp_path / "scenarios-then"
    shutil.copytree(Path(ringcentral_mock.scenarios.__file__).parent, scenarios)
    (scenarios / "default.toml").write_text((scenarios / "default.toml").read_text() + "\n# edited\n")
    built = notes(build(tmp_path, passing_rows(), monkeypatch, fingerprints.Sources(scenarios=scenarios)))
    problems = [f"{page}, {path}: {note!r}" for (page, path), note in built.items()
                if not (note or "").startswith("Not verified in this build: its scenario changed")]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("language", sorted(languages.NAMES))
def test_the_verify_report_has_each_languages_versions(language):
    used = languages.BY_NAME[language].versions()
    assert all(v and v != "unknown" for v in used.values()), used


def test_a_failure_says_its_case_and_first_problem():
    failed = row(result="failed", case="bad-jwt") | {"error": "exit code 0, expected 1 <here>"}
    assert note_of([row(), failed]) == (
        "Failed verification on 2026-01-02 (case bad-jwt): exit code 0, expected 1 &lt;here&gt;")
