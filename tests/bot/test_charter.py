"""The charter file says what DESIGN.md's table says, every entry is sourced, and a broken
file is refused with a message that names the entry at fault."""

from __future__ import annotations

import copy
import re
from datetime import date, time
from pathlib import Path
from typing import Any, Callable

import pytest
import yaml

from bot.charter import (
    DEFAULT_CHARTER_FILE,
    AsbRisk,
    Charter,
    CharterError,
    ExclusionReason,
    HeatingRepair,
    RepairPriority,
    Unit,
    load_charter,
)
from bot.settings import REPO_ROOT

KNOWN_SOURCES = {"000", "001", "003", "awaabs_law", "complaint_handling_code", "design"}

HOURS, DAYS, WORKING_DAYS = Unit.HOURS, Unit.DAYS, Unit.WORKING_DAYS


@pytest.fixture(scope="module")
def charter() -> Charter:
    return load_charter(DEFAULT_CHARTER_FILE)


@pytest.fixture()
def raw() -> dict:
    """A fresh copy of the default file's data, for breaking."""
    return yaml.safe_load(DEFAULT_CHARTER_FILE.read_text(encoding="utf-8"))


def write(tmp_path: Path, data: Any) -> Path:
    path = tmp_path / "charter.yml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


# --------------------------------------------------------------------------------------
# The default file.


def test_the_default_file_is_the_one_at_the_repository_root(charter: Charter) -> None:
    assert DEFAULT_CHARTER_FILE == REPO_ROOT / "charter.yml"
    assert charter.path == DEFAULT_CHARTER_FILE


@pytest.mark.parametrize(
    "priority, amount, unit, we_will, source",
    [
        (RepairPriority.EMERGENCY, 4, HOURS, "attend to make safe", "003"),
        (RepairPriority.URGENT, 6, HOURS, "attend", "003"),
        (RepairPriority.ROUTINE, 17, DAYS, "complete", "003"),
        (RepairPriority.EXTERNAL, 30, DAYS, "complete", "003"),
        (RepairPriority.MAJOR, 60, DAYS, "complete", "003"),
        (RepairPriority.DAMP_MOULD, 10, WORKING_DAYS, "investigate", "awaabs_law"),
    ],
)
def test_repairs(
    charter: Charter, priority: RepairPriority, amount: int, unit: Unit, we_will: str, source: str
) -> None:
    promise = charter.repair(priority)
    assert (promise.within.amount, promise.within.unit) == (amount, unit)
    assert promise.we_will.startswith(we_will)
    assert promise.source.id == source
    assert promise.starts_from is None


@pytest.mark.parametrize(
    "kind, amount",
    [
        (HeatingRepair.COMBI_BOILER, 5),
        (HeatingRepair.SOLID_FUEL_OIL_OR_SOLAR, 10),
        (HeatingRepair.NON_URGENT_HEATING, 15),
    ],
)
def test_heating_not_fixed_on_the_first_visit(charter: Charter, kind: HeatingRepair, amount: int) -> None:
    promise = charter.heating_not_fixed(kind)
    assert (promise.within.amount, promise.within.unit) == (amount, DAYS)
    assert promise.starts_from == "repairs.urgent"
    assert promise.source.id == "003"


@pytest.mark.parametrize(
    "risk, clock, amount, starts_from",
    [
        (AsbRisk.HIGH, "respond", 1, None),
        (AsbRisk.HIGH, "action_plan", 2, "asb.high_risk.respond"),
        (AsbRisk.LOW, "respond", 3, None),
    ],
)
def test_asb(charter: Charter, risk: AsbRisk, clock: str, amount: int, starts_from: str | None) -> None:
    promise = getattr(charter.asb(risk), clock)
    assert (promise.within.amount, promise.within.unit) == (amount, WORKING_DAYS)
    assert promise.starts_from == starts_from
    assert promise.source.id == "003"


def test_low_risk_asb_has_no_action_plan_clock(charter: Charter) -> None:
    assert charter.asb(AsbRisk.LOW).action_plan is None


