"""A stateful mock of the RingCentral platform's SMS API: a command (`ringcentral-mock`), a pytest plugin
(`ringcentral_mock.pytest_plugin`) and the app itself."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .app import create_app
    from .state import MockState

__all__ = ["MockState", "create_app"]


def __getattr__(name: str) -> Any:
    # Imported on first use: pytest imports this package for its plugin in every run where it is installed,
    # and a run that never asks for the mock must not pay for FastAPI.
    if name == "MockState":
        from .state import MockState
        return MockState
    if name == "create_app":
        from .app import create_app
        return create_app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
