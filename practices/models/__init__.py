"""The practices library's models, one module per page type (as consumerfinance.gov lays them out)."""

from .anonymization import AnonymizationCheckTask, FindingStatus, PersonalDataFinding
from .case_study import CaseStudyPage
from .document_use import DocumentUse
from .good_practice import GoodPracticePage, PracticeType
from .library_index import LibraryIndexPage
from .library_item import (
    AgeBand,
    LibraryAttachment,
    LibraryItemPage,
    LibraryKind,
    Outcome,
    PartyAggregate,
    PartyRole,
    library_item_models,
)
from .taxonomy import CrimeType, ExploitationForm, Technique, Theme

__all__ = [
    "AgeBand",
    "AnonymizationCheckTask",
    "CaseStudyPage",
    "CrimeType",
    "DocumentUse",
    "ExploitationForm",
    "FindingStatus",
    "GoodPracticePage",
    "LibraryAttachment",
    "LibraryIndexPage",
    "LibraryItemPage",
    "LibraryKind",
    "Outcome",
    "PartyAggregate",
    "PartyRole",
    "PersonalDataFinding",
    "PracticeType",
    "Technique",
    "Theme",
    "library_item_models",
]
