"""Editors register participants (from a list, by CSV of e-mails) or invite people who are not members yet."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from events.models import EventInvitation, EventParticipant
from members.factories import MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def participants_url(past_event):
    return reverse("events_admin:participants", args=[past_event.pk])


def test_editor_registers_members_chosen_from_the_list(second_editor_client, past_event, participants_url):
    member = MembershipFactory(vetted=True, user__email="ana@example.org").user
    response = second_editor_client.post(participants_url, {"action": "register", "register-members": [member.pk]})
    assert response.status_code == 302
    assert past_event.is_participant(member)
    assert member.groups.filter(pk=past_event.participants_group_id).exists()
    assert "ana@example.org" in second_editor_client.get(participants_url).text


def test_editor_registers_participants_from_a_csv_of_emails(second_editor_client, past_event, participants_url):
    ana = MembershipFactory(vetted=True, user__email="ana@example.org").user
    luis = MembershipFactory(vetted=True, user__email="luis@example.org").user
    upload = SimpleUploadedFile("participants.csv", b"email\nana@example.org\nLUIS@example.org\n", "text/csv")
    response = second_editor_client.post(participants_url, {"action": "register", "register-csv_file": upload})
    assert response.status_code == 302
    assert past_event.is_participant(ana) and past_event.is_participant(luis)


def post_list(client, url, csv_text=None, pasted="", members=(), language="en"):
    """Register through the participants screen, as an editor reading the admin in ``language``."""
    data = {"action": "register", "register-emails": pasted, "register-members": [member.pk for member in members]}
    if csv_text is not None:
        data["register-csv_file"] = SimpleUploadedFile("participants.csv", csv_text.encode(), "text/csv")
    return client.post(url, data, follow=True, HTTP_ACCEPT_LANGUAGE=language)


def errors_of(response, field):
    return [str(error) for error in response.context["register_form"].errors.get(field, [])]


def test_csv_with_an_unknown_address_names_the_line_and_registers_nobody(
    second_editor_client, past_event, participants_url
):
    MembershipFactory(vetted=True, user__email="ana@example.org")
    response = post_list(second_editor_client, participants_url, "ana@example.org\nnobody@example.org\n")
    assert errors_of(response, "csv_file") == [
        "line 2: no member has the address nobody@example.org: invite them below"
    ]
    assert "Nobody was registered" in response.text
    assert "line 2: no member has the address nobody@example.org" in response.text  # shown on the form
    assert not EventParticipant.objects.filter(event=past_event).exists()


def test_spanish_admin_names_the_line_in_spanish(second_editor_client, past_event, participants_url):
    response = post_list(second_editor_client, participants_url, "nobody@example.org\n", language="es")
    assert errors_of(response, "csv_file")[0].startswith("línea 1: ")


def test_every_bad_line_is_reported_with_the_line_the_editor_sees(second_editor_client, past_event, participants_url):
    MembershipFactory(vetted=True, user__email="ana@example.org")
    csv_text = (
        "Nombre,Correo electrónico,País\n"  # line 1: a header; the addresses are in its second column
        "Ana,ana@example.org,GT\n"
        "\n"  # blank lines count, as the editor's spreadsheet shows them
        '"Luis, the\nsecond",not-an-address,MX\n'  # a quoted value over lines 4 and 5: the row starts on line 4
        "Rosa,rosa@example.org,SV\n"
        "Juan,,HN\n"
        "Pedro,pedro@example.org,CR,extra\n"
    )
    response = post_list(second_editor_client, participants_url, csv_text)
    assert errors_of(response, "csv_file") == [
        "line 4: “not-an-address” is not a valid e-mail address",
        "line 6: no member has the address rosa@example.org: invite them below",
        "line 7: email: this field is required",
        "line 8: more values than columns",
    ]
    assert not EventParticipant.objects.filter(event=past_event).exists()


def test_pasted_list_and_file_each_count_their_own_lines(second_editor_client, past_event, participants_url):
    MembershipFactory(vetted=True, user__email="ana@example.org")
    MembershipFactory(vetted=True, user__email="luis@example.org")
    response = post_list(
        second_editor_client,
        participants_url,
        csv_text="email\nluis@example.org\nghost@example.org\n",
        pasted="ana@example.org\r\n\r\nnobody@example.org",  # as the browser sends a textarea
    )
    assert errors_of(response, "emails") == ["line 3: no member has the address nobody@example.org: invite them below"]
    assert errors_of(response, "csv_file") == ["line 3: no member has the address ghost@example.org: invite them below"]


def test_a_bad_line_registers_nobody_not_even_the_members_chosen_from_the_list(
    second_editor_client, past_event, participants_url
):
    chosen = MembershipFactory(vetted=True, user__email="chosen@example.org").user
    listed = MembershipFactory(vetted=True, user__email="listed@example.org").user
    response = post_list(
        second_editor_client, participants_url, "listed@example.org\nnobody@example.org\n", members=[chosen]
    )
    assert response.redirect_chain == []
    assert not past_event.is_participant(chosen) and not past_event.is_participant(listed)
    assert not chosen.groups.filter(pk=past_event.participants_group_id).exists()
    assert not EventParticipant.objects.exists()


def test_repeated_addresses_register_the_member_once(second_editor_client, past_event, participants_url):
    ana = MembershipFactory(vetted=True, user__email="ana@example.org").user
    luis = MembershipFactory(vetted=True, user__email="luis@example.org").user
    response = post_list(
        second_editor_client,
        participants_url,
        csv_text="email\nana@example.org\nANA@example.org \nluis@example.org\n",
        pasted="luis@example.org",
        members=[ana],
    )
    assert response.redirect_chain
    assert EventParticipant.objects.filter(event=past_event).count() == 2
    assert "2 participants registered." in response.text
    assert "already" not in response.text
    assert past_event.is_participant(ana) and past_event.is_participant(luis)


def test_members_registered_already_are_counted_apart(second_editor_client, past_event, participants_url):
    from events.participants import register

    ana = MembershipFactory(vetted=True, user__email="ana@example.org").user
    MembershipFactory(vetted=True, user__email="luis@example.org")
    register(past_event, ana)
    response = post_list(second_editor_client, participants_url, pasted="ana@example.org\nluis@example.org")
    assert "1 participants registered." in response.text
    assert "1 person listed was a participant already." in response.text
    assert EventParticipant.objects.filter(event=past_event).count() == 2


def test_addresses_match_whatever_their_case(second_editor_client, past_event, participants_url):
    from django.contrib.auth import get_user_model

    ana = MembershipFactory(vetted=True, user__email="ana@example.org").user
    get_user_model().objects.filter(pk=ana.pk).update(email="Ana.Perez@Example.org")
    post_list(second_editor_client, participants_url, pasted="ana.perez@EXAMPLE.org")
    assert past_event.is_participant(ana)


def test_a_file_whose_first_line_is_empty_is_reported_on_line_one(second_editor_client, past_event, participants_url):
    MembershipFactory(vetted=True, user__email="ana@example.org")
    response = post_list(second_editor_client, participants_url, "\nana@example.org\n")
    assert errors_of(response, "csv_file") == [
        "line 1: no e-mail address in the first column, and no column titled “email” or “correo”"
    ]
    assert not EventParticipant.objects.exists()


def test_an_unreadable_file_registers_nobody(second_editor_client, past_event, participants_url):
    MembershipFactory(vetted=True, user__email="ana@example.org")
    response = post_list(second_editor_client, participants_url, "ana@example.org\n" + "x" * 140_000 + "\n")
    [error] = errors_of(response, "csv_file")
    assert "not valid CSV (field larger than field limit (131072))" in error
    assert not EventParticipant.objects.exists()


def test_an_unreadable_line_is_reported_on_its_own_line(second_editor_client, past_event, participants_url):
    MembershipFactory(vetted=True, user__email="ana@example.org")
    response = post_list(second_editor_client, participants_url, "ana@example.org\n" + "x" * 140_000 + "\n")
    assert errors_of(response, "csv_file") == ["line 2: not valid CSV (field larger than field limit (131072))"]


def test_checking_a_list_costs_the_same_queries_whatever_its_length(second_editor_client, past_event, participants_url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for size in (2, 40):
        csv_text = "".join(f"nobody{number}@example.org\n" for number in range(size))
        with CaptureQueriesContext(connection) as queries:
            post_list(second_editor_client, participants_url, csv_text)
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_a_member_cannot_open_the_participants_screen(member_client, participants_url):
    response = member_client.get(participants_url)
    assert response.status_code in (302, 403)


def test_invitation_sends_a_personal_link_and_the_invitee_takes_part_once_vetted(
    second_editor_client, past_event, participants_url
):
    from django.utils import timezone

    from members import vetting

    response = second_editor_client.post(
        participants_url,
        {"action": "invite", "invite-email": "new@example.org", "invite-first_name": "Rosa", "invite-language": "en"},
    )
    assert response.status_code == 302
    event_invitation = EventInvitation.objects.get(event=past_event)
    invitation = event_invitation.invitation
    assert invitation.invited_by == second_editor_client.user
    assert mail.outbox[-1].to == ["new@example.org"]
    assert invitation.token in mail.outbox[-1].body

    # The invitee applies through the members' invitation path; accepting marks the invitation.
    newcomer = MembershipFactory(user__email="new@example.org")
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    # An applicant is not a participant yet, nor in the group Wagtail's page and collection privacy checks.
    assert not past_event.is_participant(newcomer.user)
    assert not newcomer.user.groups.filter(pk=past_event.participants_group_id).exists()
    assert "new@example.org" in second_editor_client.get(participants_url).text  # "applied, waiting for vetting"

    vetting.approve(newcomer, by=second_editor_client.user)
    assert past_event.is_participant(newcomer.user)
    assert newcomer.user.groups.filter(pk=past_event.participants_group_id).exists()


def test_a_vetted_member_who_accepts_an_invitation_takes_part_at_once(second_editor_client, past_event):
    from django.utils import timezone

    from events.admin_views import invite
    from events.forms import InviteParticipantForm

    member = MembershipFactory(vetted=True, user__email="known@example.org").user
    form = InviteParticipantForm({"email": "Known@example.org", "language": "es"})
    assert form.is_valid()
    invitation, _sent = invite(past_event, form, second_editor_client.user)
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    assert past_event.is_participant(member)
    assert member.groups.filter(pk=past_event.participants_group_id).exists()


def test_the_event_editor_links_to_the_participants_screen(second_editor_client, past_event, participants_url):
    response = second_editor_client.get(reverse("wagtailadmin_pages:edit", args=[past_event.pk]))
    assert response.status_code == 200
    assert participants_url in response.text


def test_editor_sees_replies_to_moderate_in_the_admin(second_editor_client):
    assert second_editor_client.get(reverse("event_replies:index")).status_code == 200
    assert second_editor_client.get(reverse("event_contributions:index")).status_code == 200
