"""Demo content of the library: an index in each language tree and a fictional corpus of case studies and good
practices, loaded from ``practices/fixtures/demo_practices.jsonl`` through the same code as ``import_practices``.

Everything is fictional: victims and defendants appear only as pseudonyms ("Víctima A") or counts. Idempotent:
items already in the library are left as they are.
"""

from importlib import import_module
from pathlib import Path

from django.contrib.auth.models import Group
from django.db import transaction
from wagtail.models import Locale

from home.models import HomePage
from members.access import Visibility
from practices.library_import import LibraryImport
from practices.models import CrimeType, ExploitationForm, LibraryIndexPage, LibraryItemPage, Technique, Theme
from practices.workflow import ensure_library_workflow

CORPUS = Path(__file__).parent / "fixtures" / "demo_practices.jsonl"

INDEXES = {
    "es": {
        "title": "Biblioteca de prácticas",
        "slug": "biblioteca",
        "intro": "<p>Casos anonimizados y buenas prácticas de investigación transnacional, revisados por editores.</p>",
    },
    "en": {
        "title": "Practices library",
        "slug": "library",
        "intro": "<p>Anonymized case studies and good practices in transnational investigation, reviewed by "
        "editors.</p>",
    },
}

# Items restricted to named groups (the import format only knows public and members).
GROUP_RESTRICTED = {
    "servidumbre-domestica-el-salvador": "Working group: victim protection",
    "extraccion-organos-cooperacion": "Working group: financial investigation",
    "case-management-multiple-jurisdictions": "Participants: regional course on joint investigation teams",
}

# Items that are translations of each other (Spanish, English).
TRANSLATIONS = [("entrega-vigilada-frontera-sur", "controlled-delivery-southern-border")]


def ensure_taxonomy(report):
    """The taxonomy terms of the data migration, in case the database was emptied since it ran (tests do)."""
    terms = import_module("practices.migrations.0002_taxonomy_terms")
    for model, rows in (
        (CrimeType, terms.CRIME_TYPES),
        (ExploitationForm, terms.EXPLOITATION_FORMS),
        (Technique, terms.TECHNIQUES),
        (Theme, terms.THEMES),
    ):
        for order, (slug, name_es, name_en) in enumerate(rows, start=1):
            _term, created = model.objects.get_or_create(
                slug=slug, defaults={"name_es": name_es, "name_en": name_en, "sort_order": order}
            )
            report.count(created, f"{model._meta.verbose_name} {slug}")


def ensure_indexes(report):
    indexes = {}
    for code, content in INDEXES.items():
        locale = Locale.objects.get(language_code=code)
        index_page = LibraryIndexPage.objects.filter(locale=locale).first()
        if index_page is None:
            home = HomePage.objects.get(locale=locale)
            index_page = home.add_child(instance=LibraryIndexPage(locale=locale, **content))
            index_page.save_revision().publish()
            report.count(True, f"library index ({code})")
        indexes[code] = index_page
    spanish, english = indexes["es"], indexes["en"]
    if english.translation_key != spanish.translation_key:
        LibraryIndexPage.objects.filter(pk=english.pk).update(translation_key=spanish.translation_key)
        report.count(True, "library indexes linked as translations")
    return indexes


@transaction.atomic
def seed(report, **options):
    """Create the library indexes, the review workflow and the demo corpus, once."""
    ensure_taxonomy(report)
    ensure_indexes(report)
    ensure_library_workflow()

    library_import = LibraryImport(CORPUS, skip_existing=True)
    library_import.validate()
    library_import.run.raise_if_errors()
    if library_import.items:
        summary = library_import.write()
        report.add(summary.created, "library items (case studies and good practices)")

    for slug, group_name in GROUP_RESTRICTED.items():
        group, created = Group.objects.get_or_create(name=group_name)
        report.count(created, f"group {group_name}")
        item = LibraryItemPage.objects.filter(slug=slug, alias_of__isnull=True).first()
        if item is not None and item.visibility != Visibility.GROUPS:
            item = item.specific
            item.visibility = Visibility.GROUPS
            item.restricted_to_groups.set([group])
            item.save_revision().publish()
            report.count(True, f"{slug} restricted to {group_name}")

    for spanish_slug, english_slug in TRANSLATIONS:
        spanish = LibraryItemPage.objects.filter(slug=spanish_slug, alias_of__isnull=True).first()
        english = LibraryItemPage.objects.filter(slug=english_slug, alias_of__isnull=True).first()
        if spanish and english and spanish.translation_key != english.translation_key:
            LibraryItemPage.objects.filter(pk=english.pk).update(translation_key=spanish.translation_key)
            report.count(True, f"{english_slug} linked as the translation of {spanish_slug}")
