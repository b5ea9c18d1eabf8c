"""Country sheets: how to ask each country for cooperation, after the EJN's *Fiches Belges*.

A sheet is a snippet, not a page. It is one structured record per country, bilingual side by side
(``…_es``/``…_en`` fields, as the reference data), because its facts (the central authority, the channels, the
per-need routes) are the same in both languages and the counterpart finder reads them as data; a page per language
would make editors keep two copies of every institution and date in step. Editors find all sheets in the admin's
"Network" menu, with a filter for those overdue for review, and the dashboard lists them.

Each sheet has a public part (institution-level facts anyone may read) and a members-only part (the urgent
procedure, practical tips), shown on the site only when ``members.access.is_full_member`` says so.
"""

import datetime

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.fields import RichTextField
from wagtail.models import Orderable

from .reference import Country, Institution, Need, in_active_language

#: A sheet not reviewed for this long is flagged to editors.
REVIEW_INTERVAL = datetime.timedelta(days=365)


class Channel(models.TextChoices):
    DIPLOMATIC = "diplomatic", _("Diplomatic channel")
    DIRECT = "direct", _("Directly between authorities")
    INTERPOL = "interpol", _("INTERPOL")
    EMAIL_IN_ADVANCE = "email_in_advance", _("E-mail in advance, original to follow")


class CountrySheetQuerySet(models.QuerySet):
    def overdue_for_review(self, today=None):
        """Sheets never reviewed, or last reviewed more than :data:`REVIEW_INTERVAL` ago."""
        cutoff = (today or timezone.localdate()) - REVIEW_INTERVAL
        return self.filter(models.Q(last_reviewed__isnull=True) | models.Q(last_reviewed__lt=cutoff))


def bilingual_panels(*bases):
    return [FieldRowPanel([FieldPanel(f"{base}_es"), FieldPanel(f"{base}_en")]) for base in bases]


class CountrySheet(ClusterableModel):
    """One country's practical sheet for cooperation requests: who to ask, how, in which language, how fast."""

    country = models.OneToOneField(Country, verbose_name=_("country"), on_delete=models.PROTECT, related_name="sheet")
    mla_central_authority = models.ForeignKey(
        Institution,
        verbose_name=_("central authority for mutual legal assistance"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    extradition_central_authority = models.ForeignKey(
        Institution,
        verbose_name=_("central authority for extradition"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accepted_languages = models.CharField(
        _("accepted languages"),
        max_length=100,
        blank=True,
        help_text=_("ISO 639-1 codes separated by spaces, for example: es en"),
    )
    channel_diplomatic = models.BooleanField(Channel.DIPLOMATIC.label, default=True)
    channel_direct = models.BooleanField(Channel.DIRECT.label, default=False)
    channel_interpol = models.BooleanField(Channel.INTERPOL.label, default=False)
    channel_email_in_advance = models.BooleanField(Channel.EMAIL_IN_ADVANCE.label, default=False)
    legal_requirements_es = RichTextField(_("legal requirements (Spanish)"), blank=True)
    legal_requirements_en = RichTextField(_("legal requirements (English)"), blank=True)
    response_times_es = models.TextField(_("typical response times (Spanish)"), blank=True)
    response_times_en = models.TextField(_("typical response times (English)"), blank=True)
    # Members-only part.
    urgent_procedure_es = RichTextField(_("urgent procedure (Spanish)"), blank=True)
    urgent_procedure_en = RichTextField(_("urgent procedure (English)"), blank=True)
    practical_tips_es = RichTextField(_("practical tips (Spanish)"), blank=True)
    practical_tips_en = RichTextField(_("practical tips (English)"), blank=True)
    last_reviewed = models.DateField(_("last reviewed"), null=True, blank=True, db_index=True)

    objects = CountrySheetQuerySet.as_manager()

    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldPanel("country"),
                    FieldPanel("mla_central_authority"),
                    FieldPanel("extradition_central_authority"),
                    FieldPanel("accepted_languages"),
                    MultiFieldPanel(
                        [
                            FieldPanel("channel_diplomatic"),
                            FieldPanel("channel_direct"),
                            FieldPanel("channel_interpol"),
                            FieldPanel("channel_email_in_advance"),
                        ],
                        heading=_("Channels"),
                    ),
                    *bilingual_panels("legal_requirements", "response_times"),
                    InlinePanel("legal_instruments", heading=_("Legal framework"), label=_("law")),
                    FieldPanel("last_reviewed"),
                ],
                heading=_("Public part"),
            ),
            ObjectList(bilingual_panels("urgent_procedure", "practical_tips"), heading=_("Members-only part")),
            ObjectList(
                [InlinePanel("need_guidance", heading=_("Guidance per need"), label=_("need"))],
                heading=_("Guidance per need"),
            ),
        ]
    )

    class Meta:
        ordering = ["country__sort_order"]
        verbose_name = _("country sheet")
        verbose_name_plural = _("country sheets")

    def __str__(self):
        return str(self.country)

    def localized(self, base):
        return in_active_language(self, base)

    @property
    def channels(self):
        """The labels of the channels the country accepts, in a stable order."""
        return [channel.label for channel in Channel if getattr(self, f"channel_{channel.value}", False)]

    @property
    def language_codes(self):
        return self.accepted_languages.split()

    @property
    def is_review_overdue(self):
        return self.last_reviewed is None or self.last_reviewed < timezone.localdate() - REVIEW_INTERVAL


class LegalInstrument(Orderable):
    """A law or treaty in a country's legal framework on trafficking and smuggling, with a link to its text."""

    sheet = ParentalKey(CountrySheet, on_delete=models.CASCADE, related_name="legal_instruments")
    title_es = models.CharField(_("title (Spanish)"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300)
    url = models.URLField(_("link to the text"), blank=True)

    panels = [FieldRowPanel([FieldPanel("title_es"), FieldPanel("title_en")]), FieldPanel("url")]

    class Meta(Orderable.Meta):
        verbose_name = _("law")
        verbose_name_plural = _("laws")

    def __str__(self):
        return self.title

    @property
    def title(self):
        return in_active_language(self, "title")


class NeedGuidance(Orderable):
    """How a country wants to be asked for one need: the competent institution, channel, languages, requirements.

    The counterpart finder reads these rows; the urgent procedure is members-only, the rest public.
    """

    sheet = ParentalKey(CountrySheet, on_delete=models.CASCADE, related_name="need_guidance")
    need = models.ForeignKey(Need, verbose_name=_("need"), on_delete=models.CASCADE, related_name="guidance")
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("competent institution"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="need_guidance",
    )
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices, blank=True)
    languages = models.CharField(
        _("languages"), max_length=100, blank=True, help_text=_("ISO 639-1 codes separated by spaces")
    )
    requirements_es = models.TextField(_("requirements (Spanish)"), blank=True)
    requirements_en = models.TextField(_("requirements (English)"), blank=True)
    urgent_procedure_es = models.TextField(_("urgent procedure (Spanish, members only)"), blank=True)
    urgent_procedure_en = models.TextField(_("urgent procedure (English, members only)"), blank=True)

    panels = [
        FieldPanel("need"),
        FieldPanel("institution"),
        FieldPanel("channel"),
        FieldPanel("languages"),
        *bilingual_panels("requirements", "urgent_procedure"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("guidance for a need")
        verbose_name_plural = _("guidance per need")
        constraints = [models.UniqueConstraint(fields=["sheet", "need"], name="one_guidance_per_need_per_sheet")]

    def __str__(self):
        return f"{self.sheet}: {self.need}"

    def localized(self, base):
        return in_active_language(self, base)
