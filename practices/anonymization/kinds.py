"""The kinds of personal data the engine reports, with their human labels."""

from django.utils.translation import gettext_lazy as _

PERSON_NAME = "person_name"
MEMBER_NAME = "member_name"
ALIAS = "alias"
MINOR_INITIALS = "minor_initials"
PHONE_NUMBER = "phone_number"
EMAIL = "email"
SOCIAL_HANDLE = "social_handle"
NATIONAL_ID = "national_id"
PASSPORT = "passport"
DATE_OF_BIRTH = "date_of_birth"
ADDRESS = "address"
VEHICLE_PLATE = "vehicle_plate"
BANK_ACCOUNT = "bank_account"
CARD_NUMBER = "card_number"
CASE_NUMBER = "case_number"

KIND_LABELS = {
    PERSON_NAME: _("Person name"),
    MEMBER_NAME: _("Name of a directory member"),
    ALIAS: _("Alias or nickname"),
    MINOR_INITIALS: _("Initials of a minor"),
    PHONE_NUMBER: _("Phone number"),
    EMAIL: _("E-mail address"),
    SOCIAL_HANDLE: _("Social media handle"),
    NATIONAL_ID: _("National identity number"),
    PASSPORT: _("Passport number"),
    DATE_OF_BIRTH: _("Date of birth"),
    ADDRESS: _("Street address"),
    VEHICLE_PLATE: _("Vehicle plate"),
    BANK_ACCOUNT: _("Bank account number"),
    CARD_NUMBER: _("Payment card number"),
    CASE_NUMBER: _("Court or investigation file number"),
}

KINDS = tuple(KIND_LABELS)

# When two findings overlap and score the same, the more specific kind wins.
# A member of the directory is more specific than any person; an alias is more
# specific than the capitalised words it is made of; numbers validated by a
# checksum are more specific than the context-cued ones.
SPECIFICITY = {
    MEMBER_NAME: 10,
    EMAIL: 9,
    CARD_NUMBER: 8,
    BANK_ACCOUNT: 8,
    NATIONAL_ID: 8,
    PASSPORT: 7,
    CASE_NUMBER: 7,
    VEHICLE_PLATE: 7,
    DATE_OF_BIRTH: 7,
    SOCIAL_HANDLE: 6,
    PHONE_NUMBER: 6,
    ALIAS: 5,
    MINOR_INITIALS: 5,
    ADDRESS: 4,
    PERSON_NAME: 3,
}
