"""The visit for a repair that is not same-day: offered once the repair is logged, and booked,
moved or cancelled later by message ("can I change my appointment", "cancel the visit for
REP-..."). What may be booked, and when, is bot/visits/'s to decide; the answer is read from the
tenant's words by bot/answers/visits.py; here only the conversation.

One form, `visit_form`: which repair (`visit_case`: known when the repair was just logged, else
read from the message or the tenant's own open repairs) and the time (`visit_choice`: a time
shown, none of them, or cancelling). A tenant who writes "none of those" is not handed to a
person: nothing is booked, the case's history says so, and the repairs team arranges the visit.
"""

from datetime import date
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.tenant import (
    NOT_GIVEN,
    TenantDetailsValidation,
    answered_since_the_message,
    identity_of,
    latest_words,
    read_answer,
    requested,
)
from bot import services
from bot.answers import CANCEL_VISIT, NONE_OF_THESE, asks_to_change_visit, visit_chosen, wants_cancelling
from bot.cases import CaseSummary, references_in
from bot.lookups import Purpose, may_disclose
from bot.rasa.dialogue import VISIT_FORM
from bot.visits import NotBookable, SlotUnavailable, Visits, VisitSlot, WhyNot, slot_for, visit_calendar
from bot.visits import why_not_bookable

FORM = VISIT_FORM
# visit_case when no repair of the tenant's can be found: the form ends and says so.
NO_CASE = "none"
VISIT_SLOTS = ("visit_case", "visit_choice", "visit_offered")
ACTOR = "tenant"


def visits() -> Visits:
    return Visits(services.desk(), visit_calendar())


def today() -> date:
    return services.now().date()


def offer_a_visit(reference: Text) -> List[EventType]:
    """After a repair is logged: the visit form, when the repair has a visit to book and there
    is a time to offer; nothing otherwise (a same-day repair, say)."""
    case = services.desk().cases.find(reference)
    if case is None or why_not_bookable(case) is not None or not visits().offered(case, services.now()):
        return []
    return [
        SlotSet("visit_case", reference),
        SlotSet("visit_choice", None),
        SlotSet("visit_offered", None),
        FollowupAction(FORM),
    ]


def started_by_the_tenant(tracker: Tracker) -> bool:
    """The form was started by the tenant's own message ("can I change my appointment",
    bot/rasa/answer_policy.py), which may already say which time or that it is to be cancelled;
    not after a repair was logged, when the latest message is the yes to its read-back."""
    return asks_to_change_visit(latest_words(tracker)) and not tracker.get_slot("requested_slot")


def the_case(tracker: Tracker) -> Optional[CaseSummary]:
    reference = tracker.get_slot("visit_case")
    if not reference or reference == NO_CASE:
        return None
    return services.desk().cases.find(reference)


def candidates(tracker: Tracker, cancelling: bool) -> List[CaseSummary]:
    """The tenant's open repairs a visit could be for: those with one booked, to cancel; those
    with a visit to book, otherwise."""
    booking = visits()
    found = booking.repairs_of(tracker.sender_id, identity_of(tracker))
    if cancelling:
        return [case for case in found if booking.current(case.reference) is not None]
    return [case for case in found if why_not_bookable(case) is None]


def shown(tracker: Tracker) -> List[VisitSlot]:
    calendar = visit_calendar()
    keys = tracker.get_slot("visit_offered") or []
    return [slot for slot in (slot_for(key, calendar) for key in keys) if slot is not None]


def as_value(chosen: Any) -> Any:
    """What the form keeps of a choice: a slot's key, or NONE_OF_THESE / CANCEL_VISIT."""
    if isinstance(chosen, tuple):
        day, half = chosen
        return f"{day.isoformat()}:{half}"
    return chosen


