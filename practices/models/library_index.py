"""The library's front page in each language tree: the faceted listing and the way into the feed."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class LibraryIndexPage(Page):
    """One per language tree, under the home page. Its children are the library's items, of any kind.

    The library's review workflow is assigned to this page (see :mod:`practices.workflow`), so every item below
    it goes through review before publication.
    """

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    max_count_per_parent = 1
    template = "practices/library_index_page.html"

    class Meta:
        verbose_name = _("library index")
        verbose_name_plural = _("library indexes")

    @classmethod
    def clean_subpage_models(cls):
        """Every creatable kind of library item, including kinds other apps add by subclassing the base page."""
        from .library_item import library_item_models

        return library_item_models()

    def save(self, *args, **kwargs):
        created = self.pk is None
        result = super().save(*args, **kwargs)
        if created:
            from practices.workflow import ensure_library_workflow

            ensure_library_workflow()
        return result

    def permissions_for_user(self, user):
        """New items under the index are never published on creation: they go through the workflow."""
        from practices.permissions import LibraryIndexPermissionTester

        return LibraryIndexPermissionTester(user, self)

    def get_context(self, request, *args, **kwargs):
        from practices.listing import LibraryListing

        context = super().get_context(request, *args, **kwargs)
        context["listing"] = LibraryListing(request, index_page=self)
        return context

    def serve(self, request, *args, **kwargs):
        from practices.visibility import mark_private_if_personalised

        return mark_private_if_personalised(request, super().serve(request, *args, **kwargs))
