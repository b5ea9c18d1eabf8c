"""The library's taxonomies: crime types, forms of exploitation, investigative techniques and themes.

Each term is a snippet editors maintain, named in Spanish and English side by side (like the network's countries:
a case is filed under one term whatever the reader's language) and identified by a stable ``slug`` that URLs,
facets, the bulk import and the search index use. Renaming a term never breaks a shared link.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from network.models.reference import BilingualNameMixin


class TaxonomyTerm(BilingualNameMixin, index.Indexed):
    """A bilingual term with a stable slug, ordered by editors."""

    slug = models.SlugField(
        _("slug"),
        max_length=60,
        unique=True,
        help_text=_("Stable identifier used in links, filters and imports. Do not change it once in use."),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=100)

    panels = [FieldPanel("slug"), FieldPanel("name_es"), FieldPanel("name_en"), FieldPanel("sort_order")]
    search_fields = [
        index.SearchField("name_es"),
        index.SearchField("name_en"),
        index.AutocompleteField("name_es"),
        index.AutocompleteField("name_en"),
        index.FilterField("slug"),
    ]

    class Meta:
        abstract = True
        ordering = ["sort_order", "slug"]


class CrimeType(TaxonomyTerm):
    """The offence a case concerns: trafficking in persons or smuggling of migrants (they are often confused)."""

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("crime type")
        verbose_name_plural = _("crime types")


class ExploitationForm(TaxonomyTerm):
    """The purpose of exploitation in a trafficking case (sexual, labour, forced begging…)."""

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("form of exploitation")
        verbose_name_plural = _("forms of exploitation")


class Technique(TaxonomyTerm):
    """An investigative technique or cooperation tool used in a case (controlled delivery, MLA request…)."""

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("technique or cooperation tool")
        verbose_name_plural = _("techniques and cooperation tools")


class Theme(TaxonomyTerm):
    """A cross-cutting theme, starting with the weaknesses UNODC identified in the region's responses."""

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
