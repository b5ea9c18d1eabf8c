"""The record of which pages' revisions used which documents (see :mod:`practices.documents`)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentUse(models.Model):
    """A document that some saved revision of a page used, draft or live, kept after the page stops using it.

    Wagtail's reference index holds what a page's database row points at: for a published page its live version
    only, not a draft nor a version since replaced. This record covers those too, so a document added to a draft,
    or removed from a page, is still known to be restricted material (written by
    :func:`practices.documents.record_document_uses` for every revision of any page).
    """

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    document = models.ForeignKey("wagtaildocs.Document", on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("document used by a page")
        verbose_name_plural = _("documents used by pages")
        constraints = [models.UniqueConstraint(fields=["page", "document"], name="unique_page_document_use")]

    def __str__(self):
        return f"{self.document_id} → {self.page_id}"
