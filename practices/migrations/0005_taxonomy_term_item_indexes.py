"""Indexes (term, item) on the library's taxonomy join tables.

Django gives each join table a unique (item, term) index and one index per column; the facet counts (items per
term among the visible ones) and the related items' ranking (items sharing a term) read the table by term and
need the item next to it. With both columns in the index those reads are index-only and stay proportionate to the
items that share the term, whatever the size of the library. The join tables are created by
``ParentalManyToManyField`` (no model of ours to declare ``Meta.indexes`` on), hence plain SQL that SQLite and
PostgreSQL both accept.
"""

from django.db import migrations

JOIN_TABLES = [
    ("practices_libraryitempage_countries", "country_id"),
    ("practices_libraryitempage_crime_types", "crimetype_id"),
    ("practices_libraryitempage_exploitation_forms", "exploitationform_id"),
    ("practices_libraryitempage_techniques", "technique_id"),
    ("practices_libraryitempage_themes", "theme_id"),
]


def index_name(table):
    return f"{table.removeprefix('practices_libraryitempage_')}_term_item"[:30]


class Migration(migrations.Migration):
    dependencies = [("practices", "0004_anonymization_check")]

    operations = [
        migrations.RunSQL(
            sql=f'CREATE INDEX IF NOT EXISTS "practices_{index_name(table)}" ON "{table}" '
            f'("{term}", "libraryitempage_id")',
            reverse_sql=f'DROP INDEX IF EXISTS "practices_{index_name(table)}"',
        )
        for table, term in JOIN_TABLES
    ]
