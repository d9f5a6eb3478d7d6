"""The survey after a repair: awaiting the tenant's answer, and keeping it with the case.

A survey is decided when a repair is completed (bot.updates.completion) and sent like any
update. Once it has reached the tenant (sent, or shown on the web chat page) their address
awaits an answer for ANSWER_WINDOW: the connectors say so with each message from it
(bot/rasa/channels/common.py), and the assistant reads the message as the answer when it is one
(bot.answers.answers_the_survey; bot/rasa/survey_policy.py). Only the newest survey to an
address is awaited.

What an answer does (`Surveys.take_answer`):
- a score (with or without a comment): kept, and the survey is answered;
- a comment with no score: kept, and the tenant is asked once for a score;
- after that, another message with no score: kept with the comment, and the survey is answered
  without a score (it counts in no mean);
- "no thanks": the survey is closed, nothing kept.
Each answer kept is written on the case's history as `survey_answered`.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any, Dict, Mapping, Optional

from sqlalchemy import select, update
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from bot.answers.ratings import Rating, declines_survey
from bot.cases import CaseEventRecord, CaseRecord, from_stored, stored_utc
from bot.updates.records import RepairSurveyRecord

# How long after the survey reached them a tenant's message may be its answer.
ANSWER_WINDOW = timedelta(days=3)
# A score at or below this is a tenant let down: they are offered a person or a complaint.
LET_DOWN = 2
# The longest comment kept (a tenant may write a lot; the case is not the place for an essay).
MAX_COMMENT_CHARS = 2000


class Answered(enum.Enum):
    """What became of a message taken as the survey's answer."""

    SCORED = "scored"  # a score, with or without a comment: answered
    NUMBER_ASKED = "number_asked"  # a comment with no score: asked once for one
    COMMENT_ONLY = "comment_only"  # still no score when asked: answered with the comment alone
    DECLINED = "declined"  # "no thanks": closed, nothing kept
    NOT_AWAITED = "not_awaited"  # no survey awaits an answer here (answered already, or too late)


@dataclass(frozen=True)
class AwaitedSurvey:
    """A survey whose answer the tenant's next message may be."""

    reference: str
    asked_at: datetime
    answer_by: datetime
    number_asked: bool


@dataclass(frozen=True)
class TakenAnswer:
    answered: Answered
    reference: Optional[str] = None
    score: Optional[int] = None
    comment: Optional[str] = None


@dataclass(frozen=True)
class SurveyAnswer:
    """A survey as the case keeps it."""

    reference: str
    asked_at: datetime
    score: Optional[int]
    comment: Optional[str]
    answered_at: Optional[datetime]


# The name under which a message's metadata says a survey awaits its answer.
METADATA_KEY = "survey"


def as_metadata(awaited: AwaitedSurvey) -> Dict[str, Any]:
    """What the connectors send with a message from an address whose survey awaits an answer:
    the case, and when the survey reached the tenant, as a POSIX time Rasa's events can be
    compared with."""
    return {
        METADATA_KEY: {
            "reference": awaited.reference,
            "asked_at": awaited.asked_at.timestamp(),
            "number_asked": awaited.number_asked,
        }
    }


def from_metadata(metadata: Optional[Mapping[str, Any]]) -> Optional[AwaitedSurvey]:
    """The awaited survey a message's metadata names, or None (none, or not readable)."""
    found = (metadata or {}).get(METADATA_KEY)
    if not isinstance(found, Mapping):
        return None
    try:
        asked_at = datetime.fromtimestamp(float(found["asked_at"]), tz=timezone.utc)
        return AwaitedSurvey(str(found["reference"]), asked_at, asked_at + ANSWER_WINDOW, bool(found["number_asked"]))
    except (KeyError, TypeError, ValueError, OverflowError):
        return None


# The assistant's reply to each answer (domain/surveys.yml).
REPLIES = {
    Answered.NUMBER_ASKED: "utter_survey_ask_number",
    Answered.COMMENT_ONLY: "utter_survey_thanks_comment",
    Answered.DECLINED: "utter_survey_declined",
    Answered.NOT_AWAITED: "utter_survey_not_awaited",
}


