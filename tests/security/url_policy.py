"""Who may open each URL of the site: the declared policy the authorization matrix test holds the code to.

Every URL pattern the resolver knows must appear here by name (or be covered by a prefix rule); a new URL without
a declared policy fails ``test_authorization_matrix.py``. Levels:

- ``PUBLIC``: everyone, anonymous visitors and crawlers included.
- ``SIGNED_IN``: any signed-in account, whatever its membership (own account, second factor, application status).
- ``FULL_MEMBER``: a vetted, current membership whose session passed MFA (``members.access.is_full_member``).
- ``STAFF``: accounts with Wagtail admin access (editors, vetters, administrators); finer permissions inside.
- ``ADMINISTRATOR``: the Administrator role only.
- ``OBJECT``: decided per object (pages, documents, event materials) by ``members.access``: checked object by
  object by the page and document matrices, not by URL.
"""

PUBLIC = "public"
SIGNED_IN = "signed in"
FULL_MEMBER = "full member"
STAFF = "staff"
ADMINISTRATOR = "administrator"
OBJECT = "object"

URL_POLICY = {
    # Site-wide
    "healthz": PUBLIC,
    "sitemap": PUBLIC,
    "search_in_language": PUBLIC,
    "admin_login_via_allauth": STAFF,  # sends everyone to the site's sign-in (allauth, MFA), never a form of its own
    # Accounts (allauth): signing in, up, out and recovering are public; the rest needs a session
    "account_login": PUBLIC,
    "account_logout": PUBLIC,
    "account_inactive": PUBLIC,
    "account_signup": PUBLIC,
    "account_email_verification_sent": PUBLIC,
    "account_confirm_email": PUBLIC,
    "account_confirm_login_code": SIGNED_IN,  # a stage of a sign-in in progress: nothing without one
    "account_reset_password": PUBLIC,
    "account_reset_password_done": PUBLIC,
    "account_reset_password_from_key": PUBLIC,
    "account_reset_password_from_key_done": PUBLIC,
    "mfa_authenticate": SIGNED_IN,  # the second step of a sign-in in progress: nothing without one
    "account_reauthenticate": SIGNED_IN,
    "account_email": SIGNED_IN,
    "account_change_password": SIGNED_IN,
    "account_set_password": SIGNED_IN,
    "mfa_index": SIGNED_IN,
    "mfa_reauthenticate": SIGNED_IN,
    "mfa_activate_totp": SIGNED_IN,
    "mfa_deactivate_totp": SIGNED_IN,
    "mfa_view_recovery_codes": SIGNED_IN,
    "mfa_generate_recovery_codes": SIGNED_IN,
    "mfa_download_recovery_codes": SIGNED_IN,
    "mfa_list_webauthn": SIGNED_IN,
    "mfa_add_webauthn": SIGNED_IN,
    "mfa_reauthenticate_webauthn": SIGNED_IN,
    "mfa_remove_webauthn": SIGNED_IN,
    "mfa_edit_webauthn": SIGNED_IN,
    # Wagtail's own public endpoints (shared-password privacy is disabled in settings)
    "wagtail_serve": OBJECT,
    "wagtaildocs_serve": OBJECT,
    "wagtaildocs_authenticate_with_password": PUBLIC,
    "wagtailcore_authenticate_with_password": PUBLIC,
    "wagtailcore_login": PUBLIC,
    # Wagtail admin assets any login page needs (icon sprite, JavaScript translations): no data
    "wagtailadmin_sprite": PUBLIC,
    "wagtailadmin_javascript_catalog": PUBLIC,
    # Wagtail's own password reset is switched off (WAGTAIL_PASSWORD_RESET_ENABLED = False): these only redirect
    "wagtailadmin_password_reset": PUBLIC,
    "wagtailadmin_password_reset_done": PUBLIC,
    "wagtailadmin_password_reset_complete": PUBLIC,
    # Members
    "members:apply": PUBLIC,
    "members:accept_invitation": PUBLIC,
    "members:under_review": SIGNED_IN,
    "members:home": SIGNED_IN,
    "members:profile": SIGNED_IN,
    "members:revalidate": SIGNED_IN,
    "members:leave": SIGNED_IN,
    # Practices library
    "practices:library": PUBLIC,  # lists what the visitor may see
    "practices:feed_rss": PUBLIC,
    "practices:feed_atom": PUBLIC,
    # Events
    "events:index": PUBLIC,
    "events:calendar": PUBLIC,
    "events:event_calendar": OBJECT,
    "events:contribute": OBJECT,
    "events:autosave": OBJECT,
    "events:reply": OBJECT,
    # Network
    "network:countries": PUBLIC,
    "network:country": PUBLIC,
    "network:finder": PUBLIC,  # institutions for everyone; people only for full members (canary crawl checks)
    "network:directory": FULL_MEMBER,
    "network:contact": FULL_MEMBER,
    "network:vcard": FULL_MEMBER,
    # Search
    "search:search": PUBLIC,  # answers with what the visitor may see
    "search:autocomplete": PUBLIC,
    # Audit
    "audit_events": ADMINISTRATOR,
    "audit_events_results": ADMINISTRATOR,
}

# Everything else under the Wagtail admin is behind Wagtail's admin-access check (``require_admin_access``).
PREFIX_POLICY = {"admin/": STAFF}


def policy_for(route):
    """The declared level of a :class:`tests.security.crawl.Route`, or ``None`` when nobody declared one."""
    if route.name in URL_POLICY:
        return URL_POLICY[route.name]
    for prefix, level in PREFIX_POLICY.items():
        if route.route.startswith(prefix):
            return level
    return None
