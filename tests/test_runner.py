"""The harness under faults: a sample that cannot start, hangs, or leaves processes behind.

Each test feeds the runner a deliberately broken program from a temporary folder, and checks
what the harness reports and that nothing of it is left running.
"""

from __future__ import annotations

import errno
import signal
import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import SimpleNamespace

import pytest

from sample_harness import runs, verdict, webhooks
from sample_harness.expectations import Case
from sample_harness.process import SampleProcess, run_sample, sample_env
from sample_harness.target import MockTarget, Record, case_env

SECRET = "mock-access-" + "s3cr3tT0ken" * 3  # shaped like the mock's tokens, which redaction knows


def running(pid: int) -> bool:
    """Whether the process still runs (a zombie waiting for its parent to read its exit does not)."""
    try:
        return (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0] not in "ZX"
    except FileNotFoundError:
        return False


def run(tmp_path, language: str, code: str, timeout: float = 10) -> runs.Outcome:
    path = tmp_path / ("sample.py" if language == "python" else "sample.js")
    path.write_text(code, "utf-8")
    result = run_sample(language, path, sample_env({}), timeout)
    return runs.Outcome(result, [], {}, ())


@pytest.mark.parametrize(("language", "code", "named"), [
    ("python", "import no_such_module_here\n", "No module named 'no_such_module_here'"),
    ("python", "print('hello'\n", "SyntaxError"),
    ("javascript", "require('no-such-module-here');\n", "Cannot find module 'no-such-module-here'"),
    ("javascript", "const = 1;\n", "SyntaxError"),
])
def test_a_sample_that_cannot_start_is_reported_as_that(tmp_path, language, code, named):
    outcome = run(tmp_path, language, code)
    problems = verdict.problems(Case(""), outcome)
    assert len(problems) == 1 and problems[0].startswith("could not start:") and named in problems[0], problems


def test_a_sample_that_fails_after_starting_is_judged_on_its_answer(tmp_path):
    outcome = run(tmp_path, "python", "import sys\nprint('working')\nsys.exit('Error: HTTP 400 CMN-101: no')\n")
    assert outcome.run.startup_error is None
    assert verdict.problems(Case("", exit=1), outcome) == []


HANGS = {
    "python": f"import subprocess, sys, time\n"
              f"child = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(600)'])\n"
              f"print('child', child.pid, {SECRET!r}, flush=True)\ntime.sleep(600)\n",
    "javascript": f"const child = require('child_process').spawn('sleep', ['600'], {{ stdio: 'ignore' }});\n"
                  f"console.log('child', child.pid, {SECRET!r});\nsetInterval(() => {{}}, 1000);\n",
}


@pytest.mark.parametrize("language", HANGS)
def test_a_hung_sample_is_killed_with_its_group_and_reported_with_its_last_output(tmp_path, language):
    outcome = run(tmp_path, language, HANGS[language], timeout=2)
    assert outcome.run.timed_out
    child = int(outcome.run.stdout.split()[1])
    assert not running(child), "the sample's child outlived it"
    [problem] = verdict.problems(Case(""), outcome)
    assert problem.startswith("timed out: killed with its whole process group")
    assert f"child {child} [redacted]" in problem and SECRET not in problem


LINGERS = {
    "python": "import subprocess, sys\n"
              "child = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(600)'],\n"
              "                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
              "print('child', child.pid)\n",
    "javascript": "const child = require('child_process').spawn('sleep', ['600'], { stdio: 'ignore' });\n"
                  "console.log('child', child.pid);\nchild.unref();\n",
}


@pytest.mark.parametrize("language", LINGERS)
def test_a_process_left_running_is_killed_and_reported(tmp_path, language):
    outcome = run(tmp_path, language, LINGERS[language])
    assert outcome.run.returncode == 0 and outcome.run.leftovers == 1
    assert not running(int(outcome.run.stdout.split()[1])), "the sample's child outlived it"
    assert any("still ran after it ended" in p for p in verdict.problems(Case(""), outcome))


# -- a sample that runs until stopped, driven step by step -----------------------------------------

# Each is ready for SIGINT before the line that says it is ready, as a sample must be.
UNTIL_STOPPED = {
    "python": "import signal\nsignal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGINT])\n"
              "print('Listening for SMS', flush=True)\nsignal.sigwait([signal.SIGINT])\nprint('Stopped', flush=True)\n",
    "javascript": "const timer = setInterval(() => {}, 1000);\n"
                  "process.on('SIGINT', () => { console.log('Stopped'); clearInterval(timer); });\n"
                  "console.log('Listening for SMS');\n",
}


