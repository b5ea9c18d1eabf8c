"""Text analysis shared by every search backend: accent folding, stop words and light per-language stemming.

Practitioners type with and without accents, in Spanish or English, and a Spanish case study must answer an
English query about the same thing as well as a Spanish one. So every backend sees the same *analysed* text:

- a document is analysed **in its own language** (the page's locale; a field named ``*_es``/``*_en`` in the
  field's language; a document without a language, such as a taxonomy term, in both), by the Snowball stemmer of
  that language, then folded to ASCII: "investigaciones financieras" → ``investig financ``;
- a query is analysed **in both languages**: each word becomes the set of its Spanish and English stems, any of
  which may match ("interviewing" → ``{interview, interviewing}``), and every word must match (AND), so a query in
  either language searches both language trees.

Stemming is done after lower-casing and before folding because the Spanish Snowball rules read the accents
("-ción"); folding afterwards makes the stem the same whether or not the writer typed the accent.
``snowballstemmer`` is the reference pure-Python implementation of the Snowball algorithms, and uses the C
``PyStemmer`` (same algorithms, about ten times faster: it matters for ``update_index`` at 50,000 items) when
installed; no service, and the same algorithms PostgreSQL and Elasticsearch ship. ``analyse`` is memoised because
Wagtail's indexer reads every field once for the title, once for the body and once for autocomplete.
"""

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

LANGUAGES = ("es", "en")
WORD = re.compile(r"\w+", re.UNICODE)

# Short, high-frequency words that carry no meaning for a search; dropped from documents and queries alike so
# "la trata de personas" and "trafficking in persons" are not required to contain "de" or "in".
_SPANISH_STOP_WORDS = (
    "a al algo como con contra cual de del desde donde durante e el ella ellos en entre era es esa ese eso esta "
    "este esto fue ha han hasta la las le les lo los mas me mi muy no nos o os para pero por que se segun ser si "
    "sin sobre son su sus tambien te tras un una uno unos unas y ya"
)
_ENGLISH_STOP_WORDS = (
    "a about an and are as at be been but by for from has have how in into is it its of on or that the their "
    "this to was were what when where which who will with"
)
STOP_WORDS = {"es": frozenset(_SPANISH_STOP_WORDS.split(" ")), "en": frozenset(_ENGLISH_STOP_WORDS.split(" "))}
ALL_STOP_WORDS = STOP_WORDS["es"] | STOP_WORDS["en"]
_STEMMERS = {"es": snowballstemmer.stemmer("spanish"), "en": snowballstemmer.stemmer("english")}


def fold(text):
    """Lower case without diacritics: "Extradición" → "extradicion" (ñ becomes n, as users type it without)."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def words(text):
    """The words of a text, as written (a word is a run of letters and digits)."""
    return WORD.findall(text or "")


@lru_cache(maxsize=50_000)
def stem(word, language):
    """The folded stem of one word in one language (``""`` for a stop word of that language)."""
    lowered = word.lower()
    if fold(lowered) in STOP_WORDS[language]:
        return ""
    return fold(_STEMMERS[language].stemWord(lowered))


@lru_cache(maxsize=50_000)
def stems(word, language):
    """The stems of a word as written and as typed without accents.

    Snowball's Spanish rules read accents ("fiscalía" → ``fiscal`` but "fiscalia" → ``fiscali``), so a document
    is indexed under both, and a query typed either way meets one of them.
    """
    variants = (stem(word, language), stem(fold(word), language))
    return tuple(dict.fromkeys(variant for variant in variants if variant))


def language_of(language_code):
    """Our analysis language for a locale code ("es-mx" → "es"), ``None`` when we have no stemmer for it."""
    code = (language_code or "")[:2].lower()
    return code if code in _STEMMERS else None


@lru_cache(maxsize=2048)
def analyse(text, language=None):
    """The text as the index stores it: folded stems in ``language``, or in both languages when unknown."""
    languages = (language,) if language in _STEMMERS else LANGUAGES
    tokens = []
    for word in words(text):
        seen = set()
        for code in languages:
            for token in stems(word, code):
                if token not in seen:
                    seen.add(token)
                    tokens.append(token)
    return " ".join(tokens)


def fold_words(text):
    """Folded words without stemming, for autocomplete (prefixes of titles must still match as typed)."""
    return " ".join(fold(word) for word in words(text))


def query_terms(query_string, limit=12):
    """The query as a list of alternatives per word: ``[{"investig"}, {"financ", "financi"}]``.

    Every word must match one of its alternatives. Stop words are dropped unless the query has nothing else.
    """
    raw = words(query_string)[:limit]
    meaningful = [word for word in raw if fold(word) not in ALL_STOP_WORDS] or raw
    terms = []
    for word in meaningful:
        alternatives = {token for code in LANGUAGES for token in stems(word, code)} or {fold(word)}
        if alternatives not in terms:
            terms.append(alternatives)
    return terms


def matching_stems(query_string):
    """Every stem the query may match, to highlight the words of a result that matched."""
    return set().union(*query_terms(query_string)) if query_string else set()
