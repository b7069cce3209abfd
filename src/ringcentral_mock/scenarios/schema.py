"""The scenario format: every key the mock reads, its type and what values it takes.

A scenario (built in, or a user's own file, with what it `extends` merged in) is checked against it
on load. Every table forbids keys it does not know, so a typo is an error rather than a setting that
silently does nothing; `describe` turns the first problem into one line naming the file, the key (a
dotted path, list items by index) and what is allowed.
"""

from __future__ import annotations

import re
import types
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, TypeAdapter, ValidationError, model_validator

from ..control.faults import FaultSpec
from ..platform import lifecycle
from ..routes import models

E164_PATTERN = re.compile(r"^\+[1-9]\d{6,14}$")
TOP = "the top level"


def _e164(value: str) -> str:
    if not E164_PATTERN.match(value):
        raise ValueError(f"{value!r} is not a phone number in E.164 format, such as +16505550100")
    return value


E164 = Annotated[str, AfterValidator(_e164)]
Status = Literal[tuple(lifecycle.PATHS)]  # where a sent message ends: Delivered, DeliveryFailed, SendingFailed
# What the platform's records may show, as the mock's response models have it.
UsageType = models.PhoneNumberRecord.model_fields["usageType"].annotation
NumberType = models.PhoneNumberRecord.model_fields["type"].annotation
PaymentType = models.PhoneNumberRecord.model_fields["paymentType"].annotation
ExtensionStatus = models.ExtensionInfo.model_fields["status"].annotation


