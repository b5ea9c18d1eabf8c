"""The search over the library and the events (and, for full members, the directory) for one request.

Never leak: everything starts from ``members.access.visible(request, …)``, so the backend only ever searches a
queryset the requester may already see; results, facet counts, snippets and suggestions are all drawn from it.
The directory group is computed only for full members, from ``members.access.listed_members()``.

Backend: ``settings.ENLACE_SEARCH_BACKEND`` names the backend asked first (Elasticsearch when configured). When it
cannot answer (connection refused, timeout, missing index) the database backend answers instead and
:attr:`LibrarySearch.degraded` tells the page the results may be incomplete.

Speed: the full-text match runs **once** per request. It returns the ids of the matching items, best first, at most
:data:`MAX_BACKEND_HITS` of them (as the Elasticsearch path always did); on PostgreSQL, a query whose every word has
a frequent stem adds up the stored scores of those words (:mod:`search.word_scores`) instead of reading each
match's text. The visibility rule is then applied to those ids **once** (:attr:`LibrarySearch.visible_matches`,
one query that also reads each item's publication date and column facet values; on the stored scores' path, the
query that checks the best ids' visibility reads them). Which matches each chosen column facet lets through, the
column facets' counts and the list of results are computed from those rows, without a query; the chosen taxonomy
facets' matches take one query for all of them (when one is chosen), and the taxonomy facets' counts one more
(:func:`taxonomy_counts`), each reading the relation tables over ``pk IN (those ids)``, without the join of items
and pages the visibility rule needs. A search thus runs a constant number of queries (the match, the visible
matches, the chosen taxonomies, the taxonomy counts, the page and its prefetch, the events' match and, when one
matches, their rows), whatever the number of results or of chosen values. Without a query nothing is matched: the
counts (one query per taxonomy facet, one for the column facets) and the newest items come straight from the
visible items.

Events are searched with the library: a visible event matching the query is a result of the kind "event"
(the ``kind`` facet offers it), counted in the facets it has (country, language, year) and never in those it
has not (crime type, theme): choosing one of those leaves events out, and they are then not matched at all.
Networks hold tens of events, not tens of thousands, so they are matched by the database backend among the visible
ones (``ranked_among_few``: on PostgreSQL each one's index row is read by its key; at most :data:`MAX_EVENT_HITS`),
loaded in one query and narrowed in Python.
"""

import logging
from collections import Counter
from dataclasses import dataclass, field
from hashlib import sha256

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import connection
from django.db.models import CharField, Q, Value
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.search.backends import get_search_backend

from events.models import EventPage
from home.page_cache import content_cache_key
from members import access
from members.access import Visibility
from network.models import Country, Institution
from practices.listing import FACETS as LIBRARY_FACETS
from practices.listing import ColumnFacet, FacetLinks, RelationFacet, column_counts, column_rows, facet_results
from practices.models import LibraryItemPage, Theme
from search.analysis import analyse, fold_words, matching_stems, query_terms
from search.querysets import candidates, id_list
from search.snippets import highlight_title, snippet

logger = logging.getLogger(__name__)

PER_PAGE = 10
MAX_QUERY_LENGTH = 200
# The match keeps the best this many library items; facets, results and pages are computed over them.
MAX_BACKEND_HITS = 1000
MAX_EVENT_HITS = 200
# How long the best matches and the library's facet counts of a query are kept (publishing drops them at once).
MATCH_CACHE_SECONDS = 300
FACET_PARAMS = ("country", "crime_type", "kind", "language", "year", "theme")
FACETS = [facet for param in FACET_PARAMS for facet in LIBRARY_FACETS if facet.param == param]
COLUMN_FACETS = [facet for facet in FACETS if isinstance(facet, ColumnFacet)]
RELATION_FACETS = [facet for facet in FACETS if isinstance(facet, RelationFacet)]
# What the facets and the results read of each visible match (LibrarySearch.visible_matches).
MATCH_ROW_FIELDS = ("first_published_at", *(facet.column for facet in COLUMN_FACETS))
SORT_LABELS = {"relevance": _("Relevance"), "date": _("Newest first")}
DATE_ORDER = ("-first_published_at", "-pk")
DIRECTORY_LIMIT = 10
EVENT_KIND = "event"
# The library's own taxonomies: events are filed under none of them, so choosing one leaves every event out.
LIBRARY_ONLY_PARAMS = ("crime_type", "theme")
EVENT_LABEL = _("Event")


