"""``python manage.py shortlist_frequent_words``: write the frequent-word shortlists again (search/shortlists.py).

``update_index`` does it after rebuilding the index; this is the cheaper nightly run (48 s at 50,000 items).
"""

from django.core.management.base import BaseCommand

from search import shortlists


class Command(BaseCommand):
    help = "Write again, from the search index, the items that score best on each frequent word (PostgreSQL)."

    def handle(self, **options):
        if not shortlists.supported():
            self.stdout.write("Nothing to do: shortlists serve PostgreSQL's full-text ranking only.")
            return
        shortlists.build(progress=self.stdout.write)
