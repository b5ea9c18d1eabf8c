"""The anonymization engine: finds personal data in Spanish and English case-study texts.

A case study that names a victim, a witness or an undercover officer can get
someone killed. `scan(text)` returns the spans an editor must remove or
pseudonymise before publishing, each a `Finding(kind, start, end, text, score)`.

Design
------
* One recognizer per concern, in `recognizers/`: names (gazetteers plus
  context cues), aliases and minors' initials, contact details (phones,
  e-mails, social media), identifiers (identity documents, passports, plates,
  bank accounts, cards, case files), dates of birth and addresses. Each is a
  plain function over the text; regular expressions are compiled at import
  and the name gazetteers are loaded once, lazily.
* Well-kept libraries where they exist: `phonenumbers` validates phone
  numbers against the numbering plans of Mexico, Central America, Colombia and
  North America; `python-stdnum` validates CURP, RFC, Costa Rican cédulas, IBAN
  and the Luhn check of card numbers. The check digits it lacks (CLABE,
  Guatemalan DPI/CUI, Salvadoran DUI, Nicaraguan cédula) are in
  `recognizers/checksums.py`. Numbers without a check digit (Honduran DNI,
  Panamanian cédula, passports, plates, file numbers) need a cue word.
* No Presidio and no spaCy: both need statistical language models that cannot
  be installed offline, and their generic models recognise neither Central
  American documents nor the register of case studies. Names therefore come
  from gazetteers (Faker's es_MX, es_ES, es_CO, en_US and en_GB given names and
  surnames) weighed together with context cues (honorifics, ranks and roles
  such as "Lic.", "Detective Sergeant", "la víctima", "the witness"), against a
  stop-list of institution, place, legal and event words, so that
  "Policía Nacional Civil", "San José" or "Segundo Curso Regional" are not
  names. Pseudonyms ("Víctima A", "V1", "Testigo B") never qualify.
* The word lists (stop-lists of institution, place, legal and event words,
  roles and honorifics, ambiguous names) are plain text files in
  `wordlists/`, so that editors can extend them without touching code.
  Capitalised words that are ordinary English or Spanish words (Faker's lorem
  lists) never make a name on their own ("Academy of Mayan Languages").
* A case study names a person in full once and then by surname: every word of
  a name found is also reported where it appears on its own later
  ("Marlon Estuardo Galindo ... Galindo fue condenado").
* Toll-free and premium phone lines (hotlines) and case-file pseudonyms
  ("Jane Doe 1", "Fulano de Tal") are not personal data and are not reported.
* Recognizers may overlap (a name inside an address, a card number that is
  also a possible phone number); `merge_overlapping` keeps the highest score,
  then the most specific kind, then the longest span.
* `language="auto"` picks Spanish or English by counting function words.
  Recognizers use both languages' cues whatever the language, because case
  studies mix them (an English text quoting "la víctima, María...").

Quality is measured on `tests/practices/anonymization_eval.jsonl` by
`bench/anonymization.py` and by the test suite, with `evaluation.py`.
"""

from .engine import detect_language, scan
from .findings import Finding
from .kinds import (
    ADDRESS,
    ALIAS,
    BANK_ACCOUNT,
    CARD_NUMBER,
    CASE_NUMBER,
    DATE_OF_BIRTH,
    EMAIL,
    KIND_LABELS,
    KINDS,
    MEMBER_NAME,
    MINOR_INITIALS,
    NATIONAL_ID,
    PASSPORT,
    PERSON_NAME,
    PHONE_NUMBER,
    SOCIAL_HANDLE,
    VEHICLE_PLATE,
)

__all__ = [
    "ADDRESS",
    "ALIAS",
    "BANK_ACCOUNT",
    "CARD_NUMBER",
    "CASE_NUMBER",
    "DATE_OF_BIRTH",
    "EMAIL",
    "KINDS",
    "KIND_LABELS",
    "MEMBER_NAME",
    "MINOR_INITIALS",
    "NATIONAL_ID",
    "PASSPORT",
    "PERSON_NAME",
    "PHONE_NUMBER",
    "SOCIAL_HANDLE",
    "VEHICLE_PLATE",
    "Finding",
    "detect_language",
    "scan",
]