@pytest.mark.parametrize("language", UNTIL_STOPPED)
def test_a_sample_is_driven_to_ready_then_stopped_with_sigint(tmp_path, language):
    path = tmp_path / ("sample.py" if language == "python" else "sample.js")
    path.write_text(UNTIL_STOPPED[language], "utf-8")
    with SampleProcess(language, path, sample_env({})) as sample:
        assert sample.expect_line(r"^Listening", timeout=10) == "Listening for SMS"
        assert sample.running
        run = sample.stop(signal.SIGINT, grace=10)
    assert (run.returncode, run.stdout, run.leftovers) == (0, "Listening for SMS\nStopped\n", 0)


def test_a_line_that_never_comes_is_none_at_its_deadline_and_an_ignored_sigint_ends_in_a_kill(tmp_path):
    path = tmp_path / "sample.py"
    path.write_text("import signal, time\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\n"
                    "print('up', flush=True)\ntime.sleep(600)\n", "utf-8")
    with SampleProcess("python", path, sample_env({})) as sample:
        assert sample.expect_line(r"^up$", timeout=10) == "up"
        assert sample.expect_line(r"^up$", timeout=0.2) is None  # each line is matched once
        run = sample.stop(signal.SIGINT, grace=0.5)
    assert run.timed_out and not sample.running
    assert verdict.problems(Case(""), runs.Outcome(run, [], {}, ()))[0].startswith("timed out: killed")


def test_a_sample_that_ends_before_its_line_is_none_at_once(tmp_path):
    path = tmp_path / "sample.js"
    path.write_text("console.log('bye');\n", "utf-8")
    with SampleProcess("javascript", path, sample_env({})) as sample:
        assert sample.expect_line(r"^Listening", timeout=30) is None
        assert sample.wait(10).returncode == 0


# -- driven cases, against a stand-in target whose events are lines in a file ----------------------

class InboxTarget:
    """A target whose only event is a text, appended to a file the program watches."""

    live = False
    server_url = ""

    def __init__(self, inbox: Path) -> None:
        self.inbox = inbox

    def skip_reason(self, case):
        return None

    def stage(self, case):
        return {"INBOX": str(self.inbox)}

    def settings(self, case):
        return self.stage(case)

    def arm(self, case):
        pass

    def stdout(self, case):
        return case.stdout

    def act(self, step, values):
        with self.inbox.open("a") as inbox:
            inbox.write(step["inbound"]["text"] + "\n")
        return []

    def finished(self, run):
        pass

    def sample_env(self, case, language):
        return {}

    def record(self):
        return Record([], [], [])


def watcher(on_text: str = "print('got: ' + line.strip(), flush=True)", on_sigint: str = "stop") -> str:
    """A program that says it is ready, then acts on each line of $INBOX, until SIGINT."""
    # The "stop" handler only raises a flag: a print inside a signal handler can land in the middle of
    # the loop's own print, and Python refuses that reentrant write with a traceback.
    handler = {"stop": "signal.signal(signal.SIGINT, lambda *_: stop.append(1))\n",
               "ignore": "signal.signal(signal.SIGINT, signal.SIG_IGN)\n", "default": ""}[on_sigint]
    return ("import os, signal, time\nstop = []\n" + handler + "print('Ready.', flush=True)\nseen = 0\n"
            "while not stop:\n    lines = open(os.environ['INBOX']).read().splitlines()\n"
            "    for line in lines[seen:]:\n        " + on_text + "\n    seen = len(lines)\n    time.sleep(0.02)\n"
            "print('Stopped.', flush=True)\n")


DRIVEN = Case("", ready="^Ready\\.$", steps=({"inbound": {"text": "hi"}, "expect": ["^got: hi$"], "timeout": 10},))


def drive(tmp_path, code: str, case: Case = DRIVEN) -> list[str]:
    (tmp_path / "inbox").write_text("")
    path = tmp_path / "sample.py"
    path.write_text(code, "utf-8")
    outcome = runs.run_case(InboxTarget(tmp_path / "inbox"), "python", path, case, timeout=10)
    return verdict.problems(case, outcome)


