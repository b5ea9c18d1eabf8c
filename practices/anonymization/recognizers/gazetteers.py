"""Word lists for the name recognizer: given names, surnames, and words that are never names.

Given names and surnames come from Faker's person providers for es_MX, es_ES,
es_CO, en_US and en_GB (about 2,400 given names and 2,900 surnames). They are
loaded once, on first use, into frozensets.

The stop-lists, in `../wordlists/`, are the words a capitalised sequence in a
case study is made of when it is *not* a person: institutions, places, laws,
courses, months, nationalities and the function words that open a Spanish or
English sentence; and the honorifics and roles that announce a person.
"""

import importlib
from functools import cache

from ..wordlists import words

_LOCALES = ("es_MX", "es_ES", "es_CO", "en_US", "en_GB")

_AMBIGUOUS_NAMES = words("ambiguous_names")
_AMBIGUOUS_SURNAMES = words("ambiguous_surnames")

# Capitalised words that open sentences or clauses; neutral (they neither block nor cue).
FUNCTION_WORDS = words("function_words")

# Words of institutions, places, laws, events and organisations. Place names that are
# also common surnames are not blocked but weighed as ambiguous ("Ciudad Juárez" is a
# place, "Ana Juárez" a person); a few are too often places to be weighed at all.
BLOCK_WORDS = (words("block_words") - _AMBIGUOUS_SURNAMES - {"Pedro", "Lima", "Cali"}) | {
    "Costa",
    "Puerto",
    "Santa",
}

# Honorifics, ranks and roles: a capitalised word before a name that says a person follows.
ROLE_WORDS = words("role_words")


@cache
def given_names() -> frozenset[str]:
    return frozenset(_load("first_names")) - _AMBIGUOUS_NAMES


@cache
def surnames() -> frozenset[str]:
    return frozenset(_load("last_names")) - _AMBIGUOUS_NAMES


def is_ambiguous_surname(word: str) -> bool:
    return word in _AMBIGUOUS_SURNAMES


@cache
def _common_words() -> frozenset[str]:
    """About 2,000 frequent English and Spanish words (Faker's lorem word lists)."""
    found: set[str] = set()
    for locale in ("en_US", "es_ES"):
        found.update(importlib.import_module(f"faker.providers.lorem.{locale}").Provider.word_list)
    return frozenset(word.lower() for word in found) - {word.lower() for word in given_names() | surnames()}


def is_common_word(word: str) -> bool:
    """Whether a capitalised word is an ordinary word: "Languages", "Academy", "Outcome"."""
    lower = word.lower()
    common = _common_words()
    return lower in common or (lower.endswith("s") and (lower[:-1] in common or lower[:-2] in common))


def _load(attribute: str) -> set[str]:
    found: set[str] = set()
    for locale in _LOCALES:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        for name in getattr(provider, attribute, ()):
            # Compound entries ("María José", "de la Cruz") contribute each capitalised part.
            found.update(part for part in name.split() if part[:1].isupper() and len(part) > 1)
    return found
