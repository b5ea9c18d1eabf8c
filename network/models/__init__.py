from .reference import Country, Institution, InstitutionType, Need

__all__ = ["Country", "Institution", "InstitutionType", "Need"]