def test_a_driven_sample_that_does_what_its_steps_expect_passes(tmp_path):
    assert drive(tmp_path, watcher()) == []


def test_a_sample_that_ignores_the_event_is_named_with_the_step(tmp_path):
    assert drive(tmp_path, watcher(on_text="pass")) == [
        "step 1: no output line matched '^got: hi$' within 10s of its event"]


def test_a_sample_that_never_says_it_is_ready_is_named(tmp_path):
    problems = drive(tmp_path, watcher(), Case("", ready="^Listening$", steps=DRIVEN.steps))
    assert problems[0] == "never said it was ready: no output line matched '^Listening$' within 15s"


def test_a_sample_that_ignores_ctrl_c_is_killed_after_the_grace_period(tmp_path):
    [problem] = drive(tmp_path, watcher(on_sigint="ignore"))
    assert problem.startswith("did not end within 5s of SIGINT; killed with its whole process group")


def test_a_traceback_on_ctrl_c_fails(tmp_path):
    problems = drive(tmp_path, watcher(on_sigint="default"))
    assert "output shows a raw exception or request headers; print one `Error: ...` line instead" in problems
    assert any(p.startswith("exit code ") for p in problems), problems



class StagedTarget(InboxTarget):
    """A target that notes what the set-up ran with, when the faults came, and what was sent by whom."""

    def __init__(self, inbox: Path) -> None:
        super().__init__(inbox)
        self.log: list[tuple[str, object]] = []
        self.requests: list[dict[str, str]] = []

    def stage(self, case):
        return {"INBOX": str(self.inbox), "WHO": "the stage"}

    def act(self, step, values):
        self.log.append(("set-up", values["WHO"]))
        self.requests.append({"method": "POST", "path": "/by-the-set-up"})
        return []

    def arm(self, case):
        self.log.append(("faults", len(self.requests)))

    def finished(self, run):
        self.requests.append({"method": "GET", "path": "/by-the-sample"})

    def record(self):
        return Record(list(self.requests), [], [])


def test_the_set_up_runs_before_the_cases_settings_and_faults_and_its_requests_are_not_the_samples(tmp_path):
    path = tmp_path / "sample.py"
    path.write_text("import os\nprint(os.environ['WHO'])\n", "utf-8")
    target = StagedTarget(tmp_path / "inbox")
    case = Case("", env={"WHO": "the case"}, before=({"inbound": {"text": "set up"}},), faults=({"kind": "hang"},))
    outcome = runs.run_case(target, "python", path, case, timeout=10)
    assert outcome.run.stdout == "the case\n"
    assert target.log == [("set-up", "the stage"), ("faults", 1)]  # the faults come after the set-up's request
    assert outcome.recorded == [{"method": "GET", "path": "/by-the-sample"}]

# -- what the harness gives webhook cases: a taken port, forged notifications -----------------------

def test_busy_port_is_a_port_no_server_can_listen_on_even_reusing_addresses():
    port = int(case_env(Case("", env={"WEBHOOK_PORT": "${BUSY_PORT}"}))["WEBHOOK_PORT"])
    with socket.socket() as server:
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as Python's and Node's servers do
        with pytest.raises(OSError) as taken:
            server.bind(("127.0.0.1", port))
    assert taken.value.errno == errno.EADDRINUSE


@contextmanager
def answering(status_for: Callable[[str], int]) -> Iterator[str]:
    """A server on loopback that answers each POST with status_for(its path); its webhook address."""

    class Answer(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            self.send_response(status_for(self.path))
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Answer)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{webhooks.PATH}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def test_a_notification_forged_to_another_path_must_be_answered_404():
    target = MockTarget(SimpleNamespace(url="http://127.0.0.1:9"))  # a forgery asks nothing of the mock
    with answering(lambda path: 403 if path == webhooks.PATH else 404) as address:
        values = {"WEBHOOK_ADDRESS": address, "WEBHOOK_VERIFICATION_TOKEN": "the-token"}
        assert [target.act({"forge": kind}, values) for kind in webhooks.FORGERIES] == [[], [], []]
    with answering(lambda path: 200) as address:
        values = {"WEBHOOK_ADDRESS": address, "WEBHOOK_VERIFICATION_TOKEN": "the-token"}
        assert [str(p) for p in target.act({"forge": "elsewhere"}, values)] == [
            "a notification to another path than the subscription's was answered 200, not 404: the server must "
            "refuse what the platform did not send"]
