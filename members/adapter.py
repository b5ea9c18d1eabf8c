"""allauth adapter: applications open or closed by setting, and where people land after signing in."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.core.ratelimit import respond_429
from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.core.exceptions import ValidationError
from django.urls import reverse

from . import access, emails

INVITATION_SESSION_KEY = "enlace_invitation"


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        """Open applications can be switched off (``ENLACE_OPEN_APPLICATIONS``); an invitation still works."""
        return settings.ENLACE_OPEN_APPLICATIONS or bool(request.session.get(INVITATION_SESSION_KEY))

    def send_mail(self, template_prefix, email, context_data):
        """allauth's messages (verify the address, reset the password…) go through the members' outbox, so that an
        application made while the mail server is down is saved and its verification link sent later, not a 500."""
        request = context.request
        message = self.render_mail(
            template_prefix,
            email,
            {"request": request, "email": email, "current_site": get_current_site(request), **context_data},
        )
        emails.send_message(message, template=template_prefix)

    def get_login_redirect_url(self, request):
        """Applicants land on the under-review page, full members in their area, others where they were going."""
        membership = access.membership_of(request.user)
        if membership is not None and membership.is_pending:
            return reverse("members:under_review")
        if access.is_full_member(request):
            return reverse("members:home")
        return super().get_login_redirect_url(request)

    def pre_authenticate(self, request, **credentials):
        """Past the failed-login limit, answer 429 Too Many Requests, whatever the password.

        allauth's own answer is a form error; a 429 tells clients and monitoring what happened, and the
        password is never checked, so the right one is refused too.
        """
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError as error:
            raise ImmediateHttpResponse(respond_429(request)) from error
