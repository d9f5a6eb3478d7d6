"""A case's category (its priority, risk or complaint stage) in the landlord's words: the
console's pages and the report both name categories, and must name them the same way."""

from __future__ import annotations

CATEGORY_LABELS = {
    "emergency": "Emergency repair",
    "urgent": "Urgent repair",
    "routine": "Routine repair",
    "external": "External works",
    "major": "Major works",
    "damp_mould": "Damp and mould",
    "damp_mould_emergency_hazard": "Damp and mould: emergency hazard",
    "high_risk": "High risk",
    "low_risk": "Low risk",
    "stage_one": "Complaint stage 1",
    "stage_two": "Complaint stage 2",
    "callback": "Callback",
    "domestic_abuse": "Domestic abuse",
}


def category_label(category: str) -> str:
    """A category in words; one not known yet still reads as words."""
    return CATEGORY_LABELS.get(category) or category.replace("_", " ").capitalize()
