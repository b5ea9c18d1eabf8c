"""The library in the Wagtail admin: taxonomy snippets, editors' panel; the site's document and page privacy checks."""

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.models import WorkflowState
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from practices.anonymization import wagtail_hooks as anonymization_hooks  # noqa: F401 (registers its hooks)
from practices.documents import document_refusal
from practices.models import CrimeType, ExploitationForm, LibraryItemPage, Technique, Theme, library_item_models
from practices.visibility import page_privacy_refusal
from practices.workflow import EDITOR_ROLE


class TaxonomyViewSet(SnippetViewSet):
    list_display = ["name_es", "name_en", "slug", "sort_order"]
    search_fields = ["name_es", "name_en", "slug"]
    ordering = ["sort_order", "slug"]


class CrimeTypeViewSet(TaxonomyViewSet):
    model = CrimeType
    icon = "warning"


class ExploitationFormViewSet(TaxonomyViewSet):
    model = ExploitationForm
    icon = "warning"


class TechniqueViewSet(TaxonomyViewSet):
    model = Technique
    icon = "cogs"


class ThemeViewSet(TaxonomyViewSet):
    model = Theme
    icon = "tag"


class LibraryTaxonomyGroup(SnippetViewSetGroup):
    """The four taxonomies of the library under one "Library taxonomy" menu for editors."""

    menu_label = _("Library taxonomy")
    menu_icon = "tag"
    menu_order = 250
    items = (CrimeTypeViewSet, ExploitationFormViewSet, TechniqueViewSet, ThemeViewSet)


register_snippet(LibraryTaxonomyGroup)


@hooks.register("before_serve_document")
def check_document_download(document, request):
    """Refuse a document download unless the site's one document rule allows it (:mod:`practices.documents`)."""
    return document_refusal(document, request)


@hooks.register("before_serve_page")
def check_page_privacy(page, request, serve_args, serve_kwargs):
    """Wagtail's page privacy lets any signed-in account in; on this site it means full members (of the groups)."""
    return page_privacy_refusal(request, page)


class PendingReviewPanel(Component):
    """The editors' dashboard panel: library items waiting in the review workflow, oldest first."""

    name = "library_pending_review"
    template_name = "practices/admin/pending_review_panel.html"
    order = 90

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        states = (
            WorkflowState.objects.active()
            .filter(content_type__in=ContentType.objects.get_for_models(*library_item_models()).values())
            .select_related("current_task_state__task", "requested_by")
            .order_by("created_at")
        )
        items = {
            str(item.pk): item
            for item in LibraryItemPage.objects.filter(pk__in=[int(state.object_id) for state in states])
        }
        context["pending"] = [(items.get(state.object_id), state) for state in states if state.object_id in items]
        return context


@hooks.register("construct_homepage_panels")
def add_pending_review_panel(request, panels):
    user = request.user
    if user.is_superuser or user.groups.filter(name=EDITOR_ROLE).exists():
        panels.append(PendingReviewPanel())
