"""What every item of the library shares: taxonomy, visibility, body, sources, related items and attachments.

``LibraryItemPage`` is a concrete (multi-table) base page rather than an abstract one on purpose: every kind of
item (case study, good practice, and the event participants' experiences added by the events app) lives in one
table, so the listing, its facet counts and the search filter all kinds with one query each, whatever the number
of kinds. The base page itself is never created (``is_creatable = False``); a kind is a subclass that sets
``library_kind``.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail.utils.decorators import cached_classmethod

from members.access import Visibility
from practices.blocks import RICH_TEXT_FEATURES, LibraryBodyBlock


class LibraryKind(models.TextChoices):
    """The kinds of library item; ``experience`` is reserved for the events app's participant contributions."""

    CASE_STUDY = "case_study", _("Case study")
    GOOD_PRACTICE = "good_practice", _("Good practice")
    EXPERIENCE = "experience", _("Experience")


class Outcome(models.TextChoices):
    """How the proceedings ended (for case studies; other kinds are "not applicable")."""

    CONVICTION = "conviction", _("Conviction")
    ACQUITTAL = "acquittal", _("Acquittal")
    ONGOING = "ongoing", _("Ongoing")
    DISMISSED = "dismissed", _("Dismissed")
    NOT_APPLICABLE = "not_applicable", _("Not applicable")


