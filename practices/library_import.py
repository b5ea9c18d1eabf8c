"""Bulk import of library items from JSON Lines (``manage.py import_practices FILE.jsonl``).

One JSON object per line (the issue's format): ``slug`` (unique, in the URL), ``kind`` (``case_study`` |
``good_practice``), ``language`` (``es`` | ``en``), ``title``, ``summary``, ``body`` (plain text, paragraphs
separated by a blank line), ``countries`` (ISO alpha-2 codes), ``crime_types`` (slugs), ``year``,
``visibility`` (``public`` | ``members``); optional ``lessons`` (text), ``themes``, ``techniques``,
``exploitation_forms`` (taxonomy slugs) and ``outcome``.

Rules:

- Idempotent by slug: a slug already in the library updates that item with a new revision.
- All or nothing: the whole file is validated first (with :mod:`practices.importing`, every error with its
  line number), and written in one transaction only if no line has an error.
- Imported items go through the same checks as edited ones. :func:`findings_before_publication` is the hook:
  items without findings are published (the operator importing the file acts as the reviewer of a vetted
  corpus); items with findings are saved as drafts and submitted to the "Library review" workflow, where the
  anonymization check holds them until an editor resolves each finding.
"""

from dataclasses import dataclass, field
from importlib import import_module

from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _
from wagtail.models import Workflow

from members.access import Visibility
from network.models import Country
from practices.importing import ImportRun, Progress
from practices.models import (
    CaseStudyPage,
    CrimeType,
    ExploitationForm,
    GoodPracticePage,
    LibraryIndexPage,
    LibraryItemPage,
    Outcome,
    Technique,
    Theme,
)
from practices.workflow import WORKFLOW_NAME, ensure_library_workflow

KINDS = {"case_study": CaseStudyPage, "good_practice": GoodPracticePage}
LANGUAGES = {"es", "en"}
VISIBILITIES = {Visibility.PUBLIC.value, Visibility.MEMBERS.value}
FIRST_YEAR = 1990


@dataclass
class ItemData:
    """A validated line, ready to write."""

    line: int
    slug: str
    model: type
    language: str
    fields: dict
    relations: dict


@dataclass
class ImportSummary:
    created: int = 0
    updated: int = 0
    published: list = field(default_factory=list)
    awaiting_review: list = field(default_factory=list)


def findings_before_publication(item):
    """The anonymization findings that keep ``item`` from being published (empty: publish).

    The anonymization package fills this in by providing ``practices.anonymization.workflow.findings_for(item)``
    (an iterable of findings for the item's current, unsaved-revision content); until it exists there are none.
    """
    try:
        anonymization = import_module("practices.anonymization.workflow")
    except ModuleNotFoundError:
        return []
    return list(anonymization.findings_for(item))


def html_paragraphs(text):
    """Plain text with blank-line-separated paragraphs, as a list of escaped ``<p>`` elements (breaks kept)."""
    blocks = [block.strip() for block in (text or "").replace("\r\n", "\n").split("\n\n")]
    return [f"<p>{escape(block).replace(chr(10), '<br/>')}</p>" for block in blocks if block]


def body_blocks(text):
    """The body's paragraphs as StreamField paragraph blocks."""
    return [("paragraph", paragraph) for paragraph in html_paragraphs(text)]


