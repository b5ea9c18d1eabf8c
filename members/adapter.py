"""allauth adapter: applications open or closed by setting, and where people land after signing in."""

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.urls import reverse

from . import access

INVITATION_SESSION_KEY = "enlace_invitation"


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        """Open applications can be switched off (``ENLACE_OPEN_APPLICATIONS``); an invitation still works."""
        return settings.ENLACE_OPEN_APPLICATIONS or bool(request.session.get(INVITATION_SESSION_KEY))

    def get_login_redirect_url(self, request):
        """Applicants land on the under-review page, full members in their area, others where they were going."""
        membership = access.membership_of(request.user)
        if membership is not None and membership.is_pending:
            return reverse("members:under_review")
        if access.is_full_member(request):
            return reverse("members:home")
        return super().get_login_redirect_url(request)
