"""``python manage.py score_frequent_words``: write the word score lists again (search/word_scores.py).

``update_index`` does it after rebuilding the index; this is the cheaper nightly run.
"""

from django.core.management.base import BaseCommand

from search import word_scores


class Command(BaseCommand):
    help = "Write again, from the search index, every library item's score on each frequent word (PostgreSQL)."

    def handle(self, **options):
        if not word_scores.supported():
            self.stdout.write("Nothing to do: word scores serve PostgreSQL's full-text ranking only.")
            return
        word_scores.build(progress=self.stdout.write)
