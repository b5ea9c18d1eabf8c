"""Enlace's search backends: Wagtail's database backend and Elasticsearch, both fed by :mod:`search.analysis`.

``WAGTAILSEARCH_BACKENDS["default"]`` is always :mod:`search.backends.database` (SQLite FTS5 or PostgreSQL full
text, whichever the database is); ``WAGTAILSEARCH_BACKENDS["elasticsearch"]`` is added when ``ELASTICSEARCH_URL``
is set, and ``ENLACE_SEARCH_BACKEND`` names the one the search page asks first (see :mod:`search.service`, which
falls back to ``default`` when Elasticsearch cannot answer). ``python manage.py update_index`` rebuilds them all.
"""
