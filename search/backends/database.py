"""Wagtail's database search backend with a deliberate, language-aware analysis.

Wagtail's database backend keeps one index table (``IndexEntry``) for every model, with one text-search
configuration for all rows: it cannot stem a Spanish case study as Spanish and an English good practice as
English. Rather than keeping one index per language (and querying both), each row stores text that
:mod:`search.analysis` has already analysed in the document's own language (folded Snowball stems), and each
query is expanded to the stems of its words in both languages. The database then only has to match tokens:

- SQLite FTS5 (``unicode61`` tokenizer) matches the stems as words;
- PostgreSQL uses the ``simple`` text-search configuration (lower-casing only), so it neither re-stems our stems
  nor needs ``unaccent``: folding happened in Python, the same way on every database and in every environment.

Filtering and ``update_index`` are Wagtail's, and so is ranking, but for one change on PostgreSQL: a query of
several words scores the sum of each word's ``ts_rank`` (BM25 on SQLite is such a sum too), so that first searches
at scale can add up stored scores (:mod:`search.word_scores`). :meth:`ranked_matches` adds what the search page
needs: the best matching ids with their scores, without loading the pages (see :mod:`search.service`). Titles and
autocomplete fields are folded but not stemmed for autocomplete, so a prefix typed as a title begins still matches.
"""

from functools import lru_cache

from django.db import connection, connections, transaction
from django.db.models import CharField, Q
from django.db.models.functions import Cast
from modelsearch.index import AutocompleteField, RelatedFields, SearchField
from modelsearch.query import PlainText

from search.analysis import analyse, fold_words, language_of, query_terms
from search.querysets import candidates


class AnalysingIndexerMixin:
    """Replaces each indexed text by its analysis in the language of the document (or of the field).

    Wagtail's index classes build their ``ObjectIndexer`` by its module-level name, so the analysing indexer is
    installed under that name; it analyses only for a backend that declares ``analyses_text`` (ours) and behaves
    exactly like Wagtail's for any other.
    """

    def __init__(self, obj, backend):
        super().__init__(obj, backend)
        self.analysing = getattr(backend, "analyses_text", False)

    def prepare_field(self, obj, field):
        if not self.analysing:
            yield from super().prepare_field(obj, field)
            return
        if isinstance(field, RelatedFields):
            # Sub-fields come back through this method (super() recurses via self), already analysed.
            yield from super().prepare_field(obj, field)
            return
        for current_field, *rest, value in super().prepare_field(obj, field):
            yield (current_field, *rest, self.analyse_value(current_field, value))

    def analyse_value(self, field, value):
        if isinstance(field, AutocompleteField):
            return fold_words(value)
        if isinstance(field, SearchField):
            return analyse(value, self.language_for(field))
        return value

    def language_for(self, field):
        """``name_es`` is Spanish whatever the page; otherwise the page's locale; else unknown (both languages)."""
        suffix = field.field_name.rsplit("_", 1)[-1]
        if suffix in ("es", "en"):
            return suffix
        locale = getattr(self.obj, "locale", None)
        return language_of(getattr(locale, "language_code", None)) if locale is not None else None


class RankedMatchesMixin:
    """``backend.ranked_matches(query, queryset, limit)``: the best ``limit`` matches as ``[(pk, score)]``.

    ``queryset`` may filter on anything (the visibility rule included): Wagtail's search is given it as a subquery
    (:func:`search.querysets.candidates`).
    """

    def ranked_matches(self, query_string, queryset, limit, fields=None, public_only=False):
        """With ``fields`` (names ``queryset.values`` accepts): ``[(pk, score, row)]``, ``row`` the match's
        ``fields`` where the ranking reads them anyway, else ``None`` (here: always; the caller reads them).
        ``public_only``: the reader sees only public items (a ranking may leave the others out early); ``queryset``
        still decides."""
        results = self.search(query_string, candidates(queryset), operator="and", order_by_relevance=True)
        compiler = getattr(results, "query_compiler", None)
        matches = [] if compiler is None else compiler.ranked_matches(compiler.get_config(self), limit)
        return matches if fields is None else [(pk, score, None) for pk, score in matches]

    def ranked_among_few(self, query_string, queryset, limit):
        """:meth:`ranked_matches` for a ``queryset`` of a few rows (a network's events), where a backend may read
        each candidate rather than search them all."""
        return self.ranked_matches(query_string, queryset, limit)


