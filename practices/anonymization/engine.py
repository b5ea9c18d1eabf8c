"""Run every recognizer over a text and merge what they find."""

import re
from collections.abc import Iterable

from .findings import Finding, merge_overlapping
from .recognizers import RECOGNIZERS, find_member_names, member_name_pattern

LANGUAGES = ("es", "en")

_SPANISH = frozenset(
    "de la que el en y los se del las por un para con no una su al es lo como más pero sus le ya o fue "
    "este ha sí porque esta entre cuando muy sin sobre también me hasta hay donde quien desde todo nos "
    "durante todos uno les ni contra otros fueron ese eso había ante ellos e esto mí antes algunos qué "
    "unos yo otro otras otra él tanto esa estos mucho quienes nada muchos cual sea poco ella estar "
    "estas algunas algo nosotros dijo según tras víctima víctimas años".split()
)
_ENGLISH = frozenset(
    "the of and to in a is that for it as was with be by on not he i this are or his from at which but "
    "have an they you were her she there been one all we their has would when who will more no if out "
    "so said what up its about into than them can only other after also did over such these two may "
    "then do first any my now him most should our made where before between during through victim "
    "victims years while".split()
)
_WORDS = re.compile(r"[a-záéíóúñü]+")


def detect_language(text: str) -> str:
    """Spanish or English, by counting frequent function words in the first 2,000 words."""
    spanish = english = 0
    for count, word in enumerate(_WORDS.finditer(text.lower())):
        if count >= 2000:
            break
        spanish += word.group() in _SPANISH
        english += word.group() in _ENGLISH
    return "en" if english > spanish else "es"


def scan(text: str, language: str = "auto", known_names: Iterable[str] = ()) -> list[Finding]:
    """Find the personal data in `text`.

    `language` is "es", "en" or "auto" (detected). `known_names` are names to
    report as `member_name` wherever they appear, whatever their spelling of
    case and accents - typically the names of the directory's members.
    Overlapping findings are merged; the result is in text order.
    """
    if language == "auto":
        language = detect_language(text)
    elif language not in LANGUAGES:
        raise ValueError(f"Unsupported language: {language!r}")
    findings: list[Finding] = []
    for recognize in RECOGNIZERS:
        findings.extend(recognize(text, language))
    findings.extend(find_member_names(text, member_name_pattern(known_names)))
    return merge_overlapping(findings)
