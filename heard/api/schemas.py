"""Request and response shapes. Every response body is built to match one of these."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from django.conf import settings
from django.contrib.auth.models import User
from ninja import Schema
from pydantic import ConfigDict, Field, StrictBool, StrictStr, field_validator

from heard.activities.models import Activity
from heard.core.model_parts import longest
from heard.core.suppression import suppress_below
from heard.core.vocab import PERSPECTIVES
from heard.people.two_factor import SECOND_FACTOR_CODE_MAX_LENGTH

SLUG_PATTERN = r"^[-a-zA-Z0-9_]+$"
SLUG_MAX_LENGTH = longest(Activity, "slug")
# Longer than any password a person would choose; a longer one is refused before it is hashed.
PASSWORD_MAX_LENGTH = 1_000
MAX_TEXT: int = settings.HEARD_MAX_TEXT_LENGTH
# The schema's descriptions name the deployment's small-number threshold (read once, when the
# API is built, like MAX_TEXT).
BELOW: int = suppress_below()

ContributionKind = Literal["story", "problem", "idea"]


class ErrorOut(Schema):
    detail: str


class FieldErrorOut(Schema):
    field: str
    message: str


class ValidationErrorOut(Schema):
    detail: str
    errors: list[FieldErrorOut]


class ActivityOut(Schema):
    slug: str
    title: str
    purpose: str
    kind: str
    status: str
    accepting: bool
    opens_at: datetime | None
    closes_at: datetime | None


class PublishedContributionOut(Schema):
    kind: str
    public_text: str
    perspectives: list[str] = Field(description=(
        "Who shared it, as they described themselves; a perspective held by fewer than "
        f"{BELOW} of this activity's published contributions is left out, so no small group can be "
        "counted item by item."))
    month: str | None = Field(description="Year and month it was shared, as YYYY-MM.")


class ContributionPageOut(Schema):
    items: list[PublishedContributionOut]
    limit: int
    offset: int
    next_offset: int | None


class ThemeOut(Schema):
    key: str
    label: str
    key_words: list[str]
    size: int | None = Field(
        description=f"Null when fewer than {BELOW}: small numbers are hidden.")
    size_text: str
    quotes: list[str]


class ThemesOut(Schema):
    scope: str
    run_finished_at: datetime | None
    themes: list[ThemeOut]


class ActionUpdateOut(Schema):
    status: str
    progress: int
    note: str
    at: datetime


class ActionOut(Schema):
    title: str
    owner: str
    status: str
    status_label: str
    progress: int
    due_date: date | None
    reason: str
    overdue: bool
    timeline: list[ActionUpdateOut]


class ResponseOut(Schema):
    activity: str
    subject: str
    theme_key: str
    title: str
    body: str
    published_at: datetime | None
    actions: list[ActionOut]


class ResponsePageOut(Schema):
    items: list[ResponseOut]
    limit: int
    offset: int
    next_offset: int | None


class ConsentsIn(Schema):
    model_config = ConfigDict(extra="forbid")

    analysis: StrictBool = False
    quote: StrictBool = False
    publish: StrictBool = False


Perspective = Annotated[StrictStr, Field(json_schema_extra={"enum": list(PERSPECTIVES)})]


class ContributionIn(Schema):
    model_config = ConfigDict(extra="forbid")

    activity: StrictStr = Field(max_length=SLUG_MAX_LENGTH, pattern=SLUG_PATTERN)
    kind: ContributionKind
    # The pattern asks for one character that is not a space, so blank text fails here.
    text: StrictStr = Field(min_length=1, max_length=MAX_TEXT, pattern=r"\S")
    perspectives: list[Perspective] = Field(default_factory=list, max_length=len(PERSPECTIVES))
    consents: ConsentsIn = Field(default_factory=ConsentsIn)

    @field_validator("perspectives")
    @classmethod
    def _known_perspectives(cls, value: list[str]) -> list[str]:
        unknown = sorted(set(value) - set(PERSPECTIVES))
        if unknown:
            raise ValueError("Choose who you are from the list: " + ", ".join(PERSPECTIVES))
        return value


class SupportLineOut(Schema):
    name: str
    number: str
    when: str


class SubmittedOut(Schema):
    receipt_code: str
    status: str
    help_now: bool
    support_lines: list[SupportLineOut]


class TokenIn(Schema):
    # Django's own username characters: anything else (a NUL byte, say) could never sign in, and
    # sign-in protection would try to store it.
    username: StrictStr = Field(min_length=1, max_length=longest(User, "username"),
                               pattern=r"^[\w.@+-]+$")
    password: StrictStr = Field(min_length=1, max_length=PASSWORD_MAX_LENGTH)
    code: StrictStr = Field(min_length=1, max_length=SECOND_FACTOR_CODE_MAX_LENGTH, description=(
        "The 6-digit code from the staff member's authenticator app, or one of their "
        "recovery codes: the same second factor as the web sign-in."))


class TokenOut(Schema):
    token: str
    token_type: Literal["Bearer"]
    expires_at: datetime


class QueueItemOut(Schema):
    id: int
    activity: str
    kind: str
    status: str
    safety_level: str
    submitted_at: datetime | None


class QueuePageOut(Schema):
    items: list[QueueItemOut]
    limit: int
    offset: int
    next_offset: int | None


class StaffContributionOut(Schema):
    id: int
    activity: str
    kind: str
    status: str
    safety_level: str
    channel: str
    title: str
    text: str
    public_text: str
    perspectives: list[str]
    consents: dict[str, bool]
    submitted_at: datetime | None
    moderated_at: datetime | None


class CountOut(Schema):
    key: str
    label: str
    value: int | None = Field(description=f"Null when suppressed (fewer than {BELOW}).")
    text: str
    suppressed: bool


class MetricsOut(Schema):
    suppress_below: int
    total: CountOut
    by_status: list[CountOut]
    by_kind: list[CountOut]
    by_perspective: list[CountOut]
    open_safeguarding_flags: int
