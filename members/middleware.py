"""Request-wide member rules: sessions that time out, vetted members sent to set up their second factor, and no
admin page for a session that did not pass one."""

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.shortcuts import redirect
from django.urls import reverse

from . import access

STARTED_KEY = "enlace_session_started"
LAST_SEEN_KEY = "enlace_session_last_seen"
# Recording activity at most once a minute keeps the idle timeout precise enough without a write per request.
LAST_SEEN_RESOLUTION = 60


@receiver(user_logged_in, dispatch_uid="members.session_started")
def mark_session_start(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        now = int(time.time())
        request.session[STARTED_KEY] = now
        request.session[LAST_SEEN_KEY] = now


class SessionTimeoutMiddleware:
    """Sign out a session idle for ``ENLACE_SESSION_IDLE_TIMEOUT`` or older than ``ENLACE_SESSION_MAX_AGE``.

    Contact data of law-enforcement practitioners must not stay open on a shared or stolen computer: an idle
    session ends after 30 minutes, and any session after 12 hours, whatever the activity.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            session = request.session
            started = session.get(STARTED_KEY) or now
            last_seen = session.get(LAST_SEEN_KEY) or now
            idle = now - last_seen > settings.ENLACE_SESSION_IDLE_TIMEOUT
            too_old = now - started > settings.ENLACE_SESSION_MAX_AGE
            if idle or too_old:
                logout(request)
            else:
                if STARTED_KEY not in session:
                    session[STARTED_KEY] = started
                if now - last_seen >= LAST_SEEN_RESOLUTION or LAST_SEEN_KEY not in session:
                    session[LAST_SEEN_KEY] = now
        return self.get_response(request)


def is_staff(user):
    """Accounts that can open an admin: Wagtail's (``access_admin``, by role) or Django's (``is_staff``)."""
    return user.is_superuser or user.is_staff or user.has_perm("wagtailadmin.access_admin")


class MFARequiredMiddleware:
    """Send a vetted member who has no second factor yet to set one up, before anything else; and let no session
    into the admin (Wagtail's or Django's) unless it passed a second factor, whoever the staff user is.

    The account and MFA pages themselves (allauth's ``account_*`` and ``mfa_*`` views) stay reachable, so the
    member can set up TOTP (or a security key instead), change a password or sign out. Members-only content is
    refused to sessions that did not pass MFA by :mod:`members.access` in any case; this middleware makes the setup
    the next step.

    Staff accounts need not hold a membership (an administrator of the platform may not be a practitioner), so
    the member rule alone would let such an account into the admin (accounts, roles, vetting, the audit trail)
    with a password only. On admin paths every session must have passed MFA: an account without a second factor
    is sent to set one up, one with a factor this session did not use (set up after signing in) to re-enter it.
    """

    EXEMPT_PREFIXES = ("account_", "mfa_")
    EXEMPT_NAMES = {"healthz", "set_language"}
    ADMIN_PREFIXES = ("/admin/", "/django-admin/")
    # Admin URLs with no data that sign-in pages load, and Wagtail's login (it sends to allauth's).
    ADMIN_EXEMPT_NAMES = {"wagtailadmin_sprite", "wagtailadmin_javascript_catalog", "admin_login_via_allauth"}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or access.session_passed_mfa(request):
            return None
        match = request.resolver_match
        name = match.url_name if match else None
        if name and (name.startswith(self.EXEMPT_PREFIXES) or name in self.EXEMPT_NAMES):
            return None
        if request.path_info.startswith((settings.STATIC_URL, settings.MEDIA_URL)):
            return None
        next_query = "?" + urlencode({"next": request.get_full_path()})
        if access.must_set_up_mfa(user):
            return redirect(reverse("mfa_activate_totp") + next_query)
        admin = request.path_info.startswith(self.ADMIN_PREFIXES) and name not in self.ADMIN_EXEMPT_NAMES
        if admin and is_staff(user):
            step = access.second_factor_check(user) if access.has_mfa(user) else "mfa_activate_totp"
            return redirect(reverse(step) + next_query)
        return None
