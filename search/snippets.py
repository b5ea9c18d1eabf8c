"""Highlighted titles and snippets: escape everything, then mark the words that matched.

A word of the result matches when its analysis in the result's language (see :mod:`search.analysis`) is one of the
query's stems, so "investigaciones" is highlighted for the query "investigación". The text is escaped piece by
piece and only our own ``<mark>`` tags are added, so nothing a writer typed can become markup.
"""

from html import escape

from django.utils.html import format_html
from django.utils.safestring import mark_safe

from search.analysis import LANGUAGES, WORD, language_of, stems

SNIPPET_WORDS = 40
CONTEXT_BEFORE = 12


def _tokens(text):
    """``(is_word, piece)`` pairs covering the whole text."""
    position = 0
    for match in WORD.finditer(text):
        if match.start() > position:
            yield False, text[position : match.start()]
        yield True, match.group()
        position = match.end()
    if position < len(text):
        yield False, text[position:]


def _matches(word, query_stems, language):
    """Whether ``word`` is one the query found: analysed as the index analysed it (both languages if unknown)."""
    if not query_stems:
        return False
    return any(token in query_stems for code in ((language,) if language else LANGUAGES) for token in stems(word, code))


def _render(pieces, stems, language):
    """The pieces escaped (the standard library's ``html.escape``, as Django's ``escape`` does, without its
    per-call lazy-string wrapping: a page renders thousands of pieces), matched words inside ``<mark>``."""
    # Safe: every piece is escaped just below; the only markup added is our own <mark>.
    return mark_safe(  # noqa: S308  # nosec B308 B703
        "".join(
            f"<mark>{escape(piece)}</mark>" if is_word and _matches(piece, stems, language) else escape(piece)
            for is_word, piece in pieces
        )
    )


def highlight_title(title, stems, language):
    return _render(list(_tokens(title)), stems, language_of(language))


def snippet(text, stems, language, length=SNIPPET_WORDS):
    """About ``length`` words of ``text`` around the first match (or its beginning), matches marked."""
    language = language_of(language)
    pieces = list(_tokens(" ".join(text.split())))
    word_positions = [index for index, (is_word, _) in enumerate(pieces) if is_word]
    if not word_positions:
        return ""
    first = next(
        (n for n, index in enumerate(word_positions) if _matches(pieces[index][1], stems, language)),
        0,
    )
    start_word = max(0, first - CONTEXT_BEFORE)
    end_word = min(len(word_positions), start_word + length)
    start = word_positions[start_word]
    end = word_positions[end_word - 1] + 1
    html = _render(pieces[start:end], stems, language)
    prefix = "… " if start_word > 0 else ""
    suffix = " …" if end_word < len(word_positions) else ""
    return format_html("{}{}{}", prefix, html, suffix)
