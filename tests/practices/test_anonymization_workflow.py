"""The anonymization check in the library: the workflow task, the stored findings, fixing and dismissing them.

Acts through the real Wagtail admin views (the editor's panel, the dismissal page, the workflow submission).
"""

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import PageLogEntry, TaskState, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from practices.anonymization.workflow import CHECK_TASK_NAME, scan_page
from practices.factories import CaseStudyPageFactory
from practices.models import CaseStudyPage, FindingStatus, PersonalDataFinding
from practices.workflow import EDITOR_REVIEW_TASK_NAME, ensure_library_workflow, task_names

NAMED = "<p>La víctima, María Fernanda López, declaró ante la Fiscalía General de la República.</p>"
CLEAN = "<p>Víctima A declaró ante la Fiscalía General de la República.</p>"


def case_study_form(body=NAMED, title="Caso de prueba", **extra):
    data = {
        "title": title,
        "slug": "caso-de-prueba",
        "summary": "Una red de trata entre Guatemala y México.",
        "body": streamfield([("paragraph", rich_text(body))]),
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


@pytest.fixture
def draft(library):
    """A never-published case study naming a victim."""
    return CaseStudyPageFactory(parent=library["es"], slug="borrador", publish=False, body=[("paragraph", NAMED)])


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def open_findings(page):
    return list(PersonalDataFinding.objects.filter(page=page, status=FindingStatus.OPEN).values_list("kind", "text"))


def test_anonymization_check_is_the_first_task_of_the_library_review(library):
    names = task_names(ensure_library_workflow())
    assert names == [CHECK_TASK_NAME, EDITOR_REVIEW_TASK_NAME]


def test_saving_a_draft_stores_each_finding_with_its_context(draft):
    finding = PersonalDataFinding.objects.get(page=draft)
    assert (finding.kind, finding.text, finding.field) == ("person_name", "María Fernanda López", "body")
    assert finding.context_match == "María Fernanda López"
    assert finding.context_before.endswith("La víctima, ")


def test_editor_sees_each_finding_highlighted_in_context_with_its_kind(draft, editor_client):
    html = editor_client.get(edit_url(draft)).content.decode()
    assert "<mark>María Fernanda López</mark>" in html
    assert "Nombre de persona" in html
    assert reverse("anonymization_dismiss", args=[PersonalDataFinding.objects.get(page=draft).pk]) in html


def test_panel_escapes_the_text_around_a_finding(library, editor_client):
    page = CaseStudyPageFactory(
        parent=library["es"],
        slug="escape",
        publish=False,
        summary='<script>alert("x")</script> El testigo, Juan Carlos Pérez, <b>declaró</b>.',
    )
    html = editor_client.get(edit_url(page)).content.decode()
    assert "<mark>Juan Carlos Pérez</mark>" in html
    assert "&lt;b&gt;declaró&lt;/b&gt;" in html
    assert '<script>alert("x")</script>' not in html


def test_fixing_the_text_in_the_editor_clears_the_finding(draft, editor_client):
    editor_client.post(edit_url(draft), case_study_form(body=CLEAN, slug="borrador"))
    finding = PersonalDataFinding.objects.get(page=draft)
    assert finding.status == FindingStatus.FIXED
    assert finding.context == ""
    assert "<mark>" not in editor_client.get(edit_url(draft)).content.decode()


def test_text_found_again_after_a_fix_is_open_again(draft):
    draft.body = [("paragraph", CLEAN)]
    draft.save_revision()
    draft.body = [("paragraph", NAMED)]
    draft.save_revision()
    assert open_findings(draft) == [("person_name", "María Fernanda López")]


def test_editor_dismisses_a_finding_with_a_reason_and_it_stops_blocking(draft, editor_client):
    finding = PersonalDataFinding.objects.get(page=draft)
    url = reverse("anonymization_dismiss", args=[finding.pk])
    page = editor_client.get(url)
    assert page.status_code == 200
    assert "<mark>María Fernanda López</mark>" in page.content.decode()

    response = editor_client.post(url, {"reason": "Es el seudónimo ficticio que usa la sentencia."})
    assert response.status_code == 302
    assert response.url == edit_url(draft)
    finding.refresh_from_db()
    assert finding.status == FindingStatus.DISMISSED
    assert finding.dismissed_by == editor_client.user
    assert finding.dismissed_at is not None
    assert finding.reason == "Es el seudónimo ficticio que usa la sentencia."
    history = PageLogEntry.objects.get(page=draft, action="practices.personal_data.dismiss")
    assert history.data["text"] == "María Fernanda López"
    assert history.user == editor_client.user

    # The dismissal holds on the next scan of the same words.
    draft.title = "Caso de prueba (revisado)"
    draft.save_revision()
    assert open_findings(draft) == []
    html = editor_client.get(edit_url(draft)).content.decode()
    assert "<mark>" not in html
    assert "Es el seudónimo ficticio que usa la sentencia." in html


def test_dismissal_needs_a_reason(draft, editor_client):
    finding = PersonalDataFinding.objects.get(page=draft)
    response = editor_client.post(reverse("anonymization_dismiss", args=[finding.pk]), {"reason": ""})
    assert response.status_code == 200
    finding.refresh_from_db()
    assert finding.status == FindingStatus.OPEN


@pytest.mark.parametrize("role", ["member", "vetter"])
def test_only_editors_may_dismiss_a_finding(draft, role, client_as):
    finding = PersonalDataFinding.objects.get(page=draft)
    response = client_as(role).post(reverse("anonymization_dismiss", args=[finding.pk]), {"reason": "No es nadie."})
    assert response.status_code in (302, 403)
    finding.refresh_from_db()
    assert finding.status == FindingStatus.OPEN


def test_dismissal_never_redirects_off_site(draft, editor_client):
    finding = PersonalDataFinding.objects.get(page=draft)
    url = reverse("anonymization_dismiss", args=[finding.pk]) + "?next=https://evil.example/"
    response = editor_client.post(url, {"reason": "Nombre de una institución."})
    assert response.url == edit_url(draft)


def test_submitting_an_item_with_personal_data_sends_it_back_to_the_author_with_the_list(library, editor_client):
    create = reverse("wagtailadmin_pages:add", args=("practices", "casestudypage", library["es"].pk))
    editor_client.post(create, case_study_form(**{"action-submit": "action-submit"}))
    page = CaseStudyPage.objects.get(slug="caso-de-prueba", alias_of__isnull=True)
    state = WorkflowState.objects.get(object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    check = state.current_task_state
    assert check.task.name == CHECK_TASK_NAME
    assert check.status == TaskState.STATUS_REJECTED
    assert "María Fernanda López" in check.comment
    assert "Nombre de persona" in check.comment
    assert not page.live
    to_author = [message for message in mail.outbox if editor_client.user.email in message.to]
    assert to_author and "María Fernanda López" in to_author[-1].body


def test_a_clean_item_passes_the_check_and_waits_for_the_editors(library, editor_client):
    create = reverse("wagtailadmin_pages:add", args=("practices", "casestudypage", library["es"].pk))
    editor_client.post(create, case_study_form(body=CLEAN, **{"action-submit": "action-submit"}))
    page = CaseStudyPage.objects.get(slug="caso-de-prueba", alias_of__isnull=True)
    state = WorkflowState.objects.get(object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.current_task_state.task.name == EDITOR_REVIEW_TASK_NAME
    assert TaskState.objects.get(workflow_state=state, task__name=CHECK_TASK_NAME).status == TaskState.STATUS_APPROVED


def test_resubmitting_after_a_fix_passes_the_check(library, editor_client):
    create = reverse("wagtailadmin_pages:add", args=("practices", "casestudypage", library["es"].pk))
    editor_client.post(create, case_study_form(**{"action-submit": "action-submit"}))
    page = CaseStudyPage.objects.get(slug="caso-de-prueba", alias_of__isnull=True)
    editor_client.post(edit_url(page), case_study_form(body=CLEAN, **{"action-submit": "action-submit"}))
    state = WorkflowState.objects.filter(object_id=str(page.pk)).order_by("-created_at").first()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.current_task_state.task.name == EDITOR_REVIEW_TASK_NAME


def test_every_text_of_the_item_is_scanned(library):
    page = CaseStudyPageFactory(
        parent=library["es"],
        slug="todo",
        publish=False,
        title="Juan Carlos Pérez contra el Estado",
        summary="Resumen sin datos.",
        body=[
            ("heading", {"text": "Declaración de la testigo Ana Lucía Morales", "level": "h2"}),
            ("quote", {"quote": "Nadie nos ayudó.", "attribution": "la víctima, Rosa Elena Castillo"}),
            ("lessons_learned", {"title": "", "lessons": ["Llamar al +502 5555 1234 no es buena idea."]}),
            ("checklist", {"title": "", "items": ["Escribir a testigo@example.org"]}),
            (
                "table",
                {"data": [["Apodo", "Nota"], ["Le decían alias «El Chino»", "-"]], "first_row_is_table_header": True},
            ),
        ],
        lessons="<p>El agente encubierto, Pedro Antonio Ramírez, fue clave.</p>",
        sources="<p>Sentencia de la causa penal 45/2018-III.</p>",
        elements_of_success="<p>El detective Luis Alberto Herrera coordinó.</p>",
        challenges="<p>La víctima, Carmen Julia Ortiz, fue amenazada.</p>",
    )
    found = {(o.field, o.text) for o in scan_page(page.get_latest_revision_as_object())}
    assert ("title", "Juan Carlos Pérez") in found
    assert ("body", "Ana Lucía Morales") in found
    assert ("body", "Rosa Elena Castillo") in found
    assert ("body", "testigo@example.org") in found
    assert any(field == "body" and "5555" in text for field, text in found)
    assert ("body", "El Chino") in found
    assert ("lessons", "Pedro Antonio Ramírez") in found
    assert ("sources", "45/2018-III") in found
    assert ("elements_of_success", "Luis Alberto Herrera") in found
    assert ("challenges", "Carmen Julia Ortiz") in found


def test_directory_members_names_are_found(library):
    from members.factories import MembershipFactory

    MembershipFactory(vetted=True, consent_listed=True, user__first_name="Xóchitl", user__last_name="Tzul")
    page = CaseStudyPageFactory(
        parent=library["es"], slug="miembro", publish=False, body=[("paragraph", "<p>Coordinó xochitl tzul.</p>")]
    )
    assert ("member_name", "xochitl tzul") in open_findings(page)


def test_panel_lists_a_name_that_joined_the_directory_after_the_draft_was_saved(library, editor_client):
    from members.factories import MembershipFactory

    page = CaseStudyPageFactory(
        parent=library["es"], slug="despues", publish=False, body=[("paragraph", "<p>Coordinó tunkul balam.</p>")]
    )
    assert "<mark>" not in editor_client.get(edit_url(page)).content.decode()
    MembershipFactory(vetted=True, user__first_name="Tunkul", user__last_name="Balam")
    assert "<mark>tunkul balam</mark>" in editor_client.get(edit_url(page)).content.decode()


def test_scanning_reads_the_directory_once_per_run(library, django_assert_max_num_queries):
    from members.factories import MembershipFactory

    for number in range(5):
        MembershipFactory(vetted=True, user__first_name=f"Nombre{number}", user__last_name="Apellido")
    pages = [
        CaseStudyPageFactory(parent=library["es"], slug=f"p{n}", publish=False, body=[("paragraph", CLEAN)])
        for n in range(3)
    ]
    objects = [page.get_latest_revision_as_object() for page in pages]
    with django_assert_max_num_queries(2 * len(objects) + 2):
        for page in objects:
            scan_page(page)


def test_the_panel_costs_the_same_queries_whatever_the_number_of_findings(library, editor_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries_for(slug, names):
        text = " ".join(f"<p>La víctima, {name}, declaró.</p>" for name in names)
        page = CaseStudyPageFactory(parent=library["es"], slug=slug, publish=False, body=[("paragraph", text)])
        dismissed = (
            PersonalDataFinding.objects.filter(page=page)
            .exclude(text=names[0])
            .update(status=FindingStatus.DISMISSED, dismissed_by=editor_client.user, reason="Seudónimo.")
        )
        assert dismissed == len(names) - 1
        editor_client.get(edit_url(page))  # warm the caches (content types, the directory's names)
        with CaptureQueriesContext(connection) as queries:
            html = editor_client.get(edit_url(page)).content.decode()
        assert html.count("<mark>") == 1
        return len(queries)

    one = queries_for("uno", ["María Fernanda López"])
    many = queries_for(
        "muchos", ["María Fernanda López", "Juan Carlos Pérez", "Ana Lucía Morales", "Rosa Elena Castillo"]
    )
    assert many == one
