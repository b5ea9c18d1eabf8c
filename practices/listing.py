"""The library listing: visible items, combinable facets with counts, sorting and pagination from GET.

Everything starts from ``members.access.visible(request, …)``, so an item the requester may not see is neither
listed nor counted. Facets are disjunctive: within a facet the chosen values are alternatives (Mexico *or*
Guatemala), across facets they combine (and trafficking), and each facet's counts are computed with every
*other* facet applied, so a reader sees how many items each alternative would add. The URL holds the whole
state (``?country=MX&country=GT&theme=case_management&sort=title&page=2``) and can be shared.

The number of SQL queries is constant: one for all relation facets and one for all column facets (cached per
audience, see :meth:`LibraryListing.facet_counts`; the total number of items comes from the same counts), and one
page of items with its prefetches, whatever the number of items or chosen values.
"""

from dataclasses import dataclass, field
from hashlib import sha256

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import connection
from django.db.models import Count
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from home.page_cache import content_cache_key
from members.access import visible
from practices.models import LibraryItemPage, LibraryKind, Outcome

PER_PAGE = 20
TOTAL = "__total__"  # key of the listing's item count among the cached facet counts
FACET_CACHE_SECONDS = 300
MAX_VALUES_PER_FACET = 20
SORTS = {"date": ("-first_published_at", "-pk"), "title": ("title", "pk")}
SORT_LABELS = {"date": _("Newest first"), "title": _("Title (A–Z)")}


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool
    url: str


@dataclass
class FacetResult:
    param: str
    label: str
    options: list = field(default_factory=list)

    @property
    def has_selection(self):
        return any(option.selected for option in self.options)


class Facet:
    """A way to narrow the listing: a URL parameter, a label, how to filter and how to count."""

    def __init__(self, param, label):
        self.param = param
        self.label = label

    def clean(self, values):
        return [value for value in values if value and len(value) <= 60][:MAX_VALUES_PER_FACET]

    def filter(self, queryset, values):
        raise NotImplementedError

    def counts(self, item_ids):
        """``[(value, label, count)]`` over the items whose ids the subquery ``item_ids`` selects."""
        raise NotImplementedError


class RelationFacet(Facet):
    """A facet over a many-to-many taxonomy of the item (countries by ISO code, terms by slug)."""

    def __init__(self, param, label, relation, key):
        super().__init__(param, label)
        self.relation = relation
        self.key = key

    @property
    def through(self):
        return getattr(LibraryItemPage, self.relation).through

    @property
    def target(self):
        return getattr(LibraryItemPage, self.relation).field.remote_field.model._meta.model_name

    @property
    def term_model(self):
        return getattr(LibraryItemPage, self.relation).field.remote_field.model

    def filter_ids(self, values):
        """The ids of the items filed under any of ``values`` (a subquery)."""
        return self.through.objects.filter(**{f"{self.target}__{self.key}__in": values}).values("libraryitempage_id")

    def filter(self, queryset, values):
        return queryset.filter(pk__in=self.filter_ids(values))

    def counts(self, item_ids):
        english = (get_language() or "es").startswith("en")
        rows = (
            self.through.objects.filter(libraryitempage_id__in=item_ids)
            .values(f"{self.target}__{self.key}", f"{self.target}__name_es", f"{self.target}__name_en")
            .annotate(n=Count("libraryitempage_id"))  # (item, term) is unique: no DISTINCT needed
            .order_by(f"{self.target}__sort_order", f"{self.target}__{self.key}")
        )
        return [
            (
                row[f"{self.target}__{self.key}"],
                row[f"{self.target}__name_en" if english else f"{self.target}__name_es"],
                row["n"],
            )
            for row in rows
        ]


