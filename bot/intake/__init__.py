"""Turning a tenant's report into a case and the deadlines the tenant is told.

Each function here opens the case first and only then returns the dates, so a tenant is never
given a reference or a promise for something that was not recorded. All the date arithmetic
for cases happens in this package, with the working-day calendar; the store only records the
results.

The package is split so that each part can be read on its own (about 460 lines were one module):

- `opening`: what every report shares: who reports, what they are told, the delivery's key
  and `open_case`, the one place a case is opened;
- `reports`: repairs, anti-social behaviour, callbacks and domestic abuse, with their clocks;
- `complaints`: complaints through their stages: logging, escalating, acknowledging,
  extending and answering.

The names below are the package's public face: the rest of the assistant imports from here.
"""

from bot.intake.complaints import (
    ExtensionRefused,
    acknowledge_complaint,
    escalate_complaint,
    extend_complaint,
    log_complaint,
    record_complaint_response,
)
from bot.intake.opening import Deadline, Desk, Receipt, Reporter, end_of, open_case
from bot.intake.reports import (
    asb_case_review_reached,
    log_asb_report,
    log_callback,
    log_danger_from_neighbours,
    log_domestic_abuse,
    log_repair,
    log_securing_after_abuse,
)

__all__ = [
    "Deadline",
    "Desk",
    "ExtensionRefused",
    "Receipt",
    "Reporter",
    "acknowledge_complaint",
    "asb_case_review_reached",
    "end_of",
    "escalate_complaint",
    "extend_complaint",
    "log_asb_report",
    "log_callback",
    "log_complaint",
    "log_danger_from_neighbours",
    "log_domestic_abuse",
    "log_repair",
    "log_securing_after_abuse",
    "open_case",
    "record_complaint_response",
]