class Table(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class App(Table):
    client_id: str = Field(description="the app's client ID, RC_APP_CLIENT_ID")
    client_secret: str = Field(description="the app's client secret, RC_APP_CLIENT_SECRET")


class Account(Table):
    id: int = Field(gt=0, description="the account's id, in every URI the mock answers")


class Tokens(Table):
    access_ttl: int = Field(gt=0, description="seconds an access token lives (a client may ask for less)")
    refresh_ttl: int = Field(gt=0, description="seconds a refresh token lives")


class WebSocket(Table):
    token_ttl: int = Field(gt=0, description="seconds a WebSocket token (POST /restapi/oauth/wstoken) is good for")
    recovery_timeout: int = Field(ge=0, description="seconds a dropped connection's subscription is kept")
    recovery_buffer: int = Field(ge=0, description="notifications kept for a dropped connection meanwhile")


class Webhooks(Table):
    validation_timeout: float | None = Field(None, gt=0, description="seconds a receiver has to answer validation")
    delivery_timeout: float | None = Field(None, gt=0, description="seconds a notification attempt may take")
    retry_delays: list[Annotated[float, Field(ge=0)]] | None = Field(
        None, description="seconds before each retry of a failed notification; then the subscription is blacklisted")
    max_recorded_deliveries: int | None = Field(None, ge=1, description="attempts GET /__mock/deliveries keeps")


class RateLimits(Table):
    window: float = Field(gt=0, description="seconds of the sliding window")
    penalty: float = Field(ge=0, description="seconds a group stays blocked once over its limit")
    light: int = Field(ge=0, description="requests a window in the Light group (reads)")
    medium: int = Field(ge=0, description="requests a window in the Medium group (sending SMS)")
    heavy: int = Field(ge=0, description="requests a window in the Heavy group")
    auth: int = Field(ge=0, description="requests a window in the Auth group (the token endpoint, per app)")


class Limits(Table):
    max_stored_messages: int = Field(ge=1, description="messages kept, oldest dropped first")
    max_recorded_requests: int = Field(ge=1, description="requests GET /__mock/requests keeps")
    max_recorded_events: int = Field(ge=1, description="events GET /__mock/events keeps")
    max_live_tokens: int = Field(ge=1, description="access tokens kept; the oldest is forgotten")
    max_body_bytes: int = Field(ge=1, description="the largest request body read (413 beyond)")


class Outcome(Table):
    """Where a message ends, as the platform reports it: a failure carries its deliveryErrorCode."""

    status: Status = Field("Delivered", description="Delivered, DeliveryFailed or SendingFailed")
    code: str | None = Field(None, description="a failure's deliveryErrorCode, such as SMS-CAR-412")

    @model_validator(mode="after")
    def _the_platforms(self) -> Outcome:
        lifecycle.Outcome.of(self.model_dump(exclude_none=True), "code")  # ValueError for a code it does not have
        return self


class Messages(Outcome):
    queued_reads: int = Field(0, ge=0, description="reads of a sent message that still see Queued")
    step_seconds: float = Field(0, ge=0, description="seconds of the mock's clock between its later statuses")
    recipients: dict[E164, Outcome] = Field({}, description="recipients whose messages end otherwise")


class HighVolume(Table):
    step_seconds: float = Field(0, ge=0, description="seconds of the mock's clock between a batch's messages being "
                                "handed on, and from each being sent to its end (0: a batch is Completed at once)")
    recipients: list[str] = Field([], description="A2P_RECIPIENTS, the numbers the batch samples text (an invalid "
                                  "one may be among them, to be rejected)")


class Number(Table):
    id: int = Field(gt=0)
    phone_number: E164
    features: list[models.NumberFeature] = Field(description="SmsSender to send SMS, MmsSender for MMS too")
    usage_type: UsageType = "DirectNumber"
    type: NumberType = "VoiceFax"
    payment_type: PaymentType = "Local"
    location: str = ""


class Extension(Table):
    key: str = Field(description="the name `login` and `stored_messages` use for it")
    id: int = Field(gt=0)
    extension_number: str
    name: str
    jwt: str = Field(description="the JWT that logs in as it, RC_USER_JWT")
    type: models.ExtensionType = "User"
    status: ExtensionStatus = "Enabled"
    numbers: list[Number] = []


class StoredMessage(Outcome):
    owner: str = Field(description="the key of the extension whose store holds it")
    direction: models.MessageDirection
    minutes_ago: float = Field(ge=0, description="how long before each reset it was sent or received")
    from_: E164 = Field(alias="from")
    to: list[E164] = Field(min_length=1)
    text: str


class StoredTemplate(Table):
    owner: str | None = Field(None, description="the key of the extension whose Personal template it is; "
                                                 "left out: the company's")
    display_name: str = Field(min_length=1, description="its name, unique among its owner's templates")
    text: str = Field(description="its text, at most 1000 UTF-16 units")


class ScheduledInbound(Table):
    after_seconds: float = Field(ge=0, description="seconds of the mock's clock after each reset it arrives")
    from_: E164 = Field(alias="from")
    to: E164 | None = Field(None, description="default: the login user's first SMS number")
    text: str


class Scenario(Table):
    description: str = ""
    login: str = Field(description="the key of the extension RC_USER_JWT logs in as")
    recipient: E164 = Field(description="SMS_RECIPIENT, the number the samples text")
    app: App
    account: Account
    tokens: Tokens
    websocket: WebSocket
    webhooks: Webhooks | None = None
    rate_limits: RateLimits
    limits: Limits
    messages: Messages
    high_volume: HighVolume | None = None
    extensions: list[Extension] = Field(min_length=1)
    stored_messages: list[StoredMessage] = []
    templates: list[StoredTemplate] = []
    inbound: list[ScheduledInbound] = []
    faults: list[FaultSpec] = []


_SCENARIO = TypeAdapter(Scenario)


class InvalidScenarioError(ValueError):
    """The first problem of a scenario: where (the key's path in the data) and what is wrong, as one line."""


def check(data: dict[str, Any], origin: str) -> dict[str, Any]:
    """The scenario's data as the mock reads it (defaults filled in); InvalidScenarioError, one line naming `origin`,
    the key and what is allowed, at its first problem."""
    try:
        scenario = _SCENARIO.validate_python(data, strict=True)
    except ValidationError as invalid:
        errors = invalid.errors()
        # An unknown key first: a typo ('featurs') is also why the key it meant is missing.
        first = next((e for e in errors if e["type"] == "extra_forbidden"), errors[0])
        raise InvalidScenarioError(describe(origin, first)) from None
    if problem := _cross_reference(scenario):
        raise InvalidScenarioError(f"{origin}: {_key(problem[0][:-1], problem[0][-1])}: {problem[1]}")
    return scenario.model_dump(mode="python", by_alias=True, exclude_none=True)


def _cross_reference(scenario: Scenario) -> tuple[tuple[Any, ...], str] | None:
    """What the types cannot say: every name a key refers to exists, and nothing is claimed twice."""
    keys = [e.key for e in scenario.extensions]
    for kind in ("key", "id", "jwt"):
        seen: dict[Any, int] = {}
        for index, extension in enumerate(scenario.extensions):
            value = getattr(extension, kind)
            if value in seen:
                return ("extensions", index, kind), f"{value!r} is already the {kind} of extensions.{seen[value]}"
            seen[value] = index
    owners: dict[str, str] = {}
    for index, extension in enumerate(scenario.extensions):
        for number_index, number in enumerate(extension.numbers):
            if number.phone_number in owners:
                return (("extensions", index, "numbers", number_index, "phone_number"),
                        f"{number.phone_number} already belongs to {owners[number.phone_number]!r}")
            owners[number.phone_number] = extension.key
    known = f"the scenario's extensions are {', '.join(keys)}"
    if scenario.login not in keys:
        return ("login",), f"{scenario.login!r} is the key of no extension; {known}"
    for index, stored in enumerate(scenario.stored_messages):
        if stored.owner not in keys:
            return ("stored_messages", index, "owner"), f"{stored.owner!r} is the key of no extension; {known}"
    for index, template in enumerate(scenario.templates):
        if template.owner is not None and template.owner not in keys:
            return ("templates", index, "owner"), f"{template.owner!r} is the key of no extension; {known}"
    for index, inbound in enumerate(scenario.inbound):
        if inbound.to is not None and inbound.to not in owners:
            return ("inbound", index, "to"), f"{inbound.to} is the number of no extension of the scenario"
    return None


def describe(origin: str, error: dict[str, Any]) -> str:
    """One line for a pydantic error: the file, the table and the key, what is wrong and what is allowed."""
    path, model = _walk(Scenario, error["loc"])
    path = [part for part in path if part != "[key]"]  # pydantic's mark for a table's key (a phone number)
    if error["type"] in ("union_tag_invalid", "union_tag_not_found"):  # a fault's `kind`
        return f"{origin}: {_table(path)} kind: {_message(error)}"
    if model is not None and error["type"] == "value_error":  # a rule of the table's own, naming its key
        return f"{origin}: {_table(path)} {_message(error)}"
    if not path:
        return f"{origin}: {_message(error)}"
    # The key is the last name in the path, with the list items after it: [webhooks] retry_delays.0
    last = max(i for i, part in enumerate(path) if isinstance(part, str) or i == 0)
    table, key = path[:last], ".".join(map(str, path[last:]))
    parent = _walk(Scenario, error["loc"][:-1])[1]
    if error["type"] == "extra_forbidden":
        return f"{origin}: {_table(table)} has an unknown key {key!r}; allowed: {', '.join(_keys(parent))}"
    if error["type"] == "missing":
        return f"{origin}: {_table(table)} needs the key {key!r}" + (f" ({_kind(parent, key)})" if parent else "")
    if model is not None:  # a value where a table belongs
        return f"{origin}: {_key(table, key)}: should be a table, not {error['input']!r}"
    return f"{origin}: {_key(table, key)}: {_message(error)}"


def _table(path: list[Any] | tuple[Any, ...]) -> str:
    return f"[{'.'.join(map(str, path))}]" if path else TOP


def _key(table: list[Any] | tuple[Any, ...], key: str) -> str:
    """A key as its file has it: after its table's name, or alone at the top level."""
    return f"[{'.'.join(map(str, table))}] {key}" if table else key


def _message(error: dict[str, Any]) -> str:
    message = error["msg"].removeprefix("Value error, ")
    shown = error.get("input")
    if error["type"] != "value_error" and isinstance(shown, str | int | float | bool):
        message += f" (got {shown!r})"
    return message


def _walk(root: Any, loc: tuple[Any, ...]) -> tuple[list[Any], type[BaseModel] | None]:
    """The shown path (a fault's `kind` tag left out) to `loc`, and the model of the table it ends in."""
    shown: list[Any] = []
    current: Any = root
    for part in loc:
        current = _unwrap(current)
        members = _models_of(current)
        if len(members) > 1:  # a tagged union (the faults): the tag picks the member, and is no key
            current = next((m for m in members if part in get_args(m.model_fields["kind"].annotation)), None)
            if current is not None:
                continue
        shown.append(part)
        if isinstance(current, type) and issubclass(current, BaseModel):
            field = next((f for name, f in current.model_fields.items() if (f.alias or name) == part), None)
            current = field.annotation if field else None
        elif get_origin(current) is list and isinstance(part, int):
            current = get_args(current)[0]
        elif get_origin(current) is dict:
            current = get_args(current)[1]
        else:
            current = None
    current = _unwrap(current)
    return shown, current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _unwrap(annotation: Any) -> Any:
    """Without Annotated's metadata and an Optional's None."""
    while get_origin(annotation) is Annotated:
        annotation = get_args(annotation)[0]
    if get_origin(annotation) in (Union, types.UnionType):
        rest = [a for a in get_args(annotation) if a is not type(None)]
        if len(rest) == 1:
            return _unwrap(rest[0])
    return annotation


def _models_of(annotation: Any) -> list[type[BaseModel]]:
    if get_origin(annotation) in (Union, types.UnionType):
        return [a for a in get_args(annotation) if isinstance(a, type) and issubclass(a, BaseModel)]
    return []


def _keys(model: type[BaseModel] | None) -> list[str]:
    return sorted(f.alias or name for name, f in model.model_fields.items()) if model else []


def _kind(model: type[BaseModel], key: str) -> str:
    """What a key takes, in words."""
    field = next((f for name, f in model.model_fields.items() if (f.alias or name) == key), None)
    return describe_type(field.annotation) if field else "see the scenario format"


def describe_type(annotation: Any) -> str:
    """A type as the scenario format's page names it: a string, an integer, one of ..., a list of ..."""
    annotation = _unwrap(annotation)
    if get_origin(annotation) is Literal:
        return "one of " + ", ".join(map(str, get_args(annotation)))
    if get_origin(annotation) is list:
        return f"a list of {_plural(describe_type(get_args(annotation)[0]))}"
    if get_origin(annotation) is dict:
        return f"a table of {_plural(describe_type(get_args(annotation)[1]))} by phone number"
    if _models_of(annotation):
        return "a table with its `kind`"
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return "a table"
    return {str: "a string", int: "an integer", float: "a number", bool: "true or false"}.get(annotation, "a value")


def _plural(kind: str) -> str:
    if kind.startswith("one of "):
        return "values, each " + kind
    return kind.removeprefix("a ").removeprefix("an ") + "s"
