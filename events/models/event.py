"""Events: the index of each language tree, the event page, its materials and its participants.

An event and its translation are one event: participants, their group and the contributions belong to the
*original* page of the event (the first page created with its ``translation_key``), so registering someone on the
Spanish page also makes them a participant of the English one.
"""

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from events.blocks import ProgrammeBlock
from members.access import Visibility


class EventKind(models.TextChoices):
    COURSE = "course", _("Course")
    MEETING = "meeting", _("Meeting")
    WORKSHOP = "workshop", _("Workshop")
    WEBINAR = "webinar", _("Webinar")


class MaterialVisibility(models.TextChoices):
    """Who may download a material. "Participants only" is the access module's *groups* level, the group being
    the event's participants."""

    PUBLIC = Visibility.PUBLIC.value, _("Public")
    MEMBERS = Visibility.MEMBERS.value, _("Members only")
    PARTICIPANTS = Visibility.GROUPS.value, _("Participants only")


class EventIndexPage(Page):
    """The events section of one language tree: upcoming and past events, filtered by country, kind and year."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["events.EventPage"]
    max_count_per_parent = 1
    template = "events/event_index_page.html"

    class Meta:
        verbose_name = _("events index")
        verbose_name_plural = _("events indexes")

    def get_context(self, request, *args, **kwargs):
        from events.listing import EventListing

        context = super().get_context(request, *args, **kwargs)
        context["listing"] = EventListing(request, index_page=self)
        return context

    def serve(self, request, *args, **kwargs):
        from practices.visibility import mark_private_if_personalised

        return mark_private_if_personalised(request, super().serve(request, *args, **kwargs))


class EventPage(Page):
    """A regional course, meeting, workshop or webinar of the network.

    Its participants form an auth ``Group`` ("Participants: <event>") that restricted content (materials, library
    items, contributions) can be limited to; :mod:`events.participants` keeps the table and the group in sync.
    """

    kind = models.CharField(
        _("kind"), max_length=20, choices=EventKind.choices, default=EventKind.COURSE, db_index=True
    )
    start_date = models.DateField(_("start date"), db_index=True)
    end_date = models.DateField(_("end date"), db_index=True)
    city = models.CharField(_("city"), max_length=120, blank=True)
    country = models.ForeignKey(
        "network.Country",
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
    )
    online = models.BooleanField(_("online"), default=False)
    organisers = ParentalManyToManyField(
        "network.Institution", verbose_name=_("organisers"), blank=True, related_name="events_organised"
    )
    summary = models.TextField(
        _("summary"), blank=True, help_text=_("One or two sentences for listings and calendars.")
    )
    description = RichTextField(_("description"), blank=True, features=["bold", "italic", "link", "ul", "ol"])
    programme = StreamField(ProgrammeBlock(), verbose_name=_("programme"), blank=True)
    visibility = models.CharField(
        _("visibility"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.PUBLIC,
        db_index=True,
        help_text=_("Who may see the event. Only public events appear in the calendar feed."),
    )
    restricted_to_groups = ParentalManyToManyField(
        "auth.Group", verbose_name=_("restricted to groups"), blank=True, related_name="restricted_events"
    )
    participants_group = models.ForeignKey(
        "auth.Group",
        verbose_name=_("participants group"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    content_panels = Page.content_panels + [
        FieldPanel("kind"),
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")], heading=_("Dates")),
        MultiFieldPanel([FieldPanel("city"), FieldPanel("country"), FieldPanel("online")], heading=_("Place")),
        FieldPanel("organisers"),
        MultiFieldPanel([FieldPanel("visibility"), FieldPanel("restricted_to_groups")], heading=_("Visibility")),
        FieldPanel("summary"),
        FieldPanel("description"),
        FieldPanel("programme"),
        InlinePanel("materials", label=_("Materials")),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("description"),
        index.SearchField("city"),
        index.FilterField("kind"),
        index.FilterField("visibility"),
        index.FilterField("start_date"),
        index.FilterField("locale"),
    ]

    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []
    template = "events/event_page.html"

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def clean(self):
        from django.core.exceptions import ValidationError

        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The event cannot end before it starts.")})

    def save(self, *args, **kwargs):
        result = super().save(*args, **kwargs)
        if self.participants_group_id is None:
            from events.participants import ensure_participants_group

            ensure_participants_group(self)
        return result

    @cached_property
    def original(self):
        """The page that holds the event's participants and group: the first of its translations."""
        first = EventPage.objects.filter(translation_key=self.translation_key).order_by("pk").first()
        return first if first is not None and first.pk != self.pk else self

    @property
    def has_ended(self):
        return self.end_date < timezone.localdate()

    @property
    def is_upcoming(self):
        return self.end_date >= timezone.localdate()

    @property
    def place(self):
        parts = [self.city, self.country.name if self.country_id else ""]
        return ", ".join(part for part in parts if part)

    def is_participant(self, user):
        """Whether ``user`` is registered as a participant of this event (in any of its translations)."""
        if user is None or not user.is_authenticated:
            return False
        return EventParticipant.objects.filter(event_id=self.original.pk, user_id=user.pk).exists()

    def serve(self, request, *args, **kwargs):
        """Serve the event only to whom ``members.access`` allows; personalised responses stay private."""
        from practices.visibility import mark_private_if_personalised, refuse_page

        if not getattr(request, "is_preview", False):
            refusal = refuse_page(request, self)
            if refusal is not None:
                return refusal
        return mark_private_if_personalised(request, super().serve(request, *args, **kwargs))

    def document_visible_to(self, request, document):
        """Whether the request may download ``document``, used in this (live) event, as far as the event goes
        (:mod:`practices.documents`): a material is downloaded only by whom its own level allows (every material
        holding the document, when several do); a document linked elsewhere in the event, by whom sees the event."""
        from members.access import can_view

        return all(can_view(request, material) for material in self.materials.filter(document=document))

    def get_sitemap_urls(self, request=None):
        """Only public events are listed: the sitemap is public and cached by crawlers (a restricted event's
        address names it)."""
        from practices.visibility import is_public

        return super().get_sitemap_urls(request) if is_public(self) else []

    def get_context(self, request, *args, **kwargs):
        from events.presenters import event_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(event_page_context(request, self))
        return context


