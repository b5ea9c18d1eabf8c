"""Shortlists of frequent words: a first search of common words at scale, without ranking every match.

On PostgreSQL the database backend ranks matches with ``ts_rank``, which reads each matching item's body vector (a
few kilobytes, stored out of line). For a word found in most items, a first search ranks tens of thousands of them
to keep the best thousand: 300 ms at 50,000 items, nearly all of it spent reading vectors (bench/RESULTS.md). In
this library the words people search for ("trata", "víctimas", "extradición") are the frequent ones.

So for each word found in at least ``ENLACE_SEARCH_SHORTLIST_MIN_ITEMS`` items, the ``ENLACE_SEARCH_SHORTLIST_SIZE``
items that use it the most are written down, and as many public ones (what anonymous readers search; a use in the
title counts :data:`TITLE_WEIGHT` uses in the body, as the title weighs more in the ranking). When *every* word of a
query has a shortlist (one of its Spanish or English stems does), only the items on those shortlists, plus the
items published since they were written, are ranked: among the items the reader may see, with ``ts_rank`` as
always, so the order among them is exact. If they give fewer matches than asked (the page asks for a thousand),
every match is ranked as before, so a rare combination of frequent words loses nothing.

What it trades: the best thousand of a frequent-word search are the best among the heaviest users of its words,
not among every item that mentions them. Measured at 50,000 seeded items on 12 queries, against every match
ranked: as an anonymous reader, the first ten results were the same for all 12 and the first hundred 92–100 % the
same; as a member, the first ten the same for 11 (9 of 10 for the other), the first hundred 73–100 %.

Kept current: ``update_index`` and ``seed_demo`` write them again (:func:`build`); an item published since is
added to the row of the empty word (never a stem), which every search reads with the shortlists, and once more than
``ENLACE_SEARCH_SHORTLIST_SIZE`` items were published since the last build the shortlists are ignored until the
next one (the page stays correct, only slower). SQLite ranks with FTS5's BM25 from its own index and needs none.
``ENLACE_SEARCH_SHORTLISTS = False`` ranks every match again without rebuilding anything.
"""

import time

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone
from wagtail.models import Page
from wagtail.search.models import IndexEntry

from members.access import Visibility
from practices.models import LibraryItemPage
from search.models import FrequentWordShortlist

# A word in the title counts as this many uses in the body (the title's weight in the ranking is larger).
TITLE_WEIGHT = 8
# The row holding the items published since the shortlists were built: the empty word is never a stem.
PUBLISHED_SINCE = ""


def min_items():
    return settings.ENLACE_SEARCH_SHORTLIST_MIN_ITEMS


def size():
    return settings.ENLACE_SEARCH_SHORTLIST_SIZE


def supported():
    return connection.vendor == "postgresql"


def library_item_models():
    return [model for model in apps.get_models() if issubclass(model, LibraryItemPage)]