class BackendUnavailable(Exception):
    """The configured backend could not answer (it is down, slow, or has no index yet)."""


def backend_errors():
    """The exceptions that mean "Elasticsearch cannot answer", when the client is installed."""
    try:
        from elastic_transport import TransportError
        from elasticsearch import ApiError
    except ImportError:  # pragma: no cover - the client is a pinned dependency
        return ()
    return (TransportError, ApiError)


@dataclass
class Result:
    """One library item or event as the results list shows it: its kind, a highlighted title and snippet."""

    page: object
    url: str
    kind_label: str
    title_html: str
    snippet_html: str
    year: object = None
    places: list = field(default_factory=list)
    restricted_label: str = ""


@dataclass(frozen=True)
class Hit:
    """A matching library item or event: enough to order and paginate results before loading any page."""

    is_event: bool
    pk: int
    score: float
    published: object


@dataclass
class DirectoryResult:
    membership: object
    name: str
    institution: str
    country: str
    position: str


class LibrarySearch(FacetLinks):
    """The search for one request: ``q``, facets, sort and page from GET, the requester from the session."""

    def __init__(self, request, per_page=PER_PAGE):
        self.request = request
        self.per_page = per_page
        # NUL never belongs in a query, and PostgreSQL refuses it in text.
        self.query = " ".join(request.GET.get("q", "").replace("\x00", " ").split())[:MAX_QUERY_LENGTH]
        self.terms = query_terms(self.query)
        self.selected = {facet.param: facet.clean(request.GET.getlist(facet.param)) for facet in FACETS}
        sort = request.GET.get("sort", "relevance")
        self.sort = sort if sort in SORT_LABELS else "relevance"
        self.degraded = False
        # {pk: row} of the matches whose visibility the match itself checked in this request (visible_matches).
        self.checked_rows = {}
        self.backend_name = getattr(settings, "ENLACE_SEARCH_BACKEND", "default")

    # --- Matching (once per request) ------------------------------------------------------------------------------

    @property
    def has_query(self):
        return bool(self.terms)

    def visible_items(self):
        return access.visible(self.request, live_items())

    @cached_property
    def database_backend(self):
        return get_search_backend("default")

    @cached_property
    def item_scores(self):
        """``{pk: score}`` of the visible items matching the query (higher is better), or ``None`` without a query.

        Elasticsearch ranks every live item and the visible ones are kept in SQL (:meth:`visible_matches`); the
        database backend matches only the visible items. Either way at most :data:`MAX_BACKEND_HITS`, and kept
        for the next search of the same words by the same audience (:meth:`remembered`).
        """
        if not self.has_query:
            return None
        return self.remembered("match", self.best_matches)

    def best_matches(self):
        if self.backend_name != "default":
            try:
                backend = get_search_backend(self.backend_name)
                results = backend.search(self.query, LibraryItemPage.objects.live(), operator="and")
                return {item.pk: item._score for item in results.annotate_score("_score")[:MAX_BACKEND_HITS]}
            except backend_errors() as error:
                self.fall_back(error)
        matches = self.database_backend.ranked_matches(
            self.query,
            self.visible_items(),
            MAX_BACKEND_HITS,
            fields=MATCH_ROW_FIELDS,
            public_only=not access.is_full_member(self.request),
        )
        self.checked_rows = {pk: row for pk, _score, row in matches if row is not None}
        return {pk: score for pk, score, _row in matches}

    @property
    def asks_the_cluster(self):
        """Whether Elasticsearch is configured and has answered so far (then events are matched there too)."""
        return self.backend_name != "default" and not self.degraded

    def fall_back(self, error):
        logger.warning("search backend %s unavailable, answering from the database: %s", self.backend_name, error)
        self.degraded = True

    @cached_property
    def cache_key_prefix(self):
        """The content generation, the requester's audience and the analysed query (``content_cache_key``)."""
        words = sorted(sorted(alternatives) for alternatives in self.terms)
        return content_cache_key("search", self.request, self.backend_name, words)

    def remembered(self, name, compute):
        """``compute()``, kept :data:`MATCH_CACHE_SECONDS` for the same words, audience and content generation.

        Searches repeat (a network's practitioners look for the same few things: "trata", "extradición"): the
        full-text match ranks every matching item, which at 50,000 items costs hundreds of milliseconds on
        PostgreSQL, while the remembered best thousand ids cost one cache read. An answer from the fallback
        backend is never kept (it may be incomplete).
        """
        key = f"{self.cache_key_prefix}:{sha256(name.encode()).hexdigest()[:16]}"
        value = cache.get(key)
        if value is None:
            value = compute()
            if not self.degraded:
                cache.set(key, value, MATCH_CACHE_SECONDS)
        return value

    @cached_property
    def visible_matches(self):
        """``{pk: row}`` of the matched items the requester may see now, or ``None`` without a query; a ``row`` holds
        the item's first publication and its value for each column facet.

        The visibility rule is applied here, in one query, and nowhere else in the counts and the results: repeated
        in each of them, its join of items and pages over the thousand matched ids cost more than the counting
        itself. Matched ids go through it again even when the database matched among visible items, since they
        may have been remembered (:meth:`remembered`) just before an item was restricted. Only computed when the
        remembered counts or results are missing: a search whose answer is remembered does not run it. When the
        match has just checked every match's visibility itself (the stored word scores, :mod:`search.word_scores`),
        its rows are used as they are: no query.
        """
        scores = self.item_scores
        if scores is None:
            return None
        if self.checked_rows.keys() >= scores.keys():
            return {pk: self.checked_rows[pk] for pk in scores}
        rows = self.visible_items().filter(pk__in=id_list(scores)).order_by().values("pk", *MATCH_ROW_FIELDS)
        return {row.pop("pk"): row for row in rows}

    @cached_property
    def chosen_matches(self):
        """``{facet: ids}``: for each chosen facet, the visible matches its own filter lets through.

        A column facet's from the rows of :attr:`visible_matches` (no query), compared as :func:`column_counts`
        compares them; the chosen taxonomy facets' together in one query (:func:`filed_under`), only when one is
        chosen. Every count then reads a plain list of ids: given the facets' filters as subqueries instead,
        PostgreSQL planned the column facets' count as a scan of all 50,000 items and pages (40 ms) for a country
        and a theme.
        """
        chosen = {}
        for facet in COLUMN_FACETS:
            values = set(self.selected[facet.param])
            if values:
                chosen[facet] = {pk for pk, row in self.visible_matches.items() if str(row[facet.column]) in values}
        taxonomies = [facet for facet in RELATION_FACETS if self.selected[facet.param]]
        if taxonomies:
            by_param = {facet.param: chosen.setdefault(facet, set()) for facet in taxonomies}
            for param, pk in filed_under(taxonomies, self.selected, id_list(self.visible_matches)):
                by_param[param].add(pk)
        return chosen

    def passing(self, skip=()):
        """The ids of the visible matches that every chosen facet lets through, except those in ``skip``."""
        ids = set(self.visible_matches)
        for facet, chosen in self.chosen_matches.items():
            if facet not in skip:
                ids &= chosen
        return ids

    def narrowed(self, skip=()):
        """Without a query: the visible items with every chosen facet applied, except those in ``skip`` (to count
        their alternatives)."""
        queryset = self.visible_items()
        for facet in FACETS:
            values = self.selected[facet.param]
            if values and facet not in skip:
                queryset = facet.filter(queryset, values)
        return queryset

    def narrowed_ids(self, skip=()):
        """The ids of the items a facet's counts are taken over (a subquery): :meth:`passing` with a query, else
        :meth:`narrowed`."""
        if self.visible_matches is None:
            return self.narrowed(skip).values("pk")
        return id_list(self.passing(skip))

    def column_groups(self):
        """The rows of :func:`column_rows` (items grouped by every column facet, with their count ``n``); with a
        query grouped here from :attr:`visible_matches`, which already hold the columns: no query."""
        if self.visible_matches is None:
            return column_rows(self.narrowed(skip=set(COLUMN_FACETS)).values("pk"), COLUMN_FACETS)
        columns = [facet.column for facet in COLUMN_FACETS]
        groups = Counter(
            tuple(self.visible_matches[pk][column] for column in columns)
            for pk in self.passing(skip=set(COLUMN_FACETS))
        )
        return [{**dict(zip(columns, values, strict=True)), "n": n} for values, n in groups.items()]

    @cached_property
    def events(self):
        """Visible live events matching the query (newest first without one), each with a ``score``.

        Scored by the backend that scored the library items, so that both sort together by relevance, and
        remembered like them (:meth:`remembered`).
        """
        if any(self.selected[param] for param in LIBRARY_ONLY_PARAMS):
            return []  # no event is filed under a library taxonomy: none could pass, so none is matched
        if self.has_query:
            self.item_scores  # noqa: B018 - first, so a failing cluster is known before events are matched
        return self.remembered("events", self.matched_events)

    def matched_events(self):
        visible_events = access.visible(self.request, live_events()).select_related("locale", "country")
        if not self.has_query:
            events = list(visible_events.order_by(*DATE_ORDER)[:MAX_EVENT_HITS])
            for event in events:
                event.score = 0.0
            return events
        if self.asks_the_cluster:
            try:
                return self._events_from_the_cluster(visible_events)
            except backend_errors() as error:
                self.fall_back(error)
        scores = dict(self.database_backend.ranked_among_few(self.query, visible_events, MAX_EVENT_HITS))
        events = list(visible_events.filter(pk__in=id_list(scores))) if scores else []
        for event in events:
            event.score = scores[event.pk]
        return events

    def _events_from_the_cluster(self, visible_events):
        """Events matched by Elasticsearch among all live ones, then kept only where the requester may see them."""
        results = get_search_backend(self.backend_name).search(self.query, live_events(), operator="and")
        scores = {event.pk: event._score for event in results.annotate_score("_score")[:MAX_EVENT_HITS]}
        events = list(visible_events.filter(pk__in=id_list(scores))) if scores else []
        for event in events:
            event.score = scores[event.pk] or 0.0
        return events

    def event_passes(self, event, skip=None):
        """Whether an event meets every chosen facet (but ``skip``): facets it has no value for exclude it."""
        values = event_facet_values(event)
        return all(
            not self.selected[facet.param] or values[facet.param] & set(self.selected[facet.param])
            for facet in FACETS
            if facet is not skip
        )

    # --- Results ----------------------------------------------------------------------------------------------------

    @cached_property
    def hits(self):
        """Every result, ordered as the page shows them (library items and events together)."""
        scores = self.item_scores
        items = self.remembered(f"items:{self.filters_key}", self.library_items)
        hits = [Hit(False, pk, (scores or {}).get(pk, 0.0), published) for pk, published in items]
        hits += [
            Hit(True, event.pk, event.score, event.first_published_at)
            for event in self.events
            if self.event_passes(event)
        ]
        by_date = sorted(hits, key=lambda hit: newest_first(hit.published, hit.pk), reverse=True)
        if self.has_query and self.sort == "relevance":
            return sorted(by_date, key=lambda hit: hit.score, reverse=True)
        return by_date

    def library_items(self):
        """``[(pk, first published)]`` of the matching items that pass every chosen facet, newest first."""
        if self.visible_matches is None:
            return list(
                self.narrowed().order_by(*DATE_ORDER).values_list("pk", "first_published_at")[:MAX_BACKEND_HITS]
            )
        items = [(pk, self.visible_matches[pk]["first_published_at"]) for pk in self.passing()]
        # At most MAX_BACKEND_HITS already, since they are among the matches.
        return sorted(items, key=lambda item: newest_first(item[1], item[0]), reverse=True)

    @cached_property
    def page(self):
        """The current page of results; its ``object_list`` holds :class:`Result` rows."""
        paginator = Paginator(self.hits, self.per_page)
        try:
            page = paginator.page(self.request.GET.get("page", 1))
        except PageNotAnInteger:
            page = paginator.page(1)
        except EmptyPage:
            page = paginator.page(paginator.num_pages)
        item_ids = [hit.pk for hit in page.object_list if not hit.is_event]
        items = (
            self.visible_items()
            .filter(pk__in=item_ids)
            .select_related("locale")
            .prefetch_related("countries")
            .in_bulk()
            if item_ids
            else {}
        )
        events = {event.pk: event for event in self.events}
        page.object_list = [
            self._event_result(events[hit.pk]) if hit.is_event else self._item_result(items[hit.pk])
            for hit in page.object_list
            if hit.pk in (events if hit.is_event else items)
        ]
        return page

    def _item_result(self, item):
        language = item.locale.language_code
        return Result(
            page=item,
            url=item.get_url(self.request),
            kind_label=str(item.get_kind_display()),
            title_html=highlight_title(item.title, self.stems, language),
            snippet_html=snippet(searchable_text(item), self.stems, language),
            year=item.year,
            places=[country.name for country in item.countries.all()],
            restricted_label="" if item.visibility == Visibility.PUBLIC else str(item.get_visibility_display()),
        )

    def _event_result(self, event):
        language = event.locale.language_code
        text = "\n".join(part for part in (event.summary, strip_tags(event.description or "")) if part)
        return Result(
            page=event,
            url=event.get_url(self.request),
            kind_label=str(EVENT_LABEL),
            title_html=highlight_title(event.title, self.stems, language),
            snippet_html=snippet(text, self.stems, language),
            year=event.start_date.year,
            places=[event.place] if event.place else [],
            restricted_label="" if event.visibility == Visibility.PUBLIC else str(event.get_visibility_display()),
        )

    @cached_property
    def stems(self):
        return matching_stems(self.query)

    @property
    def total(self):
        return len(self.hits)

    @property
    def truncated(self):
        """Whether the library part stopped at :data:`MAX_BACKEND_HITS` (more would match: narrow the search)."""
        return sum(not hit.is_event for hit in self.hits) >= MAX_BACKEND_HITS

    # --- Facets -----------------------------------------------------------------------------------------------------

    @cached_property
    def facet_counts(self):
        """``{param: [(value, label, count)]}``: each facet counted with the *other* chosen facets applied.

        The library's counts are remembered per query, filters and language (:meth:`remembered`); events are
        counted in Python from the events already matched.
        """
        counts = dict(self.remembered(f"facets:{get_language()}:{self.filters_key}", self.library_facet_counts))
        for facet in FACETS:
            events = [event for event in self.events if self.event_passes(event, skip=facet)]
            counts[facet.param] = with_event_counts(facet, counts[facet.param], events)
        return counts

    def library_facet_counts(self):
        """Each facet's counts with the *other* chosen facets applied: the taxonomy facets' in one query with a
        query (:func:`taxonomy_counts`), one each without; the column facets' grouped by all their columns
        (:func:`column_counts`), read from :attr:`visible_matches` with a query, else one query."""
        if self.visible_matches is None:
            counts = {facet.param: facet.counts(self.narrowed_ids(skip={facet})) for facet in RELATION_FACETS}
        else:
            counts = taxonomy_counts([(facet, id_list(self.passing(skip={facet}))) for facet in RELATION_FACETS])
        counts.update(column_counts(self.column_groups(), COLUMN_FACETS, self.selected))
        return counts

    @cached_property
    def facets(self):
        return facet_results(FACETS, self.facet_counts, self.selected, self.toggle_url)

    @cached_property
    def active_filters(self):
        return [
            {"facet": facet.label, "label": option.label, "url": option.url}
            for facet in self.facets
            for option in facet.options
            if option.selected
        ]

    @property
    def is_filtered(self):
        return any(self.selected.values())

    # --- Zero-result help -------------------------------------------------------------------------------------------

    @property
    def without_filters_url(self):
        return self.query_with(**{facet.param: None for facet in FACETS})

    @cached_property
    def related_themes(self):
        """Themes whose name shares a word with the query (else the first themes): a way out of zero results."""
        themes = list(Theme.objects.all())
        related = [theme for theme in themes if self.stems & set(analyse(f"{theme.name_es} {theme.name_en}").split())]
        english = self.request.LANGUAGE_CODE.startswith("en") if hasattr(self.request, "LANGUAGE_CODE") else False
        return [
            {"label": theme.name_en if english else theme.name_es, "url": f"?theme={theme.slug}"}
            for theme in (related or themes)[:5]
        ]

    # --- The directory (full members only) --------------------------------------------------------------------------

    @cached_property
    def directory_results(self):
        """Listed members matching every word of the query, for full members only; ``[]`` for anyone else."""
        if not self.has_query or not access.is_full_member(self.request):
            return []
        # Each word in a name, the position, the institution or the country. The people, institutions and
        # countries a word names are looked up on their own (small) tables first: written as conditions on the
        # joined rows instead, PostgreSQL walked the 20,000 memberships in name order testing all seven fields of
        # each (170 ms for a word in no name).
        condition = Q()
        for word in self.query.split()[:6]:
            condition &= (
                Q(
                    user__in=get_user_model().objects.filter(
                        Q(first_name__icontains=word) | Q(last_name__icontains=word)
                    )
                )
                | Q(position__icontains=word)
                | Q(institution__in=Institution.objects.filter(name__icontains=word))
                | Q(proposed_institution__icontains=word)
                | Q(country__in=Country.objects.filter(Q(name_es__icontains=word) | Q(name_en__icontains=word)))
            )
        memberships = (
            access.listed_members()
            .filter(condition)
            .select_related("user", "institution", "country")
            .order_by("user__last_name", "user__first_name", "pk")[:DIRECTORY_LIMIT]
        )
        return [
            DirectoryResult(
                membership=membership,
                name=membership.user.get_full_name() or membership.user.email,
                institution=membership.institution_label,
                country=str(membership.country) if membership.country_id else "",
                position=membership.position,
            )
            for membership in memberships
        ]

    @property
    def shows_restricted(self):
        """Whether the answer may contain something not public (then it must not be cached or stored)."""
        return access.is_full_member(self.request)

    # --- URLs -------------------------------------------------------------------------------------------------------

    @property
    def previous_url(self):
        return self.page_url(self.page.previous_page_number()) if self.page.has_previous() else None

    @property
    def next_url(self):
        return self.page_url(self.page.next_page_number()) if self.page.has_next() else None

    @property
    def sort_options(self):
        return [
            {"value": key, "label": label, "selected": key == self.sort, "url": self.query_with(sort=key)}
            for key, label in SORT_LABELS.items()
        ]


