"""Stored scores of frequent words: a first search at scale on PostgreSQL without reading every match's text.

On PostgreSQL the database backend scores matches with ``ts_rank``, which reads each matching item's body vector (a
few kilobytes, stored out of line). In this library the words people search for ("trata", "víctimas",
"extradición") are in most items: a first search scored tens of thousands of them to keep the best thousand, 300
to 500 ms at 50,000 items, nearly all of it spent reading vectors (bench/RESULTS.md).

A query's score is a sum over its words, each word's the mean over its stems (the backend's ranking,
``search.backends.database``), so it can be added up from each stem's score alone. For every stem found in at
least ``ENLACE_SEARCH_WORD_SCORES_MIN_ITEMS`` items, :func:`build` stores every published item using it with its
score on that stem (:class:`~search.models.WordScoreList`, the same ``ts_rank`` expression the backend runs,
title weight and ``title_norm`` included). :func:`ranked` then answers a query whose every word has a stored stem:

- the stored lists of its stems are read (one query; a process keeps the lists it read, :func:`read_lists`) and
  combined in arrays: each word's items and mean scores, the items having every word (AND), their sum;
- the items the lists cannot speak for are scored by the database (:func:`scored_among`, the backend's ranking),
  among the items the reader may see: those indexed again since the lists were written (published, saved, moved:
  :class:`~search.models.ReindexedItem`, noted by the backend as it indexes them), and those using one of the
  query's rare stems (an English "trata" next to the Spanish ``trat``), whose score the lists lack;
- the best of the rest go through the reader's visibility rule in batches, best first, until ``limit`` are found
  (the query reads what the page's facets need along). The lists flag the items that were for members or groups
  when written: for a reader who sees only public items those are left out first, so one batch is enough (the
  rule still decides; an item made public since was published, so it is indexed again and scored apart).

The result is the same items in the same order as scoring every match, up to scores equal within float rounding
(tests/search/test_word_scores.py compares both on a seeded library). A query with a word whose stems are all rare
has few matches (that word's): it is scored by the database, and so is every query when too many items were
indexed again since the build or ``ENLACE_SEARCH_WORD_SCORES`` is off. Renaming a taxonomy term changes the text
indexed with its items only when they are indexed again, for the lists and the database alike.

Kept current: ``update_index`` and the nightly ``score_frequent_words`` write the lists again (so does
``make bench`` after seeding). SQLite ranks with FTS5's BM25 from its own index and needs none.
"""

import logging
import math
import threading
import time
from datetime import timedelta
from typing import NamedTuple

import numpy
from django.conf import settings
from django.contrib.postgres.search import SearchQuery
from django.db import DatabaseError, connection, transaction
from django.db.models import BinaryField, Case, F, IntegerField, Q, TextField, Value, When
from django.db.models.functions import Cast
from django.utils import timezone
from modelsearch.backends.database.postgres.weights import get_sql_weights
from modelsearch.utils import get_descendants_content_types_pks
from wagtail.models import Page
from wagtail.search.models import IndexEntry

from members.access import Visibility
from practices.models import LibraryItemPage
from search.models import ReindexedItem, WordScoreList
from search.querysets import id_list

logger = logging.getLogger(__name__)

# pg_advisory_xact_lock key of a build ("ENLS" in ASCII).
BUILD_LOCK = 0x454E4C53
# How far the web servers' clocks (which stamp publications) may be behind the database's.
CLOCK_MARGIN = timedelta(minutes=5)
# The lists' arrays as stored: 32-bit little-endian integers and floats, and one byte per restricted flag.
ID_TYPE, SCORE_TYPE, FLAG_TYPE = numpy.dtype("<i4"), numpy.dtype("<f4"), numpy.dtype("u1")


def min_items():
    return settings.ENLACE_SEARCH_WORD_SCORES_MIN_ITEMS


def supported():
    return connection.vendor == "postgresql"


def library_item_content_types():
    """The content types library items are indexed under (each page type's own, and the base class's)."""
    return get_descendants_content_types_pks(LibraryItemPage)