def build(progress=print):
    """Write the shortlists again from the search index (PostgreSQL only); returns the number of words."""
    if not supported():
        return 0
    started = time.perf_counter()
    content_types = [
        content_type.pk
        for content_type in ContentType.objects.get_for_models(
            *library_item_models(), for_concrete_models=False
        ).values()
    ]
    progress(f"Shortlisting the {size()} heaviest users of each word found in {min_items()} library items or more…")
    table = connection.ops.quote_name(IndexEntry._meta.db_table)
    items = connection.ops.quote_name(LibraryItemPage._meta.db_table)
    # Drafts and the translation aliases are indexed too, but never searched (search.service.live_items).
    pages = connection.ops.quote_name(Page._meta.db_table)
    types = ",".join(str(int(pk)) for pk in content_types)
    # ts_stat takes its query as text; it holds only the table name and integer ids.
    documents = f"SELECT title || body FROM {table} WHERE content_type_id IN ({types or 'NULL'})"  # noqa: S608
    built_at = timezone.now()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"""
            WITH frequent AS (SELECT word FROM ts_stat(%s) WHERE ndoc >= %s),
            uses AS (
                SELECT entry.object_id::integer AS item, used.lexeme AS word,
                       coalesce(cardinality(used.positions), 1) AS uses
                FROM {table} entry CROSS JOIN unnest(entry.body) used
                WHERE entry.content_type_id = ANY(%s) AND used.lexeme IN (SELECT word FROM frequent)
                UNION ALL
                SELECT entry.object_id::integer, used.lexeme, %s * coalesce(cardinality(used.positions), 1)
                FROM {table} entry CROSS JOIN unnest(entry.title) used
                WHERE entry.content_type_id = ANY(%s) AND used.lexeme IN (SELECT word FROM frequent)
            ),
            weighed AS (
                SELECT uses.word, uses.item, sum(uses.uses) AS weight, item.visibility = %s AS public
                FROM uses JOIN {items} item ON item.page_ptr_id = uses.item
                JOIN {pages} page ON page.id = uses.item AND page.live AND page.alias_of_id IS NULL
                GROUP BY uses.word, uses.item, item.visibility
            ),
            placed AS (
                SELECT word, item, weight,
                       row_number() OVER (PARTITION BY word ORDER BY weight DESC, item DESC) AS place,
                       row_number() OVER (PARTITION BY word, public ORDER BY weight DESC, item DESC) AS place_among,
                       public
                FROM weighed
            )
            SELECT word, array_agg(item ORDER BY weight DESC, item DESC) FROM placed
            WHERE place <= %s OR (public AND place_among <= %s)
            GROUP BY word
            """,  # noqa: S608 - the table names are models', every value is a parameter
            [documents, min_items(), content_types, TITLE_WEIGHT, content_types, Visibility.PUBLIC, size(), size()],
        )
        rows = cursor.fetchall()
        FrequentWordShortlist.objects.all().delete()
        FrequentWordShortlist.objects.bulk_create(
            [FrequentWordShortlist(word=word, item_ids=ids, built_at=built_at) for word, ids in rows]
            + [FrequentWordShortlist(word=PUBLISHED_SINCE, item_ids=[], built_at=built_at)],
            batch_size=200,
        )
    progress(f"Shortlisted {len(rows)} frequent words in {time.perf_counter() - started:.1f} s.")
    return len(rows)


def built():
    """Whether the shortlists were written (on a database that has them)."""
    return not supported() or FrequentWordShortlist.objects.filter(word=PUBLISHED_SINCE).exists()


def shortlisted(queryset, terms):
    """``queryset`` (library items) narrowed to the shortlisted items of a query's words
    (``search.analysis.query_terms``), or ``None`` to rank every match."""
    from search.service import id_list

    if not issubclass(queryset.model, tuple(library_item_models())):
        return None
    ids = candidates(terms)
    return None if ids is None else queryset.filter(pk__in=id_list(ids))


def candidates(terms):
    """The ids worth ranking for a query, or ``None`` unless every word has a shortlist (through any of its
    stems) and the shortlists are current enough."""
    if not terms or not supported() or not settings.ENLACE_SEARCH_SHORTLISTS:
        return None
    words = set().union(*terms)
    rows = dict(
        FrequentWordShortlist.objects.filter(word__in=[*words, PUBLISHED_SINCE]).values_list("word", "item_ids")
    )
    published_since = rows.pop(PUBLISHED_SINCE, None)
    if published_since is None or len(published_since) > size():
        return None
    if not all(alternatives & rows.keys() for alternatives in terms):
        return None
    return set(published_since).union(*rows.values())


def note_published(sender, instance, **kwargs):
    """``page_published``: a library item published after the build is ranked with every shortlisted search."""
    if not isinstance(instance, LibraryItemPage) or not supported():
        return
    with transaction.atomic():
        row = FrequentWordShortlist.objects.select_for_update().filter(word=PUBLISHED_SINCE).first()
        if row is not None and instance.pk not in row.item_ids and len(row.item_ids) <= size():
            row.item_ids.append(instance.pk)
            row.save(update_fields=["item_ids"])
