"""Cases: every report a tenant makes becomes a case with a reference and its due dates.

The landlord's own complaint report (seed 004) found complaints that were never logged when
first received; writing the case before the tenant is given a reference makes that impossible.
SQLite is the embedded default so a pilot needs no database server; `DATABASE_URL` points the
same code at PostgreSQL. Dates are worked out in `bot.intake` with the working-day calendar;
cases only record them, so there is one place that does the arithmetic.

- `values`: what a case is, as the rest of the assistant sees it;
- `text`: text any database can store, references and postcodes however they were typed;
- `records`: the tables, and rows turned into values;
- `schema`: which database, and the schema's migrations;
- `store`: the store itself.

The names below are the package's public face: the rest of the assistant imports from here.
"""

from bot.cases.records import Base, CaseEventRecord, CaseRecord, ComplaintStageRecord, from_stored, stored_utc
from bot.cases.schema import MIGRATIONS, default_database_url, migrate
from bot.cases.store import CaseStore
from bot.cases.text import (
    POSTCODE,
    REFERENCE_ALPHABET,
    REFERENCE_LENGTH,
    REQUEST_KEY_CHARS,
    new_reference,
    normalise_postcode,
    postcodes_in,
    references_in,
    storable,
)
from bot.cases.values import (
    ATTACH_TO_CASES_OPENED_WITHIN,
    Attachment,
    CaseDeadline,
    CaseEvent,
    CaseKind,
    CaseStatus,
    CaseSummary,
    ChannelIdentity,
    ComplaintStage,
    FoundCase,
    KeptPhoto,
    NewCase,
    NewComplaintStage,
    PhotoOfCase,
    complaint_stage_category,
)

__all__ = [
    "ATTACH_TO_CASES_OPENED_WITHIN",
    "Attachment",
    "Base",
    "CaseDeadline",
    "CaseEvent",
    "CaseEventRecord",
    "CaseKind",
    "CaseRecord",
    "CaseStatus",
    "CaseStore",
    "CaseSummary",
    "ChannelIdentity",
    "ComplaintStage",
    "ComplaintStageRecord",
    "FoundCase",
    "KeptPhoto",
    "MIGRATIONS",
    "NewCase",
    "NewComplaintStage",
    "PhotoOfCase",
    "POSTCODE",
    "REFERENCE_ALPHABET",
    "REFERENCE_LENGTH",
    "REQUEST_KEY_CHARS",
    "complaint_stage_category",
    "default_database_url",
    "from_stored",
    "migrate",
    "new_reference",
    "normalise_postcode",
    "postcodes_in",
    "references_in",
    "storable",
    "stored_utc",
]
