"""How urgent one repair priority is beside another, and which repairs are attended the same day.

The triage raises a repair to the more urgent of what the model said and what the rules saw,
the repair form raises it again by the tenant's answers, and a same-day repair is never held
back: not to ask the form's questions, not to answer a timescale question first, not to take
another report first. One order and one set, so that those three never disagree.
"""

from __future__ import annotations

from typing import Optional, Tuple

from bot.charter import RepairPriority

# Repairs we attend the same day: there is no visit to plan and nothing to wait for.
SAME_DAY_PRIORITIES = frozenset({RepairPriority.EMERGENCY, RepairPriority.URGENT})

# Most urgent first. Damp and mould sit above routine: Awaab's Law keeps them off the 17-day route.
URGENCY: Tuple[RepairPriority, ...] = (
    RepairPriority.EMERGENCY,
    RepairPriority.URGENT,
    RepairPriority.DAMP_MOULD,
    RepairPriority.ROUTINE,
    RepairPriority.EXTERNAL,
    RepairPriority.MAJOR,
)


def more_urgent(first: Optional[RepairPriority], second: Optional[RepairPriority]) -> Optional[RepairPriority]:
    """The more urgent of two priorities, either of which may be unknown (None only when both are)."""
    candidates = [p for p in (first, second) if p is not None]
    return min(candidates, key=URGENCY.index) if candidates else None
