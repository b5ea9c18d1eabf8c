"""The audiences of the privacy tests (documents, page privacy), each on a test client of its own.

``audiences(sign_in, event)`` gives a client per audience: anonymous, applicant, vetted without MFA, member (a full
member, not a participant), participant (a full member registered for ``event``) and editor (a full member in the
Editor role). ``downloads(client, document)`` says whether the client got the file.
"""

from django.contrib.auth.models import Group
from django.test import Client

from members.factories import MembershipFactory

AUDIENCES = ["anonymous", "applicant", "vetted without MFA", "member", "participant", "editor"]


def audiences(sign_in, event=None):
    from events.participants import register

    def full_member(name):
        user = MembershipFactory(vetted=True, user__email=f"{name}@example.org", user__totp_secret=True).user
        return user

    clients = {"anonymous": Client()}
    clients["applicant"] = sign_in(Client(), MembershipFactory(user__email="applicant-a@example.org").user)
    clients["vetted without MFA"] = sign_in(
        Client(), MembershipFactory(vetted=True, user__email="nomfa@example.org").user
    )
    for name in ("member", "participant", "editor"):
        user = full_member(name)
        if name == "participant" and event is not None:
            register(event, user)
        if name == "editor":
            user.groups.add(Group.objects.get(name="Editor"))
        clients[name] = sign_in(Client(), user, user.totp_secret)
    return clients


def downloads(client, document):
    """Whether ``client`` received the document's file (not a sign-in redirect, a refusal or an error page)."""
    response = client.get(document.url)
    if response.status_code != 200 or not response.streaming:
        return False
    return b"".join(response.streaming_content) == document.file.open("rb").read()


def who_downloads(clients, document):
    return {name for name, client in clients.items() if downloads(client, document)}
