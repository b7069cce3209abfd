"""The scenario's account: its id, the app allowed to log in, and its extensions with their numbers."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .. import errors
from ..errors import PlatformError


@dataclass
class PhoneNumber:
    id: int
    phone_number: str
    features: list[str]
    usage_type: str = "DirectNumber"
    type: str = "VoiceFax"
    payment_type: str = "Local"
    location: str = ""


@dataclass
class Extension:
    key: str
    id: int
    extension_number: str
    name: str
    jwt: str
    type: str = "User"
    status: str = "Enabled"
    numbers: list[PhoneNumber] = field(default_factory=list)

    def owns(self, phone_number: str) -> PhoneNumber | None:
        return next((n for n in self.numbers if n.phone_number == phone_number), None)

    @property
    def receives_sms(self) -> bool:
        # Disabled and frozen extensions never get a copy: the message stays in the sender's outbox.
        return self.status == "Enabled"


class Account:
    """One platform account, filled from a scenario by `reset()`."""

    def __init__(self) -> None:
        self.id = 0
        self.client_id = ""
        self.client_secret = ""
        self.extensions: list[Extension] = []

    def reset(self, scenario: dict[str, Any]) -> None:
        self.id = scenario["account"]["id"]
        self.client_id = scenario["app"]["client_id"]
        self.client_secret = scenario["app"]["client_secret"]
        self.extensions = [_extension(e) for e in scenario["extensions"]]

    def extension(self, key: str) -> Extension:
        return next(e for e in self.extensions if e.key == key)

    def check_client(self, client_id: str | None, client_secret: str | None) -> None:
        if (client_id, client_secret) != (self.client_id, self.client_secret):
            raise PlatformError.oauth(errors.INVALID_CLIENT, "invalid_client")

    def resolve(self, caller: Extension, account_id: str, extension_id: str) -> Extension:
        """The extension a path's `account/{id}/extension/{id}` names; `~` means the caller's own."""
        if account_id not in ("~", str(self.id)):
            raise PlatformError.of(errors.RESOURCE_NOT_FOUND, "accountId")
        if extension_id not in ("~", str(caller.id)):
            raise PlatformError.of(errors.RESOURCE_NOT_FOUND, "extensionId")
        return caller


def _extension(data: dict[str, Any]) -> Extension:
    numbers = [PhoneNumber(**n) for n in data.get("numbers", [])]
    return Extension(**{**data, "numbers": numbers})
