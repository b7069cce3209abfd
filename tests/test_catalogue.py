"""The catalogue fails loudly: every file in code-samples/ is shown and tested, in both languages.

Samples are found by reading the pages, so a page that stops including a file, or a renamed file,
must not quietly shrink what the suite runs. Each rule runs on the repository, and on a small
broken copy to prove it catches what it is for.
"""

from __future__ import annotations

import pytest
import test_samples

from sample_harness import catalogue, catalogue_rules, expectations, languages, shown_output

RULES = [catalogue_rules.unshown_files, catalogue_rules.bad_helpers, catalogue_rules.missing_includes,
         catalogue_rules.samples_outside_their_tab, catalogue_rules.uneven_tab_sets,
         catalogue_rules.samples_without_counterpart, shown_output.without_sample]


@pytest.mark.parametrize("rule", RULES, ids=[rule.__name__ for rule in RULES])
def test_the_guide_keeps_the_rule(rule):
    problems = rule()
    assert not problems, "\n".join(problems)


def test_the_catalogue_finds_samples_in_both_languages():
    found = {sample.language for sample in catalogue.samples()}
    assert found == set(languages.NAMES), (
        f"the pages' includes yield samples in {sorted(found) or 'no language'}: the catalogue "
        "(src/sample_harness/catalogue.py) no longer recognises the pages' `--8<--` lines")


def test_every_sample_and_language_has_a_test():
    tested = {(sample.name, sample.language) for sample, case in test_samples.CASES if not case.name}
    assert tested, "tests/test_samples.py parametrizes no sample at all"
    problems = [f"{sample.id} ({sample.file}, shown on {', '.join(sample.pages)}) has no test in "
                "tests/test_samples.py; its parametrization must come from catalogue.samples()"
                for sample in catalogue.samples() if (sample.name, sample.language) not in tested]
    assert not problems, "\n".join(problems)


def test_every_expectation_names_a_catalogued_sample():
    names = {sample.name for sample in catalogue.samples()}
    problems = [f"tests/expectations.toml: [{name}] names no sample a page includes; after a rename, rename "
                "the entry too (its checks are not running)" for name in expectations.load() if name not in names]
    assert not problems, "\n".join(problems)


# -- each rule catches what it is for, on a copy of a guide -------------------------------------

PAGE = '''# Page

=== "Python"

    ```python
    --8<-- "code-samples/send.py:send"
    ```

=== "JavaScript"

    ```javascript
    --8<-- "code-samples/send.js:send"
    ```

The request:

=== "Request"

    --8<-- "code-samples/send.http"
'''


