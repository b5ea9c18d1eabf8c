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

Wagtail's page privacy ("Private, accessible to logged-in users" / "…to users in specific groups") means full
members (of those groups) here, on every page of the site: :func:`page_privacy_refusal`, from the
``before_serve_page`` hook; listings leave such pages out through ``members.access.visible``.

Documents follow one rule for the whole site: :mod:`practices.documents`.
"""

from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control

from members.access import audience, can_view, denial, passes_page_privacy, visible
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


def page_privacy_refusal(request, page):
    """``None`` if the request passes the Wagtail privacy of ``page`` and its ancestors as
    ``members.access.passes_page_privacy`` reads it (full members only), otherwise the refusal."""
    if passes_page_privacy(request, page):
        return None
    return refuse(request)
