"""A loopback URL where nothing answers: what a sample meets when the platform cannot be reached."""

from __future__ import annotations

import functools
import socket


@functools.cache
def refusing_server_url() -> str:
    """The port stays bound for the life of the process, so nothing else takes it, but never listens:
    a connection to it is refused."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    _bound.append(sock)
    return f"http://127.0.0.1:{sock.getsockname()[1]}"


_bound: list[socket.socket] = []  # keeps the socket open (and its port taken)
