"""Multipart bodies (form-data or mixed) split into their parts: how POST .../sms receives an MMS.

The standard library's MIME parser reads both flavours, binary parts included; the SDKs send the same
part headers for each (the Python SDK's mixed mode only renames the content type). It runs with the
compat32 policy, whose headers are plain strings: the newer policies parse every header into objects,
which took ten times as long (about 1 ms a body, and each MMS is parsed twice: for the route and the
recorder).
"""

from __future__ import annotations

from dataclasses import dataclass
from email.parser import BytesParser
from email.policy import Compat32

TYPES = ("multipart/form-data", "multipart/mixed")


class _Utf8Headers(Compat32):
    """compat32, with a header's raw bytes read as UTF-8: browsers, Node's FormData and the Python SDK
    send a filename such as `café.png` that way, where compat32 alone reads each byte as unknown."""

    def header_fetch_parse(self, name: str, value: str) -> str:
        return value.encode("ascii", "surrogateescape").decode("utf-8", "replace")


_POLICY = _Utf8Headers()


@dataclass(frozen=True)
class Part:
    name: str | None
    filename: str | None
    content_type: str | None  # None when the part has no Content-Type header
    content: bytes


def is_multipart(content_type: str) -> bool:
    return content_type.split(";")[0].strip().lower() in TYPES


def parse(raw: bytes, content_type: str) -> list[Part]:
    """The body's parts in order; none when it has no boundary or no parts."""
    header = b"Content-Type: " + content_type.encode("latin-1", errors="replace") + b"\r\n\r\n"
    message = BytesParser(policy=_POLICY).parsebytes(header + raw)
    if not message.is_multipart():
        return []
    return [
        Part(name=part.get_param("name", header="content-disposition"), filename=part.get_filename(),
             content_type=part.get_content_type() if part["content-type"] else None,
             content=part.get_payload(decode=True) or b"")
        for part in message.get_payload()
    ]
