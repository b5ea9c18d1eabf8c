"""``python manage.py update_index``: Wagtail's command, then the word score lists from the new index.

Listed before ``wagtail.search`` in ``INSTALLED_APPS``, so this command is the one ``manage.py`` runs (also as
``wagtail_update_index``, the name Wagtail gives it where another app has an ``update_index``).
"""

from wagtail.search.management.commands.update_index import Command as WagtailUpdateIndex

from search import word_scores


class Command(WagtailUpdateIndex):
    help = "Rebuild every search backend's index, then the scores of frequent words (search.word_scores)."

    def handle(self, **options):
        super().handle(**options)
        if options.get("schema_only") or options.get("backend_name") not in (None, "default"):
            return  # the word scores are read from the database backend's index
        word_scores.build(progress=self.write)
