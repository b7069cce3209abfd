"""SMS templates: a user's (`.../extension/{extensionId}/message-store-templates`, its own `Personal` ones,
listed with the company's) and the company's (`.../account/{accountId}/message-store-templates`)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import Depends, Request, Response

from .. import errors
from ..errors import PlatformError
from ..platform.accounts import Extension
from . import models, views
from .deps import AccountMember, base_url, mock_state, owner

Scope = Literal["Company", "Personal"]


async def list_user_templates(request: Request, extension: Annotated[Extension, Depends(owner)],
                              scope: Scope | None = None) -> models.MessageTemplateList:
    """The user's own templates and the company's, or one scope only; oldest first."""
    return _list(request, scope, extension.id)


async def create_user_template(request: Request, body: models.MessageTemplateRequest,
                               extension: Annotated[Extension, Depends(owner)]) -> models.MessageTemplateResponse:
    return _create(request, body, "Personal", extension.id)


async def read_user_template(request: Request, templateId: str,
                             extension: Annotated[Extension, Depends(owner)]) -> models.MessageTemplateResponse:
    return _shown(request, mock_state(request).templates.read("Personal", extension.id, templateId))


async def update_user_template(request: Request, templateId: str, body: models.MessageTemplateRequest,
                               extension: Annotated[Extension, Depends(owner)]) -> models.MessageTemplateResponse:
    return _update(request, body, "Personal", extension.id, templateId)


async def delete_user_template(request: Request, templateId: str,
                               extension: Annotated[Extension, Depends(owner)]) -> Response:
    mock_state(request).templates.delete("Personal", extension.id, templateId)
    return Response(status_code=204)


async def list_company_templates(request: Request,
                                 caller: AccountMember) -> models.MessageTemplateList:
    return _list(request, "Company", 0)


async def create_company_template(request: Request, body: models.MessageTemplateRequest,
                                  caller: AccountMember) -> models.MessageTemplateResponse:
    return _create(request, body, "Company", 0)


async def read_company_template(request: Request, templateId: str,
                                caller: AccountMember) -> models.MessageTemplateResponse:
    return _shown(request, mock_state(request).templates.read("Company", 0, templateId))


async def update_company_template(request: Request, templateId: str, body: models.MessageTemplateRequest,
                                  caller: AccountMember) -> models.MessageTemplateResponse:
    return _update(request, body, "Company", 0, templateId)


async def delete_company_template(request: Request, templateId: str,
                                  caller: AccountMember) -> Response:
    mock_state(request).templates.delete("Company", 0, templateId)
    return Response(status_code=204)


def _list(request: Request, scope: str | None, owner_id: int) -> models.MessageTemplateList:
    found = mock_state(request).templates.list(scope, owner_id)
    return models.MessageTemplateList(records=[_shown(request, t) for t in found])


def _create(request: Request, body: models.MessageTemplateRequest, scope: str,
            owner_id: int) -> models.MessageTemplateResponse:
    _check_scope(body, scope)
    return _shown(request, mock_state(request).templates.create(scope, owner_id, body.displayName, body.body.text))


def _update(request: Request, body: models.MessageTemplateRequest, scope: str, owner_id: int,
            template_id: str) -> models.MessageTemplateResponse:
    _check_scope(body, scope)
    template = mock_state(request).templates.update(scope, owner_id, template_id, body.displayName, body.body.text)
    return _shown(request, template)


def _check_scope(body: models.MessageTemplateRequest, scope: str) -> None:
    """A user's templates are Personal, the company's Company (the mock's choice: the platform's docs do
    not say what a user's POST with `scope: Company` does)."""
    if body.scope not in (None, scope):
        raise PlatformError.of(errors.INVALID_PARAMETER, "scope")


def _shown(request: Request, template: object) -> models.MessageTemplateResponse:
    return views.template_info(base_url(request), mock_state(request), template)  # type: ignore[arg-type]
