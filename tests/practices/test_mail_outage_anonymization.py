"""An item with personal data goes back to its author during a mail server outage; the list reaches them later.

The anonymization check's e-mail goes through the members' outbox (``members.OutgoingEmail``), as in
tests/members/test_mail_outage.py: a real SMTP backend on a closed port, then the server back and the periodic retry.
"""

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import TaskState, WorkflowState

from members.models import OutgoingEmail
from practices.anonymization.workflow import CHECK_TASK_NAME
from practices.models import CaseStudyPage
from tests import mail_outage as outage
from tests.practices.test_anonymization_workflow import case_study_form

pytestmark = pytest.mark.django_db


def submit_named_victim(library, client):
    create = reverse("wagtailadmin_pages:add", args=("practices", "casestudypage", library["es"].pk))
    response = client.post(create, case_study_form(**{"action-submit": "action-submit"}))
    assert response.status_code == 302
    return CaseStudyPage.objects.get(slug="caso-de-prueba", alias_of__isnull=True)


def test_during_an_outage_the_item_still_comes_back_with_changes_requested_and_the_list_waits(
    library, editor_client, mail_server_down
):
    page = submit_named_victim(library, editor_client)

    state = WorkflowState.objects.get(object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    check = state.current_task_state
    assert (check.task.name, check.status) == (CHECK_TASK_NAME, TaskState.STATUS_REJECTED)
    assert "María Fernanda López" in check.comment
    assert not page.live
    waiting = OutgoingEmail.objects.get()
    assert (waiting.status, waiting.to, waiting.user) == ("pending", editor_client.user.email, editor_client.user)
    assert waiting.template == "practices/anonymization/email/changes_requested"

    outage.server_is_back(mail_server_down)
    outage.retry()

    assert [message.to for message in mail.outbox] == [[editor_client.user.email]]
    assert "María Fernanda López" in mail.outbox[0].body
    assert reverse("wagtailadmin_pages:edit", args=[page.pk]) in mail.outbox[0].body


def test_with_the_server_up_the_author_gets_the_list_at_once_in_their_language(library, editor_client):
    membership = editor_client.user.membership
    membership.language = "en"
    membership.save(update_fields=["language"])

    page = submit_named_victim(library, editor_client)

    [message] = mail.outbox
    assert message.to == [editor_client.user.email]
    assert message.subject == f"Personal data to resolve in “{page.title}”"
    assert "Person name: “María Fernanda López”" in message.body  # the finding's kind in English too
    assert OutgoingEmail.objects.get().status == "sent"
