"""Identity documents, bank and card numbers, vehicle plates and case file numbers.

Numbers with a public check digit are accepted on their own when the check
digit is right (CURP, RFC, DPI/CUI, DUI, Nicaraguan cédula, CLABE, IBAN,
payment cards); the others are accepted only after a cue ("cédula",
"pasaporte", "placas", "expediente"...), because a bare 8-digit number could
be anything.
"""

import re
from collections.abc import Iterator

from stdnum import iban
from stdnum.cr import cpf as cr_cpf
from stdnum.mx import curp, rfc

from ..findings import Finding
from ..kinds import BANK_ACCOUNT, CARD_NUMBER, CASE_NUMBER, NATIONAL_ID, PASSPORT, VEHICLE_PLATE
from .base import cue_pattern as _cue
from .base import preceded_by, span_finding
from .checksums import (
    is_valid_card,
    is_valid_clabe,
    is_valid_gt_cui,
    is_valid_ni_cedula,
    is_valid_sv_dui,
)


def _digits(value: str) -> str:
    return re.sub(r"\D", "", value)


# ---------------------------------------------------------------- identity documents

_ID_CUE = _cue(
    r"c[ée]dula|\bdpi\b|\bdui\b|\bdni\b|\bcui\b|\bcurp\b|\brfc\b|identidad|identity|identification"
    r"|\bid\b|\bine\b|credencial|clave de elector|documento|\bnit\b|\bnie\b|dimex|residencia",
    gap=35,
)
_CURP = re.compile(r"\b[A-Z]{4}\d{6}[HMX][A-Z]{5}[0-9A-Z]\d\b")
_RFC = re.compile(r"\b[A-ZÑ&]{4}-?\d{6}-?[A-Z0-9]{2}[0-9A]\b")
_GT_CUI = re.compile(r"\b\d{4}[ -]?\d{5}[ -]?\d{4}\b")
_SV_DUI = re.compile(r"\b\d{8}-\d\b")
_HN_DNI = re.compile(r"\b\d{4}-(?:19|20)\d{2}-\d{5}\b")
_NI_CEDULA = re.compile(r"\b\d{3}-?\d{6}-?\d{4}[A-Za-z]\b")
_CR_CEDULA = re.compile(r"\b0?[1-9][- ]\d{3,4}[- ]\d{3,4}\b")
_PA_CEDULA = re.compile(r"\b(?:PE|E|N|1[0-3]|[1-9])(?:AV|PI)?-\d{1,4}-\d{1,6}\b")
_CUED_ID = re.compile(r"\b(?=[A-Z0-9.\- ]*\d{5})[A-Z0-9][A-Z0-9.\-]{4,20}[A-Z0-9]\b")


def find_national_ids(text: str, language: str) -> Iterator[Finding]:
    for match in _CURP.finditer(text):
        yield _id(text, match, 0.99 if curp.is_valid(match.group()) else 0.75)
    for match in _RFC.finditer(text):
        if rfc.is_valid(match.group()):
            yield _id(text, match, 0.95)
        elif preceded_by(_ID_CUE, text, match.start()):
            yield _id(text, match, 0.8)
    for match in _GT_CUI.finditer(text):
        if is_valid_gt_cui(_digits(match.group())):
            yield _id(text, match, 0.97)
        elif preceded_by(_ID_CUE, text, match.start()):
            yield _id(text, match, 0.8)
    for match in _SV_DUI.finditer(text):
        if is_valid_sv_dui(_digits(match.group())):
            yield _id(text, match, 0.95)
        elif preceded_by(_ID_CUE, text, match.start()):
            yield _id(text, match, 0.8)
    for match in _NI_CEDULA.finditer(text):
        compact = match.group().replace("-", "")
        yield _id(text, match, 0.97 if is_valid_ni_cedula(compact) else 0.85)
    for match in _HN_DNI.finditer(text):
        yield _id(text, match, 0.96)
    for pattern in (_CR_CEDULA, _PA_CEDULA):
        for match in pattern.finditer(text):
            if preceded_by(_ID_CUE, text, match.start()):
                valid = pattern is _CR_CEDULA and cr_cpf.is_valid(match.group().replace(" ", "-"))
                yield _id(text, match, 0.92 if valid else 0.88)
    for match in _CUED_ID.finditer(text):
        if preceded_by(_ID_CUE, text, match.start(), window=45) and len(_digits(match.group())) >= 6:
            yield _id(text, match, 0.82)


def _id(text: str, match: re.Match, score: float) -> Finding:
    return span_finding(NATIONAL_ID, text, match.start(), match.end(), score)


# ---------------------------------------------------------------- passports

_PASSPORT_CUE = _cue(r"pasaporte|passport", gap=40)
_PASSPORT = re.compile(r"\b(?=[A-Z0-9]*\d{5})[A-Z]{0,3}\d[A-Z0-9]{4,10}\b")


def find_passports(text: str, language: str) -> Iterator[Finding]:
    for match in _PASSPORT.finditer(text):
        if preceded_by(_PASSPORT_CUE, text, match.start()):
            yield span_finding(PASSPORT, text, match.start(), match.end(), 0.9)


# ---------------------------------------------------------------- vehicle plates

_PLATE_CUE = _cue(r"\bplacas?\b|\bplates?\b|matr[íi]cula|\btags?\b|registration(?: number)?|patente", gap=40)
_PLATE = re.compile(r"\b(?=[A-Z0-9 -]*\d)[A-Z0-9]{1,7}(?:[- ][A-Z0-9]{1,7}){0,3}\b")


