"""`python -m ringcentral_mock`: serve the mock in the foreground (what `make mock` runs).

It first prints the .env lines that point the samples at it, then logs requests as they come.
"""

from __future__ import annotations

import argparse
import sys

from . import scenarios
from .server import listening_socket, server_for, url_of
from .state import MockState


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="ringcentral-mock", description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8765, help="0 picks a free port")
    parser.add_argument("--scenario", default=scenarios.DEFAULT, choices=scenarios.names())
    args = parser.parse_args(argv)

    # Bind first, so the printed URL names the port actually served (also when --port 0).
    try:
        sock = listening_socket(args.host, args.port)
    except OSError as exc:
        sys.exit(f"ringcentral-mock: cannot listen on {args.host}:{args.port}: {exc.strerror}")
    url = url_of(sock)

    state = MockState(args.scenario)
    for key, value in state.env(url).items():
        print(f"{key}={value}", flush=True)
    print(f"# scenario {args.scenario}: {state.scenario['description']}", file=sys.stderr, flush=True)
    server_for(state, log_level="info").run(sockets=[sock])


if __name__ == "__main__":
    main()
