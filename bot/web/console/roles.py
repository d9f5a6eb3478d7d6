"""Who in the landlord's staff may see what: least privilege, by team.

Every account has one role. A role sees the cases of its own kinds and the conversations
handed over for its own reasons; nothing else is listed, shown or counted for it. Domestic abuse
is the safeguarding team's alone, administrators included, because a household's safety can
depend on who reads where the victim can be reached.
"""

from __future__ import annotations

import enum
from typing import Dict, FrozenSet

from bot.cases import CaseKind
from bot.handoff import HandoffReason


class StaffRole(enum.Enum):
    CONTACT_CENTRE = "contact_centre"
    ASB_TEAM = "asb_team"
    SAFEGUARDING = "safeguarding"
    COMPLAINTS = "complaints"
    ADMIN = "admin"

    @property
    def label(self) -> str:
        return {
            "contact_centre": "Contact centre",
            "asb_team": "ASB team",
            "safeguarding": "Safeguarding",
            "complaints": "Complaints",
            "admin": "Administrator",
        }[self.value]


ALL_BUT_ABUSE = frozenset(kind for kind in CaseKind if kind is not CaseKind.DOMESTIC_ABUSE)

CASE_KINDS: Dict[StaffRole, FrozenSet[CaseKind]] = {
    StaffRole.CONTACT_CENTRE: frozenset({CaseKind.REPAIR, CaseKind.CALLBACK}),
    StaffRole.ASB_TEAM: frozenset({CaseKind.ANTI_SOCIAL_BEHAVIOUR}),
    StaffRole.SAFEGUARDING: frozenset({CaseKind.DOMESTIC_ABUSE}),
    StaffRole.COMPLAINTS: frozenset({CaseKind.COMPLAINT}),
    StaffRole.ADMIN: ALL_BUT_ABUSE,
}

HANDOFF_REASONS: Dict[StaffRole, FrozenSet[HandoffReason]] = {
    StaffRole.CONTACT_CENTRE: frozenset(
        {HandoffReason.SAFETY, HandoffReason.OUT_OF_HOURS_EMERGENCY, HandoffReason.NOT_UNDERSTOOD, HandoffReason.ASKED}
    ),
    StaffRole.ASB_TEAM: frozenset(),
    StaffRole.SAFEGUARDING: frozenset({HandoffReason.DOMESTIC_ABUSE, HandoffReason.SAFETY}),
    StaffRole.COMPLAINTS: frozenset({HandoffReason.OLD_COMPLAINT}),
    StaffRole.ADMIN: frozenset(reason for reason in HandoffReason if reason is not HandoffReason.DOMESTIC_ABUSE),
}


def may_see_case(role: StaffRole, kind: CaseKind) -> bool:
    return kind in CASE_KINDS[role]


def may_see_handoff(role: StaffRole, reason: HandoffReason) -> bool:
    return reason in HANDOFF_REASONS[role]
