"""Every sample fits the page: no line of a sample is wider than 79 columns.

A page shows about 80 columns of code; a longer line makes its block scroll sideways. Every file in
code-samples/ in one of the harness's languages is checked, so a new language is covered as soon as
sample_harness.languages declares it. (ruff enforces the same width on the Python samples, through
code-samples/ruff.toml; this test holds for every language.)
"""

from __future__ import annotations

from pathlib import Path

from sample_harness import languages
from sample_harness.paths import ROOT, SAMPLES

WIDTH = 79


def too_wide(folder: Path, width: int = WIDTH) -> list[str]:
    """`file:line: N columns` for each line wider than `width` in the samples under `folder`."""
    problems = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and languages.of(p)):
        name = path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else str(path)
        for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
            if len(line) > width:
                problems.append(f"{name}:{number}: {len(line)} columns, more than {width}")
    return problems


def test_every_line_of_every_sample_fits_the_page():
    assert any(languages.of(p) for p in SAMPLES.rglob("*")), f"no samples found under {SAMPLES}"
    problems = too_wide(SAMPLES)
    assert not problems, ("wrap these lines of the samples (the page shows about 80 columns):\n"
                          + "\n".join(problems))


def test_a_line_too_wide_is_named_with_its_file_line_and_width(tmp_path):
    for language in languages.LANGUAGES:
        (tmp_path / f"sample{language.suffix}").write_text(f"{'x' * WIDTH}\n{'y' * (WIDTH + 1)}\n", "utf-8")
    (tmp_path / "sample.output.txt").write_text("z" * 200 + "\n", "utf-8")  # not a sample: not checked
    assert too_wide(tmp_path) == sorted(f"{tmp_path}/sample{language.suffix}:2: 80 columns, more than 79"
                                        for language in languages.LANGUAGES)