class ColumnFacet(Facet):
    """A facet over one column of the item (kind, outcome, year, language)."""

    def __init__(self, param, label, column, labels=None, descending=False, integer=False):
        super().__init__(param, label)
        self.column = column
        self.labels = labels
        self.descending = descending
        self.integer = integer

    def clean(self, values):
        values = super().clean(values)
        if self.integer:
            # A year, not any number: longer digit strings overflow the database's integers.
            return [value for value in values if value.isdigit() and len(value) <= 4]
        return values

    def filter(self, queryset, values):
        return queryset.filter(**{f"{self.column}__in": values})

    def counts(self, item_ids):
        """``[(value, label, count)]`` over the items ``item_ids`` selects (one facet alone; the listing and search
        group all column facets in one query, see :func:`column_rows` and :func:`column_counts`)."""
        rows = (
            LibraryItemPage.objects.filter(pk__in=item_ids, **{f"{self.column}__isnull": False})
            .values(self.column)
            .annotate(n=Count("pk"))
            .order_by(("-" if self.descending else "") + self.column)
        )
        labels = dict(self.labels() if callable(self.labels) else self.labels or {})
        return [(str(row[self.column]), str(labels.get(row[self.column], row[self.column])), row["n"]) for row in rows]


def language_labels():
    return settings.LANGUAGES


FACETS = [
    ColumnFacet("kind", _("Kind"), "kind", LibraryKind.choices),
    RelationFacet("country", _("Country"), "countries", "code"),
    RelationFacet("crime_type", _("Crime type"), "crime_types", "slug"),
    RelationFacet("exploitation_form", _("Form of exploitation"), "exploitation_forms", "slug"),
    RelationFacet("theme", _("Theme"), "themes", "slug"),
    RelationFacet("technique", _("Technique or cooperation tool"), "techniques", "slug"),
    ColumnFacet("outcome", _("Outcome"), "outcome", Outcome.choices),
    ColumnFacet("year", _("Year"), "year", descending=True, integer=True),
    ColumnFacet("language", _("Language"), "locale__language_code", language_labels),
]


def column_rows(item_ids, facets):
    """The items ``item_ids`` selects grouped by every column of ``facets``, each row with its count ``n``.

    One query for all the column facets; :func:`column_counts` gives each facet its counts from these rows.
    """
    return list(
        LibraryItemPage.objects.filter(pk__in=item_ids)
        .values(*(facet.column for facet in facets))
        .annotate(n=Count("pk"))
        .order_by()
    )


def column_counts(rows, facets, selected):
    """Each column facet's ``[(value, label, count)]`` from :func:`column_rows` (rows with ``n``).

    A facet's counts keep only the rows that meet the *other* column facets' choices (the relation facets are
    already applied to the rows), so one grouped query gives every column facet its disjunctive counts.
    """
    counts = {}
    for facet in facets:
        others = [other for other in facets if other is not facet and selected[other.param]]
        totals = {}
        for row in rows:
            value = row[facet.column]
            if value is not None and all(str(row[other.column]) in selected[other.param] for other in others):
                totals[value] = totals.get(value, 0) + row["n"]
        labels = dict(facet.labels() if callable(facet.labels) else facet.labels or {})
        counts[facet.param] = [
            (str(value), str(labels.get(value, value)), totals[value])
            for value in sorted(totals, reverse=facet.descending)
        ]
    return counts


def facet_results(facets, counts, selected, toggle_url):
    """A :class:`FacetResult` per facet from ``{param: [(value, label, count)]}``, in the order of ``facets``.

    A chosen value no longer counted (no item has it now) stays listed, with a count of 0, so it can be removed.
    """
    results = []
    for facet in facets:
        chosen = selected[facet.param]
        result = FacetResult(param=facet.param, label=facet.label)
        seen = set()
        for value, label, count in counts[facet.param]:
            seen.add(value)
            result.options.append(FacetOption(value, label, count, value in chosen, toggle_url(facet.param, value)))
        for value in chosen:
            if value not in seen:
                result.options.append(FacetOption(value, value, 0, True, toggle_url(facet.param, value)))
        results.append(result)
    return results


