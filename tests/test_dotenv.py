"""Every sample reads its settings from a `.env` file, as the pages tell a reader to write one.

The other tests pass the settings in the environment, which wins over `.env` in every language
(python-dotenv, dotenv and the curl samples alike), so nothing else proves the file is read. Here
each sample that ends on its own runs its main case from a folder of its own, with its settings in
`.env` beside it and none in the environment, as a reader runs it.
"""

from __future__ import annotations

import shutil

import pytest

from sample_harness import catalogue, expectations
from sample_harness.expectations import match_lines
from sample_harness.process import run_sample, sample_env

ENDING = [sample for sample in catalogue.samples()
          if (case := expectations.cases_for(sample.name, sample.language)[0]).ready is None
          and case.companion is None and not case.before]


@pytest.mark.parametrize("sample", ENDING, ids=[sample.id for sample in ENDING])
def test_the_settings_in_dotenv_alone_are_read(sample, mock_target, tmp_path, request):
    case = expectations.cases_for(sample.name, sample.language)[0]
    settings = mock_target.settings(case)
    copy = tmp_path / sample.path.name
    shutil.copy(sample.path, copy)
    (tmp_path / ".env").write_text("".join(f"{name}={value}\n" for name, value in settings.items()), "utf-8")
    run = run_sample(sample.language, copy, sample_env({}), request.config.getoption("sample_timeout"), tmp_path)
    problems = [str(p) for p in match_lines(mock_target.stdout(case), run.stdout, dict(settings))]
    assert run.returncode == 0 and not problems, (
        f"{sample.file} (shown on {', '.join(sample.pages)}), with its settings in .env only: exit "
        f"{run.returncode}\n  " + "\n  ".join(problems) + f"\n--- stderr\n{run.stderr}")


def test_the_environment_wins_over_dotenv(mock_target, tmp_path, request):
    """A reader's environment overrides the file, in the curl samples as with dotenv."""
    sample = next(s for s in ENDING if (s.name, s.language) == ("list-sms-numbers", "curl"))
    settings = mock_target.settings(expectations.cases_for(sample.name, sample.language)[0])
    shutil.copy(sample.path, tmp_path / sample.path.name)
    (tmp_path / ".env").write_text("".join(f"{k}={v}\n" for k, v in settings.items() if k != "RC_USER_JWT")
                                   + "RC_USER_JWT=not-a-valid-jwt\n", "utf-8")
    run = run_sample(sample.language, tmp_path / sample.path.name, sample_env({"RC_USER_JWT": settings["RC_USER_JWT"]}),
                     request.config.getoption("sample_timeout"), tmp_path)
    assert run.returncode == 0, f"the .env file's RC_USER_JWT won over the environment's: {run.stderr}"
