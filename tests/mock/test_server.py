"""How the mock serves: the TCP options a kept-alive client depends on, and no thread pool on the way."""

from __future__ import annotations

import http.client
import inspect
import socket
from urllib.parse import urlsplit

from fastapi.routing import APIRoute

from ringcentral_mock.app import create_app
from ringcentral_mock.server import MockServer


def test_connections_it_accepts_send_without_delay():
    # The JavaScript SDK keeps one connection alive; uvicorn writes a response's head and body
    # apart. Without TCP_NODELAY the body waits for the client's delayed ACK: ~40 ms a request.
    # `make mock` and the test fixture both listen through the same `listening_socket`.
    with MockServer() as mock:
        address = urlsplit(mock.url)
        conn = http.client.HTTPConnection(address.hostname, address.port, timeout=10)
        try:
            conn.request("GET", "/__mock/health")
            assert conn.getresponse().read()
            # The connection is still open (keep-alive), so uvicorn still holds its transport.
            accepted = [c.transport.get_extra_info("socket") for c in mock._server.server_state.connections]
            assert len(accepted) == 1
            assert accepted[0].getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)
        finally:
            conn.close()


def test_no_route_waits_for_the_thread_pool():
    # FastAPI runs a plain `def` handler or dependency in its thread pool: a hop to a worker thread
    # and back on every request, which cost more than the mock's own checks.
    app = create_app()

    def calls(dependant):
        yield dependant.call
        for sub in dependant.dependencies:
            yield from calls(sub)

    def on_the_loop(call):  # what FastAPI awaits rather than hands to a thread
        return any(inspect.iscoroutinefunction(f) or inspect.isasyncgenfunction(f)
                   for f in (call, type(call).__call__))

    sync = sorted({f"{route.path}: {getattr(call, '__qualname__', call)}" for route in app.routes
                   if isinstance(route, APIRoute) for call in calls(route.dependant)
                   if call is not None and not on_the_loop(call)})
    assert sync == []
