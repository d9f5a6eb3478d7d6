"""The updates worker: `python -m bot.updates.worker`, one beside each replica.

Every few seconds it decides the reminders and apologies that dates call for, and the reminders
of tomorrow's visits (bot.updates.schedule), then sends what is due: each update claimed by one worker alone, sent
the way its channel's rules allow now (bot.updates.routes), and its outcome recorded, to be
tried again with backing off when the provider could not take it. It holds nothing in memory
that a restart would lose: what is decided and what is sent are in the case database.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import socket
from datetime import datetime
from typing import Callable, List, Optional

from aiohttp import ClientSession

from bot import services
from bot.providers.messenger import MessengerSettings
from bot.providers.twilio import TwilioSettings
from bot.settings import setting
from bot.updates.delivery import deliver
from bot.updates.completion import survey_still_wanted
from bot.updates.kinds import UpdateKind
from bot.updates.routes import Route, Way, route_for
from bot.updates.schedule import own_up_to_dates, remind_of_visits
from bot.updates.telling import Teller

logger = logging.getLogger(__name__)

INTERVAL_SECONDS = 15.0


class UpdatesWorker:
    def __init__(
        self,
        teller: Teller,
        twilio: Optional[TwilioSettings] = None,
        messenger: Optional[MessengerSettings] = None,
        whatsapp_template: Optional[str] = None,
        name: Optional[str] = None,
    ) -> None:
        self.teller = teller
        self.updates = teller.updates
        self.twilio = twilio
        self.messenger = messenger
        self.whatsapp_template = whatsapp_template
        self.name = name or f"{socket.gethostname()}:{os.getpid()}"

    async def run_once(self, http: ClientSession, now: datetime) -> int:
        """One pass: decide what dates call for, then send what is due; how many were sent or kept."""
        own_up_to_dates(self.teller, now)
        remind_of_visits(self.teller, now)
        handled = 0
        for update in self.updates.claim(now, self.name):
            contact = self.updates.contact(update.channel, update.address)
            route = route_for(update.kind, update.channel, update.address, contact, now, self.whatsapp_template)
            if update.kind is UpdateKind.SURVEY and not self._survey_still_wanted(update.reference):
                route = Route(Way.NONE, why_not="the case was reopened after the survey was decided")
            outcome = await deliver(update, route, http, self.twilio, self.messenger)
            self.updates.record(update.id, outcome, now)
            logger.info("update %d (%s, %s): %s", update.id, update.kind.value, update.channel, outcome.status.value)
            handled += 1
        return handled

    def _survey_still_wanted(self, reference: str) -> bool:
        case = self.teller.desk.cases.find(reference)
        return case is not None and survey_still_wanted(case)

    async def run(self, interval: float = INTERVAL_SECONDS, clock: Callable[[], datetime] = services.now) -> None:
        async with ClientSession() as http:
            while True:
                try:
                    await self.run_once(http, clock())
                except Exception:  # a database restart, say: the next pass tries again
                    logger.exception("updates: a pass failed; trying again in %.0f s", interval)
                await asyncio.sleep(interval)


def worker_from_environment() -> UpdatesWorker:
    return UpdatesWorker(
        Teller(services.desk()),
        twilio=TwilioSettings.from_environment(),
        messenger=MessengerSettings.from_environment(),
        whatsapp_template=setting("TWILIO_WHATSAPP_UPDATE_TEMPLATE", None) or None,
    )


def main(argv: Optional[List[str]] = None) -> None:
    parser = argparse.ArgumentParser(description="Send tenants the updates their cases call for.")
    parser.add_argument("--interval", type=float, default=INTERVAL_SECONDS, help="seconds between passes")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    asyncio.run(worker_from_environment().run(args.interval))


if __name__ == "__main__":
    main()
