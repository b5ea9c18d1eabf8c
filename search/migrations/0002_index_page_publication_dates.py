"""An index on Wagtail's page table for "published since": every first search of one frequent word on PostgreSQL
asks which library items were published since the shortlists were written (search/shortlists.py); without it,
a scan of every page (12 ms at 50,000 items)."""

from django.db import migrations

INDEX = "search_page_last_published_at"


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_frequent_word_shortlists"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailcore_page (last_published_at)",
            reverse_sql=f"DROP INDEX IF EXISTS {INDEX}",
        ),
    ]