def build(progress=print):
    """Write every word score list again from the search index (PostgreSQL only); returns the number of words."""
    if not supported():
        return 0
    started = time.perf_counter()
    content_types = library_item_content_types()
    progress(f"Scoring every library item on each word found in {min_items()} items or more…")
    table = connection.ops.quote_name(IndexEntry._meta.db_table)
    # Drafts and the translation aliases are indexed too, but never searched (search.service.live_items).
    pages = connection.ops.quote_name(Page._meta.db_table)
    items = connection.ops.quote_name(LibraryItemPage._meta.db_table)
    types = ",".join(str(int(pk)) for pk in content_types)
    # ts_stat takes its query as text; it holds only the table name and integer ids.
    documents = f"SELECT title || body FROM {table} WHERE content_type_id IN ({types or 'NULL'})"  # noqa: S608 # nosec B608
    words = 0
    with transaction.atomic():
        with connection.cursor() as cursor:
            # Two builds at once (the nightly one and an update_index) would insert the same words: one waits.
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [BUILD_LOCK])
            # "Indexed again since" must cover every index write the read below may miss: those of transactions
            # still open in this database (a library import publishes in one long transaction), stamped by the web
            # server's clock. Other roles' transactions show only to a role with pg_read_all_stats (or the owner).
            cursor.execute(
                "SELECT min(xact_start) - %s FROM pg_stat_activity WHERE xact_start IS NOT NULL "
                "AND datname = current_database() AND backend_type = 'client backend'",
                [CLOCK_MARGIN],
            )
            (built_at,) = cursor.fetchone()
        WordScoreList.objects.all().delete()
        # A server-side cursor, each word's list written as it comes: at scale the lists hold millions of scores.
        with connection.chunked_cursor() as cursor:
            cursor.cursor.itersize = 10  # words fetched at a time (a frequent word's list: 44,000 scores at 50,000)
            cursor.execute(
                f"""
                WITH frequent AS (SELECT word FROM ts_stat(%(documents)s) WHERE ndoc >= %(min_items)s)
                SELECT used.word,
                       array_agg(entry.object_id::integer ORDER BY entry.object_id::integer),
                       array_agg(
                           {word_score(weights="%(weights)s", query="used.query")} ORDER BY entry.object_id::integer
                       ),
                       array_agg((item.visibility <> %(public)s)::integer ORDER BY entry.object_id::integer)
                FROM {table} entry
                JOIN {pages} page ON page.id = entry.object_id::integer AND page.live AND page.alias_of_id IS NULL
                JOIN {items} item ON item.page_ptr_id = page.id
                CROSS JOIN LATERAL (
                    SELECT lexeme AS word, quote_literal(lexeme)::tsquery AS query
                    FROM unnest(entry.title || entry.body)
                    WHERE lexeme IN (SELECT word FROM frequent)
                ) used
                WHERE entry.content_type_id = ANY(%(content_types)s)
                GROUP BY used.word
                """,  # noqa: S608 # nosec B608 - the table names are models', every value is a parameter
                {
                    "documents": documents,
                    "min_items": min_items(),
                    "weights": get_sql_weights(),
                    "content_types": content_types,
                    "public": Visibility.PUBLIC,
                },
            )
            batch = []
            for word, ids, scores, restricted in cursor:
                batch.append(
                    WordScoreList(
                        word=word,
                        item_ids=numpy.asarray(ids, dtype=ID_TYPE).tobytes(),
                        scores=numpy.asarray(scores, dtype=SCORE_TYPE).tobytes(),
                        restricted=numpy.asarray(restricted, dtype=FLAG_TYPE).tobytes(),
                        built_at=built_at,
                    )
                )
                if len(batch) == 50:
                    WordScoreList.objects.bulk_create(batch)
                    words, batch = words + len(batch), []
            WordScoreList.objects.bulk_create(batch)
            words += len(batch)
        # Forgotten last: their rows stay locked until the build commits, and a publication noting one of them waits.
        ReindexedItem.objects.filter(reindexed_at__lt=built_at).delete()  # the index read above holds them
    merge_pending_index_entries(progress)
    progress(f"Scored {words} frequent words in {time.perf_counter() - started:.1f} s.")
    return words


def merge_pending_index_entries(progress):
    """Merge the pending lists of the search index's GIN indexes, where recent writes wait unsorted and are read in
    full by every search until the next vacuum (at 50,000 freshly indexed items: 372 pages, 2.5 ms per rare word).

    Only the indexes' owner may: for another role, the build is done all the same and autovacuum merges them later.
    """
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                "SELECT gin_clean_pending_list(indexrelid) FROM pg_index JOIN pg_class ON pg_class.oid = indexrelid "
                "JOIN pg_am ON pg_am.oid = pg_class.relam WHERE indrelid = %s::regclass AND amname = 'gin'",
                [IndexEntry._meta.db_table],
            )
    except DatabaseError as error:
        logger.warning("search index pending entries not merged (autovacuum will): %s", error)
        progress(f"Pending index entries not merged: {error}")