class FacetLinks:
    """Shareable links of a faceted page (the library listing, the search page): toggle a value, change page.

    Needs ``request`` and ``selected`` (facet parameter → chosen values); every link drops the page number except
    :meth:`page_url`, so a new filter starts on page one.
    """

    @property
    def filters_key(self):
        """The chosen filters, in one order whatever the URL's, as a fixed-length cache key part (values are text
        the visitor typed: unhashed, a long selection would make a key too long for the cache)."""
        canonical = "&".join(f"{param}={','.join(sorted(values))}" for param, values in sorted(self.selected.items()))
        return sha256(canonical.encode()).hexdigest()[:32]

    def query_with(self, **changes):
        query = self.request.GET.copy()
        query.pop("page", None)
        for key, value in changes.items():
            if value is None:
                query.pop(key, None)
            else:
                query.setlist(key, value if isinstance(value, list) else [value])
        encoded = query.urlencode()
        return f"?{encoded}" if encoded else "?"

    def toggle_url(self, param, value):
        chosen = self.selected[param]
        values = [v for v in chosen if v != value] if value in chosen else [*chosen, value]
        return self.query_with(**{param: values or None})

    def page_url(self, number):
        query = self.request.GET.copy()
        query["page"] = number
        return f"?{query.urlencode()}"


