"""The library's front page in each language tree: the faceted listing and the way into the feed."""

from django.contrib.contenttypes.models import ContentType
from django.http import Http404
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

    def route(self, request, path_components):
        """Wagtail's routing, with the child page loaded as cheaply as Wagtail's ``.specific`` allows.

        Wagtail finds the child by its slug as a whole base page (every column, a model instance), then loads it
        again in its specific form. Here the first query only asks for the child's id and type, then the specific
        page is loaded once: the same two queries, with much less to build. Same page, same 404s.
        """
        if not path_components:
            return super().route(request, path_components)
        # Treebeard's children condition (a path range; the LIKE of Wagtail's child_of uses no index on SQLite).
        children = self.get_children().filter(slug=path_components[0]).order_by()
        found = next(iter(children.values_list("pk", "content_type_id")), None)
        if found is None:
            raise Http404
        model = ContentType.objects.get_for_id(found[1]).model_class()
        if model is None:  # a page type whose code is gone: Wagtail's own way
            return super().route(request, path_components)
        child = model._default_manager.get(pk=found[0])
        child._cached_parent_obj = self  # as Wagtail does: get_parent() costs no query
        return child.route(request, path_components[1:])

    def serve(self, request, *args, **kwargs):
        from practices.visibility import mark_private_if_personalised

        return mark_private_if_personalised(request, super().serve(request, *args, **kwargs))