class LibraryImport:
    """Validate a file of library items, then (unless ``dry_run``) write it in one transaction."""

    def __init__(self, path, stdout=None, file_format=None, skip_existing=False):
        """``skip_existing`` leaves items already in the library untouched (the demo loads its corpus once)."""
        self.path = path
        self.skip_existing = skip_existing
        self.stdout = stdout
        self.file_format = file_format
        self.run = ImportRun()
        self.items = []

    def validate(self):
        """Read and check every line; return the valid items (``self.run.errors`` holds every error)."""
        known = {
            "countries": set(Country.objects.values_list("code", flat=True)),
            "crime_types": set(CrimeType.objects.values_list("slug", flat=True)),
            "themes": set(Theme.objects.values_list("slug", flat=True)),
            "techniques": set(Technique.objects.values_list("slug", flat=True)),
            "exploitation_forms": set(ExploitationForm.objects.values_list("slug", flat=True)),
        }
        indexes = set(LibraryIndexPage.objects.values_list("locale__language_code", flat=True))
        first_line_of = {}
        run = self.run
        records = list(run.read(self.path, self.file_format))
        existing = {
            page.slug: page
            for page in LibraryItemPage.objects.filter(
                alias_of__isnull=True,
                slug__in=[r.data.get("slug") for r in records if isinstance(r.data.get("slug"), str)],
            ).select_related("locale", "content_type")
        }
        progress = Progress(len(records), self.stdout, label=_("Checking"))
        for done, record in enumerate(records, start=1):
            progress.advance(done)
            errors_before = len(run.errors)
            slug = run.require(record, "slug")
            if isinstance(slug, str):
                try:
                    validate_slug(slug)
                except ValidationError:
                    run.error(record.line, _("use only lowercase letters, digits, hyphens and underscores"), "slug")
                if slug in first_line_of:
                    run.error(
                        record.line,
                        _("duplicate slug (first on line %(line)d)") % {"line": first_line_of[slug]},
                        "slug",
                    )
                else:
                    first_line_of[slug] = record.line
            kind = run.choice(record, "kind", set(KINDS))
            language = run.choice(record, "language", LANGUAGES)
            if language and language not in indexes:
                run.error(record.line, _("there is no library index in this language yet"), "language")
            title = run.require(record, "title")
            if isinstance(title, str) and len(title) > 255:
                run.error(record.line, _("at most 255 characters"), "title")
            summary = run.require(record, "summary")
            body = run.require(record, "body")
            for text_field, value in (("slug", slug), ("title", title), ("summary", summary), ("body", body)):
                if value is not None and not isinstance(value, str):
                    run.error(record.line, _("expected text"), text_field)
            lessons = record.data.get("lessons") or ""
            if not isinstance(lessons, str):
                run.error(record.line, _("expected text"), "lessons")
            relations = {
                "countries": run.codes(record, "countries", known["countries"], required=True),
                "crime_types": run.codes(record, "crime_types", known["crime_types"], required=True),
                "themes": run.codes(record, "themes", known["themes"]),
                "techniques": run.codes(record, "techniques", known["techniques"]),
                "exploitation_forms": run.codes(record, "exploitation_forms", known["exploitation_forms"]),
            }
            year = run.integer(record, "year", FIRST_YEAR, timezone.now().year + 1, required=True)
            visibility = run.choice(record, "visibility", VISIBILITIES)
            outcome = run.choice(record, "outcome", set(Outcome.values), required=False)
            previous = existing.get(slug) if isinstance(slug, str) else None
            if previous is not None and kind and language:
                if previous.content_type.model_class() is not KINDS[kind]:
                    run.error(record.line, _("this slug belongs to an item of another kind"), "kind")
                elif previous.locale.language_code != language:
                    run.error(record.line, _("this slug belongs to an item in the other language"), "language")
            if len(run.errors) > errors_before or (self.skip_existing and previous is not None):
                continue
            self.items.append(
                ItemData(
                    line=record.line,
                    slug=slug,
                    model=KINDS[kind],
                    language=language,
                    fields={
                        "title": title.strip(),
                        "summary": summary.strip(),
                        "body": body_blocks(body),
                        "lessons": "".join(html_paragraphs(lessons)),
                        "year": year,
                        "visibility": visibility,
                        "outcome": outcome or Outcome.NOT_APPLICABLE,
                    },
                    relations=relations,
                )
            )
        self.existing = existing
        return self.items

    def plan(self):
        """``(to_create, to_update)`` counts for the validated items."""
        updates = sum(1 for item in self.items if item.slug in self.existing)
        return len(self.items) - updates, updates

    @transaction.atomic
    def write(self):
        """Create or update every validated item (call only when :meth:`validate` found no error)."""
        self.run.raise_if_errors()
        summary = ImportSummary()
        workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first() or ensure_library_workflow()
        indexes = {index.locale.language_code: index for index in LibraryIndexPage.objects.select_related("locale")}
        related = {
            "countries": {c.code: c for c in Country.objects.all()},
            "crime_types": {t.slug: t for t in CrimeType.objects.all()},
            "themes": {t.slug: t for t in Theme.objects.all()},
            "techniques": {t.slug: t for t in Technique.objects.all()},
            "exploitation_forms": {t.slug: t for t in ExploitationForm.objects.all()},
        }
        progress = Progress(len(self.items), self.stdout, label=_("Importing"))
        for done, data in enumerate(self.items, start=1):
            previous = self.existing.get(data.slug)
            if previous is None:
                item = data.model(slug=data.slug, live=False, **data.fields)
                indexes[data.language].add_child(instance=item)
                summary.created += 1
            else:
                item = previous.specific.get_latest_revision_as_object()
                for name, value in data.fields.items():
                    setattr(item, name, value)
                summary.updated += 1
                if item.workflow_in_progress:
                    item.current_workflow_state.cancel(user=None)
            for name, codes in data.relations.items():
                getattr(item, name).set([related[name][code] for code in codes])
            revision = item.save_revision(log_action=True)
            if findings_before_publication(item):
                workflow.start(item, user=None)
                summary.awaiting_review.append(data.slug)
            else:
                revision.publish(log_action=True)
                summary.published.append(data.slug)
            progress.advance(done)
        return summary
