"""Serve a mock on loopback in a background thread: what the tests and the benchmarks start."""

from __future__ import annotations

import threading

import uvicorn

from .app import create_app
from .state import MockState


class MockServer:
    """`with MockServer() as mock:` serves on an ephemeral port until the block ends."""

    def __init__(self, state: MockState | None = None, host: str = "127.0.0.1", port: int = 0) -> None:
        self.state = state or MockState()
        config = uvicorn.Config(create_app(self.state), host=host, port=port, log_level="warning",
                                access_log=False, lifespan="off")
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, name="ringcentral-mock", daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.servers[0].sockets[0].getsockname()[:2]
        return f"http://{host}:{port}"

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

    def __enter__(self) -> MockServer:
        return self.start()

    def __exit__(self, *_: object) -> None:
        self.stop()
