from .contact_access import ContactAccess
from .country_sheets import Channel, CountrySheet, LegalInstrument, NeedGuidance
from .focal_points import FocalPointDesignation
from .reference import Country, Institution, InstitutionType, Need

__all__ = [
    "Channel",
    "ContactAccess",
    "Country",
    "CountrySheet",
    "FocalPointDesignation",
    "Institution",
    "InstitutionType",
    "LegalInstrument",
    "Need",
    "NeedGuidance",
]
