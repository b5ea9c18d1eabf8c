"""A case study: one investigation or prosecution, structured as UNODC's SHERLOC and legal briefs structure cases."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from practices.blocks import RICH_TEXT_FEATURES

from .library_item import LibraryItemPage, LibraryKind


class CaseStudyPage(LibraryItemPage):
    """An anonymized case: who was involved in aggregate, what was done, how it ended and what others can learn.

    Victims and defendants appear only as counts by age band and nationality (``party_aggregates``), never by
    name; the anonymization check scans every text field before publication. New case studies are members-only
    unless the editor chooses otherwise.
    """

    library_kind = LibraryKind.CASE_STUDY

    victims_count = models.PositiveIntegerField(_("number of victims"), null=True, blank=True)
    defendants_count = models.PositiveIntegerField(_("number of defendants"), null=True, blank=True)
    elements_of_success = RichTextField(_("elements of success"), blank=True, features=RICH_TEXT_FEATURES)
    challenges = RichTextField(_("challenges"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = Page.content_panels + [
        *LibraryItemPage.visibility_panels,
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel(
            [*LibraryItemPage.taxonomy_panels, FieldPanel("outcome")],
            heading=_("Classification"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("victims_count"),
                FieldPanel("defendants_count"),
                InlinePanel("party_aggregates", label=_("By age band and nationality")),
            ],
            heading=_("Victims and defendants (numbers only, never names)"),
        ),
        FieldPanel("elements_of_success"),
        FieldPanel("challenges"),
        FieldPanel("lessons"),
        FieldPanel("sources"),
        FieldPanel("related_practices"),
        InlinePanel("attachments", label=_("Attachments")),
    ]

    search_fields = LibraryItemPage.search_fields + [
        index.SearchField("elements_of_success", boost=1.5),
        index.SearchField("challenges"),
    ]

    template = "practices/case_study_page.html"

    class Meta:
        verbose_name = _("case study")
        verbose_name_plural = _("case studies")
