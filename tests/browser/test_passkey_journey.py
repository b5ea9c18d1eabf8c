"""A newly vetted member protects the account with a security key instead of an authenticator app, reaches the
members' area, and signs in with the key the next time. Chromium's virtual authenticator (DevTools protocol:
``WebAuthn.enable``, ``WebAuthn.addVirtualAuthenticator``) plays the key: the ceremony, allauth's JavaScript and
fido2's checks on the server are the real ones, under the site's Content Security Policy."""

import pytest
from django.urls import reverse
from journeys import sign_in

pytestmark = pytest.mark.django_db(transaction=True)

KEY_NAME = "Llave de la fiscalía"


@pytest.fixture
def security_key(page):
    """A USB security key (CTAP2) plugged into this tab's browser, which answers every request at once."""
    devtools = page.context.new_cdp_session(page)
    devtools.send("WebAuthn.enable")
    devtools.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "usb",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )
    return devtools


def test_member_sets_up_a_security_key_and_signs_in_with_it(page, live_server, members_reference_data, security_key):
    from allauth.mfa.models import Authenticator

    from members.factories import MembershipFactory

    # WebAuthn works on https and on http://localhost only, and the key is bound to the host name.
    assert live_server.url.startswith("http://localhost:"), live_server.url
    console = []
    page.on("console", lambda message: console.append(message.text))
    user = MembershipFactory(vetted=True, user__email="llave.demo@example.org").user

    # 1. Signed in with the password, the newly vetted member is sent to set up a second factor, and picks a key.
    sign_in(page, user.email)
    page.wait_for_url(lambda url: reverse("mfa_activate_totp") in url)
    page.locator(f"a[href='{reverse('mfa_add_webauthn')}']").click()
    page.wait_for_url(lambda url: reverse("mfa_add_webauthn") in url)
    page.fill("input[name=name]", KEY_NAME)
    page.click("#mfa_webauthn_add")
    page.wait_for_url(lambda url: reverse("mfa_add_webauthn") not in url)
    key = Authenticator.objects.get(user=user, type=Authenticator.Type.WEBAUTHN)
    assert key.wrap().name == KEY_NAME
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.RECOVERY_CODES).exists()
    assert not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()

    # 2. Adding the key used it: this session passed the second factor and opens the members' area.
    page.goto(reverse("members:home"))
    assert page.url.endswith(reverse("members:home"))
    page.goto(reverse("mfa_list_webauthn"))
    assert KEY_NAME in page.locator("main").inner_text()

    # 3. Next time: the password, then the key.
    page.context.clear_cookies()
    sign_in(page, user.email)
    page.wait_for_url(lambda url: reverse("mfa_authenticate") in url)
    page.click("#mfa_webauthn_authenticate")
    page.wait_for_url(lambda url: reverse("mfa_authenticate") not in url)
    page.goto(reverse("members:home"))
    assert page.url.endswith(reverse("members:home"))
    key.refresh_from_db()
    assert key.last_used_at is not None
    blocked = [text for text in console if "Content Security Policy" in text]
    assert not blocked, blocked