def note_reindexed(objects):
    """Note the library items among ``objects`` as indexed again now (the backend calls this as it indexes them)."""
    ids = [obj.pk for obj in objects if isinstance(obj, LibraryItemPage)]
    if ids:
        now = timezone.now()
        ReindexedItem.objects.bulk_create(
            [ReindexedItem(item_id=pk, reindexed_at=now) for pk in ids],
            update_conflicts=True,
            unique_fields=["item_id"],
            update_fields=["reindexed_at"],
        )


def ranked(queryset, terms, limit, score_by_database, fields=(), public_only=False):
    """``[(pk, score, row)]``: the best ``limit`` items of ``queryset`` (live library items the reader may see, as
    ``search.service.live_items``: drafts and aliases are on no list) matching ``terms``
    (``search.analysis.query_terms``), best first; or ``None`` when the lists cannot answer.

    ``row`` holds each item's values of ``fields`` (names ``queryset.values`` accepts), read by the query that
    checks it is visible: the page needs them for its facets, and reading them again would check every match twice.
    ``score_by_database(queryset)`` is the backend's own ranking (``[(pk, score)]``) of the matches among
    ``queryset``: it scores the items the lists cannot speak for. ``public_only``: the reader sees no item for
    members or groups, so those the lists flag as such are left out before the visibility check (which still
    decides): an anonymous reader's best thousand are then checked in one query, not two to four.
    """
    if not terms or not supported() or not settings.ENLACE_SEARCH_WORD_SCORES:
        return None
    if not issubclass(queryset.model, LibraryItemPage):
        return None
    stems = set().union(*terms)
    lists = read_lists(stems)
    if any(not alternatives & lists.keys() for alternatives in terms):
        return None  # a word with only rare stems: its few matches are quickly scored by the database
    apart = items_apart(stems - lists.keys(), min(stored.built_at for stored in lists.values()))
    if apart is None:
        return None
    ids, scores = combined(terms, lists)
    keep = ~numpy.isin(ids, numpy.fromiter(apart, dtype=ID_TYPE, count=len(apart)))
    if public_only:
        keep &= ~restricted(ids, lists.values())
    scored_apart = score_by_database(queryset.filter(pk__in=id_list(apart))) if apart else []
    found = visible_best(ids[keep], scores[keep], queryset, limit, fields, scored_apart)
    return sorted(found, key=lambda match: (match[1], match[0]), reverse=True)[:limit]


class StoredList(NamedTuple):
    """One word's list as read: numpy views of the stored bytes (``restricted`` empty for lists written before
    it was stored)."""

    ids: numpy.ndarray
    scores: numpy.ndarray
    restricted: numpy.ndarray
    built_at: object


def read_lists(stems):
    """``{word: StoredList}`` of the stored ``stems``, in one query.

    A frequent word's list is hundreds of kilobytes (at 50,000 items "trata" is on 44,000: 3 ms to read and
    decode), and the lists change only when built again, while every first search of a word reads them. So each
    process remembers the lists it read last (:data:`REMEMBERED_LISTS`) with their version (new each time a list is
    written), and the query sends a list's bytes only when its version is not the one remembered.
    """
    known = REMEMBERED_LISTS.known(stems)
    unchanged = [version for version, _stored in known.values()]

    def unless_remembered(field):
        return Case(When(version__in=unchanged, then=Value(None, output_field=BinaryField())), default=F(field))

    rows = WordScoreList.objects.filter(word__in=stems).values_list(
        "version",
        "word",
        unless_remembered("item_ids"),
        unless_remembered("scores"),
        unless_remembered("restricted"),
        "built_at",
    )
    lists = {}
    for version, word, ids, scores, flags, built_at in rows:
        if ids is None:
            lists[word] = known[word][1]
        else:
            lists[word] = StoredList(
                numpy.frombuffer(ids, dtype=ID_TYPE),
                numpy.frombuffer(scores, dtype=SCORE_TYPE),
                numpy.frombuffer(flags, dtype=FLAG_TYPE),
                built_at,
            )
        REMEMBERED_LISTS.remember(word, version, lists[word])
    return lists


