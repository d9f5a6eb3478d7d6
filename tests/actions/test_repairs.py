import pytest
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.repairs import ActionSubmitRepair, ValidateRepairForm
from bot.charter import RepairPriority
from tests.actions.conftest import rendered, tracker


@pytest.mark.parametrize(
    "is_emergency, priority, promised",
    [
        (True, RepairPriority.EMERGENCY, "We will attend within 4 hours to make it safe, by 20:00 today."),
        (False, RepairPriority.ROUTINE, "We complete routine repairs within 17 days, so by Monday 14 December."),
    ],
)
async def test_a_repair_is_logged_and_the_tenant_told_when(desk, domain, is_emergency, priority, promised):
    dispatcher = CollectingDispatcher()
    events = await ActionSubmitRepair().run(
        dispatcher,
        tracker({"repair_description": "ceiling leaking", "repair_is_emergency": is_emergency}),
        domain,
    )
    [text] = rendered(dispatcher, domain)
    [case] = desk.cases.for_conversation("tenant-1")
    assert case.category == priority.value
    assert case.description == "ceiling leaking"
    assert case.reference in text
    assert promised in text
    assert SlotSet("repair_description", None) in events


@pytest.mark.parametrize(
    "said, requested_slot, kept",
    [
        ("i need to report a repair", None, None),
        ("my toilet won't flush", None, "my toilet won't flush"),
        ("i need to report a repair", "repair_description", "i need to report a repair"),
    ],
)
def test_the_repair_form_asks_what_is_wrong_only_when_it_was_not_said(domain, said, requested_slot, kept):
    result = ValidateRepairForm().validate_repair_description(
        said, CollectingDispatcher(), tracker(requested_slot=requested_slot), domain
    )
    assert result == {"repair_description": kept}