class LibraryListing(FacetLinks):
    """The listing for one request: what it may see, narrowed by the URL's facets, sorted and paginated."""

    def __init__(self, request, index_page=None, per_page=PER_PAGE):
        self.request = request
        self.index_page = index_page
        self.per_page = per_page
        self.selected = {facet.param: facet.clean(request.GET.getlist(facet.param)) for facet in FACETS}
        sort = request.GET.get("sort", "date")
        self.sort = sort if sort in SORTS else "date"
        self._facet_counts = None

    def visible_items(self):
        """Live items the request may see; aliases (the other language tree's synchronised copies) are skipped."""
        return visible(self.request, LibraryItemPage.objects.live().filter(alias_of__isnull=True))

    def narrowed(self, skip=()):
        """The visible items with every chosen facet applied, except the facets in ``skip``."""
        queryset = self.visible_items()
        for facet in FACETS:
            values = self.selected[facet.param]
            if values and facet not in skip:
                queryset = facet.filter(queryset, values)
        return queryset

    @property
    def is_filtered(self):
        return any(self.selected.values())

    @cached_property
    def page(self):
        items = (
            self.narrowed().select_related("locale").prefetch_related("countries", "themes").order_by(*SORTS[self.sort])
        )
        paginator = Paginator(items, self.per_page)
        total = self.facet_counts().get(TOTAL)
        if total is not None:
            paginator.count = total  # known from the cached column counts: no COUNT over the library
        try:
            return paginator.page(self.request.GET.get("page", 1))
        except PageNotAnInteger:
            return paginator.page(1)
        except EmptyPage:
            return paginator.page(paginator.num_pages)

    def relation_counts(self):
        """Counts of every relation facet in one query, the visible library computed once for all of them.

        A ``MATERIALIZED`` common table expression holds the ids of the visible items narrowed by the column facets
        (``members.access`` decides which, through :meth:`visible_items`), one more holds each chosen relation
        facet's items; each facet's counts then group its join table by term (the ``(term, item)`` index) over
        those ids, with every *other* chosen facet applied. The five counts used to re-filter the whole library
        five times; SQLite and PostgreSQL both accept the statement.
        """
        relations = [facet for facet in FACETS if isinstance(facet, RelationFacet)]
        base = self.visible_items()
        for facet in FACETS:
            if isinstance(facet, ColumnFacet) and self.selected[facet.param]:
                base = facet.filter(base, self.selected[facet.param])
        ctes, params = [], []
        # No ORDER BY: with DISTINCT (group members) the page's default ordering would add a column to the ids.
        sql, base_params = base.order_by().values("pk").query.sql_with_params()
        ctes.append(f"library_base AS MATERIALIZED ({sql})")
        params += base_params
        for facet in relations:
            if self.selected[facet.param]:
                sql, chosen_params = facet.filter_ids(self.selected[facet.param]).order_by().query.sql_with_params()
                ctes.append(f"chosen_{facet.param} AS MATERIALIZED ({sql})")
                params += chosen_params
        # Only names from FACETS and the models are written into the SQL (bandit's B608 is silenced for that);
        # every value is a parameter.
        parts = []
        for facet in relations:
            through, term = facet.through._meta, facet.term_model._meta
            term_column = f"{facet.target}_id"
            conditions = ["j.libraryitempage_id IN (SELECT * FROM library_base)"]
            conditions += [
                f"j.libraryitempage_id IN (SELECT * FROM chosen_{other.param})"  # noqa: S608  # nosec B608
                for other in relations
                if other is not facet and self.selected[other.param]
            ]
            columns = f"t.{facet.key}, t.name_es, t.name_en, t.sort_order"
            tables = f"{through.db_table} j INNER JOIN {term.db_table} t ON j.{term_column} = t.id"
            where = " AND ".join(conditions)
            parts.append(f"SELECT %s, {columns}, COUNT(*) FROM {tables} WHERE {where} GROUP BY t.id, {columns}")  # noqa: S608  # nosec B608
            params.append(facet.param)
        query = f"WITH {', '.join(ctes)} " + " UNION ALL ".join(parts)
        counts = {facet.param: [] for facet in relations}
        english = (get_language() or "es").startswith("en")
        with connection.cursor() as cursor:
            cursor.execute(query, params)
            rows = sorted(cursor.fetchall(), key=lambda row: (row[0], row[4], row[1]))
        for param, key, name_es, name_en, _order, count in rows:
            counts[param].append((key, name_en if english else name_es, count))
        return counts

    def compute_counts(self):
        """``{param: [(value, label, count)]}`` for every facet, each with the *other* facets applied.

        Relation facets share one query (:meth:`relation_counts`). Column facets share one query grouped by all
        their columns, over the items narrowed by the relation facets only; each column facet's counts are then
        summed from those rows with the other column facets applied, which gives the same numbers with one query
        instead of four.
        """
        counts = self.relation_counts()
        columns = [facet for facet in FACETS if isinstance(facet, ColumnFacet)]
        rows = column_rows(self.narrowed(skip=set(columns)).values("pk"), columns)
        counts.update(column_counts(rows, columns, self.selected))
        # The column rows cover every item the relation facets leave; those matching every chosen column value
        # are exactly the listing's items, so the paginator's total comes from here too.
        chosen = [facet for facet in columns if self.selected[facet.param]]
        counts[TOTAL] = sum(
            row["n"] for row in rows if all(str(row[facet.column]) in self.selected[facet.param] for facet in chosen)
        )
        return counts

    def facet_counts(self):
        """:meth:`compute_counts`, cached per audience and filters until any content changes.

        The key holds ``members.access``' audience key (public, members, or members of given groups), so a count
        computed for one audience is never shown to another; the generation of the site's page cache changes on
        every publication and content change, which retires every cached count at once.
        """
        if self._facet_counts is not None:
            return self._facet_counts
        key = content_cache_key("library-facets", self.request, get_language(), self.filters_key)
        counts = cache.get(key)
        if counts is None:
            counts = self.compute_counts()
            cache.set(key, counts, FACET_CACHE_SECONDS)
        self._facet_counts = counts
        return counts

    @cached_property
    def facets(self):
        return facet_results(FACETS, self.facet_counts(), self.selected, self.toggle_url)

    @cached_property
    def active_filters(self):
        """The chosen values with their labels and a link that removes each one."""
        return [
            {"facet": facet.label, "label": option.label, "url": option.url}
            for facet in self.facets
            for option in facet.options
            if option.selected
        ]

    @property
    def clear_url(self):
        return self.query_with(**{facet.param: None for facet in FACETS})

    @property
    def sort_options(self):
        return [
            {"value": key, "label": label, "selected": key == self.sort, "url": self.query_with(sort=key)}
            for key, label in SORT_LABELS.items()
        ]

    @property
    def previous_url(self):
        return self.page_url(self.page.previous_page_number()) if self.page.has_previous() else None

    @property
    def next_url(self):
        return self.page_url(self.page.next_page_number()) if self.page.has_next() else None