def newest_first(published, pk):
    """A sort key (with ``reverse=True``): newest first, never published last, on either database."""
    return (published is not None, published, pk)


def filed_under(facets, selected, item_ids):
    """``(param, item id)`` of the items ``item_ids`` selects that are filed under a chosen term of any of
    ``facets`` (taxonomy facets), in one ``UNION ALL`` query."""
    parts = [
        facet.filter_ids(selected[facet.param])
        .filter(libraryitempage_id__in=item_ids)
        .annotate(facet=Value(facet.param, output_field=CharField()))
        .values_list("facet", "libraryitempage_id")
        .order_by()
        for facet in facets
    ]
    return parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]


def taxonomy_counts(counted):
    """``{param: [(key, label, count)]}`` of each taxonomy facet in ``[(facet, item ids)]`` over its own ids (a
    :func:`id_list`), in the taxonomy's order, as :meth:`RelationFacet.counts` gives them, in one query.

    One count query per taxonomy facet cost a round trip and a statement each: at 1,000 matches on PostgreSQL
    the three took 20 ms, this one 12. Only table and column names from the models are written into the
    statement (bandit's B608 is silenced for that); ids and parameters are bound.
    """
    parts, params = [], []
    for facet, ids in counted:
        through, term = facet.through._meta.db_table, facet.term_model._meta.db_table
        columns = f"t.{facet.key}, t.name_es, t.name_en, t.sort_order"
        parts.append(
            f"SELECT %s, {columns}, COUNT(*) FROM {through} j INNER JOIN {term} t ON j.{facet.target}_id = t.id "  # noqa: S608  # nosec B608
            f"WHERE j.libraryitempage_id IN ({ids.sql}) GROUP BY t.id, {columns}"
        )
        params += [facet.param, *ids.params]
    english = (get_language() or "es").startswith("en")
    counts = {facet.param: [] for facet, _ids in counted}
    with connection.cursor() as cursor:
        # Ordered by facet, then as each facet orders its terms (sort order, then key), by the database.
        cursor.execute(" UNION ALL ".join(parts) + " ORDER BY 1, 5, 2", params)
        for param, key, name_es, name_en, _order, count in cursor.fetchall():
            counts[param].append((key, name_en if english else name_es, count))
    return counts