@pytest.mark.parametrize(
    "stage, clock, amount, unit, starts_from",
    [
        ("complaint_stage_one", "contact", 3, WORKING_DAYS, None),
        ("complaint_stage_one", "acknowledgement", 5, WORKING_DAYS, None),
        ("complaint_stage_one", "response", 10, WORKING_DAYS, "complaints.stage_one.acknowledgement"),
        ("complaint_stage_one", "extension", 10, WORKING_DAYS, "complaints.stage_one.response"),
        # 001: "within the first 3 days of the Review request" - no "working".
        ("complaint_stage_two", "contact", 3, DAYS, None),
        ("complaint_stage_two", "acknowledgement", 5, WORKING_DAYS, None),
        ("complaint_stage_two", "response", 20, WORKING_DAYS, "complaints.stage_two.acknowledgement"),
        ("complaint_stage_two", "extension", 20, WORKING_DAYS, "complaints.stage_two.response"),
    ],
)
def test_complaints(charter: Charter, stage: str, clock: str, amount: int, unit: Unit, starts_from: str | None) -> None:
    promise = getattr(getattr(charter, stage), clock)
    assert (promise.within.amount, promise.within.unit) == (amount, unit)
    assert promise.starts_from == starts_from
    assert promise.source.id == "001"


def test_stage_one_contact_is_the_manager(charter: Charter) -> None:
    contact = charter.complaint_stage_one.contact
    assert contact is not None and contact.key == "complaints.stage_one.manager_contact"
    assert "manager" in contact.we_will


def test_complaints_older_than_12_months_may_be_refused(charter: Charter) -> None:
    assert charter.complaint_time_limit.months == 12
    assert charter.complaint_time_limit.source.id == "001"


@pytest.mark.parametrize(
    "reason, refer_to",
    [
        (ExclusionReason.OLDER_THAN_12_MONTHS, None),
        (ExclusionReason.NEIGHBOUR_DISPUTE, "anti-social behaviour"),
        (ExclusionReason.CRIMINAL_ALLEGATION, "police"),
        (ExclusionReason.ALREADY_ANSWERED, None),
        (ExclusionReason.LEGAL_PROCEEDINGS, None),
    ],
)
def test_complaint_exclusions(charter: Charter, reason: ExclusionReason, refer_to: str | None) -> None:
    exclusion = charter.complaint_exclusions[reason]
    assert exclusion.explanation
    assert exclusion.source.id == "001"
    if refer_to is None:
        assert exclusion.refer_to is None
    else:
        assert refer_to in (exclusion.refer_to or "")


def test_a_refusal_is_explained_with_the_right_to_go_to_the_ombudsman(charter: Charter) -> None:
    assert "Housing Ombudsman" in charter.complaint_refusal.text
    assert "Housing Ombudsman" in charter.complaint_handling_code.explain_refusal.text


def test_an_enquiry_passed_to_a_colleague(charter: Charter) -> None:
    callback = charter.callback
    assert (callback.within.amount, callback.within.unit) == (2, WORKING_DAYS)
    assert callback.source.id == "000"


@pytest.mark.parametrize(
    "clock, amount, unit, starts_from",
    [
        ("emergency_hazard", 24, HOURS, None),
        ("significant_hazard.investigation", 10, WORKING_DAYS, None),
        ("significant_hazard.written_summary", 3, WORKING_DAYS, "investigation"),
        ("significant_hazard.safety_work_start", 5, WORKING_DAYS, "investigation"),
    ],
)
def test_awaabs_law(charter: Charter, clock: str, amount: int, unit: Unit, starts_from: str | None) -> None:
    promise = charter.awaabs_law
    for part in clock.split("."):
        promise = getattr(promise, part)
    assert (promise.within.amount, promise.within.unit) == (amount, unit)
    expected_start = starts_from and f"awaabs_law.significant_hazard.{starts_from}"
    assert promise.starts_from == expected_start
    assert promise.source.id == "awaabs_law"
    assert charter.awaabs_law.in_force == date(2025, 10, 27)


@pytest.mark.parametrize(
    "stage, clock, amount",
    [
        ("stage_one", "acknowledgement", 5),
        ("stage_one", "response", 10),
        ("stage_one", "extension", 10),
        ("stage_two", "acknowledgement", 5),
        ("stage_two", "response", 20),
        ("stage_two", "extension", 20),
    ],
)
def test_complaint_handling_code(charter: Charter, stage: str, clock: str, amount: int) -> None:
    promise = getattr(getattr(charter.complaint_handling_code, stage), clock)
    assert (promise.within.amount, promise.within.unit) == (amount, WORKING_DAYS)
    assert promise.source.id == "complaint_handling_code"


@pytest.mark.parametrize(
    "name, number",
    [
        ("gas", "0800 111 999"),
        ("emergency_services", "999"),
        ("silent_call", "55"),
        ("domestic_abuse", "0808 2000 247"),
        ("samaritans", "116 123"),
        ("housing_ombudsman", "0300 111 3000"),
    ],
)
def test_emergency_numbers(charter: Charter, name: str, number: str) -> None:
    assert getattr(charter.emergency_numbers, name).number == number


