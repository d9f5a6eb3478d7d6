"""What the charter says, as the rest of the assistant sees it: the landlord's categories and
its sourced promises, as frozen values.

Nothing here reads a file. Code that quotes the charter, counts its clocks or checks a case
against it needs only these values, and a test can build a Charter without any YAML; how
charter.yml becomes a Charter is `bot.charter.loading`'s business.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from enum import Enum
from pathlib import Path
from typing import Iterator, Mapping, Optional, Protocol, Tuple
from zoneinfo import ZoneInfo


class CharterError(ValueError):
    """The charter cannot be trusted; the message names the file and the entry at fault."""


# --------------------------------------------------------------------------------------
# Vocabulary: the landlord's own words for its categories.


class Unit(Enum):
    """How a timescale is counted; the charter's wording decides, never a guess."""

    HOURS = "hours"
    DAYS = "days"
    WORKING_DAYS = "working_days"


class RepairPriority(Enum):
    """The repair categories the landlord publishes a timescale for."""

    EMERGENCY = "emergency"
    URGENT = "urgent"
    ROUTINE = "routine"
    EXTERNAL = "external"
    MAJOR = "major"
    DAMP_MOULD = "damp_mould"


class HeatingRepair(Enum):
    """Heating repairs that could not be finished on the first (urgent) visit."""

    COMBI_BOILER = "combi_boiler"
    SOLID_FUEL_OIL_OR_SOLAR = "solid_fuel_oil_or_solar"
    NON_URGENT_HEATING = "non_urgent_heating"


class AsbRisk(Enum):
    """ASB risk levels; high risk gets a faster response and an action plan."""

    HIGH = "high_risk"
    LOW = "low_risk"


class ExclusionReason(Enum):
    """Reasons a formal complaint may be refused; each must be explained to the tenant."""

    # Older than complaints.time_limit, whatever its length; the name is the charter file's key.
    OLDER_THAN_12_MONTHS = "older_than_12_months"
    NEIGHBOUR_DISPUTE = "neighbour_dispute"
    CRIMINAL_ALLEGATION = "criminal_allegation"
    ALREADY_ANSWERED = "already_answered"
    LEGAL_PROCEEDINGS = "legal_proceedings"


class BankHolidayRegion(Enum):
    """Whose bank holidays are skipped; England and Wales share theirs."""

    ENGLAND_AND_WALES = "england_and_wales"
    SCOTLAND = "scotland"
    NORTHERN_IRELAND = "northern_ireland"


# --------------------------------------------------------------------------------------
# The charter's parts.


@dataclass(frozen=True)
class Source:
    """A document a promise comes from, so staff and regulators can check the quote."""

    id: str
    title: str
    seed: Optional[str] = None


@dataclass(frozen=True)
class Timescale:
    """A promised period, counted in the unit the source document uses."""

    amount: int
    unit: Unit

    def __str__(self) -> str:
        words = {
            Unit.HOURS: ("hour", "hours"),
            Unit.DAYS: ("day", "days"),
            Unit.WORKING_DAYS: ("working day", "working days"),
        }[self.unit]
        return f"{self.amount} {words[0] if self.amount == 1 else words[1]}"


@dataclass(frozen=True)
class Promise:
    """One clock the landlord is held to: what it will do, by when, and on whose word.

    ``starts_from`` is the dotted key of the clock this one follows (the first visit, the
    acknowledgement, the investigation...); ``None`` means it starts when the tenant
    reports or asks. For an extension it is the response whose date is being extended.
    """

    key: str
    we_will: str
    within: Timescale
    source: Source
    when: Optional[str] = None
    starts_from: Optional[str] = None
    note: Optional[str] = None


@dataclass(frozen=True)
class Statement:
    """A sourced rule or schedule with no clock of its own."""

    key: str
    text: str
    source: Source


@dataclass(frozen=True)
class AsbCase:
    """What an ASB report of a given risk level is owed."""

    risk: AsbRisk
    when: str
    respond: Promise
    action_plan: Optional[Promise] = None


@dataclass(frozen=True)
class CaseReviewThreshold:
    """When a tenant may ask for an ASB case review (the "community trigger")."""

    key: str
    reports: int
    months: int
    rule: str
    source: Source


@dataclass(frozen=True)
class ComplaintStageClocks:
    """The clocks of one complaint stage; the Code's stages have no separate contact clock."""

    key: str
    acknowledgement: Promise
    response: Promise
    extension: Promise
    contact: Optional[Promise] = None


@dataclass(frozen=True)
class TimeLimit:
    """How far back a complaint may reach; older matters may be refused."""

    key: str
    months: int
    rule: str
    source: Source


@dataclass(frozen=True)
class ComplaintExclusion:
    """A reason to refuse a formal complaint, in words the bot can say to the tenant."""

    key: str
    reason: ExclusionReason
    explanation: str
    source: Source
    refer_to: Optional[str] = None


@dataclass(frozen=True)
class Contact:
    """How tenants reach the landlord; quoted whenever the bot hands a case on."""

    key: str
    name: str
    phone: str
    email: str
    social: str
    address: Tuple[str, ...]
    website: str
    source: Source

    @property
    def postal_address(self) -> str:
        """One line, for a chat reply."""
        return ", ".join(self.address)


@dataclass(frozen=True)
class EmergencyNumber:
    """A number a person in danger must get in the bot's first reply."""

    key: str
    service: str
    number: str
    when: str
    source: Source


