"""The note under each sample: the versions it was last verified with, from `make verify`'s report,
and an honest "not verified" where the report does not cover the file as it is now."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from sample_harness import catalogue, languages, site, verify_report
from sample_harness.paths import ROOT

spec = importlib.util.spec_from_file_location("verified_with", ROOT / "hooks" / "verified_with.py")
hook = importlib.util.module_from_spec(spec)
spec.loader.exec_module(hook)

PY_VERSIONS = {"Python": "3.11.7", "ringcentral": "0.9.2", "python-dotenv": "1.2.4"}


def row(result="passed", sha="abc", language="python", date="2026-01-02", case=""):
    return {"file": "code-samples/x/send.py", "language": language, "case": case, "result": result,
            "sha256": sha, "versions": PY_VERSIONS, "date": date}


def test_no_report_says_not_verified():
    assert hook.note([], "code-samples/x/send.py", "abc").startswith("Not verified in this build")


def test_passing_runs_of_this_version_give_the_versions_and_the_date():
    report = [row(date="2026-01-01"), row(case="bad-jwt", date="2026-01-02")]
    assert hook.note(report, "code-samples/x/send.py", "abc") == (
        "Verified against the mock platform on 2026-01-02 with Python 3.11.7, ringcentral 0.9.2, python-dotenv 1.2.4.")


def test_a_changed_file_or_another_language_is_not_verified():
    assert hook.note([row(sha="old")], "code-samples/x/send.py", "abc").startswith("Not verified")
    assert hook.note([row(language="javascript")], "code-samples/x/send.py", "abc").startswith("Not verified")
    assert hook.note([row(result="skipped")], "code-samples/x/send.py", "abc").startswith("Not verified")


def test_one_failing_case_says_failed():
    assert hook.note([row(), row(result="failed", case="bad-jwt")], "code-samples/x/send.py", "abc").startswith(
        "Failed verification on 2026-01-02")


def test_the_note_goes_under_the_fence_at_its_indent():
    page = ('=== "Python"\n\n    ```python title="sms.py"\n    --8<-- "code-samples/x/send.py:send"\n    ```\n\n'
            'Shell:\n\n```shell\n--8<-- "code-samples/setup/commands.sh:run"\n```\n')
    assert hook.add_notes(page, lambda path: f"note for {path}") == (
        '=== "Python"\n\n    ```python title="sms.py"\n    --8<-- "code-samples/x/send.py:send"\n    ```\n\n'
        '    <small class="verified-with">note for code-samples/x/send.py</small>\n\n'
        'Shell:\n\n```shell\n--8<-- "code-samples/setup/commands.sh:run"\n```\n')


def test_the_report_merges_a_partial_run(tmp_path):
    report = tmp_path / "verify.json"
    report.write_text(json.dumps([row(case="a", date="old"), row(case="b", date="old")]))
    merged = verify_report.merged(report, [row(case="b", date="new")])
    assert [(r["case"], r["date"]) for r in merged] == [("a", "old"), ("b", "new")]


# -- the built site ----------------------------------------------------------------------------

SHOWN = [inc for inc in catalogue.includes() if catalogue.is_sample(inc.path)]


def build(tmp_path: Path, rows: list[dict], monkeypatch: pytest.MonkeyPatch) -> Path:
    reports = tmp_path / "reports"
    reports.mkdir()
    if rows:
        (reports / "verify.json").write_text(json.dumps(verify_report.stamped(rows)))
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


def test_after_a_verify_run_each_sample_shows_its_languages_versions(tmp_path, monkeypatch):
    used = languages.versions()
    rows = [{"file": s.file, "language": s.language, "case": "", "result": "passed", "page": s.pages[0],
             "sample": s.name, "seconds": 0.1} for s in catalogue.samples()]
    problems = []
    for (page, path), note in notes(build(tmp_path, rows, monkeypatch)).items():
        language = languages.of(path).name
        want = ", ".join(f"{k} {v}" for k, v in used[language].items())
        if not note or not note.startswith("Verified against the mock platform on ") or want not in note:
            problems.append(f"{page}, {Path(path).stem} [{language}]: the note is {note!r}, wanted the versions {want}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("language", sorted(languages.NAMES))
def test_the_verify_report_has_each_languages_versions(language):
    used = languages.BY_NAME[language].versions()
    assert all(v and v != "unknown" for v in used.values()), used