@pytest.mark.parametrize(
    "field, value",
    [
        ("phone", "03332 31 32 33"),
        ("email", "hello@connexus-group.co.uk"),
        ("social", "@weareconnexus"),
        ("postal_address", "Connexus, The Gateway, The Auction Yard, Craven Arms, SY7 9BW"),
        ("website", "www.connexus-group.co.uk"),
    ],
)
def test_contact_details(charter: Charter, field: str, value: str) -> None:
    assert getattr(charter.contact, field) == value


def test_office_hours_and_time_zone(charter: Charter) -> None:
    hours = charter.office_hours
    assert hours.days == frozenset({0, 1, 2, 3, 4})  # Monday to Friday
    assert (hours.opens, hours.closes) == (time(8, 30), time(17, 0))
    assert str(charter.timezone) == "Europe/London"


@pytest.mark.parametrize(
    "part, words",
    [
        ("grass", ("March and October", "twice a month", "April to September")),
        ("hedges", ("February", "August")),
    ],
)
def test_grounds(charter: Charter, part: str, words: tuple[str, ...]) -> None:
    schedule = getattr(charter.grounds, part)
    assert all(word in schedule.text for word in words)
    assert schedule.source.id == "003"


# --------------------------------------------------------------------------------------
# Provenance.


def test_the_sources_are_the_known_ones(charter: Charter) -> None:
    assert set(charter.sources) == KNOWN_SOURCES
    for source_id in ("000", "001", "003"):
        assert re.fullmatch(rf"{source_id}_[0-9a-f]{{16}}\.txt", charter.sources[source_id].seed or "")


def test_every_entry_names_a_known_source(charter: Charter, raw: dict) -> None:
    entries = charter.entries()
    assert all(entry.source.id in KNOWN_SOURCES for entry in entries)
    # ...and no sourced entry in the file is left out of entries().
    assert len(entries) == _count_source_keys(raw)
    assert len({entry.key for entry in entries}) == len(entries)


def _count_source_keys(node: Any) -> int:
    if isinstance(node, dict):
        return int("source" in node) + sum(_count_source_keys(value) for value in node.values())
    if isinstance(node, list):
        return sum(_count_source_keys(item) for item in node)
    return 0


def test_clocks_can_be_looked_up_by_key(charter: Charter) -> None:
    response = charter.promise("complaints.stage_one.response")
    assert charter.promise(response.starts_from or "") is charter.complaint_stage_one.acknowledgement
    with pytest.raises(KeyError):
        charter.promise("repairs.whenever")


# --------------------------------------------------------------------------------------
# Broken files are refused, naming the entry.


def _set(path: str, value: Any) -> Callable[[dict], None]:
    def change(data: dict) -> None:
        *parents, last = path.split(".")
        node = data
        for key in parents:
            node = node[key]
        node[last] = value

    return change


def _delete(path: str) -> Callable[[dict], None]:
    def change(data: dict) -> None:
        *parents, last = path.split(".")
        node = data
        for key in parents:
            node = node[key]
        del node[last]

    return change