class ValidateVisitForm(TenantDetailsValidation, FormValidationAction):
    """Which repair, and which time, from the tenant's words."""

    def name(self) -> Text:
        return "validate_visit_form"

    async def required_slots(
        self, domain_slots: List[Text], dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Text]:
        reference = tracker.get_slot("visit_case")
        if reference is None or tracker.get_slot("visit_choice") is not None:
            return domain_slots
        case = the_case(tracker)
        if case is None or why_not_bookable(case) is not None or not visits().offered(case, services.now()):
            return ["visit_case"]  # nothing to choose from: the submit says why
        return domain_slots

    async def extract_visit_case(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        if tracker.get_slot("visit_case"):
            return {}
        asked = requested(tracker, "visit_case")
        if not asked and not started_by_the_tenant(tracker):
            return {}
        text = latest_words(tracker)
        named = references_in(text)
        if named:
            found = services.desk().cases.find_for(named[0], tracker.sender_id, identity=identity_of(tracker))
            # Someone else's reference, or none at all: the same words either way.
            return {"visit_case": named[0] if may_disclose(found, Purpose.VISIT) else NO_CASE, "reasked": None}
        if asked:
            # Not a reference: asked once more, then given up on ("not given" is no repair).
            found = read_answer("visit_case", lambda words: None, dispatcher, tracker)
            return {**found, "visit_case": NO_CASE} if found.get("visit_case") == NOT_GIVEN else found
        cancelling = wants_cancelling(text)
        # Nothing booked to cancel: their repair all the same, to be told there is nothing booked.
        theirs = (cancelling and candidates(tracker, cancelling=True)) or candidates(tracker, cancelling=False)
        if len(theirs) == 1:
            return {"visit_case": theirs[0].reference}
        return {} if theirs else {"visit_case": NO_CASE}

    async def extract_visit_choice(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        if tracker.get_slot("visit_choice") is not None:
            return {}
        if requested(tracker, "visit_choice"):
            offered = [(slot.day, slot.half_day) for slot in shown(tracker)]
            found = read_answer(
                "visit_choice", lambda words: as_value(visit_chosen(words, offered, today())), dispatcher, tracker
            )
            if found.get("visit_choice") == NOT_GIVEN:
                # Asked twice without an answer that could be read: a person arranges it.
                return {**found, "visit_choice": NONE_OF_THESE}
            return found
        if not started_by_the_tenant(tracker):
            return {}
        text = latest_words(tracker)
        case = the_case(tracker)
        offered = [(slot.day, slot.half_day) for slot in visits().offered(case, services.now())] if case else []
        chosen = visit_chosen(text, offered, today()) if offered else None
        if isinstance(chosen, tuple):
            return {"visit_choice": as_value(chosen)}  # "can I move it to thursday afternoon"
        return {"visit_choice": CANCEL_VISIT} if wants_cancelling(text) else {}


class ActionAskVisitCase(Action):
    """Which repair: the tenant's own, each a button with its reference."""

    def name(self) -> Text:
        return "action_ask_visit_case"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        again = tracker.get_slot("reasked") == "visit_case" and not answered_since_the_message(tracker)
        cancelling = tracker.get_slot("visit_choice") == CANCEL_VISIT
        buttons = [{"title": c.reference, "payload": c.reference} for c in candidates(tracker, cancelling)[:12]]
        dispatcher.utter_message(response=f"utter_{'reask' if again else 'ask'}_visit_case", buttons=buttons)
        return []


class ActionAskVisitChoice(Action):
    """The times that can be booked now, each a button sending its words, and "None of these"."""

    def name(self) -> Text:
        return "action_ask_visit_choice"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        case = the_case(tracker)
        if case is None:
            return []
        now, booking = services.now(), visits()
        offered = booking.offered(case, now)
        again = tracker.get_slot("reasked") == "visit_choice" and not answered_since_the_message(tracker)
        current = booking.current(case.reference)
        if current is not None and not again:
            dispatcher.utter_message(
                response="utter_visit_now_booked", reference=case.reference, visit=current.slot.words(now.date())
            )
        none_of_these = domain["responses"]["utter_visit_none_of_these"][0]["text"]
        buttons = [{"title": slot.title, "payload": slot.button_words(now.date())} for slot in offered]
        buttons.append({"title": none_of_these, "payload": none_of_these})
        hours = ", ".join(f"{half.name} {half.hours}" for half in booking.calendar.half_days)
        dispatcher.utter_message(
            response=f"utter_{'reask' if again else 'ask'}_visit_choice",
            reference=case.reference,
            hours=hours,
            buttons=buttons,
        )
        return [SlotSet("visit_offered", [slot.key for slot in offered])]


def _when_said_in_words(tracker: Tracker, domain: DomainDict) -> Optional[Text]:
    """What the tenant wrote of when suits them, if they wrote it rather than pressing "None of these"."""
    text = ((tracker.latest_message or {}).get("text") or "").strip()
    button = domain["responses"]["utter_visit_none_of_these"][0]["text"]
    return text if text and text.lower() != button.lower() and not text.startswith("/") else None


class ActionSubmitVisit(Action):
    """Books, moves or cancels the visit, or notes that a person must arrange it, and says so."""

    def name(self) -> Text:
        return "action_submit_visit"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        done: List[EventType] = [SlotSet(slot, None) for slot in (*VISIT_SLOTS, "reasked")]
        case, choice, now = the_case(tracker), tracker.get_slot("visit_choice"), services.now()
        if case is None:
            dispatcher.utter_message(response="utter_visit_case_not_found")
            return done
        booking, reference, today = visits(), case.reference, now.date()
        if choice == CANCEL_VISIT:
            cancelled = booking.cancel(reference, now, ACTOR)
            if cancelled is None:
                dispatcher.utter_message(response="utter_visit_nothing_to_cancel", reference=reference)
            else:
                dispatcher.utter_message(
                    response="utter_visit_cancelled", reference=reference, visit=cancelled.slot.words(today)
                )
            return done
        why = why_not_bookable(case)
        if why is not None:
            not_needed = {
                WhyNot.SAME_DAY: "utter_visit_not_needed_same_day",
                WhyNot.COMPLETED: "utter_visit_not_needed_completed",
            }
            dispatcher.utter_message(response=not_needed.get(why, "utter_visit_case_not_found"), reference=reference)
            return done
        if choice in (None, NONE_OF_THESE, NOT_GIVEN):
            booking.to_arrange(reference, now, ACTOR, said=_when_said_in_words(tracker, domain))
            current = booking.current(reference)
            if choice is None:
                dispatcher.utter_message(response="utter_visit_no_times", reference=reference)
            elif current is not None:
                dispatcher.utter_message(
                    response="utter_visit_to_arrange_keeping", reference=reference, visit=current.slot.words(today)
                )
            else:
                dispatcher.utter_message(response="utter_visit_to_arrange", reference=reference)
            return done
        try:
            booked = booking.book(reference, choice, now, ACTOR)
        except (SlotUnavailable, NotBookable):
            # Taken since it was shown: the times are offered again.
            dispatcher.utter_message(response="utter_visit_slot_taken")
            return [SlotSet("visit_choice", None), SlotSet("visit_offered", None), FollowupAction(FORM)]
        visit = booked.visit.slot.words(today)
        if booked.replaced is not None:
            was = booked.replaced.slot.words(today)
            dispatcher.utter_message(response="utter_visit_moved", reference=reference, visit=visit, was=was)
        else:
            dispatcher.utter_message(response="utter_visit_booked", reference=reference, visit=visit)
        return done


def visit_left(dispatcher: CollectingDispatcher, tracker: Tracker) -> List[EventType]:
    """The tenant left the question ("forget it"): what stands, said (actions/session.py)."""
    case = the_case(tracker)
    current = visits().current(case.reference) if case else None
    if current is not None:
        dispatcher.utter_message(response="utter_visit_left_booked", visit=current.slot.words(today()))
    elif case is not None:
        dispatcher.utter_message(response="utter_visit_left_unbooked", reference=case.reference)
    else:
        dispatcher.utter_message(response="utter_anything_else")
    return [SlotSet("visit_offered", None)]
