"""The "Library review" workflow: its order, and that nobody publishes a library item without it.

Acts through the real Wagtail admin views, as an editor (the Editor role) and as a superuser.
"""

import pytest
from django.urls import reverse
from wagtail.models import Page, TaskState, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from practices.factories import CaseStudyPageFactory
from practices.models import CaseStudyPage
from practices.workflow import EDITOR_REVIEW_TASK_NAME, WORKFLOW_NAME, ensure_library_workflow, task_names


def case_study_form(title="Caso de prueba", slug="caso-de-prueba", **extra):
    data = {
        "title": title,
        "slug": slug,
        "summary": "Una red de tráfico entre Guatemala y México.",
        "body": streamfield(
            [("paragraph", rich_text("<p>La fiscalía y la policía coordinaron la investigación.</p>"))]
        ),
        "visibility": "members",
        "year": "2022",
        "outcome": "conviction",
        "lessons": rich_text(""),
        "sources": rich_text(""),
        "elements_of_success": rich_text(""),
        "challenges": rich_text(""),
        "party_aggregates": inline_formset([]),
        "attachments": inline_formset([]),
    }
    data.update(extra)
    return nested_form_data(data)


def create_url(parent):
    return reverse("wagtailadmin_pages:add", args=("practices", "casestudypage", parent.pk))


def test_library_review_ends_with_the_editor_review_and_applies_to_both_indexes(library):
    workflow = ensure_library_workflow()
    names = task_names(workflow)
    assert workflow.name == WORKFLOW_NAME
    assert names[-1] == EDITOR_REVIEW_TASK_NAME
    assert names.count(EDITOR_REVIEW_TASK_NAME) == 1
    for index_page in library.values():
        assert index_page.get_workflow() == workflow


def test_automated_checks_come_before_the_editor_review(library):
    """When the anonymization check is installed it is the first task; the editor always reviews last."""
    names = task_names(ensure_library_workflow())
    assert names.index(EDITOR_REVIEW_TASK_NAME) == len(names) - 1
    if "Anonymization check" in names:
        assert names[0] == "Anonymization check"


def test_running_ensure_again_changes_nothing(library):
    first = ensure_library_workflow()
    before = task_names(first)
    assert ensure_library_workflow() == first
    assert task_names(first) == before


@pytest.mark.parametrize("admin", ["editor_client", "admin_client"])
def test_nobody_can_publish_a_new_library_item_on_creation(admin, library, request):
    client = request.getfixturevalue(admin)
    response = client.post(create_url(library["es"]), case_study_form(**{"action-publish": "action-publish"}))
    assert response.status_code == 302
    page = CaseStudyPage.objects.get(slug="caso-de-prueba", alias_of__isnull=True)
    assert not page.live
    assert page.first_published_at is None


@pytest.mark.parametrize("admin", ["editor_client", "admin_client"])
def test_nobody_can_publish_an_existing_library_item_from_the_editor(admin, library, request):
    client = request.getfixturevalue(admin)
    page = CaseStudyPageFactory(parent=library["es"], slug="borrador", publish=False)
    edit = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    response = client.get(edit)
    assert response.status_code == 200
    assert 'name="action-publish"' not in response.content.decode()
    client.post(edit, case_study_form(slug="borrador", **{"action-publish": "action-publish"}))
    page.refresh_from_db()
    assert not page.live


def test_editor_cannot_bulk_publish_library_items(editor_client, library):
    page = CaseStudyPageFactory(parent=library["es"], slug="borrador", publish=False)
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish")) + f"?id={page.pk}"
    editor_client.post(url, {})
    page.refresh_from_db()
    assert not page.live


def test_submitted_item_is_published_only_when_an_editor_approves_it(editor_client, library):
    response = editor_client.post(create_url(library["es"]), case_study_form(**{"action-submit": "action-submit"}))
    assert response.status_code == 302
    page = CaseStudyPage.objects.get(slug="caso-de-prueba", alias_of__isnull=True)
    state = WorkflowState.objects.get(object_id=str(page.pk), status=WorkflowState.STATUS_IN_PROGRESS)
    assert not page.live
    assert state.current_task_state.task.name == EDITOR_REVIEW_TASK_NAME

    dashboard = editor_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Caso de prueba" in dashboard

    approve = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", state.current_task_state.pk))
    response = editor_client.post(approve, {"comment": ""})
    assert response.status_code in (200, 302), response.content.decode()[:3000]

    page.refresh_from_db()
    assert page.live
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED


def test_an_edit_during_review_requires_approval_again(editor_client, library):
    editor_client.post(create_url(library["es"]), case_study_form(**{"action-submit": "action-submit"}))
    page = CaseStudyPage.objects.get(slug="caso-de-prueba", alias_of__isnull=True)
    edit = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    editor_client.post(edit, case_study_form(title="Caso de prueba (corregido)"))
    state = WorkflowState.objects.get(object_id=str(page.pk))
    latest = Page.objects.get(pk=page.pk).get_latest_revision()
    approved_on_latest = TaskState.objects.filter(
        workflow_state=state, revision=latest, status=TaskState.STATUS_APPROVED
    )
    assert not approved_on_latest.exists()
    assert not Page.objects.get(pk=page.pk).live
