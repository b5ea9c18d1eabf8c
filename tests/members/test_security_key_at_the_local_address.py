"""A newcomer can register a security key on the site `make run` serves. WebAuthn over plain http works only on
"localhost" (browsers and fido2 alike refuse http://127.0.0.1), so the address `make run` serves, the default
SITE_URL and the allowed hosts must agree on it.

The key is played by hand-built, real WebAuthn data (a fresh P-256 key, "none" attestation, the client data a
browser at that address would send), posted to allauth's own "add a security key" view: fido2 checks the origin,
the relying party and the challenge exactly as it does for a browser."""

import hashlib
import json
import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from django.conf import settings
from django.test import Client
from django.urls import reverse
from fido2.cose import ES256
from fido2.utils import websafe_decode
from fido2.webauthn import (
    AttestationObject,
    AttestedCredentialData,
    AuthenticatorAttestationResponse,
    AuthenticatorData,
    CollectedClientData,
    RegistrationResponse,
)

pytestmark = pytest.mark.django_db

MAKEFILE = Path(settings.BASE_DIR) / "Makefile"


def make_run_url():
    """The address `make run` serves, read from the Makefile's ``runserver`` line."""
    [address] = re.findall(r"^\t\$\(MANAGE\) runserver (\S+)$", MAKEFILE.read_text(), flags=re.MULTILINE)
    return f"http://{address}"


def security_key_registration(creation_options, origin):
    """What a browser at ``origin`` returns from ``navigator.credentials.create`` with a USB key plugged in."""
    public_key = creation_options["publicKey"]
    challenge = public_key["challenge"]
    challenge = websafe_decode(challenge) if isinstance(challenge, str) else bytes(challenge)
    rp_id = public_key["rp"]["id"]
    credential_id = os.urandom(32)
    key = ec.generate_private_key(ec.SECP256R1())
    credential = AttestedCredentialData.create(b"\0" * 16, credential_id, ES256.from_cryptography_key(key.public_key()))
    flags = AuthenticatorData.FLAG.UP | AuthenticatorData.FLAG.UV | AuthenticatorData.FLAG.AT
    authenticator_data = AuthenticatorData.create(hashlib.sha256(rp_id.encode()).digest(), flags, 0, credential)
    response = RegistrationResponse(
        raw_id=credential_id,
        response=AuthenticatorAttestationResponse(
            client_data=CollectedClientData.create(CollectedClientData.TYPE.CREATE, challenge, origin),
            attestation_object=AttestationObject.create("none", authenticator_data, {}),
        ),
    )
    return json.dumps(dict(response))


def test_make_run_serves_on_localhost():
    assert make_run_url() == "http://localhost:8000"
    assert "serve http://localhost:8000/" in MAKEFILE.read_text()


@pytest.mark.skipif("SITE_URL" in os.environ, reason="SITE_URL is set in this environment")
def test_the_default_site_url_is_the_make_run_address():
    assert make_run_url() == settings.WAGTAILADMIN_BASE_URL


def test_a_security_key_registers_from_the_make_run_address(sign_in, members_reference_data):
    from allauth.mfa.models import Authenticator

    from members.factories import MembershipFactory

    url = make_run_url()
    host = urlsplit(url).netloc
    assert urlsplit(url).hostname in settings.ALLOWED_HOSTS
    user = MembershipFactory(vetted=True, user__email="nueva.llave@example.org").user
    client = sign_in(Client(HTTP_HOST=host), user)

    form = client.get(reverse("mfa_add_webauthn"))
    assert form.status_code == 200
    creation_options = form.context["js_data"]["creation_options"]
    assert creation_options["publicKey"]["rp"]["id"] == "localhost"

    response = client.post(
        reverse("mfa_add_webauthn"),
        {"name": "Llave USB", "credential": security_key_registration(creation_options, url)},
        HTTP_ORIGIN=url,
    )

    assert response.status_code == 302, response.context["form"].errors if response.context else response
    key = Authenticator.objects.get(user=user, type=Authenticator.Type.WEBAUTHN)
    assert key.wrap().name == "Llave USB"
