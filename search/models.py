from django.db import models
from django.utils.translation import gettext_lazy as _


class FrequentWordShortlist(models.Model):
    """The library items that use one frequent word the most: where a first search of frequent words looks.

    Written by ``update_index`` and ``shortlist_frequent_words`` on PostgreSQL (see
    :mod:`search.shortlists`), never edited by hand. ``built_at``: publications since then are not in the index the
    list was read from.
    """

    word = models.CharField(_("word"), max_length=255, primary_key=True, help_text=_("A stem, as the index has it."))
    item_ids = models.JSONField(_("items"), help_text=_("Library item ids, the best scoring on the word first."))
    built_at = models.DateTimeField(_("built at"))

    class Meta:
        verbose_name = _("frequent word shortlist")
        verbose_name_plural = _("frequent word shortlists")

    def __str__(self):
        return self.word
