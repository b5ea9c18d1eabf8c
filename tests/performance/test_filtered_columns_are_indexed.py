"""Every column the listing, the directory, the finder and the search filter or sort on has a database index.

The fields come from the code itself where it declares them (the library's facets and sorts, the search's facets,
the directory's django-filter FilterSet, including its ordering fields) and from :data:`DECLARED` for queries
written by hand (the membership rules, the finder, the page tree). A column counts as indexed when it is a
primary key, unique, a foreign key, ``db_index=True``, or the first column of a ``Meta.indexes`` entry or of a
unique constraint.
"""

import django_filters
from django.db import models

from members.models import Membership
from network.directory import DirectoryFilter
from network.models import FocalPointDesignation
from practices.listing import FACETS as LIBRARY_FACETS
from practices.listing import SORTS as LIBRARY_SORTS
from practices.models import LibraryItemPage
from search.service import FACETS as SEARCH_FACETS

# Conditions written by hand: ``(model, "field__path")``.
DECLARED = [
    (LibraryItemPage, "visibility"),  # members.access.visibility_filter
    (LibraryItemPage, "live"),  # Page.objects.live()
    (Membership, "status"),  # MembershipQuerySet.vetted()
    (Membership, "vetted_until"),
    (Membership, "consent_listed"),  # MembershipQuerySet.listed()
    (Membership, "user__last_name"),  # directory default order
    (FocalPointDesignation, "need"),  # finder and directory "focal point for"
    (FocalPointDesignation, "member"),
    (FocalPointDesignation, "start_date"),
    (FocalPointDesignation, "institution__country"),
]

# Columns knowingly left without an index, and why. A new entry needs a reason its owner agrees with; remove
# an entry when its index lands (the test fails until then, so the list stays true).
WITHOUT_INDEX = {
    # Wagtail core's page table: one row per page, filtered together with indexed columns (``live`` always
    # with ``visibility``/``kind``), and sorted on ``title`` only for one page of results.
    "wagtailcore.Page.live": "low-cardinality flag, always combined with indexed conditions",
    "wagtailcore.Page.title": "Wagtail core column; sort of one filtered page",
    # Second columns of composite indexes whose first column is always given with them.
    "members.Membership.vetted_until": "second column of (status, vetted_until); status is always given",
    "network.FocalPointDesignation.start_date": "second column of (need, start_date, end_date); need is given",
    "members.Membership.consent_listed": "boolean, combined with the (status, vetted_until) index",
    # Reference tables of a few dozen to a few hundred rows: a scan is cheaper than an index lookup.
    "network.Country.sort_order": "reference table (tens of rows)",
    "network.Institution.name": "reference table (hundreds of rows); the join decides the plan",
}


def facet_paths(facets):
    for facet in facets:
        if hasattr(facet, "column"):
            yield LibraryItemPage, facet.column
        else:
            yield LibraryItemPage, f"{facet.relation}__{facet.key}"


def sort_paths(model, orderings):
    for ordering in orderings:
        for column in ordering:
            if column.lstrip("-") != "pk":
                yield model, column.lstrip("-")


def filterset_paths(filterset_class):
    model = filterset_class._meta.model
    for declared in filterset_class.base_filters.values():
        if isinstance(declared, django_filters.OrderingFilter):
            for column in declared.param_map.values():
                yield model, column
        elif declared.method is None:
            path = declared.field_name
            if getattr(declared, "extra", {}).get("to_field_name"):
                path = f"{path}__{declared.extra['to_field_name']}"
            yield model, path


def used_paths():
    yield from facet_paths(LIBRARY_FACETS)
    yield from facet_paths(SEARCH_FACETS)
    yield from sort_paths(LibraryItemPage, LIBRARY_SORTS.values())
    yield from filterset_paths(DirectoryFilter)
    yield from DECLARED


def resolve(model, path):
    """The model field a ``field__path`` ends on (the target's key for a relation at the end)."""
    field = None
    for part in path.split("__"):
        field = model._meta.get_field(part)
        if field.is_relation and part != path.split("__")[-1]:
            model = field.related_model
    return field


def first_indexed_columns(model):
    """Names of fields that lead a composite index or unique constraint of ``model`` (or of a parent table)."""
    names = set()
    for klass in [model, *model._meta.get_parent_list()]:
        meta = klass._meta
        for index in meta.indexes:
            names.add(index.fields[0].lstrip("-"))
        for constraint in meta.constraints:
            if isinstance(constraint, models.UniqueConstraint) and constraint.fields:
                names.add(constraint.fields[0])
        for together in meta.unique_together:
            names.add(together[0])
    return names


def is_indexed(field):
    if field.many_to_many or field.one_to_many or field.one_to_one or field.many_to_one:
        return True  # foreign keys and the join tables' keys are indexed
    if field.primary_key or field.unique or field.db_index:
        return True
    return field.name in first_indexed_columns(field.model)


def test_every_filtered_and_sorted_column_has_an_index():
    unindexed = {}
    for model, path in used_paths():
        field = resolve(model, path)
        if not is_indexed(field):
            unindexed[f"{field.model._meta.label}.{field.name}"] = f"{model._meta.label}: {path}"

    assert set(unindexed) == set(WITHOUT_INDEX), unindexed
