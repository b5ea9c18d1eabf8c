"""Dates of birth: a date written in Spanish or English after a birth cue.

A date alone is not personal data ("el 3 de mayo de 2019 se realizó la
audiencia"); a date after "nacida el", "fecha de nacimiento", "born on" or
"DOB" is.
"""

import re
from collections.abc import Iterator

from ..findings import Finding
from ..kinds import DATE_OF_BIRTH
from .base import span_finding

_MONTHS_ES = r"enero|febrero|marzo|abril|mayo|junio|julio|agosto|sept?iembre|octubre|noviembre|diciembre"
_MONTHS_EN = (
    r"January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?"
)
_DATE = (
    rf"(?:\d{{1,2}}(?:º|°|ro)?\s+de\s+(?:{_MONTHS_ES})(?:\s+(?:de|del)\s+\d{{4}})?"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTHS_EN})(?:,?\s+\d{{4}})?"
    rf"|(?:{_MONTHS_EN})\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"
    r"|\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})"
    r"|\d{4}-\d{2}-\d{2}"
    rf"|(?:{_MONTHS_ES}|{_MONTHS_EN})\s+(?:de\s+|of\s+)?(?:19|20)\d\d"
    # A year alone only right after "en"/"in": "nacida en 2009", not "born in Escuintla ... in 2019".
    r"|(?<=\ben )(?:19|20)\d\d|(?<=\bin )(?:19|20)\d\d)"
)
_BIRTH_CUE = (
    r"(?:nacid[oa]s?|naci[óo]|nace|fecha\s+de\s+nacimiento|f\.\s?n\.|lugar\s+y\s+fecha\s+de\s+nacimiento"
    r"|born|date\s+of\s+birth|birth\s*date|birthday|d\.?o\.?b\b\.?|cumpleaños)"
)
_CUE = re.compile(rf"\b{_BIRTH_CUE}", re.IGNORECASE)
_DATE_AFTER_CUE = re.compile(
    # Up to a few words between the cue and the date: "nacida en Tapachula el".
    r"(?:[\s:,(]+(?-i:[a-záéíóúñ]{1,10}|[A-ZÁÉÍÓÚÑ][\w.]*)){0,6}?[\s:,(]*"
    rf"(?P<date>{_DATE})\b",
    re.IGNORECASE,
)


def find_dates_of_birth(text: str, language: str) -> Iterator[Finding]:
    for cue in _CUE.finditer(text):
        match = _DATE_AFTER_CUE.match(text, cue.end())
        if match:
            yield span_finding(DATE_OF_BIRTH, text, match.start("date"), match.end("date"), 0.93)
