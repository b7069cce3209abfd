"""Serve a mock on loopback: the listening socket both ways of serving use, and `MockServer`, a
background thread for the tests and the benchmarks."""

from __future__ import annotations

import socket
import threading

import uvicorn

from .app import create_app
from .state import MockState


def listening_socket(host: str, port: int) -> socket.socket:
    """A TCP socket bound and listening (port 0 picks a free one); raises OSError if it cannot."""
    # IPPROTO_TCP rather than the default 0: asyncio sets TCP_NODELAY only on accepted sockets whose
    # protocol says TCP. Without it, uvicorn's separate header and body writes meet the client's
    # delayed ACK, and every request on a kept-alive connection (the JavaScript SDK's) waits ~40 ms.
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(128)  # a client may connect as soon as it knows the port: it queues until served
    except OSError:
        sock.close()
        raise
    return sock


def url_of(sock: socket.socket) -> str:
    host, port = sock.getsockname()[:2]
    return f"http://{host}:{port}"


def server_for(state: MockState, **config: object) -> uvicorn.Server:
    # lifespan "on": the app's lifespan starts the task that fires the clock's timers on wall time.
    return uvicorn.Server(uvicorn.Config(create_app(state), lifespan="on", **config))


class MockServer:
    """`with MockServer() as mock:` serves on an ephemeral port until the block ends."""

    def __init__(self, state: MockState | None = None, host: str = "127.0.0.1", port: int = 0) -> None:
        self.state = state or MockState()
        self._socket = listening_socket(host, port)
        self.url = url_of(self._socket)
        self._server = server_for(self.state, log_level="warning", access_log=False)
        self._thread = threading.Thread(target=self._server.run, kwargs={"sockets": [self._socket]},
                                        name="ringcentral-mock", daemon=True)

    def start(self) -> MockServer:
        self._thread.start()
        while not self._server.started:
            if not self._thread.is_alive():
                raise RuntimeError("the mock server stopped before it was ready")
            self._thread.join(0.005)
        return self

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(5)
        self._socket.close()

    def __enter__(self) -> MockServer:
        return self.start()

    def __exit__(self, *_: object) -> None:
        self.stop()
