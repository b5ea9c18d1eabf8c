"""How views state who may see them. Every members-only view uses :func:`full_member_required` (or the mixin).

The decision comes from :func:`members.access.denial`; this module only turns each reason into the answer that
helps the person asking: sign in, wait for vetting, set up or pass the second factor, or a plain 403.
"""

from functools import wraps
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers, patch_cache_control

from . import access
from .access import Denial


def private(response):
    """Mark a response that shows restricted data: never stored by a browser or a shared cache."""
    add_never_cache_headers(response)
    patch_cache_control(response, private=True, no_store=True)
    return response


def denied_response(request, reason):
    """The response for a request refused members-only content (``reason`` from :func:`access.denial`)."""
    next_url = request.get_full_path()
    if reason is Denial.LOGIN:
        return redirect_to_login(next_url, reverse("account_login"))
    if reason is Denial.UNDER_REVIEW:
        return redirect("members:under_review")
    if reason is Denial.MFA_SETUP:
        return redirect(reverse("mfa_activate_totp") + "?" + urlencode({"next": next_url}))
    if reason is Denial.MFA_VERIFY:
        return redirect(reverse(access.second_factor_check(request.user)) + "?" + urlencode({"next": next_url}))
    membership = access.membership_of(request.user)
    return private(render(request, "members/not_a_member.html", {"membership": membership}, status=403))


def full_member_required(view):
    """Let only full members (vetted, current, session passed MFA) in; answer everyone else helpfully.

    Anonymous → the login page; applicant → "your application is under review"; vetted without MFA → set up or
    pass the second factor; suspended, expired, left, rejected or no membership → a 403 page. Responses are
    marked ``Cache-Control: private, no-store``.
    """

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        reason = access.denial(request)
        if reason is not None:
            return denied_response(request, reason)
        return private(view(request, *args, **kwargs))

    return wrapped


def signed_in_required(view):
    """Any signed-in account (the under-review page, one's own profile); responses are private."""

    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        return private(view(request, *args, **kwargs))

    return wrapped


class FullMemberRequiredMixin:
    """The class-based twin of :func:`full_member_required`."""

    def dispatch(self, request, *args, **kwargs):
        reason = access.denial(request)
        if reason is not None:
            return denied_response(request, reason)
        return private(super().dispatch(request, *args, **kwargs))
