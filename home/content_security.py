"""The Content-Security-Policy of each response: strict on the public site, looser only inside the Wagtail admin.

The public site (``CONTENT_SECURITY_POLICY`` in settings) runs no inline script or style at all, so an injected
``<script>`` or ``onerror=`` never executes there, whatever slips past escaping.

The Wagtail admin cannot live under that policy yet: its panels and date widgets write inline ``<script>``
initialisers, its choosers load HTML fragments whose scripts jQuery evaluates inline, many components set
``style=""`` attributes, image previews use ``blob:`` URLs, and the page preview is framed by the editor itself.
So paths under the admin prefix get :data:`ADMIN_POLICY`, which adds ``'unsafe-inline'`` for scripts and styles,
``blob:`` images and same-origin framing. It still forbids ``'unsafe-eval'``, plugins, foreign origins and
``<base>`` rewriting. Only staff reach those paths (after MFA), and the content they display is escaped by
Wagtail, so the looser policy is confined to people and pages that are trusted and already guarded.
"""

from copy import deepcopy

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.urls import reverse


def admin_policy():
    """The admin's directives: the public policy with the relaxations the Wagtail admin needs, and no others."""
    directives = deepcopy(settings.CONTENT_SECURITY_POLICY["DIRECTIVES"])
    directives["script-src"] = ["'self'", "'unsafe-inline'"]
    directives["style-src"] = ["'self'", "'unsafe-inline'"]
    directives["img-src"] = ["'self'", "data:", "blob:"]
    directives["frame-src"] = ["'self'"]
    directives["frame-ancestors"] = ["'self'"]
    return directives


class SitePolicyCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, replacing the policy with :func:`admin_policy` on the Wagtail admin's paths."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None and request.path_info.startswith(reverse("wagtailadmin_home")):
            parts.config = admin_policy()
        return parts
