"""The activity every deployment starts with, so the share journey works from the first minute."""

from __future__ import annotations

from typing import Any

DEFAULT_ACTIVITY_SLUG = "share-your-experience"
DEFAULT_ACTIVITY_FIELDS: dict[str, Any] = {
    "title": "Share your experience",
    "purpose": (
        "Tell us what it is like to be in care, to leave care, to have children's services "
        "in your family's life, or to work in children's social care. What you tell us "
        "helps decide what needs to change."
    ),
    "audience": "Anyone with experience of children's social care",
    "kind": "open_share",
    "status": "open",
    "run_by": "Participation team",
    "outputs_go_to": "Children's services leadership team",
}


def ensure_default_activity(activity_model: Any) -> None:
    """Takes the model as an argument so the data migration can pass its historical model."""
    activity_model.objects.get_or_create(slug=DEFAULT_ACTIVITY_SLUG,
                                         defaults=DEFAULT_ACTIVITY_FIELDS)
