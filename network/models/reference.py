"""Reference data of the network: countries, institutions and needs.

This module depends on no other app of ours: members, the directory, the library and events all point here.
Names are stored in both languages side by side (``name_es``/``name_en``) rather than as per-locale rows,
because every other record refers to one country or institution whatever the reader's language.
"""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


def in_active_language(obj, base):
    """The ``<base>_en`` or ``<base>_es`` field of ``obj`` for the active language (Spanish by default).

    Falls back to the other language when the active one is empty, so an English reader of a sheet that is
    only written in Spanish still reads something.
    """
    english = (get_language() or "es").startswith("en")
    first, second = ("en", "es") if english else ("es", "en")
    return getattr(obj, f"{base}_{first}") or getattr(obj, f"{base}_{second}")


class BilingualNameMixin(models.Model):
    """A record named in Spanish and English; ``name`` answers in the active language."""

    name_es = models.CharField(_("name (Spanish)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)

    class Meta:
        abstract = True

    def __str__(self):
        return self.name

    @property
    def name(self):
        return self.name_en if (get_language() or "es").startswith("en") else self.name_es


class Country(BilingualNameMixin, index.Indexed):
    """A country taking part in the network, by ISO 3166-1 alpha-2 code.

    The eight countries of the region come first (``in_region``, then ``sort_order``); others that take part
    in cases or events (Colombia, the Dominican Republic, the United States, Spain…) follow.
    """

    code = models.CharField(
        _("ISO code"),
        max_length=2,
        unique=True,
        validators=[RegexValidator(r"^[A-Z]{2}$", _("Use the two capital letters of ISO 3166-1 alpha-2."))],
    )
    in_region = models.BooleanField(_("in the region"), default=False, db_index=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=100)

    panels = [
        FieldPanel("code"),
        FieldPanel("name_es"),
        FieldPanel("name_en"),
        FieldPanel("in_region"),
        FieldPanel("sort_order"),
    ]
    search_fields = [index.SearchField("name_es"), index.SearchField("name_en"), index.FilterField("code")]

    class Meta:
        ordering = ["-in_region", "sort_order", "name_es"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")


class InstitutionType(models.TextChoices):
    PROSECUTION = "prosecution", _("Prosecution service")
    SPECIALIZED_UNIT = "specialized_unit", _("Specialized trafficking/smuggling unit")
    POLICE = "police", _("National police")
    INTERPOL_NCB = "interpol_ncb", _("INTERPOL National Central Bureau")
    CENTRAL_AUTHORITY = "central_authority", _("Central authority for MLA/extradition")
    MIGRATION = "migration", _("Migration authority")
    LABOUR_INSPECTION = "labour_inspection", _("Labour inspection")
    VICTIM_PROTECTION = "victim_protection", _("Victim protection")
    JUDICIARY = "judiciary", _("Judiciary")
    INTERNATIONAL = "international", _("International organisation")


class Institution(index.Indexed, models.Model):
    """A public institution practitioners belong to or need to reach (a prosecution service, a police force…).

    ``email_domains`` lists the official domains; an applicant whose address is not on one of them is
    flagged to vetters.
    """

    name = models.CharField(_("name"), max_length=255)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    institution_type = models.CharField(_("type"), max_length=30, choices=InstitutionType.choices, db_index=True)
    country = models.ForeignKey(
        Country, verbose_name=_("country"), on_delete=models.PROTECT, related_name="institutions"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent institution"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="units",
    )
    email_domains = models.CharField(
        _("official e-mail domains"),
        max_length=500,
        blank=True,
        help_text=_("Separated by spaces or commas, for example: fgr.org.mx pgr.gob.mx"),
    )
    website = models.URLField(_("website"), blank=True)
    switchboard = models.CharField(_("public switchboard"), max_length=50, blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("acronym"),
        FieldPanel("institution_type"),
        FieldPanel("country"),
        FieldPanel("parent"),
        FieldPanel("email_domains"),
        FieldPanel("website"),
        FieldPanel("switchboard"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("acronym"),
        index.FilterField("country_id"),
        index.FilterField("institution_type"),
    ]

    class Meta:
        ordering = ["country__sort_order", "name"]
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")
        constraints = [models.UniqueConstraint(fields=["country", "name"], name="unique_institution_name_per_country")]

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    @property
    def domain_list(self):
        return [d.strip().lower().lstrip("@") for d in self.email_domains.replace(",", " ").split() if d.strip()]

    def owns_email(self, email):
        """True when the address is on one of the institution's official domains or a subdomain of one."""
        domain = email.rsplit("@", 1)[-1].lower()
        return any(domain == d or domain.endswith("." + d) for d in self.domain_list)


class Need(BilingualNameMixin):
    """What a practitioner asks of a counterpart abroad: send an MLA request, extradition, a controlled delivery…"""

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    description_es = models.TextField(_("description (Spanish)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=100)

    panels = [
        FieldPanel("slug"),
        FieldPanel("name_es"),
        FieldPanel("name_en"),
        FieldPanel("description_es"),
        FieldPanel("description_en"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        ordering = ["sort_order", "slug"]
        verbose_name = _("need")
        verbose_name_plural = _("needs")

    @property
    def description(self):
        return self.description_en if (get_language() or "es").startswith("en") else self.description_es