class EventMaterial(Orderable):
    """A document of the event (slides, reading list, certificate template) with who may download it."""

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="materials")
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("document"), on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField(_("title"), max_length=255, blank=True, help_text=_("Defaults to the document's title."))
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=MaterialVisibility.choices, default=MaterialVisibility.PARTICIPANTS
    )

    panels = [FieldPanel("document"), FieldPanel("title"), FieldPanel("visibility")]

    class Meta(Orderable.Meta):
        verbose_name = _("material")
        verbose_name_plural = _("materials")

    @property
    def display_title(self):
        return self.title or self.document.title

    @property
    def restricted_to_groups(self):
        """The access module's *groups* level: here, the participants of the event."""
        return Group.objects.filter(pk=self.page.original.participants_group_id)


class EventParticipant(models.Model):
    """A person registered as a participant of an event (always the event's original page).

    Rows are added and removed through :mod:`events.participants` or the admin; the signal handlers in
    :mod:`events.signals` mirror every change into the event's participants group.
    """

    event = models.ForeignKey(
        EventPage, verbose_name=_("event"), on_delete=models.CASCADE, related_name="participations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="event_participations",
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    invited_at = models.DateTimeField(_("invited on"), null=True, blank=True)
    registered_at = models.DateTimeField(_("registered on"), default=timezone.now)
    credited = models.BooleanField(
        _("completed"), default=False, help_text=_("The participant completed the course (certificate issued).")
    )
    followup_sent_at = models.DateTimeField(_("invitation to share sent on"), null=True, blank=True)
    followup_attempts = models.PositiveSmallIntegerField(_("sending attempts"), default=0)
    followup_error = models.TextField(_("last sending error"), blank=True)

    panels = [FieldPanel("event"), FieldPanel("user"), FieldPanel("credited")]

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["event", "user__last_name", "user__first_name"]
        constraints = [models.UniqueConstraint(fields=["event", "user"], name="events_one_participation_per_event")]

    def __str__(self):
        return f"{self.user} · {self.event}"


class EventInvitation(models.Model):
    """A members' invitation sent for an event: whoever accepts it becomes a participant of the event."""

    event = models.ForeignKey(EventPage, verbose_name=_("event"), on_delete=models.CASCADE, related_name="invitations")
    invitation = models.OneToOneField(
        "members.Invitation", verbose_name=_("invitation"), on_delete=models.CASCADE, related_name="event_invitation"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("event invitation")
        verbose_name_plural = _("event invitations")

    def __str__(self):
        return f"{self.invitation.email} · {self.event}"
