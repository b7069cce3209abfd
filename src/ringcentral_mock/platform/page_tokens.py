"""Paging by token, as the High Volume SMS lists page: an opaque token names where a page starts.

A token is bound to the list's filters: one from another query (or made up) is refused with
400 CMN-101 naming `pageToken`, rather than silently starting a different list. Tokens follow from
the offset and the filters alone, so the same query gives the same tokens in every run.
"""

from __future__ import annotations

import base64
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from .. import errors
from ..errors import PlatformError

T = TypeVar("T")


@dataclass
class TokenPage:
    items: Sequence
    per_page: int
    page_token: str | None  # omitted, as the platform does, when the page is empty
    next_page_token: str | None
    previous_page_token: str | None
    first_page_token: str


def token_page(items: Sequence[T], page_token: str | None, per_page: int, filters: str) -> TokenPage:
    """The page of `items` that `page_token` (None: the first) starts, `per_page` long."""
    start = 0 if page_token is None else _offset(page_token, filters)
    shown = items[start:start + per_page]
    return TokenPage(
        items=shown,
        per_page=per_page,
        page_token=_token(start, filters) if shown else None,
        next_page_token=_token(start + per_page, filters) if start + per_page < len(items) else None,
        previous_page_token=_token(max(0, start - per_page), filters) if start > 0 else None,
        first_page_token=_token(0, filters),
    )


def _token(offset: int, filters: str) -> str:
    raw = f"{offset}:{zlib.crc32(filters.encode()):08x}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _offset(token: str, filters: str) -> int:
    try:
        offset, _, check = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode().partition(":")
        if offset.isdigit() and check == f"{zlib.crc32(filters.encode()):08x}":
            return int(offset)
    except (ValueError, UnicodeDecodeError):
        pass
    raise PlatformError.of(errors.INVALID_PARAMETER, "pageToken")
