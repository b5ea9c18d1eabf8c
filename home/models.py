"""The home page: the network's front door in each language tree."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from network.models import Country


class HomePage(Page):
    """The root of each language tree (a Wagtail Page translated with wagtail.contrib.simple_translation).

    It says what the network is and for whom, lists the region's countries, and leads to the directory,
    the library, events and "join the network". Sections are other apps' pages or views; the template finds
    them, so the home page works before any of them has content.
    """

    lead = models.CharField(_("lead"), max_length=300, help_text=_("One sentence under the title."))
    body = RichTextField(_("about the network"), blank=True, features=["bold", "italic", "link", "ul", "ol"])

    content_panels = Page.content_panels + [FieldPanel("lead"), FieldPanel("body")]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["region_countries"] = Country.objects.filter(in_region=True)
        return context
