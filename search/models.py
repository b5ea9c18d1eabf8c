import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class WordScoreList(models.Model):
    """Every published library item that uses one frequent word, with its score on that word alone: what a first
    search of frequent words adds up instead of reading each match's text again.

    Written by ``update_index`` and ``score_frequent_words`` on PostgreSQL (see :mod:`search.word_scores`), never
    edited by hand. ``item_ids`` and ``scores`` are packed arrays (32-bit, little-endian), ``scores[i]`` belonging to
    ``item_ids[i]``, ids ascending; ``restricted[i]`` tells whether that item was for members or groups only (a
    search for a reader who sees only public items skips those before checking the rest). ``built_at``: items
    indexed again since then may have changed after the list was read; searches score them from the index instead.
    """

    word = models.CharField(_("word"), max_length=255, primary_key=True, help_text=_("A stem, as the index has it."))
    item_ids = models.BinaryField(_("items"), help_text=_("Library item ids, ascending (32-bit integers)."))
    scores = models.BinaryField(_("scores"), help_text=_("Each item's score on the word (32-bit floats)."))
    restricted = models.BinaryField(
        _("restricted"),
        default=b"",
        help_text=_("1 for each item not public when the list was written, else 0 (bytes; empty: not known)."),
    )
    built_at = models.DateTimeField(_("built at"))
    # A new one each time the list is written: a process that remembers a list knows whether it is still this one.
    version = models.UUIDField(_("version"), default=uuid.uuid4, editable=False)

    class Meta:
        verbose_name = _("word score list")
        verbose_name_plural = _("word score lists")

    def __str__(self):
        return self.word


class ReindexedItem(models.Model):
    """A library item whose search index entry was written again (published, saved, moved, converted from an alias)
    at ``reindexed_at``: if after the word score lists were read, its stored scores may be stale, and searches score
    it from the index instead (:func:`search.word_scores.items_apart`).

    Noted by the database search backend whenever it indexes a library item; :func:`search.word_scores.build`
    forgets the items noted before it read the index.
    """

    item_id = models.IntegerField(_("item"), primary_key=True)
    reindexed_at = models.DateTimeField(_("indexed again at"), db_index=True)

    class Meta:
        verbose_name = _("item indexed again")
        verbose_name_plural = _("items indexed again")

    def __str__(self):
        return str(self.item_id)
