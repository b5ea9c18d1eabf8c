"""``manage.py import_practices``: the happy path, idempotence, all-or-nothing, and each error with its line."""

import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation
from wagtail.models import WorkflowState

from practices.models import CaseStudyPage, GoodPracticePage, LibraryItemPage


@pytest.fixture(autouse=True)
def english_operator():
    """The command speaks the operator's language; these tests read its English messages."""
    with translation.override("en"):
        yield


def item(**overrides):
    data = {
        "slug": "entrega-vigilada-mx-gt",
        "kind": "case_study",
        "language": "es",
        "title": "Entrega vigilada entre México y Guatemala",
        "summary": "Una red trasladaba migrantes por la frontera sur.",
        "body": "Primer párrafo del caso.\n\nSegundo párrafo, con Víctima A.",
        "countries": ["MX", "GT"],
        "crime_types": ["smuggling_of_migrants"],
        "year": 2021,
        "visibility": "public",
        "themes": ["trafficking_vs_smuggling"],
        "techniques": ["controlled_delivery", "mla_request"],
        "outcome": "conviction",
        "lessons": "Coordinar antes de actuar.",
    }
    data.update(overrides)
    return data


@pytest.fixture
def jsonl(tmp_path):
    def write(*lines):
        path = tmp_path / "items.jsonl"
        path.write_text(
            "\n".join(line if isinstance(line, str) else json.dumps(line, ensure_ascii=False) for line in lines) + "\n",
            encoding="utf-8",
        )
        return str(path)

    return write


def run(path, *args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_practices", path, *args, stdout=out, stderr=err)
    return out.getvalue()


def run_failing(path):
    err = io.StringIO()
    with pytest.raises(CommandError) as failure:
        call_command("import_practices", path, stdout=io.StringIO(), stderr=err)
    return err.getvalue(), str(failure.value)


def test_import_creates_and_publishes_items_with_their_taxonomy(library, jsonl):
    path = jsonl(
        item(),
        item(slug="guia-solicitud-mla", kind="good_practice", language="en", title="MLA request guide", outcome=None),
    )
    output = run(path)
    case = CaseStudyPage.objects.get(slug="entrega-vigilada-mx-gt")
    assert case.live
    assert case.get_parent().specific == library["es"]
    assert sorted(case.countries.values_list("code", flat=True)) == ["GT", "MX"]
    assert list(case.techniques.order_by("slug").values_list("slug", flat=True)) == [
        "controlled_delivery",
        "mla_request",
    ]
    assert [block.block_type for block in case.body] == ["paragraph", "paragraph"]
    assert "Víctima A" in str(case.body[1].value)
    assert case.outcome == "conviction"
    guide = GoodPracticePage.objects.get(slug="guia-solicitud-mla")
    assert guide.get_parent().specific == library["en"] and guide.outcome == "not_applicable"
    assert "Published: 2" in output and "Awaiting review: 0" in output


def test_import_is_idempotent_and_a_reimport_makes_a_new_revision(library, jsonl):
    run(jsonl(item()))
    case = CaseStudyPage.objects.get(slug="entrega-vigilada-mx-gt")
    revisions = case.revisions.count()
    output = run(jsonl(item(title="Entrega vigilada (actualizado)")))
    assert LibraryItemPage.objects.count() == 1
    case.refresh_from_db()
    assert case.title == "Entrega vigilada (actualizado)"
    assert case.revisions.count() == revisions + 1
    assert "0 new, 1 updated" in output


def test_import_rejects_invalid_json_with_line_number_and_imports_nothing(library, jsonl):
    errors, message = run_failing(jsonl(item(), "{not json", item(slug="otro-caso")))
    assert "line 2" in errors and "JSON" in errors
    assert "nothing was imported" in message
    assert not LibraryItemPage.objects.exists()


def test_import_rejects_unknown_country_with_line_number(library, jsonl):
    errors, _ = run_failing(jsonl(item(), item(slug="otro", countries=["MX", "XX"])))
    assert "line 2: countries: unknown code(s): XX" in errors
    assert not LibraryItemPage.objects.exists()


def test_import_rejects_unknown_taxonomy_slug_with_line_number(library, jsonl):
    errors, _ = run_failing(jsonl(item(themes=["no_such_theme"])))
    assert "line 1: themes: unknown code(s): no_such_theme" in errors


def test_import_rejects_missing_required_fields_each_with_line_number(library, jsonl):
    incomplete = item(slug="sin-resumen")
    del incomplete["summary"]
    errors, message = run_failing(jsonl(item(), item(slug="sin-titulo", title=""), incomplete))
    assert "line 2: title: this field is required" in errors
    assert "line 3: summary: this field is required" in errors
    assert "2 errors" in message


def test_import_rejects_duplicate_slug_naming_the_first_line(library, jsonl):
    errors, _ = run_failing(jsonl(item(), item(title="Otro")))
    assert "line 2: slug: duplicate slug (first on line 1)" in errors


def test_import_rejects_unknown_kind_language_visibility_and_bad_year(library, jsonl):
    errors, _ = run_failing(jsonl(item(kind="webinar", language="fr", visibility="secret", year="dos mil")))
    for expected in (
        "line 1: kind:",
        "line 1: language:",
        "line 1: visibility:",
        "line 1: year: expected a whole number",
    ):
        assert expected in errors


def test_import_rejects_a_slug_already_used_by_another_kind(library, jsonl):
    run(jsonl(item()))
    errors, _ = run_failing(jsonl(item(kind="good_practice")))
    assert "line 1: kind: this slug belongs to an item of another kind" in errors


def test_dry_run_checks_the_file_and_writes_nothing(library, jsonl):
    output = run(jsonl(item(), item(slug="otro")), "--dry-run")
    assert "2 items would be created" in output
    assert not LibraryItemPage.objects.exists()


def test_large_file_reports_progress(library, jsonl):
    output = run(jsonl(*[item(slug=f"caso-{n}", title=f"Caso {n}") for n in range(250)]), "--dry-run")
    assert "125/250 (50%)" in output
    assert "250/250 (100%)" in output


def test_item_with_personal_data_is_imported_as_a_draft_awaiting_review(library, jsonl):
    named = item(slug="caso-con-nombre", summary="El testigo, Juan Carlos Pérez, declaró ante la fiscalía.")
    output = run(jsonl(item(), named))
    held = CaseStudyPage.objects.get(slug="caso-con-nombre")
    assert not held.live
    # Submitted to the review workflow, whose anonymization check sends it back to its author with the findings.
    assert WorkflowState.objects.filter(object_id=str(held.pk)).exists()
    assert CaseStudyPage.objects.get(slug="entrega-vigilada-mx-gt").live
    assert "Published: 1" in output and "Awaiting review: 1" in output
    assert "caso-con-nombre" in output