class RememberedLists:
    """The word score lists a process read last, ``{word: (version, StoredList)}``, at most ``max_scores`` scores in
    all (the oldest read forgotten first); shared by the threads of a process."""

    def __init__(self, max_scores):
        self.max_scores = max_scores
        self.lists = {}
        self.scores = 0
        self.lock = threading.Lock()

    def known(self, words):
        """``{word: (version, StoredList)}`` of the ``words`` remembered."""
        with self.lock:
            return {word: self.lists[word] for word in words if word in self.lists}

    def remember(self, word, version, stored):
        with self.lock:
            previous = self.lists.pop(word, None)
            self.scores -= len(previous[1].ids) if previous else 0
            self.lists[word] = (version, stored)  # last in the dict's order: the most recently read
            self.scores += len(stored.ids)
            while self.scores > self.max_scores and len(self.lists) > 1:
                _version, oldest = self.lists.pop(next(iter(self.lists)))
                self.scores -= len(oldest.ids)


# Up to 4 million scores per process (36 MB with their ids and flags): the lists of a few hundred frequent words.
REMEMBERED_LISTS = RememberedLists(max_scores=4_000_000)


def restricted(ids, lists):
    """Which of ``ids`` (ascending, each on some of ``lists``) a list flags as restricted (members or groups)."""
    found = numpy.zeros(len(ids), dtype=bool)
    for stored in lists:
        if len(stored.restricted) and len(stored.ids):
            where = numpy.minimum(numpy.searchsorted(stored.ids, ids), len(stored.ids) - 1)
            on_list = stored.ids[where] == ids
            found[on_list] |= stored.restricted[where[on_list]].astype(bool)
    return found


def combined(terms, lists):
    """The ids having every word of ``terms`` on the lists, ascending, and their scores: each word's the mean over
    its stems (``ts_rank`` of the stems OR-ed: a stem the item lacks counts 0), summed over the words."""
    ids = scores = None
    for alternatives in terms:
        stored = [lists[stem] for stem in sorted(alternatives & lists.keys())]
        if len(stored) == 1:  # the usual case: one stem of the word is frequent, its list is the word's
            word_ids, word_scores = stored[0].ids, stored[0].scores.astype(numpy.float64)
        else:
            word_ids, where = numpy.unique(numpy.concatenate([one.ids for one in stored]), return_inverse=True)
            word_scores = numpy.zeros(len(word_ids), dtype=numpy.float64)
            numpy.add.at(word_scores, where, numpy.concatenate([one.scores for one in stored]))
        word_scores /= len(alternatives)
        if ids is None:
            ids, scores = word_ids, word_scores
        else:
            ids, mine, theirs = numpy.intersect1d(ids, word_ids, assume_unique=True, return_indices=True)
            scores = scores[mine] + word_scores[theirs]
    return ids, scores


def visible_best(ids, scores, queryset, limit, fields=(), scored=()):
    """``[(pk, score, row)]``: the best ``limit`` of ``ids`` that ``queryset`` (the items the reader may see) holds,
    with the matches ``scored`` by the database among them (``[(pk, score)]``, whose rows the first query reads
    too); ``row``: the item's ``fields``.

    Checked in batches, best first: the first a little larger than ``limit``, each next one sized by the share of
    visible items found so far. A member sees nearly everything and an anonymous reader is given only items public
    when the lists were written (:func:`ranked`), so one query over 1,250 ids is the rule; more batches are for a
    reader whose best items were restricted since (at 50,000 items, without the flags, an anonymous reader needed
    two queries over 1,250 to 2,600 ids, where checking a fixed 3,000 cost 20 ms).
    """
    order = best_first(ids, scores, 4 * limit)
    found, checked, size = [], 0, limit + limit // 4
    listed = 0  # how many of ``found`` come from ``ids``: the database's may rank below an unchecked one
    extra = [pk for pk, _score in scored]
    while extra or (listed < limit and checked < len(ids)):
        if checked + size > len(order) < len(ids):
            order = best_first(ids, scores, len(ids))
        batch = order[checked : checked + size]
        checked += len(batch)
        batch_ids = ids[batch].tolist()
        rows = queryset.filter(pk__in=id_list(batch_ids + extra)).order_by().values_list("pk", *fields)
        visible = {pk: dict(zip(fields, values, strict=True)) for pk, *values in rows}
        batch_found = [
            (pk, score, visible[pk])
            for pk, score in zip(batch_ids, scores[batch].tolist(), strict=True)
            if pk in visible
        ]
        found += batch_found
        listed += len(batch_found)
        if extra:  # the first batch: the database's matches, any restricted since it scored them left out
            found += [(pk, score, visible[pk]) for pk, score in scored if pk in visible]
            extra = []
        share = max(listed / checked, 0.05) if checked else 1.0
        size = math.ceil((limit - listed) / share * 1.2)
    return found