def find_vehicle_plates(text: str, language: str) -> Iterator[Finding]:
    for match in _PLATE.finditer(text):
        compact = re.sub(r"[- ]", "", match.group())
        if not 4 <= len(compact) <= 9 or re.fullmatch(r"(?:19|20)\d\d", compact):
            continue
        if preceded_by(_PLATE_CUE, text, match.start()):
            yield span_finding(VEHICLE_PLATE, text, match.start(), match.end(), 0.9)


# ---------------------------------------------------------------- bank accounts and cards

_ACCOUNT_CUE = _cue(r"cuenta|\baccount|\bacct\b|\bclabe\b|dep[óo]sit|transfer|\bbanco\b|\bbank\b|\biban\b", gap=40)
_CARD_CUE = _cue(r"tarjeta|\bcard\b|visa|mastercard|amex|american express|d[ée]bito|cr[ée]dito|debit|credit", gap=40)
_LONG_NUMBER = re.compile(r"(?<![\w-])\d(?:[ -]?\d){5,23}(?![\w]|-\d)")
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}\b")


def find_bank_accounts_and_cards(text: str, language: str) -> Iterator[Finding]:
    for match in _IBAN.finditer(text):
        yield from _iban(text, match.start(), match.group())
    for match in _LONG_NUMBER.finditer(text):
        digits = _digits(match.group())
        account_cued = preceded_by(_ACCOUNT_CUE, text, match.start())
        card_cued = preceded_by(_CARD_CUE, text, match.start())
        if is_valid_clabe(digits):
            yield span_finding(BANK_ACCOUNT, text, match.start(), match.end(), 0.97)
        elif is_valid_card(digits):
            yield span_finding(CARD_NUMBER, text, match.start(), match.end(), 0.97 if card_cued else 0.93)
        elif card_cued and 13 <= len(digits) <= 19:
            yield span_finding(CARD_NUMBER, text, match.start(), match.end(), 0.8)
        elif account_cued and 8 <= len(digits) <= 22:
            yield span_finding(BANK_ACCOUNT, text, match.start(), match.end(), 0.92)


def _iban(text: str, start: int, candidate: str) -> Iterator[Finding]:
    """Yield the longest prefix of `candidate` (cut at spaces) that is a valid IBAN."""
    while candidate:
        if iban.is_valid(candidate):
            yield span_finding(BANK_ACCOUNT, text, start, start + len(candidate), 0.98)
            return
        if " " not in candidate:
            return
        candidate = candidate.rsplit(" ", 1)[0]


# ---------------------------------------------------------------- case file numbers

_CASE_CUE = re.compile(
    r"(?:causa(?: penal)?|carpetas? de investigaci[óo]n|carpeta|expedientes?(?: judicial| penal| administrativo)?"
    r"|averiguaci[óo]n previa|proceso(?: penal)?|toca(?: penal)?|amparo(?: directo| indirecto| en revisi[óo]n)?"
    r"|juicio(?: oral)?(?: penal)?|sentencia|resoluci[óo]n judicial|denuncia|querella|\bnuc\b|\bnue\b"
    r"|criminal case|case file|\bcase|\bfile|docket|indictment|complaint|claim|caso|proceeding"
    r"|referencia|reference|ref\.|registro)"
    r"(?:\s+(?:n[úu]mero|number|no\.?|n[úu]m\.|nro\.|n\.º|n°|#))?\s*[:#]?\s*",
    re.IGNORECASE,
)
_CASE_CUE_NUMBER_WORD = re.compile(r"(?:n[úu]mero|number|no\.?|n[úu]m\.|nro\.|n\.º|n°|#)\s*[:#]?\s*$", re.IGNORECASE)
_CASE_TOKEN = re.compile(r"[A-Z0-9](?:[A-Za-z0-9]|[./:-](?=[A-Za-z0-9]))*")
_CASE_SHAPES = (
    # CR-2017-00456, MP001-2019-12345, C-01077-2018-00123
    re.compile(r"\b[A-Z]{1,5}\d{0,4}(?:-\d{2,6}){2,3}(?:-[A-Z]{1,4})?\b"),
    # FED/SEIDO/UEITMPO/0012/2019, PGR/SIEDO/UEIDCS/123/2010
    re.compile(r"\b[A-Z]{2,}[A-Z0-9-]*(?:/[A-Z0-9-]+){2,}/(?:19|20)\d\d\b"),
    # US federal dockets: 1:19-cr-00123
    re.compile(r"\b\d:\d{2}-(?:cr|cv|mj|mc)-\d{3,6}(?:-[A-Z]{2,4})?\b", re.IGNORECASE),
)


def find_case_numbers(text: str, language: str) -> Iterator[Finding]:
    for pattern in _CASE_SHAPES:
        for match in pattern.finditer(text):
            yield span_finding(CASE_NUMBER, text, match.start(), match.end(), 0.86)
    for cue in _CASE_CUE.finditer(text):
        token = _CASE_TOKEN.match(text, cue.end())
        if token is None or not any(ch.isdigit() for ch in token.group()):
            continue
        value = token.group()
        has_separator = any(ch in value for ch in "/-:.")
        if re.fullmatch(r"(?:19|20)\d\d", value):
            continue
        # File numbers are codes: a lowercase word among the parts ("CANARY-b71e-restricted") is prose, not a code.
        if any(part.isalpha() and part.islower() and len(part) >= 4 for part in re.split(r"[./:-]", value)):
            continue
        if has_separator or (_CASE_CUE_NUMBER_WORD.search(cue.group()) and len(value) >= 3):
            yield span_finding(CASE_NUMBER, text, token.start(), token.end(), 0.92)