def live_items():
    """Live library items, without the aliases Wagtail keeps in the other language tree (each item once)."""
    return LibraryItemPage.objects.live().filter(alias_of__isnull=True)


def live_events():
    """Live events, each once (without the aliases in the other language tree)."""
    return EventPage.objects.live().filter(alias_of__isnull=True)


def event_facet_values(event):
    """The values an event has for each search facet (none for crime types and themes, library taxonomies)."""
    return {
        "kind": {EVENT_KIND},
        "country": {event.country.code} if event.country_id else set(),
        "language": {event.locale.language_code},
        "year": {str(event.start_date.year)},
        **{param: set() for param in LIBRARY_ONLY_PARAMS},
    }


def event_facet_label(param, value, event):
    if param == "kind":
        return str(EVENT_LABEL)
    if param == "country":
        return event.country.name
    if param == "language":
        return str(dict(settings.LANGUAGES).get(value, value))
    return value


def with_event_counts(facet, rows, events):
    """``rows`` of one facet with the given events added to the counts (new values after the library's)."""
    if not events:
        return rows
    merged = {value: [label, count] for value, label, count in rows}
    for event in events:
        for value in event_facet_values(event)[facet.param]:
            merged.setdefault(value, [event_facet_label(facet.param, value, event), 0])[1] += 1
    values = list(merged)
    if getattr(facet, "descending", False):
        values.sort(reverse=True)
    return [(value, merged[value][0], merged[value][1]) for value in values]


def searchable_text(item):
    """The item's summary, then the text of its body (from the stored JSON: no query, no rendering)."""
    parts = [item.summary or ""]
    parts.extend(_strings(item.body.raw_data if item.body else []))
    return "\n".join(part for part in parts if part)


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, inner in value.items():
            if key not in ("type", "id"):
                yield from _strings(inner)
    elif isinstance(value, (list, tuple)):
        for inner in value:
            yield from _strings(inner)
    elif hasattr(value, "raw_data"):
        yield from _strings(value.raw_data)


def autocomplete_titles(request, prefix, limit=8):
    """Titles the requester may see that start with (or contain words starting with) ``prefix``: library items
    first, then events, at most ``limit``."""
    if not fold_words(prefix).split():  # nothing but punctuation or symbols: no word to complete
        return []
    backend = get_search_backend("default")
    titles = []
    for pages in (live_items(), live_events()):
        try:
            results = backend.autocomplete(prefix, candidates(access.visible(request, pages)), operator="and")
            titles += [page.title for page in results[:limit]]
        except backend_errors():  # pragma: no cover - the default backend is the database
            pass
    return list(dict.fromkeys(titles))[:limit]