def best_first(ids, scores, count):
    """Positions of the best ``count`` ``ids`` (or a few more, when scores tie at the cut), best first; equal scores:
    the highest id first, as the backend orders them. Only these are sorted: tens of thousands would take longer."""
    if len(ids) > count:
        head = numpy.flatnonzero(scores >= -numpy.partition(-scores, count - 1)[count - 1])
    else:
        head = numpy.arange(len(ids))
    return head[numpy.lexsort((-ids[head], -scores[head]))]


def items_apart(rare_stems, built_at):
    """The ids of the items the lists cannot speak for, or ``None`` when they are too many: those indexed again since
    ``built_at`` (:class:`~search.models.ReindexedItem`) and those using one of ``rare_stems`` (stems without a
    list)."""
    apart = (
        ReindexedItem.objects.filter(reindexed_at__gte=built_at)
        .order_by()
        .annotate(why=Value("reindexed"))
        .values_list("item_id", "why")
    )
    if rare_stems:
        rare = rare_matches(sorted(rare_stems)).annotate(why=Value("rare")).values_list("item", "why")
        apart = apart.union(rare)
    rows = list(apart)
    reindexed = sum(why == "reindexed" for _pk, why in rows)
    if reindexed > settings.ENLACE_SEARCH_WORD_SCORES_MAX_REINDEXED_SINCE:
        logger.warning(
            "word score lists unused: %s items indexed again since they were written (%s); run score_frequent_words",
            reindexed,
            built_at,
        )
        return None
    return {pk for pk, _why in rows}


def rare_matches(stems):
    """The index entries of library items whose title or body has one of ``stems`` (each ``item``: its id)."""
    query = SearchQuery(any_of(stems), search_type="raw", config="simple")
    return (
        IndexEntry.objects.filter(content_type__in=library_item_content_types())
        .filter(Q(title=query) | Q(body=query))
        .annotate(item=Cast("object_id", IntegerField()))
    )


def any_of(stems):
    """The raw ``tsquery`` text matching any of ``stems`` (analysed words, each quoted as a lexeme)."""
    return " | ".join("'{}'".format(stem.replace("'", "''")) for stem in sorted(stems))


def word_score(weights, query):
    """The SQL of one word's score in an index row ``entry`` (the backend's ranking, ``search.backends.database``):
    its ``ts_rank`` in the title times ``title_norm``, plus in the body; ``weights`` and ``query`` are SQL (the
    weights a placeholder), the same for the lists' build and for :func:`scored_among`, whose scores must agree."""
    return (
        f"ts_rank({weights}::float4[], entry.title, {query}) * entry.title_norm"
        f" + ts_rank({weights}::float4[], entry.body, {query})"
    )


def scored_among(queryset, terms, limit):
    """``[(pk, score)]``, best first: the best ``limit`` rows of ``queryset`` matching every word of ``terms``
    (``search.analysis.query_terms``), scored as the backend scores them (``search.backends.database``: each
    word's ``ts_rank`` in the title, times ``title_norm``, and in the body, summed over the words).

    For a few candidates (the items the lists cannot speak for, a network's events), in one statement that reads
    each candidate's index row by its key. Wagtail's search builds the same ranking as Django expressions and
    compiles them, several milliseconds per statement before the database starts: for a few candidates, most of
    the time spent. Equal scores: the highest id first, as :func:`best_first` orders them.
    """
    if not terms:
        return []
    keys = queryset.order_by().annotate(key=Cast("pk", TextField())).values("key")  # object_id is text
    candidates, candidate_params = keys.query.sql_with_params()
    word = "to_tsquery('simple', %s)"
    score = word_score(weights="%s", query=word)
    match = f"(entry.title @@ {word} OR entry.body @@ {word})"
    weights, words = get_sql_weights(), [any_of(alternatives) for alternatives in terms]
    table = connection.ops.quote_name(IndexEntry._meta.db_table)
    statement = (
        f"SELECT entry.object_id::integer AS pk, {' + '.join([score] * len(words))} AS score "  # noqa: S608 # nosec B608
        f"FROM {table} entry WHERE entry.content_type_id = ANY(%s) AND entry.object_id IN ({candidates}) "
        f"AND {' AND '.join([match] * len(words))} ORDER BY score DESC, pk DESC LIMIT %s"
    )
    params = [value for text in words for value in (weights, text, weights, text)]
    params += [list(get_descendants_content_types_pks(queryset.model)), *candidate_params]
    params += [value for text in words for value in (text, text)] + [limit]
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        return cursor.fetchall()
