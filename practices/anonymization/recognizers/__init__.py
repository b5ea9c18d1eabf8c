"""The recognizers, one per concern; each is a function `(text, language) -> Iterator[Finding]`."""

from .addresses import find_addresses
from .aliases import find_aliases, find_minor_initials
from .contact import find_emails, find_phone_numbers, find_social_handles
from .dates import find_dates_of_birth
from .identifiers import (
    find_bank_accounts_and_cards,
    find_case_numbers,
    find_national_ids,
    find_passports,
    find_vehicle_plates,
)
from .names import find_later_mentions, find_member_names, find_person_names, member_name_pattern

RECOGNIZERS = (
    find_emails,
    find_social_handles,
    find_phone_numbers,
    find_national_ids,
    find_passports,
    find_vehicle_plates,
    find_bank_accounts_and_cards,
    find_case_numbers,
    find_dates_of_birth,
    find_addresses,
    find_aliases,
    find_minor_initials,
    find_person_names,
)

__all__ = ["RECOGNIZERS", "find_later_mentions", "find_member_names", "member_name_pattern"]
