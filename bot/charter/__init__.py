"""The landlord's charter, read from data and checked before the assistant quotes any of it.

A tenant is told "we will attend within 4 hours"; that figure is a public promise and, later,
evidence. So the figures live in one data file (a landlord swaps the file, not the code),
each entry names the document it comes from, and a file that is incomplete, mistyped or
unsourced stops the assistant from starting rather than letting it quote something wrong.

What the charter says and how its file is read are separate concerns, kept in separate modules:

- `model`: the charter as the rest of the assistant sees it: the landlord's categories
  (RepairPriority, AsbRisk...) and its sourced promises, as frozen values;
- `loading`: which file is read (`load_charter`), and the strict YAML loader;
- `building`: the file's layout, one reader per section, and the checks across entries;
- `fields`: the generic readers the sections share (text, whole numbers, sources, promises).

The names below are the package's public face: the rest of the assistant imports from here.
"""

from bot.charter.loading import CHARTER_FILE_ENV, DEFAULT_CHARTER_FILE, load_charter
from bot.charter.model import (
    AsbCase,
    AsbRisk,
    AwaabsLaw,
    BankHolidayRegion,
    CaseReviewThreshold,
    Charter,
    CharterError,
    ComplaintExclusion,
    ComplaintHandlingCode,
    ComplaintStageClocks,
    Contact,
    EmergencyNumber,
    EmergencyNumbers,
    ExclusionReason,
    Grounds,
    HeatingRepair,
    OfficeHours,
    Promise,
    RepairPriority,
    SignificantHazard,
    Source,
    Statement,
    TimeLimit,
    Timescale,
    Unit,
)

__all__ = [
    "AsbCase",
    "AsbRisk",
    "AwaabsLaw",
    "BankHolidayRegion",
    "CHARTER_FILE_ENV",
    "CaseReviewThreshold",
    "Charter",
    "CharterError",
    "ComplaintExclusion",
    "ComplaintHandlingCode",
    "ComplaintStageClocks",
    "Contact",
    "DEFAULT_CHARTER_FILE",
    "EmergencyNumber",
    "EmergencyNumbers",
    "ExclusionReason",
    "Grounds",
    "HeatingRepair",
    "OfficeHours",
    "Promise",
    "RepairPriority",
    "SignificantHazard",
    "Source",
    "Statement",
    "TimeLimit",
    "Timescale",
    "Unit",
    "load_charter",
]
