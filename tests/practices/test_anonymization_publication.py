"""No route publishes a library item while personal data in it is unresolved; purging old revisions on publish.

Routes: a revision published directly (what every admin view and ``revision.publish()`` do), the workflow's
final approval, ``publish_scheduled`` and ``import_practices``.
"""

import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Revision, TaskState, WorkflowState

from practices.anonymization.workflow import PersonalDataBlocksPublication
from practices.factories import CaseStudyPageFactory
from practices.models import CaseStudyPage, FindingStatus, PersonalDataFinding
from practices.workflow import ensure_library_workflow

NAMED = "<p>La víctima, María Fernanda López, declaró ante la Fiscalía General de la República.</p>"
CLEAN = "<p>Víctima A declaró ante la Fiscalía General de la República.</p>"


def draft(library, body=NAMED, slug="borrador", **kwargs):
    return CaseStudyPageFactory(parent=library["es"], slug=slug, publish=False, body=[("paragraph", body)], **kwargs)


def test_a_revision_with_personal_data_is_never_published(library):
    page = draft(library)
    with pytest.raises(PersonalDataBlocksPublication):
        page.get_latest_revision().publish()
    page.refresh_from_db()
    assert not page.live
    assert page.live_revision is None


def test_a_clean_revision_is_published(library):
    page = draft(library, body=CLEAN)
    page.get_latest_revision().publish()
    page.refresh_from_db()
    assert page.live


def test_a_dismissed_finding_no_longer_blocks_publication(library):
    page = draft(library)
    PersonalDataFinding.objects.filter(page=page).update(status=FindingStatus.DISMISSED, reason="Seudónimo.")
    page.get_latest_revision().publish()
    page.refresh_from_db()
    assert page.live


def test_workflow_approval_cannot_publish_text_that_names_a_directory_member(library):
    """A name dismissed as a public official's passed the check; then that person joined the directory."""
    from members.factories import MembershipFactory

    editor = MembershipFactory(vetted=True, user__email="editor@example.org").user
    page = draft(library, body="<p>Coordinó el equipo Tunkul Balam.</p>")
    PersonalDataFinding.objects.filter(page=page).update(status=FindingStatus.DISMISSED, reason="Funcionario público.")
    state = ensure_library_workflow().start(page, user=editor)
    assert state.current_task_state.task.name == "Editor review"
    MembershipFactory(vetted=True, user__first_name="Tunkul", user__last_name="Balam")

    review = state.current_task_state
    with pytest.raises(PersonalDataBlocksPublication):
        review.task.specific.on_action(review, editor, "approve")
    page.refresh_from_db()
    assert not page.live
    assert TaskState.objects.get(pk=review.pk).status == TaskState.STATUS_IN_PROGRESS
    assert WorkflowState.objects.get(pk=state.pk).status == WorkflowState.STATUS_IN_PROGRESS


def test_publish_scheduled_skips_an_item_with_personal_data_and_publishes_the_others(library):
    past = timezone.now() - datetime.timedelta(minutes=5)
    blocked, clean = draft(library), draft(library, body=CLEAN, slug="limpio")
    for page in (blocked, clean):
        Revision.objects.filter(pk=page.latest_revision_id).update(approved_go_live_at=past)

    call_command("publish_scheduled", stdout=io.StringIO())

    blocked.refresh_from_db()
    clean.refresh_from_db()
    assert not blocked.live
    assert clean.live
    assert blocked.get_latest_revision().approved_go_live_at is None, "the schedule is withdrawn, not retried"
    assert PersonalDataFinding.objects.filter(page=blocked, status=FindingStatus.OPEN).exists()


def item_line(slug, body):
    return json.dumps(
        {
            "slug": slug,
            "kind": "case_study",
            "language": "es",
            "title": "Entrega vigilada entre México y Guatemala",
            "summary": "Una red trasladaba migrantes por la frontera sur.",
            "body": body,
            "countries": ["MX", "GT"],
            "crime_types": ["smuggling_of_migrants"],
            "year": 2021,
            "visibility": "public",
        },
        ensure_ascii=False,
    )


def test_import_keeps_items_with_personal_data_as_drafts_in_review_and_lists_them(library, tmp_path):
    path = tmp_path / "items.jsonl"
    lines = [
        item_line("con-nombre", "El testigo, Juan Carlos Pérez, declaró.\n\nLlamaba al +502 5555 1234."),
        item_line("sin-nombre", "Testigo B declaró por videoconferencia."),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = io.StringIO()
    call_command("import_practices", str(path), stdout=out, stderr=io.StringIO())

    named = CaseStudyPage.objects.get(slug="con-nombre", alias_of__isnull=True)
    assert not named.live
    assert named.workflow_states.exclude(status=WorkflowState.STATUS_CANCELLED).exists()
    assert {f.text for f in PersonalDataFinding.objects.filter(page=named, status=FindingStatus.OPEN)} >= {
        "Juan Carlos Pérez"
    }
    assert CaseStudyPage.objects.get(slug="sin-nombre", alias_of__isnull=True).live
    summary = out.getvalue()
    assert "con-nombre" in summary.split("Awaiting review")[-1]
    assert "sin-nombre" not in summary.split("Awaiting review")[-1]


def revisions_of(page):
    return Revision.objects.for_instance(page).count()


def edited_three_times(library):
    page = draft(library, body=NAMED)
    page.body = [("paragraph", CLEAN)]
    page.save_revision()
    page.title = "Caso de prueba, versión final"
    page.save_revision()
    return page


def test_older_revisions_are_kept_on_publish_by_default(library):
    page = edited_three_times(library)
    page.get_latest_revision().publish()
    assert revisions_of(page) == 3


def test_older_revisions_are_purged_on_publish_when_the_site_asks(library, settings):
    settings.ENLACE_PURGE_REVISIONS_ON_PUBLISH = True
    page = edited_three_times(library)
    latest = page.get_latest_revision()
    latest.publish()
    assert list(Revision.objects.for_instance(page)) == [latest]
    assert "María Fernanda López" not in json.dumps([r.content for r in Revision.objects.for_instance(page)])
    assert not PersonalDataFinding.objects.filter(page=page, status=FindingStatus.FIXED).exists()