class LibraryItemPage(Page):
    """An item of the library: the fields, panels, visibility rule and search configuration all kinds share.

    Visibility is decided by ``members.access`` alone: this page only declares ``visibility`` and
    ``restricted_to_groups``, as the access module expects, and asks it in :meth:`serve`.
    """

    library_kind = None

    kind = models.CharField(_("kind"), max_length=20, choices=LibraryKind.choices, editable=False, db_index=True)
    summary = models.TextField(
        _("summary"), help_text=_("Two or three sentences shown in listings, feeds and search results.")
    )
    body = StreamField(LibraryBodyBlock(), verbose_name=_("body"), blank=True)
    countries = ParentalManyToManyField(
        "network.Country", verbose_name=_("countries involved"), blank=True, related_name="library_items"
    )
    crime_types = ParentalManyToManyField(
        "practices.CrimeType", verbose_name=_("crime types"), blank=True, related_name="library_items"
    )
    exploitation_forms = ParentalManyToManyField(
        "practices.ExploitationForm",
        verbose_name=_("forms of exploitation"),
        blank=True,
        related_name="library_items",
    )
    techniques = ParentalManyToManyField(
        "practices.Technique",
        verbose_name=_("techniques and cooperation tools"),
        blank=True,
        related_name="library_items",
    )
    themes = ParentalManyToManyField(
        "practices.Theme", verbose_name=_("themes"), blank=True, related_name="library_items"
    )
    year = models.PositiveSmallIntegerField(
        _("year"), null=True, blank=True, db_index=True, help_text=_("Year of the case or of the practice.")
    )
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=Outcome.choices, default=Outcome.NOT_APPLICABLE, db_index=True
    )
    lessons = RichTextField(_("lessons learned"), blank=True, features=RICH_TEXT_FEATURES)
    sources = RichTextField(
        _("sources"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("Judgments, reports and publications this item draws on (public references only)."),
    )
    related_practices = ParentalManyToManyField(
        "practices.LibraryItemPage",
        verbose_name=_("related practices"),
        blank=True,
        symmetrical=False,
        related_name="referenced_by",
    )
    visibility = models.CharField(
        _("visibility"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.MEMBERS,
        db_index=True,
        help_text=_("Who may read this item. Restricted items use documents, never images, for anything sensitive."),
    )
    restricted_to_groups = ParentalManyToManyField(
        "auth.Group",
        verbose_name=_("restricted to groups"),
        blank=True,
        related_name="library_items",
        help_text=_("Only for the level “Restricted to named groups”: the working groups or event participants."),
    )

    taxonomy_panels = [
        FieldPanel("countries"),
        FieldPanel("crime_types"),
        FieldPanel("exploitation_forms"),
        FieldPanel("techniques"),
        FieldPanel("themes"),
        FieldPanel("year"),
    ]
    visibility_panels = [
        MultiFieldPanel(
            [FieldPanel("visibility"), FieldPanel("restricted_to_groups")],
            heading=_("Visibility"),
        )
    ]
    content_panels = Page.content_panels + [
        *visibility_panels,
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel(taxonomy_panels, heading=_("Classification")),
        FieldPanel("lessons"),
        FieldPanel("sources"),
        FieldPanel("related_practices"),
        InlinePanel("attachments", label=_("Attachments")),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=3),
        index.SearchField("body"),
        index.SearchField("lessons", boost=1.5),
        index.SearchField("sources", boost=0.5),
        index.RelatedFields("countries", [index.SearchField("name_es"), index.SearchField("name_en")]),
        index.RelatedFields("crime_types", [index.SearchField("name_es"), index.SearchField("name_en")]),
        index.RelatedFields("exploitation_forms", [index.SearchField("name_es"), index.SearchField("name_en")]),
        index.RelatedFields("techniques", [index.SearchField("name_es"), index.SearchField("name_en")]),
        index.RelatedFields("themes", [index.SearchField("name_es"), index.SearchField("name_en")]),
        index.FilterField("kind"),
        index.FilterField("visibility"),
        index.FilterField("year"),
        index.FilterField("outcome"),
        index.FilterField("locale"),
        index.FilterField("countries"),
        index.FilterField("crime_types"),
        index.FilterField("exploitation_forms"),
        index.FilterField("techniques"),
        index.FilterField("themes"),
    ]

    parent_page_types = ["practices.LibraryIndexPage"]
    subpage_types = []
    is_creatable = False

    class Meta:
        verbose_name = _("library item")
        verbose_name_plural = _("library items")
        indexes = [models.Index(fields=["visibility", "kind"], name="practices_item_vis_kind")]

    def save(self, *args, **kwargs):
        if self.library_kind:
            self.kind = self.library_kind
        return super().save(*args, **kwargs)

    @cached_classmethod
    def get_edit_handler(cls):
        """Wagtail's editing tabs with the anonymization check's findings panel under the title, for every kind."""
        from practices.anonymization.panels import edit_handler_with_findings

        return edit_handler_with_findings(cls)

    def publish(self, revision, *args, **kwargs):
        """Publish ``revision`` only when no personal data found in it is unresolved.

        Every route that publishes (the workflow, a direct or scheduled publication, the import) ends here; see
        :mod:`practices.anonymization.workflow`.
        """
        from practices.anonymization.workflow import guard_publication

        if guard_publication(self, revision):
            return super().publish(revision, *args, **kwargs)
        return None

    def permissions_for_user(self, user):
        """Everyone's usual permissions, minus direct publication (see :mod:`practices.permissions`)."""
        from practices.permissions import LibraryItemPermissionTester

        return LibraryItemPermissionTester(user, self)

    @property
    def language_code(self):
        return self.locale.language_code

    def serve(self, request, *args, **kwargs):
        """Serve the item only to whom ``members.access`` allows (see :mod:`practices.visibility`)."""
        from practices.visibility import mark_private, refuse_page

        if not getattr(request, "is_preview", False):
            refusal = refuse_page(request, self)
            if refusal is not None:
                return refusal
        response = super().serve(request, *args, **kwargs)
        if self.visibility != Visibility.PUBLIC:
            mark_private(response)
        return response

    def get_sitemap_urls(self, request=None):
        """Only public items are listed: the sitemap is public and cached by crawlers."""
        from practices.visibility import is_public

        return super().get_sitemap_urls(request) if is_public(self) else []

    def get_context(self, request, *args, **kwargs):
        from practices.reading import item_context

        context = super().get_context(request, *args, **kwargs)
        context.update(item_context(request, self))
        return context


class LibraryAttachment(Orderable):
    """A document attached to a library item. Its download is checked against the item's visibility."""

    page = ParentalKey(LibraryItemPage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("document"), on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField(_("title"), max_length=255, blank=True, help_text=_("Defaults to the document's title."))

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    @property
    def display_title(self):
        return self.title or self.document.title


class PartyRole(models.TextChoices):
    VICTIMS = "victims", _("Victims")
    DEFENDANTS = "defendants", _("Defendants")


class AgeBand(models.TextChoices):
    UNDER_12 = "0-11", _("Under 12")
    FROM_12_TO_17 = "12-17", _("12 to 17")
    FROM_18_TO_24 = "18-24", _("18 to 24")
    FROM_25_TO_39 = "25-39", _("25 to 39")
    FROM_40 = "40+", _("40 and over")
    UNKNOWN = "unknown", _("Unknown")


class PartyAggregate(Orderable):
    """Victims or defendants of a case counted by age band and nationality: numbers only, never a name.

    The form has no free-text field on purpose, so nobody can type a person's name here.
    """

    page = ParentalKey(LibraryItemPage, on_delete=models.CASCADE, related_name="party_aggregates")
    role = models.CharField(_("role"), max_length=12, choices=PartyRole.choices)
    count = models.PositiveIntegerField(_("number of people"))
    age_band = models.CharField(_("age band"), max_length=10, choices=AgeBand.choices, default=AgeBand.UNKNOWN)
    nationality = models.ForeignKey(
        "network.Country",
        verbose_name=_("nationality"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    panels = [
        FieldRowPanel([FieldPanel("role"), FieldPanel("count"), FieldPanel("age_band"), FieldPanel("nationality")])
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("victims or defendants (aggregate)")
        verbose_name_plural = _("victims and defendants (aggregate)")


def library_item_models():
    """Every creatable kind of library item, including those other apps add (their pages subclass the base)."""
    from wagtail.models import get_page_models

    return [model for model in get_page_models() if issubclass(model, LibraryItemPage) and model.is_creatable]


__all__ = [
    "AgeBand",
    "LibraryAttachment",
    "LibraryItemPage",
    "LibraryKind",
    "Outcome",
    "PartyAggregate",
    "PartyRole",
    "library_item_models",
]
