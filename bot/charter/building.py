"""From charter.yml's data to a Charter: the file's layout, one reader per section, and the
checks across entries (clock chains, the statutory limits) that no single entry can fail.

Over 400 lines, kept as one module: each section's reader is called once, by `build_charter`
beside them, the one place that says which section of the file fills which field of the
Charter; moving the readers out would only make a dozen single-use functions public names.
The generic field readers the sections share are in `bot.charter.fields`.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping, Optional
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.charter.fields import (
    Context,
    read_mapping,
    read_optional_text,
    read_promise,
    read_source,
    read_sources,
    read_statement,
    read_text,
    read_whole_number,
)
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
    Statement,
    TimeLimit,
)


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


def build_charter(raw: Any, path: Path) -> Charter:
    """The Charter the parsed file describes; a CharterError names the first entry at fault."""
    ctx = Context(file=path.name, sources={})
    if raw is None:
        raise CharterError(f"{ctx.file}: the charter is empty")
    top = read_mapping(ctx, raw, "", required=_TOP_LEVEL)
    ctx.sources = read_sources(ctx, top["sources"])
    complaints = read_mapping(
        ctx,
        top["complaints"],
        "complaints",
        required=("stage_one", "stage_two", "time_limit", "refusal", "exclusions"),
    )
    enquiries = read_mapping(ctx, top["enquiries"], "enquiries", required=("callback",))
    domestic_abuse = read_mapping(ctx, top["domestic_abuse"], "domestic_abuse", required=("contact",))
    repairs = read_mapping(
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
        complaint_refusal=read_statement(ctx, complaints["refusal"], "complaints.refusal", "rule"),
        complaint_exclusions=_exclusions(ctx, complaints["exclusions"]),
        callback=read_promise(ctx, enquiries["callback"], "enquiries.callback"),
        domestic_abuse_contact=read_promise(ctx, domestic_abuse["contact"], "domestic_abuse.contact"),
        grounds=_grounds(ctx, top["grounds"]),
        awaabs_law=_awaabs_law(ctx, top["awaabs_law"]),
        complaint_handling_code=_code(ctx, top["complaint_handling_code"]),
    )
    _check_clock_starts(ctx, charter)
    _check_against_the_law(ctx, charter)
    return charter


# --- the sections -----------------------------------------------------------------------


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _timezone(ctx: Context, value: Any) -> Statement:
    fields = read_mapping(ctx, value, "timezone", required=("name", "source"))
    name = read_text(ctx, fields["name"], "timezone.name")
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        ctx.fail("timezone.name", f"'{name}' is not a known time zone")
    return Statement(key="timezone", text=name, source=read_source(ctx, fields, "timezone"))


def _clock_time(ctx: Context, value: Any, path: str) -> time:
    if not isinstance(value, str):
        ctx.fail(path, 'must be a time of day in quotes, such as "08:30"')
    try:
        return time.fromisoformat(value)
    except ValueError:
        ctx.fail(path, f'must be a time of day such as "08:30" (got {value!r})')


def _office_hours(ctx: Context, value: Any) -> OfficeHours:
    path = "office_hours"
    fields = read_mapping(
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
        source=read_source(ctx, fields, path),
        note=read_optional_text(ctx, fields, "note", path),
    )


def _weekdays(ctx: Context, value: Any, path: str) -> frozenset:
    if not isinstance(value, list) or not value:
        ctx.fail(path, "must be a list of day names such as [monday, friday]")
    days = set()
    for index, name in enumerate(value):
        if name not in _WEEKDAYS:
            ctx.fail(f"{path}[{index}]", f"must be a day name, monday to sunday (got {name!r})")
        days.add(_WEEKDAYS.index(name))
    return frozenset(days)


def _contact(ctx: Context, value: Any) -> Contact:
    path = "contact"
    fields = read_mapping(
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
        name=read_text(ctx, fields["name"], f"{path}.name"),
        phone=read_text(ctx, fields["phone"], f"{path}.phone"),
        email=read_text(ctx, fields["email"], f"{path}.email"),
        social=read_text(ctx, fields["social"], f"{path}.social"),
        address=tuple(read_text(ctx, line, f"{path}.address[{index}]") for index, line in enumerate(address)),
        website=read_text(ctx, fields["website"], f"{path}.website"),
        source=read_source(ctx, fields, path),
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


def _emergency_numbers(ctx: Context, value: Any) -> EmergencyNumbers:
    entries = read_mapping(ctx, value, "emergency_numbers", required=_EMERGENCY_KEYS)
    numbers = {key: _emergency_number(ctx, entries[key], key) for key in _EMERGENCY_KEYS}
    return EmergencyNumbers(**numbers)


def _emergency_number(ctx: Context, value: Any, key: str) -> EmergencyNumber:
    path = f"emergency_numbers.{key}"
    fields = read_mapping(ctx, value, path, required=("service", "number", "when", "source"))
    if not isinstance(fields["number"], str):
        ctx.fail(f"{path}.number", 'must be text in quotes, such as "999"')
    return EmergencyNumber(
        key=path,
        service=read_text(ctx, fields["service"], f"{path}.service"),
        number=read_text(ctx, fields["number"], f"{path}.number"),
        when=read_text(ctx, fields["when"], f"{path}.when"),
        source=read_source(ctx, fields, path),
    )


def _repairs(ctx: Context, entries: Mapping[str, Any]) -> Mapping[RepairPriority, Promise]:
    return MappingProxyType(
        {
            priority: read_promise(ctx, entries[priority.value], f"repairs.{priority.value}")
            for priority in RepairPriority
        }
    )


def _heating(ctx: Context, value: Any) -> Mapping[HeatingRepair, Promise]:
    path = "repairs.heating_not_fixed_first_visit"
    entries = read_mapping(ctx, value, path, required=tuple(kind.value for kind in HeatingRepair))
    return MappingProxyType(
        {kind: read_promise(ctx, entries[kind.value], f"{path}.{kind.value}") for kind in HeatingRepair}
    )


def _case_review(ctx: Context, value: Any) -> CaseReviewThreshold:
    path = "asb.case_review"
    entries = read_mapping(ctx, value, "asb", required=tuple(risk.value for risk in AsbRisk) + ("case_review",))
    fields = read_mapping(
        ctx, entries["case_review"], path, required=("reports", "months", "rule", "source"), optional=("note",)
    )
    return CaseReviewThreshold(
        key=path,
        reports=read_whole_number(ctx, fields["reports"], f"{path}.reports"),
        months=read_whole_number(ctx, fields["months"], f"{path}.months"),
        rule=read_text(ctx, fields["rule"], f"{path}.rule"),
        source=read_source(ctx, fields, path),
    )


def _asb(ctx: Context, value: Any) -> Mapping[AsbRisk, AsbCase]:
    entries = read_mapping(ctx, value, "asb", required=tuple(risk.value for risk in AsbRisk) + ("case_review",))
    high_path, low_path = "asb.high_risk", "asb.low_risk"
    high = read_mapping(ctx, entries["high_risk"], high_path, required=("when", "respond", "action_plan"))
    low = read_mapping(ctx, entries["low_risk"], low_path, required=("when", "respond"))
    return MappingProxyType(
        {
            AsbRisk.HIGH: AsbCase(
                risk=AsbRisk.HIGH,
                when=read_text(ctx, high["when"], f"{high_path}.when"),
                respond=read_promise(ctx, high["respond"], f"{high_path}.respond"),
                action_plan=read_promise(ctx, high["action_plan"], f"{high_path}.action_plan"),
            ),
            AsbRisk.LOW: AsbCase(
                risk=AsbRisk.LOW,
                when=read_text(ctx, low["when"], f"{low_path}.when"),
                respond=read_promise(ctx, low["respond"], f"{low_path}.respond"),
            ),
        }
    )


def _stage(ctx: Context, value: Any, path: str, contact_key: Optional[str]) -> ComplaintStageClocks:
    clocks = ("acknowledgement", "response", "extension")
    required = clocks if contact_key is None else (contact_key,) + clocks
    fields = read_mapping(ctx, value, path, required=required)
    contact = fields.get(contact_key) if contact_key is not None else None
    return ComplaintStageClocks(
        key=path,
        contact=None if contact is None else read_promise(ctx, contact, f"{path}.{contact_key}"),
        acknowledgement=read_promise(ctx, fields["acknowledgement"], f"{path}.acknowledgement"),
        response=read_promise(ctx, fields["response"], f"{path}.response"),
        extension=read_promise(ctx, fields["extension"], f"{path}.extension"),
    )


_MONTHS_SAID = re.compile(r"\b(\d+) months?\b")


def _time_limit(ctx: Context, value: Any) -> TimeLimit:
    """The limit's length is `months`; its rule, which tenants read, may say a number of months
    only if it is that one, so a landlord who changes one cannot leave the other saying 12."""
    path = "complaints.time_limit"
    fields = read_mapping(ctx, value, path, required=("months", "rule", "source"))
    months = read_whole_number(ctx, fields["months"], f"{path}.months")
    rule = read_text(ctx, fields["rule"], f"{path}.rule")
    for said in _MONTHS_SAID.findall(rule):
        if int(said) != months:
            ctx.fail(f"{path}.rule", f"says {said} months, but {path}.months is {months}")
    return TimeLimit(key=path, months=months, rule=rule, source=read_source(ctx, fields, path))


def _exclusions(ctx: Context, value: Any) -> Mapping[ExclusionReason, ComplaintExclusion]:
    path = "complaints.exclusions"
    entries = read_mapping(ctx, value, path, required=tuple(reason.value for reason in ExclusionReason))
    return MappingProxyType({reason: _exclusion(ctx, entries[reason.value], reason) for reason in ExclusionReason})


def _exclusion(ctx: Context, value: Any, reason: ExclusionReason) -> ComplaintExclusion:
    path = f"complaints.exclusions.{reason.value}"
    fields = read_mapping(ctx, value, path, required=("explanation", "source"), optional=("refer_to",))
    return ComplaintExclusion(
        key=path,
        reason=reason,
        explanation=read_text(ctx, fields["explanation"], f"{path}.explanation"),
        source=read_source(ctx, fields, path),
        refer_to=read_optional_text(ctx, fields, "refer_to", path),
    )


def _grounds(ctx: Context, value: Any) -> Grounds:
    fields = read_mapping(ctx, value, "grounds", required=("grass", "hedges"))
    return Grounds(
        grass=read_statement(ctx, fields["grass"], "grounds.grass", "schedule"),
        hedges=read_statement(ctx, fields["hedges"], "grounds.hedges", "schedule"),
    )


def _awaabs_law(ctx: Context, value: Any) -> AwaabsLaw:
    path = "awaabs_law"
    fields = read_mapping(ctx, value, path, required=("in_force", "emergency_hazard", "significant_hazard"))
    in_force = fields["in_force"]
    if isinstance(in_force, datetime) or not isinstance(in_force, date):
        ctx.fail(f"{path}.in_force", "must be a date written as YYYY-MM-DD")
    hazard_path = f"{path}.significant_hazard"
    hazard = read_mapping(
        ctx,
        fields["significant_hazard"],
        hazard_path,
        required=("investigation", "written_summary", "safety_work_start"),
    )
    return AwaabsLaw(
        in_force=in_force,
        emergency_hazard=read_promise(ctx, fields["emergency_hazard"], f"{path}.emergency_hazard"),
        significant_hazard=SignificantHazard(
            investigation=read_promise(ctx, hazard["investigation"], f"{hazard_path}.investigation"),
            written_summary=read_promise(ctx, hazard["written_summary"], f"{hazard_path}.written_summary"),
            safety_work_start=read_promise(ctx, hazard["safety_work_start"], f"{hazard_path}.safety_work_start"),
        ),
    )


_CODE_DUTIES = (
    "any_dissatisfaction",
    "offer_the_choice",
    "no_reason_for_review",
    "explain_refusal",
)


def _code(ctx: Context, value: Any) -> ComplaintHandlingCode:
    path = "complaint_handling_code"
    fields = read_mapping(ctx, value, path, required=("stage_one", "stage_two", "duties"))
    duties = read_mapping(ctx, fields["duties"], f"{path}.duties", required=_CODE_DUTIES)
    return ComplaintHandlingCode(
        stage_one=_stage(ctx, fields["stage_one"], f"{path}.stage_one", contact_key=None),
        stage_two=_stage(ctx, fields["stage_two"], f"{path}.stage_two", contact_key=None),
        **{duty: read_statement(ctx, duties[duty], f"{path}.duties.{duty}", "rule") for duty in _CODE_DUTIES},
    )


# --- checks across entries --------------------------------------------------------------


def _check_clock_starts(ctx: Context, charter: Charter) -> None:
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


def _check_against_the_law(ctx: Context, charter: Charter) -> None:
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


def _not_longer(ctx: Context, ours: Promise, law: Promise) -> None:
    comparable = ours.within.unit == law.within.unit
    if comparable and ours.within.amount > law.within.amount:
        ctx.fail(
            f"{ours.key}.within",
            f"({ours.within}) is longer than {law.key}.within allows ({law.within})",
        )
