"""A good practice: a guide, checklist, template or standard operating procedure practitioners can reuse."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Page

from .library_item import LibraryItemPage, LibraryKind


class PracticeType(models.TextChoices):
    GUIDE = "guide", _("Guide")
    CHECKLIST = "checklist", _("Checklist")
    TEMPLATE = "template", _("Template")
    SOP = "sop", _("Standard operating procedure")


class GoodPracticePage(LibraryItemPage):
    """Reusable know-how, filed under the same taxonomy as case studies so both appear side by side."""

    library_kind = LibraryKind.GOOD_PRACTICE

    practice_type = models.CharField(
        _("type of practice"), max_length=20, choices=PracticeType.choices, default=PracticeType.GUIDE, db_index=True
    )

    content_panels = Page.content_panels + [
        *LibraryItemPage.visibility_panels,
        FieldPanel("practice_type"),
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel(LibraryItemPage.taxonomy_panels, heading=_("Classification")),
        FieldPanel("lessons"),
        FieldPanel("sources"),
        FieldPanel("related_practices"),
        InlinePanel("attachments", label=_("Attachments")),
    ]

    template = "practices/good_practice_page.html"

    class Meta:
        verbose_name = _("good practice")
        verbose_name_plural = _("good practices")