def reply_to(taken: TakenAnswer) -> str:
    """The response that answers the tenant: thanks, and for a score of LET_DOWN or less, an
    apology with a person or a complaint offered."""
    if taken.answered is Answered.SCORED:
        return "utter_survey_sorry" if (taken.score or 0) <= LET_DOWN else "utter_survey_thanks"
    return REPLIES[taken.answered]


def open_survey(session: Session, case_id: int, channel: str, address: str, at: datetime) -> None:
    """The survey has reached the tenant: their address awaits its answer from now, and no
    longer any older survey's. Called in the transaction that records the delivery."""
    moment = stored_utc(at)
    if session.execute(select(RepairSurveyRecord.id).where(RepairSurveyRecord.case_id == case_id)).first():
        return
    session.execute(
        update(RepairSurveyRecord)
        .where(
            RepairSurveyRecord.channel == channel,
            RepairSurveyRecord.address == address,
            RepairSurveyRecord.answer_by > moment,
        )
        .values(answer_by=moment)
        .execution_options(synchronize_session=False)
    )
    session.add(
        RepairSurveyRecord(
            case_id=case_id, channel=channel, address=address, asked_at=moment, answer_by=moment + ANSWER_WINDOW
        )
    )


def _joined(earlier: Optional[str], more: str) -> Optional[str]:
    text = " / ".join(part for part in (earlier, more.strip()) if part)
    return text[:MAX_COMMENT_CHARS] or None


class Surveys:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def awaited(self, channel: str, address: str, now: datetime) -> Optional[AwaitedSurvey]:
        """The survey this address's next message may answer, or None."""
        with Session(self._engine, future=True) as session:
            found = session.execute(self._awaited(channel, address, now)).first()
            if found is None:
                return None
            row, reference = found
            return AwaitedSurvey(
                reference=reference,
                asked_at=from_stored(row.asked_at),
                answer_by=from_stored(row.answer_by),
                number_asked=row.number_asked_at is not None,
            )

    def take_answer(self, channel: str, address: str, rating: Rating, text: str, now: datetime) -> TakenAnswer:
        """Keep the tenant's answer to the survey awaited at this address, by the rules above."""
        moment = stored_utc(now)
        with Session(self._engine, future=True) as session, session.begin():
            found = session.execute(self._awaited(channel, address, now).with_for_update()).first()
            if found is None:
                return TakenAnswer(Answered.NOT_AWAITED)
            row, reference = found
            if rating.score is None and not row.number_asked_at and declines_survey(text):
                row.answer_by = moment
                return TakenAnswer(Answered.DECLINED, reference)
            if rating.score is not None:
                answered = Answered.SCORED
                row.score = rating.score
                row.answer_by = moment
            elif row.number_asked_at is None:
                answered = Answered.NUMBER_ASKED
                row.number_asked_at = moment
            else:
                answered = Answered.COMMENT_ONLY
                row.answer_by = moment
            if not (answered is Answered.COMMENT_ONLY and declines_survey(text)):
                row.comment = _joined(row.comment, rating.comment)
            row.answered_at = moment
            detail: Dict[str, Any] = {"score": row.score, "comment": row.comment}
            session.add(
                CaseEventRecord(case_id=row.case_id, at=moment, kind="survey_answered", actor="tenant", detail=detail)
            )
            return TakenAnswer(answered, reference, row.score, row.comment)

    def for_case(self, reference: str) -> Optional[SurveyAnswer]:
        with Session(self._engine, future=True) as session:
            found = session.execute(
                select(RepairSurveyRecord)
                .join(CaseRecord, CaseRecord.id == RepairSurveyRecord.case_id)
                .where(CaseRecord.reference == reference)
            ).scalar_one_or_none()
            if found is None:
                return None
            return SurveyAnswer(
                reference=reference,
                asked_at=from_stored(found.asked_at),
                score=found.score,
                comment=found.comment,
                answered_at=from_stored(found.answered_at),
            )

    @staticmethod
    def _awaited(channel: str, address: str, now: datetime) -> Any:
        return (
            select(RepairSurveyRecord, CaseRecord.reference)
            .join(CaseRecord, CaseRecord.id == RepairSurveyRecord.case_id)
            .where(
                RepairSurveyRecord.channel == channel,
                RepairSurveyRecord.address == address,
                RepairSurveyRecord.answer_by > stored_utc(now),
            )
            .order_by(RepairSurveyRecord.asked_at.desc(), RepairSurveyRecord.id.desc())
            .limit(1)
        )
