"""What a tenant is told unasked about their case, each with the domain response that says it."""

from __future__ import annotations

import enum
from datetime import timedelta


class UpdateKind(enum.Enum):
    """An update's kind; the value is stored with it."""

    VISIT_BOOKED = "visit_booked"
    VISIT_REMINDER = "visit_reminder"
    ON_THE_WAY = "on_the_way"
    COMPLETED = "completed"
    COMPLAINT_ACKNOWLEDGED = "complaint_acknowledged"
    COMPLAINT_EXTENDED = "complaint_extended"
    COMPLAINT_RESPONSE_SENT = "complaint_response_sent"
    COMPLAINT_STAGE_MOVED = "complaint_stage_moved"
    DUE_TOMORROW = "due_tomorrow"
    OVERDUE = "overdue"
    # After a repair is completed: how did we do, from 1 to 5 (bot.updates.surveys).
    SURVEY = "survey"

    @property
    def response(self) -> str:
        """The domain response that says it (domain/updates.yml)."""
        return RESPONSES[self]

    @property
    def by_the_clock(self) -> bool:
        """Sent because a date came, not because someone did something: these wait for the
        day (QUIET_HOURS), where a member of staff's news goes when they record it."""
        return self in (UpdateKind.DUE_TOMORROW, UpdateKind.OVERDUE, UpdateKind.VISIT_REMINDER)

    @property
    def waits_for_the_day(self) -> bool:
        """Updates by the clock, and the survey: news nobody is waiting for is not sent at
        night, and nobody is asked for their opinion of a repair at three in the morning."""
        return self.by_the_clock or self is UpdateKind.SURVEY

    @property
    def delay(self) -> timedelta:
        """How long after it is decided it may go: the survey waits for the operative to have
        left and the tenant to have seen the work (then for the day, if that is at night)."""
        return DELAYS.get(self, timedelta(0))


RESPONSES = {
    UpdateKind.VISIT_BOOKED: "utter_update_visit_booked",
    UpdateKind.VISIT_REMINDER: "utter_update_visit_reminder",
    UpdateKind.ON_THE_WAY: "utter_update_on_the_way",
    UpdateKind.COMPLETED: "utter_update_completed",
    UpdateKind.COMPLAINT_ACKNOWLEDGED: "utter_update_complaint_acknowledged",
    UpdateKind.COMPLAINT_EXTENDED: "utter_update_complaint_extended",
    UpdateKind.COMPLAINT_RESPONSE_SENT: "utter_update_complaint_response_sent",
    UpdateKind.COMPLAINT_STAGE_MOVED: "utter_update_complaint_stage_moved",
    UpdateKind.DUE_TOMORROW: "utter_update_due_tomorrow",
    UpdateKind.OVERDUE: "utter_update_overdue",
    UpdateKind.SURVEY: "utter_update_survey",
}

DELAYS = {UpdateKind.SURVEY: timedelta(hours=1)}
