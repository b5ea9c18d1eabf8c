"""Phone numbers, e-mail addresses and social media handles.

Phone numbers are validated with `phonenumbers` (Google's libphonenumber
metadata) against the region's numbering plans: a candidate made of digits
and separators is accepted when it is a valid number for one of the regions,
or merely a possible one when a cue such as "tel." or "WhatsApp" precedes it.
"""

import re
from collections.abc import Iterator

import phonenumbers

from ..findings import Finding
from ..kinds import EMAIL, PHONE_NUMBER, SOCIAL_HANDLE
from .base import preceded_by, span_finding

# Mexico, Central America, Colombia and North America, tried in this order
# for numbers written without a country code.
REGIONS = ("MX", "GT", "SV", "HN", "NI", "CR", "PA", "BZ", "CO", "US")

_PHONE_CANDIDATE = re.compile(
    r"(?<![\w/.,+-])"
    r"(?:\+|00)?(?:\(\+?\d{1,3}\)[\s.-]?)?"
    r"(?:\(\d{1,4}\)[\s.-]?)?"
    r"\d{1,4}(?:[ .-]?\(?\d{1,5}\)?){1,5}"
    r"(?![\w/]|[.,-]\d)"
)
_PHONE_CUE = re.compile(
    r"(?:tel[ée]fono|tel\.|telf?\.?|cel(?:ular)?\.?|m[óo]vil|whats ?app|llam(?:ó|aba|ar|adas?)"
    r"|n[úu]mero|n[úu]m\.|phone|mobile|cell|call(?:ed|s)?|text(?:ed)?|number|contact(?:o|ed)?"
    r"|fax|line|l[íi]nea|sms|signal|telegram)\b[^.\n]{0,40}$",
    re.IGNORECASE,
)
_NOT_PHONE_CUE = re.compile(
    r"(?:expediente|causa|carpeta|caso|case|file|docket|cuenta|account|tarjeta|card|clabe|iban"
    r"|c[ée]dula|dpi|dui|dni|cui|curp|rfc|pasaporte|passport|placas?|plate|licen[cs]e"
    r"|decreto|ley|art[íi]culo|article|act|resoluci[óo]n|resolution|usd|us\$|\$|mxn|pesos"
    r"|quetzales|lempiras|colones|dólares|dollars|sentencia|amparo|toca|appeal|indictment|nuc)"
    r"(?:[ \t]+[\w.º°]+){0,3}[ \t]*[:#]?[ \t]*$",
    re.IGNORECASE,
)


def find_phone_numbers(text: str, language: str) -> Iterator[Finding]:
    for match in _PHONE_CANDIDATE.finditer(text):
        raw = match.group()
        digits = re.sub(r"\D", "", raw)
        if not 7 <= len(digits) <= 15:
            continue
        if preceded_by(_NOT_PHONE_CUE, text, match.start(), window=40):
            continue
        if _looks_like_date_or_year_range(raw) or re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+", raw):
            continue
        cued = preceded_by(_PHONE_CUE, text, match.start())
        international = raw.startswith(("+", "00", "(+"))
        if _is_phone(raw, international, cued):
            yield span_finding(PHONE_NUMBER, text, match.start(), match.end(), 0.95 if cued else 0.85)


def _looks_like_date_or_year_range(raw: str) -> bool:
    return bool(
        re.fullmatch(r"\d{1,2}[./-]\d{1,2}[./-]\d{2,4}", raw) or re.fullmatch(r"(?:19|20)\d\d\s*-\s*(?:19|20)\d\d", raw)
    )


_SERVICE_LINES = (
    phonenumbers.PhoneNumberType.TOLL_FREE,
    phonenumbers.PhoneNumberType.PREMIUM_RATE,
    phonenumbers.PhoneNumberType.SHARED_COST,
)


def _is_phone(raw: str, international: bool, cued: bool) -> bool:
    """Valid for one of the regions (and not a hotline), or, after a cue, at least possible."""
    candidate = "+" + raw[2:] if raw.startswith("00") else raw
    numbers = []
    for region in (None,) if international else REGIONS:
        try:
            numbers.append(phonenumbers.parse(candidate, region))
        except phonenumbers.NumberParseException:
            continue
    for number in numbers:
        if phonenumbers.is_valid_number(number):
            # Toll-free and premium lines are hotlines and businesses, not a person's phone.
            return phonenumbers.number_type(number) not in _SERVICE_LINES
    return cued and any(phonenumbers.is_possible_number(number) for number in numbers)


_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?!\w)")
# Disguised forms seen in case files: "nombre [at] dominio [dot] com".
_EMAIL_OBFUSCATED = re.compile(
    r"(?<![\w.])[\w.+-]+\s*[\[(]\s*(?:at|arroba)\s*[\])]\s*[A-Za-z0-9-]+"
    r"(?:\s*[\[(]\s*(?:dot|punto)\s*[\])]\s*[A-Za-z]{2,})+",
    re.IGNORECASE,
)


def find_emails(text: str, language: str) -> Iterator[Finding]:
    for pattern in (_EMAIL, _EMAIL_OBFUSCATED):
        for match in pattern.finditer(text):
            yield span_finding(EMAIL, text, match.start(), match.end(), 0.99)


_SOCIAL_URL = re.compile(
    r"(?:https?://)?(?:www\.|m\.|web\.)?"
    r"(?:facebook|fb|instagram|twitter|x|tiktok|t|youtube|linkedin|snapchat|threads|wa)"
    r"\.(?:com|me|net)/[\w.@/-]*[\w@]",
    re.IGNORECASE,
)
_HANDLE = re.compile(r"(?<![\w.@/])@[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])(?![\w@])")


def find_social_handles(text: str, language: str) -> Iterator[Finding]:
    for match in _SOCIAL_URL.finditer(text):
        yield span_finding(SOCIAL_HANDLE, text, match.start(), match.end(), 0.95)
    for match in _HANDLE.finditer(text):
        yield span_finding(SOCIAL_HANDLE, text, match.start(), match.end(), 0.9)
