"""Test control, never part of the platform's surface: the `/__mock/*` admin routes, the recorder of
platform requests, fault injection, and the logs they keep.

Nothing under `ADMIN_PREFIX` is recorded or faulted: a test's own calls to the mock stay out of what
it checks.
"""

ADMIN_PREFIX = "/__mock/"
WEBSOCKET = "WS"  # the method a WebSocket handshake is recorded as, and faults select it by