def analysed_lexemes(lexeme_class, query_string, prefix_last=False, autocomplete=False, group=None, **lexeme_kwargs):
    """The query as backend lexemes: alternatives (stems in either language) OR-ed, words AND-ed."""
    if autocomplete:
        terms = [{word} for word in fold_words(query_string).split()]
    else:
        terms = query_terms(query_string)
    combined = None
    for position, alternatives in enumerate(terms):
        prefix = prefix_last and position == len(terms) - 1
        term = None
        for alternative in sorted(alternatives):
            lexeme = lexeme_class(alternative, prefix=prefix, **lexeme_kwargs)
            term = lexeme if term is None else term | lexeme
        if group is not None and len(alternatives) > 1:
            term = group(term)
        combined = term if combined is None else combined & term
    return combined


def one_word(lexeme_class, alternatives):
    """One word of the query: its stems in either language, OR-ed."""
    word = None
    for alternative in sorted(alternatives):
        lexeme = lexeme_class(alternative)
        word = lexeme if word is None else word | lexeme
    return word


@lru_cache
def _sqlite_backend_class():
    from modelsearch.backends.database.sqlite import sqlite
    from modelsearch.backends.database.sqlite.query import (
        Lexeme,
        LexemeCombinable,
        MatchExpression,
        SearchQueryExpression,
        SearchQueryField,
        normalize,
    )
    from modelsearch.query import MatchAll, Not
    from modelsearch.utils import get_descendants_content_types_pks

    class GroupedLexeme(LexemeCombinable):
        """``(a OR b)``: Wagtail's SQLite lexemes are not parenthesised, and FTS5 binds AND before OR."""

        _output_field = SearchQueryField()

        def __init__(self, inner):
            super().__init__()
            self.inner = inner

        def as_sql(self, compiler, connection):
            sql, params = compiler.compile(self.inner)
            return "%s", [f"({sql % tuple(params)})"]

    if not issubclass(sqlite.ObjectIndexer, AnalysingIndexerMixin):
        sqlite.ObjectIndexer = type("AnalysingObjectIndexer", (AnalysingIndexerMixin, sqlite.ObjectIndexer), {})

    class QueryCompiler(sqlite.SQLiteSearchQueryCompiler):
        autocomplete = False

        def build_search_query_content(self, query, config=None):
            if isinstance(query, PlainText):
                lexemes = analysed_lexemes(
                    Lexeme,
                    query.query_string,
                    prefix_last=self.LAST_TERM_IS_PREFIX,
                    autocomplete=self.autocomplete,
                    group=GroupedLexeme,
                )
                return SearchQueryExpression(lexemes, config=config) if lexemes is not None else None
            return super().build_search_query_content(query, config=config)

        def ranked_matches(self, config, limit):
            """``[(pk, score)]``, best first, higher is better: one FTS5 query over the index table.

            Wagtail's own ``search`` scores each result with a correlated subquery that runs the FTS5 match again
            for every row (quadratic in the number of matches); here the match runs once, restricted to the ids
            of the queryset, and BM25 (lower is better) is negated.
            """
            query = normalize(self.query)
            if isinstance(query, (MatchAll, Not)):  # pragma: no cover - the search page only sends words
                return []
            search_query = self.build_search_query(query, config=config)
            if search_query is None:
                return []
            text_ids = self.queryset.annotate(text_pk=Cast("pk", CharField())).values("text_pk")
            rows = (
                sqlite.SQLiteFTSIndexEntry.objects.filter(
                    MatchExpression(self.fields or self.FTS_TABLE_FIELDS, search_query)
                )
                .filter(
                    index_entry__content_type__in=get_descendants_content_types_pks(self.queryset.model),
                    index_entry__object_id__in=text_ids,
                )
                .annotate(score=self._build_rank_expression(self.get_search_vectors(), config))
                .order_by("score", "index_entry__object_id")
                .values_list("index_entry__object_id", "score")[:limit]
            )
            return [(int(pk), -(score or 0.0)) for pk, score in rows]

    class AutocompleteQueryCompiler(QueryCompiler, sqlite.SQLiteAutocompleteQueryCompiler):
        autocomplete = True

    class Backend(RankedMatchesMixin, sqlite.SQLiteSearchBackend):
        analyses_text = True
        query_compiler_class = QueryCompiler
        autocomplete_query_compiler_class = AutocompleteQueryCompiler

    return Backend


