"""The search over the library (and, for full members, the directory) for one request.

Never leak: everything starts from ``members.access.visible(request, …)``, so the backend only ever searches a
queryset the requester may already see; results, facet counts, snippets and suggestions are all drawn from it.
The directory group is computed only for full members, from ``members.access.listed_members()``.

Backend: ``settings.ENLACE_SEARCH_BACKEND`` names the backend asked first (Elasticsearch when configured). When it
cannot answer (connection refused, timeout, missing index) the database backend answers instead and
:attr:`LibrarySearch.degraded` tells the page the results may be incomplete. The database backend narrows in SQL:
the full-text match is one more condition of the same queries, so a search runs a constant number of queries (one
count, one page, one per facet, the page's prefetches), whatever the number of results.
"""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Count, Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.search.backends import get_search_backend

from members import access
from practices.listing import FACETS as LIBRARY_FACETS
from practices.listing import ColumnFacet, FacetLinks, FacetOption, FacetResult
from practices.models import LibraryItemPage, Theme
from search.analysis import analyse, matching_stems, query_terms
from search.snippets import highlight_title, snippet

logger = logging.getLogger(__name__)

PER_PAGE = 10
MAX_QUERY_LENGTH = 200
# Elasticsearch returns ranked ids; facets and pages are then computed in SQL over at most this many hits.
MAX_BACKEND_HITS = 1000
FACET_PARAMS = ("country", "crime_type", "kind", "language", "year", "theme")
FACETS = [facet for param in FACET_PARAMS for facet in LIBRARY_FACETS if facet.param == param]
SORT_LABELS = {"relevance": _("Relevance"), "date": _("Newest first")}
DATE_ORDER = ("-first_published_at", "-pk")
DIRECTORY_LIMIT = 10


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
    """One library item as the results list shows it: a label for its kind, a highlighted title and snippet."""

    page: LibraryItemPage
    url: str
    kind_label: str
    title_html: str
    snippet_html: str


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
        self.backend_name = getattr(settings, "ENLACE_SEARCH_BACKEND", "default")

    # --- Matching ------------------------------------------------------------------------------------------------

    @property
    def has_query(self):
        return bool(self.terms)

    def visible_items(self):
        return access.visible(self.request, live_items())

    @cached_property
    def ranked_ids(self):
        """For a non-database backend: the matching ids, best first; ``None`` when the database answers."""
        if not self.has_query or self.backend_name == "default":
            return None
        try:
            backend = get_search_backend(self.backend_name)
            results = backend.search(self.query, LibraryItemPage.objects.live(), operator="and")
            return [item.pk for item in results[:MAX_BACKEND_HITS]]
        except backend_errors() as error:
            logger.warning("search backend %s unavailable, answering from the database: %s", self.backend_name, error)
            self.degraded = True
            return None

    @cached_property
    def database_backend(self):
        return get_search_backend("default")

    def database_match(self, queryset, order_by_relevance=False):
        """``queryset`` narrowed to the items matching the query, by the database backend (lazy).

        The backend is given only ``pk IN (…the restricted queryset…)``: it validates filters against the index's
        filter fields, and the visibility rule (groups) is not one; the database applies the subquery as it is.
        """
        candidates = LibraryItemPage.objects.filter(pk__in=queryset.values("pk"))
        return self.database_backend.search(
            self.query, candidates, operator="and", order_by_relevance=order_by_relevance
        ).get_queryset()

    def narrowed(self, except_facet=None, match=True):
        """Visible items matching the query and every chosen facet (except one, to count its alternatives)."""
        queryset = self.visible_items()
        for facet in FACETS:
            values = self.selected[facet.param]
            if values and facet is not except_facet:
                queryset = facet.filter(queryset, values)
        if match and self.has_query:
            ranked = self.ranked_ids
            if ranked is not None:
                queryset = queryset.filter(pk__in=ranked)
            else:
                queryset = self.database_match(queryset)
        return queryset

    # --- Results ----------------------------------------------------------------------------------------------------

    def _paginate(self, object_list):
        paginator = Paginator(object_list, self.per_page)
        try:
            return paginator.page(self.request.GET.get("page", 1))
        except PageNotAnInteger:
            return paginator.page(1)
        except EmptyPage:
            return paginator.page(paginator.num_pages)

    @cached_property
    def page(self):
        """The current page of results; its ``object_list`` holds :class:`Result` rows."""
        ranked = self.ranked_ids
        if self.has_query and self.sort == "relevance" and ranked is not None:
            position = {pk: index for index, pk in enumerate(ranked)}
            ids = sorted(self.narrowed().values_list("pk", flat=True), key=position.__getitem__)
            page = self._paginate(ids)
            objects = self._with_related(LibraryItemPage.objects.filter(pk__in=list(page.object_list))).in_bulk()
            items = [objects[pk] for pk in page.object_list if pk in objects]
        elif self.has_query and self.sort == "relevance":
            page = self._paginate(self._with_related(self.database_match(self.narrowed(match=False), True)))
            items = list(page.object_list)
        else:
            page = self._paginate(self._with_related(self.narrowed().order_by(*DATE_ORDER)))
            items = list(page.object_list)
        page.object_list = [self._result(item) for item in items]
        return page

    def _with_related(self, queryset):
        return queryset.select_related("locale").prefetch_related("countries")

    def _result(self, item):
        language = item.locale.language_code
        return Result(
            page=item,
            url=item.get_url(self.request),
            kind_label=str(item.get_kind_display()),
            title_html=highlight_title(item.title, self.stems, language),
            snippet_html=snippet(searchable_text(item), self.stems, language),
        )

    @cached_property
    def stems(self):
        return matching_stems(self.query)

    @property
    def total(self):
        return self.page.paginator.count

    # --- Facets -----------------------------------------------------------------------------------------------------

    @cached_property
    def facets(self):
        results = []
        for facet in FACETS:
            chosen = self.selected[facet.param]
            item_ids = self.narrowed(except_facet=facet).values("pk")
            result = FacetResult(param=facet.param, label=facet.label)
            seen = set()
            for value, label, count in facet_counts(facet, item_ids):
                seen.add(value)
                result.options.append(
                    FacetOption(value, label, count, value in chosen, self.toggle_url(facet.param, value))
                )
            for value in chosen:
                if value not in seen:
                    result.options.append(FacetOption(value, value, 0, True, self.toggle_url(facet.param, value)))
            results.append(result)
        return results

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
        condition = Q()
        for word in self.query.split()[:6]:
            condition &= (
                Q(user__first_name__icontains=word)
                | Q(user__last_name__icontains=word)
                | Q(position__icontains=word)
                | Q(institution__name__icontains=word)
                | Q(proposed_institution__icontains=word)
                | Q(country__name_es__icontains=word)
                | Q(country__name_en__icontains=word)
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


def live_items():
    """Live library items, without the aliases Wagtail keeps in the other language tree (each item once)."""
    return LibraryItemPage.objects.live().filter(alias_of__isnull=True)


def facet_counts(facet, item_ids):
    """``[(value, label, count)]`` of one facet over the items the subquery ``item_ids`` selects (one query)."""
    if not isinstance(facet, ColumnFacet):
        return facet.counts(item_ids)
    rows = (
        LibraryItemPage.objects.filter(pk__in=item_ids, **{f"{facet.column}__isnull": False})
        .values(facet.column)
        .annotate(n=Count("pk"))
        .order_by(("-" if facet.descending else "") + facet.column)
    )
    labels = dict(facet.labels() if callable(facet.labels) else facet.labels or {})
    return [(str(row[facet.column]), str(labels.get(row[facet.column], row[facet.column])), row["n"]) for row in rows]


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
    """Titles of live items the requester may see that start with (or contain words starting with) ``prefix``."""
    if not prefix.strip():
        return []
    visible_ids = access.visible(request, live_items()).values("pk")
    candidates = LibraryItemPage.objects.filter(pk__in=visible_ids)
    try:
        results = get_search_backend("default").autocomplete(prefix, candidates, operator="and")
        titles = [item.title for item in results[:limit]]
    except backend_errors():  # pragma: no cover - the default backend is the database
        titles = []
    return list(dict.fromkeys(titles))
