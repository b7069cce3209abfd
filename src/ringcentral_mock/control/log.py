"""A bounded log, newest last: the recorded requests and the published events are ones."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from typing import Any


class Log:
    """Keeps the newest `maxlen` entries. `reset` empties it in place, so whoever holds it (a middleware,
    a subscription to the event bus) keeps appending to the live one."""

    def __init__(self, maxlen: int = 0) -> None:
        self._entries: deque[Any] = deque(maxlen=maxlen)

    def reset(self, maxlen: int) -> None:
        self._entries = deque(maxlen=maxlen)

    @property
    def maxlen(self) -> int | None:
        return self._entries.maxlen

    def append(self, entry: Any) -> None:
        self._entries.append(entry)

    def __iter__(self) -> Iterator[Any]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def __getitem__(self, index: int) -> Any:
        return self._entries[index]