@lru_cache
def _postgres_backend_class():
    from django.contrib.postgres.search import SearchRank
    from modelsearch.backends.database.postgres import postgres
    from modelsearch.backends.database.postgres.query import Lexeme

    if not issubclass(postgres.ObjectIndexer, AnalysingIndexerMixin):
        postgres.ObjectIndexer = type("AnalysingObjectIndexer", (AnalysingIndexerMixin, postgres.ObjectIndexer), {})

    class QueryCompiler(postgres.PostgresSearchQueryCompiler):
        autocomplete = False

        def build_tsquery_content(self, query, config=None, invert=False):
            if isinstance(query, PlainText):
                lexemes = analysed_lexemes(
                    Lexeme,
                    query.query_string,
                    prefix_last=self.LAST_TERM_IS_PREFIX,
                    autocomplete=self.autocomplete,
                    invert=invert,
                )
                if lexemes is None:
                    return None
                return postgres.SearchQuery(lexemes, search_type="raw", config=config)
            return super().build_tsquery_content(query, config=config, invert=invert)

        def search(self, config, start, stop, score_field=None, backend=None):
            """Match through the GIN indexes: each word in the title *or* the body, every word (AND).

            Wagtail matches ``title || body`` (a vector built per row, which no index can serve); for our
            queries (words with alternatives, AND-ed) "each word in the title or the body" is the same set and
            lets PostgreSQL combine the ``title`` and ``body`` GIN indexes. Ranked by :meth:`_build_rank_expression`.
            """
            if self.autocomplete or not isinstance(self.query, PlainText):
                return super().search(config, start, stop, score_field=score_field, backend=backend)
            condition = Q()
            for alternatives in query_terms(self.query.query_string):
                tsquery = postgres.SearchQuery(one_word(Lexeme, alternatives), search_type="raw", config=config)
                condition &= Q(index_entries__title=tsquery) | Q(index_entries__body=tsquery)
            if not condition:
                return super().search(config, start, stop, score_field=score_field, backend=backend)
            search_query = self.build_tsquery(self.query, config=config)
            rank_expression = self._build_rank_expression(self.get_search_vectors(search_query), config)
            queryset = self.queryset.filter(condition)
            return self._apply_ordering_and_scoring(queryset, rank_expression, start, stop, score_field)

        def _build_rank_expression(self, vectors, config):
            """The sum over the query's words of each word's ``ts_rank`` (its stems OR-ed), title weighted by
            ``title_norm`` as Wagtail does.

            Wagtail ranks the whole query at once, and ``ts_rank`` of words AND-ed rewards them for standing close
            together: a score no item's words alone can give. A sum over the words, like BM25 on SQLite and
            Elasticsearch, can be added up from each word's stored scores (:mod:`search.word_scores`), and it passes
            the relevance set (tests/search/test_relevance.py) as well. One word: Wagtail's own expression.
            """
            if self.autocomplete or not isinstance(self.query, PlainText):
                return super()._build_rank_expression(vectors, config)
            total = None
            for alternatives in query_terms(self.query.query_string):
                word = postgres.SearchQuery(one_word(Lexeme, alternatives), search_type="raw", config=config)
                for vector, boost in vectors:
                    score = SearchRank(vector, word, weights=self.sql_weights) * boost
                    total = score if total is None else total + score
            return super()._build_rank_expression(vectors, config) if total is None else total

        def ranked_matches(self, config, limit):
            """``[(pk, score)]``, best first, higher is better: :meth:`search` without loading the pages.

            PostgreSQL's planner does not count the cost of reading each row's (TOAST-compressed, kilobytes long)
            body vector, so with the default ``random_page_cost`` (4, tuned for spinning disks) it prefers a
            sequential scan that evaluates the match on every index row over the ``title``/``body`` GIN indexes,
            even for words found in a few percent of the documents (``EXPLAIN ANALYZE``, 10,000 items: 171 ms
            sequential, 68 ms through the GIN indexes). For this one statement the cost is set to the usual
            value for SSDs, so the indexes serve selective words; a word found nearly everywhere is still scanned.
            """
            queryset = self.search(config, 0, limit, score_field="_score").values_list("pk", "_score")
            db = queryset.db
            with transaction.atomic(using=db), connections[db].cursor() as cursor:
                cursor.execute("SET LOCAL random_page_cost = 1.1")
                return list(queryset)

    class AutocompleteQueryCompiler(QueryCompiler, postgres.PostgresAutocompleteQueryCompiler):
        autocomplete = True

    class Backend(RankedMatchesMixin, postgres.PostgresSearchBackend):
        analyses_text = True
        query_compiler_class = QueryCompiler
        autocomplete_query_compiler_class = AutocompleteQueryCompiler

        def __init__(self, params):
            super().__init__(params)
            # Text arrives analysed (see the module docstring): PostgreSQL must only lower-case and split it.
            self.config = "simple"

        def add(self, obj):
            """Wagtail's, then the item noted as indexed again: its stored word scores may be stale from now on."""
            from search.word_scores import note_reindexed

            super().add(obj)
            note_reindexed([obj])

        def add_bulk(self, model, obj_list):
            """Wagtail's, then the items noted as indexed again (see :meth:`add`)."""
            from search.word_scores import note_reindexed

            super().add_bulk(model, obj_list)
            note_reindexed(obj_list)

        def ranked_matches(self, query_string, queryset, limit, fields=None, public_only=False):
            """Added up from the stored scores of frequent words when they can answer (:mod:`search.word_scores`),
            each match then with its ``fields`` (read by the query that checks it is visible); otherwise every match
            is scored by the database, without them (see :meth:`RankedMatchesMixin.ranked_matches`)."""
            from search.word_scores import ranked

            def score_by_database(items):
                return self.ranked_among_few(query_string, items, limit)

            terms = query_terms(query_string)
            matches = ranked(queryset, terms, limit, score_by_database, fields or (), public_only)
            if matches is None:
                return super().ranked_matches(query_string, queryset, limit, fields)
            return matches if fields is not None else [(pk, score) for pk, score, _row in matches]

        def ranked_among_few(self, query_string, queryset, limit):
            """Each candidate's index row read by its key, in one statement
            (:func:`search.word_scores.scored_among`)."""
            from search.word_scores import scored_among

            return scored_among(queryset, query_terms(query_string), limit)

    return Backend


def SearchBackend(params):  # noqa: N802 - Wagtail looks the backend up by this name.
    """The analysing backend for the default database (SQLite or PostgreSQL), like Wagtail's own selector."""
    if connection.vendor == "postgresql":
        return _postgres_backend_class()(params)
    if connection.vendor == "sqlite":
        return _sqlite_backend_class()(params)
    from modelsearch.backends.database import SearchBackend as WagtailDatabaseBackend

    return WagtailDatabaseBackend(params)
