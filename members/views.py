"""The members' own pages: joining, the under-review page, the member home, profile, re-validation, leaving."""

from django.shortcuts import redirect, render

from . import access
from .decorators import full_member_required, signed_in_required


@signed_in_required
def under_review(request):
    """What an applicant sees after signing in: their application is with the vetters, nothing restricted."""
    membership = access.membership_of(request.user)
    if membership is None or not membership.is_pending:
        return redirect("members:home")
    return render(request, "members/under_review.html", {"membership": membership})


@full_member_required
def home(request):
    """The members' area: where a full member starts (directory, members-only library, their own profile)."""
    membership = access.membership_of(request.user)
    return render(request, "members/home.html", {"membership": membership})


def admin_login(request):
    """Wagtail's own login form would bypass allauth (rate limits, the second factor): send it to allauth's."""
    from urllib.parse import urlencode

    from django.urls import reverse

    next_url = request.GET.get("next") or reverse("wagtailadmin_home")
    return redirect(reverse("account_login") + "?" + urlencode({"next": next_url}))
