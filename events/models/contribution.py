"""What participants share after an event: their contribution (a server-side draft until submitted), the
library item of kind "experience" it becomes, and participants' moderated replies to it."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Page
from wagtail.search import index

from practices.models import LibraryItemPage, LibraryKind

#: The structured sections of a contribution, in the order the form and the page show them.
SECTIONS = ["will_apply", "case_situation", "cooperation_challenges", "good_practices_seen", "suggestions"]


class ContributionVisibility(models.TextChoices):
    PARTICIPANTS = "participants", _("Participants of the event only")
    MEMBERS = "members", _("All members of the network")
    PUBLIC = "public", _("Public, if an editor agrees")


class ContributionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for review")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Not published")


class SharedSections(models.Model):
    """The five questions every participant is asked after an event (CEPOL's post-course feedback, made useful)."""

    will_apply = models.TextField(_("What will you apply in your work?"), blank=True)
    case_situation = models.TextField(
        _("A case or situation you handled that others can learn from"),
        blank=True,
        help_text=_("Do not name victims, suspects or witnesses, and leave out case numbers."),
    )
    cooperation_challenges = models.TextField(_("Challenges in cooperation you met"), blank=True)
    good_practices_seen = models.TextField(_("Good practices you saw"), blank=True)
    suggestions = models.TextField(_("Suggestions for the next event"), blank=True)

    class Meta:
        abstract = True

    def filled_sections(self):
        """``(label, text)`` of the sections that were answered, in order."""
        return [
            (self._meta.get_field(name).verbose_name, getattr(self, name))
            for name in SECTIONS
            if getattr(self, name).strip()
        ]


class ExperiencePage(LibraryItemPage, SharedSections):
    """A participant's experience of an event, in the library next to case studies and good practices.

    Created as a draft by submitting a :class:`Contribution`, then reviewed through the library's workflow
    (anonymization check, editor review). The author's name is shown only if they chose to be credited.
    """

    library_kind = LibraryKind.EXPERIENCE

    event = models.ForeignKey(
        "events.EventPage",
        verbose_name=_("event"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="experiences",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="experiences",
    )
    credit_author = models.BooleanField(_("show the author's name"), default=False)
    public_requested = models.BooleanField(
        _("author agrees to public visibility"),
        default=False,
        help_text=_("The author accepts that an editor makes this experience public."),
    )

    content_panels = Page.content_panels + [
        *LibraryItemPage.visibility_panels,
        FieldPanel("public_requested", read_only=True),
        MultiFieldPanel(
            [FieldPanel("event", read_only=True), FieldPanel("author", read_only=True), FieldPanel("credit_author")],
            heading=_("Origin"),
        ),
        FieldPanel("summary"),
        FieldPanel("will_apply"),
        FieldPanel("case_situation"),
        FieldPanel("cooperation_challenges"),
        FieldPanel("good_practices_seen"),
        FieldPanel("suggestions"),
        MultiFieldPanel(LibraryItemPage.taxonomy_panels, heading=_("Classification")),
        InlinePanel("attachments", label=_("Attachments")),
    ]

    search_fields = LibraryItemPage.search_fields + [
        index.SearchField("will_apply"),
        index.SearchField("case_situation"),
        index.SearchField("cooperation_challenges"),
        index.SearchField("good_practices_seen"),
        index.SearchField("suggestions"),
    ]

    template = "events/experience_page.html"

    class Meta:
        verbose_name = _("experience")
        verbose_name_plural = _("experiences")

    def __str__(self):
        return self.title

    @property
    def credited_name(self):
        """The author's name if they chose to be credited, else an empty string."""
        return str(self.author) if self.credit_author and self.author_id else ""

    def get_context(self, request, *args, **kwargs):
        from events.presenters import experience_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(experience_page_context(request, self))
        return context


class Contribution(SharedSections):
    """A participant's answer to "share your experience", saved on the server from the first keystroke.

    Editable by its author while a draft; submitting it creates the :class:`ExperiencePage` and starts the
    library workflow. E-mails about it are sent after it is saved and retried when sending fails.
    """

    event = models.ForeignKey(
        "events.EventPage", verbose_name=_("event"), on_delete=models.CASCADE, related_name="contributions"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.CASCADE, related_name="contributions"
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    countries = models.ManyToManyField("network.Country", verbose_name=_("countries"), blank=True, related_name="+")
    themes = models.ManyToManyField("practices.Theme", verbose_name=_("themes"), blank=True, related_name="+")
    crime_types = models.ManyToManyField(
        "practices.CrimeType", verbose_name=_("crime types"), blank=True, related_name="+"
    )
    visibility = models.CharField(
        _("who may read it"),
        max_length=20,
        choices=ContributionVisibility.choices,
        default=ContributionVisibility.PARTICIPANTS,
    )
    credit_me = models.BooleanField(_("show my name with it"), default=False)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE)
    status = models.CharField(
        _("status"), max_length=20, choices=ContributionStatus.choices, default=ContributionStatus.DRAFT, db_index=True
    )
    experience = models.OneToOneField(
        ExperiencePage,
        verbose_name=_("library item"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contribution",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last saved"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted on"), null=True, blank=True)
    confirmation_sent_at = models.DateTimeField(_("confirmation sent on"), null=True, blank=True)
    confirmation_attempts = models.PositiveSmallIntegerField(_("sending attempts"), default=0)
    confirmation_error = models.TextField(_("last sending error"), blank=True)

    class Meta:
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        ordering = ["-updated_at"]
        constraints = [models.UniqueConstraint(fields=["event", "author"], name="events_one_contribution_per_event")]

    def __str__(self):
        return self.title or f"{self.author} · {self.event}"

    @property
    def is_editable(self):
        return self.status == ContributionStatus.DRAFT


class CommentStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for moderation")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class ContributionComment(models.Model):
    """A participant's short reply to a published experience; shown to the event's participants once approved."""

    experience = models.ForeignKey(
        ExperiencePage, verbose_name=_("experience"), on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.CASCADE, related_name="+"
    )
    body = models.TextField(_("reply"), max_length=1000)
    status = models.CharField(
        _("status"), max_length=10, choices=CommentStatus.choices, default=CommentStatus.PENDING, db_index=True
    )
    created_at = models.DateTimeField(_("written on"), default=timezone.now)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderated by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    panels = [FieldPanel("body", read_only=True), FieldPanel("status")]

    class Meta:
        verbose_name = _("reply")
        verbose_name_plural = _("replies")
        ordering = ["created_at"]

    def __str__(self):
        return self.body[:60]


class ModerationDigest(models.Model):
    """The record of one day's digest to editors, so running the command twice a day sends it once."""

    day = models.DateField(_("day"), unique=True)
    sent_at = models.DateTimeField(_("sent on"), default=timezone.now)
    recipients = models.PositiveIntegerField(_("recipients"), default=0)
    pending = models.PositiveIntegerField(_("pending contributions"), default=0)

    class Meta:
        verbose_name = _("moderation digest")
        verbose_name_plural = _("moderation digests")
        ordering = ["-day"]

    def __str__(self):
        return str(self.day)
