"""Who may download a document: one rule for every document of the site, library attachments and event materials alike.

Wagtail's document view is the only way to download a document (``WAGTAILDOCS_SERVE_METHOD = "serve_view"``);
:func:`document_refusal` runs on every download from the ``before_serve_document`` hook. Deny unless allowed:

1. **Folder privacy.** A document in a collection with Wagtail privacy (of its own or of a parent collection) goes
   only to whom ``members.access.passes_view_restrictions`` lets in: full members, of the named groups if any.
2. **Uses.** A page *uses* a document when its content (an attachment, an event material, a body block, a
   rich-text link) points at it. Two records say which pages do or did: Wagtail's reference index (what each
   page's database row points at) and :class:`~practices.models.DocumentUse`, written for every saved revision
   (:func:`record_document_uses`), which remembers drafts and versions since replaced. A document that any page
   uses or used is served only to whom the *live version of a live page that uses it* (read from the page
   itself) lets in: the request may view that page (``members.access.can_view``: its level and its Wagtail
   privacy), and the page may narrow it further for its own uses (an event: the level of each of its materials
   holding the document, see ``EventPage.document_visible_to``). A document only in a draft, in an unpublished
   page or in a version since replaced is thus never served on the strength of it.
3. **Editors** (a session that passed MFA, and the right to change the document in the admin or to edit a page
   that uses or used it) may always download it, to review drafts (still within step 1).
4. A document **used nowhere**: to editors only, unless its collection is private (step 1 then decides: the
   folder is the only statement of who it is for).

One rule instead of mirroring each item's level into collections, which drifts whenever an editor changes a level
or reuses a document.
"""

from django.contrib.contenttypes.models import ContentType
from wagtail.documents import get_document_model
from wagtail.models import Page, ReferenceIndex
from wagtail.permissions import policy_registry

from members.access import can_view, passes_page_privacy, passes_view_restrictions, session_passed_mfa


def documents_used_by(page):
    """Ids of the documents ``page`` (as loaded: a revision's version, or the database row's) points at."""
    document_type = ContentType.objects.get_for_model(get_document_model()).pk
    return {
        int(object_id)
        for content_type_id, object_id, *_path in ReferenceIndex._extract_references_from_object(page)
        if content_type_id == document_type
    }


def record_document_uses(sender, instance, created, raw=False, **kwargs):
    """``post_save`` of a :class:`~wagtail.models.Revision`: remember every document the revised page uses."""
    from practices.models import DocumentUse

    if raw or not created or instance.base_content_type_id != ContentType.objects.get_for_model(Page).pk:
        return
    page = instance.as_object()
    existing = get_document_model().objects.filter(pk__in=documents_used_by(page)).values_list("pk", flat=True)
    DocumentUse.objects.bulk_create(
        [DocumentUse(page_id=page.pk, document_id=pk) for pk in existing], ignore_conflicts=True
    )


def pages_using(document):
    """Ids of every page that uses or used ``document`` (reference index and revisions), and whether any object
    other than a page uses it."""
    from practices.models import DocumentUse

    page_type = ContentType.objects.get_for_model(Page).pk
    references = ReferenceIndex.get_references_to(document).values_list("base_content_type_id", "object_id")
    # object_id is a text column (it holds any model's key): compare as integers in Python, not in SQL.
    page_ids = {int(object_id) for type_id, object_id in references if type_id == page_type}
    other_uses = any(type_id != page_type for type_id, _object_id in references)
    page_ids |= set(DocumentUse.objects.filter(document=document).values_list("page_id", flat=True))
    return page_ids, other_uses


def live_pages_using(document, page_ids):
    """The live pages among ``page_ids`` whose live version uses ``document``.

    Read from each page's own content rather than from the reference index: the index can keep a reference an
    event material or attachment removed at publication had (the page is indexed before its removed children are
    deleted)."""
    pages = Page.objects.filter(pk__in=page_ids, live=True).specific()
    return [page for page in pages if document.pk in documents_used_by(page)]


def live_use_allows(request, page, document):
    """Whether the live ``page`` (which uses ``document`` in its live version) lets the request download it."""
    if hasattr(page, "visibility"):
        if not can_view(request, page):
            return False
    elif not passes_page_privacy(request, page):
        return False
    narrower = getattr(page, "document_visible_to", None)
    return narrower is None or narrower(request, document)


def is_document_editor(request, document, page_ids):
    """An editor of the document, or of a page among ``page_ids``, in a session that passed MFA."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.is_active or not session_passed_mfa(request):
        return False
    if policy_registry.get_by_type(get_document_model()).user_has_permission_for_instance(user, "change", document):
        return True
    pages = Page.objects.filter(pk__in=page_ids).specific(defer=True)
    return any(page.permissions_for_user(user).can_edit() for page in pages)


def may_download(request, document):
    """Whether the request may download ``document`` (the rule of the module docstring)."""
    collection_restrictions = list(document.collection.get_view_restrictions())
    if not passes_view_restrictions(request, collection_restrictions):
        return False
    page_ids, other_uses = pages_using(document)
    if any(live_use_allows(request, page, document) for page in live_pages_using(document, page_ids)):
        return True
    if is_document_editor(request, document, page_ids):
        return True
    return bool(collection_restrictions) and not page_ids and not other_uses


def document_refusal(document, request):
    """``None`` if the request may download ``document``, otherwise the refusal to send instead."""
    from practices.visibility import refuse

    return None if may_download(request, document) else refuse(request)
