"""Run every recognizer over a text and merge what they find."""

import re
from collections.abc import Iterable

from .findings import Finding, merge_overlapping
from .recognizers import RECOGNIZERS, find_later_mentions, find_member_names, member_name_pattern
from .wordlists import words

LANGUAGES = ("es", "en")

_SPANISH = words("spanish_stop_words")
_ENGLISH = words("english_stop_words")
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
    findings = merge_overlapping(findings)
    return merge_overlapping([*findings, *find_later_mentions(text, findings)])