@pytest.mark.parametrize(
    "change, message",
    [
        pytest.param(
            _delete("repairs.routine.within"),
            "charter.yml: repairs.routine.within is missing",
            id="missing timescale",
        ),
        pytest.param(
            _delete("repairs.emergency"),
            "charter.yml: repairs.emergency is missing",
            id="missing entry",
        ),
        pytest.param(
            _delete("asb.high_risk.respond.source"),
            "charter.yml: asb.high_risk.respond.source is missing",
            id="missing source",
        ),
        pytest.param(
            _set("repairs.routine.within.amount", "four"),
            "charter.yml: repairs.routine.within.amount must be a whole number",
            id="amount written in words",
        ),
        pytest.param(
            _set("repairs.routine.within.amount", 4.5),
            "charter.yml: repairs.routine.within.amount must be a whole number",
            id="fractional amount",
        ),
        pytest.param(
            _set("repairs.routine.within.amount", True),
            "charter.yml: repairs.routine.within.amount must be a whole number",
            id="yes is not an amount",
        ),
        pytest.param(
            _set("repairs.routine.within.amount", 0),
            "charter.yml: repairs.routine.within.amount must be greater than zero",
            id="zero amount",
        ),
        pytest.param(
            _set("repairs.routine.within", "17 days"),
            "charter.yml: repairs.routine.within must be a mapping",
            id="timescale as loose text",
        ),
        pytest.param(
            _set("repairs.routine.colour", "red"),
            "charter.yml: repairs.routine.colour is not a known entry",
            id="unknown key in an entry",
        ),
        pytest.param(
            _set("repairs.routine.within.roughly", True),
            "charter.yml: repairs.routine.within.roughly is not a known entry",
            id="unknown key in a timescale",
        ),
        pytest.param(
            _set("repairs.gardening", {"we_will": "dig", "within": {"amount": 1, "unit": "days"}}),
            "charter.yml: repairs.gardening is not a known entry",
            id="unknown repair category",
        ),
        pytest.param(
            _set("parking", {"source": "design"}),
            "charter.yml: parking is not a known entry",
            id="unknown top-level key",
        ),
        pytest.param(
            _set("repairs.routine.within.unit", "fortnights"),
            "charter.yml: repairs.routine.within.unit must be one of hours, days, working_days",
            id="unknown unit",
        ),
        pytest.param(
            _set("repairs.routine.source", "999"),
            "charter.yml: repairs.routine.source '999' is not declared in sources",
            id="unknown source",
        ),
        pytest.param(
            _set("repairs.routine.source", 3),
            "charter.yml: repairs.routine.source must be a source id as text",
            id="source id not quoted",
        ),
        pytest.param(
            _set("complaints.stage_one.response.from", "acknowledgment"),
            "charter.yml: complaints.stage_one.response.from names "
            "'complaints.stage_one.acknowledgment', which is not a clock",
            id="clock starting from a misspelt clock",
        ),
        pytest.param(
            _set("emergency_numbers.emergency_services.number", 999),
            "charter.yml: emergency_numbers.emergency_services.number must be text",
            id="phone number not quoted",
        ),
        pytest.param(
            _set("office_hours.closes", 1020),  # what YAML makes of an unquoted 17:00
            "charter.yml: office_hours.closes must be a time of day",
            id="closing time not quoted",
        ),
        pytest.param(
            _set("repairs.damp_mould.within", {"amount": 17, "unit": "days"}),
            "charter.yml: repairs.damp_mould.within must match awaabs_law.significant_hazard.investigation.within",
            id="damp and mould sent down the routine route",
        ),
        pytest.param(
            _set("complaints.stage_one.response.within.amount", 15),
            "charter.yml: complaints.stage_one.response.within (15 working days) is longer than "
            "complaint_handling_code.stage_one.response.within allows",
            id="promising less than the Complaint Handling Code",
        ),
        pytest.param(
            _set("complaints.time_limit.months", 6),
            "charter.yml: complaints.time_limit.rule says 12 months, but complaints.time_limit.months is 6",
            id="time limit changed but its rule still says 12 months",
        ),
    ],
)
def test_a_broken_charter_is_refused_naming_the_entry(
    tmp_path: Path, raw: dict, change: Callable[[dict], None], message: str
) -> None:
    broken = copy.deepcopy(raw)
    change(broken)
    with pytest.raises(CharterError, match=f"^{re.escape(message)}"):
        load_charter(write(tmp_path, broken))


def test_a_key_given_twice_is_refused(tmp_path: Path) -> None:
    text = DEFAULT_CHARTER_FILE.read_text(encoding="utf-8")
    doubled = text.replace("\n  urgent:\n", "\n  emergency:\n", 1)
    path = tmp_path / "charter.yml"
    path.write_text(doubled, encoding="utf-8")
    with pytest.raises(CharterError, match="duplicate key 'emergency'"):
        load_charter(path)


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(CharterError, match="cannot read the charter"):
        load_charter(tmp_path / "nowhere.yml")


# --------------------------------------------------------------------------------------
# Choosing the file.


def test_the_charter_file_environment_variable_is_honoured(
    tmp_path: Path, raw: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw["repairs"]["routine"]["within"]["amount"] = 21
    monkeypatch.setenv("CHARTER_FILE", str(write(tmp_path, raw)))
    assert load_charter().repair(RepairPriority.ROUTINE).within.amount == 21
    assert load_charter(DEFAULT_CHARTER_FILE).repair(RepairPriority.ROUTINE).within.amount == 17


def test_the_default_file_does_not_depend_on_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CHARTER_FILE", raising=False)
    monkeypatch.chdir(tmp_path)
    assert load_charter().path == DEFAULT_CHARTER_FILE


def test_the_charter_package_does_not_import_rasa() -> None:
    modules = sorted((REPO_ROOT / "bot" / "charter").glob("*.py"))
    assert modules, "bot/charter/ has no modules"
    for module in modules:
        source = module.read_text(encoding="utf-8")
        assert not re.search(r"^\s*(from|import)\s+rasa", source, flags=re.MULTILINE), module.name
