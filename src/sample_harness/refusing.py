"""Loopback addresses the harness holds for the life of the process: a URL where nothing answers (what
a sample meets when the platform cannot be reached), and a port another program listens on (what a
server sample meets when its port is taken)."""

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


@functools.cache
def busy_port() -> int:
    """A port that listens (and never accepts) for the life of the process: binding it again fails."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen()
    _bound.append(sock)
    return sock.getsockname()[1]


_bound: list[socket.socket] = []  # keeps the sockets open (and their ports taken)
