"""Shortlists of frequent words: a first search of common words at scale, without ranking every match.

On PostgreSQL the database backend ranks matches with ``ts_rank``, which reads each matching item's body vector (a
few kilobytes, stored out of line). For a word found in most items, a first search ranks tens of thousands of them
to keep the best thousand: 300 ms at 50,000 items, nearly all of it spent reading vectors (bench/RESULTS.md). In
this library the words people search for ("trata", "víctimas", "extradición") are the frequent ones.

So for each word found in at least ``ENLACE_SEARCH_SHORTLIST_MIN_ITEMS`` items, the ``ENLACE_SEARCH_SHORTLIST_SIZE``
items that score best on it alone (the backend's own ``ts_rank`` expression) are written down, and as many public
ones (what anonymous readers search). A one-word query whose stems have shortlists ranks only the items on them,
every match of its rare stems, and the items published since the shortlists were written (:func:`candidates`):
among the items the reader may see, with ``ts_rank`` as always. If they give fewer matches than asked (the page asks
for a thousand), every match is ranked as before. Queries of several words always rank every match: ``ts_rank``
then rewards items using every word close together, which no single word's shortlist holds.

Why the best items are the same: for a one-word query (its stems OR-ed), ``ts_rank`` is the mean of each stem's own
score, and an item missing from a stem's shortlist scores on that stem no more than the last item on it. Measured
at 50,000 seeded items on 15 one-word queries, as an anonymous reader and as a member: the best thousand were the
same items in the same order as with every match ranked (#7's closing note); tests/search/test_shortlists.py checks
it on a seeded library. Ties and items scoring high on two stems at once are the exceptions this does not guarantee.

Kept current: ``update_index`` and the nightly ``shortlist_frequent_words`` write them again (so does ``make bench``
after seeding)
(:func:`build`); items published since are found by their publication date. SQLite ranks with FTS5's BM25 from its
own index and needs none. ``ENLACE_SEARCH_SHORTLISTS = False`` ranks every match again without rebuilding anything.
"""

import time
from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchQuery
from django.db import connection, transaction
from django.db.models import IntegerField, Q, Value
from django.db.models.functions import Cast
from modelsearch.backends.database.postgres.weights import get_sql_weights
from wagtail.models import Page
from wagtail.search.models import IndexEntry

from members.access import Visibility
from practices.models import LibraryItemPage
from search.models import FrequentWordShortlist

# pg_advisory_xact_lock key of a build ("ENLS" in ASCII).
BUILD_LOCK = 0x454E4C53
# How far the web servers' clocks (which stamp publications) may be behind the database's.
CLOCK_MARGIN = timedelta(minutes=5)


def min_items():
    return settings.ENLACE_SEARCH_SHORTLIST_MIN_ITEMS


def size():
    return settings.ENLACE_SEARCH_SHORTLIST_SIZE


def supported():
    return connection.vendor == "postgresql"


def library_item_models():
    return [model for model in apps.get_models() if issubclass(model, LibraryItemPage)]


def library_item_content_types():
    """The content types library items are indexed under (their own, not the base class's)."""
    models = ContentType.objects.get_for_models(*library_item_models(), for_concrete_models=False)
    return [content_type.pk for content_type in models.values()]


