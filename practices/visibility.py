"""How the library applies ``members.access`` to pages, listings, feeds, the sitemap and attached documents.

``members.access`` alone decides what a request may see; this module only wires its answer into the places the
library shows things, and picks the response when the answer is no:

- someone who is not (yet) a full member gets the members app's helpful answer for their case
  (``members.decorators.denied_response``: sign in, application under review, set up or pass the second
  factor, or a 403): the item's URL is all they learn, its title, summary and body are never rendered;
- a full member outside the item's groups gets a plain 403 page that names nothing of the item;
- every response that depends on who is asking carries ``Cache-Control: private, no-store`` so no shared cache
  keeps a members' page, and public-only outputs (feeds, sitemap) are computed for an anonymous audience
  whoever asks, because they are cached and shared.

Documents: Wagtail's document view is the only way to download a document (``WAGTAILDOCS_SERVE_METHOD =
"serve_view"``). Rather than mirroring each item's visibility into collections (which drifts whenever an
editor changes an item's level or reuses a document), :func:`document_refusal` runs on every download from the
``before_serve_document`` hook and looks up every library item that uses the document (as an attachment, in a
body block or in a rich-text link): Wagtail's reference index for live versions, and
:class:`~practices.models.LibraryDocumentUse`, written on every saved revision, for drafts. A
document used by any library item is served only if the request may see at least one *live* item using it, or
can edit one of them. Documents no library item uses are left to Wagtail's collection rules.
"""

from django.contrib.contenttypes.models import ContentType
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control
from wagtail.documents import get_document_model
from wagtail.models import Page, ReferenceIndex

from members.access import audience, can_view, denial, visible
from members.decorators import denied_response


def anonymous_request():
    """A request from nobody in particular: what an anonymous visitor, a crawler or a feed reader may see."""
    return HttpRequest()


def is_public(item):
    """Whether anyone at all may see ``item`` (asked of ``members.access`` for an anonymous audience)."""
    return can_view(anonymous_request(), item)


def public_only(queryset):
    """The part of ``queryset`` anyone may see: for the feed and the sitemap, whoever is asking."""
    return visible(anonymous_request(), queryset)


def mark_private(response):
    """Keep a response out of shared caches and off the disk of the browser."""
    patch_cache_control(response, private=True, no_store=True)
    return response


def mark_private_if_personalised(request, response):
    """Mark ``response`` private when it was computed for a signed-in user (what they see may be restricted)."""
    if audience(request).is_authenticated:
        mark_private(response)
    return response


def refuse(request):
    """The answer to a request for something it may not see (see the module docstring)."""
    reason = denial(request)
    if reason is not None:
        return mark_private(denied_response(request, reason))
    response = TemplateResponse(request, "practices/not_allowed.html", status=403)
    return mark_private(response)


def refuse_page(request, item):
    """``None`` if the request may see the library item, otherwise the refusal to send instead."""
    if can_view(request, item):
        return None
    return refuse(request)


def record_document_uses(item):
    """Remember every document the in-memory ``item`` (a draft about to be saved as a revision) uses."""
    from practices.models import LibraryDocumentUse

    document_type = ContentType.objects.get_for_model(get_document_model()).pk
    document_ids = {
        int(object_id)
        for content_type_id, object_id, *_path in ReferenceIndex._extract_references_from_object(item)
        if content_type_id == document_type
    }
    LibraryDocumentUse.objects.bulk_create(
        [LibraryDocumentUse(page_id=item.pk, document_id=pk) for pk in document_ids], ignore_conflicts=True
    )


def library_items_using(document):
    """Every library item that uses or used ``document``: live version (reference index) or any revision."""
    from practices.models import LibraryDocumentUse, LibraryItemPage

    page_ids = ReferenceIndex.get_references_to(document).filter(
        base_content_type=ContentType.objects.get_for_model(Page)
    )
    # object_id is a text column (it holds any model's key): compare as integers in Python, not in SQL.
    ids = {int(pk) for pk in page_ids.values_list("object_id", flat=True)}
    ids |= set(LibraryDocumentUse.objects.filter(document=document).values_list("page_id", flat=True))
    return LibraryItemPage.objects.filter(pk__in=ids)


def document_refusal(document, request):
    """``None`` if the request may download ``document``, otherwise the refusal (see the module docstring)."""
    items = list(library_items_using(document))
    if not items:
        return None
    live_ids = [item.pk for item in items if item.live]
    if live_ids and visible(request, items[0].__class__.objects.filter(pk__in=live_ids)).exists():
        return None
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and any(item.permissions_for_user(user).can_edit() for item in items):
        return None
    return refuse(request)
