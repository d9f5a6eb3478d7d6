"""Keeping tenants informed without being asked (issue 18).

- `kinds`: what a tenant is told, each with its domain response;
- `records` and `store`: the updates table, claimed by one worker, with each delivery recorded,
  and what each address allows (when the tenant last wrote, STOP);
- `routes`: each platform's rules (WhatsApp's and Messenger's 24 hours, STOP, the web chat);
- `telling`: deciding an update, in the domain's words, on the case's own channel;
- `schedule`: the reminder before a date and the apology after it, and the reminder of a visit;
- `completion`: what completing a case tells the tenant (`after_completion`, which the console
  calls): that it is done, and for a repair, an hour later, the survey;
- `surveys`: the survey's answer awaited from the tenant's address, and kept with the case;
- `delivery`: one attempt through Twilio or Messenger;
- `worker`: the process that runs them, `python -m bot.updates.worker`.
"""

from bot.updates.completion import after_completion
from bot.updates.kinds import UpdateKind
from bot.updates.store import Contact, Outcome, TenantUpdate, Updates, UpdateStatus
from bot.updates.telling import Teller

__all__ = [
    "Contact",
    "Outcome",
    "Teller",
    "TenantUpdate",
    "UpdateKind",
    "UpdateStatus",
    "Updates",
    "after_completion",
]
