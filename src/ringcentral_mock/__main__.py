"""Serve the RingCentral mock in the foreground, after printing the .env lines that point a client at it.

`ringcentral-mock`, or `python -m ringcentral_mock` (what `make mock` runs). It logs requests as they
come. A scenario that cannot be loaded stops it before it listens, with one line naming the file and
the key (exit 2).
"""

from __future__ import annotations

import argparse
import sys

from . import scenarios
from .server import listening_socket, server_for, url_of
from .state import MockState

USAGE_ERROR = 2


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="ringcentral-mock", description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1", help="the address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8765, help="0 picks a free port (default 8765)")
    chosen = parser.add_mutually_exclusive_group()
    chosen.add_argument("--scenario", default=scenarios.DEFAULT, choices=scenarios.names(), metavar="NAME",
                        help=f"a built-in scenario: {', '.join(scenarios.names())} (default {scenarios.DEFAULT})")
    chosen.add_argument("--scenario-file", metavar="PATH", help="a TOML scenario of your own (it may `extends` one)")
    args = parser.parse_args(argv)

    # The scenario first: a bad one stops the mock before it holds a port or prints settings.
    try:
        state = MockState(scenarios.read_file(args.scenario_file) if args.scenario_file else args.scenario)
    except scenarios.ScenarioError as invalid:
        print(invalid, file=sys.stderr)
        sys.exit(USAGE_ERROR)

    # Bind next, so the printed URL names the port actually served (also when --port 0).
    try:
        sock = listening_socket(args.host, args.port)
    except OSError as exc:
        sys.exit(f"ringcentral-mock: cannot listen on {args.host}:{args.port}: {exc.strerror}")
    url = url_of(sock)

    for key, value in state.env(url).items():
        print(f"{key}={value}", flush=True)
    print(f"# scenario {state.scenario_name}: {state.scenario['description']}", file=sys.stderr, flush=True)
    server_for(state, log_level="info").run(sockets=[sock])


if __name__ == "__main__":
    main()
