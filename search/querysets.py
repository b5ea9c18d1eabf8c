"""Querysets as the search hands them over: ids as one SQL parameter, and a restricted queryset as Wagtail's search
backends accept it. Used by the page (:mod:`search.service`), the backends and :mod:`search.word_scores`.
"""

import json

from django.db import connection
from django.db.models.expressions import RawSQL


def id_list(ids):
    """Integer ids for ``pk__in`` as one parameter (an array on PostgreSQL, JSON on SQLite).

    The same thousand matched ids go into every facet count of a request: bound one by one they cost more
    (compiling and quoting thousands of parameters) than the queries themselves.
    """
    ids = [int(pk) for pk in ids]
    if connection.vendor == "postgresql":
        # An array literal, written here: psycopg's client-side binding (Django's default) adapts a list element
        # by element, 0.5 ms per thousand ids each time they are sent.
        return RawSQL("SELECT unnest(%s::integer[])", ("{" + ",".join(map(str, ids)) + "}",))
    if connection.vendor == "sqlite":
        return RawSQL("SELECT value FROM json_each(%s)", (json.dumps(ids),))
    return ids  # pragma: no cover - Enlace runs on PostgreSQL or SQLite


def candidates(queryset):
    """``queryset`` as the database backend may search it: ``pk IN (…the restricted queryset…)``.

    The backend validates filters against the index's filter fields, and the visibility rule (groups) is not
    one; given only the subquery, the database applies it as it is.
    """
    return queryset.model.objects.filter(pk__in=queryset.values("pk"))
