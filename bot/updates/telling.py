"""Deciding to tell a tenant something about their case: the words, from the domain, and when.

The words are rendered when the update is decided, with what is true then (the date promised,
the visit booked), so the message and the case's history say the same thing however late it
is delivered. An update by the clock (a date near or passed), and the survey after a repair,
wait for the day: nobody is texted about a repair at three in the morning.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from pathlib import Path
from typing import Dict, Mapping, Optional

from bot.cases import CaseSummary
from bot.domain_words import DOMAIN_FOLDER, load_response
from bot.intake import Desk
from bot.providers.twilio import WHATSAPP
from bot.replies import charter_facts
from bot.updates.kinds import UpdateKind
from bot.updates.routes import SMS_OR_WHATSAPP, never_messaged
from bot.updates.store import Updates
from bot.working_days import describe_due

# Updates by the clock go between these local times; outside them they wait for the morning.
DAY_STARTS = time(8, 0)
DAY_ENDS = time(20, 0)
# Said after every update by SMS, as UK practice and Twilio's opt-out handling expect.
SMS_STOP_HINT = "utter_update_sms_stop_hint"

# After a complaint's response, what the tenant can do next: ask for stage 2, or, after the final
# response, go to the Housing Ombudsman.
COMPLAINT_NEXT_STEPS = {
    1: "utter_update_complaint_next_stage_two",
    2: "utter_update_complaint_next_ombudsman",
}


class Teller:
    """Decides updates for cases: what the domain says, on the case's own channel, once."""

    def __init__(self, desk: Desk, domain_folder: Path = DOMAIN_FOLDER) -> None:
        self.desk = desk
        self.updates = Updates(desk.cases.engine)
        self.calendar = desk.calendar
        self._domain_folder = domain_folder
        self._facts = charter_facts(desk.charter)

    def tell(
        self,
        case: CaseSummary,
        kind: UpdateKind,
        now: datetime,
        values: Optional[Mapping[str, str]] = None,
        once: str = "",
    ) -> bool:
        """Decide this update; False when it was decided before (the same `once`)."""
        key = f"{kind.value}:{case.reference}:{once}"
        if self.updates.decided(key):
            return False
        filled = {**self._facts, **self.case_values(case, now), **(values or {})}
        text = load_response(kind.response, filled, self._domain_folder)
        if case.channel == SMS_OR_WHATSAPP and not case.conversation_id.startswith(WHATSAPP):
            text = f"{text}\n{load_response(SMS_STOP_HINT, filled, self._domain_folder)}"
        send_after = self.in_the_day(now + kind.delay) if kind.waits_for_the_day else now + kind.delay
        return self.updates.add(
            case.reference, kind, key, text, now, send_after, not_sent_because=never_messaged(case.kind)
        )

    def case_values(self, case: CaseSummary, now: datetime) -> Dict[str, str]:
        """What every update may quote of the case: its reference, its next date and the
        promise that date keeps."""
        due = case.first_due_at.astimezone(self.calendar.tz)
        return {
            "reference": case.reference,
            "due": describe_due(due.date() if case.first_due_whole_day else due, now.astimezone(self.calendar.tz)),
            "promise": self.promise_due(case),
        }

    def promise_due(self, case: CaseSummary) -> str:
        """What was promised for the case's next date, in the charter's words."""
        for deadline in self.desk.cases.deadlines(case.reference):
            if deadline.due_at == case.first_due_at:
                try:
                    return self.desk.charter.promise(deadline.promise).we_will
                except KeyError:
                    break
        return "get back to you"

    def complaint_next_step(self, case: CaseSummary, stage: int) -> Dict[str, str]:
        """The `next_step` a complaint response's update quotes, for the stage just answered."""
        name = COMPLAINT_NEXT_STEPS[min(max(stage, 1), 2)]
        return {"next_step": load_response(name, {**self._facts, "reference": case.reference}, self._domain_folder)}

    def in_the_day(self, now: datetime) -> datetime:
        """Now, if it is day; else the next morning at DAY_STARTS, local time."""
        local = now.astimezone(self.calendar.tz)
        if DAY_STARTS <= local.time() < DAY_ENDS:
            return now
        day = local.date() if local.time() < DAY_STARTS else local.date() + timedelta(days=1)
        return datetime.combine(day, DAY_STARTS, tzinfo=self.calendar.tz)
