"""SMS templates: each user's own (`Personal`, at most 25) and the account's (`Company`, at most 50).

A template has a name (`displayName`), unique among the templates of its scope and owner, and a text of
at most 1,000 UTF-16 units, as a message's. Ids are strings, as the platform's are.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

from .. import errors
from ..errors import PlatformError
from .messages import MAX_TEXT_UTF16_UNITS, utf16_units

LIMITS = {"Personal": 25, "Company": 50}
FIRST_TEMPLATE_ID = 80000001


@dataclass
class Template:
    id: str
    scope: str  # "Personal" or "Company"
    owner_id: int  # the extension's id for a Personal template, 0 for a Company one
    display_name: str
    text: str


class Templates:
    """Every template of the account, by id."""

    def __init__(self) -> None:
        self._templates: dict[str, Template] = {}
        self._ids = itertools.count(FIRST_TEMPLATE_ID)

    def reset(self, stored: list[dict[str, Any]] = (), owner_ids: dict[str, int] | None = None) -> None:
        """Empty, ids counting from the start again, and the scenario's `templates` put back (`owner_ids`:
        each extension's id by its key)."""
        self._templates.clear()
        self._ids = itertools.count(FIRST_TEMPLATE_ID)
        for template in stored:
            owner = template.get("owner")
            self.create("Company" if owner is None else "Personal", 0 if owner is None else (owner_ids or {})[owner],
                        template["display_name"], template["text"])

    def list(self, scope: str | None, owner_id: int) -> list[Template]:
        """A user's list: its own templates and the company's (one scope only, if given); the company's list
        is `list("Company", 0)`. Oldest first."""
        return [t for t in self._templates.values()
                if scope in (None, t.scope) and t.owner_id in (owner_id, 0)]

    def create(self, scope: str, owner_id: int, display_name: str, text: str) -> Template:
        owned = [t for t in self._templates.values() if (t.scope, t.owner_id) == (scope, owner_id)]
        if len(owned) >= LIMITS[scope]:
            raise PlatformError.of(errors.TEMPLATE_LIMIT, "displayName", limit=LIMITS[scope], scope=scope)
        self._check(owned, display_name, text)
        template = Template(str(next(self._ids)), scope, owner_id, display_name, text)
        self._templates[template.id] = template
        return template

    def read(self, scope: str, owner_id: int, template_id: str) -> Template:
        """One template of the caller's list (a user reads the company's too, but changes only its own)."""
        found = self._templates.get(template_id)
        if found is None or found.owner_id not in (owner_id, 0) or (scope == "Company" and found.owner_id != 0):
            raise PlatformError.of(errors.RESOURCE_NOT_FOUND, "templateId")
        return found

    def update(self, scope: str, owner_id: int, template_id: str, display_name: str, text: str) -> Template:
        template = self._own(scope, owner_id, template_id)
        others = [t for t in self._templates.values()
                  if (t.scope, t.owner_id) == (scope, owner_id) and t.id != template_id]
        self._check(others, display_name, text)
        template.display_name, template.text = display_name, text
        return template

    def delete(self, scope: str, owner_id: int, template_id: str) -> None:
        del self._templates[self._own(scope, owner_id, template_id).id]

    def _own(self, scope: str, owner_id: int, template_id: str) -> Template:
        found = self._templates.get(template_id)
        if found is None or (found.scope, found.owner_id) != (scope, owner_id):
            raise PlatformError.of(errors.RESOURCE_NOT_FOUND, "templateId")
        return found

    @staticmethod
    def _check(others: list[Template], display_name: str, text: str) -> None:
        if utf16_units(text) > MAX_TEXT_UTF16_UNITS:
            raise PlatformError.of(errors.TEMPLATE_TOO_LONG, "body.text")
        if any(t.display_name == display_name for t in others):
            raise PlatformError.of(errors.TEMPLATE_NAME_TAKEN, "displayName", name=display_name)
