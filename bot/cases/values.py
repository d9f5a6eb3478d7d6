"""What a case is, as the rest of the assistant sees it: plain values, detached from any database."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Mapping, Optional, Sequence


class CaseKind(enum.Enum):
    """What a case is about; the value is stored on the case."""

    REPAIR = "REP"
    ANTI_SOCIAL_BEHAVIOUR = "ASB"
    COMPLAINT = "CMP"
    CALLBACK = "ENQ"
    DOMESTIC_ABUSE = "DAB"

    @property
    def reference_prefix(self) -> str:
        """A domestic abuse case's reference looks like any enquiry's: a tenant may be read
        over the shoulder by the person they are reporting."""
        return CaseKind.CALLBACK.value if self is CaseKind.DOMESTIC_ABUSE else self.value


class CaseStatus(enum.Enum):
    OPEN = "open"
    # A person must decide, for example whether an old complaint can be accepted.
    AWAITING_DECISION = "awaiting_decision"
    COMPLETED = "completed"


@dataclass(frozen=True)
class Attachment:
    url: str
    content_type: str
    received_at: datetime
    # The key of the photo's bytes when the case database keeps them (a web chat photo, whose
    # `url` is the console's address for it); None for one a provider hosts at `url`.
    kept_key: Optional[str] = None


@dataclass(frozen=True)
class KeptPhoto:
    """A photo whose bytes the case database keeps, because no provider hosts it (the web
    chat's): under a random `key`, opened by staff at `url`, of the type its bytes proved."""

    key: str
    url: str
    content_type: str
    data: bytes


@dataclass(frozen=True)
class PhotoOfCase:
    """A kept photo's bytes, and the case it went with (who may see it depends on the case)."""

    data: bytes
    content_type: str
    reference: str
    kind: CaseKind


# A photo sent this long after a case was opened starts waiting for the next case instead.
ATTACH_TO_CASES_OPENED_WITHIN = timedelta(days=1)


@dataclass(frozen=True)
class ChannelIdentity:
    """Where a message came from: "rest" and a web session id, "twilio" and a phone number..."""

    channel: str
    address: str


@dataclass(frozen=True)
class NewComplaintStage:
    stage: int
    acknowledgement_due_at: datetime
    response_due_at: datetime
    # Whether `first_due_at` is a promise in days, which runs to the end of its day: the case
    # records it with the date, so its status quotes a day, not 23:59.
    first_due_whole_day: bool
    contact_due_at: Optional[datetime] = None

    @property
    def first_due_at(self) -> datetime:
        """The stage's first date, the case's next one while the stage is open: the contact
        when the stage has one, else the acknowledgement."""
        return self.contact_due_at or self.acknowledgement_due_at


@dataclass(frozen=True)
class NewCase:
    """What the bot knows when it opens a case; `category` is the priority, risk or stage."""

    kind: CaseKind
    category: str
    description: str
    conversation_id: str
    opened_at: datetime
    first_due_at: datetime
    # A promise in days runs to the end of its day (`first_due_at` is then 23:59:59 local
    # time) and is quoted as that day; one in hours is quoted to the minute.
    first_due_whole_day: bool
    vulnerable_household: Optional[bool] = None
    # What the assistant knew when it opened the case (intent, confidence, rules, deadlines):
    # the first entry of the case's event log.
    opened_because: Mapping[str, Any] = field(default_factory=dict)
    identity: Optional[ChannelIdentity] = None
    location: Optional[str] = None
    access: Optional[str] = None
    contact_phone: Optional[str] = None
    postcode: Optional[str] = None
    hate_incident: Optional[bool] = None
    request_key: Optional[str] = None
    status: CaseStatus = CaseStatus.OPEN
    deadlines: Sequence[CaseDeadline] = ()
    complaint_stage: Optional[NewComplaintStage] = None


@dataclass(frozen=True)
class CaseEvent:
    at: datetime
    kind: str
    actor: str
    detail: Mapping[str, Any]


@dataclass(frozen=True)
class CaseDeadline:
    """A date promised on a case, and the charter entry it comes from: given when the case is
    opened, and read back from the store."""

    name: str
    promise: str
    source: str
    due_at: datetime
    # A promise in days runs to the end of the day; `due_at` is then 23:59:59 local time.
    whole_day: bool


@dataclass(frozen=True)
class ComplaintStage:
    stage: int
    opened_at: datetime
    contact_due_at: Optional[datetime]
    acknowledgement_due_at: datetime
    acknowledged_at: Optional[datetime]
    response_due_at: datetime
    extended_to: Optional[datetime]
    extension_reason: Optional[str]
    responded_at: Optional[datetime]

    @property
    def answer_due_at(self) -> datetime:
        """The response date that counts: the extended one if the tenant was told of one."""
        return self.extended_to or self.response_due_at


@dataclass(frozen=True)
class CaseSummary:
    """A case as the rest of the assistant sees it, detached from any database session."""

    reference: str
    kind: CaseKind
    category: str
    description: str
    conversation_id: str
    status: str
    opened_at: datetime
    first_due_at: datetime
    # Whether the next date is a whole day (a promise in days), so it is quoted as a day.
    first_due_whole_day: bool
    vulnerable_household: Optional[bool]
    tenant_id: Optional[int] = None
    channel: Optional[str] = None
    location: Optional[str] = None
    access: Optional[str] = None
    contact_phone: Optional[str] = None
    postcode: Optional[str] = None
    hate_incident: Optional[bool] = None
    completed_at: Optional[datetime] = None


@dataclass(frozen=True)
class FoundCase:
    """A case found for someone asking about it: `by_owner` when they opened it (the same
    conversation or channel identity), False when they only gave its postcode."""

    case: "CaseSummary"
    by_owner: bool


def complaint_stage_category(stage: int) -> str:
    """A complaint case's category names its current stage."""
    return {1: "stage_one", 2: "stage_two"}[stage]