@pytest.fixture
def guide(tmp_path):
    """A tiny guide that keeps every rule; each test breaks one thing."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "code-samples").mkdir()
    for name in ("send.py", "send.js", "send.http"):
        (tmp_path / "code-samples" / name).write_text("x\n")
    (tmp_path / "helpers.toml").write_text("[helpers]\n")
    (tmp_path / "docs" / "page.md").write_text(PAGE)
    return tmp_path


def check(rule, guide):
    args = {"docs": guide / "docs", "root": guide, "helpers": guide / "helpers.toml"}
    return rule(**{k: v for k, v in args.items() if k in rule.__code__.co_varnames})


def test_the_tiny_guide_keeps_every_rule(guide):
    assert {rule.__name__: check(rule, guide) for rule in RULES} == {rule.__name__: [] for rule in RULES}
    assert [(s.name, s.language) for s in catalogue.samples(guide / "docs", guide)] == [
        ("send", "javascript"), ("send", "python")]


def test_an_output_block_of_no_sample_is_named(guide):
    (guide / "code-samples" / "sned.output.txt").write_text("ok\n")
    page = guide / "docs" / "page.md"
    page.write_text(page.read_text() + '\n```text\n--8<-- "code-samples/sned.output.txt"\n```\n')
    assert check(shown_output.without_sample, guide) == [
        "page.md:22: code-samples/sned.output.txt is shown as a sample's output, but there is no sample sned beside it"]


def test_a_file_no_page_includes_is_named(guide):
    (guide / "code-samples" / "orphan.py").write_text("x\n")
    assert check(catalogue_rules.unshown_files, guide) == [
        "code-samples/orphan.py: no page includes it. Include it in a page "
        '(`--8<-- "code-samples/orphan.py:<section>"`), '
        "list it in helpers.toml with the reason it is kept, or delete it"]
    (guide / "helpers.toml").write_text('[helpers]\n"code-samples/orphan.py" = "imported by send.py"\n')
    assert check(catalogue_rules.unshown_files, guide) == []


def test_a_renamed_file_leaves_an_include_and_an_orphan(guide):
    (guide / "code-samples" / "send.py").rename(guide / "code-samples" / "send-sms.py")
    assert check(catalogue_rules.missing_includes, guide) == [
        "page.md:6: includes code-samples/send.py, which does not exist; fix the path or restore the file"]
    assert check(catalogue_rules.unshown_files, guide)[0].startswith("code-samples/send-sms.py: no page includes it")


def test_a_stale_or_reasonless_helper_is_named(guide):
    (guide / "helpers.toml").write_text('[helpers]\n"code-samples/gone.py" = ""\n"code-samples/send.py" = "x"\n')
    problems = check(catalogue_rules.bad_helpers, guide)
    assert any("code-samples/gone.py does not exist" in p for p in problems), problems
    assert any("code-samples/gone.py needs a reason" in p for p in problems), problems
    assert any("code-samples/send.py is included by a page" in p for p in problems), problems


def test_a_stale_or_unshown_pytest_file_is_named(guide):
    (guide / "code-samples" / "test_app.py").write_text("def test_app():\n    pass\n")
    (guide / "helpers.toml").write_text('[pytest-files]\n"code-samples/test_gone.py" = "x"\n'
                                        '"code-samples/test_app.py" = "x"\n')
    assert check(catalogue_rules.bad_helpers, guide) == [
        "helpers.toml: [pytest-files] code-samples/test_gone.py does not exist; remove the entry, or fix its path",
        "helpers.toml: [pytest-files] code-samples/test_app.py is included by no page; include it, or list it "
        "under [helpers] with the reason it is kept"]


def edit_page(guide, old, new):
    page = guide / "docs" / "page.md"
    page.write_text(page.read_text().replace(old, new))


def test_a_missing_counterpart_is_named(guide):
    edit_page(guide, '--8<-- "code-samples/send.js:send"', "")
    assert check(catalogue_rules.uneven_tab_sets, guide) == [
        "page.md:3: code-samples/send.py is shown without its counterpart; include code-samples/send.js "
        "in the JavaScript tab"]
    assert check(catalogue_rules.samples_without_counterpart, guide)[0].startswith(
        "code-samples/send.py (shown on page.md) has no javascript counterpart")


def test_tabs_in_another_order_or_label_are_named(guide):
    edit_page(guide, '"JavaScript"', '"Node.js"')
    assert check(catalogue_rules.uneven_tab_sets, guide) == [
        "page.md:3: a language tab set needs the tabs ['Python', 'JavaScript'] in that order, "
        "not ['Python', 'Node.js']"]
    assert check(catalogue_rules.samples_outside_their_tab, guide) == [
        'page.md:12: code-samples/send.js is shown in the tab "Node.js"; put it under === "JavaScript"']


def test_a_sample_outside_any_tab_is_named(guide):
    (guide / "docs" / "other.md").write_text('```python\n--8<-- "code-samples/send.py:send"\n```\n')
    assert check(catalogue_rules.samples_outside_their_tab, guide) == [
        'other.md:2: code-samples/send.py is shown outside any tab; put it under === "Python"']


def test_a_language_tab_set_without_samples_needs_both_tabs_too(guide):
    (guide / "docs" / "other.md").write_text('=== "Python"\n\n    pip install ringcentral\n')
    assert check(catalogue_rules.uneven_tab_sets, guide) == [
        "other.md:1: a language tab set needs the tabs ['Python', 'JavaScript'] in that order, not ['Python']"]
