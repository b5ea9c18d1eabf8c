"""Reactions to allauth events, and to changes of Wagtail's page privacy (which :mod:`members.access` caches)."""

from allauth.mfa.signals import authenticator_added
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from wagtail.models import PageViewRestriction
from wagtail.signals import post_page_move

from .access import forget_page_restrictions


@receiver(post_save, sender=PageViewRestriction, dispatch_uid="members.restriction_saved")
@receiver(post_delete, sender=PageViewRestriction, dispatch_uid="members.restriction_deleted")
@receiver(m2m_changed, sender=PageViewRestriction.groups.through, dispatch_uid="members.restriction_groups")
@receiver(post_page_move, dispatch_uid="members.page_moved")
def page_privacy_changed(sender, **kwargs):
    """A privacy setting, its groups or a page's place in the tree (its path) changed: listings read them again."""
    forget_page_restrictions()


@receiver(authenticator_added, dispatch_uid="members.setup_counts_as_mfa")
def setting_up_a_factor_passes_mfa_for_this_session(sender, request, user, authenticator, **kwargs):
    """A member who just set up TOTP typed a valid code from it, and one who just added a security key used it (the
    key signed this session's fresh challenge, which allauth verified): that session has passed the second factor.

    Without this, a newly approved member would have to use the factor a second time right after the first (and
    could not reuse a TOTP code within its 30-second window).
    """
    from allauth.account.internal.flows.login import record_authentication

    if request is not None and authenticator.type in (authenticator.Type.TOTP, authenticator.Type.WEBAUTHN):
        record_authentication(request, user, "mfa", id=authenticator.pk, type=authenticator.type, activated=True)


@receiver(user_logged_in, dispatch_uid="members.fresh_login_may_set_up_mfa")
def fresh_login_may_set_up_mfa(sender, request, user, **kwargs):
    """A vetted member without a second factor is sent to set one up right after signing in.

    allauth asks for the password again before TOTP is activated unless the session *re*-authenticated in the
    last few minutes; a sign-in that has just happened is at least as fresh, so it counts as one. Changing or
    removing an existing factor, or the e-mail address later on, still asks for the password again.
    """
    from allauth.account.authentication import AUTHENTICATION_METHODS_SESSION_KEY

    from . import access

    if request is None or not hasattr(request, "session") or not access.must_set_up_mfa(user):
        return
    records = request.session.get(AUTHENTICATION_METHODS_SESSION_KEY)
    if isinstance(records, list) and records and records[-1].get("method") == "password":
        records[-1] = {**records[-1], "reauthenticated": True}
        request.session[AUTHENTICATION_METHODS_SESSION_KEY] = records
