"""The events app's models: events and participants, and what participants share afterwards."""

from .contribution import (
    SECTIONS,
    CommentStatus,
    Contribution,
    ContributionComment,
    ContributionStatus,
    ContributionVisibility,
    ExperiencePage,
    ModerationDigest,
)
from .event import (
    EventIndexPage,
    EventInvitation,
    EventKind,
    EventMaterial,
    EventPage,
    EventParticipant,
    MaterialVisibility,
)

__all__ = [
    "SECTIONS",
    "CommentStatus",
    "Contribution",
    "ContributionComment",
    "ContributionStatus",
    "ContributionVisibility",
    "EventIndexPage",
    "EventInvitation",
    "EventKind",
    "EventMaterial",
    "EventPage",
    "EventParticipant",
    "ExperiencePage",
    "MaterialVisibility",
    "ModerationDigest",
]