def build(progress=print):
    """Write the shortlists again from the search index (PostgreSQL only); returns the number of words."""
    if not supported():
        return 0
    started = time.perf_counter()
    content_types = library_item_content_types()
    progress(f"Shortlisting the {size()} best scoring items of each word found in {min_items()} library items or more…")
    table = connection.ops.quote_name(IndexEntry._meta.db_table)
    items = connection.ops.quote_name(LibraryItemPage._meta.db_table)
    # Drafts and the translation aliases are indexed too, but never searched (search.service.live_items).
    pages = connection.ops.quote_name(Page._meta.db_table)
    types = ",".join(str(int(pk)) for pk in content_types)
    # ts_stat takes its query as text; it holds only the table name and integer ids.
    documents = f"SELECT title || body FROM {table} WHERE content_type_id IN ({types or 'NULL'})"  # noqa: S608 # nosec B608
    with transaction.atomic(), connection.cursor() as cursor:
        # Two builds at once (the nightly one and an update_index) would insert the same words: one waits.
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [BUILD_LOCK])
        # "Published since" must cover every publication the index below may miss: those of transactions still
        # open (a library import publishes in one long transaction), stamped by the web server's clock.
        cursor.execute("SELECT min(xact_start) - %s FROM pg_stat_activity WHERE xact_start IS NOT NULL", [CLOCK_MARGIN])
        (built_at,) = cursor.fetchone()
        cursor.execute(
            f"""
            WITH frequent AS (SELECT word FROM ts_stat(%(documents)s) WHERE ndoc >= %(min_items)s),
            scored AS (
                SELECT entry.object_id::integer AS item, used.word,
                       ts_rank(%(weights)s::float4[], entry.title, used.query) * entry.title_norm
                       + ts_rank(%(weights)s::float4[], entry.body, used.query) AS score
                FROM {table} entry CROSS JOIN LATERAL (
                    SELECT lexeme AS word, quote_literal(lexeme)::tsquery AS query
                    FROM unnest(entry.title || entry.body)
                    WHERE lexeme IN (SELECT word FROM frequent)
                ) used
                WHERE entry.content_type_id = ANY(%(content_types)s)
            ),
            placed AS (
                SELECT scored.word, scored.item, scored.score,
                       row_number() OVER (PARTITION BY scored.word ORDER BY scored.score DESC, scored.item DESC)
                           AS place,
                       row_number() OVER (
                           PARTITION BY scored.word, item.visibility = %(public)s
                           ORDER BY scored.score DESC, scored.item DESC
                       ) AS place_among,
                       item.visibility = %(public)s AS public
                FROM scored JOIN {items} item ON item.page_ptr_id = scored.item
                JOIN {pages} page ON page.id = scored.item AND page.live AND page.alias_of_id IS NULL
            )
            SELECT word, array_agg(item ORDER BY score DESC, item DESC) FROM placed
            WHERE place <= %(size)s OR (public AND place_among <= %(size)s)
            GROUP BY word
            """,  # noqa: S608 # nosec B608 - the table names are models', every value is a parameter
            {
                "documents": documents,
                "min_items": min_items(),
                "weights": get_sql_weights(),
                "content_types": content_types,
                "public": Visibility.PUBLIC,
                "size": size(),
            },
        )
        rows = cursor.fetchall()
        FrequentWordShortlist.objects.all().delete()
        FrequentWordShortlist.objects.bulk_create(
            [FrequentWordShortlist(word=word, item_ids=ids, built_at=built_at) for word, ids in rows], batch_size=200
        )
    progress(f"Shortlisted {len(rows)} frequent words in {time.perf_counter() - started:.1f} s.")
    return len(rows)


def shortlisted(queryset, terms):
    """``queryset`` (library items) narrowed to the candidates of a one-word query
    (``search.analysis.query_terms``), or ``None`` to rank every match."""
    from search.service import id_list

    if not issubclass(queryset.model, tuple(library_item_models())):
        return None
    ids = candidates(terms)
    return None if ids is None else queryset.filter(pk__in=id_list(ids))


def candidates(terms):
    """The ids worth ranking for a one-word query, or ``None`` to rank every match.

    One word only: with several, ``ts_rank`` rewards the items that use every word close together, which are on no
    single word's shortlist (at 50,000 items "trata frontera" kept 6 of its first 10). The word's stems without a
    shortlist are rare (in fewer than ``ENLACE_SEARCH_SHORTLIST_MIN_ITEMS`` items): all their matches are candidates,
    so an English "trata" (stem ``trata``) is found with the Spanish ones (``trat``). So are the items published
    since the shortlists were written, unless there are more of them than a shortlist holds.
    """
    if len(terms) != 1 or not supported() or not settings.ENLACE_SEARCH_SHORTLISTS:
        return None
    (stems,) = terms
    lists = list(FrequentWordShortlist.objects.filter(word__in=stems).values_list("word", "item_ids", "built_at"))
    if not lists:
        return None
    published = (
        LibraryItemPage.objects.filter(last_published_at__gte=min(built_at for *_rest, built_at in lists))
        .filter(alias_of__isnull=True)
        .order_by()
        .annotate(why=Value("published"))
        .values_list("pk", "why")
    )
    rare = sorted(stems - {word for word, *_rest in lists})
    if rare:
        published = published.union(rare_matches(rare).annotate(why=Value("rare")).values_list("item", "why"))
    extra = list(published)
    if sum(why == "published" for _pk, why in extra) > size():
        return None
    return {pk for pk, _why in extra}.union(*(ids for _word, ids, _built_at in lists))


def rare_matches(stems):
    """The index entries of library items whose title or body has one of ``stems`` (each ``item``: its id)."""
    query = SearchQuery(
        " | ".join("'{}'".format(stem.replace("'", "''")) for stem in stems), search_type="raw", config="simple"
    )
    return (
        IndexEntry.objects.filter(content_type__in=library_item_content_types())
        .filter(Q(title=query) | Q(body=query))
        .annotate(item=Cast("object_id", IntegerField()))
    )
