"""The landlord's charter, read from data and checked before the assistant quotes any of it.

A tenant is told "we will attend within 4 hours"; that figure is a public promise and, later,
evidence. So the figures live in one data file (a landlord swaps the file, not the code),
each entry names the document it comes from, and a file that is incomplete, mistyped or
unsourced stops the assistant from starting rather than letting it quote something wrong.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from enum import Enum
from pathlib import Path
from types import MappingProxyType
from typing import Any, Iterator, Mapping, NoReturn, Optional, Protocol, Tuple
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

from bot.settings import setting

__all__ = [
    "AsbCase",
    "AsbRisk",
    "AwaabsLaw",
    "BankHolidayRegion",
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

#: The repository's own charter, found beside the package so the cwd never matters.
DEFAULT_CHARTER_FILE = Path(__file__).resolve().parent.parent / "charter.yml"

#: Environment variable naming another charter file, for a landlord or a test.
CHARTER_FILE_ENV = "CHARTER_FILE"


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


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


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


# --------------------------------------------------------------------------------------
# Loading.


def load_charter(path: Optional[Path] = None) -> Charter:
    """Read and check the charter; the assistant must not start on a doubtful one.

    Without ``path`` the ``CHARTER_FILE`` environment variable is used, else the
    repository's ``charter.yml``.
    """
    chosen = _charter_path(path)
    raw = _read_yaml(chosen)
    return _build(_Ctx(file=chosen.name, sources={}), raw, chosen)


def _charter_path(path: Optional[Path]) -> Path:
    if path is not None:
        return Path(path)
    from_env = setting(CHARTER_FILE_ENV)
    return Path(from_env) if from_env else DEFAULT_CHARTER_FILE


class _StrictLoader(yaml.SafeLoader):
    """A safe loader that refuses a key given twice, which would silently drop a promise."""


def _mapping_without_duplicates(loader: _StrictLoader, node: yaml.MappingNode) -> dict:
    loader.flatten_mapping(node)
    seen: set = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in seen:
            raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)
        seen.add(key)
    return loader.construct_mapping(node, deep=True)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_without_duplicates)


def _read_yaml(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise CharterError(f"{path}: cannot read the charter ({error.strerror})") from error
    try:
        return yaml.load(text, Loader=_StrictLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as error:
        raise CharterError(f"{path.name}: not valid YAML: {error}") from error


@dataclass
class _Ctx:
    """Where errors are reported, and the sources entries may cite."""

    file: str
    sources: Mapping[str, Source]

    def fail(self, path: str, problem: str) -> NoReturn:
        raise CharterError(f"{self.file}: {path} {problem}")


_TOP_LEVEL = (
    "sources",
    "timezone",
    "office_hours",
    "contact",
    "emergency_numbers",
    "repairs",
    "asb",
    "complaints",
    "enquiries",
    "domestic_abuse",
    "grounds",
    "awaabs_law",
    "complaint_handling_code",
)


def _build(ctx: _Ctx, raw: Any, path: Path) -> Charter:
    if raw is None:
        raise CharterError(f"{ctx.file}: the charter is empty")
    top = _mapping(ctx, raw, "", required=_TOP_LEVEL)
    ctx.sources = _sources(ctx, top["sources"])
    complaints = _mapping(
        ctx,
        top["complaints"],
        "complaints",
        required=("stage_one", "stage_two", "time_limit", "refusal", "exclusions"),
    )
    enquiries = _mapping(ctx, top["enquiries"], "enquiries", required=("callback",))
    domestic_abuse = _mapping(ctx, top["domestic_abuse"], "domestic_abuse", required=("contact",))
    repairs = _mapping(
        ctx,
        top["repairs"],
        "repairs",
        required=tuple(p.value for p in RepairPriority) + ("heating_not_fixed_first_visit",),
    )
    charter = Charter(
        path=path,
        sources=ctx.sources,
        timezone_entry=_timezone(ctx, top["timezone"]),
        office_hours=_office_hours(ctx, top["office_hours"]),
        contact=_contact(ctx, top["contact"]),
        emergency_numbers=_emergency_numbers(ctx, top["emergency_numbers"]),
        repairs=_repairs(ctx, repairs),
        heating_repairs=_heating(ctx, repairs["heating_not_fixed_first_visit"]),
        asb_cases=_asb(ctx, top["asb"]),
        asb_case_review=_case_review(ctx, top["asb"]),
        complaint_stage_one=_stage(ctx, complaints["stage_one"], "complaints.stage_one", contact_key="manager_contact"),
        complaint_stage_two=_stage(ctx, complaints["stage_two"], "complaints.stage_two", contact_key="contact"),
        complaint_time_limit=_time_limit(ctx, complaints["time_limit"]),
        complaint_refusal=_statement(ctx, complaints["refusal"], "complaints.refusal", "rule"),
        complaint_exclusions=_exclusions(ctx, complaints["exclusions"]),
        callback=_promise(ctx, enquiries["callback"], "enquiries.callback"),
        domestic_abuse_contact=_promise(ctx, domestic_abuse["contact"], "domestic_abuse.contact"),
        grounds=_grounds(ctx, top["grounds"]),
        awaabs_law=_awaabs_law(ctx, top["awaabs_law"]),
        complaint_handling_code=_code(ctx, top["complaint_handling_code"]),
    )
    _check_clock_starts(ctx, charter)
    _check_against_the_law(ctx, charter)
    return charter


# --- small readers; each takes the dotted path so errors can name the entry -------------


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _mapping(
    ctx: _Ctx,
    value: Any,
    path: str,
    required: Tuple[str, ...] = (),
    optional: Tuple[str, ...] = (),
) -> Mapping[str, Any]:
    where = path or "the charter"
    if not isinstance(value, dict):
        ctx.fail(where, "must be a mapping of named entries")
    known = set(required) | set(optional)
    for key in value:
        if not isinstance(key, str):
            ctx.fail(_join(path, str(key)), 'must be named with text (quote ids such as "003")')
        if key not in known:
            expected = ", ".join(list(required) + list(optional))
            ctx.fail(_join(path, key), f"is not a known entry (expected one of: {expected})")
    for key in required:
        if key not in value:
            ctx.fail(_join(path, key), "is missing")
    return value


def _text(ctx: _Ctx, value: Any, path: str) -> str:
    if not isinstance(value, str) or not value.strip():
        ctx.fail(path, "must be non-empty text")
    return value.strip()


def _optional_text(ctx: _Ctx, entry: Mapping[str, Any], key: str, path: str) -> Optional[str]:
    return _text(ctx, entry[key], _join(path, key)) if key in entry else None


def _whole_number(ctx: _Ctx, value: Any, path: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        ctx.fail(path, "must be a whole number")
    if value <= 0:
        ctx.fail(path, "must be greater than zero")
    return value


def _source(ctx: _Ctx, entry: Mapping[str, Any], path: str) -> Source:
    where = _join(path, "source")
    value = entry["source"]
    if not isinstance(value, str):
        ctx.fail(where, 'must be a source id as text (quote ids such as "003")')
    if value not in ctx.sources:
        declared = ", ".join(ctx.sources)
        ctx.fail(where, f"'{value}' is not declared in sources (declared: {declared})")
    return ctx.sources[value]


def _sources(ctx: _Ctx, value: Any) -> Mapping[str, Source]:
    entries = _mapping(ctx, value, "sources", optional=tuple(_string_keys(value)))
    if not entries:
        ctx.fail("sources", "must declare at least one source")
    result = {}
    for source_id, body in entries.items():
        path = f"sources.{source_id}"
        fields = _mapping(ctx, body, path, required=("title",), optional=("seed",))
        result[source_id] = Source(
            id=source_id,
            title=_text(ctx, fields["title"], f"{path}.title"),
            seed=_optional_text(ctx, fields, "seed", path),
        )
    return MappingProxyType(result)


def _string_keys(value: Any) -> Tuple[str, ...]:
    """Any text key is a legal source id; non-text keys are left for _mapping to reject."""
    return tuple(k for k in value if isinstance(k, str)) if isinstance(value, dict) else ()


def _timescale(ctx: _Ctx, value: Any, path: str) -> Timescale:
    fields = _mapping(ctx, value, path, required=("amount", "unit"))
    amount = _whole_number(ctx, fields["amount"], f"{path}.amount")
    units = ", ".join(unit.value for unit in Unit)
    unit_value = fields["unit"]
    if not isinstance(unit_value, str) or unit_value not in {u.value for u in Unit}:
        ctx.fail(f"{path}.unit", f"must be one of {units} (got {unit_value!r})")
    return Timescale(amount=amount, unit=Unit(unit_value))


def _promise(ctx: _Ctx, value: Any, path: str) -> Promise:
    fields = _mapping(
        ctx,
        value,
        path,
        required=("we_will", "within", "source"),
        optional=("when", "from", "note"),
    )
    return Promise(
        key=path,
        we_will=_text(ctx, fields["we_will"], f"{path}.we_will"),
        within=_timescale(ctx, fields["within"], f"{path}.within"),
        source=_source(ctx, fields, path),
        when=_optional_text(ctx, fields, "when", path),
        starts_from=_clock_start(ctx, fields, path),
        note=_optional_text(ctx, fields, "note", path),
    )


def _clock_start(ctx: _Ctx, fields: Mapping[str, Any], path: str) -> Optional[str]:
    """Resolve ``from`` to a full key: a bare name is a sibling clock."""
    name = _optional_text(ctx, fields, "from", path)
    if name is None or "." in name:
        return name
    parent = path.rsplit(".", 1)[0]
    return f"{parent}.{name}"


def _statement(ctx: _Ctx, value: Any, path: str, text_key: str) -> Statement:
    fields = _mapping(ctx, value, path, required=(text_key, "source"))
    return Statement(
        key=path,
        text=_text(ctx, fields[text_key], f"{path}.{text_key}"),
        source=_source(ctx, fields, path),
    )


# --- the sections -----------------------------------------------------------------------


def _timezone(ctx: _Ctx, value: Any) -> Statement:
    fields = _mapping(ctx, value, "timezone", required=("name", "source"))
    name = _text(ctx, fields["name"], "timezone.name")
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        ctx.fail("timezone.name", f"'{name}' is not a known time zone")
    return Statement(key="timezone", text=name, source=_source(ctx, fields, "timezone"))


def _clock_time(ctx: _Ctx, value: Any, path: str) -> time:
    if not isinstance(value, str):
        ctx.fail(path, 'must be a time of day in quotes, such as "08:30"')
    try:
        return time.fromisoformat(value)
    except ValueError:
        ctx.fail(path, f'must be a time of day such as "08:30" (got {value!r})')


def _office_hours(ctx: _Ctx, value: Any) -> OfficeHours:
    path = "office_hours"
    fields = _mapping(
        ctx,
        value,
        path,
        required=("days", "opens", "closes", "bank_holidays", "source"),
        optional=("note",),
    )
    opens = _clock_time(ctx, fields["opens"], f"{path}.opens")
    closes = _clock_time(ctx, fields["closes"], f"{path}.closes")
    if closes <= opens:
        ctx.fail(f"{path}.closes", "must be later than office_hours.opens")
    regions = ", ".join(region.value for region in BankHolidayRegion)
    region = fields["bank_holidays"]
    if region not in {r.value for r in BankHolidayRegion}:
        ctx.fail(f"{path}.bank_holidays", f"must be one of {regions} (got {region!r})")
    return OfficeHours(
        key=path,
        days=_weekdays(ctx, fields["days"], f"{path}.days"),
        opens=opens,
        closes=closes,
        bank_holidays=BankHolidayRegion(region),
        source=_source(ctx, fields, path),
        note=_optional_text(ctx, fields, "note", path),
    )


def _weekdays(ctx: _Ctx, value: Any, path: str) -> frozenset:
    if not isinstance(value, list) or not value:
        ctx.fail(path, "must be a list of day names such as [monday, friday]")
    days = set()
    for index, name in enumerate(value):
        if name not in _WEEKDAYS:
            ctx.fail(f"{path}[{index}]", f"must be a day name, monday to sunday (got {name!r})")
        days.add(_WEEKDAYS.index(name))
    return frozenset(days)


def _contact(ctx: _Ctx, value: Any) -> Contact:
    path = "contact"
    fields = _mapping(
        ctx,
        value,
        path,
        required=("name", "phone", "email", "social", "address", "website", "source"),
    )
    address = fields["address"]
    if not isinstance(address, list) or not address:
        ctx.fail(f"{path}.address", "must be a list of address lines")
    return Contact(
        key=path,
        name=_text(ctx, fields["name"], f"{path}.name"),
        phone=_text(ctx, fields["phone"], f"{path}.phone"),
        email=_text(ctx, fields["email"], f"{path}.email"),
        social=_text(ctx, fields["social"], f"{path}.social"),
        address=tuple(_text(ctx, line, f"{path}.address[{index}]") for index, line in enumerate(address)),
        website=_text(ctx, fields["website"], f"{path}.website"),
        source=_source(ctx, fields, path),
    )


_EMERGENCY_KEYS = (
    "gas",
    "emergency_services",
    "silent_call",
    "domestic_abuse",
    "samaritans",
    "housing_ombudsman",
    "police_non_emergency",
)


def _emergency_numbers(ctx: _Ctx, value: Any) -> EmergencyNumbers:
    entries = _mapping(ctx, value, "emergency_numbers", required=_EMERGENCY_KEYS)
    numbers = {key: _emergency_number(ctx, entries[key], key) for key in _EMERGENCY_KEYS}
    return EmergencyNumbers(**numbers)


def _emergency_number(ctx: _Ctx, value: Any, key: str) -> EmergencyNumber:
    path = f"emergency_numbers.{key}"
    fields = _mapping(ctx, value, path, required=("service", "number", "when", "source"))
    if not isinstance(fields["number"], str):
        ctx.fail(f"{path}.number", 'must be text in quotes, such as "999"')
    return EmergencyNumber(
        key=path,
        service=_text(ctx, fields["service"], f"{path}.service"),
        number=_text(ctx, fields["number"], f"{path}.number"),
        when=_text(ctx, fields["when"], f"{path}.when"),
        source=_source(ctx, fields, path),
    )


def _repairs(ctx: _Ctx, entries: Mapping[str, Any]) -> Mapping[RepairPriority, Promise]:
    return MappingProxyType(
        {priority: _promise(ctx, entries[priority.value], f"repairs.{priority.value}") for priority in RepairPriority}
    )


def _heating(ctx: _Ctx, value: Any) -> Mapping[HeatingRepair, Promise]:
    path = "repairs.heating_not_fixed_first_visit"
    entries = _mapping(ctx, value, path, required=tuple(kind.value for kind in HeatingRepair))
    return MappingProxyType(
        {kind: _promise(ctx, entries[kind.value], f"{path}.{kind.value}") for kind in HeatingRepair}
    )


def _case_review(ctx: _Ctx, value: Any) -> CaseReviewThreshold:
    path = "asb.case_review"
    entries = _mapping(ctx, value, "asb", required=tuple(risk.value for risk in AsbRisk) + ("case_review",))
    fields = _mapping(
        ctx, entries["case_review"], path, required=("reports", "months", "rule", "source"), optional=("note",)
    )
    return CaseReviewThreshold(
        key=path,
        reports=_whole_number(ctx, fields["reports"], f"{path}.reports"),
        months=_whole_number(ctx, fields["months"], f"{path}.months"),
        rule=_text(ctx, fields["rule"], f"{path}.rule"),
        source=_source(ctx, fields, path),
    )


def _asb(ctx: _Ctx, value: Any) -> Mapping[AsbRisk, AsbCase]:
    entries = _mapping(ctx, value, "asb", required=tuple(risk.value for risk in AsbRisk) + ("case_review",))
    high_path, low_path = "asb.high_risk", "asb.low_risk"
    high = _mapping(ctx, entries["high_risk"], high_path, required=("when", "respond", "action_plan"))
    low = _mapping(ctx, entries["low_risk"], low_path, required=("when", "respond"))
    return MappingProxyType(
        {
            AsbRisk.HIGH: AsbCase(
                risk=AsbRisk.HIGH,
                when=_text(ctx, high["when"], f"{high_path}.when"),
                respond=_promise(ctx, high["respond"], f"{high_path}.respond"),
                action_plan=_promise(ctx, high["action_plan"], f"{high_path}.action_plan"),
            ),
            AsbRisk.LOW: AsbCase(
                risk=AsbRisk.LOW,
                when=_text(ctx, low["when"], f"{low_path}.when"),
                respond=_promise(ctx, low["respond"], f"{low_path}.respond"),
            ),
        }
    )


def _stage(ctx: _Ctx, value: Any, path: str, contact_key: Optional[str]) -> ComplaintStageClocks:
    clocks = ("acknowledgement", "response", "extension")
    required = clocks if contact_key is None else (contact_key,) + clocks
    fields = _mapping(ctx, value, path, required=required)
    contact = fields.get(contact_key) if contact_key is not None else None
    return ComplaintStageClocks(
        key=path,
        contact=None if contact is None else _promise(ctx, contact, f"{path}.{contact_key}"),
        acknowledgement=_promise(ctx, fields["acknowledgement"], f"{path}.acknowledgement"),
        response=_promise(ctx, fields["response"], f"{path}.response"),
        extension=_promise(ctx, fields["extension"], f"{path}.extension"),
    )


def _time_limit(ctx: _Ctx, value: Any) -> TimeLimit:
    path = "complaints.time_limit"
    fields = _mapping(ctx, value, path, required=("months", "rule", "source"))
    return TimeLimit(
        key=path,
        months=_whole_number(ctx, fields["months"], f"{path}.months"),
        rule=_text(ctx, fields["rule"], f"{path}.rule"),
        source=_source(ctx, fields, path),
    )


def _exclusions(ctx: _Ctx, value: Any) -> Mapping[ExclusionReason, ComplaintExclusion]:
    path = "complaints.exclusions"
    entries = _mapping(ctx, value, path, required=tuple(reason.value for reason in ExclusionReason))
    return MappingProxyType({reason: _exclusion(ctx, entries[reason.value], reason) for reason in ExclusionReason})


def _exclusion(ctx: _Ctx, value: Any, reason: ExclusionReason) -> ComplaintExclusion:
    path = f"complaints.exclusions.{reason.value}"
    fields = _mapping(ctx, value, path, required=("explanation", "source"), optional=("refer_to",))
    return ComplaintExclusion(
        key=path,
        reason=reason,
        explanation=_text(ctx, fields["explanation"], f"{path}.explanation"),
        source=_source(ctx, fields, path),
        refer_to=_optional_text(ctx, fields, "refer_to", path),
    )


def _grounds(ctx: _Ctx, value: Any) -> Grounds:
    fields = _mapping(ctx, value, "grounds", required=("grass", "hedges"))
    return Grounds(
        grass=_statement(ctx, fields["grass"], "grounds.grass", "schedule"),
        hedges=_statement(ctx, fields["hedges"], "grounds.hedges", "schedule"),
    )


def _awaabs_law(ctx: _Ctx, value: Any) -> AwaabsLaw:
    path = "awaabs_law"
    fields = _mapping(ctx, value, path, required=("in_force", "emergency_hazard", "significant_hazard"))
    in_force = fields["in_force"]
    if isinstance(in_force, datetime) or not isinstance(in_force, date):
        ctx.fail(f"{path}.in_force", "must be a date written as YYYY-MM-DD")
    hazard_path = f"{path}.significant_hazard"
    hazard = _mapping(
        ctx,
        fields["significant_hazard"],
        hazard_path,
        required=("investigation", "written_summary", "safety_work_start"),
    )
    return AwaabsLaw(
        in_force=in_force,
        emergency_hazard=_promise(ctx, fields["emergency_hazard"], f"{path}.emergency_hazard"),
        significant_hazard=SignificantHazard(
            investigation=_promise(ctx, hazard["investigation"], f"{hazard_path}.investigation"),
            written_summary=_promise(ctx, hazard["written_summary"], f"{hazard_path}.written_summary"),
            safety_work_start=_promise(ctx, hazard["safety_work_start"], f"{hazard_path}.safety_work_start"),
        ),
    )


_CODE_DUTIES = (
    "any_dissatisfaction",
    "offer_the_choice",
    "no_reason_for_review",
    "explain_refusal",
)


def _code(ctx: _Ctx, value: Any) -> ComplaintHandlingCode:
    path = "complaint_handling_code"
    fields = _mapping(ctx, value, path, required=("stage_one", "stage_two", "duties"))
    duties = _mapping(ctx, fields["duties"], f"{path}.duties", required=_CODE_DUTIES)
    return ComplaintHandlingCode(
        stage_one=_stage(ctx, fields["stage_one"], f"{path}.stage_one", contact_key=None),
        stage_two=_stage(ctx, fields["stage_two"], f"{path}.stage_two", contact_key=None),
        **{duty: _statement(ctx, duties[duty], f"{path}.duties.{duty}", "rule") for duty in _CODE_DUTIES},
    )


# --- checks across entries --------------------------------------------------------------


def _check_clock_starts(ctx: _Ctx, charter: Charter) -> None:
    """Every ``from`` must name a clock that exists, and chains must not loop."""
    clocks = {promise.key: promise for promise in charter.promises()}
    for promise in clocks.values():
        seen = {promise.key}
        current = promise
        while current.starts_from is not None:
            if current.starts_from not in clocks:
                ctx.fail(f"{current.key}.from", f"names '{current.starts_from}', which is not a clock")
            if current.starts_from in seen:
                ctx.fail(f"{promise.key}.from", "makes the clocks start from each other in a loop")
            seen.add(current.starts_from)
            current = clocks[current.starts_from]


def _check_against_the_law(ctx: _Ctx, charter: Charter) -> None:
    """A landlord's file must not promise less than the statutory clocks require."""
    investigation = charter.awaabs_law.significant_hazard.investigation
    damp = charter.repair(RepairPriority.DAMP_MOULD)
    if damp.within != investigation.within:
        ctx.fail(
            f"{damp.key}.within",
            f"must match {investigation.key}.within ({investigation.within})",
        )
    code = charter.complaint_handling_code
    for ours, law in (
        (charter.complaint_stage_one, code.stage_one),
        (charter.complaint_stage_two, code.stage_two),
    ):
        for name in ("acknowledgement", "response", "extension"):
            _not_longer(ctx, getattr(ours, name), getattr(law, name))


def _not_longer(ctx: _Ctx, ours: Promise, law: Promise) -> None:
    comparable = ours.within.unit == law.within.unit
    if comparable and ours.within.amount > law.within.amount:
        ctx.fail(
            f"{ours.key}.within",
            f"({ours.within}) is longer than {law.key}.within allows ({law.within})",
        )
