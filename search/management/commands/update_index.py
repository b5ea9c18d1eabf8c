"""``python manage.py update_index``: Wagtail's command, then the frequent-word shortlists from the new index.

Listed before ``wagtail.search`` in ``INSTALLED_APPS``, so this command is the one ``manage.py`` runs (also as
``wagtail_update_index``, the name Wagtail gives it where another app has an ``update_index``).
"""

from wagtail.search.management.commands.update_index import Command as WagtailUpdateIndex

from search import shortlists


class Command(WagtailUpdateIndex):
    help = "Rebuild every search backend's index, then the shortlists of frequent words (search.shortlists)."

    def handle(self, **options):
        super().handle(**options)
        if options.get("schema_only") or options.get("backend_name") not in (None, "default"):
            return  # the shortlists are read from the database backend's index
        shortlists.build(progress=self.write)
