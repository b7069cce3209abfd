"""A dict that forgets its oldest entries: the token and message stores are ones, so a long `make mock`
session stays bounded (a forgotten token is refused like a revoked one, as past the platform's session
quota)."""

from __future__ import annotations

from collections import OrderedDict
from typing import Any


class CappedDict(OrderedDict):
    """A dict that forgets its oldest entries beyond `cap` items."""

    def __init__(self, cap: int = 0) -> None:
        super().__init__()
        self.cap = cap

    def __setitem__(self, key: Any, value: Any) -> None:
        super().__setitem__(key, value)
        while len(self) > self.cap:
            self.popitem(last=False)

    def reset(self, cap: int) -> None:
        """Empty, keeping at most `cap` entries from now on."""
        self.clear()
        self.cap = cap
