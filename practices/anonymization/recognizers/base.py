"""What every recognizer is: a function from text to findings, and its shared helpers."""

import re
from collections.abc import Callable, Iterator

from ..findings import Finding

Recognizer = Callable[[str, str], Iterator[Finding]]
"""A recognizer takes the text and its language ("es" or "en") and yields findings."""


def span_finding(kind: str, text: str, start: int, end: int, score: float) -> Finding:
    """A finding for text[start:end], trimmed of surrounding spaces and punctuation."""
    while start < end and text[start] in " \t\n,;:.«»\"'“”‘’()":
        start += 1
    while end > start and text[end - 1] in " \t\n,;:«»\"'“”‘’()":
        end -= 1
    return Finding(kind, start, end, text[start:end], score)


def preceded_by(pattern: re.Pattern, text: str, start: int, window: int = 60) -> bool:
    """Whether `pattern` (which should end with `$`) matches just before `start`."""
    return pattern.search(text, max(0, start - window), start) is not None


def followed_by(pattern: re.Pattern, text: str, end: int, window: int = 40) -> bool:
    """Whether `pattern` (which should start with `^`) matches just after `end`."""
    return pattern.match(text[end : end + window]) is not None


# Any character but a full stop or a line break, or the full stop of "No." or "núm.".
_SAME_SENTENCE = r"[^.\n]|(?<=[Nn]o)\.|(?<=[Nn][úu]m)\.|(?<=[Nn]ro)\."


def cue_pattern(words: str, gap: int = 30) -> re.Pattern:
    """A pattern for `words` followed by at most `gap` characters of the same sentence.

    Used with `preceded_by`: it tells whether a cue word appears shortly before
    a candidate, without reaching back into the previous sentence.
    """
    return re.compile(rf"(?:{words})(?:{_SAME_SENTENCE}){{0,{gap}}}$", re.IGNORECASE)