@dataclass(frozen=True)
class EmergencyNumbers:
    """The safety table's numbers, by name, so a safety rule cannot misspell one."""

    gas: EmergencyNumber
    emergency_services: EmergencyNumber
    silent_call: EmergencyNumber
    domestic_abuse: EmergencyNumber
    samaritans: EmergencyNumber
    housing_ombudsman: EmergencyNumber
    police_non_emergency: EmergencyNumber

    def __iter__(self) -> Iterator[EmergencyNumber]:
        return iter(
            (
                self.gas,
                self.emergency_services,
                self.silent_call,
                self.domestic_abuse,
                self.samaritans,
                self.housing_ombudsman,
                self.police_non_emergency,
            )
        )


@dataclass(frozen=True)
class OfficeHours:
    """When staff answer; outside these an emergency goes to the out-of-hours service."""

    key: str
    days: frozenset  # weekday numbers, Monday is 0
    opens: time
    closes: time
    bank_holidays: BankHolidayRegion
    source: Source
    note: Optional[str] = None


@dataclass(frozen=True)
class Grounds:
    """The grounds maintenance schedule, for "when is the grass cut?"."""

    grass: Statement
    hedges: Statement


@dataclass(frozen=True)
class SignificantHazard:
    """Awaab's Law clocks for a significant damp and mould hazard."""

    investigation: Promise
    written_summary: Promise
    safety_work_start: Promise


@dataclass(frozen=True)
class AwaabsLaw:
    """Statutory hazard clocks that apply whatever the landlord's charter says."""

    in_force: date
    emergency_hazard: Promise
    significant_hazard: SignificantHazard


@dataclass(frozen=True)
class ComplaintHandlingCode:
    """The Housing Ombudsman's statutory limits, against which the landlord's are checked."""

    stage_one: ComplaintStageClocks
    stage_two: ComplaintStageClocks
    any_dissatisfaction: Statement
    offer_the_choice: Statement
    no_reason_for_review: Statement
    explain_refusal: Statement


class _Sourced(Protocol):
    key: str
    source: Source


@dataclass(frozen=True)
class Charter:
    """Everything the assistant may promise, each piece traceable to its source."""

    path: Path
    sources: Mapping[str, Source]
    timezone_entry: Statement
    office_hours: OfficeHours
    contact: Contact
    emergency_numbers: EmergencyNumbers
    repairs: Mapping[RepairPriority, Promise]
    heating_repairs: Mapping[HeatingRepair, Promise]
    asb_cases: Mapping[AsbRisk, AsbCase]
    asb_case_review: CaseReviewThreshold
    complaint_stage_one: ComplaintStageClocks
    complaint_stage_two: ComplaintStageClocks
    complaint_time_limit: TimeLimit
    complaint_refusal: Statement
    complaint_exclusions: Mapping[ExclusionReason, ComplaintExclusion]
    callback: Promise
    domestic_abuse_contact: Promise
    grounds: Grounds
    awaabs_law: AwaabsLaw
    complaint_handling_code: ComplaintHandlingCode

    @property
    def timezone(self) -> ZoneInfo:
        """Deadlines are quoted in local time, whatever the server's clock is set to."""
        return ZoneInfo(self.timezone_entry.text)

    def repair(self, priority: RepairPriority) -> Promise:
        """The first clock a repair of this priority starts."""
        return self.repairs[priority]

    def heating_not_fixed(self, kind: HeatingRepair) -> Promise:
        """The follow-up clock when the heating was not fixed on the first visit."""
        return self.heating_repairs[kind]

    def asb(self, risk: AsbRisk) -> AsbCase:
        """What an ASB report at this risk level is owed."""
        return self.asb_cases[risk]

    def promise(self, key: str) -> Promise:
        """Look a clock up by its dotted key, as cases and ``starts_from`` record it."""
        for promise in self.promises():
            if promise.key == key:
                return promise
        raise KeyError(key)

    def promises(self) -> Iterator[Promise]:
        """Every clock, so a report can list deadlines without knowing the layout."""
        return (entry for entry in self.entries() if isinstance(entry, Promise))

    def entries(self) -> Tuple[_Sourced, ...]:
        """Every sourced entry, so provenance can be audited in one sweep."""
        code = self.complaint_handling_code
        hazard = self.awaabs_law.significant_hazard
        return (
            self.timezone_entry,
            self.office_hours,
            self.contact,
            *self.emergency_numbers,
            *self.repairs.values(),
            *self.heating_repairs.values(),
            *(p for case in self.asb_cases.values() for p in _asb_promises(case)),
            self.asb_case_review,
            *_stage_promises(self.complaint_stage_one),
            *_stage_promises(self.complaint_stage_two),
            self.complaint_time_limit,
            self.complaint_refusal,
            *self.complaint_exclusions.values(),
            self.callback,
            self.domestic_abuse_contact,
            self.grounds.grass,
            self.grounds.hedges,
            self.awaabs_law.emergency_hazard,
            hazard.investigation,
            hazard.written_summary,
            hazard.safety_work_start,
            *_stage_promises(code.stage_one),
            *_stage_promises(code.stage_two),
            code.any_dissatisfaction,
            code.offer_the_choice,
            code.no_reason_for_review,
            code.explain_refusal,
        )


def _asb_promises(case: AsbCase) -> Tuple[Promise, ...]:
    return (case.respond,) if case.action_plan is None else (case.respond, case.action_plan)


def _stage_promises(stage: ComplaintStageClocks) -> Tuple[Promise, ...]:
    clocks = (stage.acknowledgement, stage.response, stage.extension)
    return clocks if stage.contact is None else (stage.contact, *clocks)
