"""Drops the index on Wagtail's pages by last publication (0002): it served the "published since" look-up of the
frequent-word shortlists, which the word score lists replaced (they track items indexed again instead,
``search.models.ReindexedItem``). No query filters or orders by that date any more, and every publication paid
for keeping the index."""

from django.db import migrations

INDEX = "search_page_last_published_at"


class Migration(migrations.Migration):
    dependencies = [("search", "0006_word_score_list_version")]

    operations = [
        migrations.RunSQL(
            f"DROP INDEX IF EXISTS {INDEX}",
            reverse_sql=f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailcore_page (last_published_at)",
        ),
    ]
