"""A stateful mock of the RingCentral platform's SMS API, for running the guide's samples offline."""

from .app import create_app
from .state import MockState

__all__ = ["MockState", "create_app"]
